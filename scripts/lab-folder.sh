#!/usr/bin/env bash
# Prepares the working folder ./eddy lab opens and prints its path: EDDY_NOTEBOOKS, else ~/eddy-notebooks.
# New notebooks land there, not in the repository; the tutorials are copied into its tutorials/ folder, each
# only while the copy is missing, so a tutorial you ran or changed there is never overwritten (delete it to get
# the repository's version back). The repository's notebooks/ stay as committed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
folder=${EDDY_NOTEBOOKS:-$HOME/eddy-notebooks}
mkdir -p "$folder/tutorials"
for nb in "$here"/notebooks/[0-9][0-9]-*.ipynb; do
    [ -e "$folder/tutorials/$(basename "$nb")" ] || cp "$nb" "$folder/tutorials/"
done
cd "$folder" && pwd
