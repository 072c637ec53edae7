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

    /**
     * Writes the values of one activation, in order. When a run starts, once every step of the flow
     * is built, the runtime calls it once with no values, so a partition can put off anything that
     * destroys data, such as truncating a file, until the run is sure to start; a run that fails while
     * its steps are built then leaves the old output as it was.
     */
    void writeBatch(List<V> values);

    /** The state to resume from. */
    S snapshot();

    /** Flushes and releases the partition. */
    default void close() {
    }
}
