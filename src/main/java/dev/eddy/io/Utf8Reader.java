package dev.eddy.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A file's characters, decoded from UTF-8, for a parser that reads ahead (commons-csv). A byte order
 * mark at the start is skipped. A byte that is not UTF-8 is reported at its own line: the characters
 * before it are all handed out first, and only the read after them throws {@link Malformed}, which
 * says on which line the bad byte is, so the rows before it parse and the error names the right row.
 * Unless asked to replace such bytes with U+FFFD.
 */
final class Utf8Reader extends Reader {

    private static final int BYTES = 64 * 1024;
    private static final int CHARS = 16 * 1024;

    private final Path path;
    private final FileBytes source;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BYTES);
    private final CharBuffer chars = CharBuffer.allocate(CHARS);
    /** The file offset of {@code bytes}' first byte. */
    private long bytesStart;
    /** How many line ends ({@code \n}) were decoded so far. */
    private long lineEnds;
    private boolean endOfFile;
    /** Whether the decoder has been flushed at the end of the file: nothing more will come. */
    private boolean flushed;
    private IOException pending;

    /**
     * @param what the source, for messages: {@code CSVSource}
     * @param replaceInvalid read bytes that are not UTF-8 as U+FFFD instead of failing
     */
    Utf8Reader(String what, Path path, boolean replaceInvalid) throws IOException {
        this.path = path;
        this.source = new FileBytes(what, path, 0);
        CodingErrorAction onError = replaceInvalid ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT;
        this.decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(onError).onUnmappableCharacter(onError);
        bytes.limit(0);
        chars.limit(0);
        try {
            readBytes();
            if (bytes.remaining() >= 3 && bytes.get(0) == (byte) 0xEF && bytes.get(1) == (byte) 0xBB
                    && bytes.get(2) == (byte) 0xBF) {
                bytes.position(3);
            }
        } catch (IOException e) {
            source.close();
            throw e;
        }
    }

    @Override
    public int read(char[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining()) {
            decodeMore();
            if (!chars.hasRemaining()) {
                if (pending != null) {
                    throw pending;
                }
                return -1;
            }
        }
        int count = Math.min(length, chars.remaining());
        chars.get(into, offset, count);
        return count;
    }

    /** Decodes the next characters into {@code chars}, stopping before a bad byte. */
    private void decodeMore() throws IOException {
        if (pending != null || flushed) {
            return;
        }
        chars.clear();
        try {
            while (chars.position() == 0) {
                CoderResult result = decoder.decode(bytes, chars, endOfFile);
                if (result.isError()) {
                    pending = malformed(result.length());
                    break;
                }
                if (result.isOverflow()) {
                    break;
                }
                if (endOfFile) {
                    decoder.flush(chars);
                    flushed = true;
                    break;
                }
                readBytes();
            }
        } finally {
            chars.flip();
        }
        for (int i = chars.position(); i < chars.limit(); i++) {
            if (chars.get(i) == '\n') {
                lineEnds++;
            }
        }
    }

    /** Moves what is left of {@code bytes} to its start and reads more after it. */
    private void readBytes() throws IOException {
        bytesStart += bytes.position();
        bytes.compact();
        int read = source.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfFile = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private Malformed malformed(int count) {
        // The characters before the bad byte are in chars but not counted yet.
        long line = lineEnds + 1;
        for (int i = 0; i < chars.position(); i++) {
            if (chars.get(i) == '\n') {
                line++;
            }
        }
        long offset = bytesStart + bytes.position();
        return new Malformed(line, "line " + line + " of " + path + " must be UTF-8; got "
                + Utf8Errors.describe(bytes.array(), bytes.position(), count) + " instead, at byte " + offset
                + " of the file; " + Utf8Errors.HINT);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /** A byte that is not UTF-8, with the line it is on. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;

        Malformed(long line, String message) {
            super(message);
            this.line = line;
        }

        long line() {
            return line;
        }
    }
}
