package dev.eddy.dataflow;

import dev.eddy.io.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gathers a key's values into a list, emitting it when it reaches the size limit, when no value has
 * arrived for the timeout (reset by every value), or at end of input.
 */
final class CollectLogic<V> implements StatefulLogic<V, List<V>, CollectLogic.State<V>> {

    /** The snapshot: the values so far and when they time out. */
    record State<V>(List<V> values, Instant timeoutAt) {
    }

    private final Duration timeout;
    private final int maxSize;
    private List<V> acc;
    private Instant timeoutAt;

    CollectLogic(Duration timeout, int maxSize, State<V> resume) {
        this.timeout = timeout;
        this.maxSize = maxSize;
        this.acc = resume == null ? new ArrayList<>() : new ArrayList<>(resume.values());
        this.timeoutAt = resume == null ? null : resume.timeoutAt();
    }

    @Override
    public boolean onItem(V value, Consumer<? super List<V>> out) {
        Instant now = WallClock.current().now();
        // A timeout past the end of time never fires: end of input or the size limit emits the list.
        timeoutAt = WallClock.plusOrNever(now, timeout);
        acc.add(value);
        if (acc.size() >= maxSize) {
            out.accept(acc);
            return DISCARD;
        }
        return RETAIN;
    }

    @Override
    public boolean onNotify(Consumer<? super List<V>> out) {
        out.accept(acc);
        return DISCARD;
    }

    @Override
    public boolean onEof(Consumer<? super List<V>> out) {
        out.accept(acc);
        return DISCARD;
    }

    @Override
    public Instant notifyAt() {
        return timeoutAt;
    }

    @Override
    public State<V> snapshot() {
        return new State<>(Collections.unmodifiableList(new ArrayList<>(acc)), timeoutAt);
    }
}
