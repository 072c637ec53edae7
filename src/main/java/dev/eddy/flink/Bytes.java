package dev.eddy.flink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The bytes of a split, an enumerator checkpoint or a writer state: a nullable byte array is its length
 * ({@code -1} for none), then its bytes.
 */
final class Bytes {

    private Bytes() {
    }

    /** Writes fields to a data stream. */
    interface Fields {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a value back from a data stream. */
    interface Parse<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** What {@code fields} write, as bytes. */
    static byte[] of(Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            fields.write(out);
        }
        return bytes.toByteArray();
    }

    /** The value {@code parse} reads from {@code bytes}. */
    static <T> T from(byte[] bytes, Parse<T> parse) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return parse.read(in);
        }
    }

    static void write(byte[] bytes, DataOutputStream out) throws IOException {
        if (bytes == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    static byte[] read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }
}
