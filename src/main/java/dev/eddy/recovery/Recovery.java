package dev.eddy.recovery;

import dev.eddy.runtime.RecoveryStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Recovery stores on disk: {@link #initDbDir} makes one (Bytewax's {@code python -m bytewax.recovery DIR
 * N}), {@link #open} opens it for a flow. A store is a directory of {@code part-0.sqlite3 …
 * part-(N-1).sqlite3}: SQLite files in WAL mode, each with Bytewax's tables ({@code parts, exs, fronts,
 * commits, snaps}) and a {@code meta} table holding the format version and the flow's id. N is fixed
 * when the store is made; pick the most workers the flow will ever run with.
 *
 * <pre>{@code
 * import dev.eddy.recovery.Recovery;
 * Path dir = Files.createTempDirectory("recovery_eg");
 * Recovery.initDbDir(dir, 2);
 * try (var store = Recovery.open(dir, "recovery_eg")) {
 *     System.out.println(store.partitionCount() + " partitions, resume from " + store.resumeFrom());
 * }
 * // 2 partitions, resume from ResumeFrom[execution=0, epoch=1]
 * }</pre>
 *
 * <p>From a shell: {@code java -cp target/eddy-kernel.jar dev.eddy.recovery.Recovery DIR N}.
 */
public final class Recovery {

    /** The store format this version of Eddy reads and writes (the {@code meta} row {@code format_version}). */
    public static final int FORMAT_VERSION = Partition.FORMAT_VERSION;

    private static final Pattern PART_FILE = Pattern.compile("part-(\\d+)\\.sqlite3");

    private Recovery() {
    }

    /**
     * Makes {@code partitionCount} empty partitions in {@code dir}, creating the directory if needed.
     * Each file is written under a temporary name and renamed when complete, so a crash leaves whole
     * partitions or none. Fails, changing nothing, if {@code dir} already holds a partition.
     *
     * @return the partition files, in index order
     */
    public static List<Path> initDbDir(Path dir, int partitionCount) {
        Objects.requireNonNull(dir, "recovery directory can't be null");
        if (partitionCount <= 0) {
            throw new IllegalArgumentException("recovery partition count must be positive; got " + partitionCount
                    + " instead; use the most workers the flow will ever run with");
        }
        try {
            Files.createDirectories(dir);
            List<Path> existing = partitionFiles(dir);
            if (!existing.isEmpty()) {
                throw new RecoveryException("recovery directory " + dir + " must hold no partitions to be"
                        + " initialized; got " + names(existing) + " instead; nothing was overwritten: open the"
                        + " store as it is, or pick a new directory");
            }
            List<Path> made = new ArrayList<>();
            for (int i = 0; i < partitionCount; i++) {
                Path file = dir.resolve("part-" + i + ".sqlite3");
                Path temp = dir.resolve("part-" + i + ".sqlite3.init");
                Files.deleteIfExists(temp);
                Partition.create(temp, i, partitionCount);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                made.add(file);
            }
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("recovery directory " + dir + " must be writable to initialize; got "
                    + e + " instead", e);
        } catch (SQLException e) {
            throw new RecoveryException("recovery partitions in " + dir + " must be creatable; got "
                    + Partition.describe(e) + " instead", e);
        }
    }

    /**
     * Opens the store in {@code dir} for flow {@code flowId}, with {@link SnapshotCodec#standard()}, checking
     * every partition first; see {@link #open(Path, String, SnapshotCodec)}.
     */
    public static RecoveryStore open(Path dir, String flowId) {
        return open(dir, flowId, SnapshotCodec.standard());
    }

    /**
     * Opens the store in {@code dir} for flow {@code flowId}. Before anything is written, it checks that the
     * directory holds partitions ({@link NoPartitionsException}), all of them ({@link
     * MissingPartitionsException}), from one store and one time ({@link InconsistentPartitionsException}),
     * and that each file is a complete, uncorrupted partition of this format and of this flow ({@link
     * RecoveryException}); each message names the file and what to do. A store no flow has opened yet
     * becomes {@code flowId}'s. While it is open, no other run (in this process or another) can open it.
     */
    public static RecoveryStore open(Path dir, String flowId, SnapshotCodec codec) {
        Objects.requireNonNull(dir, "recovery directory can't be null");
        Objects.requireNonNull(flowId, "flow id can't be null");
        Objects.requireNonNull(codec, "codec can't be null");
        if (!Files.isDirectory(dir)) {
            throw new NoPartitionsException("recovery directory " + dir + " must exist; got "
                    + (Files.exists(dir) ? "a file" : "nothing") + " there instead; make the store with"
                    + " Recovery.initDbDir(dir, partitionCount)");
        }
        List<Path> files;
        try {
            files = partitionFiles(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("recovery directory " + dir + " must be listable; got " + e + " instead", e);
        }
        if (files.isEmpty()) {
            throw new NoPartitionsException("recovery directory " + dir + " must hold partitions (part-0.sqlite3 …);"
                    + " got none instead; is it the right directory? make a store with"
                    + " Recovery.initDbDir(dir, partitionCount)");
        }
        StoreLock lock = StoreLock.acquire(dir);
        List<Partition> parts = new ArrayList<>();
        try {
            for (Path file : files) {
                parts.add(Partition.open(file));
            }
            return SqliteRecoveryStore.open(dir, flowId, codec, parts, lock);
        } catch (RuntimeException e) {
            parts.forEach(Partition::close);
            lock.close();
            throw e;
        }
    }

    /** {@code java dev.eddy.recovery.Recovery DIR N}: makes N partitions in DIR, as {@link #initDbDir}. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String usage = "usage: java -cp eddy-kernel.jar dev.eddy.recovery.Recovery DIR PARTITION_COUNT\n"
                + "Makes PARTITION_COUNT empty recovery partitions (part-0.sqlite3 …) in DIR.";
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            out.println(usage);
            return 0;
        }
        if (args.length != 2) {
            err.println("Recovery takes 2 arguments; got " + args.length + " instead\n" + usage);
            return 2;
        }
        int count;
        try {
            count = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            err.println("PARTITION_COUNT must be a whole number; got '" + args[1] + "' instead\n" + usage);
            return 2;
        }
        try {
            List<Path> made = initDbDir(Path.of(args[0]), count);
            out.println("made " + made.size() + " recovery partitions in " + Path.of(args[0]).toAbsolutePath());
            return 0;
        } catch (RuntimeException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** The {@code part-K.sqlite3} files in {@code dir}, by index. */
    static List<Path> partitionFiles(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> PART_FILE.matcher(p.getFileName().toString()).matches())
                    .sorted((a, b) -> Long.compare(fileIndex(a), fileIndex(b)))
                    .toList();
        }
    }

    static long fileIndex(Path file) {
        Matcher m = PART_FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    static String names(List<Path> files) {
        return String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList());
    }
}
