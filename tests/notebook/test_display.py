"""Runs display.ipynb in the Eddy kernel, converts it with nbconvert, and checks the page in headless Chromium.

Needs the kernel installed as 'eddy' (scripts/python-tests.sh does that) and Chromium (scripts/ensure-chromium.sh
installs Debian's package when missing). Writes the executed notebook, its HTML and screenshots to
target/notebook-test/.
"""
import base64
import os
import pathlib
import re
import subprocess

import nbformat
import pytest
from chromium_profile import chromium_profile
from nbclient import NotebookClient
from nbconvert import HTMLExporter

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parents[1]
OUT = ROOT / "target" / "notebook-test"
NOTEBOOK = HERE / "display.ipynb"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--virtual-time-budget=15000"]


@pytest.fixture(scope="module")
def chromium():
    path = subprocess.run(["bash", str(ROOT / "scripts" / "ensure-chromium.sh")], check=True,
                          capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return path


@pytest.fixture(scope="module")
def executed():
    # An exported page has no Jupyter server to load plotly.js from: the kernel sends it inline, as ./eddy html does.
    nb = nbformat.read(NOTEBOOK, as_version=4)
    saved = os.environ.get("EDDY_PLOTLY")
    os.environ["EDDY_PLOTLY"] = "inline"
    try:
        NotebookClient(nb, kernel_name="eddy", timeout=180).execute()
    finally:
        if saved is None:
            os.environ.pop("EDDY_PLOTLY")
        else:
            os.environ["EDDY_PLOTLY"] = saved
    OUT.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, OUT / "display.ipynb")
    return nb


@pytest.fixture(scope="module")
def page(executed):
    html, _ = HTMLExporter(template_name="lab").from_notebook_node(executed)
    path = OUT / "display.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def page_without_scripts(page):
    """The same page with every script removed, as an untrusted notebook's sanitiser leaves it."""
    html = re.sub(r"(?is)<script\b.*?</script>", "", page.read_text(encoding="utf-8"))
    path = OUT / "display-noscript.html"
    path.write_text(html, encoding="utf-8")
    return path


