package dev.eddy.kafka;

import dev.eddy.dataflow.BranchOut;
import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.Outputs;
import dev.eddy.dataflow.Stream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kafka as operators, as Bytewax's {@code bytewax.connectors.kafka.operators}: {@code input} and
 * {@code deserialize} return {@link KafkaOpOut} ({@code oks}, {@code errs}); {@code serialize} and
 * {@code output} take {@link KafkaSinkMessage}s.
 *
 * <pre>{@code
 * import dev.eddy.kafka.*;
 * record Click(String user, long n) {}
 * var brokers = List.of("127.0.0.1:9092");
 * var flow = new Dataflow("clicks");
 * var in = KafkaOperators.input("inp", flow, KafkaSource.of(brokers, List.of("clicks")));
 * var clicks = KafkaOperators.deserialize("de", in.oks(), b -> new String(b), JsonSerde.deserializer(Click.class));
 * clicks.errs().inspect("bad");   // KafkaError at topic 'clicks' partition 0 offset 17: ...
 * var out = clicks.oks().map("to_sink", m -> m.toSink().withValue(m.value().user()));
 * KafkaOperators.output("out", KafkaOperators.serialize("ser", out, s -> s.getBytes(), s -> s.getBytes()),
 *         brokers, "users", Map.of());
 * }</pre>
 */
public final class KafkaOperators {

    private KafkaOperators() {
    }

    /** Reads {@code source}; {@code oks} are its messages, {@code errs} its errors (with {@code raiseOnErrors(false)}). */
    @SuppressWarnings("unchecked")
    public static KafkaOpOut<KafkaSourceMessage<byte[], byte[]>, KafkaError<byte[], byte[]>> input(
            String stepId, Dataflow flow, KafkaSource source) {
        Objects.requireNonNull(flow, () -> "kafka input step '" + stepId + "': flow can't be null");
        return flow.composite(stepId, "kafka_input", List.of(), () -> {
            Stream<KafkaSourceResult<byte[], byte[]>> read = flow.input("kafka_input", source);
            BranchOut<KafkaSourceResult<byte[], byte[]>> split = read.branch("split", r -> r instanceof KafkaSourceMessage);
            return new KafkaOpOut<>(split.trues().map("oks", r -> (KafkaSourceMessage<byte[], byte[]>) r),
                    split.falses().map("errs", r -> (KafkaError<byte[], byte[]>) r));
        });
    }

    /** Writes messages of bytes to {@code topic} (or each message's own), at least once: a {@link KafkaSink}. */
    public static void output(String stepId, Stream<KafkaSinkMessage<byte[], byte[]>> up, List<String> brokers,
                              String topic, Map<String, String> config) {
        up.output(stepId, new KafkaSink(brokers, topic, config));
    }

    /**
     * Writes messages of bytes exactly once (see {@link ExactlyOnceKafkaSink}), keying each by the hash of
     * its key bytes, so messages with one key stay in order in one of the sink's partitions.
     */
    public static void output(String stepId, Stream<KafkaSinkMessage<byte[], byte[]>> up, ExactlyOnceKafkaSink<Integer> sink) {
        Objects.requireNonNull(up, () -> "kafka output step '" + stepId + "': up can't be null");
        up.composite(stepId, "kafka_output", () -> {
            up.keyOn("by_key", m -> Arrays.hashCode(m.key())).output("output", sink);
            return Outputs.none();
        });
    }

