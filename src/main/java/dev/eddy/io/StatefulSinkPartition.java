package dev.eddy.io;

import java.util.List;

/**
 * One partition of a {@link FixedPartitionedSink}.
 *
 * <pre>{@code
 * Path dir = Files.createTempDirectory("out");
 * var part = new DirSink<String, String>(dir, 1).buildPart("eg.out", "part_0", null);
 * part.writeBatch(List.of("hello"));
 * part.close();
 * System.out.println(part.snapshot() + " " + Files.readString(dir.resolve("part_0")).strip());
 * // 6 hello
 * }</pre>
 *
 * @param <V> the value type
 * @param <S> the resume state
 */
public interface StatefulSinkPartition<V, S> {

    /** Writes the values of one activation, in order. */
    void writeBatch(List<V> values);

    /** The state to resume from. */
    S snapshot();

    /** Flushes and releases the partition. */
    default void close() {
    }
}
