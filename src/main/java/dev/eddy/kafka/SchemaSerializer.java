package dev.eddy.kafka;

/**
 * Turns a key or value into bytes for Kafka, as Bytewax's {@code SchemaSerializer}.
 *
 * <pre>{@code
 * import dev.eddy.kafka.SchemaSerializer;
 * SchemaSerializer<String> utf8 = s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
 * System.out.println(utf8.ser("hi").length);
 * // 2
 * }</pre>
 *
 * @param <T> what it serializes
 */
@FunctionalInterface
public interface SchemaSerializer<T> {

    /** The bytes for {@code obj}. */
    byte[] ser(T obj);
}
