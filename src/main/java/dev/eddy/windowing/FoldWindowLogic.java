package dev.eddy.windowing;

import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;

/** Bytewax's {@code _FoldWindowLogic}: folds values into an accumulator, emitted when the window closes. */
final class FoldWindowLogic<V, S> implements WindowLogic<V, S, S> {

    private final BiFunction<S, ? super V, S> folder;
    private final BinaryOperator<S> merger;
    private S state;

    FoldWindowLogic(BiFunction<S, ? super V, S> folder, BinaryOperator<S> merger, S state) {
        this.folder = folder;
        this.merger = merger;
        this.state = state;
    }

    @Override
    public void onValue(V value, Consumer<? super S> out) {
        state = folder.apply(state, value);
    }

    @Override
    public void onMerge(WindowLogic<V, S, S> original, Consumer<? super S> out) {
        state = merger.apply(state, ((FoldWindowLogic<V, S>) original).state);
    }

    @Override
    public void onClose(Consumer<? super S> out) {
        out.accept(state);
    }

    @Override
    public S snapshot() {
        return state;
    }
}
