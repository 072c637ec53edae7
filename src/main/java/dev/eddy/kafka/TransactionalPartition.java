package dev.eddy.kafka;

import dev.eddy.io.StatefulSinkPartition;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * One partition of an {@link ExactlyOnceKafkaSink}: a transactional producer, the messages of the epoch under
 * way, and those of the last closed epoch until they are committed with their marker.
 */
final class TransactionalPartition implements StatefulSinkPartition<KafkaSinkMessage<byte[], byte[]>,
        ExactlyOnceKafkaSink.State> {

    private static final Duration MARKER_READ_LIMIT = Duration.ofSeconds(60);

    private final ExactlyOnceKafkaSink<?> sink;
    private final String stepId;
    private final String transactionalId;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String run;
    private long epoch;
    private List<KafkaSinkMessage<byte[], byte[]>> pending;
    private boolean pendingCommitted;
    /** Whether the run takes snapshots: it resumed from one or has taken one; a run without recovery never does. */
    private boolean snapshotting;
    private List<KafkaSinkMessage<byte[], byte[]>> open = new ArrayList<>();

    TransactionalPartition(ExactlyOnceKafkaSink<?> sink, String stepId, String transactionalId,
                           ExactlyOnceKafkaSink.State resume) {
        this.sink = sink;
        this.stepId = stepId;
        this.transactionalId = transactionalId;
        String bootstrap = KafkaClients.bootstrap("ExactlyOnceKafkaSink", sink.brokers());
        ensureMarkerTopic(bootstrap);
        this.producer = KafkaClients.producer(bootstrap, sink.config(), Map.of("transactional.id", transactionalId,
                "enable.idempotence", "true"));
        try {
            // Fences a producer of a crashed run with the same id and aborts its open transaction.
            producer.initTransactions();
            if (resume == null) {
                run = UUID.randomUUID().toString();
                epoch = 0;
                pending = List.of();
                pendingCommitted = true;
            } else {
                snapshotting = true;
                run = resume.run();
                epoch = resume.epoch();
                pending = resume.pending();
                pendingCommitted = pending.isEmpty() || committedEpoch(bootstrap) >= epoch;
                // The epoch the store holds last may not be in Kafka yet: the crash came before its commit.
                commitPending();
            }
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw new IllegalStateException("ExactlyOnceKafkaSink in step '" + stepId + "' failed starting its"
                    + " transactional producer '" + transactionalId + "' on " + sink.brokers() + ": " + e, e);
        }
    }

    @Override
    public void writeBatch(List<KafkaSinkMessage<byte[], byte[]>> values) {
        for (KafkaSinkMessage<byte[], byte[]> msg : values) {
            KafkaClients.record(stepId, sink.topic(), msg);   // checks it now, naming the step, not at the commit
            open.add(msg);
        }
    }

    /**
     * Commits the last closed epoch, whose snapshot the store holds by now (it was written before this epoch
     * began), and closes the open one: its messages become the state to snapshot.
     */
    @Override
    public ExactlyOnceKafkaSink.State snapshot() {
        snapshotting = true;
        commitPending();
        epoch++;
        pending = List.copyOf(open);
        pendingCommitted = pending.isEmpty();
        open = new ArrayList<>();
        return new ExactlyOnceKafkaSink.State(run, epoch, pending);
    }

    /**
     * Commits the last closed epoch: after end of input its snapshot is in the store; after an abort or a
     * failure in a later epoch too. The open epoch's messages are dropped; a resumed run writes them again.
     * A run that took no snapshot (one without recovery, or on Flink) has only the open epoch: its whole
     * output is committed now, in one transaction.
     */
    @Override
    public void close() {
        try {
            if (!snapshotting && !open.isEmpty()) {
                epoch++;
                pending = List.copyOf(open);
                pendingCommitted = false;
                open = new ArrayList<>();
            }
            commitPending();
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
    }

    private void commitPending() {
        if (pendingCommitted) {
            return;
        }
        try {
            producer.beginTransaction();
            for (KafkaSinkMessage<byte[], byte[]> msg : pending) {
                producer.send(KafkaClients.record(stepId, sink.topic(), msg));
            }
            producer.send(new ProducerRecord<>(sink.markerTopic(), 0, bytes(transactionalId),
                    bytes(run + " " + epoch)));
            producer.commitTransaction();
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw new IllegalStateException("ExactlyOnceKafkaSink in step '" + stepId + "' failed committing epoch "
                    + epoch + " (" + pending.size() + " messages) with transactional.id '" + transactionalId + "': " + e
                    + "; the run can resume from its recovery store", e);
        }
        pendingCommitted = true;
    }

    /** The epoch of this run that the newest committed marker of this partition names, or -1. */
    private long committedEpoch(String bootstrap) {
        TopicPartition tp = new TopicPartition(sink.markerTopic(), 0);
        long found = -1;
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(bootstrap,
                with(sink.config(), "isolation.level", "read_committed"), transactionalId + "-markers")) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            Instant until = Instant.now().plus(MARKER_READ_LIMIT);
            while (consumer.position(tp) < end) {
                if (Instant.now().isAfter(until)) {
                    throw new IllegalStateException("reading the markers of topic '" + sink.markerTopic()
                            + "' must end within " + MARKER_READ_LIMIT.toSeconds() + " s; it did not");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.key() != null && transactionalId.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                        String[] runAndEpoch = new String(r.value(), StandardCharsets.UTF_8).split(" ");
                        if (runAndEpoch.length == 2 && runAndEpoch[0].equals(run)) {
                            found = Math.max(found, Long.parseLong(runAndEpoch[1]));
                        }
                    }
                }
            }
        }
        return found;
    }

    private void ensureMarkerTopic(String bootstrap) {
        Map<String, Object> props = new java.util.HashMap<>(sink.config());
        props.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(props)) {
            if (admin.listTopics().names().get().contains(sink.markerTopic())) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(sink.markerTopic(), Optional.of(1), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("ExactlyOnceKafkaSink in step '" + stepId + "' must find or make its"
                        + " marker topic '" + sink.markerTopic() + "'; got " + e.getCause() + " instead", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for topic '" + sink.markerTopic() + "'", e);
        }
    }

    private static Map<String, String> with(Map<String, String> config, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(config);
        out.put(key, value);
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
