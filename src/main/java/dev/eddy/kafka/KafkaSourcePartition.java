package dev.eddy.kafka;

import dev.eddy.io.EndOfInput;
import dev.eddy.io.StatefulSourcePartition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.Header;

/** One topic partition of a {@link KafkaSource}: a consumer assigned to it alone. */
final class KafkaSourcePartition implements StatefulSourcePartition<KafkaSourceResult<byte[], byte[]>, Long> {

    private final KafkaSource source;
    private final String stepId;
    private final String name;
    private final TopicPartition tp;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Where a source that does not tail ends: the end offset when the partition was built. */
    private final long end;
    /** The offset read next, kept so that a snapshot after end of input or close needs no consumer. */
    private long next;

    KafkaSourcePartition(KafkaSource source, String stepId, String name, String topic, int index, Long resume) {
        this.source = source;
        this.stepId = stepId;
        this.name = name;
        this.tp = new TopicPartition(topic, index);
        Map<String, String> config = new java.util.HashMap<>(source.config());
        config.putIfAbsent("max.poll.records", Integer.toString(source.batchSize()));
        this.consumer = KafkaClients.consumer(KafkaClients.bootstrap("KafkaSource", source.brokers()), config,
                "eddy-" + stepId + "-" + name);
        try {
            consumer.assign(List.of(tp));
            if (resume != null) {
                consumer.seek(tp, resume);
            } else if (source.startingOffset() == KafkaSource.OFFSET_BEGINNING) {
                consumer.seekToBeginning(List.of(tp));
            } else if (source.startingOffset() == KafkaSource.OFFSET_END) {
                consumer.seekToEnd(List.of(tp));
            } else {
                consumer.seek(tp, source.startingOffset());
            }
            next = consumer.position(tp);
            end = source.tail() ? Long.MAX_VALUE : consumer.endOffsets(List.of(tp)).get(tp);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw new IllegalStateException("KafkaSource in step '" + stepId + "' failed opening partition '" + name
                    + "' on " + source.brokers() + ": " + e, e);
        }
    }

    @Override
    public List<KafkaSourceResult<byte[], byte[]>> nextBatch() {
        if (next >= end) {
            throw new EndOfInput();
        }
        List<KafkaSourceResult<byte[], byte[]>> out = new ArrayList<>();
        try {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ZERO)) {
                out.add(message(r));
            }
        } catch (RecordDeserializationException e) {
            if (source.raiseOnErrors()) {
                throw failed(e);
            }
            out.add(new KafkaError<>(e.toString(), new KafkaSourceMessage<>(null, null, tp.topic(), List.of(), null,
                    e.offset(), tp.partition(), null)));
            consumer.seek(tp, e.offset() + 1);
        } catch (KafkaException e) {
            if (source.raiseOnErrors()) {
                throw failed(e);
            }
            out.add(new KafkaError<>(e.toString(), new KafkaSourceMessage<>(null, null, tp.topic(), List.of(), null,
                    consumer.position(tp), tp.partition(), null)));
        }
        next = consumer.position(tp);
        return out;
    }

    private RuntimeException failed(KafkaException e) {
        return new IllegalStateException("KafkaSource in step '" + stepId + "' failed reading partition '" + name
                + "' at offset " + consumer.position(tp) + ": " + e + "; raiseOnErrors(false) sends such errors to"
                + " the errs stream instead", e);
    }

    private static KafkaSourceMessage<byte[], byte[]> message(ConsumerRecord<byte[], byte[]> r) {
        List<KafkaHeader> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(new KafkaHeader(h.key(), h.value()));
        }
        return new KafkaSourceMessage<>(r.key(), r.value(), r.topic(), headers, null, r.offset(), r.partition(),
                r.timestamp() < 0 ? null : Instant.ofEpochMilli(r.timestamp()));
    }

    /** The offset read next: every message before it has been emitted. */
    @Override
    public Long snapshot() {
        return next;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
