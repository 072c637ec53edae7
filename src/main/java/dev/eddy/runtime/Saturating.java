package dev.eddy.runtime;

import java.time.Duration;
import java.time.Instant;

/** Time arithmetic that stops at {@link Instant#MAX} instead of overflowing: "never" stays "never". */
final class Saturating {

    private Saturating() {
    }

    /** {@code t + d}, or {@link Instant#MAX} when that is past it; {@code d} is not negative. */
    static Instant plus(Instant t, Duration d) {
        Duration room = Duration.between(t, Instant.MAX);
        return d.compareTo(room) >= 0 ? Instant.MAX : t.plus(d);
    }
}
