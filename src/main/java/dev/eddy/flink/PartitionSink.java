package dev.eddy.flink;

import dev.eddy.dataflow.Primitive;
import dev.eddy.io.DynamicSink;
import dev.eddy.io.FixedPartitionedSink;
import dev.eddy.io.Sink;
import dev.eddy.io.StatefulSinkPartition;
import dev.eddy.io.StatelessSinkPartition;
import dev.eddy.recovery.SnapshotCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An Eddy {@code output} step as a Flink sink (Sink V2) whose writer state is each partition's resume state. A
 * {@link DynamicSink} gets one partition per subtask, built with {@code (i, n)}, and keeps no state; a
 * {@link FixedPartitionedSink}'s partitions are owned by subtask {@code index % n}, items reach their owner
 * through a custom partitioning by {@code partFor(key)} (see {@link FlinkRunner}), and a checkpoint holds each
 * owned partition's {@code snapshot()}. A restored writer rebuilds each partition from it with
 * {@code buildPart(step, name, resumeState)}, so {@code FileSink} and {@code DirSink} cut their files back to
 * their length at the checkpoint and the items replayed after it are written once, as on a resumed local run.
 * Partitions of one sink object in one JVM are written one at a time, as sinks written for one worker expect.
 */
final class PartitionSink implements org.apache.flink.api.connector.sink2.Sink<Object>,
        SupportsWriterState<Object, PartitionSink.PartState> {

    private static final long serialVersionUID = 1L;

    private final ShippedStep step;
    private final List<String> statePackages;

    PartitionSink(ShippedStep step, List<String> statePackages) {
        this.step = step;
        this.statePackages = List.copyOf(statePackages);
    }

    /** A partition's index in {@code listParts()} and its encoded resume state. */
    record PartState(int index, byte[] state) {
    }

    @Override
    public Writer createWriter(WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public Writer restoreWriter(WriterInitContext context, Collection<PartState> states) {
        return new Writer(step, StateCodec.of(statePackages), context.getTaskInfo().getIndexOfThisSubtask(),
                context.getTaskInfo().getNumberOfParallelSubtasks(), states);
    }

    @Override
    public SimpleVersionedSerializer<PartState> getWriterStateSerializer() {
        return new StateSerializer();
    }

    /** One subtask's partitions of the sink. */
    static final class Writer implements StatefulSinkWriter<Object, PartState> {
        private final ShippedStep step;
        private final SnapshotCodec codec;
        private final Sink<?> sink;
        private StatelessSinkPartition<Object> dynamic;
        private Map<Integer, StatefulSinkPartition<Object, Object>> owned;

        @SuppressWarnings("unchecked")
        Writer(ShippedStep step, SnapshotCodec codec, int index, int count, Collection<PartState> states) {
            this.step = step;
            this.codec = codec;
            this.sink = ((Primitive.Output) step.primitive()).sink();
            Map<Integer, byte[]> resume = new HashMap<>();
            for (PartState state : states) {
                resume.put(state.index(), state.state());
            }
            try {
                synchronized (sink) {
                    if (sink instanceof FixedPartitionedSink<?, ?, ?> fixed) {
                        owned = new TreeMap<>();
                        List<String> names = fixed.listParts();
                        for (int p = index; p < names.size(); p += count) {
                            byte[] bytes = resume.get(p);
                            StatefulSinkPartition<Object, Object> part =
                                    ((FixedPartitionedSink<Object, Object, Object>) fixed).buildPart(step.stepId(),
                                            names.get(p), bytes == null ? null : decode(names.get(p), bytes));
                            owned.put(p, part);
                            part.writeBatch(List.of());
                        }
                    } else {
                        dynamic = ((DynamicSink<Object>) sink).build(step.stepId(), index, count);
                    }
                }
            } catch (Throwable e) {
                close();
                throw Failures.inStep("output", step.stepId(), null, e);
            }
        }

        private Object decode(String part, byte[] bytes) {
            try {
                return codec.decode(bytes);
            } catch (RuntimeException e) {
                throw new IllegalStateException("output step '" + step.stepId() + "' partition '" + part
                        + "' must get back the resume state its checkpoint holds; got " + e.getMessage()
                        + " instead" + StateCodec.HINT, e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void write(Object item, Context context) {
            try {
                synchronized (sink) {
                    if (dynamic != null) {
                        dynamic.writeBatch(List.of(item));
                    } else {
                        Map.Entry<Object, Object> entry = (Map.Entry<Object, Object>) item;
                        int p = ((FixedPartitionedSink<Object, Object, Object>) sink).partFor(entry.getKey());
                        owned.get(p).writeBatch(List.of(entry.getValue()));
                    }
                }
            } catch (Throwable e) {
                throw Failures.inStep("output", step.stepId(), item, e);
            }
        }

        @Override
        public void flush(boolean endOfInput) {
        }

        /** Each owned partition's resume state, after everything written so far. */
        @Override
        public List<PartState> snapshotState(long checkpointId) {
            if (owned == null) {
                return List.of();
            }
            List<PartState> states = new ArrayList<>(owned.size());
            synchronized (sink) {
                for (Map.Entry<Integer, StatefulSinkPartition<Object, Object>> e : owned.entrySet()) {
                    Object state;
                    try {
                        state = e.getValue().snapshot();
                    } catch (Throwable failure) {
                        throw Failures.inStep("output", step.stepId(), null, failure);
                    }
                    states.add(new PartState(e.getKey(), state == null ? null : codec.encode(state)));
                }
            }
            return states;
        }

        @Override
        public void close() {
            synchronized (sink) {
                if (dynamic != null) {
                    dynamic.close();
                    dynamic = null;
                }
                if (owned != null) {
                    owned.values().forEach(StatefulSinkPartition::close);
                    owned = null;
                }
            }
        }
    }

    /** A partition's state as its index and its resume-state bytes. */
    private static final class StateSerializer implements SimpleVersionedSerializer<PartState> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(PartState state) throws IOException {
            return Bytes.of(out -> {
                out.writeInt(state.index());
                Bytes.write(state.state(), out);
            });
        }

        @Override
        public PartState deserialize(int version, byte[] serialized) throws IOException {
            return Bytes.from(serialized, in -> new PartState(in.readInt(), Bytes.read(in)));
        }
    }
}
