"""A flow run with recovery in the kernel: interrupted by the stop button, or lost to a kernel restart, a later cell
resumes it from its store and says so (which execution, which epoch, where the source reads again)."""
import re
import time

from conftest import iopub_until_idle, run_cell, shell_reply

# 3,000 lines read at about 2 ms each: a run lasts several seconds, long enough to be stopped mid-way.
FLOW = """
Path dir = Path.of("{dir}");
Path in = dir.resolve("in.txt");
if (!Files.exists(in)) {{
    Files.write(in, java.util.stream.IntStream.range(0, 3000).mapToObj(i -> "line " + i).toList());
    dev.eddy.recovery.Recovery.initDbDir(dir.resolve("store"), 1);
}}
var flow = new Dataflow("nb_recovery");
var lines = flow.input("inp", new FileSource(in, 10)).map("slow", x -> {{
    try {{ Thread.sleep(2); }} catch (InterruptedException e) {{ Thread.currentThread().interrupt(); }}
    return x;
}});
var capture = Capture.of(flow).stream("lines", lines);
var options = RunOptions.defaults().withEpochInterval(Duration.ofMillis(50))
        .withRecovery(dir.resolve("store"), Duration.ZERO);
"""


def run_capture(km, kc, interrupt_after=None):
    """Runs the capture (interrupting it after a moment when asked); returns (stderr text, shown text/plain)."""
    msg_id = kc.execute("capture.run(options)")
    if interrupt_after is not None:
        time.sleep(interrupt_after)
        km.interrupt_kernel()
    outputs = iopub_until_idle(kc, msg_id, timeout=120)
    reply = shell_reply(kc, msg_id, timeout=120)["content"]
    assert reply["status"] == "ok", reply
    stderr = "".join(c["text"] for t, c in outputs if t == "stream" and c["name"] == "stderr")
    shown = [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"]
    assert len(shown) == 1, outputs
    return stderr, shown[0]


def lines_captured(kc):
    _, outputs = run_cell(kc, "capture.results().items(\"lines\").size() + \" \" + capture.results().items(\"lines\")"
                              ".stream().findFirst().orElse(\"none\") + \" \" + capture.results().items(\"lines\")"
                              ".stream().reduce((a, b) -> b).orElse(\"none\")")
    return outputs[0][1]["data"]["text/plain"].strip('"')


def test_recovery_an_interrupted_run_and_a_restarted_kernel_resume_from_the_store_and_say_so(kernel, tmp_path):
    km, kc = kernel
    reply, _ = run_cell(kc, FLOW.format(dir=tmp_path))
    assert reply["status"] == "ok", reply

    # First run: stopped mid-way; a first run says nothing of resuming.
    stderr, shown = run_capture(km, kc, interrupt_after=3.0)
    assert "stopped before its input ended" in shown, shown
    assert "resumes from epoch" not in stderr + shown
    first = lines_captured(kc)
    assert first.split(" ")[1:3] == ["line", "0"], first

    # A later cell resumes: its first line names the execution and epoch, and the results show it too.
    stderr, shown = run_capture(km, kc, interrupt_after=2.0)
    said = re.search(r"flow 'nb_recovery' resumes from epoch (\d+) as execution 1 of recovery store", stderr)
    assert said, stderr
    assert stderr.lstrip().startswith("flow 'nb_recovery' resumes from epoch"), stderr
    assert "read again: source 'nb_recovery.inp' from " in stderr, stderr
    assert said.group(0) in shown, shown
    second = lines_captured(kc)
    # It read on from where the first run's last snapshot was, not from the start.
    assert second.split(" ")[1:3] != ["line", "0"], second

    # A kernel restart loses every variable; the store keeps the run, and the same cells resume it to the end.
    km.restart_kernel(now=True)
    kc.wait_for_ready(timeout=60)
    reply, _ = run_cell(kc, FLOW.format(dir=tmp_path))
    assert reply["status"] == "ok", reply
    stderr, shown = run_capture(km, kc)
    assert re.search(r"flow 'nb_recovery' resumes from epoch \d+ as execution 2 of recovery store", stderr), stderr
    assert "stopped" not in shown.splitlines()[0], shown
    third = lines_captured(kc)
    assert third.endswith("line 2999"), third
    assert third.split(" ")[1:3] != ["line", "0"], third
