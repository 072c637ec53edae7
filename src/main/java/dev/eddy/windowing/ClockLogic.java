package dev.eddy.windowing;

/**
 * One key's clock, as Bytewax's {@code ClockLogic}: it gives each value a timestamp and keeps the
 * key's watermark, the time before which no more values are expected. Times are {@link Micros}.
 * The window operator calls {@link #beforeBatch()} once per batch, then {@link #onItem} and
 * {@link #watermark()} per value; a value is late when its timestamp is below the watermark after
 * its own update.
 *
 * <pre>{@code
 * var logic = EventClock.withNoWait((Long ms) -> Instant.ofEpochMilli(ms)).build(null);
 * logic.beforeBatch();
 * logic.onItem(7000L);
 * System.out.println(Micros.toInstant(logic.watermark()) + " " + Micros.toInstant(logic.onEof()));
 * // 1970-01-01T00:00:07Z 9999-12-31T23:59:59.999999Z
 * }</pre>
 *
 * @param <V> the values it reads timestamps from
 * @param <S> its snapshot
 */
public interface ClockLogic<V, S> {

    /** Called once before each batch of the key's values; a clock reads system time here. */
    void beforeBatch();

    /** The value's timestamp; updates the watermark, which {@link #watermark()} then returns. */
    long onItem(V value);

    /** The watermark after the last {@link #onItem}. */
    long watermark();

    /** The watermark when the operator wakes with no new values (system time has moved). */
    long onNotify();

    /** The watermark at end of input; {@link Micros#UTC_MAX} closes every window. */
    long onEof();

    /** The system time at which to wake for event time {@code timestamp}, or {@link Micros#NEVER}. */
    long toSystemMicros(long timestamp);

    /** The state to resume from. */
    S snapshot();
}
