package dev.eddy.flink;

import dev.eddy.io.WallClock;
import java.time.Instant;
import java.util.function.LongSupplier;

/** Flink's processing time as Eddy's system time, so timers and {@code notifyAt} agree and tests can script it. */
final class ProcessingTimeClock implements WallClock {

    private final LongSupplier millis;

    ProcessingTimeClock(LongSupplier millis) {
        this.millis = millis;
    }

    @Override
    public Instant now() {
        return Instant.ofEpochMilli(millis.getAsLong());
    }

    @Override
    public void sleepUntil(Instant deadline) throws InterruptedException {
        long left = deadline.toEpochMilli() - millis.getAsLong();
        if (left > 0) {
            Thread.sleep(left);
        }
    }

    /** The millisecond at or after {@code t}: a timer set there fires no earlier than {@code t}. */
    static long ceilMillis(Instant t) {
        long ms = t.toEpochMilli();
        return Instant.ofEpochMilli(ms).isBefore(t) ? ms + 1 : ms;
    }
}
