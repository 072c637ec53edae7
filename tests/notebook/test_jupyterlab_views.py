"""Real JupyterLab 4 pages in headless Chromium: the stored tutorial 03 shows its flow graph at reading size, and a
live view over an endless source keeps growing in the page while the kernel is idle. Writes screenshots to
target/screenshots/ and prints their paths, so they are named in the test output."""
import pathlib
import shutil
import tempfile
import time
import uuid

import nbformat
import pytest
from frontend import LIVE, jupyter_lab

ROOT = pathlib.Path(__file__).parents[2]
OUT = ROOT / "target" / "screenshots"
LIVE_NOTEBOOK = "live-view.ipynb"
TUTORIAL = "03-sessionization-search-ctr.ipynb"


@pytest.fixture(scope="module")
def lab():
    with tempfile.TemporaryDirectory() as home:
        root = pathlib.Path(home) / "root"
        data = pathlib.Path(home) / "data"
        root.mkdir()
        data.mkdir()
        shutil.copy(ROOT / "notebooks" / TUTORIAL, root / TUTORIAL)
        live = nbformat.v4.new_notebook()
        live.metadata["kernelspec"] = {"name": "eddy", "display_name": "Java (Eddy)", "language": "java"}
        live.cells = [nbformat.v4.new_code_cell(LIVE + "\nlive.isRunning()")]
        nbformat.write(live, root / LIVE_NOTEBOOK)
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
    shoot(browser, "jupyterlab-tutorial.png")
    assert graph and graph["natural"] > 0, graph
    assert 14 * graph["width"] / graph["natural"] >= 11, f"step ids drawn too small: {graph}"


# The open notebook panel and what its live view shows: the caption's row count, the table rows drawn, the kernel's
# status and the cell's execution count.
PANEL = "Array.from(window.jupyterapp?.shell.widgets('main') || []).find(w => w.content?.widgets)"
LIVE_STATE = ("(() => { const p = " + PANEL + "; if (!p) return null;"
              " const cap = document.querySelector('.jp-OutputArea-output .eddy-results caption');"
              " const m = cap && /counts \u2014 (\\d+) rows?/.exec(cap.textContent);"
              " return {kernel: p.sessionContext.session?.kernel?.status || null,"
              " count: p.content.widgets[0]?.model.executionCount ?? null,"
              " caption: m ? Number(m[1]) : null,"
              " drawn: document.querySelectorAll('.jp-OutputArea-output .eddy-results tbody tr').length}; })()")


def test_jupyterlab_views_a_live_view_grows_in_the_page_while_the_kernel_is_idle(lab, browser):
    browser.open(f"{lab}/lab/workspaces/{uuid.uuid4().hex}/tree/{LIVE_NOTEBOOK}?reset")
    ready = browser.wait_for("(() => { const s = " + LIVE_STATE + "; return s && s.kernel === 'idle'; })()")
    assert ready, f"the notebook opened with its kernel idle: {browser.evaluate(LIVE_STATE)}"
    browser.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    ended = browser.wait_for("(() => { const s = " + LIVE_STATE + ";"
                             " return s && s.count !== null && s.kernel === 'idle' && s; })()")
    assert ended, f"the live cell ran and ended: {browser.evaluate(LIVE_STATE)}"
    # No cell runs from here on: whatever the page shows now came in while the kernel was idle.
    seen = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        state = browser.evaluate(LIVE_STATE)
        assert state["kernel"] == "idle", f"no cell runs while the view updates: {state}"
        seen.append(state)
        shown = [s for s in seen if s["drawn"] > 0 and s["caption"]]
        if len(shown) >= 4 and shown[-1]["caption"] > shown[0]["caption"]:
            break
        time.sleep(0.5)
    shoot(browser, "jupyterlab-live-view.png")
    shown = [s for s in seen if s["drawn"] > 0 and s["caption"]]
    assert shown, f"the live table must show rows in the page while the kernel is idle; saw {seen}"
    assert shown[-1]["caption"] > shown[0]["caption"], f"the row count must grow in the page; saw {shown}"
    browser.evaluate(f"(() => {{ const p = {PANEL}; p.sessionContext.session.kernel.requestExecute("
                     "{code: 'live.stop();'}); })()")
