package dev.eddy.flink;

import dev.eddy.dataflow.Primitive;
import dev.eddy.io.AbortExecution;
import dev.eddy.io.DynamicSource;
import dev.eddy.io.EndOfInput;
import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.recovery.SnapshotCodec;
import dev.eddy.runtime.OpenSourcePartition;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An Eddy {@code input} step as a Flink source (FLIP-27): each partition of a {@link FixedPartitionedSource} is a
 * split whose state is the partition's resume state, and a {@link DynamicSource} is one split per subtask,
 * {@code worker_i} built with {@code (i, n)}, without state. Subtask {@code i} of {@code n} reads the fixed
 * partitions whose index is {@code i} modulo {@code n}. A checkpoint holds each unfinished split with its
 * partition's {@code snapshot()}, taken between two batches, so a restored run rebuilds the partition with
 * {@code buildPart(step, name, resumeState)} and reads on from there; a dynamic partition is built afresh.
 *
 * <p>Each partition is polled no earlier than its next awake time, as the local runtime does. When a reader's
 * partitions have all ended it ends, and once every reader has, Flink's final watermark tells every stateful step
 * that input is over.
 */
final class PartitionSource implements Source<Object, PartitionSource.Split, List<PartitionSource.Split>> {

    private static final long serialVersionUID = 1L;

    private final ShippedStep step;
    private final List<String> statePackages;

    PartitionSource(ShippedStep step, List<String> statePackages) {
        this.step = step;
        this.statePackages = List.copyOf(statePackages);
    }

    /**
     * One partition of the source: its name, its index in {@code listParts()} (for a dynamic source, the worker
     * index) of {@code count} (the worker count of a dynamic source, else unused), and its encoded resume state,
     * or {@code null} to start from the beginning.
     */
    record Split(String name, int index, int count, boolean dynamic, byte[] state) implements SourceSplit {
        @Override
        public String splitId() {
            return name;
        }

        /** The subtask that reads this split out of {@code parallelism}. */
        int owner(int parallelism) {
            return dynamic ? index : index % parallelism;
        }
    }

