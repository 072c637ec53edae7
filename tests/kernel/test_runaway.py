"""A cell whose thread survives interrupt and Thread.stop: the kernel says so, names the thread, and keeps saying so at
every later cell until the thread ends. A kernel of its own (the module's fixture), as the thread keeps a core busy."""
import time

from conftest import run_cell, shell_reply

# A loop that swallows every Throwable, ThreadDeath included; the finally block starts it again if a stop lands
# outside the try. It ends only when `quit` is set.
SPIN = """
java.util.concurrent.atomic.AtomicBoolean quit = new java.util.concurrent.atomic.AtomicBoolean();
long spins = 0;
void spin() {
    try {
        while (!quit.get()) {
            try { spins++; } catch (Throwable t) { }
        }
    } catch (Throwable t) {
    } finally {
        if (!quit.get()) spin();
    }
}
"""


def stderr_of(outputs):
    return "".join(c["text"] for t, c in outputs if t == "stream" and c["name"] == "stderr")


def test_a_cell_that_survives_interrupt_is_reported_as_still_running_and_later_cells_say_so(kernel):
    km, kc = kernel
    reply, _ = run_cell(kc, SPIN)
    assert reply["status"] == "ok"
    msg_id = kc.execute("spin();")
    time.sleep(1.0)
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=60)["content"]
    assert reply["status"] == "error" and reply["ename"] == "InterruptedException"
    value = reply["evalue"]
    assert "still running in the background" in value and "eddy-cell-" in value, value
    assert "restart the kernel" in value, value
    assert "ended" not in value, value
    thread = value[value.index("eddy-cell-"):].split()[0].rstrip(",;:")

    # the next cells run, and each one says the thread still runs
    for _ in range(2):
        reply, outputs = run_cell(kc, "6 * 7")
        assert reply["status"] == "ok"
        assert [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"] == ["42"]
        note = stderr_of(outputs)
        assert thread in note and "still running" in note and "restart the kernel" in note, note

    # once it ends, the next cell says so once, and the cell after says nothing
    run_cell(kc, "quit.set(true);")
    time.sleep(0.5)
    _, outputs = run_cell(kc, "1")
    assert thread in stderr_of(outputs) and "has ended" in stderr_of(outputs), stderr_of(outputs)
    _, outputs = run_cell(kc, "2")
    assert stderr_of(outputs) == ""
