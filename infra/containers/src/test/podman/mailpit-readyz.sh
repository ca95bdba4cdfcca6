#!/bin/sh
# Mailpit's health command (`/mailpit readyz`, docker-compose.yml) for the GreenMail stand-in.
[ "${1:-}" = readyz ] || { echo "stand-in: only 'readyz' is supported" >&2; exit 2; }
exec wget -q -O /dev/null http://localhost:8025/readyz
