package dev.eddy.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One header of a Kafka message: a name and raw bytes, as Bytewax's {@code (str, bytes)} pairs.
 *
 * <pre>{@code
 * import dev.eddy.kafka.KafkaHeader;
 * System.out.println(KafkaHeader.of("trace", "abc"));
 * // trace=abc
 * }</pre>
 *
 * @param key the header's name
 * @param value its bytes; may be {@code null}
 */
public record KafkaHeader(String key, byte[] value) {

    public KafkaHeader {
        Objects.requireNonNull(key, "KafkaHeader key can't be null");
    }

    /** A header whose value is {@code value} in UTF-8. */
    public static KafkaHeader of(String key, String value) {
        return new KafkaHeader(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaHeader h && key.equals(h.key) && Arrays.equals(value, h.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return key + "=" + (value == null ? "null" : new String(value, StandardCharsets.UTF_8));
    }
}
