package dev.eddy.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes each value to a UTF-8 text file, followed by {@code end} (a line break unless told
 * otherwise), as Bytewax's {@code FileSink}. Like every partitioned sink it takes keyed items
 * ({@code KV}, or any {@code Map.Entry}) and writes their values with {@code toString}; the file is
 * one partition, named by its path. A run starts the file afresh; its resume state is the file's
 * length, so a resumed run truncates the file to it and writes on from there. Each batch is in the
 * file before the next step runs, so a later failure loses nothing already written.
 *
 * <pre>{@code
 * Path file = Files.createTempFile("out", ".txt");
 * var flow = new Dataflow("file_sink_eg");
 * flow.input("inp", TestingSource.of("a", "b")).keyOn("all", x -> "all").output("out", new FileSink<>(file));
 * Runner.runMain(flow);
 * System.out.print(Files.readString(file));
 * // a
 * // b
 * }</pre>
 *
 * @param <K> the key type, ignored
 * @param <V> the value type; each value is written with {@code toString}
 */
public final class FileSink<K, V> implements FixedPartitionedSink<K, V, Long> {

    private final Path path;
    private final String end;

    /**
     * Writes one value per line to {@code path}.
     *
     * @throws IllegalArgumentException when the file's directory does not exist
     */
    public FileSink(Path path) {
        this(path, "\n");
    }

    /** Writes each value to {@code path} followed by {@code end}. */
    public FileSink(Path path, String end) {
        this.path = FileChecks.writableFile(path, "FileSink");
        this.end = Objects.requireNonNull(end, "FileSink end can't be null; use \"\" to write nothing after items");
    }

    /** The one partition: the path as given. */
    @Override
    public List<String> listParts() {
        return List.of(path.toString());
    }

    /** Every key goes to the one partition. */
    @Override
    public int partFor(K key) {
        return 0;
    }

    @Override
    public StatefulSinkPartition<V, Long> buildPart(String stepId, String forPart, Long resumeState) {
        String what = "FileSink in step '" + stepId + "'";
        FileChecks.part(forPart, path.toString(), what);
        return new FileSinkPartition<>(what, path, end, resumeState);
    }

    @Override
    public String toString() {
        return "FileSink(" + path + ")";
    }
}
