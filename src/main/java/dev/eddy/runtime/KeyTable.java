package dev.eddy.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stateful step's slots by key. {@code Long} keys, the common case for ids, live in an open-addressing
 * table on primitive longs, so a look-up reads the key array and the slot, not a hash node and a boxed key
 * as well; every other key lives in a {@link HashMap}. Keys compare by {@code equals}, as in a plain map.
 */
final class KeyTable<V> {

    /** Marks a removed entry: look-ups go on past another key's mark and stop at their own (see removeLong). */
    private static final Object REMOVED = new Object();

    /**
     * An insert that walks further than this from its home switches the table to scrambled homes: keys whose
     * low bits are all alike (multiples of 2^16, ids with an empty sequence field) would otherwise share a
     * few homes and make every operation walk one run the size of the table.
     */
    static final int MAX_PROBE = 128;

    private long[] longKeys = new long[16];
    private Object[] longValues = new Object[16];
    private int longSize;
    private int removed;
    /** Whether homes come from a multiplicative hash of the key instead of its low bits; see {@link #MAX_PROBE}. */
    private boolean scrambled;
    private final Map<Object, V> others = new HashMap<>();

    V get(Object key) {
        return key instanceof Long boxed ? getLong(boxed) : others.get(key);
    }

    /** Stores a non-null value. */
    void put(Object key, V value) {
        if (key instanceof Long boxed) {
            putLong(boxed, value);
        } else {
            others.put(key, value);
        }
    }

    void remove(Object key) {
        if (key instanceof Long boxed) {
            removeLong(boxed);
        } else {
            others.remove(key);
        }
    }

    int size() {
        return longSize + others.size();
    }

    /** Every value, in no particular order. */
    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> all = new ArrayList<>(size());
        for (Object value : longValues) {
            if (value != null && value != REMOVED) {
                all.add((V) value);
            }
        }
        all.addAll(others.values());
        return all;
    }

    /**
     * The home index: the key's low bits, as {@link Long#hashCode} gives them to a {@link HashMap}. Ids that
     * arrive close together are numerically close, so their entries are close in memory too. Once scrambled,
     * a multiplicative hash spreads them instead.
     */
    private int indexOf(long key) {
        long h = key ^ (key >>> 32);
        if (scrambled) {
            h *= 0x9E3779B97F4A7C15L;
            h ^= h >>> 32;
        }
        return (int) h & (longKeys.length - 1);
    }

    /** Whether homes are scrambled; for tests. */
    boolean scrambled() {
        return scrambled;
    }

    /** {@link #get} for a {@code Long} key given as a primitive. */
    @SuppressWarnings("unchecked")
    V getLong(long key) {
        int mask = longKeys.length - 1;
        for (int i = indexOf(key); ; i = (i + 1) & mask) {
            Object value = longValues[i];
            if (value == null) {
                return null;
            }
            if (longKeys[i] == key) {
                // The key's own mark: it is not live further on (see removeLong).
                return value == REMOVED ? null : (V) value;
            }
        }
    }

    private void putLong(long key, Object value) {
        int mask = longKeys.length - 1;
        int free = -1;
        int i = indexOf(key);
        int walked = 0;
        for (Object there = longValues[i]; there != null; there = longValues[i], walked++) {
            if (there == REMOVED) {
                if (free < 0) {
                    free = i;
                }
                if (longKeys[i] == key) {
                    break;      // the key's own mark: it is not live further on
                }
            } else if (longKeys[i] == key) {
                longValues[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        if (free >= 0) {
            i = free;
            removed--;
        }
        longKeys[i] = key;
        longValues[i] = value;
        longSize++;
        if ((longSize + removed) * 2 > longKeys.length) {
            // Mostly live: grow; mostly removed marks: rebuild at the same size.
            rehash(longSize * 4 > longKeys.length ? longKeys.length * 2 : longKeys.length);
        } else if (walked > MAX_PROBE && !scrambled) {
            scrambled = true;
            rehash(longKeys.length);
        }
    }

    /**
     * Marks the entry removed rather than moving the rest of its probe run back: ids that arrive close
     * together sit in long runs at their home index, and re-placing a run on every removal would cost as
     * much as the run. Marks are reused by inserts and dropped by the next rehash.
     *
     * <p>A mark keeps its key, and a key is live, if at all, before every mark of its own on its probe path:
     * an insert takes the first mark on the path, which is never past one of the key's own. So a look-up
     * stops at the key's own mark instead of walking the rest of the run, which for dense ids that all
     * left is the whole table.
     */
    private void removeLong(long key) {
        int mask = longKeys.length - 1;
        for (int i = indexOf(key); longValues[i] != null; i = (i + 1) & mask) {
            if (longKeys[i] == key) {
                if (longValues[i] != REMOVED) {
                    longValues[i] = REMOVED;
                    longSize--;
                    removed++;
                }
                return;
            }
        }
    }

    private void rehash(int capacity) {
        long[] oldKeys = longKeys;
        Object[] oldValues = longValues;
        longKeys = new long[capacity];
        longValues = new Object[capacity];
        longSize = 0;
        removed = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null && oldValues[i] != REMOVED) {
                putLong(oldKeys[i], oldValues[i]);
            }
        }
    }
}
