"""The kernel driven directly through jupyter_client: interrupts, threads, robustness, many cells."""
import threading
import time

import zmq

from conftest import run_cell, shell_reply, stdout_of


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
    reply = shell_reply(kc, msg_id, timeout=30)
    return reply["content"], time.monotonic() - start


def test_interrupt_stops_a_sleep(kernel):
    km, kc = kernel
    reply, took = interrupt_after(km, kc, "Thread.sleep(60_000);", 1.0)
    assert reply["status"] == "error" and reply["ename"] == "InterruptedException"
    assert took < 5
    assert run_cell(kc, "1 + 1")[1][0][1]["data"]["text/plain"] == "2"


def test_interrupt_stops_a_busy_loop_and_its_thread(kernel):
    km, kc = kernel
    run_cell(kc, "long n = 0;")
    reply, took = interrupt_after(km, kc, "while (true) { n++; }", 1.0)
    assert reply["status"] == "error" and reply["ename"] == "InterruptedException"
    assert took < 5
    # the reply comes only after the loop's thread is gone: n no longer moves
    first = run_cell(kc, "n")[1][0][1]["data"]["text/plain"]
    assert run_cell(kc, "n")[1][0][1]["data"]["text/plain"] == first
    assert run_cell(kc, "6 * 7")[1][0][1]["data"]["text/plain"] == "42"


def test_interrupts_one_after_another_each_hit_their_own_cell(kernel):
    km, kc = kernel
    for code in ("Thread.sleep(60_000);", "while (true) { }", "Thread.sleep(60_000);", "while (true) { }"):
        reply, _ = interrupt_after(km, kc, code, 0.5)
        assert reply["ename"] == "InterruptedException", code
        reply, outputs = run_cell(kc, '"next"')
        assert reply["status"] == "ok" and outputs[0][1]["data"]["text/plain"] == "next"


def test_interrupt_stops_a_running_flow(kernel):
    km, kc = kernel
    run_cell(kc, """
    java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
    DynamicSource<Long> endless = (step, worker, workers) -> new StatelessSourcePartition<Long>() {
        long i = 0;
        public List<Long> nextBatch() { return List.of(i++); }
    };
    Dataflow flow = new Dataflow("endless");
    flow.input("inp", endless).output("out", new TestingSink<Long>(new AbstractList<Long>() {
        public boolean add(Long x) { seen.incrementAndGet(); return true; }
        public Long get(int i) { throw new IndexOutOfBoundsException(); }
        public int size() { return 0; }
    }));
    """)
    reply, took = interrupt_after(km, kc, "Runner.runMain(flow);", 1.0)
    # An interrupted run stops and returns normally, so the cell ends ok (with a note on stderr).
    assert reply["status"] == "ok", reply
    assert took < 5
    first = int(run_cell(kc, "seen.get()")[1][0][1]["data"]["text/plain"])
    assert first > 0, "the flow ran before the interrupt"
    time.sleep(0.3)
    assert int(run_cell(kc, "seen.get()")[1][0][1]["data"]["text/plain"]) == first


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
    assert reply["evalue"].startswith("System.exit(0) must not be called in a notebook")
    reply, _ = run_cell(kc, "Runtime.getRuntime().halt(1);")
    assert reply["ename"] == "SecurityException"
    assert reply["evalue"].startswith("Runtime.halt(1) must not be called in a notebook")
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


RENDERABLE = """
import io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
// Shown as HTML by its own render; its text/plain is its toString, which %s
class %s implements DisplayDataRenderable {
    %s next = this;
    public Set<MIMEType> getPreferredRenderTypes() { return Set.of(MIMEType.TEXT_HTML); }
    public void render(RenderContext ctx) { ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> "<b>node</b>"); }
    public String toString() { %s }
}
"""


