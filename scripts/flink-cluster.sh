#!/usr/bin/env bash
# A local Apache Flink session cluster on 127.0.0.1: one JobManager and N TaskManagers, each a JVM of its own,
# run from the Flink jars the build copies into target/flink-lib and target/flink-cluster-lib (no download).
#   scripts/flink-cluster.sh start [--taskmanagers N] [--slots S] [--rest-port P] [--dir DIR]
#   scripts/flink-cluster.sh status [--dir DIR]
#   scripts/flink-cluster.sh stop [--dir DIR]
# Files (config, logs, pids, rest.port, checkpoints/) are in DIR, target/flink-cluster unless told.
set -euo pipefail
cd "$(dirname "$0")/.."
command=${1:-}
case "$command" in
    start|stop|status) ;;
    *)
        sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
launcher=target/test-classes/dev/eddy/flink/LocalFlinkCluster.class
if [ ! -d target/flink-lib ] || [ ! -d target/flink-cluster-lib ] || [ ! -f "$launcher" ]; then
    if [ "$command" = start ]; then
        echo "the Flink cluster's jars must be in target/flink-lib and target/flink-cluster-lib; they are not;" \
            "run ./eddy flink-cluster start (it builds first) or mvn -B -q -DskipTests package" >&2
        exit 1
    fi
    echo "no Flink cluster was started here"
    exit 0
fi
exec java -Xshare:auto -cp target/test-classes dev.eddy.flink.LocalFlinkCluster "$@"
