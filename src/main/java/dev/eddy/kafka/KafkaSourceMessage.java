package dev.eddy.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A message read from Kafka, with Bytewax's fields: its key and value (bytes as read, or what a
 * deserializer made of them) and where it came from.
 *
 * <pre>{@code
 * import dev.eddy.kafka.KafkaSourceMessage;
 * var msg = new KafkaSourceMessage<>("k", "v", "clicks", List.of(), null, 7L, 2, Instant.EPOCH);
 * System.out.println(msg.withValue(42).value() + " " + msg.where());
 * // 42 topic 'clicks' partition 2 offset 7
 * }</pre>
 *
 * @param key the key; {@code null} when the message has none
 * @param value the value; {@code null} for a tombstone
 * @param topic the topic it was read from
 * @param headers its headers, in order
 * @param latency Bytewax's producer latency; always {@code null} for messages read by a consumer
 * @param offset its offset in the partition
 * @param partition the partition's index in the topic
 * @param timestamp the message's timestamp (create or log-append time); {@code null} if it has none
 * @param <K> the key type
 * @param <V> the value type
 */
public record KafkaSourceMessage<K, V>(K key, V value, String topic, List<KafkaHeader> headers, Duration latency,
                                       Long offset, Integer partition, Instant timestamp)
        implements KafkaSourceResult<K, V> {

    public KafkaSourceMessage {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** This message with another key. */
    public <K2> KafkaSourceMessage<K2, V> withKey(K2 newKey) {
        return new KafkaSourceMessage<>(newKey, value, topic, headers, latency, offset, partition, timestamp);
    }

    /** This message with another value. */
    public <V2> KafkaSourceMessage<K, V2> withValue(V2 newValue) {
        return new KafkaSourceMessage<>(key, newValue, topic, headers, latency, offset, partition, timestamp);
    }

    /** A message to write with the same key, value and headers, to the sink's topic. */
    public KafkaSinkMessage<K, V> toSink() {
        return new KafkaSinkMessage<>(key, value, null, headers, null, null);
    }

    /** Where the message was read: {@code topic 't' partition 2 offset 7}. */
    public String where() {
        return "topic '" + topic + "' partition " + partition + " offset " + offset;
    }
}
