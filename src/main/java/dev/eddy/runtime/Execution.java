package dev.eddy.runtime;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a flow, which another thread can stop: build it with {@link Runner#prepare}, call
 * {@link #run()} on the thread that should wait for the work, and {@link #stop()} from anywhere. A stopped
 * run ends at the next activation without end-of-input processing, as an abort does, and closes every
 * sink so nothing already written is lost. Interrupting the thread in {@link #run()} stops it the same way:
 * {@link #isStopRequested()} turns true, and the thread's interrupt flag is set again when {@link #run()}
 * returns. The steps themselves run on a thread of the run's own (one per worker), which the interrupt does not reach, so a
 * sink writing to an interruptible file channel is never closed mid-write; a step that interrupts its own
 * thread stops the run too. The flow is checked when the execution is prepared. One flow runs once at a time: while a run of
 * a {@link Dataflow} is under way, starting another run of it, on any thread, is an error; runs one after
 * another are fine.
 *
 * <pre>{@code
 * var flow = new Dataflow("stop_eg");
 * var slow = TestingSource.withMarkers(Integer.class, 1, List.of(1, TestingSource.pause(Duration.ofDays(1)), 2));
 * flow.input("inp", slow).output("out", new TestingSink<>(new ArrayList<>()));
 * var run = Runner.prepare(flow, RunOptions.defaults());
 * var worker = new Thread(run::run);
 * worker.start();
 * run.stop();
 * worker.join();
 * System.out.println(run.isFinished());
 * // true
 * }</pre>
 */
public final class Execution implements FlowRun {

    /** The flows running now, each with the thread running it. */
    private static final Map<Dataflow, Thread> RUNNING = Collections.synchronizedMap(new IdentityHashMap<>());

    private final Dataflow flow;
    private final Plan plan;
    private final RunOptions options;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean finished;
    private volatile RecoveryStore.ResumeFrom resumedFrom;
    private volatile String resumeLine;

    Execution(Dataflow flow, RunOptions options) {
        this.flow = Objects.requireNonNull(flow, "flow can't be null");
        this.options = Objects.requireNonNull(options, "options can't be null");
        this.plan = Plan.of(flow);
    }

    /**
     * Runs the flow to completion (end of input, abort or stop) in the calling thread.
     *
     * @throws IllegalStateException when this execution already ran, or another run of the same flow is
     *         under way
     * @throws dev.eddy.dataflow.StepException when a step fails
     */
    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("execution of flow '" + flow.flowId() + "' must run once; it already ran");
        }
        Thread other = RUNNING.putIfAbsent(flow, Thread.currentThread());
        if (other != null) {
            finished = true;
            throw new IllegalStateException("flow '" + flow.flowId() + "' must run once at a time; got a second run"
                    + " while one is under way on thread '" + other.getName() + "' instead; its sources and sinks"
                    + " can't serve two runs; wait for the first to end, or build a second Dataflow");
        }
        try {
            work();
        } finally {
            RUNNING.remove(flow);
            finished = true;
        }
    }

    /**
     * Runs the worker on a thread of its own while the calling thread waits, so that an interrupt of the
     * calling thread (a notebook's stop button) becomes {@link #stop()} and never reaches what a source or
     * sink is doing: a file channel that sees an interrupt closes itself mid-write. The worker's thread
     * belongs to the caller's thread group and has its context class loader.
     */
    private void work() {
        RecoveryRun recovery = openRecovery();
        try {
            work(recovery);
        } catch (Throwable e) {
            if (recovery != null) {
                closeAfter(e, recovery.store);
            }
            throw e;
        }
        if (recovery != null) {
            recovery.store.close();     // throws if the last garbage collection failed
        }
    }

    /** Closes {@code store} after the run failed with {@code failure}, which a failure to close must not hide. */
    private static void closeAfter(Throwable failure, RecoveryStore store) {
        try {
            store.close();
        } catch (Throwable closing) {
            failure.addSuppressed(closing);
        }
    }

    /**
     * Opens the run's recovery store, records the execution and loads the states it resumes from; says on
     * standard error which execution resumes from which epoch. {@code null} when the run has no recovery.
     */
    private RecoveryRun openRecovery() {
        RecoveryConfig config = options.recovery();
        if (config == null) {
            return null;
        }
        RecoveryStore store = RecoveryStore.open(config.dir(), flow.flowId(),
                config.allowedClassPrefixes().toArray(String[]::new));
        try {
            RecoveryRun run = new RecoveryRun(store, RecoveryStore.epochsPer(options.epochInterval(),
                    config.backupInterval()));
            run.start(options.workers());
            resumedFrom = run.resumeFrom;
            if (run.resumeFrom.execution() > 0) {
                resumeLine = resumeLine(config, run);
                System.err.println(resumeLine);
            }
            return run;
        } catch (Throwable e) {
            closeAfter(e, store);
            throw e;
        }
    }

    private String resumeLine(RecoveryConfig config, RecoveryRun run) {
        long epoch = run.resumeFrom.epoch();
        return "flow '" + flow.flowId() + "' resumes from epoch " + epoch + " as execution "
                + run.resumeFrom.execution() + " of recovery store " + config.dir() + ", with "
                + run.loadedStates() + (run.loadedStates() == 1 ? " state" : " states") + " of "
                + run.loadedSteps() + (run.loadedSteps() == 1 ? " step" : " steps")
                + (epoch > 1 ? " as they were when epoch " + (epoch - 1) + " closed" : " (no epoch had closed)")
                + "; what was read after that is read again: " + sourcePositions(run);
    }

    /** Where each source partition reads again from: its snapshotted state (e.g. a byte offset), or its start. */
    private String sourcePositions(RecoveryRun run) {
        StringBuilder out = new StringBuilder();
        for (Step step : plan.steps) {
            if (step.primitive() instanceof Primitive.Input) {
                Map<Object, Object> parts = run.peek(step.id());
                List<String> each = new ArrayList<>();
                parts.forEach((part, state) -> each.add(part + " at " + state));
                Collections.sort(each);
                out.append(out.length() == 0 ? "" : ", ").append("source '").append(step.id()).append("' ")
                        .append(each.isEmpty() ? "from its start" : "from " + String.join(", ", each));
            }
        }
        return out.toString();
    }

    private void work(RecoveryRun recovery) {
        Thread caller = Thread.currentThread();
        int count = options.workers();
        long firstEpoch = recovery == null ? 1 : recovery.resumeFrom.epoch();
        Crew crew = count == 1 ? null : new Crew(count, plan.steps.size(), options, stopRequested, firstEpoch,
                Crew.runsFree(count, options, recovery != null));
        Worker[] workers = new Worker[count];
        Thread[] threads = new Thread[count];
        Throwable[] thrown = new Throwable[count];
        for (int i = 0; i < count; i++) {
            Worker worker = new Worker(plan, options, stopRequested, recovery, crew, i);
            int index = i;
            workers[i] = worker;
            threads[i] = new Thread(() -> {
                try {
                    worker.run();
                } catch (Throwable e) {
                    thrown[index] = e;
                    if (crew != null) {
                        crew.fail(index, e);
                        crew.breakAll();
                    }
                }
            }, "eddy-" + flow.flowId() + (count == 1 ? "" : "-W" + i));
            threads[i].setDaemon(caller.isDaemon());
            threads[i].setContextClassLoader(caller.getContextClassLoader());
        }
        for (Thread thread : threads) {
            thread.start();
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop();
                } catch (ThreadDeath death) {
                    // The caller is being killed, as a kernel kills a cell that ignored its interrupt: the
                    // threads doing the cell's work go with it rather than running on unseen.
                    stop();
                    for (Thread each : threads) {
                        kill(each);
                    }
                    throw death;
                }
            }
        }
        boolean workerInterrupted = false;
        for (Worker worker : workers) {
            workerInterrupted |= worker.wasInterrupted();
        }
        if (interrupted || workerInterrupted) {
            caller.interrupt();
        }
        Throwable failure = crew != null ? crew.failure() : thrown[0];
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("flow '" + flow.flowId() + "' failed: " + failure, failure);
        }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void kill(Thread thread) {
        try {
            thread.stop();
        } catch (UnsupportedOperationException e) {
            thread.interrupt();
        }
    }

    /** Asks the run to stop at its next activation; safe to call from any thread, any number of times. */
    @Override
    public void stop() {
        stopRequested.set(true);
    }

    /** Whether a stop was asked for, by {@link #stop()} or by interrupting the running thread. */
    @Override
    public boolean isStopRequested() {
        return stopRequested.get();
    }

    /** Whether {@link #run()} has returned or thrown. */
    @Override
    public boolean isFinished() {
        return finished;
    }

    /**
     * Where this run started in its recovery store, once {@link #run()} has opened it: execution 0 at
     * epoch 1 for a first run, a later one when it resumed; {@code null} for a run without recovery.
     */
    public RecoveryStore.ResumeFrom resumedFrom() {
        return resumedFrom;
    }

    /**
     * The line a resumed run prints on standard error when it starts, once {@link #run()} has opened its
     * store: which execution resumes from which epoch of which store, with how many states, and where each
     * source reads again from; {@code null} for a first run or a run without recovery.
     */
    @Override
    public String resumeLine() {
        return resumeLine;
    }

    /** The flow being run. */
    public Dataflow flow() {
        return flow;
    }

    @Override
    public String toString() {
        return "Execution(" + flow.flowId() + (finished ? ", finished" : started.get() ? ", running" : ", ready")
                + (stopRequested.get() ? ", stop requested" : "") + ")";
    }
}
