#!/usr/bin/env bash
# Builds what is needed and starts the whole system on embedded servers: the SPA at http://localhost:8080.
# Ctrl-C (or SIGTERM) stops every process it started. Data stays in .data/devstack between runs.
# --no-build skips the Maven build when nothing changed.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" != "--no-build" ]; then
  ./mvnw -B -q -DskipTests install
fi
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "infra/devstack/target/classes:infra/devstack/target/lib/*" \
  com.smilingsteps.devstack.DevStack
