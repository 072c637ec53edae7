package dev.eddy.windowing;

import java.time.Duration;
import java.time.Instant;

/**
 * Times as Bytewax holds them, in whole microseconds since 1970-01-01T00:00:00Z, packed in a
 * {@code long}: what clocks and windowers compute with inside, so the hot path does arithmetic, not
 * allocation. The range is Bytewax's: {@link #UTC_MIN} (year 1) to {@link #UTC_MAX} (year 9999).
 *
 * <pre>{@code
 * long t = Micros.of(Instant.parse("2024-01-01T00:00:01.5Z"));
 * System.out.println(t + " " + Micros.toInstant(t) + " " + Micros.of(Duration.ofMillis(3)));
 * // 1704067201500000 2024-01-01T00:00:01.500Z 3000
 * }</pre>
 */
public final class Micros {

    /** 0001-01-01T00:00:00Z, Bytewax's {@code UTC_MIN}: the watermark of a fresh event clock. */
    public static final long UTC_MIN = -62_135_596_800_000_000L;

    /** 9999-12-31T23:59:59.999999Z, Bytewax's {@code UTC_MAX}: every clock's watermark at end of input. */
    public static final long UTC_MAX = 253_402_300_799_999_999L;

    /** "No time": what {@code notifyAt} and {@code toSystemMicros} return for "don't wake". */
    public static final long NEVER = Long.MAX_VALUE;

    /** {@link #UTC_MIN} as an instant. */
    public static final Instant UTC_MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");

    /** {@link #UTC_MAX} as an instant. */
    public static final Instant UTC_MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final long PER_SECOND = 1_000_000L;

    private Micros() {
    }

    /** Whether {@code t} lies between years 1 and 9999, the times Bytewax can represent. */
    public static boolean inRange(Instant t) {
        return !t.isBefore(UTC_MIN_INSTANT) && !t.isAfter(UTC_MAX_INSTANT);
    }

    /** {@code t} in microseconds, rounded down; saturates far outside years 1 to 9999. */
    public static long of(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds > Long.MAX_VALUE / PER_SECOND - 1) {
            return Long.MAX_VALUE - 1;
        }
        if (seconds < Long.MIN_VALUE / PER_SECOND + 1) {
            return Long.MIN_VALUE + 1;
        }
        return seconds * PER_SECOND + t.getNano() / 1000;
    }

    /** What {@code of(toInstant(micros))} returns, without making the {@link Instant}: saturated as {@link #of(Instant)} is. */
    static long saturated(long micros) {
        long seconds = Math.floorDiv(micros, PER_SECOND);
        if (seconds > Long.MAX_VALUE / PER_SECOND - 1) {
            return Long.MAX_VALUE - 1;
        }
        if (seconds < Long.MIN_VALUE / PER_SECOND + 1) {
            return Long.MIN_VALUE + 1;
        }
        return micros;
    }

    /** {@code d} in microseconds, rounded down; saturates beyond about 292,000 years. */
    public static long of(Duration d) {
        long seconds = d.getSeconds();
        if (seconds > Long.MAX_VALUE / PER_SECOND - 1) {
            return Long.MAX_VALUE;
        }
        if (seconds < Long.MIN_VALUE / PER_SECOND + 1) {
            return Long.MIN_VALUE;
        }
        return seconds * PER_SECOND + d.getNano() / 1000;
    }

    /** The instant {@code micros} microseconds after the epoch. */
    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1000L);
    }

    /** The duration of {@code micros} microseconds. */
    public static Duration toDuration(long micros) {
        return Duration.ofSeconds(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1000L);
    }
}
