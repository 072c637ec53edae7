package dev.eddy.windowing;

import dev.eddy.dataflow.SerializableFunction;
import dev.eddy.dataflow.SerializableSupplier;
import dev.eddy.dataflow.SerializableToLongFunction;
import dev.eddy.io.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Uses a timestamp carried by each value, as Bytewax's {@code EventClock}. Each key's watermark is
 * {@code max(the previous watermark moved on by the system time since, newest timestamp - wait)}: it
 * never goes back, and it moves with system time while the key is quiet. A value is late when its
 * timestamp is below the watermark after its own update.
 *
 * <pre>{@code
 * record Click(String user, Instant at) {}
 * var t0 = Instant.parse("2024-01-01T00:00:00Z");
 * var flow = new Dataflow("event_eg");
 * var clicks = flow.input("inp", TestingSource.of(new Click("ann", t0), new Click("ann", t0.plusSeconds(12)),
 *         new Click("ann", t0.plusSeconds(3))));
 * var counts = Windowing.countWindow("count", clicks, EventClock.withNoWait(Click::at),
 *         new TumblingWindower(Duration.ofSeconds(10), t0), Click::user);
 * counts.down().inspect("down");
 * counts.late().inspect("late");
 * Runner.runMain(flow);
 * // event_eg.down: (ann, (0, 1))
 * // event_eg.late: (ann, (0, Click[user=ann, at=2024-01-01T00:00:03Z]))
 * // event_eg.down: (ann, (1, 1))
 * }</pre>
 *
 * @param tsGetter reads a value's timestamp; it must not return {@code null}
 * @param waitForSystemDuration how long after a timestamp to wait for older values; zero or more
 *        ({@code Duration.ofSeconds(Long.MAX_VALUE)} waits for end of input)
 * @param nowGetter the system time; {@code null} means the run's clock as of the step's activation
 *        ({@code WallClock.current().stepTime()})
 * @param toSystemUtc turns an event time at which a window closes into the system time to wake at;
 *        {@code null} means identity; it may return {@code null} for "don't wake"
 * @param <V> the values it reads timestamps from
 */
public record EventClock<V>(SerializableFunction<? super V, Instant> tsGetter, Duration waitForSystemDuration,
                            SerializableSupplier<Instant> nowGetter, SerializableFunction<Instant, Instant> toSystemUtc)
        implements Clock<V, EventClockState> {

    public EventClock {
        Objects.requireNonNull(tsGetter, "EventClock tsGetter can't be null");
        Objects.requireNonNull(waitForSystemDuration, "EventClock waitForSystemDuration can't be null");
        if (waitForSystemDuration.isNegative()) {
            throw new IllegalArgumentException("EventClock waitForSystemDuration must be zero or more; got "
                    + waitForSystemDuration + " instead; a negative wait would make every value late");
        }
        if (nowGetter == null) {
            nowGetter = RUN_CLOCK;
        }
        if (toSystemUtc == null) {
            toSystemUtc = SAME_TIME;
        }
    }

    /** The default event-to-system time mapping: the identity, which the logic applies without an Instant. */
    static final SerializableFunction<Instant, Instant> SAME_TIME = Defaults.SAME_TIME;

    /** A clock reading timestamps with {@code tsGetter}, waiting {@code waitForSystemDuration} for late values. */
    public EventClock(SerializableFunction<? super V, Instant> tsGetter, Duration waitForSystemDuration) {
        this(tsGetter, waitForSystemDuration, null, null);
    }

    /** A clock that does not wait: the watermark is the newest timestamp. */
    public static <V> EventClock<V> withNoWait(SerializableFunction<? super V, Instant> tsGetter) {
        return new EventClock<>(tsGetter, Duration.ZERO);
    }

    /** A clock that waits {@code wait} of system time for older values. */
    public static <V> EventClock<V> withWait(SerializableFunction<? super V, Instant> tsGetter, Duration wait) {
        return new EventClock<>(tsGetter, wait);
    }

    /**
     * A clock that reads each value's timestamp as epoch milliseconds and waits {@code wait} of system
     * time for older values. It behaves as {@code withWait(v -> Instant.ofEpochMilli(epochMillis(v)), wait)}
     * but makes no {@link Instant} per value, which matters when values carry primitive times.
     *
     * <pre>{@code
     * record Tick(long atMillis) {}
     * var flow = new Dataflow("millis_eg");
     * var ticks = flow.input("inp", TestingSource.of(new Tick(1_000), new Tick(12_000), new Tick(3_000)));
     * var counts = Windowing.countWindow("count", ticks, EventClock.ofEpochMillis(Tick::atMillis, Duration.ZERO),
     *         new TumblingWindower(Duration.ofSeconds(10), Instant.EPOCH), t -> "all");
     * counts.down().inspect("down");
     * Runner.runMain(flow);
     * // millis_eg.down: (all, (0, 1))
     * // millis_eg.down: (all, (1, 1))
     * }</pre>
     */
    public static <V> EventClock<V> ofEpochMillis(SerializableToLongFunction<? super V> epochMillis, Duration wait) {
        Objects.requireNonNull(epochMillis, "EventClock epochMillis getter can't be null");
        return new EventClock<>(new EpochMillisGetter<V>(epochMillis), wait);
    }

    /** A clock whose watermark never passes a timestamp before end of input, as Bytewax's {@code timedelta.max}. */
    public static <V> EventClock<V> waitingForEof(SerializableFunction<? super V, Instant> tsGetter) {
        return new EventClock<>(tsGetter, Duration.ofSeconds(Long.MAX_VALUE));
    }

    /** This clock with another system-time source. */
    public EventClock<V> withNowGetter(SerializableSupplier<Instant> now) {
        return new EventClock<>(tsGetter, waitForSystemDuration, Objects.requireNonNull(now, "nowGetter can't be null"),
                toSystemUtc);
    }

    /** This clock with another event-to-system time mapping for wake-ups. */
    public EventClock<V> withToSystemUtc(SerializableFunction<Instant, Instant> mapping) {
        return new EventClock<>(tsGetter, waitForSystemDuration, nowGetter,
                Objects.requireNonNull(mapping, "toSystemUtc can't be null"));
    }

    @Override
    public ClockLogic<V, EventClockState> build(EventClockState resumeState) {
        return new EventClockLogic<>(this, resumeState);
    }

    /** The default system time: the run's clock, the one the runtime wakes keys by. */
    static final SerializableSupplier<Instant> RUN_CLOCK = Defaults.RUN_CLOCK;

    /**
     * The defaults as enum constants: the logic tells them apart by identity, and an enum constant is still
     * itself after the clock has been serialized (shipped to a cluster), where a lambda would be a copy.
     */
    private enum Defaults implements SerializableFunction<Instant, Instant>, SerializableSupplier<Instant> {
        SAME_TIME, RUN_CLOCK;

        @Override
        public Instant apply(Instant t) {
            return t;
        }

        @Override
        public Instant get() {
            return WallClock.current().stepTime();
        }
    }

    @Override
    public String toString() {
        return "EventClock(wait=" + waitForSystemDuration + ")";
    }
}
