package dev.eddy.recovery;

import java.nio.charset.StandardCharsets;

/**
 * The 64-bit hash that routes a snapshot to its partition: FNV-1a over the UTF-8 bytes, then
 * SplitMix64's finalizer to spread the bits. It is part of the store's format: it never depends on
 * {@code hashCode}, the JVM or the run, so a (step, key) lands in the same partition every time.
 */
final class StableHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StableHash() {
    }

    /** The hash of {@code parts} joined by a NUL byte (which the UTF-8 of no part ends in). */
    static long of(String... parts) {
        long h = FNV_OFFSET;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                h = (h ^ 0) * FNV_PRIME;
            }
            for (byte b : parts[i].getBytes(StandardCharsets.UTF_8)) {
                h = (h ^ (b & 0xff)) * FNV_PRIME;
            }
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /** Which of {@code count} partitions the hash of {@code parts} goes to. */
    static int partition(int count, String... parts) {
        return (int) Long.remainderUnsigned(of(parts), count);
    }
}
