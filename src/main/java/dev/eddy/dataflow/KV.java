package dev.eddy.dataflow;

import java.util.Map;

/**
 * A keyed item: what flows on a {@link KeyedStream}. It is a {@link Map.Entry}, so sinks that take
 * entries (such as {@code DirSink}) accept keyed streams directly.
 *
 * <pre>{@code
 * var kv = KV.of("alice", 3);
 * System.out.println(kv.key() + " " + kv.value() + " " + kv);
 * // alice 3 (alice, 3)
 * }</pre>
 *
 * @param key the key; never {@code null} once the item is on a keyed stream
 * @param value the value; may be {@code null}
 */
public record KV<K, V>(K key, V value) implements Map.Entry<K, V> {

    /** A keyed item. */
    public static <K, V> KV<K, V> of(K key, V value) {
        return new KV<>(key, value);
    }

    /** The same key with another value. */
    public <W> KV<K, W> withValue(W newValue) {
        return new KV<>(key, newValue);
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    /** Keyed items are values; they can't be changed. */
    @Override
    public V setValue(V newValue) {
        throw new UnsupportedOperationException("KV is immutable; use withValue to make a new one");
    }

    /** Python-tuple style, as Bytewax prints {@code (key, value)}. */
    @Override
    public String toString() {
        return "(" + key + ", " + value + ")";
    }
}
