package dev.eddy.io;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads every file in a directory that matches a glob, line by line, as Bytewax's {@code DirSource}:
 * each file is one partition, named by its path relative to the directory (with {@code /} between
 * folders), and resumes from its own {@link FilePosition}. Lines of different files interleave, one
 * batch per file per activation. Each file is read as {@link FileSource} reads one: a bad line stops
 * the run naming its file and line. The files are listed when the source is built, in name order. The
 * glob is matched against the relative path ({@code "*.log"} matches the top level only,
 * <code>"&#42;&#42;/&#42;.log"</code> files in sub-folders).
 *
 * <pre>{@code
 * Path dir = Files.createTempDirectory("logs");
 * Files.writeString(dir.resolve("a.log"), "a1\na2\n");
 * Files.writeString(dir.resolve("b.log"), "b1\n");
 * Files.writeString(dir.resolve("notes.txt"), "skipped\n");
 * var source = new DirSource(dir, "*.log");
 * System.out.println(source.listParts());
 * // [a.log, b.log]
 * }</pre>
 */
public final class DirSource implements FixedPartitionedSource<String, FilePosition> {

    private final Path dir;
    private final String glob;
    private final int batchSize;
    private final List<String> parts;
    private final boolean replaceInvalid;

    /** Reads every file directly in {@code dir}, 1000 lines per batch. */
    public DirSource(Path dir) {
        this(dir, "*", FileSource.DEFAULT_BATCH_SIZE);
    }

    /** Reads the files in {@code dir} whose relative path matches {@code glob}, 1000 lines per batch. */
    public DirSource(Path dir, String glob) {
        this(dir, glob, FileSource.DEFAULT_BATCH_SIZE);
    }

    /**
     * Reads the files in {@code dir} whose relative path matches {@code glob}, {@code batchSize} lines
     * per batch.
     *
     * @throws IllegalArgumentException when the directory does not exist, the glob is malformed or
     *     matches no file, or the batch size is below 1
     */
    public DirSource(Path dir, String glob, int batchSize) {
        this.dir = FileChecks.directory(dir, "DirSource");
        this.glob = Objects.requireNonNull(glob, "DirSource glob can't be null");
        this.batchSize = FileChecks.batchSize(batchSize, "DirSource");
        this.parts = matching(dir, glob);
        this.replaceInvalid = false;
    }

    private DirSource(DirSource source, boolean replaceInvalid) {
        this.dir = source.dir;
        this.glob = source.glob;
        this.batchSize = source.batchSize;
        this.parts = source.parts;
        this.replaceInvalid = replaceInvalid;
    }

    /**
     * This source, but reading bytes that are not UTF-8 as U+FFFD, the replacement character, instead
     * of failing on their line, as {@link FileSource#replacingInvalidUtf8()} does.
     */
    public DirSource replacingInvalidUtf8() {
        return new DirSource(this, true);
    }

    private static List<String> matching(Path dir, String glob) {
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DirSource glob must be a valid glob pattern; got '" + glob
                    + "' instead; " + e.getMessage(), e);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).map(dir::relativize).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw FileChecks.failed("DirSource", "listing", dir, e);
        }
        List<String> matched = files.stream().filter(matcher::matches).map(DirSource::partName).toList();
        if (matched.isEmpty()) {
            List<String> present = files.stream().limit(10).map(DirSource::partName).toList();
            throw new IllegalArgumentException("DirSource glob must match at least one file in " + dir + "; got '"
                    + glob + "' instead; files there: " + (present.isEmpty() ? "none" : String.join(", ", present)
                    + (files.size() > present.size() ? ", …" : "")));
        }
        return matched;
    }

    private static String partName(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    /** One partition per matching file: its path relative to the directory. */
    @Override
    public List<String> listParts() {
        return parts;
    }

    @Override
    public StatefulSourcePartition<String, FilePosition> buildPart(String stepId, String forPart,
            FilePosition resumeState) {
        if (!parts.contains(forPart)) {
            throw new IllegalArgumentException("DirSource in step '" + stepId + "' part must be one of " + parts
                    + "; got '" + forPart + "' instead");
        }
        return new LinePartition<>("DirSource", dir.resolve(forPart), batchSize, resumeState, replaceInvalid,
                (line, n) -> line);
    }

    @Override
    public String toString() {
        return "DirSource(" + dir + ", glob=" + glob + ", " + parts.size() + " files, batchSize=" + batchSize + ")";
    }
}
