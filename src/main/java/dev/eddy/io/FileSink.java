package dev.eddy.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes each value to a UTF-8 text file, followed by {@code end} (a line break unless told
 * otherwise), as Bytewax's {@code FileSink}. Like every partitioned sink it takes keyed items
 * ({@code KV}, or any {@code Map.Entry}) and writes their values with {@code toString}; the file is
 * one partition, named by its path. A run starts the file afresh, but only once it starts: building
 * the sink checks that the file can be written and touches nothing, and the file is created or
 * truncated when every step of the flow is built and the run's first activation begins, so a run that
 * fails to start leaves the old file as it was, and a run that writes nothing leaves it empty. Its
 * resume state is the file's length, so a resumed run truncates the file to it and writes on from
 * there. Each batch is in the file before the next step runs, so a later failure loses nothing already
 * written, and an interrupt (a notebook's stop button) does not abort a write. A path that is not a
 * regular file (a device, a named pipe) is written to as it comes, without truncating.
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
