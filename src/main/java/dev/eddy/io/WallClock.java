package dev.eddy.io;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The system time a run sees. Everything that reads "now" (collect timeouts, cache TTLs, system-time
 * windows, a source's next awake time) asks {@link #current()}, and the runtime decides which clock
 * answers, so a test can swap in a clock it moves by hand.
 *
 * <pre>{@code
 * Instant now = WallClock.current().now();   // the real UTC time outside a run
 * }</pre>
 */
public interface WallClock {

    /** The current time according to this clock. */
    Instant now();

    /**
     * Waits until this clock reads at least {@code deadline}. The system clock sleeps; a testing
     * clock jumps forward, so a paused source costs a test no real time.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleepUntil(Instant deadline) throws InterruptedException;

    /**
     * The time to use for work that belongs to one moment of a run: while a stateful step handles one
     * activation's keys, the runtime answers with the time it read once when the step started, so every
     * key sees the same system time and none pays a clock read. Elsewhere, {@link #now()}. Windowing's
     * clocks read this.
     */
    default Instant stepTime() {
        return now();
    }

    /** The machine's UTC clock. */
    static WallClock system() {
        return SystemWallClock.INSTANCE;
    }

    /** The clock of the run on this thread, or {@link #system()} outside a run. */
    static WallClock current() {
        WallClock clock = CurrentClock.HOLDER.get();
        return clock == null ? system() : clock;
    }

    /** Runs {@code body} with {@code clock} as {@link #current()} on this thread. */
    static <T> T using(WallClock clock, Supplier<T> body) {
        Objects.requireNonNull(clock, "clock can't be null");
        WallClock previous = CurrentClock.HOLDER.get();
        CurrentClock.HOLDER.set(clock);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                CurrentClock.HOLDER.remove();
            } else {
                CurrentClock.HOLDER.set(previous);
            }
        }
    }

    /**
     * {@code t + d}, or {@link Instant#MAX} when that would pass it, so a wait too long to add to a time means
     * "never" instead of overflowing; {@code d} is not negative.
     */
    static Instant plusOrNever(Instant t, Duration d) {
        return d.compareTo(Duration.between(t, Instant.MAX)) >= 0 ? Instant.MAX : t.plus(d);
    }

    /** The time left until {@code deadline} by {@code clock}, never negative. */
    static Duration until(WallClock clock, Instant deadline) {
        Duration left = Duration.between(clock.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
