#!/bin/sh
# Starts coturn with infra/coturn/turnserver.conf plus what must come from the environment, and
# reloads its TLS certificate when a renewal replaces it.
# The secrets go into a private copy of the configuration (mode 600 on a runtime directory), not
# onto the command line, where any process could read them from /proc.
#
#   TURN_SECRET            current shared secret (required; the same value turn-credentials-service has)
#   TURN_PREVIOUS_SECRET   the secret before the last rotation (optional)
#   TURN_REALM             realm (default smilingsteps)
#   TURN_EXTERNAL_IP       public address, or "public/private" behind 1:1 NAT (optional)
#   TURN_CONFIG            base configuration (default /etc/coturn/turnserver.conf)
#   TURN_RUNTIME_DIR       where the rendered configuration goes (default /run/coturn)
#   TURN_TLS_RELOAD_EVERY  seconds between checks of the certificate files (default 60)
#
# coturn reads certificates only at start and on SIGUSR2 (which keeps every allocation), so this
# script stays coturn's parent: it compares the cert= and pkey= files every TURN_TLS_RELOAD_EVERY
# seconds and signals coturn when they changed (certbot renewal, a Kubernetes Secret update).
set -eu

: "${TURN_SECRET:?TURN_SECRET is required (the shared secret turn-credentials-service mints with)}"
base="${TURN_CONFIG:-/etc/coturn/turnserver.conf}"
runtime="${TURN_RUNTIME_DIR:-/run/coturn}"
every="${TURN_TLS_RELOAD_EVERY:-60}"

umask 077
mkdir -p "$runtime"
rendered="$runtime/turnserver.conf"
{
    cat "$base"
    echo
    echo "realm=${TURN_REALM:-smilingsteps}"
    echo "static-auth-secret=$TURN_SECRET"
    if [ -n "${TURN_PREVIOUS_SECRET:-}" ]; then
        echo "static-auth-secret=$TURN_PREVIOUS_SECRET"
    fi
    if [ -n "${TURN_EXTERNAL_IP:-}" ]; then
        echo "external-ip=$TURN_EXTERNAL_IP"
    fi
} > "$rendered"

certificate=$(sed -n 's/^cert=//p' "$rendered" | tail -n 1)
key=$(sed -n 's/^pkey=//p' "$rendered" | tail -n 1)
fingerprint() {
    cat "$certificate" "$key" 2>/dev/null | cksum
}

turnserver -c "$rendered" "$@" &
pid=$!
stopping=""
trap 'stopping=1; kill -TERM "$pid" 2>/dev/null || true' TERM INT
seen=$(fingerprint)
while [ -z "$stopping" ] && kill -0 "$pid" 2>/dev/null; do
    sleep "$every" &
    pause=$!
    wait "$pause" || kill "$pause" 2>/dev/null || true
    now=$(fingerprint)
    if [ "$now" != "$seen" ] && kill -0 "$pid" 2>/dev/null; then
        echo "run-turnserver: TLS certificate changed, reloading it (SIGUSR2)"
        kill -USR2 "$pid"
        seen="$now"
    fi
done
wait "$pid"
