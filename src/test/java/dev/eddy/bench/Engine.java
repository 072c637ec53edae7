package dev.eddy.bench;

import java.util.List;

/** A way to run the benchmark's queries: Eddy, a comparator, or the hand-written upper bound. */
public interface Engine extends AutoCloseable {

    /** A short name for tables. */
    String name();

    /** Runs {@code workload} over {@code items} to the end of input and returns every result, in any order. */
    List<?> run(Workload workload, List<?> items) throws Exception;

    /**
     * Does, before the clock starts, what a user does once before running a flow at all (Eddy with recovery:
     * {@code Recovery.initDbDir}, Bytewax's {@code python -m bytewax.recovery}); the next {@link #run} uses it.
     */
    default void prepare() throws Exception {
    }

    @Override
    default void close() throws Exception {
    }
}
