package dev.eddy.kafka;

import dev.eddy.io.FixedPartitionedSink;
import dev.eddy.io.StatefulSinkPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link KafkaSink} that writes exactly once across crashes, for a flow run with recovery
 * ({@code RunOptions.withRecovery}) and read by consumers with {@code isolation.level=read_committed}.
 *
 * <p>How: the messages of each epoch are kept, and go into the epoch's snapshot, so the recovery store holds
 * them once the epoch is written. Then, when the next epoch closes (or the run ends), they are written to
 * Kafka in one transaction together with a marker, a record in {@link #markerTopic()} keyed by the
 * partition's {@code transactional.id} that names the run and the epoch. A crash before that commit loses
 * nothing: the resumed run gets the messages back with its resume state and commits them. A crash after it
 * repeats nothing: the resumed run finds the marker and drops its copy. Either way the epochs after the last
 * written one are read again from the sources and their messages are new to Kafka. Kafka's producer has no
 * public two-phase commit, so this is the write-ahead route: each epoch's messages appear one epoch late, and
 * the snapshot holds one epoch of output.
 *
 * <p>Items are key/value entries: the key picks one of {@link #parts()} partitions (by {@code hashCode}),
 * each with its own producer, {@code transactional.id} {@code "{transactionalId}-{part}"} and marker.
 * {@link KafkaOperators#output(String, dev.eddy.dataflow.Stream, ExactlyOnceKafkaSink)} keys messages for
 * you. Without recovery (and on {@code FlinkRunner}) no snapshot is taken: the run's whole output is
 * committed in one transaction when it ends, also when it fails, and a rerun starts over, so such a run
 * writes at least once, not exactly once. With recovery, the same holds for a run that fails before its
 * first epoch closes: the store then holds nothing to resume from.
 *
 * <pre>{@code
 * import dev.eddy.kafka.*;
 * ExactlyOnceKafkaSink<String> sink = new KafkaSink(List.of("127.0.0.1:9092"), "counts", Map.of())
 *         .exactlyOnce("counts-flow.out");
 * }</pre>
 *
 * @param brokers the {@code host:port} addresses to bootstrap from
 * @param topic the topic for messages that name none; {@code null} when every message names its own
 * @param config more producer settings (security); Eddy sets {@code transactional.id} itself
 * @param transactionalId the prefix of the producers' {@code transactional.id}s: unique to this output,
 *     the same in every run of it
 * @param markerTopic the compacted topic that holds the markers; made with one partition if missing
 * @param parts how many partitions, so producers and transactions, the sink has
 * @param <K> the items' key type
 */
public record ExactlyOnceKafkaSink<K>(List<String> brokers, String topic, Map<String, String> config,
                                      String transactionalId, String markerTopic, int parts)
        implements FixedPartitionedSink<K, KafkaSinkMessage<byte[], byte[]>, ExactlyOnceKafkaSink.State>,
        java.io.Serializable {

    /** The marker topic unless told otherwise. */
    public static final String DEFAULT_MARKER_TOPIC = "eddy-sink-epochs";

    public ExactlyOnceKafkaSink {
        KafkaClients.bootstrap("ExactlyOnceKafkaSink", brokers);
        brokers = List.copyOf(brokers);
        config = KafkaClients.copyConfig("ExactlyOnceKafkaSink", config);
        if (transactionalId == null || transactionalId.isBlank()) {
            throw new IllegalArgumentException("ExactlyOnceKafkaSink transactionalId must be a name unique to this"
                    + " output; got " + (transactionalId == null ? "null" : "'" + transactionalId + "'") + " instead");
        }
        Objects.requireNonNull(markerTopic, "ExactlyOnceKafkaSink markerTopic can't be null");
        if (parts < 1) {
            throw new IllegalArgumentException("ExactlyOnceKafkaSink parts must be at least 1; got " + parts + " instead");
        }
        if (config.containsKey("transactional.id")) {
            throw new IllegalArgumentException("ExactlyOnceKafkaSink config must not set transactional.id; got '"
                    + config.get("transactional.id") + "' instead; pass it as transactionalId");
        }
    }

    /** The same sink with its markers in another topic. */
    public ExactlyOnceKafkaSink<K> markerTopic(String newMarkerTopic) {
        return new ExactlyOnceKafkaSink<>(brokers, topic, config, transactionalId, newMarkerTopic, parts);
    }

    /** The same sink with {@code count} partitions. */
    public ExactlyOnceKafkaSink<K> parts(int count) {
        return new ExactlyOnceKafkaSink<>(brokers, topic, config, transactionalId, markerTopic, count);
    }

    /**
     * A partition's resume state: the run it belongs to, how many epochs it has closed, and the messages of
     * the last one, which are in Kafka once a marker says so.
     *
     * @param run a random id of the run that began without resume state, kept by the runs that resume it
     * @param epoch how many snapshots the partition has taken since {@code run} began
     * @param pending the messages of that last epoch
     */
    public record State(String run, long epoch, List<KafkaSinkMessage<byte[], byte[]>> pending) {
    }

    @Override
    public List<String> listParts() {
        List<String> names = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    @Override
    public int partFor(K key) {
        return Math.floorMod(Objects.hashCode(key), parts);
    }

    @Override
    public StatefulSinkPartition<KafkaSinkMessage<byte[], byte[]>, State> buildPart(String stepId, String forPart,
                                                                                   State resumeState) {
        return new TransactionalPartition(this, stepId, transactionalId + "-" + forPart, resumeState);
    }
}
