package dev.eddy.kafka;

import java.time.Instant;
import java.util.List;

/**
 * A message to write to Kafka, with Bytewax's fields.
 *
 * <pre>{@code
 * import dev.eddy.kafka.KafkaSinkMessage;
 * var msg = KafkaSinkMessage.of("user_1", "3 clicks");
 * System.out.println(msg.key() + ": " + msg.value() + " to " + msg.topic());
 * // user_1: 3 clicks to null
 * }</pre>
 *
 * @param key the key, or {@code null}
 * @param value the value, or {@code null} (a tombstone)
 * @param topic the topic to write to; {@code null} means the sink's topic
 * @param headers headers, in order
 * @param partition the partition to write to; {@code null} lets the producer's partitioner pick by key
 * @param timestamp the message's timestamp; {@code null} means when it is sent
 * @param <K> the key type
 * @param <V> the value type
 */
public record KafkaSinkMessage<K, V>(K key, V value, String topic, List<KafkaHeader> headers, Integer partition,
                                     Instant timestamp) {

    public KafkaSinkMessage {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A message with this key and value and nothing else set. */
    public static <K, V> KafkaSinkMessage<K, V> of(K key, V value) {
        return new KafkaSinkMessage<>(key, value, null, List.of(), null, null);
    }

    /** This message with another key. */
    public <K2> KafkaSinkMessage<K2, V> withKey(K2 newKey) {
        return new KafkaSinkMessage<>(newKey, value, topic, headers, partition, timestamp);
    }

    /** This message with another value. */
    public <V2> KafkaSinkMessage<K, V2> withValue(V2 newValue) {
        return new KafkaSinkMessage<>(key, newValue, topic, headers, partition, timestamp);
    }

    /** This message to another topic. */
    public KafkaSinkMessage<K, V> withTopic(String newTopic) {
        return new KafkaSinkMessage<>(key, value, newTopic, headers, partition, timestamp);
    }
}
