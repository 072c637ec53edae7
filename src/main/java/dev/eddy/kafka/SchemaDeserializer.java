package dev.eddy.kafka;

/**
 * Turns the bytes of a key or value read from Kafka into a value, as Bytewax's {@code SchemaDeserializer}.
 * An exception means the bytes are malformed: {@link KafkaOperators#deserialize} sends that message to
 * {@code errs}.
 *
 * <pre>{@code
 * import dev.eddy.kafka.SchemaDeserializer;
 * SchemaDeserializer<Integer> number = b -> Integer.parseInt(new String(b));
 * System.out.println(number.de("42".getBytes()));
 * // 42
 * }</pre>
 *
 * @param <T> what it makes
 */
@FunctionalInterface
public interface SchemaDeserializer<T> {

    /** The value {@code bytes} hold. */
    T de(byte[] bytes);
}
