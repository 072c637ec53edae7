"""Executes every tutorial notebook on a fresh Eddy kernel and checks the results it prints.

Each notebook prints marker lines (``CTR per search: [...]``, ``LATE wait=2s [...]``) from the cells that compute
its key results; the tests read them from the executed outputs. Needs the ``eddy`` kernel installed
(``scripts/python-tests.sh`` does that).
"""
import json
import pathlib
import re

import nbclient
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
TUTORIALS = [
    "01-tumbling-windows",
    "02-sliding-windows",
    "03-sessionization-search-ctr",
    "04-clocks-watermarks-late-data",
    "05-session-metrics",
]
MAX_BYTES = 2 * 1024 * 1024


def execute(name):
    try:
        KernelSpecManager().get_kernel_spec("eddy")
    except NoSuchKernel:
        pytest.fail("the eddy kernel must be installed; got none instead; run scripts/python-tests.sh, "
                    "or java -jar target/eddy-kernel.jar install --sys-prefix inside the virtual environment")
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="eddy", timeout=600,
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    return nb


def printed(nb):
    """Everything the notebook's cells wrote to stdout, in order."""
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.outputs if o.output_type == "stream" and o.name == "stdout")


def marker(text, prefix):
    lines = [line for line in text.splitlines() if line.startswith(prefix)]
    assert lines, f"the notebook must print a line starting with {prefix!r}; it printed:\n{text}"
    return lines[-1][len(prefix):].strip()


def displayed(nb, mime):
    return [o["data"][mime] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if o.output_type in ("display_data", "execute_result") and mime in o.get("data", {})]


@pytest.fixture(scope="module")
def executed():
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = execute(name)
        return cache[name]
    return get


@pytest.mark.parametrize("name", TUTORIALS)
def test_notebook_is_committed_small_and_for_the_eddy_kernel(name):
    path = NOTEBOOKS / f"{name}.ipynb"
    assert path.stat().st_size < MAX_BYTES
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"] == {"name": "eddy", "display_name": "Java (Eddy)", "language": "java"}
    assert "<script" not in path.read_text(encoding="utf-8"), "committed outputs must not carry scripts"
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for outside in ("http://", "https://", "Files.", "new File(", "Path.of(", "%maven", "%jars"):
        assert outside not in code, f"a tutorial must need nothing beyond the repository; got {outside!r} in its code"


def test_tumbling_windows_count_all_hundred_numbers_and_event_time_gives_thirty_windows(executed):
    text = printed(executed(TUTORIALS[0]))
    paced = re.findall(r"one item every (\d+) ms: (\d+) windows, total (\d+)", text)
    assert paced == [("5", "5", "100"), ("30", "30", "100"), ("150", "100", "100")]
    system_time = re.findall(r"^window\.output: \(ALL, \((\d+), (\d+)\)\)$", text, re.M)
    assert system_time and sum(int(count) for _, count in system_time) == 100
    event = marker(text, "EVENT_TIME")
    assert event.startswith("windows=30 total=100 counts=[4, 3, 3, 4, 3, 3,")


def test_sliding_windows_put_every_reading_in_three_windows(executed):
    text = printed(executed(TUTORIALS[1]))
    assert marker(text, "SLIDING") == "windows=32 memberships=180"
    assert marker(text, "TUMBLING") == "windows=10 memberships=60"
    assert "is in windows 4 to 6" in text


def test_search_sessions_have_the_articles_click_through_rates(executed):
    text = printed(executed(TUTORIALS[2]))
    assert marker(text, "CTR per search:") == "[1.0, 1.0, 0.0]"
    assert marker(text, "SESSIONS") == "2"
    assert "user 1, session 0: 2023-01-01T00:00:00Z .. 2023-01-01T00:00:10Z" in text


def test_late_items_depend_on_how_long_the_clock_waits(executed):
    text = printed(executed(TUTORIALS[3]))
    assert marker(text, "LATE wait=2s") == "[e7]"
    assert marker(text, "LIVE_LATE wait=2s") == "[e5, e7]"
    sweep = dict(re.findall(r"^\s*(\d+)s \| (\[[^\]]*\])", text, re.M))
    assert sweep == {"0": "[e3, e5, e7]", "2": "[e7]", "5": "[e7]", "8": "[]", "10": "[]"}
    assert marker(text, "SYSTEM_LATE") == "0"


def test_session_metrics_account_for_every_event_of_the_seeded_day(executed):
    text = printed(executed(TUTORIALS[4]))
    events = int(re.search(r"^EVENTS (\d+) users 3000$", text, re.M).group(1))
    sessions, searches, late, in_sessions = map(int, re.search(
        r"^SESSIONS (\d+) SEARCHES (\d+) LATE (\d+) EVENTS_IN_SESSIONS (\d+)$", text, re.M).groups())
    assert (events, sessions, searches, late, in_sessions) == (42967, 7039, 11122, 0, 42967)
    assert marker(text, "BUSIEST_HOUR") == "20 QUIETEST_HOUR 4"
    assert marker(text, "CTR_OVERALL") == "0.472"
    charts = [c for c in displayed(executed(TUTORIALS[4]), "image/png")]
    assert len(charts) == 4
