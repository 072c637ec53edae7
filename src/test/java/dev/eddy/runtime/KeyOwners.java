package dev.eddy.runtime;

/**
 * Which worker owns a key, for tests and benchmarks outside this package that split their input the way the
 * runtime routes it (the bench's owner-aligned partitions, which measure what the exchange costs).
 */
public final class KeyOwners {

    private KeyOwners() {
    }

    /** The worker, from 0 to {@code workers - 1}, that owns the {@code Long} key {@code key}. */
    public static int owner(long key, int workers) {
        return KeyHash.owner(key, workers);
    }
}