    @Override
    public Boundedness getBoundedness() {
        // An Eddy source may end or not; ending is the partition's business (EndOfInput), not the job's mode.
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<Split, List<Split>> createEnumerator(SplitEnumeratorContext<Split> context) {
        Object source = ((Primitive.Input) step.primitive()).source();
        List<Split> splits = new ArrayList<>();
        try {
            if (source instanceof FixedPartitionedSource<?, ?> fixed) {
                List<String> names = fixed.listParts();
                for (int p = 0; p < names.size(); p++) {
                    splits.add(new Split(names.get(p), p, names.size(), false, null));
                }
            } else {
                int n = context.currentParallelism();
                for (int i = 0; i < n; i++) {
                    splits.add(new Split("worker_" + i, i, n, true, null));
                }
            }
        } catch (Throwable e) {
            throw Failures.inStep("input", step.stepId(), null, e);
        }
        return new Enumerator(context, splits);
    }

    @Override
    public SplitEnumerator<Split, List<Split>> restoreEnumerator(SplitEnumeratorContext<Split> context,
                                                                 List<Split> checkpoint) {
        return new Enumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new SplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<List<Split>> getEnumeratorCheckpointSerializer() {
        return new PendingSerializer();
    }

    @Override
    public SourceReader<Object, Split> createReader(SourceReaderContext context) {
        return new Reader(step, StateCodec.of(statePackages));
    }

    /** Hands each split to its owner when the owner's reader registers; a failed reader's splits come back. */
    private static final class Enumerator implements SplitEnumerator<Split, List<Split>> {
        private final SplitEnumeratorContext<Split> context;
        private final List<Split> pending;

        Enumerator(SplitEnumeratorContext<Split> context, List<Split> pending) {
            this.context = context;
            this.pending = new ArrayList<>(pending);
        }

        @Override
        public void start() {
        }

        @Override
        public void handleSplitRequest(int subtask, String host) {
        }

        @Override
        public void addSplitsBack(List<Split> splits, int subtask) {
            pending.addAll(splits);
        }

        @Override
        public void addReader(int subtask) {
            int n = context.currentParallelism();
            for (Iterator<Split> it = pending.iterator(); it.hasNext(); ) {
                Split split = it.next();
                if (split.owner(n) == subtask) {
                    context.assignSplit(split, subtask);
                    it.remove();
                }
            }
            context.signalNoMoreSplits(subtask);
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            return List.copyOf(pending);
        }

        @Override
        public void close() {
        }
    }

    /** One subtask's partitions, read in turn, each no earlier than it asks. */
    private static final class Reader implements SourceReader<Object, Split> {
        private static final long COOLDOWN_MILLIS = 1;
        private static final long MAX_REST_MILLIS = 50;

        private final ShippedStep step;
        private final SnapshotCodec codec;
        private final List<Split> splits = new ArrayList<>();
        private final List<OpenSourcePartition> parts = new ArrayList<>();
        private boolean noMoreSplits;
        private CompletableFuture<Void> available = CompletableFuture.completedFuture(null);

        Reader(ShippedStep step, SnapshotCodec codec) {
            this.step = step;
            this.codec = codec;
        }

        @Override
        public void start() {
        }

        @Override
        @SuppressWarnings("unchecked")
        public void addSplits(List<Split> added) {
            Object source = ((Primitive.Input) step.primitive()).source();
            for (Split split : added) {
                OpenSourcePartition part;
                try {
                    if (split.dynamic()) {
                        part = OpenSourcePartition.of(split.name(),
                                ((DynamicSource<?>) source).build(step.stepId(), split.index(), split.count()));
                    } else {
                        Object resume = split.state() == null ? null : decode(split);
                        part = OpenSourcePartition.of(split.name(), ((FixedPartitionedSource<?, Object>) source)
                                .buildPart(step.stepId(), split.name(), resume));
                    }
                } catch (Throwable e) {
                    throw Failures.inStep("input", step.stepId() + "' partition '" + split.name(), null, e);
                }
                splits.add(split);
                parts.add(part);
            }
            available.complete(null);
        }

        private Object decode(Split split) {
            try {
                return codec.decode(split.state());
            } catch (RuntimeException e) {
                throw new IllegalStateException("input step '" + step.stepId() + "' partition '" + split.name()
                        + "' must get back the resume state its checkpoint holds; got " + e.getMessage()
                        + " instead" + StateCodec.HINT, e);
            }
        }

        @Override
        public void notifyNoMoreSplits() {
            noMoreSplits = true;
            available.complete(null);
        }

        @Override
        public InputStatus pollNext(ReaderOutput<Object> output) {
            Instant now = Instant.now();
            Instant earliest = null;
            boolean progress = false;
            for (int i = 0; i < parts.size(); i++) {
                OpenSourcePartition part = parts.get(i);
                if (part.awake() != null && part.awake().isAfter(now)) {
                    earliest = earliest == null || part.awake().isBefore(earliest) ? part.awake() : earliest;
                    continue;
                }
                List<?> batch;
                try {
                    batch = part.nextBatch();
                } catch (EndOfInput | AbortExecution end) {
                    part.end();
                    part.close();
                    parts.remove(i);
                    splits.remove(i);
                    i--;
                    progress = true;
                    continue;
                } catch (Throwable e) {
                    throw Failures.inStep("input", step.stepId() + "' partition '" + part.name(), null, e);
                }
                if (batch == null) {
                    throw new IllegalStateException("input step '" + step.stepId() + "': partition '" + part.name()
                            + "' must return a list from nextBatch; got null instead; throw EndOfInput to end it");
                }
                for (Object item : batch) {
                    output.collect(item);
                }
                progress |= !batch.isEmpty();
                part.awakeAt(part.nextAwake());
                if (part.awake() == null && batch.isEmpty()) {
                    part.awakeAt(now.plusMillis(COOLDOWN_MILLIS));
                }
            }
            if (progress) {
                return InputStatus.MORE_AVAILABLE;
            }
            if (parts.isEmpty()) {
                if (noMoreSplits) {
                    return InputStatus.END_OF_INPUT;
                }
                available = new CompletableFuture<>();
                return InputStatus.NOTHING_AVAILABLE;
            }
            long rest = earliest == null ? COOLDOWN_MILLIS : Math.min(MAX_REST_MILLIS,
                    Math.max(1, Duration.between(Instant.now(), earliest).toMillis()));
            available = CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(rest, TimeUnit.MILLISECONDS));
            return InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return available;
        }

        /** Each unfinished split with its partition's resume state after everything emitted so far. */
        @Override
        public List<Split> snapshotState(long checkpointId) {
            List<Split> out = new ArrayList<>(splits.size());
            for (int i = 0; i < splits.size(); i++) {
                Split split = splits.get(i);
                OpenSourcePartition part = parts.get(i);
                if (split.dynamic()) {
                    out.add(split);
                    continue;
                }
                Object state;
                try {
                    state = part.stateful().snapshot();
                } catch (Throwable e) {
                    throw Failures.inStep("input", step.stepId() + "' partition '" + part.name(), null, e);
                }
                out.add(new Split(split.name(), split.index(), split.count(), false,
                        state == null ? null : codec.encode(state)));
            }
            return out;
        }

        @Override
        public void close() {
            for (OpenSourcePartition part : parts) {
                part.end();
                try {
                    part.close();
                } catch (Throwable ignored) {
                    // The run already ended or failed; that is what to report.
                }
            }
            parts.clear();
            splits.clear();
        }
    }

    /** A split as its name, index, count, kind and resume-state bytes. */
    private static final class SplitSerializer implements SimpleVersionedSerializer<Split> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Split split) throws IOException {
            return Bytes.of(out -> write(split, out));
        }

        @Override
        public Split deserialize(int version, byte[] serialized) throws IOException {
            return Bytes.from(serialized, SplitSerializer::read);
        }

        static void write(Split split, DataOutputStream out) throws IOException {
            out.writeUTF(split.name());
            out.writeInt(split.index());
            out.writeInt(split.count());
            out.writeBoolean(split.dynamic());
            Bytes.write(split.state(), out);
        }

        static Split read(DataInputStream in) throws IOException {
            return new Split(in.readUTF(), in.readInt(), in.readInt(), in.readBoolean(), Bytes.read(in));
        }
    }

    /** The enumerator's checkpoint: the splits no reader has been given yet. */
    private static final class PendingSerializer implements SimpleVersionedSerializer<List<Split>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<Split> splits) throws IOException {
            return Bytes.of(out -> {
                out.writeInt(splits.size());
                for (Split split : splits) {
                    SplitSerializer.write(split, out);
                }
            });
        }

        @Override
        public List<Split> deserialize(int version, byte[] serialized) throws IOException {
            return Bytes.from(serialized, in -> {
                int n = in.readInt();
                List<Split> splits = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    splits.add(SplitSerializer.read(in));
                }
                return splits;
            });
        }
    }
}
