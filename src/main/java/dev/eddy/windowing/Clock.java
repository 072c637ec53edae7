package dev.eddy.windowing;

/**
 * A definition of time for a windowing operator, as Bytewax's {@code Clock}: it builds one
 * {@link ClockLogic} per key, so every key has its own watermark. The built-in clocks are
 * {@link SystemClock} and {@link EventClock}.
 *
 * <pre>{@code
 * var clock = EventClock.withNoWait((Long ms) -> Instant.ofEpochMilli(ms));
 * var logic = clock.build(null);
 * logic.beforeBatch();
 * System.out.println(Micros.toInstant(logic.onItem(5000L)) + " " + Micros.toInstant(logic.watermark()));
 * // 1970-01-01T00:00:05Z 1970-01-01T00:00:05Z
 * }</pre>
 *
 * @param <V> the values it reads timestamps from
 * @param <S> the state its logic snapshots
 */
@FunctionalInterface
public interface Clock<V, S> extends java.io.Serializable {

    /** A fresh logic for one key ({@code resumeState == null}) or one resumed from a snapshot. */
    ClockLogic<V, S> build(S resumeState);
}
