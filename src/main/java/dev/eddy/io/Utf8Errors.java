package dev.eddy.io;

/** How the file sources name bytes that are not UTF-8, and what they suggest. */
final class Utf8Errors {

    /** The way out, for the end of every such message. */
    static final String HINT = "if the file is in another encoding, convert it, or call replacingInvalidUtf8() to"
            + " read such bytes as U+FFFD";

    private Utf8Errors() {
    }

    /** {@code the byte 0xE9}, or {@code the bytes 0xF0 0x9F} for a cut sequence. */
    static String describe(byte[] bytes, int offset, int count) {
        StringBuilder text = new StringBuilder(count == 1 ? "the byte" : "the bytes");
        for (int i = offset; i < offset + count && i < bytes.length; i++) {
            text.append(String.format(" 0x%02X", bytes[i] & 0xFF));
        }
        return text.toString();
    }
}
