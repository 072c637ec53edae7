"""Charts find plotly.js in front ends with and without a Jupyter server to load it from.

VS Code shows outputs in a webview that no Jupyter server serves, so a chart there can't load plotly.js by URL.
VS Code names itself in every request it sends (header username "vscode"); the kernel then sends the library
inline once, before the first chart, as EDDY_PLOTLY=inline does. A JupyterLab-like client gets no copy: the
library is installed in the Jupyter data dir for the server to serve, and saved notebooks stay small.
"""
import os
import pathlib
import tempfile

import pytest
from jupyter_client.manager import start_new_kernel


CHART = """import tech.tablesaw.api.*;
import tech.tablesaw.plotly.api.*;
var perUser = Table.create("per_user", StringColumn.create("user", "alice", "bob"), DoubleColumn.create("n", 2, 3));
VerticalBarPlot.create("Chart one", perUser, "user", "n")"""
AGAIN = 'VerticalBarPlot.create("Chart two", perUser, "user", "n")'
LIBRARY = "(function(define,exports,module)"


@pytest.fixture
def data_dir():
    """A fresh Jupyter data dir for the kernel, with EDDY_PLOTLY unset (the automatic choice)."""
    with tempfile.TemporaryDirectory() as data:
        saved = {k: os.environ.get(k) for k in ("JUPYTER_DATA_DIR", "EDDY_PLOTLY")}
        os.environ.pop("EDDY_PLOTLY", None)
        env = dict(os.environ, JUPYTER_DATA_DIR=data)
        try:
            yield pathlib.Path(data), env
        finally:
            for k, v in saved.items():
                if v is not None:
                    os.environ[k] = v


def run_as(username, env):
    """Runs the two chart cells as a client calling itself `username`; returns each cell's html outputs."""
    km, kc = start_new_kernel(kernel_name="eddy", startup_timeout=90, env=env)
    try:
        kc.session.username = username
        cells = []
        for code in (CHART, AGAIN):
            html = []
            reply = kc.execute_interactive(code, timeout=120, output_hook=lambda msg: html.append(
                msg["content"]["data"]["text/html"]) if msg["msg_type"] in ("display_data", "execute_result")
                and "text/html" in msg["content"].get("data", {}) else None)
            assert reply["content"]["status"] == "ok", reply["content"]
            cells.append(html)
        return cells
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_front_ends_vscode_gets_plotly_inline_once_before_its_first_chart(data_dir):
    data, env = data_dir
    first, second = run_as("vscode", env)
    assert len(first) == 2 and LIBRARY in first[0], "the library comes first, in its own output"
    assert "eddy-chart" in first[1] and LIBRARY not in first[1]
    assert len(second) == 1 and LIBRARY not in second[0], "once per session"
    assert not (data / "labextensions" / "eddy-plotly").exists(), "no server to serve it: nothing installed"


def test_front_ends_a_server_backed_client_loads_plotly_from_the_server_and_carries_no_copy(data_dir):
    data, env = data_dir
    first, second = run_as("jupyterlab-user", env)
    assert len(first) == 1 and len(second) == 1
    assert all(LIBRARY not in h and len(h) < 200_000 for h in first + second)
    assert list((data / "labextensions" / "eddy-plotly" / "static").glob("plotly-*.min.js"))