    /**
     * Deserializes keys and values; a message that a deserializer throws on goes to {@code errs} as a {@link KafkaError}
     * that names its topic, partition and offset and keeps its bytes.
     */
    public static <K, V> KafkaOpOut<KafkaSourceMessage<K, V>, KafkaError<byte[], byte[]>> deserialize(
            String stepId, Stream<KafkaSourceMessage<byte[], byte[]>> up, SchemaDeserializer<? extends K> keyDeserializer,
            SchemaDeserializer<? extends V> valDeserializer) {
        Objects.requireNonNull(up, () -> "kafka deserialize step '" + stepId + "': up can't be null");
        Objects.requireNonNull(keyDeserializer, () -> "kafka deserialize step '" + stepId + "': keyDeserializer can't be null");
        Objects.requireNonNull(valDeserializer, () -> "kafka deserialize step '" + stepId + "': valDeserializer can't be null");
        String qualified = up.flow().qualify(stepId);
        return up.composite(stepId, "kafka_deserialize", () -> {
            Stream<KafkaSourceResult<?, ?>> tried = up.map("de", msg -> {
                String part = "key";
                try {
                    K key = msg.key() == null ? null : keyDeserializer.de(msg.key());
                    part = "value";
                    V value = msg.value() == null ? null : valDeserializer.de(msg.value());
                    return new KafkaSourceMessage<>(key, value, msg.topic(), msg.headers(), msg.latency(), msg.offset(),
                            msg.partition(), msg.timestamp());
                } catch (RuntimeException e) {
                    return new KafkaError<>("step '" + qualified + "' could not deserialize the " + part + " of the"
                            + " message at " + msg.where() + ": " + e.getMessage(), msg);
                }
            });
            return split(tried);
        });
    }

    /** Deserializes keys only; values stay bytes. */
    public static <K> KafkaOpOut<KafkaSourceMessage<K, byte[]>, KafkaError<byte[], byte[]>> deserializeKey(
            String stepId, Stream<KafkaSourceMessage<byte[], byte[]>> up, SchemaDeserializer<? extends K> keyDeserializer) {
        return deserialize(stepId, up, keyDeserializer, b -> b);
    }

    /** Deserializes values only; keys stay bytes. */
    public static <V> KafkaOpOut<KafkaSourceMessage<byte[], V>, KafkaError<byte[], byte[]>> deserializeValue(
            String stepId, Stream<KafkaSourceMessage<byte[], byte[]>> up, SchemaDeserializer<? extends V> valDeserializer) {
        return deserialize(stepId, up, b -> b, valDeserializer);
    }

    /** Serializes keys and values into bytes; a serializer that throws fails the step, naming the message. */
    public static <K, V> Stream<KafkaSinkMessage<byte[], byte[]>> serialize(
            String stepId, Stream<KafkaSinkMessage<K, V>> up, SchemaSerializer<? super K> keySerializer,
            SchemaSerializer<? super V> valSerializer) {
        Objects.requireNonNull(keySerializer, () -> "kafka serialize step '" + stepId + "': keySerializer can't be null");
        Objects.requireNonNull(valSerializer, () -> "kafka serialize step '" + stepId + "': valSerializer can't be null");
        return up.composite(stepId, "kafka_serialize", () -> up.map("ser", msg -> new KafkaSinkMessage<>(
                msg.key() == null ? null : keySerializer.ser(msg.key()),
                msg.value() == null ? null : valSerializer.ser(msg.value()),
                msg.topic(), msg.headers(), msg.partition(), msg.timestamp())));
    }

    /** Serializes keys only; values must already be bytes. */
    public static <K> Stream<KafkaSinkMessage<byte[], byte[]>> serializeKey(
            String stepId, Stream<KafkaSinkMessage<K, byte[]>> up, SchemaSerializer<? super K> keySerializer) {
        return serialize(stepId, up, keySerializer, b -> b);
    }

    /** Serializes values only; keys must already be bytes. */
    public static <V> Stream<KafkaSinkMessage<byte[], byte[]>> serializeValue(
            String stepId, Stream<KafkaSinkMessage<byte[], V>> up, SchemaSerializer<? super V> valSerializer) {
        return serialize(stepId, up, b -> b, valSerializer);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> KafkaOpOut<KafkaSourceMessage<K, V>, KafkaError<byte[], byte[]>> split(
            Stream<KafkaSourceResult<?, ?>> tried) {
        BranchOut<KafkaSourceResult<?, ?>> b = tried.branch("split", r -> r instanceof KafkaSourceMessage);
        return new KafkaOpOut<>(b.trues().map("oks", r -> (KafkaSourceMessage<K, V>) r),
                b.falses().map("errs", r -> (KafkaError<byte[], byte[]>) r));
    }
}
