package dev.eddy.windowing;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@link EventClock}'s per-key logic, Bytewax's {@code _EventClockLogic}, on primitive microseconds. */
final class EventClockLogic<V> implements ClockLogic<V, EventClockState> {

    /** The earliest and latest epoch milliseconds {@link Micros} can hold. */
    private static final long MIN_MILLIS = -Math.floorDiv(-Micros.UTC_MIN, 1000);
    private static final long MAX_MILLIS = Math.floorDiv(Micros.UTC_MAX, 1000);

    private final Function<? super V, Instant> tsGetter;
    /** The getter when it reads epoch milliseconds, else {@code null}. */
    private final EpochMillisGetter<? super V> millisGetter;
    private final Supplier<Instant> nowGetter;
    private final Function<Instant, Instant> toSystemUtc;
    /** Whether {@link #toSystemUtc} is the default identity, so wake-ups need no Instant. */
    private final boolean sameTime;
    private final long wait;
    /** Whether system time is the run's clock, so wake-up times can be given in it. */
    private final boolean runClock;
    private long systemTimeOfMaxEvent;
    private long watermarkBase;
    private long systemNow;
    private long watermark;

    EventClockLogic(EventClock<V> clock, EventClockState resume) {
        this.tsGetter = clock.tsGetter();
        @SuppressWarnings("unchecked")
        EpochMillisGetter<? super V> millis = clock.tsGetter() instanceof EpochMillisGetter<?> m
                ? (EpochMillisGetter<? super V>) m : null;
        this.millisGetter = millis;
        this.nowGetter = clock.nowGetter();
        this.toSystemUtc = clock.toSystemUtc();
        this.sameTime = clock.toSystemUtc() == EventClock.SAME_TIME;
        this.wait = Micros.of(clock.waitForSystemDuration());
        this.runClock = clock.nowGetter() == EventClock.RUN_CLOCK;
        this.systemTimeOfMaxEvent = resume == null ? Micros.UTC_MIN : Micros.of(resume.systemTimeOfMaxEvent());
        this.watermarkBase = resume == null ? Micros.UTC_MIN : Micros.of(resume.watermarkBase());
        this.systemNow = readNow();
        if (systemTimeOfMaxEvent <= Micros.UTC_MIN) {
            systemTimeOfMaxEvent = systemNow;
        }
        this.watermark = current();
    }

    @Override
    public void beforeBatch() {
        long now = readNow();
        if (now > systemNow) {
            systemNow = now;
        }
    }

    @Override
    public long onItem(V value) {
        long ts = millisGetter != null ? millisOf(value) : microsOf(value);
        long wm = current();
        // ts - wait below year 1 is Python's OverflowError: the candidate is skipped.
        if (wait <= ts - Micros.UTC_MIN) {
            long candidate = ts - wait;
            if (candidate > wm) {
                watermarkBase = candidate;
                systemTimeOfMaxEvent = systemNow;
                wm = candidate;
            }
        }
        watermark = wm;
        return ts;
    }

    private long millisOf(V value) {
        long ms = millisGetter.epochMillis(value);
        if (ms < MIN_MILLIS || ms > MAX_MILLIS) {
            throw outOfRange(Instant.ofEpochMilli(ms));
        }
        return ms * 1000;
    }

    private long microsOf(V value) {
        Instant t = tsGetter.apply(value);
        if (t == null) {
            throw new IllegalArgumentException("EventClock timestamp getter must return an Instant; got null instead;"
                    + " every item needs a timestamp");
        }
        if (!Micros.inRange(t)) {
            throw outOfRange(t);
        }
        return Micros.of(t);
    }

    private static IllegalArgumentException outOfRange(Instant t) {
        return new IllegalArgumentException("EventClock timestamp must be between " + Micros.UTC_MIN_INSTANT
                + " and " + Micros.UTC_MAX_INSTANT + "; got " + t + " instead");
    }

    @Override
    public long watermark() {
        return watermark;
    }

    @Override
    public long onNotify() {
        beforeBatch();
        watermark = current();
        return watermark;
    }

    @Override
    public long onEof() {
        return Micros.UTC_MAX;
    }

    @Override
    public long toSystemMicros(long timestamp) {
        long wake;
        if (sameTime) {
            wake = Micros.saturated(timestamp);
        } else {
            Instant system = toSystemUtc.apply(Micros.toInstant(timestamp));
            if (system == null) {
                return Micros.NEVER;
            }
            wake = Micros.of(system);
        }
        if (runClock && watermarkBase > Micros.UTC_MIN) {
            // The watermark moves only with system time until the next value, so it cannot reach timestamp
            // before this instant: a wake-up earlier than it would find nothing to close. Replayed history
            // would otherwise have every key with an open window due at every activation.
            long reached = systemTimeOfMaxEvent + (timestamp - watermarkBase);
            wake = Math.max(wake, Math.min(reached, Micros.UTC_MAX));
        }
        return wake;
    }

    @Override
    public EventClockState snapshot() {
        return new EventClockState(Micros.toInstant(systemTimeOfMaxEvent), Micros.toInstant(watermarkBase));
    }

    private long current() {
        long wm = watermarkBase + (systemNow - systemTimeOfMaxEvent);
        return Math.min(wm, Micros.UTC_MAX);
    }

    private long readNow() {
        Instant now = nowGetter.get();
        if (now == null) {
            throw new IllegalArgumentException("EventClock nowGetter must return an Instant; got null instead");
        }
        return Micros.of(now);
    }
}
