"""Interrupting a cell that runs `Capture.of(...).run()` over an endless source shows the results that arrived as the
cell's value."""
import time

from jupyter_client.manager import start_new_kernel

# A source that never ends: a number every 5 ms.
FOREVER = """DynamicSource<Long> forever = (step, worker, workers) -> new StatelessSourcePartition<Long>() {
    long n;
    public List<Long> nextBatch() { return List.of(n++); }
    public Instant nextAwake() { return Instant.now().plusMillis(5); }
};
var endless = new Dataflow("endless");
var cap = Capture.of(endless).stream("n", endless.input("inp", forever));"""


def run_and_interrupt(kc, km, code):
    """Runs `code`, interrupts it after a moment, and returns (the reply, the messages the cell sent)."""
    msg_id = kc.execute(code)
    time.sleep(2.0)
    km.interrupt_kernel()
    messages, reply = [], None
    deadline = time.monotonic() + 60
    while reply is None:
        assert time.monotonic() < deadline, "the interrupted cell must finish"
        msg = kc.get_shell_msg(timeout=60)
        if msg["parent_header"].get("msg_id") == msg_id:
            reply = msg["content"]
    while True:
        msg = kc.get_iopub_msg(timeout=10)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    return reply, messages


def test_interrupt_results_an_interrupted_capture_run_shows_what_arrived_under_the_cell():
    km, kc = start_new_kernel(kernel_name="eddy", startup_timeout=90)
    try:
        kc.execute_interactive(FOREVER, timeout=90)
        reply, messages = run_and_interrupt(kc, km, "cap.run()")
        # run() returns what arrived when interrupted, so the cell ends ok with that as its value, shown once,
        # and a note on stderr says the cell was interrupted.
        assert reply["status"] == "ok", reply
        shown = [m["content"]["data"] for m in messages if m["msg_type"] in ("display_data", "execute_result")]
        assert [m["msg_type"] for m in messages if m["msg_type"] in ("display_data", "execute_result")] \
            == ["execute_result"], [m["msg_type"] for m in messages]
        notes = "".join(m["content"]["text"] for m in messages
                        if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
        assert "was interrupted" in notes, notes
        assert "flow endless (stopped before its input ended)" in shown[0]["text/plain"]
        assert "n — " in shown[0]["text/html"] and "<td>0</td>" in shown[0]["text/html"]
        after = kc.execute_interactive("6 * 7", timeout=60)
        assert after["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_interrupt_results_an_interrupted_run_assigned_to_a_variable_keeps_it():
    km, kc = start_new_kernel(kernel_name="eddy", startup_timeout=90)
    try:
        kc.execute_interactive(FOREVER, timeout=90)
        run_and_interrupt(kc, km, "var r = cap.run();")
        outputs = []
        kc.execute_interactive('r.stopped() && r.items("n").size() > 0', timeout=60,
                               output_hook=lambda m: outputs.append(m))
        values = [m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "execute_result"]
        assert values == ["true"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
