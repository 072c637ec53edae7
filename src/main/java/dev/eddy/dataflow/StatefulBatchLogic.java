package dev.eddy.dataflow;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The per-key logic of a {@code statefulBatch} step, the one stateful primitive every stateful
 * operator is built on. The runtime builds one per key on the key's first item, then calls it with
 * that key's items of each activation, in arrival order; keys are visited in sorted order. Each call
 * returns {@link #DISCARD} to drop the key's state (the next item rebuilds it) or {@link #RETAIN}.
 *
 * <pre>{@code
 * class Count implements StatefulBatchLogic<String, Integer, Integer> {
 *     int n;
 *     public boolean onBatch(List<String> values, Consumer<? super Integer> out) {
 *         n += values.size();
 *         out.accept(n);
 *         return RETAIN;
 *     }
 *     public Integer snapshot() { return n; }
 * }
 * }</pre>
 *
 * @param <V> the values it receives
 * @param <W> the values it emits
 * @param <S> its snapshot
 */
public interface StatefulBatchLogic<V, W, S> {

    /** Returned to keep the key's state. */
    boolean RETAIN = false;

    /** Returned to drop the key's state. */
    boolean DISCARD = true;

    /** Handles the key's items of one activation. */
    boolean onBatch(List<V> values, Consumer<? super W> out);

    /** Called once the system time passes {@link #notifyAt()}. */
    default boolean onNotify(Consumer<? super W> out) {
        return RETAIN;
    }

    /** Called once when every upstream has ended; the last chance to emit. */
    default boolean onEof(Consumer<? super W> out) {
        return RETAIN;
    }

    /** The system time at which to call {@link #onNotify}, or {@code null} for never. */
    default Instant notifyAt() {
        return null;
    }

    /**
     * Whether this logic may hold on to a {@code values} list after {@link #onBatch} returns. One that
     * reads the values during the call, or copies what it keeps, returns {@code false}; the runtime may
     * then reuse the list for another key, so a step with many keys allocates no list per key and batch.
     */
    default boolean keepsValues() {
        return true;
    }

    /** The state to rebuild this logic from; the builder receives it as its resume state. */
    S snapshot();
}
