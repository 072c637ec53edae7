"""Writes tests/kernel/demo.ipynb, the notebook test_notebook.py runs (kept in git; rerun after editing cells)."""
import pathlib

import nbformat

CELLS = [
    'System.out.println("x=" + (1 + 2));',
    "int a = 20;\nint b = 22;\na + b",
    'display("<b>bold</b>", "text/html");',
    "LocalDate.of(2024, 2, 28).plusDays(1)",
    "String id = display(\"before\");\nupdateDisplay(id, \"after\");",
    "List.of(3, 1, 2).stream().sorted().collect(Collectors.toList())",
]


def write_notebook(cells, name):
    """Writes cells as a notebook for the Eddy kernel beside this file."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "eddy", "display_name": "Java (Eddy)", "language": "java"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, pathlib.Path(__file__).with_name(name))


if __name__ == "__main__":
    write_notebook(CELLS, "demo.ipynb")
