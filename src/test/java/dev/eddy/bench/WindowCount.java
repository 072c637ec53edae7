package dev.eddy.bench;

/** How many items {@code key} had in the window opening at {@code windowStart} (epoch millis). */
public record WindowCount(long key, long windowStart, long count) {
    @Override
    public String toString() {
        return key + " " + windowStart + " " + count;
    }
}
