package dev.eddy.bench;

/** An item of Bytewax's own windowing benchmarks and of the memory run: a key and an event time in epoch millis. */
public record Tick(long key, long time) {
}
