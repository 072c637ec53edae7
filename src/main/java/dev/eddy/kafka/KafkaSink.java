package dev.eddy.kafka;

import dev.eddy.io.DynamicSink;
import dev.eddy.io.StatelessSinkPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes {@link KafkaSinkMessage}s of bytes to Kafka, at least once, as Bytewax's {@code KafkaSink}: one
 * producer per worker, and every batch flushed and acknowledged before the flow goes on. After a crash a
 * resumed run writes the messages of the epoch in flight again, so consumers may see those twice. For
 * exactly once, see {@link #exactlyOnce(String)}.
 *
 * <p>Anything in {@code config} goes to the producer: security ({@code security.protocol},
 * {@code sasl.*}, {@code ssl.*}), {@code compression.type}, {@code linger.ms}. The producer's own defaults
 * hold otherwise: {@code acks=all} and idempotence on, so a retry inside one run writes no duplicate.
 *
 * <pre>{@code
 * import dev.eddy.kafka.*;
 * var flow = new Dataflow("to_kafka");
 * flow.input("inp", TestingSource.of("a", "b"))
 *     .map("msg", s -> KafkaSinkMessage.of((byte[]) null, s.getBytes()))
 *     .output("out", new KafkaSink(List.of("127.0.0.1:9092"), "letters", Map.of()));
 * }</pre>
 *
 * @param brokers the {@code host:port} addresses to bootstrap from
 * @param topic the topic for messages that name none; {@code null} when every message names its own
 * @param config more producer settings, which win over Eddy's
 */
public record KafkaSink(List<String> brokers, String topic, Map<String, String> config)
        implements DynamicSink<KafkaSinkMessage<byte[], byte[]>>, java.io.Serializable {

    public KafkaSink {
        KafkaClients.bootstrap("KafkaSink", brokers);
        brokers = List.copyOf(brokers);
        config = KafkaClients.copyConfig("KafkaSink", config);
    }

    /**
     * The same sink, exactly once: one Kafka transaction per epoch, committed with an epoch marker once the
     * recovery store holds the epoch; see {@link ExactlyOnceKafkaSink}.
     *
     * @param transactionalId the prefix of the producers' {@code transactional.id}s; unique to this flow's
     *     output step, and the same in every run of it, so that a resumed run fences the crashed one
     */
    public <K> ExactlyOnceKafkaSink<K> exactlyOnce(String transactionalId) {
        return new ExactlyOnceKafkaSink<>(brokers, topic, config, transactionalId, ExactlyOnceKafkaSink.DEFAULT_MARKER_TOPIC,
                1);
    }

    @Override
    public StatelessSinkPartition<KafkaSinkMessage<byte[], byte[]>> build(String stepId, int workerIndex,
                                                                          int workerCount) {
        KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(KafkaClients.bootstrap("KafkaSink", brokers),
                config, Map.of());
        return new StatelessSinkPartition<>() {
            @Override
            public void writeBatch(List<KafkaSinkMessage<byte[], byte[]>> items) {
                List<Future<RecordMetadata>> sent = new ArrayList<>(items.size());
                for (KafkaSinkMessage<byte[], byte[]> msg : items) {
                    sent.add(producer.send(KafkaClients.record(stepId, topic, msg)));
                }
                producer.flush();
                for (int i = 0; i < sent.size(); i++) {
                    try {
                        sent.get(i).get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("KafkaSink in step '" + stepId + "' failed writing " + items.get(i)
                                + " to " + brokers + ": " + e.getCause(), e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("KafkaSink in step '" + stepId + "' was interrupted", e);
                    }
                }
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }
}
