package dev.eddy.runtime;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.io.WallClock;

/**
 * Runs flows on the local runtime: one worker, as Bytewax's {@code run_main}, or several with
 * {@link RunOptions#withWorkers}; the calling thread waits for them (the steps run on threads of the run's own,
 * so that interrupting the caller stops the run cleanly).
 *
 * <pre>{@code
 * var flow = new Dataflow("run_eg");
 * flow.input("inp", TestingSource.of(1, 2)).inspect("out");
 * Runner.runMain(flow);
 * // run_eg.out: 1
 * // run_eg.out: 2
 * }</pre>
 */
public final class Runner {

    private Runner() {
    }

    /** Runs {@code flow} to completion with the system clock. */
    public static void runMain(Dataflow flow) {
        runMain(flow, RunOptions.defaults());
    }

    /** Runs {@code flow} to completion with {@code clock} as the system time, for deterministic tests. */
    public static void runMain(Dataflow flow, WallClock clock) {
        runMain(flow, RunOptions.defaults().withClock(clock));
    }

    /** Runs {@code flow} to completion with the given options. */
    public static void runMain(Dataflow flow, RunOptions options) {
        prepare(flow, options).run();
    }

    /**
     * An execution that can be run on one thread and stopped from another.
     *
     * @throws IllegalArgumentException when the flow can't run, such as one without an output step
     */
    public static Execution prepare(Dataflow flow, RunOptions options) {
        return new Execution(flow, options);
    }
}
