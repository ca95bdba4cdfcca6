#!/bin/sh
# Starts coturn with infra/coturn/turnserver.conf plus what must come from the environment.
# The secrets go into a private copy of the configuration (mode 600 on a runtime directory), not
# onto the command line, where any process could read them from /proc.
#
#   TURN_SECRET            current shared secret (required; the same value turn-credentials-service has)
#   TURN_PREVIOUS_SECRET   the secret before the last rotation (optional)
#   TURN_REALM             realm (default smilingsteps)
#   TURN_EXTERNAL_IP       public address, or "public/private" behind 1:1 NAT (optional)
#   TURN_CONFIG            base configuration (default /etc/coturn/turnserver.conf)
#   TURN_RUNTIME_DIR       where the rendered configuration goes (default /run/coturn)
set -eu

: "${TURN_SECRET:?TURN_SECRET is required (the shared secret turn-credentials-service mints with)}"
base="${TURN_CONFIG:-/etc/coturn/turnserver.conf}"
runtime="${TURN_RUNTIME_DIR:-/run/coturn}"

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

exec turnserver -c "$rendered" "$@"
