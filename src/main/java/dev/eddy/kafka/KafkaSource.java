package dev.eddy.kafka;

import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.io.StatefulSourcePartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;

/**
 * Reads Kafka topics, one source partition per topic partition, as Bytewax's {@code KafkaSource}. Partitions
 * are named {@code "{idx}-{topic}"} ({@code 0-clicks}, {@code 1-clicks}, ...) and each snapshots the offset
 * it reads next, so a flow run with recovery resumes every partition where its last snapshot left it: the
 * messages after it are read again, none before. Offsets are never committed to Kafka; the recovery store
 * holds them, as in Bytewax (and as in Flink, whose source does not rely on committed offsets either).
 *
 * <p>It emits {@link KafkaSourceMessage}s of raw bytes. A read that fails throws, naming the step and the
 * partition; with {@link #raiseOnErrors(boolean) raiseOnErrors(false)} it emits a {@link KafkaError} instead
 * and goes on. {@link KafkaOperators#input} splits the two into {@code oks} and {@code errs}.
 *
 * <p>Consumers read with {@code isolation.level=read_committed} (librdkafka's default, so Bytewax's): an
 * aborted transaction's messages are never seen. Anything in {@code config} goes to every consumer as it is:
 * security settings ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config},
 * {@code ssl.*}), {@code isolation.level}, fetch sizes.
 *
 * <pre>{@code
 * import dev.eddy.kafka.*;
 * var source = KafkaSource.of(List.of("127.0.0.1:9092"), List.of("clicks"))
 *         .tail(false)                                   // stop at the end offsets seen at start
 *         .startingOffset(KafkaSource.OFFSET_BEGINNING)  // where a partition without resume state starts
 *         .config(Map.of("security.protocol", "SASL_SSL"))
 *         .batchSize(1000);
 * }</pre>
 *
 * @param brokers the {@code host:port} addresses to bootstrap from
 * @param topics the topics to read, every partition of each
 * @param tail whether to keep waiting for new messages ({@code true}) or end once each partition reaches the
 *     end offset it had when the partition was built
 * @param startingOffset where a partition without resume state starts: {@link #OFFSET_BEGINNING},
 *     {@link #OFFSET_END}, or an offset
 * @param config more consumer settings, which win over Eddy's
 * @param batchSize the most messages one partition returns per activation ({@code max.poll.records})
 * @param raiseOnErrors whether a failed read fails the run ({@code true}) or becomes a {@link KafkaError}
 */
public record KafkaSource(List<String> brokers, List<String> topics, boolean tail, long startingOffset,
                          Map<String, String> config, int batchSize, boolean raiseOnErrors)
        implements FixedPartitionedSource<KafkaSourceResult<byte[], byte[]>, Long>, java.io.Serializable {

    /** Start at the earliest offset the partition still holds (Bytewax's {@code OFFSET_BEGINNING}). */
    public static final long OFFSET_BEGINNING = -2;
    /** Start after the last message, reading only what arrives later (Bytewax's {@code OFFSET_END}). */
    public static final long OFFSET_END = -1;

    public KafkaSource {
        KafkaClients.bootstrap("KafkaSource", brokers);
        brokers = List.copyOf(brokers);
        Objects.requireNonNull(topics, "KafkaSource topics can't be null");
        if (topics.isEmpty() || topics.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new IllegalArgumentException("KafkaSource topics must be one or more topic names; got " + topics
                    + " instead");
        }
        topics = List.copyOf(topics);
        if (startingOffset < OFFSET_BEGINNING) {
            throw new IllegalArgumentException("KafkaSource startingOffset must be OFFSET_BEGINNING, OFFSET_END or an"
                    + " offset of 0 or more; got " + startingOffset + " instead");
        }
        config = KafkaClients.copyConfig("KafkaSource", config);
        if (batchSize < 1) {
            throw new IllegalArgumentException("KafkaSource batchSize must be at least 1; got " + batchSize + " instead");
        }
    }

    /** Bytewax's defaults: tail, from the beginning, no more config, batches of 1000, raise on errors. */
    public static KafkaSource of(List<String> brokers, List<String> topics) {
        return new KafkaSource(brokers, topics, true, OFFSET_BEGINNING, Map.of(), 1000, true);
    }

    public KafkaSource tail(boolean newTail) {
        return new KafkaSource(brokers, topics, newTail, startingOffset, config, batchSize, raiseOnErrors);
    }

    public KafkaSource startingOffset(long offset) {
        return new KafkaSource(brokers, topics, tail, offset, config, batchSize, raiseOnErrors);
    }

    public KafkaSource config(Map<String, String> newConfig) {
        return new KafkaSource(brokers, topics, tail, startingOffset, newConfig, batchSize, raiseOnErrors);
    }

    public KafkaSource batchSize(int size) {
        return new KafkaSource(brokers, topics, tail, startingOffset, config, size, raiseOnErrors);
    }

    public KafkaSource raiseOnErrors(boolean raise) {
        return new KafkaSource(brokers, topics, tail, startingOffset, config, batchSize, raise);
    }

    /**
     * Asks the brokers for every partition of every topic, named {@code "{idx}-{topic}"}.
     *
     * @throws IllegalArgumentException when a topic does not exist
     */
    @Override
    public List<String> listParts() {
        List<String> parts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(KafkaClients.bootstrap("KafkaSource", brokers),
                config, "eddy-list-parts")) {
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic);
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalArgumentException("KafkaSource topic '" + topic + "' must exist on " + brokers
                            + "; got no partitions for it instead; create it first");
                }
                infos.stream().mapToInt(PartitionInfo::partition).sorted().forEach(i -> parts.add(i + "-" + topic));
            }
        }
        return parts;
    }

    @Override
    public StatefulSourcePartition<KafkaSourceResult<byte[], byte[]>, Long> buildPart(String stepId, String forPart,
                                                                                     Long resumeState) {
        int dash = forPart.indexOf('-');
        if (dash < 1) {
            throw new IllegalArgumentException("KafkaSource in step '" + stepId + "': a partition name must be"
                    + " \"{idx}-{topic}\"; got '" + forPart + "' instead");
        }
        int index = Integer.parseInt(forPart.substring(0, dash));
        String topic = forPart.substring(dash + 1);
        return new KafkaSourcePartition(this, stepId, forPart, topic, index, resumeState);
    }
}
