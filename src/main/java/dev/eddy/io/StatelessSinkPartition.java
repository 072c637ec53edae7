package dev.eddy.io;

import java.util.List;

/**
 * One partition of a {@link DynamicSink}.
 *
 * <pre>{@code
 * StatelessSinkPartition<String> part = items -> items.forEach(System.out::println);
 * }</pre>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface StatelessSinkPartition<T> {

    /** Writes the items of one activation, in order. */
    void writeBatch(List<T> items);

    /** Flushes and releases the partition; called once, at the end of the run or after a failure. */
    default void close() {
    }
}
