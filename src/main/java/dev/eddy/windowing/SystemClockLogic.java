package dev.eddy.windowing;

import dev.eddy.io.WallClock;

/** {@link SystemClock}'s per-key logic: the system time read before each batch is timestamp and watermark. */
final class SystemClockLogic<V> implements ClockLogic<V, Void> {

    private long now = Micros.UTC_MIN;

    @Override
    public void beforeBatch() {
        now = Micros.of(WallClock.current().stepTime());
    }

    @Override
    public long onItem(V value) {
        return now;
    }

    @Override
    public long watermark() {
        return now;
    }

    @Override
    public long onNotify() {
        beforeBatch();
        return now;
    }

    @Override
    public long onEof() {
        return Micros.UTC_MAX;
    }

    @Override
    public long toSystemMicros(long timestamp) {
        return timestamp;
    }

    @Override
    public Void snapshot() {
        return null;
    }
}
