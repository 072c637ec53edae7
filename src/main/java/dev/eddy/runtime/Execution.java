package dev.eddy.runtime;

import dev.eddy.dataflow.Dataflow;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of a flow, which another thread can stop: build it with {@link Runner#prepare}, call
 * {@link #run()} on the thread that should do the work, and {@link #stop()} from anywhere. A stopped
 * run ends at the next activation without end-of-input processing, as an abort does, and closes every
 * sink so nothing already written is lost. Interrupting the running thread stops it the same way (the
 * thread's interrupt flag stays set). The flow is checked when the execution is prepared.
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
public final class Execution {

    private final Dataflow flow;
    private final Plan plan;
    private final RunOptions options;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean finished;

    Execution(Dataflow flow, RunOptions options) {
        this.flow = Objects.requireNonNull(flow, "flow can't be null");
        this.options = Objects.requireNonNull(options, "options can't be null");
        this.plan = Plan.of(flow);
    }

    /**
     * Runs the flow to completion (end of input, abort or stop) in the calling thread.
     *
     * @throws IllegalStateException when this execution already ran
     * @throws dev.eddy.dataflow.StepException when a step fails
     */
    public void run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("execution of flow '" + flow.flowId() + "' must run once; it already ran");
        }
        try {
            new Worker(plan, options, stopRequested).run();
        } finally {
            finished = true;
        }
    }

    /** Asks the run to stop at its next activation; safe to call from any thread, any number of times. */
    public void stop() {
        stopRequested.set(true);
    }

    /** Whether a stop was asked for. */
    public boolean isStopRequested() {
        return stopRequested.get();
    }

    /** Whether {@link #run()} has returned or thrown. */
    public boolean isFinished() {
        return finished;
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
