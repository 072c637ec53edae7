"""The kernel driven directly through jupyter_client: interrupts, threads, robustness, many cells."""
import threading
import time

import zmq

from conftest import run_cell, stdout_of


def test_kernel_info_names_this_kernel(kernel):
    _, kc = kernel
    info = kc.kernel_info(reply=True, timeout=30)["content"]
    assert info["status"] == "ok"
    assert info["implementation"] == "eddy"
    assert info["language_info"]["name"] == "java"
    assert info["language_info"]["file_extension"] == ".jshell"


def test_error_carries_the_real_exception_class_and_cell_lines(kernel):
    _, kc = kernel
    run_cell(kc, "void explode() {\n  throw new IllegalArgumentException(\"bad\");\n}")
    reply, outputs = run_cell(kc, "int y = 0;\nexplode();")
    assert reply["status"] == "error"
    assert reply["ename"] == "IllegalArgumentException"
    error = [c for t, c in outputs if t == "error"][0]
    assert "at explode(In[" in "\n".join(error["traceback"])
    assert "line 2)" in "\n".join(error["traceback"])


def test_compile_error_shows_the_span(kernel):
    _, kc = kernel
    reply, outputs = run_cell(kc, "String s = 42;")
    assert reply["ename"] == "CompilationError"
    traceback = [c for t, c in outputs if t == "error"][0]["traceback"]
    assert "String s = 42;" in traceback
    assert "incompatible types" in reply["evalue"]


def interrupt_after(km, kc, code, delay):
    msg_id = kc.execute(code)
    time.sleep(delay)
    start = time.monotonic()
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=30)
    assert reply["parent_header"]["msg_id"] == msg_id
    return reply["content"], time.monotonic() - start


def test_interrupt_stops_a_sleep(kernel):
    km, kc = kernel
    reply, took = interrupt_after(km, kc, "Thread.sleep(60_000);", 1.0)
    assert reply["status"] == "error" and reply["ename"] == "InterruptedException"
    assert took < 5
    assert run_cell(kc, "1 + 1")[1][0][1]["data"]["text/plain"] == "2"


def test_interrupt_stops_a_busy_loop(kernel):
    km, kc = kernel
    run_cell(kc, "long n = 0;")
    reply, took = interrupt_after(km, kc, "while (true) { n++; }", 1.0)
    assert reply["ename"] == "InterruptedException"
    assert took < 5
    time.sleep(1.5)
    first = run_cell(kc, "n")[1][0][1]["data"]["text/plain"]
    time.sleep(0.3)
    assert run_cell(kc, "n")[1][0][1]["data"]["text/plain"] == first


def test_output_of_threads_the_cell_started_streams_to_the_cell(kernel):
    _, kc = kernel
    code = """
    Thread t = new Thread(() -> { for (int i = 0; i < 3; i++) { System.out.println("tick " + i);
        try { Thread.sleep(100); } catch (InterruptedException e) { } } });
    t.start(); t.join();
    System.out.println("done");
    """
    _, outputs = run_cell(kc, code)
    assert stdout_of(outputs) == "tick 0\ntick 1\ntick 2\ndone\n"


def test_output_arrives_while_the_cell_runs(kernel):
    _, kc = kernel
    msg_id = kc.execute('System.out.println("first"); Thread.sleep(2000); System.out.println("second");')
    start = time.monotonic()
    while True:
        msg = kc.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            break
    assert msg["content"]["text"] == "first\n"
    assert time.monotonic() - start < 1.8
    kc.get_shell_msg(timeout=30)


def test_system_exit_leaves_the_kernel_alive(kernel):
    _, kc = kernel
    reply, _ = run_cell(kc, "System.exit(0);")
    assert reply["ename"] == "SecurityException"
    assert run_cell(kc, '"alive"')[1][0][1]["data"]["text/plain"] == "alive"
    _, outputs = run_cell(kc, 'System.out.println("alive");')
    assert stdout_of(outputs) == "alive\n"


def test_out_of_memory_leaves_the_kernel_alive(kernel):
    _, kc = kernel
    reply, _ = run_cell(kc, "java.util.List<long[]> hog = new java.util.ArrayList<>();\n"
                            "while (true) hog.add(new long[10_000_000]);", timeout=120)
    assert reply["ename"] == "OutOfMemoryError"
    run_cell(kc, "hog = null; System.gc();")
    _, outputs = run_cell(kc, 'System.out.println("after oom");')
    assert stdout_of(outputs) == "after oom\n"


def test_malformed_messages_are_logged_not_fatal(kernel):
    km, kc = kernel
    info = km.get_connection_info()
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
    try:
        # a wrong signature, then valid framing with JSON that is not JSON
        sock.send_multipart([b"<IDS|MSG>", b"bad-signature", b"{}", b"{}", b"{}", b"{}"])
        session = kc.session
        header = session.pack(session.msg_header("execute_request"))
        content = b"{not json"
        sig = session.sign([header, b"{}", b"{}", content])
        sock.send_multipart([b"<IDS|MSG>", sig, header, b"{}", b"{}", content])
        time.sleep(0.5)
    finally:
        sock.close(linger=0)
    _, outputs = run_cell(kc, 'System.out.println("still answering");', timeout=30)
    assert stdout_of(outputs) == "still answering\n"


def test_a_thousand_cells_do_not_grow_memory_without_bound(kernel):
    _, kc = kernel
    used = "Runtime.getRuntime().gc(); Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()"
    for i in range(100):
        run_cell(kc, f"int v = {i}; v + 1")
    before = int(run_cell(kc, used)[1][0][1]["data"]["text/plain"])
    start = time.monotonic()
    for i in range(1000):
        reply, _ = run_cell(kc, f"int v = {i}; v + 1")
        assert reply["status"] == "ok"
    elapsed = time.monotonic() - start
    after = int(run_cell(kc, used)[1][0][1]["data"]["text/plain"])
    growth_mb = (after - before) / 1e6
    print(f"1000 cells in {elapsed:.1f} s; heap after GC grew {growth_mb:.1f} MB")
    assert growth_mb < 64, f"heap grew {growth_mb:.1f} MB over 1000 cells"
