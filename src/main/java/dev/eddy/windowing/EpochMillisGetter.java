package dev.eddy.windowing;

import java.time.Instant;
import dev.eddy.dataflow.SerializableFunction;
import dev.eddy.dataflow.SerializableToLongFunction;

/**
 * A timestamp getter that reads epoch milliseconds. As a {@link Function} it gives the same instants as
 * any other getter; {@link EventClockLogic} recognises it and reads the primitive value instead, so no
 * {@link Instant} is made per item.
 */
final class EpochMillisGetter<V> implements SerializableFunction<V, Instant> {

    private final SerializableToLongFunction<? super V> millis;

    EpochMillisGetter(SerializableToLongFunction<? super V> millis) {
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
