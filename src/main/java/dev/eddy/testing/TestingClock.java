package dev.eddy.testing;

import dev.eddy.io.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A system clock that moves only when told to, for deterministic tests of anything that reads system
 * time: collect timeouts, cache lifetimes, system-time windows, paused sources. When the runtime waits
 * for a time, the clock jumps there instead of sleeping. It is Bytewax's {@code TimeTestingGetter}.
 *
 * <pre>{@code
 * var clock = new TestingClock(Instant.parse("2024-01-01T00:00:00Z"));
 * clock.advance(Duration.ofSeconds(2));
 * System.out.println(clock.now());
 * // 2024-01-01T00:00:02Z
 * }</pre>
 */
public final class TestingClock implements WallClock {

    private volatile Instant now;

    /** A clock that reads {@code start} until moved. */
    public TestingClock(Instant start) {
        this.now = Objects.requireNonNull(start, "TestingClock start can't be null");
    }

    /** A clock at {@code start}; shorthand for {@code new TestingClock(start)}. */
    public static TestingClock at(Instant start) {
        return new TestingClock(start);
    }

    @Override
    public Instant now() {
        return now;
    }

    /** Moves the clock forward by {@code by}. */
    public synchronized void advance(Duration by) {
        Objects.requireNonNull(by, "TestingClock.advance duration can't be null");
        if (by.isNegative()) {
            throw new IllegalArgumentException("TestingClock.advance duration must not be negative; got " + by
                    + " instead; use set(time) to move the clock back");
        }
        if (by.compareTo(Duration.between(now, Instant.MAX)) > 0) {
            throw new IllegalArgumentException("TestingClock.advance must keep the clock at or before " + Instant.MAX
                    + "; got " + by + " from " + now + " instead");
        }
        now = now.plus(by);
    }

    /** Sets the clock; it may move backwards, to test code that must cope with that. */
    public synchronized void set(Instant time) {
        now = Objects.requireNonNull(time, "TestingClock time can't be null");
    }

    /** Jumps forward to {@code deadline} at once. */
    @Override
    public synchronized void sleepUntil(Instant deadline) {
        Objects.requireNonNull(deadline, "TestingClock.sleepUntil deadline can't be null");
        if (deadline.isAfter(now)) {
            now = deadline;
        }
    }

    @Override
    public String toString() {
        return "TestingClock(" + now + ")";
    }
}
