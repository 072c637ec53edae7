package dev.eddy.windowing;

import java.util.function.Consumer;

/**
 * What one window of one key does with its values, as Bytewax's {@code WindowLogic}: the
 * {@link Windowing#window} operator builds one per window and labels everything it emits with the
 * window's id on the {@code down} stream.
 *
 * <pre>{@code
 * class Sum implements WindowLogic<Integer, Integer, Integer> {
 *     int sum;
 *     public void onValue(Integer v, Consumer<? super Integer> out) { sum += v; }
 *     public void onMerge(WindowLogic<Integer, Integer, Integer> original, Consumer<? super Integer> out) {
 *         sum += ((Sum) original).sum;
 *     }
 *     public void onClose(Consumer<? super Integer> out) { out.accept(sum); }
 *     public Integer snapshot() { return sum; }
 * }
 * }</pre>
 *
 * @param <V> the values it receives
 * @param <W> the values it emits
 * @param <S> its snapshot
 */
public interface WindowLogic<V, W, S> {

    /** A value of this window arrived. */
    void onValue(V value, Consumer<? super W> out);

    /** Window {@code original} merged into this one (sessions only); it is dropped afterwards. */
    void onMerge(WindowLogic<V, W, S> original, Consumer<? super W> out);

    /** This window closed; emit what it holds. */
    void onClose(Consumer<? super W> out);

    /** The state to resume from; the builder receives it. */
    S snapshot();
}
