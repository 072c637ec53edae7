"""Runs tests/kernel/demo.ipynb headless in the installed kernel with nbclient and checks every output."""
import pathlib

import nbformat
from nbclient import NotebookClient

NOTEBOOK = pathlib.Path(__file__).with_name("demo.ipynb")


def test_demo_notebook_runs_with_the_expected_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, kernel_name="eddy", timeout=120).execute()
    out = [cell.outputs for cell in nb.cells]

    assert out[0] == [nbformat.v4.new_output("stream", name="stdout", text="x=3\n")]
    assert out[1][0].output_type == "execute_result" and out[1][0].data["text/plain"] == "42"
    assert out[2][0].output_type == "display_data" and out[2][0].data["text/html"] == "<b>bold</b>"
    assert out[3][0].data["text/plain"] == "2024-02-29"
    assert len(out[4]) == 1 and out[4][0].data["text/plain"] == "after"
    assert out[5][0].data["text/plain"] == "[1, 2, 3]"