def browse(chromium, page, *extra):
    with chromium_profile() as (profile, popen):
        proc = popen([chromium, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            out, _ = proc.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    return out


def outputs(nb, cell):
    return nb.cells[cell].outputs


def test_notebook_display_outputs_have_the_expected_bundles(executed):
    results = outputs(executed, 0)[-1]
    assert results.output_type == "execute_result"
    html = results.data["text/html"]
    assert "sessions — " in html and "clicks — 6 rows × 3 columns" in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html and "<script" not in html
    assert "<i>instant</i>" in html and "<th>late</th>" in html
    assert results.data["text/plain"].startswith("flow clicks\n\nclicks — 6 rows × 3 columns\n")

    graph = outputs(executed, 1)[0]
    assert "text/markdown" not in graph.data
    assert graph.data["image/svg+xml"].startswith("<svg ") and ">sessions<" in graph.data["image/svg+xml"]
    assert base64.b64decode(graph.data["image/png"]).startswith(b"\x89PNG")

    library = [o for c in executed.cells for o in c.outputs
               if "text/html" in o.get("data", {}) and "(function(define,exports,module)" in o.data["text/html"]]
    assert len(library) == 1, "inline, plotly.js is sent once per kernel session"

    for cell in (2, 3, 4):
        chart = outputs(executed, cell)[-1]
        assert base64.b64decode(chart.data["image/png"]).startswith(b"\x89PNG")
        assert "data:image/png;base64," in chart.data["text/html"]
        without_pictures = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", chart.data["text/html"])
        assert not re.search(r"https?://|cdn", without_pictures, re.IGNORECASE)

    live = outputs(executed, 6)
    shown = [o for o in live if o.output_type == "display_data"]
    assert len(shown) == 1, "a live run updates one output in place"
    assert "stopped before its input ended" in shown[0].data["text/html"]
    assert live[-1].data["text/plain"] == "true"

    for name in ("ticks_a", "ticks_b"):
        shown = [o for o in outputs(executed, 7) if o.output_type == "display_data"
                 and f"flow {name}" in o.data["text/html"]]
        assert len(shown) == 1, f"live run {name} shows one output"
        assert "stopped before its input ended" in shown[0].data["text/html"], "updated after its cell ended"
    assert outputs(executed, 8)[-1].data["text/plain"] == "true"

    cyclic = outputs(executed, 9)[-1]
    assert cyclic.output_type == "execute_result" and "cyclic references" in cyclic.data["text/plain"]

    odd = outputs(executed, 10)[-1].data["text/html"]
    assert "nulls — 2 rows × 1 column" in odd and odd.count("<i>null</i>") == 2
    assert "none — 0 rows × 0 columns" in odd
    assert "<td>opaque &lt;thing&gt;</td>" in odd


def test_notebook_display_page_draws_tables_and_interactive_charts(chromium, page):
    dom = browse(chromium, page, "--dump-dom")
    (OUT / "display.dom.html").write_text(dom, encoding="utf-8")
    assert "<td>alice</td>" in dom and "<td>a&lt;b&gt;</td>" in dom
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in dom
    assert len(re.findall(r'class="[^"]*\bjs-plotly-plot\b', dom)) == 4, "four charts drew interactively"
    assert dom.count('class="main-svg"') >= 4
    assert "Watermark: event time by arrival" in dom and "Session length" in dom
    assert "Sessions per user" in dom and "Sessions per key: 4 sessions, 1 late items" in dom
    assert dom.count("late items") >= 2, "the timeline's legend names the late items' trace"
    assert 'src="data:image/svg+xml;base64,' in dom, "the flow's graph is a picture drawn by the kernel"


def test_notebook_display_page_shows_the_pictures_where_scripts_are_off(chromium, page_without_scripts):
    dom = browse(chromium, page_without_scripts, "--dump-dom")
    charts = re.findall(r'<div [^>]*eddy-chart[^>]*>\s*<img alt="Chart: [^"]*" src="data:image/png', dom)
    assert len(charts) == 4
    assert "js-plotly-plot" not in dom
    assert "<td>alice</td>" in dom


def test_notebook_display_screenshots(chromium, page, page_without_scripts):
    for name, source in (("display.png", page), ("display-noscript.png", page_without_scripts)):
        shot = OUT / name
        browse(chromium, source, f"--screenshot={shot}", "--window-size=1280,4000")
        assert shot.exists() and shot.read_bytes().startswith(b"\x89PNG")


# A source that never ends: a number every 5 ms, for the interrupt tests.
FOREVER = """DynamicSource<Long> forever = (step, worker, workers) -> new StatelessSourcePartition<Long>() {
    long n;
    public List<Long> nextBatch() { return List.of(n++); }
    public Instant nextAwake() { return Instant.now().plusMillis(5); }
};
"""


def test_notebook_display_interrupt_stops_a_captured_run_and_the_kernel_goes_on():
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="eddy", startup_timeout=90)
    try:
        kc.execute_interactive(FOREVER + """var endless = new Dataflow("endless");
var cap = Capture.of(endless).stream("n", endless.input("inp", forever));""", timeout=90)
        msg_id = kc.execute("cap.run()")
        deadline = 60
        kc.get_iopub_msg(timeout=deadline)  # busy
        import time
        time.sleep(1.5)
        km.interrupt_kernel()
        reply = None
        while reply is None:
            msg = kc.get_shell_msg(timeout=deadline)
            if msg["parent_header"].get("msg_id") == msg_id:
                reply = msg["content"]
        assert reply["status"] in ("ok", "error")
        after = kc.execute_interactive('cap.results().items("n").size() > 0', timeout=60)
        assert after["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_notebook_display_interrupt_stops_live_runs_after_their_cell_ended():
    from jupyter_client.manager import start_new_kernel

    def value(kc, code):
        reply = kc.execute_interactive(code, timeout=60, output_hook=lambda msg: outputs.append(msg))
        assert reply["content"]["status"] == "ok", reply["content"]
        return [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"][-1]

    outputs = []
    km, kc = start_new_kernel(kernel_name="eddy", startup_timeout=90)
    try:
        kc.execute_interactive(FOREVER + """var flowA = new Dataflow("forever_a");
var liveA = Capture.of(flowA).stream("n", flowA.input("inp", forever)).live(Duration.ofMillis(200));
var flowB = new Dataflow("forever_b");
var liveB = Capture.of(flowB).stream("n", flowB.input("inp", forever)).live(Duration.ofMillis(200));""",
                               timeout=90)
        import time
        time.sleep(1.0)
        assert value(kc, "liveA.isRunning() && liveB.isRunning()") == "true"
        # No cell is running now. The interrupt goes on the control channel and its reply is awaited, so it
        # can't overtake the next execute_request and interrupt that cell instead.
        request = kc.session.msg("interrupt_request", {})
        kc.control_channel.send(request)
        while kc.control_channel.get_msg(timeout=30)["parent_header"].get("msg_id") != request["header"]["msg_id"]:
            pass
        deadline = time.monotonic() + 30
        while value(kc, "liveA.isRunning() || liveB.isRunning()") == "true":
            assert time.monotonic() < deadline, "an interrupt must stop live runs"
            time.sleep(0.2)
        assert value(kc, "liveA.results().stopped() && liveB.results().stopped()") == "true"
        seen = value(kc, 'liveA.results().items("n").size()')
        time.sleep(0.5)
        assert value(kc, 'liveA.results().items("n").size()') == seen, "a stopped run takes no more items"
        assert value(kc, "6 * 7") == "42"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
