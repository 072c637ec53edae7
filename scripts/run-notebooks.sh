#!/usr/bin/env bash
# Executes every tutorial in notebooks/ headless in the installed "eddy" kernel and writes each as HTML under
# target/notebooks/. Uses .venv when it exists (scripts/python-tests.sh creates it and installs the kernel there).
# Usage: scripts/run-notebooks.sh [notebooks/NN-name.ipynb ...]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -x .venv/bin/jupyter ]]; then PATH="$PWD/.venv/bin:$PATH"; fi
if ! jupyter kernelspec list 2>/dev/null | grep -qE '^\s*eddy\s'; then
  echo "run-notebooks: the eddy kernel must be installed; got none in 'jupyter kernelspec list' instead;" >&2
  echo "  run scripts/python-tests.sh once, or: mvn -q -B package -DskipTests && java -jar target/eddy-kernel.jar install --sys-prefix" >&2
  exit 2
fi
# The HTML pages have no Jupyter server to load plotly.js from: the kernel sends it inline into each one.
export EDDY_PLOTLY=inline
mkdir -p target/notebooks
if [[ $# -gt 0 ]]; then notebooks=("$@"); else notebooks=(notebooks/[0-9][0-9]-*.ipynb); fi
failed=0
for nb in "${notebooks[@]}"; do
  start=$(date +%s)
  if jupyter nbconvert --to html --execute --ExecutePreprocessor.kernel_name=eddy \
      --ExecutePreprocessor.timeout=600 --output-dir target/notebooks "$nb" >"target/notebooks/$(basename "$nb" .ipynb).log" 2>&1; then
    echo "ok   $nb -> target/notebooks/$(basename "$nb" .ipynb).html ($(( $(date +%s) - start )) s)"
  else
    echo "FAIL $nb (log: target/notebooks/$(basename "$nb" .ipynb).log)"; failed=$((failed + 1))
  fi
done
echo "$(( ${#notebooks[@]} - failed )) passed, $failed failed"
exit $(( failed > 0 ))
