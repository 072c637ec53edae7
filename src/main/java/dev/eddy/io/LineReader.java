package dev.eddy.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a UTF-8 file line by line from a {@link FilePosition}, keeping the exact byte offset of the
 * next line so that a partition can snapshot it. A line ends at {@code \n}; a {@code \r} before it is
 * dropped too, and a last line without a line end still counts.
 */
final class LineReader implements Closeable {

    private static final int CHUNK = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final byte[] chunk = new byte[CHUNK];
    private final ByteBuffer chunkBuffer = ByteBuffer.wrap(chunk);
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[256];
    private FilePosition position;

    LineReader(Path path, FilePosition from) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (from.byteOffset() > size) {
                throw new IllegalArgumentException("resume offset into " + path + " must be at most its length, "
                        + size + " bytes; got " + from.byteOffset() + " instead; the file shrank since the snapshot");
            }
            channel.position(from.byteOffset());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.position = from;
    }

    /** The position of the next unread line. */
    FilePosition position() {
        return position;
    }

    /** The next line without its line end, or {@code null} at the end of the file. */
    String readLine() throws IOException {
        int length = 0;
        long consumed = 0;
        boolean ended = false;
        while (!ended) {
            if (chunkPos == chunkEnd && !fill()) {
                if (consumed == 0) {
                    return null;
                }
                break;
            }
            int start = chunkPos;
            int stop = start;
            while (stop < chunkEnd && chunk[stop] != '\n') {
                stop++;
            }
            int copy = stop - start;
            if (length + copy > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + copy));
            }
            System.arraycopy(chunk, start, line, length, copy);
            length += copy;
            consumed += copy;
            chunkPos = stop;
            if (stop < chunkEnd) {
                chunkPos++;
                consumed++;
                ended = true;
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
            }
        }
        position = position.next(consumed);
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    private boolean fill() throws IOException {
        chunkBuffer.clear();
        int read = channel.read(chunkBuffer);
        chunkPos = 0;
        chunkEnd = Math.max(read, 0);
        return read > 0;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "LineReader(" + path + " at " + position + ")";
    }
}
