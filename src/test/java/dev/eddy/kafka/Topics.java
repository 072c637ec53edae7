package dev.eddy.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test (and benchmark) helpers against a real broker: make topics, fill them, read them whole. */
public final class Topics {

    private Topics() {
    }

    static void create(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    /**
     * Makes a 3-partition input topic filled with {@link WindowedKafkaFlow#events(int) events} {@code 0} to
     * {@code events - 1} and an empty output topic, for a run of {@link WindowedKafkaFlow}.
     */
    static void windowedFlowTopics(String bootstrap, String in, String out, int outPartitions, int events)
            throws Exception {
        create(bootstrap, in, 3);
        create(bootstrap, out, outPartitions);
        fill(bootstrap, in, 3, WindowedKafkaFlow.events(events));
    }

    /** Writes each value to the given partition, key {@code k<i>}, and waits for every ack. */
    static void fill(String bootstrap, String topic, int partitions, List<String> values) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", "5"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, i % partitions, bytes("k" + i), bytes(values.get(i))));
            }
            producer.flush();
        }
    }

    /**
     * Every committed record of the topic, as a read_committed consumer sees them, partition by partition, once
     * every transaction on it has ended: {@code commitTransaction} returns before the commit markers reach the
     * partitions, so until then the last stable offset lags behind the high watermark.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic) {
        return read(bootstrap, topic, true);
    }

    /** What a read_committed consumer sees now, without waiting for transactions under way. */
    static List<ConsumerRecord<byte[], byte[]>> readCommittedNow(String bootstrap, String topic) {
        return read(bootstrap, topic, false);
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, boolean settle) {
        if (settle) {
            awaitSettled(bootstrap, topic);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", "read_committed", "enable.auto.commit", "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            Instant until = Instant.now().plusSeconds(60);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (Instant.now().isAfter(until)) {
                    throw new AssertionError("reading topic " + topic + " took over 60 s");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }

    private static void awaitSettled(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> committed = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaConsumer<byte[], byte[]> all = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", "read_uncommitted"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = committed.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Instant until = Instant.now().plusSeconds(30);
            while (!committed.endOffsets(tps).equals(all.endOffsets(tps))) {
                if (Instant.now().isAfter(until)) {
                    throw new AssertionError("a transaction on topic " + topic + " stayed open for over 30 s");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    public static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
