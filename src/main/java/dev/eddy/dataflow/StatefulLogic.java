package dev.eddy.dataflow;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * The per-key logic of a {@code stateful} step: like {@link StatefulBatchLogic}, one item at a time.
 *
 * <pre>{@code
 * class Dedupe implements StatefulLogic<String, String, Boolean> {
 *     public boolean onItem(String value, Consumer<? super String> out) {
 *         out.accept(value);        // only the first value of each key gets here
 *         return RETAIN;
 *     }
 *     public Boolean snapshot() { return true; }
 * }
 * }</pre>
 *
 * @param <V> the values it receives
 * @param <W> the values it emits
 * @param <S> its snapshot
 */
public interface StatefulLogic<V, W, S> {

    /** Returned to keep the key's state. */
    boolean RETAIN = false;

    /** Returned to drop the key's state. */
    boolean DISCARD = true;

    /** Handles one value of the key. */
    boolean onItem(V value, Consumer<? super W> out);

    /** Called once the system time passes {@link #notifyAt()}. */
    default boolean onNotify(Consumer<? super W> out) {
        return RETAIN;
    }

    /** Called once at end of input. */
    default boolean onEof(Consumer<? super W> out) {
        return RETAIN;
    }

    /** When to call {@link #onNotify}, or {@code null} for never. */
    default Instant notifyAt() {
        return null;
    }

    /** The state to rebuild this logic from. */
    S snapshot();
}
