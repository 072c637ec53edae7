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
    private final String stepId;
    private StatefulLogic<V, W, S> logic;

    StatefulShim(Function<? super S, ? extends StatefulLogic<V, W, S>> builder, S resumeState, String stepId) {
        this.builder = builder;
        this.stepId = stepId;
        this.logic = build(resumeState);
    }

    /** A logic from the user's builder; its failures and a {@code null} name the {@code stateful} step. */
    private StatefulLogic<V, W, S> build(S resumeState) {
        StatefulLogic<V, W, S> built;
        try {
            built = builder.apply(resumeState);
        } catch (StepException e) {
            throw e;
        } catch (Throwable e) {
            throw StepException.withMessage("builder in stateful step '" + stepId + "' failed: " + e, stepId,
                    resumeState, e);
        }
        if (built == null) {
            throw StepException.withMessage("builder in stateful step '" + stepId + "' must return a StatefulLogic;"
                    + " got null instead", stepId, resumeState, null);
        }
        return built;
    }

    @Override
    public boolean onBatch(List<V> values, Consumer<? super W> out) {
        for (V value : values) {
            if (logic == null) {
                logic = build(null);
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
