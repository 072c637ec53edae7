package dev.eddy.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The argument checks the file connectors share, so every one reports a bad path the same way. */
final class FileChecks {

    private FileChecks() {
    }

    /** {@code path} itself, after checking that it names a readable regular file. */
    static Path readableFile(Path path, String what) {
        Objects.requireNonNull(path, () -> what + " path can't be null");
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(what + " path must name an existing file; got " + path
                    + " instead; it does not exist" + absolute(path));
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(what + " path must name a regular file; got " + path
                    + " instead; it is a directory or a device");
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(what + " path must name a readable file; got " + path
                    + " instead; check its permissions");
        }
        return path;
    }

    /** Where a relative path points, for messages; nothing for an absolute one. */
    private static String absolute(Path path) {
        return path.isAbsolute() ? "" : " (resolved against the working directory: " + path.toAbsolutePath() + ")";
    }

    /** {@code dir} itself, after checking that it names an existing directory. */
    static Path directory(Path dir, String what) {
        Objects.requireNonNull(dir, () -> what + " directory can't be null");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(what + " directory must exist; got " + dir + " instead; "
                    + (Files.exists(dir) ? "it is a file" : "it does not exist" + absolute(dir)));
        }
        return dir;
    }

    /** {@code path} itself, after checking that the directory it would be created in exists. */
    static Path writableFile(Path path, String what) {
        Objects.requireNonNull(path, () -> what + " path can't be null");
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(what + " path must name a file; got " + path
                    + " instead; it is a directory");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(what + " path must be in an existing directory; got " + path
                    + " instead; create " + parent + " first");
        }
        return path;
    }

    /** {@code batchSize} itself, after checking that it is at least 1. */
    static int batchSize(int batchSize, String what) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(what + " batchSize must be at least 1; got " + batchSize + " instead");
        }
        return batchSize;
    }

    /** {@code forPart} itself, after checking it is {@code expected}. */
    static String part(String forPart, String expected, String what) {
        if (!expected.equals(forPart)) {
            throw new IllegalArgumentException(what + " part must be '" + expected + "', its only partition; got '"
                    + forPart + "' instead; a resume must read the same file");
        }
        return forPart;
    }

    /**
     * {@code path} itself, after checking, when a sink partition is built, that it can be written without
     * writing anything: an existing file must be writable, a new one's directory must let files be
     * created in it.
     */
    static Path canWrite(Path path, String what) {
        if (Files.exists(path)) {
            if (!Files.isWritable(path)) {
                throw new IllegalArgumentException(what + " path must name a file it can write; got " + path
                        + " instead; it is read-only");
            }
            return path;
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isWritable(parent)) {
            throw new IllegalArgumentException(what + " path must be in a directory it can create files in; got "
                    + path + " instead; it can't create files in " + parent + ", check its permissions");
        }
        return path;
    }

    /**
     * An I/O failure on {@code path}, as an unchecked exception that names the file and the cause's class
     * and text (some, such as {@code ClosedByInterruptException}, have no text of their own).
     */
    static UncheckedIOException failed(String what, String doing, Path path, IOException e) {
        return new UncheckedIOException(what + " failed " + doing + " " + path + ": " + e, e);
    }

    /** A cause's own text for a message, or its class name when it has none: never "null". */
    static String text(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getName() : message;
    }
}
