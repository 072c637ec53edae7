"""Helpers for the tests that drive a real front end: a free port, Chromium over the DevTools protocol, and a
JupyterLab server on 127.0.0.1 that is stopped when its block ends."""
import base64
import contextlib
import json
import os
import pathlib
import socket
import subprocess
import sys
import time
import urllib.request

from chromium_profile import chromium_profile
from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect

ROOT = pathlib.Path(__file__).parents[2]

# An endless source (a number every 20 ms), counted per 300 ms window of the system clock, shown live.
LIVE = """DynamicSource<Long> forever = (step, worker, workers) -> new StatelessSourcePartition<Long>() {
    long n;
    public List<Long> nextBatch() { return List.of(n++); }
    public Instant nextAwake() { return Instant.now().plusMillis(20); }
};
var flow = new Dataflow("idle_live");
var counts = Windowing.countWindow("counts", flow.input("inp", forever), new SystemClock<Long>(),
        new TumblingWindower(Duration.ofMillis(300), Instant.parse("2024-01-01T00:00:00Z")), x -> "all");
var live = Capture.of(flow).window("counts", counts).live(Duration.ofMillis(200));"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]



def chromium_path():
    """Chromium's path; scripts/ensure-chromium.sh installs it when missing."""
    return subprocess.run(["bash", str(ROOT / "scripts" / "ensure-chromium.sh")], check=True,
                          capture_output=True, text=True).stdout.strip().splitlines()[-1]


@contextlib.contextmanager
def jupyter_lab(root, data, *extra):
    """A JupyterLab server on root with its config, runtime and data under data; yields its URL."""
    port = free_port()
    jupyter = pathlib.Path(sys.executable).parent / "jupyter"
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(data / "config"), JUPYTER_RUNTIME_DIR=str(data / "runtime"),
               JUPYTER_DATA_DIR=str(data))
    log = open(data / "server.log", "w")
    proc = subprocess.Popen([str(jupyter), "lab", "--allow-root", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
                             "--IdentityProvider.token=", "--ServerApp.password=", "--LabApp.news_url=",
                             "--ServerApp.disable_check_xsrf=True", *extra],
                            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(url + "/api/status", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError("jupyter lab did not start: " + (data / "server.log").read_text())
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


class Browser:
    """Headless Chromium driven over the DevTools protocol: open a page, evaluate JavaScript in it."""

    def __init__(self, chromium):
        self.profile = chromium_profile()
        profile, popen = self.profile.__enter__()
        self.port = free_port()
        self.proc = popen([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                      "--disable-background-networking", "--disable-component-update",
                                      "--disable-sync", "--window-size=1280,2000",
                                      f"--remote-debugging-port={self.port}", f"--user-data-dir={profile}",
                                      "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.loop = IOLoop()
        self.ids = 0
        deadline = time.monotonic() + 30
        while True:
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json", timeout=2))
                page = next(t for t in targets if t["type"] == "page")
                break
            except (OSError, StopIteration):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        self.ws = self.loop.run_sync(lambda: websocket_connect(page["webSocketDebuggerUrl"],
                                                               max_message_size=64 * 1024 * 1024))

    def call(self, method, **params):
        self.ids += 1
        msg_id = self.ids

        async def go():
            await self.ws.write_message(json.dumps({"id": msg_id, "method": method, "params": params}))
            while True:
                msg = json.loads(await self.ws.read_message())
                if msg.get("id") == msg_id:
                    return msg

        return self.loop.run_sync(go, timeout=60)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"]["result"].get("value")

    def wait_for(self, expression, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.5)
        return self.evaluate(expression)

    def screenshot(self, path):
        shot = self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["result"]["data"]))

    def close(self):
        self.ws.close()
        self.loop.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        finally:
            self.profile.__exit__(None, None, None)

    def open(self, url):
        self.call("Page.enable")
        self.call("Page.navigate", url=url)
