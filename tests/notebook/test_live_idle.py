"""A live view keeps updating after the cell that started it ended, while no cell runs."""
import re
import time

from frontend import LIVE
from jupyter_client.manager import start_new_kernel


def rows(data):
    """The row count in a results table's text: 'counts — 7 rows × 6 columns'."""
    found = re.search(r"counts — (\d+) rows?", data["text/plain"])
    assert found, data["text/plain"]
    return int(found.group(1))


def test_live_idle_a_live_view_updates_while_no_cell_runs():
    km, kc = start_new_kernel(kernel_name="eddy", startup_timeout=90)
    try:
        msg_id = kc.execute(LIVE)
        display_id = None
        while True:  # the cell's own messages, up to its idle status
            msg = kc.get_iopub_msg(timeout=90)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "display_data":
                display_id = msg["content"]["transient"]["display_id"]
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        reply = kc.get_shell_msg(timeout=30)
        assert reply["content"]["status"] == "ok", reply["content"]
        assert display_id is not None, "the live run must show one display"

        # No cell runs now: only the live run's updates may come, for its display, under the cell that started it.
        updates = []
        deadline = time.monotonic() + 4.0
        while time.monotonic() < deadline:
            try:
                msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            except Exception:  # queue.Empty: nothing more came before the deadline
                break
            if msg["msg_type"] == "update_display_data":
                assert msg["content"]["transient"]["display_id"] == display_id
                assert msg["parent_header"]["msg_id"] == msg_id
                updates.append(rows(msg["content"]["data"]))
        assert len(updates) >= 3, f"updates must reach the front end while no cell runs; got {updates}"
        assert updates[-1] > updates[0], f"the row count must grow; got {updates}"

        stopped = kc.execute_interactive("live.stop(); live.isRunning()", timeout=60)
        assert stopped["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
