#!/usr/bin/env bash
# Benchmarks Eddy against Apache Flink 2.3 (MiniCluster, same JVM), Bytewax 0.21.1 (.venv) and hand-written loops.
#
#   scripts/bench.sh            full run: every workload in a JVM of its own, warm-ups (at least 2, until 20 M events or 3 s) + 5 measured
#                               runs each, then the 512 MB memory run
#   scripts/bench.sh smoke      every workload and engine on small inputs, once, then two workloads forked as the full
#                               run forks them; fails if any results disagree
#                               (also --smoke; ./eddy test runs this)
#   scripts/bench.sh --workloads=Q7,Q11 --engines=eddy,flink --runs=3    any harness option (see Bench.java)
#   scripts/bench.sh -Deddy.bench.workers=2 --workloads=Q5 --engines=flink,eddy-flink
#                               a -D argument is a JVM system property (forked JVMs get it too): here parallelism 2
#                               for eddy, flink and eddy-flink
#
# Results go to target/bench/results.md (smoke: target/bench/smoke.md).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == smoke ]]; then
  shift
  set -- --smoke "$@"
fi

bytewax_version=0.21.1
if ! .venv/bin/python -c "import importlib.metadata as m, sys; sys.exit(m.version('bytewax') != '$bytewax_version')" \
    2>/dev/null; then
  python3 -m venv .venv
  .venv/bin/pip install -q "bytewax==$bytewax_version"
fi

mvn -q -B -Pbench -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
classpath="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
jvm=(-XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
args=()
for arg in "$@"; do
  if [[ "$arg" == -D* ]]; then jvm+=("$arg"); else args+=("$arg"); fi
done
set -- ${args[@]+"${args[@]}"}

if [[ " $* " == *" --smoke "* ]]; then
  java -Xms1g -Xmx1g "${jvm[@]}" -cp "$classpath" dev.eddy.bench.Bench "$@"
  # The full run's one-JVM-per-workload path, on two workloads.
  java -Xms1g -Xmx1g "${jvm[@]}" -cp "$classpath" dev.eddy.bench.Bench --smoke --fork=true \
    --workloads=FOLD_1KEY,Q11 --engines=hand,eddy --work=target/bench/forked
  java -Xmx512m "${jvm[@]}" -cp "$classpath" dev.eddy.bench.MemoryRun --events=200000 --keys=10000
  java -Xmx512m "${jvm[@]}" -cp "$classpath" dev.eddy.bench.MemoryRun --events=200000 --keys=10000 --recovery \
    --key-shift=20
else
  java -Xms6g -Xmx6g "${jvm[@]}" -cp "$classpath" dev.eddy.bench.Bench "$@"
  if [[ $# -eq 0 ]]; then
    java -Xmx512m "${jvm[@]}" -cp "$classpath" dev.eddy.bench.MemoryRun --events=10000000 --keys=100000 \
      | tee target/bench/memory.md
  fi
fi
