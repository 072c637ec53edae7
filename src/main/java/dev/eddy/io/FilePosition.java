package dev.eddy.io;

import java.io.Serializable;

/**
 * Where a line-reading source partition stands in its file: the byte offset of the next unread line
 * and how many lines came before it. It is the resume state of {@link FileSource},
 * {@link DirSource} and {@link JsonLinesSource}; the line count keeps error messages exact after a
 * resume.
 *
 * <pre>{@code
 * System.out.println(FilePosition.START.next(6));
 * // FilePosition[byteOffset=6, line=1]
 * }</pre>
 *
 * @param byteOffset the byte offset of the next unread line, from 0
 * @param line how many lines were read before that offset
 */
public record FilePosition(long byteOffset, long line) implements Serializable {

    /** The start of a file. */
    public static final FilePosition START = new FilePosition(0, 0);

    public FilePosition {
        if (byteOffset < 0) {
            throw new IllegalArgumentException("FilePosition byteOffset must not be negative; got " + byteOffset
                    + " instead");
        }
        if (line < 0) {
            throw new IllegalArgumentException("FilePosition line must not be negative; got " + line + " instead");
        }
    }

    /** The position after one more line of {@code bytes} bytes, its line end included. */
    public FilePosition next(long bytes) {
        return new FilePosition(byteOffset + bytes, line + 1);
    }
}
