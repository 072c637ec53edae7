"""The tutorials' committed outputs read well in a static render (GitHub, nbconvert): each cell's printed text is
one output per stretch of a stream, not fragments that a renderer shows one per line, and the flow graphs are pictures drawn
by the kernel, not Mermaid that needs a script from a network."""
import pathlib

import nbformat
import pytest

ROOT = pathlib.Path(__file__).parents[2]
TUTORIALS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("path", TUTORIALS, ids=lambda p: p.name)
def test_stored_tutorials_print_each_stream_as_one_output(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        split = [(a.name, j) for j, (a, b) in enumerate(zip(cell.outputs, cell.outputs[1:]))
                 if a.output_type == b.output_type == "stream" and a.name == b.name]
        assert not split, f"code cell {i} stores its {split[0][0]} in pieces, {len(split)} joins missing"


@pytest.mark.parametrize("path", TUTORIALS, ids=lambda p: p.name)
def test_stored_tutorials_show_flow_graphs_as_pictures_drawn_here(path):
    nb = nbformat.read(path, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if "```mermaid" in str(o.get("data", {}).get("text/markdown", ""))]
