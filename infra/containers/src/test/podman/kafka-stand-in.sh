#!/bin/bash
# The kafka service from the Maven jars: the apache/kafka image's environment contract (every
# KAFKA_X_Y variable becomes the broker property x.y; CLUSTER_ID formats the log directory once).
set -euo pipefail
props=/tmp/server.properties
: > "$props"
while IFS='=' read -r name value; do
    case "$name" in
        KAFKA_HEAP_OPTS) ;;
        KAFKA_*) key="${name#KAFKA_}"; echo "$(echo "$key" | tr 'A-Z_' 'a-z.')=$value" >> "$props" ;;
    esac
done < <(env)
cp="/opt/stand-ins/lib/*"
java -cp "$cp" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$props" --ignore-formatted
exec java ${KAFKA_HEAP_OPTS:-} -cp "$cp" kafka.Kafka "$props"
