package dev.eddy.runtime;

import dev.eddy.dataflow.AppendingMapper;
import dev.eddy.dataflow.KeyOnMapper;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.RunScoped;
import dev.eddy.dataflow.Step;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** {@code flat_map_batch}: calls the mapper once with everything that arrived this activation. */
final class FlatMapBatchNode extends Node {

    private final Function<List<Object>, ? extends Iterable<?>> mapper;
    /** Set when the one step downstream applies this step's {@link KeyOnMapper} itself: items pass as they are. */
    private boolean keyingDeferred;

    /** Set when several workers share a run-scoped mapper (a cache): they take turns with it. */
    private final boolean shared;

    /** @param severalWorkers whether other workers run the same mapper at the same time */
    FlatMapBatchNode(Step step, Primitive.FlatMapBatch primitive, boolean severalWorkers) {
        super(step);
        this.mapper = primitive.mapper();
        this.shared = severalWorkers && mapper instanceof RunScoped;
        if (mapper instanceof RunScoped scoped) {
            synchronized (mapper) {
                scoped.startRun();
            }
        }
    }

    @Override
    void activate(Activation activation) {
        List<Object> items = drain();
        if (keyingDeferred) {
            passOn(items);
        } else if (!items.isEmpty()) {
            if (shared) {
                synchronized (mapper) {
                    map(items);
                }
            } else {
                map(items);
            }
        }
        done = upsDone();
    }

    private void map(List<Object> items) {
        if (mapper instanceof AppendingMapper appending) {
            List<Object> out = outbox(0);
            if (out instanceof ArrayList<Object> list) {
                // Most per-item mappers give one item or none per item: room for that, not a growth per doubling.
                list.ensureCapacity(list.size() + items.size());
            }
            try {
                appending.mapInto(items, out);
            } finally {
                // On a failure, what the items before the failing one became still goes downstream.
                sendOutbox(0);
            }
            recycle(items);
            return;
        }
        Iterable<?> out = mapper.apply(items);
        if (out instanceof List<?> list) {
            emitAll(0, list);
        } else if (out instanceof Collection<?> collection) {
            emitAll(0, new ArrayList<>(collection));
        } else {
            for (Object item : out) {
                emit(0, item);
            }
        }
    }

    /** This step's key mapper, if it is a {@code key_on} step. */
    KeyOnMapper keyOnMapper() {
        return mapper instanceof KeyOnMapper keyOn ? keyOn : null;
    }

    /** Leaves keying to the stateful step downstream: see {@link Plan#fuseKeyOn}. */
    void deferKeying() {
        keyingDeferred = true;
    }
}
