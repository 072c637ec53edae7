package dev.eddy.io;

import java.util.List;
import java.util.Map;

/**
 * A sink with named partitions. Items are key/value entries; each goes to the partition that
 * {@link #partFor(Object)} picks for its key, as Bytewax's {@code FixedPartitionedSink}.
 *
 * <pre>{@code
 * var sink = new DirSink<String, String>(Files.createTempDirectory("out"), 2);
 * System.out.println(sink.listParts() + " " + sink.partFor("a"));
 * // [part_0, part_1] 0
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <S> the per-partition resume state
 */
public non-sealed interface FixedPartitionedSink<K, V, S> extends Sink<Map.Entry<K, V>> {

    /** The names of every partition; the same on every call. */
    List<String> listParts();

    /** The index into {@link #listParts()} of the partition that takes items with this key. */
    int partFor(K key);

    /**
     * Opens one partition.
     *
     * @param stepId the qualified id of the output step
     * @param forPart one of {@link #listParts()}
     * @param resumeState a previous {@code snapshot()}, or {@code null}
     */
    StatefulSinkPartition<V, S> buildPart(String stepId, String forPart, S resumeState);
}
