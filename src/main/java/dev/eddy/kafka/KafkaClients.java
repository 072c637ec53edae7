package dev.eddy.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Makes the Kafka clients of the connectors: Eddy's settings first, the user's {@code config} over them. */
final class KafkaClients {

    private KafkaClients() {
    }

    /** Checks the broker list of a connector and joins it into {@code bootstrap.servers}. */
    static String bootstrap(String what, List<String> brokers) {
        Objects.requireNonNull(brokers, () -> what + " brokers can't be null");
        if (brokers.isEmpty() || brokers.stream().anyMatch(b -> b == null || b.isBlank())) {
            throw new IllegalArgumentException(what + " brokers must be one or more host:port addresses; got "
                    + brokers + " instead");
        }
        return String.join(",", brokers);
    }

    static Map<String, String> copyConfig(String what, Map<String, String> config) {
        Objects.requireNonNull(config, () -> what + " config can't be null; use Map.of()");
        return Map.copyOf(config);
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, Map<String, String> config, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.put("enable.auto.commit", "false");
        // librdkafka's default, so Bytewax's: a consumer sees committed transactions only.
        props.put("isolation.level", "read_committed");
        props.put("client.id", clientId);
        props.putAll(config);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap, Map<String, String> config,
                                                   Map<String, String> eddys) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrap);
        props.putAll(config);
        props.putAll(eddys);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The producer record for a message; {@code defaultTopic} when the message names none. */
    static ProducerRecord<byte[], byte[]> record(String stepId, String defaultTopic, KafkaSinkMessage<?, ?> msg) {
        if (msg == null) {
            throw new IllegalArgumentException("Kafka output step '" + stepId + "' must get KafkaSinkMessage items; got"
                    + " null instead");
        }
        String topic = msg.topic() != null ? msg.topic() : defaultTopic;
        if (topic == null) {
            throw new IllegalArgumentException("Kafka output step '" + stepId + "': a message must name its topic when"
                    + " the sink has none; got " + msg + " instead; give the sink a topic or use withTopic");
        }
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>(msg.headers().size());
        for (KafkaHeader h : msg.headers()) {
            headers.add(new RecordHeader(h.key(), h.value()));
        }
        return new ProducerRecord<>(topic, msg.partition(), msg.timestamp() == null ? null : msg.timestamp().toEpochMilli(),
                bytes(stepId, "key", msg.key(), msg), bytes(stepId, "value", msg.value(), msg), headers);
    }

    private static byte[] bytes(String stepId, String what, Object o, KafkaSinkMessage<?, ?> msg) {
        if (o == null || o instanceof byte[]) {
            return (byte[]) o;
        }
        throw new IllegalArgumentException("Kafka output step '" + stepId + "': a message's " + what + " must be bytes;"
                + " got a " + o.getClass().getName() + " instead in " + msg + "; serialize it first (KafkaOperators.serialize)");
    }
}
