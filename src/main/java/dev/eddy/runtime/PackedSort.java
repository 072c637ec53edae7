package dev.eddy.runtime;

import java.util.Arrays;

/**
 * Sorts non-negative {@code long}s with an LSD radix sort on bytes, skipping the bytes in which all values
 * agree. The runtime packs a key and a position into each value, so sorting a batch's few hundred keys costs
 * a few passes over them instead of a comparison sort's branchy n log n.
 */
final class PackedSort {

    private long[] buffer = new long[16];
    private final int[] counts = new int[256];

    /** Sorts {@code values[0, n)} ascending; all values must be non-negative. */
    void sort(long[] values, int n) {
        long or = 0;
        long and = -1;
        for (int i = 0; i < n; i++) {
            or |= values[i];
            and &= values[i];
        }
        long differing = or ^ and;
        if (buffer.length < n) {
            buffer = new long[Math.max(n, buffer.length * 2)];
        }
        long[] from = values;
        long[] to = buffer;
        for (int shift = 0; shift < 64 && differing >>> shift != 0; shift += 8) {
            if ((differing >>> shift & 0xFF) == 0) {
                continue;
            }
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(int) (from[i] >>> shift) & 0xFF]++;
            }
            int start = 0;
            for (int b = 0; b < 256; b++) {
                int c = counts[b];
                counts[b] = start;
                start += c;
            }
            for (int i = 0; i < n; i++) {
                long v = from[i];
                to[counts[(int) (v >>> shift) & 0xFF]++] = v;
            }
            long[] swap = from;
            from = to;
            to = swap;
        }
        if (from != values) {
            System.arraycopy(from, 0, values, 0, n);
        }
    }
}
