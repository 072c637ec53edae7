#!/usr/bin/env bash
# A local single-node Kafka broker (KRaft, broker and controller in one JVM) on 127.0.0.1, for trying
# Eddy's Kafka connectors. The broker jars are the tests' (pom.xml pins them); nothing else is downloaded.
#   scripts/kafka-broker.sh start [DIR] [PORT]   data and log in DIR (target/kafka), port 9092 unless told
#   scripts/kafka-broker.sh stop [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
command=${1:-}
dir=${2:-target/kafka}
cp_file=target/kafka-broker.classpath
if [ "$command" = start ]; then
    if [ ! -f "$cp_file" ] || [ pom.xml -nt "$cp_file" ] || [ ! -d target/test-classes/dev/eddy/kafka ]; then
        mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
    fi
fi
if [ "$command" != start ] && [ "$command" != stop ]; then
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
if [ "$command" = stop ] && [ ! -f "$cp_file" ]; then
    echo "no Kafka broker was started here"
    exit 0
fi
exec java -Xshare:auto -cp "target/test-classes:target/classes:$(cat "$cp_file")" dev.eddy.kafka.LocalBroker \
    "$command" "$dir" "${@:3}"
