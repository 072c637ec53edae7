package dev.eddy.io;

import java.time.Instant;
import java.util.List;

/**
 * One partition of a {@link FixedPartitionedSource}. The runtime calls {@link #nextBatch()} once per
 * activation, no earlier than {@link #nextAwake()}.
 *
 * <pre>{@code
 * var part = TestingSource.of("a", "b").buildPart("eg.inp", "iterable", null);
 * part.nextBatch();   // [a]
 * part.snapshot();    // 1
 * }</pre>
 *
 * @param <T> the item type
 * @param <S> the resume state
 */
public interface StatefulSourcePartition<T, S> {

    /**
     * The next items, possibly none.
     *
     * @throws EndOfInput when the partition is exhausted
     * @throws AbortExecution to stop the whole run at once, without end-of-input processing
     */
    List<T> nextBatch();

    /** When to call {@link #nextBatch()} next; {@code null} means as soon as possible. */
    default Instant nextAwake() {
        return null;
    }

    /** The state to resume from after every item returned so far has been processed. */
    S snapshot();

    /** Releases the partition's resources; called once, after end of input or a failure. */
    default void close() {
    }
}
