#!/bin/sh
# Starts Alertmanager with alertmanager.yml rendered from the environment: each ${NAME} in the
# template becomes the variable's value, escaped for a double-quoted YAML string. The rendered
# file holds the SMTP password, so it goes to a private runtime directory (mode 600), not onto
# the command line.
#
#   ALERT_EMAIL_TO            who gets warnings (required)
#   ALERT_CRITICAL_EMAIL_TO   who gets critical alerts (default ALERT_EMAIL_TO)
#   ALERT_EMAIL_FROM          sender (default alertmanager@<SMTP_HOST>)
#   SMTP_HOST, SMTP_PORT      the mail server notification-service uses (required)
#   SMTP_START_TLS            REQUIRED makes Alertmanager insist on STARTTLS (anything else: plain)
#   SMTP_LOGIN, SMTP_USERNAME, SMTP_PASSWORD   login unless SMTP_LOGIN=DISABLED
#   ALERTMANAGER_TEMPLATE     default /etc/alertmanager/alertmanager.yml
#   ALERTMANAGER_RUNTIME_DIR  rendered config and state (default /alertmanager)
# With --render-only it prints the rendered configuration's path and exits (for amtool check-config).
set -eu

: "${ALERT_EMAIL_TO:?ALERT_EMAIL_TO is required (who receives alerts)}"
: "${SMTP_HOST:?SMTP_HOST is required}"
: "${SMTP_PORT:?SMTP_PORT is required}"
ALERT_CRITICAL_EMAIL_TO="${ALERT_CRITICAL_EMAIL_TO:-$ALERT_EMAIL_TO}"
ALERT_EMAIL_FROM="${ALERT_EMAIL_FROM:-alertmanager@$SMTP_HOST}"
ALERT_SMTP_HELLO="${ALERT_SMTP_HELLO:-localhost}"
if [ "${SMTP_START_TLS:-REQUIRED}" = "REQUIRED" ]; then ALERT_SMTP_REQUIRE_TLS=true; else ALERT_SMTP_REQUIRE_TLS=false; fi
if [ "${SMTP_LOGIN:-REQUIRED}" = "DISABLED" ]; then
    ALERT_SMTP_USERNAME=""; ALERT_SMTP_PASSWORD=""
else
    ALERT_SMTP_USERNAME="${SMTP_USERNAME:-}"; ALERT_SMTP_PASSWORD="${SMTP_PASSWORD:-}"
fi
export ALERT_CRITICAL_EMAIL_TO ALERT_EMAIL_FROM ALERT_SMTP_HELLO ALERT_SMTP_REQUIRE_TLS ALERT_SMTP_USERNAME ALERT_SMTP_PASSWORD

template="${ALERTMANAGER_TEMPLATE:-/etc/alertmanager/alertmanager.yml}"
runtime="${ALERTMANAGER_RUNTIME_DIR:-/alertmanager}"
umask 077
mkdir -p "$runtime"
rendered="$runtime/alertmanager.yml"
awk '{
    out = ""; line = $0
    while (match(line, /\$\{[A-Z_][A-Z0-9_]*\}/)) {
        value = ENVIRON[substr(line, RSTART + 2, RLENGTH - 3)]
        escaped = ""
        for (i = 1; i <= length(value); i++) {
            c = substr(value, i, 1)
            if (c == "\\" || c == "\"") escaped = escaped "\\"
            escaped = escaped c
        }
        out = out substr(line, 1, RSTART - 1) escaped
        line = substr(line, RSTART + RLENGTH)
    }
    print out line
}' "$template" > "$rendered"

if [ "${1:-}" = "--render-only" ]; then
    echo "$rendered"
    exit 0
fi
exec alertmanager --config.file="$rendered" --storage.path="$runtime" "$@"
