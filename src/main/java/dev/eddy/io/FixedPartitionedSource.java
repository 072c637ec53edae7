package dev.eddy.io;

import java.util.List;

/**
 * A source with a fixed set of named partitions, each able to snapshot its read position and resume
 * from it, as Bytewax's {@code FixedPartitionedSource}.
 *
 * <pre>{@code
 * Path file = Files.createTempFile("events", ".txt");
 * FixedPartitionedSource<String, FilePosition> lines = new FileSource(file);
 * System.out.println(lines.listParts().equals(List.of(file.toString())));
 * // true
 * }</pre>
 *
 * @param <T> the item type
 * @param <S> the per-partition resume state
 */
public non-sealed interface FixedPartitionedSource<T, S> extends Source<T> {

    /** The names of every partition of this source; the same on every call. */
    List<String> listParts();

    /**
     * Opens one partition.
     *
     * @param stepId the qualified id of the input step, for error messages
     * @param forPart one of {@link #listParts()}
     * @param resumeState what the partition's {@code snapshot()} returned before, or {@code null} to
     *     start from the beginning
     */
    StatefulSourcePartition<T, S> buildPart(String stepId, String forPart, S resumeState);
}
