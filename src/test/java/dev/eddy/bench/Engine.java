package dev.eddy.bench;

import java.util.List;

/** A way to run the benchmark's queries: Eddy, a comparator, or the hand-written upper bound. */
public interface Engine extends AutoCloseable {

    /** A short name for tables. */
    String name();

    /** Runs {@code workload} over {@code items} to the end of input and returns every result, in any order. */
    List<?> run(Workload workload, List<?> items) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
