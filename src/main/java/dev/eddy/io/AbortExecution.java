package dev.eddy.io;

/**
 * Thrown by a source partition to stop the run at once, with no end-of-input flush, as Bytewax's
 * {@code AbortExecution}: open windows stay unflushed, as after a crash.
 *
 * <pre>{@code
 * var flow = new Dataflow("abort_eg");
 * flow.input("inp", TestingSource.of(1, TestingSource.ABORT, 2)).inspect("out");
 * Runner.runMain(flow);
 * // abort_eg.out: 1
 * }</pre>
 */
public final class AbortExecution extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Signals an abort. */
    public AbortExecution() {
        super("execution aborted", null, false, false);
    }
}
