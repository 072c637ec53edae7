package dev.eddy.windowing;

import java.util.Arrays;

/**
 * A reusable list of window ids that a {@link WindowerLogic} fills, so asking for a value's windows
 * allocates nothing. {@link WindowerLogic#merged} fills it with {@code (original, target)} pairs.
 *
 * <pre>{@code
 * var ids = new WindowIds();
 * new TumblingWindower(Duration.ofSeconds(10), Instant.EPOCH).build(null).lateFor(Micros.of(Instant.ofEpochSecond(25)), ids);
 * System.out.println(ids);
 * // [2]
 * }</pre>
 */
public final class WindowIds {

    private static final long[] NONE = {};

    /** Allocated on the first id: a session key's merge queue mostly stays empty. */
    private long[] ids = NONE;
    private int size;

    /** Appends an id. */
    public void add(long id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, Math.max(4, size * 2));
        }
        ids[size++] = id;
    }

    /** The {@code i}-th id. */
    public long get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException("index must be below " + size + "; got " + i + " instead");
        }
        return ids[i];
    }

    /** How many ids it holds. */
    public int size() {
        return size;
    }

    /** Forgets every id. */
    public void clear() {
        size = 0;
    }

    /** The ids as an array. */
    public long[] toArray() {
        return Arrays.copyOf(ids, size);
    }

    @Override
    public String toString() {
        return Arrays.toString(toArray());
    }
}
