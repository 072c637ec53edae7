package dev.eddy.runtime;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.UUID;

/**
 * Which worker owns a key: MurmurHash3 (x86, 32-bit) over a canonical encoding of the key, so a key goes
 * to the same worker in every run and JVM, whatever its {@code hashCode}. Encoded: {@code String},
 * the boxed primitives, {@code BigInteger}, {@code BigDecimal}, {@code UUID}, {@code java.time} values,
 * enums (by class and constant name), records (by class and components) and {@code List}s of those. Any
 * other key has no stable encoding and is refused, since its {@code hashCode} may be its address.
 *
 * <pre class="fragment">{@code
 * int worker = KeyHash.owner("user-1", 4);   // 0..3, the same in every run
 * }</pre>
 */
final class KeyHash {

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    /** Components of each record class, looked up once. */
    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            for (RecordComponent component : components) {
                component.getAccessor().setAccessible(true);
            }
            return components;
        }
    };

    private int h;
    private int length;

    private KeyHash() {
    }

    /** The worker, from 0 to {@code workers - 1}, that owns {@code key}. */
    static int owner(Object key, int workers) {
        return spread(hash(key), workers);
    }

    /** The worker that owns the {@code Long} key {@code key}, with no box to hash. */
    static int owner(long key, int workers) {
        return spread(hash(key), workers);
    }

    private static int spread(int hash, int workers) {
        return (int) (((hash & 0xffffffffL) * workers) >>> 32);
    }

    /** The hash of the {@code Long} key {@code l}: the encoding add() gives a Long, without the dispatch. */
    static int hash(long l) {
        return finish(mixed(mixed(mixed(0, 2), (int) l), (int) (l >>> 32)), 12);
    }

    /**
     * The key's stable 32-bit hash.
     *
     * @throws IllegalArgumentException when the key, or a part of it, has no stable encoding
     */
    static int hash(Object key) {
        if (key instanceof Long boxed) {
            return hash((long) boxed);
        }
        KeyHash hasher = new KeyHash();
        hasher.add(key);
        return hasher.finish();
    }

    private void add(Object key) {
        if (key instanceof String s) {
            addString(1, s);
        } else if (key instanceof Long l) {
            mix(2);
            mix((int) (long) l);
            mix((int) (l >>> 32));
        } else if (key instanceof Integer i) {
            mix(3);
            mix(i);
        } else if (key instanceof Short s) {
            mix(4);
            mix(s);
        } else if (key instanceof Byte b) {
            mix(5);
            mix(b);
        } else if (key instanceof Character c) {
            mix(6);
            mix(c);
        } else if (key instanceof Boolean b) {
            mix(b ? 7 : 8);
        } else if (key instanceof Double d) {
            long bits = Double.doubleToLongBits(d);
            mix(9);
            mix((int) bits);
            mix((int) (bits >>> 32));
        } else if (key instanceof Float f) {
            mix(10);
            mix(Float.floatToIntBits(f));
        } else if (key instanceof BigInteger || key instanceof BigDecimal) {
            addString(key instanceof BigInteger ? 11 : 12, key.toString());
        } else if (key instanceof UUID u) {
            mix(13);
            for (long half : new long[] {u.getMostSignificantBits(), u.getLeastSignificantBits()}) {
                mix((int) half);
                mix((int) (half >>> 32));
            }
        } else if (key instanceof Enum<?> e) {
            addString(14, e.getDeclaringClass().getName());
            addString(15, e.name());
        } else if (key instanceof Record record) {
            addString(16, record.getClass().getName());
            RecordComponent[] components = COMPONENTS.get(record.getClass());
            mix(components.length);
            for (RecordComponent component : components) {
                Object value;
                try {
                    value = component.getAccessor().invoke(record);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalArgumentException("record key " + record.getClass().getName() + " must have"
                            + " readable components; got " + e + " reading " + component.getName() + " instead", e);
                }
                addNullable(value);
            }
        } else if (key instanceof List<?> list) {
            mix(17);
            mix(list.size());
            for (Object element : list) {
                addNullable(element);
            }
        } else if (key != null && key.getClass().getName().startsWith("java.time.")
                && (key instanceof TemporalAccessor || key instanceof TemporalAmount)) {
            addString(18, key.getClass().getName());
            addString(19, key.toString());
        } else {
            throw new IllegalArgumentException((key == null ? "null" : key.getClass().getName()) + " has no stable"
                    + " encoding, so its hashCode may differ between runs; key by a String, a number, an enum, a record"
                    + " or a List of those");
        }
    }

    private void addNullable(Object value) {
        if (value == null) {
            mix(0);
        } else {
            add(value);
        }
    }

    private void addString(int tag, String s) {
        mix(tag);
        int n = s.length();
        mix(n);
        int i = 0;
        for (; i + 1 < n; i += 2) {
            mix(s.charAt(i) | s.charAt(i + 1) << 16);
        }
        if (i < n) {
            mix(s.charAt(i));
        }
    }

    private void mix(int k) {
        h = mixed(h, k);
        length += 4;
    }

    /** MurmurHash3's step: the state {@code h} with four more bytes {@code k} mixed in. */
    private static int mixed(int h, int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        k *= C2;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    private int finish() {
        return finish(h, length);
    }

    /** MurmurHash3's finalization of state {@code h} after {@code length} bytes. */
    private static int finish(int h, int length) {
        int x = h ^ length;
        x ^= x >>> 16;
        x *= 0x85ebca6b;
        x ^= x >>> 13;
        x *= 0xc2b2ae35;
        x ^= x >>> 16;
        return x;
    }
}
