"""A tutorial in a real JupyterLab 4 page in headless Chromium: the stored tutorial 03 shows its flow graph at
reading size. Writes screenshots to target/notebook-test/ and prints their paths."""
import pathlib
import shutil
import tempfile
import uuid

import pytest
from frontend import jupyter_lab

ROOT = pathlib.Path(__file__).parents[2]
OUT = ROOT / "target" / "notebook-test"
TUTORIAL = "03-sessionization-search-ctr.ipynb"


@pytest.fixture(scope="module")
def lab():
    with tempfile.TemporaryDirectory() as home:
        root = pathlib.Path(home) / "root"
        data = pathlib.Path(home) / "data"
        root.mkdir()
        data.mkdir()
        shutil.copy(ROOT / "notebooks" / TUTORIAL, root / TUTORIAL)
        with jupyter_lab(root, data, "--LabApp.expose_app_in_browser=True") as url:
            yield url


def shoot(browser, name):
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    browser.screenshot(path)
    print(f"screenshot: {path}")
    return path


def test_jupyterlab_views_tutorial_03_shows_its_flow_graph_at_reading_size(lab, browser):
    browser.open(f"{lab}/lab/workspaces/{uuid.uuid4().hex}/tree/{TUTORIAL}?reset")
    # JupyterLab draws only the cells in view: scroll the flow's cell in, then measure its graph.
    found = browser.wait_for("(() => { const nb = Array.from(window.jupyterapp?.shell.widgets('main') || []).find(w => w.content?.widgets)?.content;"
                             " if (!nb || !nb.widgets.length) return false;"
                             " const i = nb.widgets.findIndex(c => c.model.sharedModel.getSource()"
                             ".includes('new Dataflow(\"search_session\")'));"
                             " if (i < 0) return false; nb.activeCellIndex = i; nb.scrollToItem(i, 'start'); return true; })()")
    assert found, "the tutorial opened with its flow cell"
    graph = browser.wait_for("(() => { const c = Array.from(document.querySelectorAll('.jp-CodeCell'))"
                             ".find(c => c.innerText.includes('new Dataflow(\"search_session\")'));"
                             " const i = c && c.querySelector('.jp-OutputArea-output img');"
                             " return i && i.complete && i.naturalWidth > 0"
                             " && {natural: i.naturalWidth, width: i.getBoundingClientRect().width}; })()")
    shoot(browser, "jupyterlab-tutorial-03.png")
    assert graph and graph["natural"] > 0, graph
    assert 14 * graph["width"] / graph["natural"] >= 11, f"step ids drawn too small: {graph}"
