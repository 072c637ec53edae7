package dev.eddy.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One output file. Building the partition only checks that the file can be written; nothing is
 * created or truncated until the first {@link #writeBatch}, which the runtime makes, with no values,
 * once the run starts. That first call opens the file and truncates it to the resume state (its
 * length at the snapshot; 0 for a fresh run), so a run that fails before it starts leaves the old
 * file as it was, and a resumed run does not repeat what was written after the snapshot. Each batch
 * goes to the file as one write before {@link #writeBatch} returns, so a later failure loses nothing
 * already written.
 *
 * <p>Writes go through a {@link RandomAccessFile}, not a {@code FileChannel}: an interrupt (a
 * notebook's stop button) closes an interruptible channel under the write and loses the batch, where
 * a plain write completes and leaves the interrupt flag for the runtime to see.
 */
final class FileSinkPartition<V> implements StatefulSinkPartition<V, Long> {

    private final String what;
    private final Path path;
    private final String end;
    private final long resumeLength;
    private RandomAccessFile file;
    private long length;
    private boolean closed;

    /**
     * @param what the sink and its step, for messages: {@code FileSink in step 'flow.out'}
     */
    FileSinkPartition(String what, Path path, String end, Long resumeState) {
        this.what = what;
        this.path = FileChecks.canWrite(path, what);
        this.end = end;
        this.resumeLength = resumeState == null ? 0 : resumeState;
        if (resumeLength < 0 || resumeLength > 0 && resumeLength > currentSize()) {
            throw resumeTooLong(currentSize());
        }
        this.length = resumeLength;
    }

    private long currentSize() {
        try {
            return Files.exists(path) ? Files.size(path) : 0;
        } catch (IOException e) {
            throw FileChecks.failed(what, "reading the size of", path, e);
        }
    }

    private IllegalArgumentException resumeTooLong(long size) {
        return new IllegalArgumentException(what + " resume state for " + path + " must be a length from 0 to its"
                + " current " + size + " bytes; got " + resumeLength + " instead; the file changed since the"
                + " snapshot");
    }

    @Override
    public void writeBatch(List<V> values) {
        if (closed) {
            throw new IllegalStateException(what + " partition " + path + " must be open to write; it was closed");
        }
        if (file == null) {
            start();
        }
        if (values.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (V value : values) {
            text.append(value).append(end);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            if (KillPoints.ENABLED) {
                // A crash test's kill point: the batch is half on disk when the JVM dies.
                int half = bytes.length / 2;
                file.write(bytes, 0, half);
                KillPoints.hit(KillPoints.SINK_MID_BATCH);
                file.write(bytes, half, bytes.length - half);
            } else {
                file.write(bytes);
            }
        } catch (IOException e) {
            throw FileChecks.failed(what, "writing", path, e);
        }
        length += bytes.length;
    }

    /** Opens the file and cuts it to the resume length: the moment the old content goes. */
    private void start() {
        RandomAccessFile opened;
        try {
            opened = new RandomAccessFile(path.toFile(), "rw");
        } catch (IOException e) {
            throw FileChecks.failed(what, "opening", path, e);
        }
        try {
            // A device or a named pipe has no length to cut; it is written as it comes.
            if (Files.isRegularFile(path)) {
                long size = opened.length();
                if (resumeLength > size) {
                    throw resumeTooLong(size);
                }
                opened.setLength(resumeLength);
                opened.seek(resumeLength);
            }
        } catch (IOException e) {
            closeQuietly(opened);
            throw FileChecks.failed(what, "truncating", path, e);
        } catch (RuntimeException e) {
            closeQuietly(opened);
            throw e;
        }
        file = opened;
    }

    /**
     * The file's length after everything written so far, once it is on disk: the snapshot goes into a
     * recovery store that survives a power cut, so the bytes it counts must too (Bytewax's {@code FileSink}
     * syncs every batch; once an epoch is enough, as only a snapshot makes them count).
     */
    @Override
    public Long snapshot() {
        if (file != null && !closed && Files.isRegularFile(path)) {
            try {
                file.getFD().sync();
            } catch (IOException e) {
                throw FileChecks.failed(what, "syncing", path, e);
            }
        }
        return length;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            throw FileChecks.failed(what, "closing", path, e);
        }
    }

    private static void closeQuietly(RandomAccessFile opened) {
        try {
            opened.close();
        } catch (IOException ignored) {
            // The failure being reported matters more than this one.
        }
    }

    @Override
    public String toString() {
        return what + " partition " + path + " (" + length + " bytes)";
    }
}
