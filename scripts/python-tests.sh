#!/usr/bin/env bash
# Protocol and notebook tests of the "Java (Eddy)" kernel, run against the installed kernelspec.
# Needs target/eddy-kernel.jar (mvn package), JDK 17+ and Python 3. Creates .venv if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/eddy-kernel.jar
if [[ ! -f "$JAR" ]]; then
  echo "python-tests.sh: $JAR must exist; got none instead; run mvn -B package first" >&2
  exit 2
fi

scripts/venv.sh

# Install the kernel into the virtual environment with the jar's own installer (--sys-prefix = this venv).
VIRTUAL_ENV="$PWD/.venv" PATH="$PWD/.venv/bin:$PATH" java -jar "$JAR" install --sys-prefix --replace

# Only this venv's kernelspecs: a user-wide 'eddy' must not shadow the one under test.
export JUPYTER_PATH="$PWD/.venv/share/jupyter"
export JUPYTER_DATA_DIR="$PWD/.venv/share/jupyter"
export JUPYTER_PLATFORM_DIRS=1
# Arguments name what to run (paths, -k ...); with none, every Python test under tests/.
if [[ $# -eq 0 ]]; then set -- tests; fi
exec .venv/bin/python -m pytest -q -p no:cacheprovider --junitxml=target/pytest.xml "$@"
