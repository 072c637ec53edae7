"""Shared helpers for the kernel's protocol tests; the kernel must be installed as 'eddy' (scripts/python-tests.sh)."""
import pytest
from jupyter_client.manager import start_new_kernel

KERNEL_NAME = "eddy"


def run_cell(kc, code, timeout=60):
    """Executes code and returns (reply content, list of (msg_type, content)) for its iopub output."""
    msg_id = kc.execute(code)
    outputs = iopub_until_idle(kc, msg_id, timeout)
    return shell_reply(kc, msg_id, timeout)["content"], outputs


def iopub_until_idle(kc, msg_id, timeout=60):
    """The (msg_type, content) of msg_id's output messages on iopub, up to its idle status."""
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return outputs
        if msg["msg_type"] in ("stream", "execute_result", "display_data", "error", "update_display_data"):
            outputs.append((msg["msg_type"], msg["content"]))


def shell_reply(kc, msg_id, timeout=60):
    """The shell reply to msg_id, skipping late replies to earlier requests (such as a second kernel_info that
    jupyter_client sent while waiting for the kernel to come up)."""
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def stdout_of(outputs):
    return "".join(c["text"] for t, c in outputs if t == "stream" and c["name"] == "stdout")


@pytest.fixture(scope="module")
def kernel():
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=60)
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
