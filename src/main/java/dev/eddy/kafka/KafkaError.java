package dev.eddy.kafka;

/**
 * A message that could not be read or deserialized, with what went wrong: Bytewax's {@code KafkaError}.
 * {@code msg} says where it came from ({@code msg.topic()}, {@code msg.partition()}, {@code msg.offset()})
 * and holds its key and value as they were before the failing step.
 *
 * <pre>{@code
 * import dev.eddy.kafka.*;
 * var msg = new KafkaSourceMessage<byte[], byte[]>(null, new byte[] {'{'}, "clicks", List.of(), null, 5L, 0, null);
 * var err = new KafkaError<>("value must be JSON; got '{' instead", msg);
 * System.out.println(err);
 * // KafkaError at topic 'clicks' partition 0 offset 5: value must be JSON; got '{' instead
 * }</pre>
 *
 * @param error what went wrong
 * @param msg the message it went wrong on
 * @param <K> the message's key type
 * @param <V> the message's value type
 */
public record KafkaError<K, V>(String error, KafkaSourceMessage<K, V> msg) implements KafkaSourceResult<K, V> {

    @Override
    public String toString() {
        return "KafkaError at " + msg.where() + ": " + error;
    }
}
