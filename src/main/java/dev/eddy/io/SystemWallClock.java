package dev.eddy.io;

import java.time.Duration;
import java.time.Instant;

/** The machine's clock: reads {@link Instant#now()} and really sleeps. */
final class SystemWallClock implements WallClock {
    static final SystemWallClock INSTANCE = new SystemWallClock();

    private SystemWallClock() {
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void sleepUntil(Instant deadline) throws InterruptedException {
        Duration left = WallClock.until(this, deadline);
        if (!left.isZero()) {
            Thread.sleep(Math.max(1, left.toMillis()));
        }
    }

    @Override
    public String toString() {
        return "WallClock.system()";
    }
}
