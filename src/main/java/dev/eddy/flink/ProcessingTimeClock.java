package dev.eddy.flink;

import dev.eddy.io.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Eddy's system time inside a Flink task: Flink's processing time, so timers and {@code notifyAt} agree and tests
 * can script it, or an instant the job holds still. Either way a wait lasts real time, as a source's does.
 */
final class ProcessingTimeClock implements WallClock {

    private final Supplier<Instant> now;

    private ProcessingTimeClock(Supplier<Instant> now) {
        this.now = now;
    }

    /** Flink's processing time, in milliseconds from {@code millis}. */
    static ProcessingTimeClock of(LongSupplier millis) {
        return new ProcessingTimeClock(() -> Instant.ofEpochMilli(millis.getAsLong()));
    }

    /** A time that does not move: what a run on a clock nobody moves sees. */
    static ProcessingTimeClock heldAt(Instant at) {
        return new ProcessingTimeClock(() -> at);
    }

    @Override
    public Instant now() {
        return now.get();
    }

    @Override
    public void sleepUntil(Instant deadline) throws InterruptedException {
        long left = Duration.between(now(), deadline).toMillis();
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
