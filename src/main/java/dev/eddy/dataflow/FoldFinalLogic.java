package dev.eddy.dataflow;

import java.util.function.BiFunction;
import java.util.function.Consumer;

/** Folds every value of a key into an accumulator and emits it at end of input. */
final class FoldFinalLogic<V, S> implements StatefulLogic<V, S, S> {

    private final BiFunction<S, ? super V, S> folder;
    private S state;

    FoldFinalLogic(BiFunction<S, ? super V, S> folder, S state) {
        this.folder = folder;
        this.state = state;
    }

    @Override
    public boolean onItem(V value, Consumer<? super S> out) {
        state = folder.apply(state, value);
        return RETAIN;
    }

    @Override
    public boolean onEof(Consumer<? super S> out) {
        out.accept(state);
        return DISCARD;
    }

    @Override
    public S snapshot() {
        return state;
    }
}
