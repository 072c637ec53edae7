package dev.eddy.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One output file. Opening it truncates it to the resume state (its length at the snapshot; 0 for a
 * fresh run), so a resumed run does not repeat what was written after the snapshot. Each batch goes to
 * the file as one write before {@link #writeBatch} returns, so a later failure loses nothing already
 * written.
 */
final class FileSinkPartition<V> implements StatefulSinkPartition<V, Long> {

    private final String what;
    private final Path path;
    private final String end;
    private final FileChannel channel;
    private long length;

    FileSinkPartition(String what, Path path, String end, Long resumeState) {
        this.what = what;
        this.path = path;
        this.end = end;
        long keep = resumeState == null ? 0 : resumeState;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw FileChecks.failed(what, "opening", path, e);
        }
        try {
            long size = channel.size();
            if (keep < 0 || keep > size) {
                throw new IllegalArgumentException(what + " resume state for " + path + " must be a length from 0 to"
                        + " its current " + size + " bytes; got " + keep + " instead; the file changed since the"
                        + " snapshot");
            }
            channel.truncate(keep);
            channel.position(keep);
        } catch (IOException e) {
            closeQuietly();
            throw FileChecks.failed(what, "truncating", path, e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        this.length = keep;
    }

    @Override
    public void writeBatch(List<V> values) {
        StringBuilder text = new StringBuilder();
        for (V value : values) {
            text.append(value).append(end);
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text));
        try {
            while (bytes.hasRemaining()) {
                length += channel.write(bytes);
            }
        } catch (IOException e) {
            throw FileChecks.failed(what, "writing", path, e);
        }
    }

    /** The file's length after everything written so far. */
    @Override
    public Long snapshot() {
        return length;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw FileChecks.failed(what, "closing", path, e);
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The failure being reported matters more than this one.
        }
    }

    @Override
    public String toString() {
        return what + " partition " + path + " (" + length + " bytes)";
    }
}
