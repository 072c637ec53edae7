"""Writes tests/notebook/display.ipynb, the notebook test_display.py runs (kept in git; rerun after editing cells)."""
import pathlib

import nbformat

CELLS = [
    # 0: a flow with real session windows, captured without sinks; the cell's value shows the tables
    """record Click(String user, Instant time, String page) {}
var t0 = Instant.parse("2024-01-01T00:00:00Z");
var clicks = List.of(
    new Click("alice", t0, "<script>alert('x')</script>"),
    new Click("alice", t0.plusSeconds(3), "/home"),
    new Click("bob", t0.plusSeconds(4), "/cart"),
    new Click("alice", t0.plusSeconds(30), "/home"),
    new Click("bob", t0.plusSeconds(40), "/pay"),
    new Click("bob", t0.plusSeconds(5), "/late"));
var flow = new Dataflow("clicks");
var inp = flow.input("inp", TestingSource.of(clicks, 1));
var sessions = Windowing.countWindow("sessions", inp, EventClock.withWait(Click::time, Duration.ofSeconds(2)),
        new SessionWindower(Duration.ofSeconds(10)), Click::user);
Results results = Capture.of(flow).stream("clicks", inp).window("sessions", sessions).run();
results""",
    # 1: the flow's graph
    "display(flow);",
    # 2: a windowing chart
    'WindowCharts.sessionTimeline(results.table("sessions"), "time")',
    # 2b: the watermark view and a distribution, each one call
    """display(WindowCharts.watermark(clicks, Click::time, Duration.ofSeconds(2), results.table("sessions")));
WindowCharts.sessionLengths(results.table("sessions"))""",
    # 3: a Tablesaw jsplot figure with a title
    """import tech.tablesaw.api.*;
import tech.tablesaw.plotly.api.*;
var perUser = Table.create("per_user", StringColumn.create("user", "alice", "bob"), DoubleColumn.create("sessions", 2, 2));
VerticalBarPlot.create("Sessions per user", perUser, "user", "sessions")""",
    # 4: a plain Tablesaw table
    'Table.create("readings", StringColumn.create("sensor", "a<b>", "c"), DoubleColumn.create("celsius", 20.5, 19.0))',
    # 5: a live view of an endless flow, updated in place, then stopped
    """var liveFlow = new Dataflow("ticks");
DynamicSource<Long> ticking = (step, worker, workers) -> new StatelessSourcePartition<Long>() {
    long n;
    public List<Long> nextBatch() { return List.of(n++); }
    public Instant nextAwake() { return Instant.now().plusMillis(20); }
};
var live = Capture.of(liveFlow).stream("ticks", liveFlow.input("inp", ticking)).live(Duration.ofMillis(200));
Thread.sleep(1500);
live.stop();
live.updates() > 2""",
    # 6: two live runs at once, left running when the cell ends
    """var flowA = new Dataflow("ticks_a");
var liveA = Capture.of(flowA).stream("a", flowA.input("inp", ticking)).live(Duration.ofMillis(200));
var flowB = new Dataflow("ticks_b");
var liveB = Capture.of(flowB).stream("b", flowB.input("inp", ticking)).live(Duration.ofMillis(200));""",
    # 7: a later cell stops both; their outputs above were updated in place meanwhile
    """Thread.sleep(1500);
liveA.stop();
liveB.stop();
liveA.updates() > 2 && liveB.updates() > 2""",
    # 8: bad input: a value with cyclic references, shown as a note instead of failing
    """record Node(String name, List<Object> links) {}
var links = new ArrayList<Object>();
var node = new Node("n", links);
links.add(node);
node""",
    # 9: bad input: a stream of nulls, an empty stream, values of a type with no fields
    """class Opaque { public String toString() { return "opaque <thing>"; } }
var odd = new Dataflow("odd");
var nulls = odd.input("nulls", TestingSource.of(Arrays.asList(null, null), 1));
var none = odd.input("none", TestingSource.of(List.of(), 1));
var opaque = odd.input("opaque", TestingSource.of(new Opaque()));
Capture.of(odd).stream("nulls", nulls).stream("none", none).stream("opaque", opaque).run()""",
]

nb = nbformat.v4.new_notebook()
nb.metadata["kernelspec"] = {"name": "eddy", "display_name": "Java (Eddy)", "language": "java"}
nb.metadata["eddy_fixture"] = "notebook-display"
nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
nbformat.write(nb, pathlib.Path(__file__).with_name("display.ipynb"))
