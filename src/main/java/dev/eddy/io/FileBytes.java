package dev.eddy.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * A file read front to back, for the line and CSV sources. It reads through a {@link RandomAccessFile},
 * whose reads an interrupt does not abort (an interruptible {@code FileChannel} would close under the
 * read), and at the end of the file it checks that the file did not shrink below what was read: a file
 * truncated or rewritten during the run fails with {@link FileShrankException} instead of ending the
 * input early as if it were complete.
 */
final class FileBytes implements Closeable {

    private final String what;
    private final Path path;
    private final RandomAccessFile file;
    private long position;

    /**
     * Opens {@code path} at byte {@code from}.
     *
     * @param what the source, for messages: {@code FileSource}
     * @throws IllegalArgumentException when {@code from} is past the end of the file
     */
    FileBytes(String what, Path path, long from) throws IOException {
        this.what = what;
        this.path = path;
        this.file = new RandomAccessFile(path.toFile(), "r");
        try {
            long size = file.length();
            if (from > size) {
                throw new IllegalArgumentException("resume offset into " + path + " must be at most its length, "
                        + size + " bytes; got " + from + " instead; the file shrank since the snapshot");
            }
            file.seek(from);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        this.position = from;
    }

    /**
     * Reads up to {@code length} bytes into {@code into} at {@code offset}.
     *
     * @return how many bytes were read, or -1 at the end of the file
     * @throws FileShrankException when the file is now shorter than what was read of it
     */
    int read(byte[] into, int offset, int length) throws IOException {
        int read = file.read(into, offset, length);
        if (read > 0) {
            position += read;
            return read;
        }
        if (length == 0) {
            return 0;
        }
        long size = file.length();
        if (size < position) {
            throw new FileShrankException(what + " file " + path + " must keep its length while it is read; got "
                    + size + " bytes instead of the " + position + " already read; another program truncated or"
                    + " rewrote it during the run");
        }
        return -1;
    }

    /** How many bytes from the start of the file were read so far. */
    long position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }

    /** The file got shorter than what was already read of it. */
    static final class FileShrankException extends IOException {
        private static final long serialVersionUID = 1L;

        FileShrankException(String message) {
            super(message);
        }
    }
}
