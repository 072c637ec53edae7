package dev.eddy.dataflow;

import java.util.function.BiFunction;
import java.util.function.Consumer;

/** Calls a mapper with the key's state and each value; a {@code null} new state discards the state. */
final class StatefulFlatMapLogic<V, W, S> implements StatefulLogic<V, W, S> {

    private final String stepId;
    private final BiFunction<? super S, ? super V, ? extends Mapped<? extends S, ? extends Iterable<? extends W>>> mapper;
    private S state;

    StatefulFlatMapLogic(String stepId,
                         BiFunction<? super S, ? super V, ? extends Mapped<? extends S, ? extends Iterable<? extends W>>> mapper,
                         S state) {
        this.stepId = stepId;
        this.mapper = mapper;
        this.state = state;
    }

    @Override
    public boolean onItem(V value, Consumer<? super W> out) {
        Mapped<? extends S, ? extends Iterable<? extends W>> result = mapper.apply(state, value);
        if (result == null) {
            throw StepException.withMessage("mapper in step '" + stepId + "' must return a Mapped(state, value);"
                    + " got null instead; return Mapped.discard(value) to drop the state", stepId, value, null);
        }
        if (result.value() == null) {
            throw StepException.withMessage("mapper in step '" + stepId + "' must return Mapped(state, values)"
                    + " with an Iterable of values; got null values instead; use List.of() to emit nothing",
                    stepId, value, null);
        }
        result.value().forEach(out);
        if (result.state() == null) {
            return DISCARD;
        }
        state = result.state();
        return RETAIN;
    }

    @Override
    public S snapshot() {
        return state;
    }
}
