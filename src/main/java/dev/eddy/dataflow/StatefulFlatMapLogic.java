package dev.eddy.dataflow;

import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The logic of {@code statefulMap} and {@code statefulFlatMap}: calls the mapper with the key's state
 * and each value, emits what it returns (one value, or each of an Iterable), and discards the state
 * when the new state is {@code null}.
 */
final class StatefulFlatMapLogic<V, W, S> implements StatefulLogic<V, W, S> {

    private final String operator;
    private final String stepId;
    private final BiFunction<? super S, ? super V, ? extends Mapped<? extends S, ?>> mapper;
    private final boolean many;
    private S state;

    private StatefulFlatMapLogic(String operator, String stepId,
                                 BiFunction<? super S, ? super V, ? extends Mapped<? extends S, ?>> mapper,
                                 boolean many, S state) {
        this.operator = operator;
        this.stepId = stepId;
        this.mapper = mapper;
        this.many = many;
        this.state = state;
    }

    /** Emits the mapper's value as it is. */
    static <V, W, S> StatefulFlatMapLogic<V, W, S> one(
            String operator, String stepId,
            BiFunction<? super S, ? super V, ? extends Mapped<? extends S, ? extends W>> mapper, S state) {
        return new StatefulFlatMapLogic<>(operator, stepId, mapper, false, state);
    }

    /** Emits each element of the mapper's Iterable value. */
    static <V, W, S> StatefulFlatMapLogic<V, W, S> many(
            String operator, String stepId,
            BiFunction<? super S, ? super V, ? extends Mapped<? extends S, ? extends Iterable<? extends W>>> mapper,
            S state) {
        return new StatefulFlatMapLogic<>(operator, stepId, mapper, true, state);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean onItem(V value, Consumer<? super W> out) {
        Mapped<? extends S, ?> result;
        try {
            result = mapper.apply(state, value);
        } catch (StepException e) {
            throw e;
        } catch (Throwable e) {
            throw new StepException(operator, stepId, value, e);
        }
        if (result == null) {
            throw StepException.withMessage("mapper in " + operator + " step '" + stepId + "' must return a"
                    + " Mapped(state, " + (many ? "values" : "value") + "); got null instead for value "
                    + StepException.shorten(value) + "; return Mapped.discard(...) to drop the state",
                    stepId, value, null);
        }
        if (!many) {
            out.accept((W) result.value());
        } else if (result.value() instanceof Iterable<?> values) {
            for (Object w : values) {
                out.accept((W) w);
            }
        } else {
            throw StepException.withMessage("mapper in " + operator + " step '" + stepId + "' must return"
                    + " Mapped(state, values) with an Iterable of values; got null values instead for value "
                    + StepException.shorten(value) + "; use List.of() to emit nothing", stepId, value, null);
        }
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
