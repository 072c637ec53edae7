package dev.eddy.io;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import java.util.zip.Adler32;

/**
 * Writes keyed items to {@code fileCount} files in a directory, as Bytewax's {@code DirSink}: the key
 * picks the file (by default the Adler-32 checksum of the key's UTF-8 text, as Bytewax's
 * {@code zlib.adler32}, modulo the file count) and the value is written with {@code toString},
 * followed by {@code end}. Files are named {@code part_0}, {@code part_1}, ... unless a namer says
 * otherwise; each file is a partition that starts and resumes as {@link FileSink} does: every file
 * is emptied when the run starts, those no key reaches included.
 *
 * <pre>{@code
 * Path dir = Files.createTempDirectory("parts");
 * var flow = new Dataflow("dir_sink_eg");
 * flow.input("inp", TestingSource.of("a1", "b1", "a2")).keyOn("first", x -> x.substring(0, 1))
 *     .output("out", new DirSink<>(dir, 2));
 * Runner.runMain(flow);
 * System.out.print(Files.readString(dir.resolve("part_0")) + Files.readString(dir.resolve("part_1")));
 * // a1
 * // a2
 * // b1
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type; each value is written with {@code toString}
 */
public final class DirSink<K, V> implements FixedPartitionedSink<K, V, Long> {

    /**
     * Picks a key's file: a {@link ToIntFunction} that is also {@link Serializable}, so that a flow writing to
     * this sink can be shipped to a cluster.
     */
    @FunctionalInterface
    public interface FileAssigner<K> extends ToIntFunction<K>, Serializable {
    }

    private final Path dir;
    private final List<String> fileNames;
    private final FileAssigner<? super K> assignFile;
    private final String end;

    /** Writes to {@code part_0} ... {@code part_<fileCount - 1>} in {@code dir}, one value per line. */
    public DirSink(Path dir, int fileCount) {
        this(dir, fileCount, (index, count) -> "part_" + index, DirSink::adler32, "\n");
    }

    /**
     * Writes to {@code fileCount} files in {@code dir}, named by {@code fileNamer} and picked by
     * {@code assignFile}, one value per line.
     */
    public DirSink(Path dir, int fileCount, BiFunction<Integer, Integer, String> fileNamer,
            FileAssigner<? super K> assignFile) {
        this(dir, fileCount, fileNamer, assignFile, "\n");
    }

    /**
     * Writes to {@code fileCount} files in {@code dir}.
     *
     * @param fileNamer takes a file's index and the file count, returns the file's name
     * @param assignFile takes a key, returns its file's index; it wraps around the file count
     * @param end written after each value
     * @throws IllegalArgumentException when the directory does not exist, the count is below 1, or the
     *     namer gives a null, duplicate or nested name
     */
    public DirSink(Path dir, int fileCount, BiFunction<Integer, Integer, String> fileNamer,
            FileAssigner<? super K> assignFile, String end) {
        this.dir = FileChecks.directory(dir, "DirSink");
        if (fileCount < 1) {
            throw new IllegalArgumentException("DirSink fileCount must be at least 1; got " + fileCount + " instead");
        }
        Objects.requireNonNull(fileNamer, "DirSink fileNamer can't be null");
        this.assignFile = Objects.requireNonNull(assignFile, "DirSink assignFile can't be null");
        this.end = Objects.requireNonNull(end, "DirSink end can't be null; use \"\" to write nothing after items");
        this.fileNames = names(fileCount, fileNamer);
    }

    private static List<String> names(int fileCount, BiFunction<Integer, Integer, String> fileNamer) {
        List<String> names = new ArrayList<>(fileCount);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fileCount; i++) {
            String name = fileNamer.apply(i, fileCount);
            if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
                throw new IllegalArgumentException("DirSink fileNamer must return a plain file name for file " + i
                        + "; got " + (name == null ? "null" : "'" + name + "'") + " instead");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("DirSink fileNamer must return a different name for each file;"
                        + " got '" + name + "' twice instead, the second time for file " + i);
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /** The default file assignment: Adler-32 of the key's UTF-8 text, as Bytewax's. */
    static int adler32(Object key) {
        Adler32 checksum = new Adler32();
        checksum.update(String.valueOf(key).getBytes(StandardCharsets.UTF_8));
        return (int) checksum.getValue();
    }

    /** The file names, in index order. */
    @Override
    public List<String> listParts() {
        return fileNames;
    }

    @Override
    public int partFor(K key) {
        return Math.floorMod(Integer.toUnsignedLong(assignFile.applyAsInt(key)), fileNames.size());
    }

    @Override
    public StatefulSinkPartition<V, Long> buildPart(String stepId, String forPart, Long resumeState) {
        if (!fileNames.contains(forPart)) {
            throw new IllegalArgumentException("DirSink in step '" + stepId + "' part must be one of " + fileNames
                    + "; got '" + forPart + "' instead");
        }
        return new FileSinkPartition<>("DirSink in step '" + stepId + "'", dir.resolve(forPart), end, resumeState);
    }

    @Override
    public String toString() {
        return "DirSink(" + dir + ", " + fileNames.size() + " files)";
    }
}
