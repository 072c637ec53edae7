package dev.eddy.dataflow;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a {@link StatefulLogic} as a {@link StatefulBatchLogic}: one call per value, and when the logic
 * discards itself mid-batch the next value of the batch gets a fresh one.
 */
final class StatefulShim<V, W, S> implements StatefulBatchLogic<V, W, S> {

    private final Function<? super S, ? extends StatefulLogic<V, W, S>> builder;
    private StatefulLogic<V, W, S> logic;

    StatefulShim(Function<? super S, ? extends StatefulLogic<V, W, S>> builder, S resumeState) {
        this.builder = builder;
        this.logic = builder.apply(resumeState);
    }

    @Override
    public boolean onBatch(List<V> values, Consumer<? super W> out) {
        for (V value : values) {
            if (logic == null) {
                logic = builder.apply(null);
            }
            if (logic.onItem(value, out)) {
                logic = null;
            }
        }
        return logic == null;
    }

    /** Each value goes to the per-item logic during the call; the list is not kept. */
    @Override
    public boolean keepsValues() {
        return false;
    }

    @Override
    public boolean onNotify(Consumer<? super W> out) {
        return logic.onNotify(out);
    }

    @Override
    public boolean onEof(Consumer<? super W> out) {
        return logic.onEof(out);
    }

    @Override
    public Instant notifyAt() {
        return logic.notifyAt();
    }

    @Override
    public S snapshot() {
        return logic.snapshot();
    }
}
