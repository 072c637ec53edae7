package dev.eddy.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One file read line by line, {@code batchSize} lines per batch, each decoded into an item. Its
 * snapshot is the {@link FilePosition} after the last line handed out. A line that can't be read or
 * decoded fails the partition, but not before the good lines ahead of it in its batch are handed out:
 * that batch ends early, and the next call throws.
 */
final class LinePartition<T> implements StatefulSourcePartition<T, FilePosition> {

    private final String what;
    private final Path path;
    private final int batchSize;
    private final LineDecoder<T> decoder;
    private final LineReader reader;
    /** Where the lines handed out end; behind the reader after a line that failed. */
    private FilePosition handedOut;
    /** A failure met after good lines, thrown by the next {@link #nextBatch()}. */
    private RuntimeException pending;

    /**
     * @param what the source, for messages: {@code FileSource}
     * @param replaceInvalid read bytes that are not UTF-8 as U+FFFD instead of failing
     */
    LinePartition(String what, Path path, int batchSize, FilePosition resume, boolean replaceInvalid,
            LineDecoder<T> decoder) {
        this.what = what;
        this.path = FileChecks.readableFile(path, what);
        this.batchSize = batchSize;
        this.decoder = decoder;
        this.handedOut = resume == null ? FilePosition.START : resume;
        try {
            this.reader = new LineReader(what, path, handedOut, replaceInvalid);
        } catch (IOException e) {
            throw FileChecks.failed(what, "opening", path, e);
        }
    }

    @Override
    public List<T> nextBatch() {
        if (pending != null) {
            throw pending;
        }
        List<T> batch = new ArrayList<>(Math.min(batchSize, 1024));
        boolean endOfFile = false;
        for (int read = 0; read < batchSize; read++) {
            String line;
            T item;
            try {
                line = reader.readLine();
                if (line == null) {
                    endOfFile = true;
                    break;
                }
                item = decoder.decode(line, reader.position().line());
            } catch (RuntimeException | IOException e) {
                pending = e instanceof RuntimeException unchecked ? unchecked : readFailure((IOException) e);
                if (batch.isEmpty()) {
                    throw pending;
                }
                return batch;
            }
            handedOut = reader.position();
            if (item != null) {
                batch.add(item);
            }
        }
        if (endOfFile && batch.isEmpty()) {
            throw new EndOfInput();
        }
        return batch;
    }

    private RuntimeException readFailure(IOException e) {
        if (e instanceof FileBytes.FileShrankException) {
            return new UncheckedIOException(e.getMessage(), e);
        }
        return FileChecks.failed(what, "reading", path, e);
    }

    @Override
    public FilePosition snapshot() {
        return handedOut;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw FileChecks.failed(what, "closing", path, e);
        }
    }

    @Override
    public String toString() {
        return what + " partition of " + path + " at line " + handedOut.line();
    }
}
