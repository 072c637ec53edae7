"""Charts in a saved notebook, opened afresh in JupyterLab and Notebook 7 (a browser reload, a second tab).

Runs three chart cells in the Eddy kernel, re-runs the first (so the output that first received plotly.js in
this session is gone, as after any re-run), saves and trusts the notebook, then opens it in a real JupyterLab 4
and Notebook 7 page in headless Chromium, driven over the DevTools protocol, and counts the charts plotly drew.
Also checks that the saved notebook stays small. Writes screenshots to target/notebook-test/.
"""
import copy
import os
import pathlib
import tempfile
import uuid

import nbformat
import pytest
from frontend import Browser, chromium_path, jupyter_lab
from nbclient import NotebookClient
from nbformat.sign import NotebookNotary

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parents[1]
OUT = ROOT / "target" / "notebook-test"

CHARTS = [
    """import tech.tablesaw.api.*;
import tech.tablesaw.plotly.api.*;
var perUser = Table.create("per_user", StringColumn.create("user", "alice", "bob"), DoubleColumn.create("n", 2, 3));
VerticalBarPlot.create("Chart one", perUser, "user", "n")""",
    'VerticalBarPlot.create("Chart two", perUser, "user", "n")',
    'VerticalBarPlot.create("Chart three", perUser, "user", "n")',
]


@pytest.fixture(scope="module")
def chromium():
    return chromium_path()


@pytest.fixture(scope="module")
def jupyter_home():
    """A fresh Jupyter data dir (labextensions, trust database) shared by the kernel and the server."""
    with tempfile.TemporaryDirectory() as home:
        data = pathlib.Path(home) / "data"
        root = pathlib.Path(home) / "root"
        data.mkdir()
        root.mkdir()
        saved = {k: os.environ.get(k) for k in ("JUPYTER_DATA_DIR", "EDDY_PLOTLY")}
        os.environ["JUPYTER_DATA_DIR"] = str(data)
        os.environ.pop("EDDY_PLOTLY", None)
        try:
            yield data, root
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


@pytest.fixture(scope="module")
def saved(jupyter_home):
    """(notebook as first run, notebook after re-running its first cell), both saved and trusted."""
    data, root = jupyter_home
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "eddy", "display_name": "Java (Eddy)", "language": "java"}
    nb.metadata["eddy_fixture"] = "reload-" + uuid.uuid4().hex  # trust is by content: keep fixtures distinct
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CHARTS]
    client = NotebookClient(nb, kernel_name="eddy", timeout=180)
    with client.setup_kernel():
        for i, cell in enumerate(nb.cells):
            client.execute_cell(cell, i)
        first = copy.deepcopy(nb)
        client.execute_cell(nb.cells[0], 0)
    notary = NotebookNotary(data_dir=str(data))
    paths = []
    for name, book in (("first-run.ipynb", first), ("rerun.ipynb", nb)):
        path = root / name
        nbformat.write(book, path)
        notary.sign(nbformat.read(path, as_version=4))
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def server(jupyter_home):
    data, root = jupyter_home
    with jupyter_lab(root, data) as url:
        yield url


@pytest.fixture
def browser(chromium):
    b = Browser(chromium)
    try:
        yield b
    finally:
        b.close()


PLOTS = ("Array.from(document.querySelectorAll('.jp-OutputArea .js-plotly-plot'))"
         ".filter(p => p.querySelector('.main-svg')).length")
PICTURES = "document.querySelectorAll('.jp-OutputArea .eddy-chart img').length"


def open_and_count(browser, url, shot):
    browser.open(url)
    browser.wait_for(f"{PLOTS} + {PICTURES} >= 3")
    # Give the charts that will draw the time to draw; a page that can't leaves its pictures.
    plots = browser.wait_for(f"{PLOTS} >= 3 ? {PLOTS} : 0", timeout=30) or browser.evaluate(PLOTS)
    OUT.mkdir(parents=True, exist_ok=True)
    browser.screenshot(OUT / shot)
    return plots


def test_reload_a_saved_notebook_with_three_charts_stays_small(saved):
    first_run, rerun = saved
    OUT.mkdir(parents=True, exist_ok=True)
    for path in (first_run, rerun):
        (OUT / f"reload-{path.name}").write_bytes(path.read_bytes())
        assert path.stat().st_size < 300_000, f"{path.name} is {path.stat().st_size} bytes"


def test_reload_charts_are_interactive_when_jupyterlab_opens_the_saved_notebook_afresh(saved, server, browser):
    _, rerun = saved
    plots = open_and_count(browser, f"{server}/lab/workspaces/{uuid.uuid4().hex}/tree/{rerun.name}?reset",
                           "reload-jupyterlab.png")
    assert plots == 3, "every chart drew with plotly (hover layer present), not only its picture"
    titles = browser.evaluate("Array.from(document.querySelectorAll('.js-plotly-plot .gtitle'))"
                              ".map(t => t.textContent).join('|')")
    assert "Chart one" in titles and "Chart three" in titles
    assert browser.evaluate("document.querySelectorAll('.js-plotly-plot .nsewdrag').length") >= 3


def test_reload_charts_are_interactive_in_notebook_7_too(saved, server, browser):
    _, rerun = saved
    plots = open_and_count(browser, f"{server}/notebooks/{rerun.name}", "reload-notebook7.png")
    assert plots == 3
