package dev.eddy.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a UTF-8 file line by line from a {@link FilePosition}, keeping the exact byte offset of the
 * next line so that a partition can snapshot it. A line ends at {@code \n}; a {@code \r} before it is
 * dropped too, and a last line without a line end still counts. A byte order mark at the start of the
 * file is not part of the first line. A line that is not valid UTF-8 is a {@link FileFormatException}
 * unless the reader was asked to replace bad bytes with U+FFFD.
 */
final class LineReader implements Closeable {

    private static final int CHUNK = 64 * 1024;

    private final Path path;
    private final boolean replaceInvalid;
    private final FileBytes bytes;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[256];
    private FilePosition position;

    /**
     * @param what the source, for messages: {@code FileSource}
     * @param replaceInvalid read bytes that are not UTF-8 as U+FFFD instead of failing
     */
    LineReader(String what, Path path, FilePosition from, boolean replaceInvalid) throws IOException {
        this.path = path;
        this.replaceInvalid = replaceInvalid;
        this.bytes = new FileBytes(what, path, from.byteOffset());
        this.position = from;
    }

    /** The position of the next unread line. */
    FilePosition position() {
        return position;
    }

    /**
     * The next line without its line end, or {@code null} at the end of the file.
     *
     * @throws FileFormatException when the line is not UTF-8; {@link #position()} is then past it
     * @throws FileBytes.FileShrankException when the file got shorter than what was read of it
     */
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
        int from = position.byteOffset() == 0 && startsWithByteOrderMark(length) ? 3 : 0;
        position = position.next(consumed);
        String text = new String(line, from, length - from, StandardCharsets.UTF_8);
        // The JDK turns bad bytes into U+FFFD; only a line holding one needs a strict second look.
        if (!replaceInvalid && text.indexOf('\uFFFD') >= 0) {
            checkUtf8(from, length, text);
        }
        return text;
    }

    private boolean startsWithByteOrderMark(int length) {
        return length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF;
    }

    /** Fails naming the first bad byte of the line, unless its U+FFFD were written as UTF-8 on purpose. */
    private void checkUtf8(int from, int length, String text) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(line, from, length - from);
        CoderResult result = strict.decode(in, CharBuffer.allocate(length), true);
        if (!result.isError()) {
            return;
        }
        long number = position.line();
        throw new FileFormatException(path, number, "line " + number + " of " + path + " must be UTF-8; got "
                + Utf8Errors.describe(line, in.position(), result.length()) + " at byte " + (in.position() - from + 1)
                + " of the line instead: " + FileFormatException.excerpt(text) + "; " + Utf8Errors.HINT, null);
    }

    private boolean fill() throws IOException {
        int read = bytes.read(chunk, 0, CHUNK);
        chunkPos = 0;
        chunkEnd = Math.max(read, 0);
        return read > 0;
    }

    @Override
    public void close() throws IOException {
        bytes.close();
    }

    @Override
    public String toString() {
        return "LineReader(" + path + " at " + position + ")";
    }
}
