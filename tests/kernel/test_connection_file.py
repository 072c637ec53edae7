"""A malformed connection file ends the kernel with an error in its log, not a hang."""
import subprocess

from jupyter_client.kernelspec import KernelSpecManager


def kernel_argv():
    return KernelSpecManager().get_kernel_spec("eddy").argv


def test_malformed_connection_file_fails_fast_with_a_message(tmp_path):
    bad = tmp_path / "connection.json"
    bad.write_text("{ this is not json")
    argv = [a.replace("{connection_file}", str(bad)) for a in kernel_argv()]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "connection file must be a Jupyter connection JSON file" in done.stderr
