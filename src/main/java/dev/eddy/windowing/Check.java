package dev.eddy.windowing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Argument checks for windowers and clocks, each naming the parameter it checks. */
final class Check {

    /** The longest window length, offset or gap accepted: far longer than the span of representable times. */
    static final Duration LONGEST = Duration.ofDays(3_652_500);

    private Check() {
    }

    static Duration duration(Duration d, String name, boolean zeroAllowed, String hint) {
        Objects.requireNonNull(d, () -> name + " can't be null");
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "zero or more" : "positive")
                    + "; got " + d + " instead" + (hint == null ? "" : "; " + hint));
        }
        if (d.getNano() % 1000 != 0) {
            // Bytewax's times are whole microseconds; a part of one would be cut off, to 0 for less than one.
            throw new IllegalArgumentException(name + " must be a whole number of microseconds; got " + d
                    + " instead");
        }
        if (d.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(name + " must be at most 10,000 years (" + LONGEST + "); got " + d
                    + " instead");
        }
        return d;
    }

    static Instant instant(Instant t, String name) {
        Objects.requireNonNull(t, () -> name + " can't be null");
        if (!Micros.inRange(t)) {
            throw new IllegalArgumentException(name + " must be between " + Micros.UTC_MIN_INSTANT + " and "
                    + Micros.UTC_MAX_INSTANT + "; got " + t + " instead");
        }
        return t;
    }
}
