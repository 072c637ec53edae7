package dev.eddy.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file source met a line it can't turn into an item: a CSV row with the wrong number of fields, a
 * JSON line that does not parse. It names the file and the line (from 1), and keeps the parser's
 * exception as its cause.
 *
 * <pre>{@code
 * var e = new FileFormatException(Path.of("clicks.jsonl"), 3, "line 3 of clicks.jsonl must be JSON; got {x instead", null);
 * System.out.println(e.path() + ":" + e.line());
 * // clicks.jsonl:3
 * }</pre>
 */
public final class FileFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final int EXCERPT_CHARS = 120;

    private final transient Path path;
    private final long line;

    /**
     * @param path the file
     * @param line the line number, from 1
     * @param message what was wrong; it names the file and the line
     * @param cause the parser's exception, or {@code null}
     */
    public FileFormatException(Path path, long line, String message, Throwable cause) {
        super(message, cause);
        this.path = Objects.requireNonNull(path, "FileFormatException path can't be null");
        this.line = line;
    }

    /** The file that holds the bad line. */
    public Path path() {
        return path;
    }

    /** A bad line for a message: quoted, cut to a readable length. */
    static String excerpt(String line) {
        String cut = line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS) + "…";
        return "'" + cut + "'";
    }

    /** The bad line's number, from 1. */
    public long line() {
        return line;
    }
}