def test_a_value_whose_to_string_recurses_gets_an_error_reply_and_the_kernel_carries_on(kernel):
    _, kc = kernel
    run_cell(kc, RENDERABLE % ("runs round a cycle", "Loop", "Loop", 'return "Loop -> " + next;'))
    reply, outputs = run_cell(kc, "new Loop()", timeout=30)
    assert reply["status"] == "error"
    assert reply["ename"] == "StackOverflowError"
    assert "a Loop" in reply["evalue"] and "Loop.toString" in reply["evalue"]
    assert [t for t, _ in outputs] == ["error"]
    assert run_cell(kc, "6 * 7")[1][0][1]["data"]["text/plain"] == "42"


def test_a_value_whose_to_string_throws_gets_an_error_reply_naming_it(kernel):
    _, kc = kernel
    run_cell(kc, RENDERABLE % ("throws", "Grumpy", "Grumpy", 'throw new IllegalStateException("no text");'))
    reply, _ = run_cell(kc, "new Grumpy()", timeout=30)
    assert reply["status"] == "error"
    assert reply["ename"] == "IllegalStateException"
    assert "a Grumpy" in reply["evalue"] and "no text" in reply["evalue"]
    assert run_cell(kc, '"after"')[1][0][1]["data"]["text/plain"] == "after"


def test_plain_values_with_cyclic_or_throwing_to_string_show_a_note(kernel):
    _, kc = kernel
    run_cell(kc, 'class Ring { Ring next = this; public String toString() { return "Ring -> " + next; } }\n'
                 'class Sulky { public String toString() { throw new IllegalStateException("no"); } }')
    reply, outputs = run_cell(kc, "new Ring()", timeout=30)
    assert reply["status"] == "ok"
    assert "cyclic references?" in outputs[0][1]["data"]["text/plain"]
    reply, outputs = run_cell(kc, "new Sulky()", timeout=30)
    assert reply["status"] == "ok"
    assert "toString threw IllegalStateException" in outputs[0][1]["data"]["text/plain"]


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


HEAP_USED = ("System.gc(); System.gc(); "
             "Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()")


def heap_after_gc(kc):
    """The kernel's heap in use after two collections, in bytes."""
    return int(run_cell(kc, HEAP_USED)[1][0][1]["data"]["text/plain"])


def test_a_thousand_cells_do_not_grow_memory_without_bound(kernel):
    _, kc = kernel

    def cells(first, count):
        # one snippet a cell, declarations that overwrite the last one and expressions whose value is shown, sent
        # back to back and answered in order: a thousand cells without a thousand round trips
        code = [f"int v = {i};" if i % 2 == 0 else f"v + {i}" for i in range(first, first + count)]
        ids = [kc.execute(c, store_history=False) for c in code]
        for msg_id in ids:
            reply = shell_reply(kc, msg_id)
            assert reply["content"]["status"] == "ok", reply["content"]

    start = time.monotonic()
    cells(0, 200)
    at_200 = heap_after_gc(kc)
    cells(200, 800)
    at_1000 = heap_after_gc(kc)
    elapsed = time.monotonic() - start
    growth_mb = (at_1000 - at_200) / 1e6
    print(f"1000 cells in {elapsed:.1f} s; heap after GC at cell 200: {at_200 / 1e6:.1f} MB, "
          f"at cell 1000: {at_1000 / 1e6:.1f} MB")
    # JShell keeps a few KB of bookkeeping for every snippet it ever saw (its source, wrapper and bytecode), which
    # no public API releases; values, overwritten declarations and temporary $n variables must be let go
    per_cell_kb = (at_1000 - at_200) / 800 / 1e3
    assert per_cell_kb < 12, f"heap grew {growth_mb:.1f} MB ({per_cell_kb:.1f} KB a cell) from cell 200 to 1000"
    run_cell(kc, '"drained"')


def test_a_large_value_shown_by_a_cell_is_not_kept_alive(kernel):
    _, kc = kernel
    before = heap_after_gc(kc)
    for _ in range(5):
        # 80 MB each, held by the cell's temporary value $n, shown as [[J@...] and then let go
        reply, _ = run_cell(kc, "Collections.singletonList(new long[10_000_000])")
        assert reply["status"] == "ok"
    after = heap_after_gc(kc)
    assert (after - before) / 1e6 < 40


