package dev.eddy.runtime;

import dev.eddy.dataflow.StepException;
import dev.eddy.dataflow.Step;
import dev.eddy.io.DynamicSink;
import dev.eddy.io.FixedPartitionedSink;
import dev.eddy.io.Sink;
import dev.eddy.io.StatefulSinkPartition;
import dev.eddy.io.StatelessSinkPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code output}: writes each activation's items as one batch, routed by key for partitioned sinks. With
 * several workers, each partition of a partitioned sink has a primary worker ({@link Crew#owners}), the
 * only one that builds it, and items go there first; a dynamic sink is built once per worker.
 */
final class OutputNode extends Node {

    private final StatelessSinkPartition<Object> dynamic;
    private final FixedPartitionedSink<Object, Object, Object> fixed;
    private final List<String> partNames;
    /** Per partition of {@link #partNames}, the one built here, or {@code null} where another worker is primary. */
    private final List<StatefulSinkPartition<Object, Object>> parts = new ArrayList<>();
    /** Per partition, its primary worker. */
    private final int[] owners;
    private boolean started;
    private boolean closed;

    /**
     * @param resume each partition's resume state by partition name; empty for a fresh run
     * @param worker this worker, from 0
     * @param workers how many workers run the flow
     */
    @SuppressWarnings("unchecked")
    OutputNode(Step step, Sink<?> sink, Map<Object, Object> resume, int worker, int workers) {
        super(step);
        try {
            if (sink instanceof FixedPartitionedSink<?, ?, ?> partitioned) {
                this.fixed = (FixedPartitionedSink<Object, Object, Object>) partitioned;
                this.dynamic = null;
                this.partNames = fixed.listParts();
                this.owners = Crew.owners(partNames, workers);
                for (int i = 0; i < partNames.size(); i++) {
                    String name = partNames.get(i);
                    parts.add(owners[i] != worker ? null : fixed.buildPart(step.id(), name, resume.get(name)));
                }
            } else {
                this.fixed = null;
                this.partNames = List.of();
                this.owners = new int[0];
                this.dynamic = ((DynamicSink<Object>) sink).build(step.id(), worker, workers);
            }
        } catch (Throwable e) {
            for (StatefulSinkPartition<Object, Object> part : parts) {
                try {
                    if (part != null) {
                        part.close();
                    }
                } catch (Throwable ignored) {
                    // Building another partition failed; that failure is the one to report.
                }
            }
            throw e instanceof StepException named ? named : StepException.withMessage("output step '" + step.id()
                    + "' failed building its sink " + StepException.shorten(sink) + ": " + e, step.id(), null, e);
        }
    }

    @Override
    void activate(Activation activation) {
        if (!started) {
            started = true;
            start();
        }
        List<Object> items = drain();
        if (!items.isEmpty()) {
            try {
                if (dynamic != null) {
                    dynamic.writeBatch(items);
                } else {
                    writeRouted(items);
                }
            } catch (StepException e) {
                throw e;
            } catch (Throwable e) {
                throw new StepException("output", id(), items, e);
            }
        }
        done = upsDone();
    }

    /**
     * Tells every partition of a partitioned sink that the run has started, every step built, with one
     * empty batch: a sink defers destructive setup, such as truncating its file, until then.
     */
    private void start() {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) == null) {
                continue;
            }
            try {
                parts.get(i).writeBatch(List.of());
            } catch (Throwable e) {
                throw StepException.withMessage("output step '" + id() + "' failed starting partition '"
                        + partNames.get(i) + "': " + e, id(), null, e);
            }
        }
    }

    private void writeRouted(List<Object> items) {
        List<List<Object>> byPart = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            byPart.add(new ArrayList<>());
        }
        for (Object item : items) {
            byPart.get(partIndex(item)).add(((Map.Entry<?, ?>) item).getValue());
        }
        for (int i = 0; i < parts.size(); i++) {
            if (!byPart.get(i).isEmpty()) {
                parts.get(i).writeBatch(byPart.get(i));
            }
        }
    }

    /** The index of the partition {@code item} goes to, checked. */
    private int partIndex(Object item) {
        if (!(item instanceof Map.Entry<?, ?> entry)) {
            throw StepException.withMessage("output step '" + id() + "' writes to a partitioned sink, so each"
                    + " item must be a key/value entry such as KV; got " + item.getClass().getName()
                    + " instead; use keyOn first", id(), item, null);
        }
        int index = fixed.partFor(entry.getKey());
        if (index < 0 || index >= parts.size()) {
            throw StepException.withMessage("output step '" + id() + "': partFor must return an index from 0 to "
                    + (parts.size() - 1) + "; got " + index + " instead for key " + entry.getKey(), id(), item, null);
        }
        return index;
    }

    @Override
    boolean exchanges() {
        return fixed != null;
    }

    /** The primary worker of the item's partition; an item the sink can't take stays here, which refuses it. */
    @Override
    int route(Object item, int workers, int self) {
        int index;
        try {
            index = partIndex(item);
        } catch (StepException e) {
            return self;
        }
        return owners[index];
    }

    @Override
    void snapshot(SnapshotListener listener, long epoch) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) != null) {
                listener.onSnapshot(id(), partNames.get(i), epoch, parts.get(i).snapshot());
            }
        }
    }

    @Override
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (dynamic != null) {
            dynamic.close();
        }
        for (StatefulSinkPartition<Object, Object> part : parts) {
            if (part != null) {
                part.close();
            }
        }
    }
}
