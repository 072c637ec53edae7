package dev.eddy.io;

import java.time.Instant;
import java.util.List;

/**
 * One partition of a {@link DynamicSource}: no resume state.
 *
 * <pre>{@code
 * StatelessSourcePartition<String> part = () -> { throw new EndOfInput(); };
 * }</pre>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface StatelessSourcePartition<T> {

    /**
     * The next items, possibly none.
     *
     * @throws EndOfInput when the partition is exhausted
     * @throws AbortExecution to stop the whole run at once
     */
    List<T> nextBatch();

    /** When to call {@link #nextBatch()} next; {@code null} means as soon as possible. */
    default Instant nextAwake() {
        return null;
    }

    /** Releases the partition's resources. */
    default void close() {
    }
}
