#!/usr/bin/env bash
# A local single-node Kafka broker (KRaft, broker and controller in one JVM) on 127.0.0.1, for trying
# Eddy's Kafka connectors. The broker's jars are the ones the build resolved (pom.xml pins them); nothing else is downloaded.
#   scripts/kafka-broker.sh start [DIR] [PORT]   data and log in DIR (target/kafka), port 9092 unless told
#   scripts/kafka-broker.sh stop [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
command=${1:-}
dir=${2:-target/kafka}
jars=target/classes/dev/eddy/kafka/broker.classpath
if [ "$command" != start ] && [ "$command" != stop ]; then
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
if [ "$command" = stop ] && [ ! -f "$jars" ]; then
    echo "no Kafka broker was started here"
    exit 0
fi
if [ ! -f "$jars" ] || [ pom.xml -nt "$jars" ] || [ ! -f target/classes/dev/eddy/kafka/LocalBroker.class ]; then
    mvn -B -q compile
fi
exec java -Xshare:auto -cp "target/classes:$(cat "$jars")" dev.eddy.kafka.LocalBroker "$command" "$dir" "${@:3}"
