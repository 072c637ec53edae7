"""A flow's graph shows offline and reads at a glance in a static render: run in the kernel, converted with
nbconvert (as ./eddy html does), then measured in headless Chromium. Writes the page and a screenshot to
target/notebook-test/.
"""
import pathlib
import re

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = pathlib.Path(__file__).parents[2]
OUT = ROOT / "target" / "notebook-test"

# Ten top-level steps as in tutorial 03, one of them a window (a composite of several steps inside).
TEN = """record Click(String user, Instant time) {}
var flow = new Dataflow("ctr");
var keyed = flow.input("inp", TestingSource.of(new Click("a", Instant.EPOCH)))
    .map("clean", c -> c).filter("valid", c -> c.user() != null).keyOn("by_user", Click::user);
var sessions = Windowing.reduceWindow("session_windows", keyed,
    new EventClock<Click>(Click::time, Duration.ofSeconds(10)), new SessionWindower(Duration.ofSeconds(5)),
    (a, b) -> b);
sessions.down().map("count", kv -> kv).map("ctr", kv -> kv).inspect("out");
sessions.late().inspect("late");
sessions.meta().inspect("meta");
flow"""
THIRTY = """var chain = new Dataflow("chain");
var s = chain.input("inp", TestingSource.of(1, 2, 3));
for (int i = 1; i < 29; i++) s = s.map("step_" + i, x -> x + 1);
s.inspect("out");
chain"""


@pytest.fixture(scope="module")
def page():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "eddy", "display_name": "Java (Eddy)", "language": "java"}
    nb.cells = [nbformat.v4.new_code_cell(TEN), nbformat.v4.new_code_cell(THIRTY)]
    NotebookClient(nb, kernel_name="eddy", timeout=180).execute()
    OUT.mkdir(parents=True, exist_ok=True)
    html, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    path = OUT / "flow-graph.html"
    path.write_text(html, encoding="utf-8")
    return nb, path


def test_flow_graph_the_bundle_ranks_a_picture_drawn_here_first_and_has_no_mermaid(page):
    nb, _ = page
    for cell in nb.cells:
        graph = cell.outputs[-1]
        assert graph.output_type == "execute_result"
        assert "text/markdown" not in graph.data, "Mermaid needs a script from a network in static renders"
        assert graph.data["image/svg+xml"].startswith("<svg ") and "image/png" in graph.data


# nbconvert's lab template shows an SVG output as an <img> with a data: URL.
GRAPHS = ("Array.from(document.querySelectorAll('.jp-OutputArea-output img'))"
          ".filter(i => i.src.startsWith('data:image/svg+xml'))"
          ".map(i => ({complete: i.complete, natural: i.naturalWidth, naturalHeight: i.naturalHeight,"
          " width: i.getBoundingClientRect().width, height: i.getBoundingClientRect().height}))")


def test_flow_graph_a_static_render_shows_every_step_at_reading_size(page, browser):
    nb, path = page
    svgs = [cell.outputs[-1].data["image/svg+xml"] for cell in nb.cells]
    assert all(f">{step}<" in svgs[0] for step in ("inp", "by_user", "session_windows", "ctr", "late", "meta"))
    assert all(f">step_{i}<" in svgs[1] for i in range(1, 29)), "all thirty steps of the long flow show"
    smallest = min(int(size) for svg in svgs for size in re.findall(r'font-size="(\d+)"', svg))

    browser.open(path.as_uri())
    graphs = browser.wait_for(f"{GRAPHS}.length == 2 && {GRAPHS}.every(g => g.complete && g.natural > 0)"
                              f" ? {GRAPHS} : null", timeout=30)
    browser.screenshot(OUT / "flow-graph.png")
    assert graphs, f"both graphs decoded and drew: {browser.evaluate(GRAPHS)}"
    for g in graphs:
        scale = g["width"] / g["natural"]
        assert smallest * scale >= 11, f"labels of {smallest} px drawn at {scale:.2f}: too small to read ({g})"
        assert g["height"] > 150
    assert graphs[1]["naturalHeight"] < 1000 and graphs[1]["natural"] <= 1100, "the long flow wraps into columns"
