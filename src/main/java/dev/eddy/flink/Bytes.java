package dev.eddy.flink;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A nullable byte array in a split or writer state: its length ({@code -1} for none), then its bytes. */
final class Bytes {

    private Bytes() {
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
