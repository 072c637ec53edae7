package dev.eddy.notebook;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.Step;
import dev.eddy.dataflow.Stream;
import dev.eddy.runtime.Engine;
import dev.eddy.runtime.FlowRun;
import dev.eddy.runtime.RunOptions;
import dev.eddy.windowing.WindowOut;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Keeps what chosen streams of a flow produce, so a notebook cell can run the flow and show the results without
 * wiring sinks: for each run, each stream or {@link WindowOut} added gets an output step that records its items,
 * and the steps are taken away again once the run is prepared, so the flow stays as the user built it (its graph
 * shows no capture steps, and an older capture of the same flow does not collect in a newer one's run).
 * <pre>{@code
 * var flow = new Dataflow("cap_eg");
 * var doubled = flow.input("inp", TestingSource.of(1, 2, 3)).map("double", x -> x * 2);
 * Results r = Capture.of(flow).stream("doubled", doubled).run();
 * System.out.println(r.items("doubled"));
 * // [2, 4, 6]
 * }</pre>
 * {@link #runFor(Duration)} and {@link #runForItems(long)} record a source that may never end for a bounded time
 * or item count, as Beam's bounded recordings do.
 * A run in a cell stops when the cell is interrupted, or when {@link #stop()} is called from another thread; the
 * results then hold what arrived before, marked as stopped.
 * <p>{@link #on(Engine)} runs the flow on another engine, such as Apache Flink with
 * {@code Capture.of(flow).on(FlinkRunner.local(flow).withParallelism(2))}: the same tables, charts and live
 * views, the results' header naming the job, its status and its parallelism; an interrupt cancels the job.
 */
public final class Capture {

    private final Dataflow flow;
    private final Map<String, Captured> captured = new LinkedHashMap<>();
    /** What each run attaches: a sink on a stream of the flow, under a step id based on a name. */
    private final List<Attachment> attachments = new ArrayList<>();
    private int keepLast;
    private int workers = 1;
    private boolean workerColumn;
    /** Where the flow runs: the local runtime unless {@link #on(Engine)} said otherwise. */
    private Engine engine = Engine.local();
    private volatile FlowRun execution;
    /** The run under way or last run, whose {@link FlowRun#where()} the results' header shows. */
    private volatile FlowRun lastRun;
    /** The worker count of the run under way or last run, for the results' header. */
    private volatile int ranOn = 1;

    private Capture(Dataflow flow) {
        this.flow = Objects.requireNonNull(flow, "Capture flow can't be null");
    }

    /** Starts capturing streams of {@code flow}. */
    public static Capture of(Dataflow flow) {
        return new Capture(flow);
    }

    /** Records every item of {@code stream} under {@code name}. */
    public Capture stream(String name, Stream<?> stream) {
        Objects.requireNonNull(stream, () -> "Capture stream '" + name + "' can't be null");
        claim(name);
        captured.put(name, new Captured.Plain(name, attach(name, stream)));
        return this;
    }

    /** Records a windowing operator's {@code down}, {@code late} and {@code meta} under {@code name}. */
    public Capture window(String name, WindowOut<?, ?, ?> out) {
        Objects.requireNonNull(out, () -> "Capture window '" + name + "' can't be null");
        claim(name);
        captured.put(name, new Captured.Windowed(name, attach(name + "_down", out.down()),
                attach(name + "_late", out.late()), attach(name + "_meta", out.meta())));
        return this;
    }

    /**
     * Keeps only the latest {@code n} items of each stream (0 keeps all, the default for {@link #run()}), for flows
     * that run long.
     */
    public Capture keepLast(int n) {
        if (n < 0) throw new IllegalArgumentException("Capture keepLast must be 0 or more; got " + n + " instead");
        this.keepLast = n;
        captured.values().forEach(c -> c.parts().forEach(p -> p.resize(n)));
        return this;
    }

    /**
     * Runs {@link #run()} and {@link #live} on {@code n} workers (1, the default, unless changed); the results'
     * header says how many ran when more than one did. Keyed results are the same per key on any count.
     */
    public Capture workers(int n) {
        RunOptions.defaults().withWorkers(n);
        this.workers = n;
        return this;
    }

    /**
     * Adds a {@code worker} column to every table of the results: the index of the worker whose sink took the
     * row (0 on one worker, and on Flink, whose rows come back through one collect stream).
     *
     * <pre>{@code
     * var flow = new Dataflow("worker_column_eg");
     * var words = flow.input("inp", TestingSource.of("a", "b", "c")).redistribute("spread");
     * var results = Capture.of(flow).stream("words", words).workers(2).withWorkerColumn().run();
     * System.out.println(results.table("words").columnNames());
     * // [value, worker]
     * }</pre>
     */
    public Capture withWorkerColumn() {
        this.workerColumn = true;
        return this;
    }

    /**
     * Runs {@link #run()}, {@link #live} and the bounded recordings on {@code engine} instead of the local runtime,
     * for example {@code FlinkRunner.local(flow).withParallelism(2)}; {@link Engine#local()} goes back. The
     * engine decides how many parallel tasks run; {@link #workers(int)} is the local runtime's count.
     */
    public Capture on(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "Capture engine can't be null; use Engine.local()");
        return this;
    }

    /** How many workers {@link #run()} and {@link #live} use: 1 unless {@link #workers(int)} changed it. */
    public int workers() {
        return workers;
    }

    /** Runs the flow to its end in this thread with the system clock, and returns what was captured. */
    public Results run() {
        return run(RunOptions.defaults().withWorkers(workers));
    }

    /**
     * Runs the flow to its end in this thread with {@code options}, and returns what was captured. When the
     * thread is interrupted (a notebook's stop button), the run stops and returns the results that arrived, marked
     * as stopped, leaving the thread interrupted; in a notebook the kernel shows them as the cell's value, with a
     * note that the cell was interrupted.
     */
    public Results run(RunOptions options) {
        return record(options, 0, null);
    }

    /**
     * Runs the flow in this thread as {@link #run()} does, but for at most {@code duration}: a bounded recording
     * of a source that may never end, as Beam's {@code recording_duration}. When the duration passes first, the
     * run stops cleanly and the results are marked as stopped, their note saying so.
     * <pre>{@code
     * var flow = new Dataflow("run_for_eg");
     * var ticks = flow.input("inp", GeneratorSource.of(i -> i, Duration.ofMillis(10)));
     * Results r = Capture.of(flow).stream("ticks", ticks).runFor(Duration.ofMillis(200));
     * System.out.println(r.stopped() + " " + r.stoppedBy().orElseThrow() + " " + !r.items("ticks").isEmpty());
     * // true 200 ms passed true
     * }</pre>
     */
    public Results runFor(Duration duration) {
        Objects.requireNonNull(duration, "Capture runFor duration can't be null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("Capture runFor duration must be positive; got " + duration
                    + " instead");
        }
        return record(RunOptions.defaults().withWorkers(workers), 0, duration);
    }

    /**
     * Runs the flow in this thread as {@link #run()} does, until {@code count} items were captured in all its
     * names together (a windowed name counts its {@code down} and {@code late} items), then stops it cleanly: the
     * results hold exactly that many items and are marked as stopped, their note saying so. A flow whose input
     * ends first returns all it made, not marked.
     * <pre>{@code
     * var flow = new Dataflow("run_items_eg");
     * var nums = flow.input("inp", GeneratorSource.of(i -> i * i, Duration.ZERO));
     * Results r = Capture.of(flow).stream("squares", nums).runForItems(4);
     * System.out.println(r.items("squares") + " " + r.stoppedBy().orElseThrow());
     * // [0, 1, 4, 9] 4 items captured
     * }</pre>
     */
    public Results runForItems(long count) {
        return runForItems(count, RunOptions.defaults().withWorkers(workers));
    }

    /**
     * {@link #runForItems(long)} with {@code options}: with a recovery store, a run stopped in the middle that a
     * later {@link #run(RunOptions)} with the same options resumes.
     */
    public Results runForItems(long count, RunOptions options) {
        if (count < 1) {
            throw new IllegalArgumentException("Capture runForItems count must be 1 or more; got " + count
                    + " instead");
        }
        return record(Objects.requireNonNull(options, "Capture runForItems options can't be null"), count, null);
    }

    /**
     * Runs the flow in this thread until its input ends, it is stopped or interrupted, or a bound is reached.
     *
     * @param maxItems how many items to capture at most, in all names together; 0 for no bound
     * @param maxTime how long to run at most, or {@code null} for no bound
     */
    private Results record(RunOptions options, long maxItems, Duration maxTime) {
        requireSomething();
        captured.values().forEach(c -> c.parts().forEach(CapturedItems::clear));
        FlowRun run = prepare(options);
        AtomicReference<String> endedBy = new AtomicReference<>();
        CapturedItems.Budget budget = maxItems == 0 ? null : new CapturedItems.Budget(maxItems, () -> {
            endedBy.compareAndSet(null, maxItems + " items captured");
            run.stop();
        });
        captured.values().forEach(c -> c.counted().forEach(p -> p.limitTo(budget)));
        ScheduledExecutorService timer = maxTime == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eddy-capture-" + flow.flowId() + "-bound");
            t.setDaemon(true);
            return t;
        });
        if (timer != null) {
            timer.schedule(() -> {
                if (run.isFinished()) return;
                endedBy.compareAndSet(null, WindowCharts.words(maxTime) + " passed");
                run.stop();
            }, maxTime.toNanos(), TimeUnit.NANOSECONDS);
        }
        execution = run;
        try {
            run.run();
        } finally {
            execution = null;
            if (timer != null) timer.shutdownNow();
            captured.values().forEach(c -> c.counted().forEach(p -> p.limitTo(null)));
        }
        boolean stopped = run.isStopRequested() || Thread.currentThread().isInterrupted();
        return results(stopped, run.resumeLine(), stopped ? endedBy.get() : null);
    }

    /**
     * Runs the flow on a background thread and shows its latest results in one notebook output, updated at most
     * once per {@code every} until the flow ends or the returned run is stopped. Keeps the latest 10,000 items
     * per stream unless {@link #keepLast} says otherwise.
     */
    public LiveRun live(Duration every) {
        return live(every, RunOptions.defaults().withWorkers(workers), KernelSurface.INSTANCE);
    }

    /**
     * {@link #live(Duration)} with {@code options}: a recovery store to resume from and write to, the epoch
     * length, the worker count (the options' count, not {@link #workers(int)}'s). Stopping the run, as a crash
     * would, leaves the epoch under way unwritten; a later run with the same store resumes after the last
     * epoch written.
     */
    public LiveRun live(Duration every, RunOptions options) {
        Objects.requireNonNull(options, "Capture live options can't be null");
        return live(every, options, KernelSurface.INSTANCE);
    }

    LiveRun live(Duration every, RunOptions options, DisplaySurface surface) {
        requireSomething();
        if (keepLast == 0) keepLast(10_000);
        captured.values().forEach(c -> c.parts().forEach(CapturedItems::clear));
        return LiveRun.start(this, prepare(options), every, surface);
    }

    /** Asks a run of this capture in progress to stop; does nothing when none runs. */
    public void stop() {
        FlowRun run = execution;
        if (run != null) run.stop();
    }

    /** What was captured so far; safe to call while the flow runs. */
    public Results results() {
        return results(false);
    }

    Results results(boolean stopped) {
        return results(stopped, null);
    }

    /** @param resumed the run's resume line, or {@code null} when it did not resume */
    Results results(boolean stopped, String resumed) {
        return results(stopped, resumed, null);
    }

    /** @param stoppedBy which bound of a bounded recording stopped the run, or {@code null} */
    private Results results(boolean stopped, String resumed, String stoppedBy) {
        List<Results.Entry> entries = captured.values().stream().map(c -> c.snapshot(workerColumn)).toList();
        FlowRun run = lastRun;
        return new Results(flow.flowId(), entries, stopped, resumed, ranOn, stoppedBy,
                run == null ? null : run.where());
    }

    /** Changes whenever any captured stream receives items. */
    long version() {
        long v = 0;
        for (Captured c : captured.values()) for (CapturedItems p : c.parts()) v += p.version();
        return v;
    }

    Dataflow flow() {
        return flow;
    }

    private void requireSomething() {
        if (captured.isEmpty()) {
            throw new IllegalStateException("Capture of flow '" + flow.flowId() + "' must name a stream to keep; "
                    + "got none instead; call stream(name, s) or window(name, windowOut) first");
        }
    }

    private void claim(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Capture name must be a non-blank string; got "
                    + (name == null ? "null" : "\"" + name + "\"") + " instead");
        }
        if (captured.containsKey(name)) {
            throw new IllegalArgumentException("Capture name '" + name + "' must be unique; got it twice; "
                    + "captured so far: " + String.join(", ", captured.keySet()));
        }
    }

    private CapturedItems attach(String name, Stream<?> stream) {
        if (stream.flow() != flow) {
            throw new IllegalArgumentException("Capture '" + name + "' must take a stream of flow '" + flow.flowId()
                    + "'; got stream '" + stream.id() + "' of flow '" + stream.flow().flowId() + "' instead");
        }
        CapturedItems sink = new CapturedItems(keepLast);
        attachments.add(new Attachment("capture_" + name.replaceAll("[^A-Za-z0-9_]", "_"), stream, sink));
        return sink;
    }

    /** Adds the capture steps, plans the run, and takes the steps away again. */
    private FlowRun prepare(RunOptions options) {
        ranOn = options.workers();
        List<String> added = new ArrayList<>();
        try {
            for (Attachment a : attachments) {
                @SuppressWarnings("unchecked")
                Stream<Object> s = (Stream<Object>) a.stream();
                String id = freeStepId(a.baseId());
                s.output(id, a.sink());
                added.add(flow.qualify(id));
            }
            FlowRun run = engine.prepare(flow, options);
            lastRun = run;
            return run;
        } finally {
            for (int i = added.size() - 1; i >= 0; i--) {
                flow.removeOutput(added.get(i));
            }
        }
    }

    /** One sink to attach for a run. */
    private record Attachment(String baseId, Stream<?> stream, CapturedItems sink) {
    }

    private String freeStepId(String base) {
        Set<String> taken = flow.steps().stream().map(Step::localId).collect(Collectors.toSet());
        String id = base;
        for (int n = 2; taken.contains(id); n++) id = base + "_" + n;
        return id;
    }

    /** One name's sinks. */
    private sealed interface Captured {
        List<CapturedItems> parts();

        /** The parts whose items count toward a bounded recording's item count. */
        List<CapturedItems> counted();

        /** @param withWorkers whether the entry carries each item's worker */
        Results.Entry snapshot(boolean withWorkers);

        record Plain(String name, CapturedItems items) implements Captured {
            public List<CapturedItems> parts() {
                return List.of(items);
            }

            public List<CapturedItems> counted() {
                return List.of(items);
            }

            public Results.Entry snapshot(boolean withWorkers) {
                if (!withWorkers) return new Results.Entry(name, items.snapshot(), null, null, items.seen());
                CapturedItems.Kept kept = items.kept();
                return new Results.Entry(name, kept.items(), null, null, items.seen(), kept.workers(), null);
            }
        }

        record Windowed(String name, CapturedItems down, CapturedItems late, CapturedItems meta) implements Captured {
            public List<CapturedItems> parts() {
                return List.of(down, late, meta);
            }

            public List<CapturedItems> counted() {
                return List.of(down, late);
            }

            public Results.Entry snapshot(boolean withWorkers) {
                if (!withWorkers) {
                    return new Results.Entry(name, down.snapshot(), late.snapshot(), meta.snapshot(),
                            down.seen() + late.seen());
                }
                CapturedItems.Kept d = down.kept();
                CapturedItems.Kept l = late.kept();
                return new Results.Entry(name, d.items(), l.items(), meta.snapshot(), down.seen() + late.seen(),
                        d.workers(), l.workers());
            }
        }
    }
}
