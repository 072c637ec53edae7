"""Flows on Apache Flink from a notebook: a cell runs a flow on FlinkRunner.local with no extra step (Flink's jars
come with the installed kernel and load on the first Flink cell), a Capture over a Flink run shows the job and
is cancelled by the stop button, the kernel answering afterwards, and a flow of a cell's record and lambda runs on
a session cluster of separate JVMs that `./eddy flink-cluster` started, as a user would submit it."""
import subprocess
import time
from pathlib import Path

from conftest import iopub_until_idle, run_cell, shell_reply, stdout_of


def value_of(outputs):
    shown = [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"]
    assert len(shown) == 1, outputs
    return shown[0]


def test_flink_a_cell_runs_a_flow_with_a_record_and_a_lambda_of_earlier_cells_on_a_minicluster(kernel):
    km, kc = kernel
    reply, _ = run_cell(kc, "record Reading(String sensor, int value) {}\n"
                            "Function<Reading, Integer> twice = r -> r.value() * 2;")
    assert reply["status"] == "ok", reply
    reply, outputs = run_cell(kc, """
var out = Collections.synchronizedList(new ArrayList<String>());
var flow = new Dataflow("nb_flink");
flow.input("inp", TestingSource.of(new Reading("a", 1), new Reading("b", 2), new Reading("a", 3)))
    .map("twice", r -> r.sensor() + "=" + twice.apply(r))
    .output("out", new TestingSink<>(out));
FlinkRunner.local(flow).withParallelism(2).run();
System.out.println(out.stream().sorted().toList());
""", timeout=180)
    assert reply["status"] == "ok", reply
    assert stdout_of(outputs).strip() == "[a=2, a=6, b=4]", outputs


def test_flink_interrupting_a_capture_on_flink_cancels_the_job_and_the_kernel_still_answers(kernel, tmp_path):
    km, kc = kernel
    marker = tmp_path / "running"
    # The stop comes once items have reached the notebook: the marker is written by a sink in the kernel's JVM,
    # after the collect stream delivered 20 items there. A marker written on the cluster's side came too early,
    # with every item still in flight, and a cancel drops what is in flight.
    reply, _ = run_cell(kc, f"""
var flow = new Dataflow("nb_flink_stop");
var nums = flow.input("inp", GeneratorSource.of(i -> i, Duration.ofMillis(5)));
var delivered = new ArrayList<Long>() {{
    @Override public boolean addAll(Collection<? extends Long> batch) {{
        boolean added = super.addAll(batch);
        if (size() >= 20 && !Files.exists(Path.of("{marker}"))) {{
            try {{ Files.writeString(Path.of("{marker}"), "delivered"); }} catch (IOException e) {{ throw new UncheckedIOException(e); }}
        }}
        return added;
    }}
}};
nums.output("delivered", new TestingSink<>(delivered));
var capture = Capture.of(flow).stream("nums", nums).on(FlinkRunner.local(flow).withParallelism(2));
""")
    assert reply["status"] == "ok", reply
    msg_id = kc.execute("capture.run()")
    deadline = time.monotonic() + 150
    while not marker.exists():
        assert time.monotonic() < deadline, "the Flink job never ran"
        time.sleep(0.2)
    km.interrupt_kernel()
    outputs = iopub_until_idle(kc, msg_id, timeout=120)
    reply = shell_reply(kc, msg_id, timeout=120)["content"]
    assert reply["status"] == "ok", (reply, outputs)
    shown = value_of(outputs)
    assert shown.startswith("flow nb_flink_stop on Flink job "), shown
    assert "parallelism 2)" in shown.splitlines()[0], shown

    # The job's end, as Flink reports it, once the cancellation is done: CANCELED, with no failure.
    status = ""
    deadline = time.monotonic() + 60
    while "CANCELED" not in status:
        assert time.monotonic() < deadline, status
        _, outs = run_cell(kc, "capture.results().where().orElse(\"none\")")
        status = value_of(outs)
        time.sleep(0.3)
    assert "(CANCELED, parallelism 2)" in status, status
    _, outs = run_cell(kc, "capture.results().items(\"nums\").size() > 0")
    assert value_of(outs) == "true", outs
    _, outs = run_cell(kc, "1 + 1")
    assert value_of(outs) == "2", outs


ROOT = Path(__file__).resolve().parents[2]


def test_flink_a_cells_record_and_lambda_run_on_a_separate_cluster_with_the_local_runtimes_output(kernel, tmp_path):
    km, kc = kernel
    cluster = tmp_path / "cluster"
    script = ROOT / "scripts" / "flink-cluster.sh"
    started = subprocess.run([str(script), "start", "--slots", "2", "--dir", str(cluster)], capture_output=True, text=True,
                             timeout=180)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        port = int((cluster / "rest.port").read_text().strip())
        reply, _ = run_cell(kc, "record Visit(String page, int millis) {}\n"
                                "SerializablePredicate<Visit> slow = v -> v.millis() > 100;")
        assert reply["status"] == "ok", reply
        reply, outputs = run_cell(kc, f"""
List<String> countsOn(dev.eddy.runtime.Engine engine) {{
    var out = Collections.synchronizedList(new ArrayList<String>());
    var flow = new Dataflow("nb_remote");
    flow.input("inp", TestingSource.of(new Visit("home", 40), new Visit("cart", 250), new Visit("home", 180),
            new Visit("pay", 90), new Visit("cart", 300)))
        .filter("slow", slow).keyOn("page", Visit::page)
        .statefulMap("count", (Integer n, Visit v) -> dev.eddy.dataflow.Mapped.of(n == null ? 1 : n + 1, n == null ? 1 : n + 1))
        .map("show", kv -> kv.key() + "=" + kv.value())
        .output("out", new TestingSink<>(out));
    engine.prepare(flow, RunOptions.defaults()).run();
    return out.stream().sorted().toList();
}}
var onCluster = countsOn(FlinkRunner.remote("127.0.0.1", {port}).withParallelism(2));
var local = countsOn(dev.eddy.runtime.Engine.local());
System.out.println(onCluster + " " + onCluster.equals(local));
""", timeout=240)
        assert reply["status"] == "ok", (reply, outputs)
        assert stdout_of(outputs).strip() == "[cart=1, cart=2, home=1] true", outputs
        status = subprocess.run([str(script), "status", "--dir", str(cluster)], capture_output=True, text=True,
                                timeout=60)
        assert "taskmanagers 1" in status.stdout, status.stdout + status.stderr
    finally:
        stopped = subprocess.run([str(script), "stop", "--dir", str(cluster)], capture_output=True, text=True,
                                 timeout=120)
    assert "stopped the Flink cluster" in stopped.stdout, stopped.stdout + stopped.stderr
