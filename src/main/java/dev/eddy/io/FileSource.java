package dev.eddy.io;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads a UTF-8 text file line by line, as Bytewax's {@code FileSource}: each item is one line without
 * its line end ({@code \n} or {@code \r\n}), {@code batchSize} lines per batch. The file is one
 * partition, named by its path; its resume state is the {@link FilePosition} after the last line
 * handed out, so a resumed run continues with the next line. A byte order mark at the start of the
 * file is skipped. A line that is not UTF-8 stops the run with a {@link FileFormatException} naming
 * the file and the line, after the lines before it were handed out; {@link #replacingInvalidUtf8()}
 * reads such bytes as U+FFFD instead. A file that gets shorter while it is read (truncated or
 * rewritten by another program) stops the run too, rather than ending the input early.
 *
 * <pre>{@code
 * Path file = Files.createTempFile("lines", ".txt");
 * Files.writeString(file, "one\ntwo\n");
 * var flow = new Dataflow("file_source_eg");
 * flow.input("inp", new FileSource(file)).map("len", String::length).inspect("out");
 * Runner.runMain(flow);
 * // file_source_eg.out: 3
 * // file_source_eg.out: 3
 * }</pre>
 */
public final class FileSource implements FixedPartitionedSource<String, FilePosition> {

    /** Bytewax's default: a small file arrives as one batch. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    private final Path path;
    private final int batchSize;
    private final boolean replaceInvalid;

    /**
     * Reads {@code path}, 1000 lines per batch.
     *
     * @throws IllegalArgumentException when the file does not exist or can't be read
     */
    public FileSource(Path path) {
        this(path, DEFAULT_BATCH_SIZE);
    }

    /**
     * Reads {@code path}, {@code batchSize} lines per batch.
     *
     * @throws IllegalArgumentException when the file does not exist or can't be read, or the batch
     *     size is below 1
     */
    public FileSource(Path path, int batchSize) {
        this.path = FileChecks.readableFile(path, "FileSource");
        this.batchSize = FileChecks.batchSize(batchSize, "FileSource");
        this.replaceInvalid = false;
    }

    private FileSource(Path path, int batchSize, boolean replaceInvalid) {
        this.path = path;
        this.batchSize = batchSize;
        this.replaceInvalid = replaceInvalid;
    }

    /**
     * This source, but reading bytes that are not UTF-8 (a Latin-1 {@code é}, a cut multi-byte
     * character) as U+FFFD, the replacement character, instead of failing on their line.
     *
     * <pre>{@code
     * Path file = Files.createTempFile("latin1", ".txt");
     * Files.write(file, new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});   // "café" in Latin-1
     * var flow = new Dataflow("replacing_eg");
     * flow.input("inp", new FileSource(file).replacingInvalidUtf8()).map("codes", s -> s.chars().boxed().toList())
     *     .inspect("out");
     * Runner.runMain(flow);
     * // replacing_eg.out: [99, 97, 102, 65533]
     * }</pre>
     */
    public FileSource replacingInvalidUtf8() {
        return new FileSource(path, batchSize, true);
    }

    /** The one partition: the path as given. */
    @Override
    public List<String> listParts() {
        return List.of(path.toString());
    }

    @Override
    public StatefulSourcePartition<String, FilePosition> buildPart(String stepId, String forPart,
            FilePosition resumeState) {
        FileChecks.part(forPart, path.toString(), "FileSource in step '" + stepId + "'");
        return new LinePartition<>("FileSource", path, batchSize, resumeState, replaceInvalid,
                (line, number) -> line);
    }

    @Override
    public String toString() {
        return "FileSource(" + path + ", batchSize=" + batchSize + (replaceInvalid ? ", replacing invalid UTF-8" : "")
                + ")";
    }
}