def complete(kc, code):
    msg_id = kc.complete(code, len(code))
    return shell_reply(kc, msg_id)["content"]


def test_completion_gives_each_match_its_type_and_puts_object_s_methods_last(kernel):
    _, kc = kernel
    run_cell(kc, 'var completedFlow = new Dataflow("completion");\nString completedName = "x";')
    reply = complete(kc, "completedFlow.")
    matches = reply["matches"]
    # Object's wait/notify show only when asked for by name; its other methods come after the type's own.
    assert not {"wait(", "notify()", "notifyAll()"} & set(matches), matches
    assert matches.index("input(") < matches.index("hashCode()"), matches
    assert complete(kc, "completedFlow.wa")["matches"] == ["wait("]
    types = {t["text"]: t["type"] for t in reply["metadata"]["_jupyter_types_experimental"]}
    assert types["input("] == "function" and types["flowId()"] == "function"
    names = complete(kc, "completed")
    typed = names["metadata"]["_jupyter_types_experimental"]
    assert {t["text"]: t["type"] for t in typed} == {"completedFlow": "instance", "completedName": "instance"}
    assert all(t["start"] == names["cursor_start"] == 0 and t["end"] == names["cursor_end"] == 9 for t in typed)
    assert {t["text"]: t["type"] for t in complete(kc, "Dataf")["metadata"]["_jupyter_types_experimental"]} \
        == {"Dataflow": "class"}


def test_completion_hides_types_that_are_public_only_for_eddy_s_own_plumbing(kernel):
    _, kc = kernel
    assert "SessionWindower" in complete(kc, "Session")["matches"]
    assert not {"SessionState", "SessionState("} & set(complete(kc, "Session")["matches"])
    assert complete(kc, "SessionSt")["matches"] == []
    assert not {"SlidingState", "WindowSnapshot", "WindowerLogic", "Micros"} \
        & set(complete(kc, "dev.eddy.windowing.")["matches"])
    assert "TumblingWindower" in complete(kc, "dev.eddy.windowing.")["matches"]
    assert not {"HtmlTable", "NotebookRenderers"} & set(complete(kc, "Notebook")["matches"] + complete(kc, "Html")["matches"])


def test_completion_gives_each_method_its_parameter_and_return_types(kernel):
    _, kc = kernel
    run_cell(kc, 'var typedFlow = new Dataflow("typed");\nvar typedInts = typedFlow.input("inp", TestingSource.of(1, 2));')
    signatures = {t["text"]: t.get("signature") for t in
                  complete(kc, "typedFlow.")["metadata"]["_jupyter_types_experimental"]}
    assert signatures["input("] == "input(String stepId, Source<T> source) -> Stream<T>", signatures
    assert signatures["flowId()"] == "flowId() -> String"
    # After a chain of calls too, and with the overload count when there are several.
    chained = {t["text"]: t.get("signature") for t in
               complete(kc, 'typedInts.map("m", x -> x + 1).')["metadata"]["_jupyter_types_experimental"]}
    assert chained["keyOn("].startswith("keyOn(String stepId, SerializableFunction<"), chained["keyOn("]
    assert "-> KeyedStream<" in chained["keyOn("]
    variables = {t["text"]: t.get("signature") for t in complete(kc, "typed")["metadata"]["_jupyter_types_experimental"]}
    assert variables["typedFlow"] == "Dataflow" and variables["typedInts"] == "Stream<Integer>", variables


def test_inspect_shows_the_javadoc_of_an_eddy_method(kernel):
    _, kc = kernel
    code = "Capture.of("
    msg_id = kc.inspect(code, len(code))
    reply = shell_reply(kc, msg_id)["content"]
    assert reply["status"] == "ok" and reply["found"], reply
    text = reply["data"]["text/plain"]
    assert text.startswith("dev.eddy.notebook.Capture dev.eddy.notebook.Capture.of(dev.eddy.dataflow.Dataflow flow)")
    assert "Starts capturing streams of {@code flow}." in text
