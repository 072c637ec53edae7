"""Measures the installed 'eddy' kernel: start to first kernel_info reply, then the first trivial cell.

Run after scripts/python-tests.sh installed the kernel:
    JUPYTER_PATH=.venv/share/jupyter .venv/bin/python scripts/kernel-benchmark.py [runs]
"""
import statistics
import sys
import time

from jupyter_client import KernelManager


def one_run():
    km = KernelManager(kernel_name="eddy")
    start = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.kernel_info(reply=True, timeout=60)
        info_at = time.monotonic()
        kc.execute_interactive("1 + 1", timeout=60, output_hook=lambda msg: None)
        cell_at = time.monotonic()
        return info_at - start, cell_at - info_at
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    results = [one_run() for _ in range(runs)]
    info = [r[0] for r in results]
    cell = [r[1] for r in results]
    print(f"runs: {runs}")
    print(f"start -> kernel_info reply: median {statistics.median(info):.2f} s (min {min(info):.2f}, max {max(info):.2f})")
    print(f"kernel_info -> first cell '1 + 1': median {statistics.median(cell):.2f} s "
          f"(min {min(cell):.2f}, max {max(cell):.2f})")


if __name__ == "__main__":
    main()
