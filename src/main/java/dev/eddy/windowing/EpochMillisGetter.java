package dev.eddy.windowing;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A timestamp getter that reads epoch milliseconds. As a {@link Function} it gives the same instants as
 * any other getter; {@link EventClockLogic} recognises it and reads the primitive value instead, so no
 * {@link Instant} is made per item.
 */
final class EpochMillisGetter<V> implements Function<V, Instant> {

    private final ToLongFunction<? super V> millis;

    EpochMillisGetter(ToLongFunction<? super V> millis) {
        this.millis = millis;
    }

    long epochMillis(V value) {
        return millis.applyAsLong(value);
    }

    @Override
    public Instant apply(V value) {
        return Instant.ofEpochMilli(millis.applyAsLong(value));
    }
}
