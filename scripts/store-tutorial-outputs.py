"""Executes tutorial notebooks in the eddy kernel and stores their outputs in the committed .ipynb files,
trimmed for reading on GitHub and in any viewer that runs no scripts:

- the plotly.js library output (about 1.4 MB of script, sent once per kernel session) is dropped;
- each chart keeps its static PNG and one-line text, not its script-driven HTML;
- consecutive stream outputs of the same stream are joined into one, so a static render shows the text as it
  was printed and not one fragment per line;
- tables keep their escaped, script-free HTML; text output is kept as it is;
- execution timestamps are dropped, so a rerun changes only what the cells print.

Usage: .venv/bin/python scripts/store-tutorial-outputs.py [notebooks/NN-name.ipynb ...]
(scripts/run-notebooks.sh gives the full interactive HTML under target/notebooks/ instead.)
"""
import pathlib
import sys

import nbclient
import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[1]
MAX_BYTES = 2 * 1024 * 1024


def trimmed(outputs):
    kept = []
    for out in outputs:
        data = out.get("data", {})
        if str(data.get("text/plain", "")).startswith("plotly.js"):
            continue
        if "image/png" in data and "text/html" in data:
            del data["text/html"]
        if "<script" in str(data.get("text/html", "")):
            raise SystemExit(f"an output must be script-free to be stored; got a text/html with a script: "
                             f"{str(data['text/html'])[:200]}")
        out.get("metadata", {}).pop("execution", None)
        if (out.get("output_type") == "stream" and kept and kept[-1].get("output_type") == "stream"
                and kept[-1].get("name") == out.get("name")):
            kept[-1]["text"] += out["text"]
            continue
        kept.append(out)
    return kept


def store(path):
    nb = nbformat.read(path, as_version=4)
    nbclient.NotebookClient(nb, kernel_name="eddy", timeout=600,
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = trimmed(cell.outputs)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    size = path.stat().st_size
    if size >= MAX_BYTES:
        raise SystemExit(f"{path.name} must stay under 2 MB with its outputs; got {size} bytes instead")
    print(f"stored {path.relative_to(ROOT)} ({size // 1024} KiB)")


if __name__ == "__main__":
    paths = [pathlib.Path(p).resolve() for p in sys.argv[1:]] or sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    for p in paths:
        store(p)
