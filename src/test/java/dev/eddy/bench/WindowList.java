package dev.eddy.bench;

import java.util.List;

/**
 * A collected window of ticks, summarised so engines can be compared line by line: its size, the sum of the times
 * and the first and last time in the order the engine collected them.
 */
public record WindowList(long key, long windowStart, long count, long sum, long first, long last) {

    /** Summarises {@code times}, in the order given. */
    public static WindowList of(long key, long windowStart, List<Long> times) {
        long sum = 0;
        for (long t : times) {
            sum += t;
        }
        return new WindowList(key, windowStart, times.size(), sum, times.get(0), times.get(times.size() - 1));
    }

    @Override
    public String toString() {
        return key + " " + windowStart + " " + count + " " + sum + " " + first + " " + last;
    }
}
