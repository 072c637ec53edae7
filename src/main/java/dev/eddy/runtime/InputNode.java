package dev.eddy.runtime;

import dev.eddy.dataflow.StepException;
import dev.eddy.dataflow.Step;
import dev.eddy.io.AbortExecution;
import dev.eddy.io.DynamicSource;
import dev.eddy.io.EndOfInput;
import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.io.Source;
import dev.eddy.io.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code input}: polls each partition once per activation, no earlier than its next awake time. With
 * several workers, a partitioned source's partitions are dealt over the workers by sorted name
 * ({@link Crew#owners}), and a dynamic source is built once per worker with its index and count.
 */
final class InputNode extends Node {

    /** How long a partition that returned nothing, and named no awake time, rests: Bytewax's cooldown. */
    private static final Duration COOLDOWN = Duration.ofMillis(1);

    private final List<OpenSourcePartition> partitions = new ArrayList<>();

    /**
     * @param resume each partition's resume state by partition name; empty for a fresh run
     * @param worker this worker, from 0
     * @param workers how many workers run the flow
     */
    @SuppressWarnings("unchecked")
    InputNode(Step step, Source<?> source, Map<Object, Object> resume, int worker, int workers) {
        super(step);
        try {
            if (source instanceof FixedPartitionedSource<?, ?> fixed) {
                FixedPartitionedSource<?, Object> typed = (FixedPartitionedSource<?, Object>) fixed;
                List<String> names = fixed.listParts();
                int[] owners = workers == 1 ? null : Crew.owners(names, workers);
                for (int i = 0; i < names.size(); i++) {
                    String part = names.get(i);
                    if (owners == null || owners[i] == worker) {
                        partitions.add(OpenSourcePartition.of(part, typed.buildPart(step.id(), part, resume.get(part))));
                    }
                }
            } else {
                DynamicSource<?> dynamic = (DynamicSource<?>) source;
                partitions.add(OpenSourcePartition.of("worker_" + worker, dynamic.build(step.id(), worker, workers)));
            }
        } catch (Throwable e) {
            for (OpenSourcePartition part : partitions) {
                try {
                    part.close();
                } catch (Throwable ignored) {
                    // Building another partition failed; that failure is the one to report.
                }
            }
            throw e instanceof StepException named ? named : StepException.withMessage("input step '" + id()
                    + "' failed building its source " + StepException.shorten(source) + ": " + e, id(), null, e);
        }
    }

    @Override
    void activate(Activation activation) {
        for (OpenSourcePartition part : partitions) {
            if (part.ended()) {
                continue;
            }
            if (part.awake() != null && part.awake().isAfter(activation.now)) {
                continue;
            }
            List<?> batch;
            try {
                batch = part.nextBatch();
            } catch (EndOfInput end) {
                part.end();
                closePart(part);
                activation.progress = true;
                continue;
            } catch (AbortExecution abort) {
                activation.aborted = true;
                return;
            } catch (StepException e) {
                throw e;
            } catch (Throwable e) {
                throw StepException.withMessage("input step '" + id() + "' failed reading partition '" + part.name()
                        + "': " + e, id(), part.name(), e);
            }
            if (batch == null) {
                throw StepException.withMessage("input step '" + id() + "': partition '" + part.name()
                        + "' must return a list from nextBatch; got null instead; throw EndOfInput to end it",
                        id(), part.name(), null);
            }
            if (!batch.isEmpty()) {
                emitAll(0, batch);
                activation.progress = true;
            }
            try {
                part.awakeAt(part.nextAwake());
            } catch (Throwable e) {
                throw StepException.withMessage("input step '" + id() + "' failed asking partition '" + part.name()
                        + "' for its next awake time: " + e, id(), part.name(), e);
            }
            if (part.awake() == null && batch.isEmpty()) {
                part.awakeAt(WallClock.plusOrNever(activation.now, COOLDOWN));
            }
        }
        done = allEnded();
    }

    private boolean allEnded() {
        for (OpenSourcePartition part : partitions) {
            if (!part.ended()) {
                return false;
            }
        }
        return true;
    }

    private void closePart(OpenSourcePartition part) {
        try {
            part.close();
        } catch (StepException e) {
            throw e;
        } catch (Throwable e) {
            throw StepException.withMessage("input step '" + id() + "' failed closing partition '" + part.name()
                    + "': " + e, id(), part.name(), e);
        }
    }

    @Override
    Instant nextWake() {
        Instant earliest = null;
        for (OpenSourcePartition part : partitions) {
            if (!part.ended()) {
                if (part.awake() == null) {
                    return Instant.MIN;
                }
                if (earliest == null || part.awake().isBefore(earliest)) {
                    earliest = part.awake();
                }
            }
        }
        return earliest;
    }

    @Override
    void snapshot(SnapshotListener listener, long epoch) {
        for (OpenSourcePartition part : partitions) {
            if (part.stateful() != null) {
                listener.onSnapshot(id(), part.name(), epoch, part.stateful().snapshot());
            }
        }
    }

    @Override
    void close() {
        for (OpenSourcePartition part : partitions) {
            if (!part.ended()) {
                part.end();
                closePart(part);
            }
        }
    }
}
