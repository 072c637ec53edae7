package dev.eddy.dataflow;

import dev.eddy.io.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The cache an {@code enrichCached} mapper reads from: {@link #get} returns the cached value for a key,
 * looking it up again when it is missing or older than the time to live.
 *
 * <pre>{@code
 * var lookups = new ArrayList<String>();
 * var flow = new Dataflow("ttl_eg");
 * flow.input("inp", TestingSource.of("dog", "dog"))
 *     .enrichCached("icon", (String code) -> { lookups.add(code); return code + ".png"; },
 *                   (cache, code) -> cache.get(code))
 *     .inspect("out");
 * Runner.runMain(flow);
 * System.out.println("looked up " + lookups);
 * // ttl_eg.out: dog.png
 * // ttl_eg.out: dog.png
 * // looked up [dog]
 * }</pre>
 */
public final class TtlCache<K, V> implements java.io.Serializable {

    /** A time to live that never runs out. */
    public static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    private final SerializableFunction<? super K, ? extends V> getter;
    private final Duration ttl;
    private final Map<K, Entry<V>> entries = new HashMap<>();
    private Instant now = Instant.MIN;

    TtlCache(SerializableFunction<? super K, ? extends V> getter, Duration ttl) {
        this.getter = getter;
        this.ttl = ttl;
    }

    /** The value for {@code key}, looked up when missing or expired. */
    public V get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null || expired(entry)) {
            entry = new Entry<>(now, getter.apply(key));
            entries.put(key, entry);
        }
        return entry.value;
    }

    /** Forgets the value for {@code key}, so the next {@link #get} looks it up. */
    public void remove(K key) {
        entries.remove(key);
    }

    /** Forgets every value; a new run starts with an empty cache. */
    void clear() {
        entries.clear();
        now = Instant.MIN;
    }

    /** Reads the run's clock; called once per batch, as Bytewax does. */
    void refreshNow() {
        now = WallClock.current().now();
    }

    private boolean expired(Entry<V> entry) {
        if (ttl.equals(FOREVER)) {
            return false;
        }
        return Duration.between(entry.fetchedAt, now).compareTo(ttl) > 0;
    }

    private record Entry<V>(Instant fetchedAt, V value) implements java.io.Serializable {
    }
}
