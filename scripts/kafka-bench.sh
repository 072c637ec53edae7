#!/usr/bin/env bash
# Kafka throughput: source -> 1 minute tumbling counts -> sink, on Eddy's Kafka connectors and on Flink 2.3 with
# Flink's own Kafka connector, against one local broker in the same run (see BENCHMARKS.md, "Kafka").
#   scripts/kafka-bench.sh [--messages=1000000] [--partitions=3] [--parallelism=1] [--runs=1]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Pbench -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xms2g -Xmx2g -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" dev.eddy.bench.KafkaBench "$@"
