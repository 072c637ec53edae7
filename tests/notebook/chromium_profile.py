"""A throwaway Chromium profile that is removed only after every Chromium process using it has gone.

Chromium's helper processes (renderers, the crash handler) outlive the browser process by a moment and keep
writing into the profile, so removing it right after the browser exits races with them. Each Chromium here
starts in its own process group; leaving the block kills the whole group before the profile is removed.
"""
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time


@contextlib.contextmanager
def chromium_profile():
    path = tempfile.mkdtemp(prefix="eddy-chromium-")
    groups = []

    def popen(args, **kwargs):
        proc = subprocess.Popen(args, start_new_session=True, **kwargs)
        groups.append(proc.pid)
        return proc

    try:
        yield path, popen
    finally:
        for group in groups:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGKILL)
        for _ in range(50):
            shutil.rmtree(path, ignore_errors=True)
            if not os.path.exists(path):
                break
            time.sleep(0.1)
