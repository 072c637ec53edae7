package dev.eddy.windowing;

/**
 * Uses the system time as each value's timestamp, as Bytewax's {@code SystemClock}: every value of a
 * batch gets the time read once before the batch, which is also the watermark, so nothing is ever
 * late. System time is the run's clock as of the step's activation ({@code WallClock.current().stepTime()}),
 * so a {@code TestingClock} given to the runner drives it.
 *
 * <pre>{@code
 * var flow = new Dataflow("sys_eg");
 * var keyed = flow.input("inp", TestingSource.of(1, 2, 3)).keyOn("k", x -> "all");
 * var out = Windowing.collectWindow("w", keyed, new SystemClock<>(),
 *         new SessionWindower(Duration.ofSeconds(10)));
 * out.down().inspect("out");
 * Runner.runMain(flow, TestingClock.at(Instant.parse("2024-01-01T00:00:00Z")));
 * // sys_eg.out: (all, (0, [1, 2, 3]))
 * }</pre>
 *
 * @param <V> the values it times
 */
public final class SystemClock<V> implements Clock<V, Void> {

    @Override
    public ClockLogic<V, Void> build(Void resumeState) {
        return new SystemClockLogic<>();
    }

    @Override
    public String toString() {
        return "SystemClock()";
    }
}
