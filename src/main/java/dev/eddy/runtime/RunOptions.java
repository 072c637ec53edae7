package dev.eddy.runtime;

import dev.eddy.io.WallClock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a flow runs: which clock is "now", how long an epoch lasts, and who hears about state snapshots.
 *
 * <pre>{@code
 * var clock = new TestingClock(Instant.parse("2024-01-01T00:00:00Z"));
 * var flow = new Dataflow("options_eg");
 * var source = TestingSource.withMarkers(Integer.class, 1, List.of(1, TestingSource.pause(Duration.ofSeconds(3)), 2));
 * flow.input("inp", source).inspectDebug("out");
 * Runner.runMain(flow, RunOptions.defaults().withClock(clock).withEpochInterval(Duration.ofSeconds(2)));
 * System.out.println(clock.now());
 * // options_eg.out W0 @1: 1
 * // options_eg.out W0 @2: 2
 * // 2024-01-01T00:00:03Z
 * }</pre>
 *
 * @param clock the system time the run sees
 * @param epochInterval how much system time an epoch spans; snapshots are taken when one closes
 * @param snapshots told of every snapshot taken at an epoch's close
 */
public record RunOptions(WallClock clock, Duration epochInterval, SnapshotListener snapshots) {

    /** Bytewax's default epoch: 10 seconds. */
    public static final Duration DEFAULT_EPOCH_INTERVAL = Duration.ofSeconds(10);

    public RunOptions {
        Objects.requireNonNull(clock, "RunOptions clock can't be null");
        Objects.requireNonNull(epochInterval, "RunOptions epochInterval can't be null");
        Objects.requireNonNull(snapshots, "RunOptions snapshots can't be null; use SnapshotListener.NONE");
        if (epochInterval.isNegative()) {
            throw new IllegalArgumentException("RunOptions epochInterval must not be negative; got "
                    + epochInterval + " instead");
        }
    }

    /** The system clock, 10 s epochs, snapshots ignored. */
    public static RunOptions defaults() {
        return new RunOptions(WallClock.system(), DEFAULT_EPOCH_INTERVAL, SnapshotListener.NONE);
    }

    /** The same options with another clock. */
    public RunOptions withClock(WallClock newClock) {
        return new RunOptions(newClock, epochInterval, snapshots);
    }

    /** The same options with another epoch length. */
    public RunOptions withEpochInterval(Duration newInterval) {
        return new RunOptions(clock, newInterval, snapshots);
    }

    /** The same options, telling {@code listener} of each snapshot. */
    public RunOptions withSnapshots(SnapshotListener listener) {
        return new RunOptions(clock, epochInterval, listener);
    }
}
