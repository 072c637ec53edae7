package dev.eddy.runtime;

import dev.eddy.io.WallClock;
import java.time.Instant;

/**
 * The clock a worker installs as {@link WallClock#current()}: the run's clock, plus the time a stateful
 * step read when it started, which {@link #stepTime()} returns until the step is done. Reading the
 * system clock once per step instead of once per key is a clock read less per key and batch.
 */
final class RunClock implements WallClock {

    private final WallClock base;
    private Instant held;

    RunClock(WallClock base) {
        this.base = base;
    }

    @Override
    public Instant now() {
        return base.now();
    }

    @Override
    public void sleepUntil(Instant deadline) throws InterruptedException {
        base.sleepUntil(deadline);
    }

    @Override
    public Instant stepTime() {
        Instant time = held;
        return time != null ? time : base.now();
    }

    /** Reads the time once; {@link #stepTime()} returns it until {@link #release()}. */
    void hold() {
        held = base.now();
    }

    void release() {
        held = null;
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
