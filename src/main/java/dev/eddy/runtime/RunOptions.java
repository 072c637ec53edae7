package dev.eddy.runtime;

import dev.eddy.io.WallClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a flow runs: which clock is "now", how long an epoch lasts, who hears about state snapshots, and
 * where they are stored for recovery.
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
 * @param recovery where snapshots are stored so a later run resumes, or {@code null} for no recovery
 */
public record RunOptions(WallClock clock, Duration epochInterval, SnapshotListener snapshots,
        RecoveryConfig recovery) {

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
        if (recovery != null) {
            // Fails now, not at the first epoch's close, when the two intervals can't be combined.
            RecoveryStore.epochsPer(epochInterval, recovery.backupInterval());
        }
    }

    /** Options without recovery. */
    public RunOptions(WallClock clock, Duration epochInterval, SnapshotListener snapshots) {
        this(clock, epochInterval, snapshots, null);
    }

    /** The system clock, 10 s epochs, snapshots ignored. */
    public static RunOptions defaults() {
        return new RunOptions(WallClock.system(), DEFAULT_EPOCH_INTERVAL, SnapshotListener.NONE, null);
    }

    /** The same options with another clock. */
    public RunOptions withClock(WallClock newClock) {
        return new RunOptions(newClock, epochInterval, snapshots, recovery);
    }

    /** The same options with another epoch length. */
    public RunOptions withEpochInterval(Duration newInterval) {
        return new RunOptions(clock, newInterval, snapshots, recovery);
    }

    /** The same options, telling {@code listener} of each snapshot. */
    public RunOptions withSnapshots(SnapshotListener listener) {
        return new RunOptions(clock, epochInterval, listener, recovery);
    }

    /**
     * The same options, keeping snapshots in the recovery store in {@code dir} (made beforehand with
     * {@code Recovery.initDbDir}), as Bytewax's {@code recovery_config}: when the store holds an earlier
     * execution of the flow, the run resumes from the last epoch it finished, and prints so to standard
     * error. The epoch interval is the snapshot interval. Snapshots are kept for {@code backupInterval}
     * after a newer one is written. Abort, stop, failure and crash alike leave the epoch under way
     * unwritten: it is replayed on resume.
     *
     * @param allowedClassPrefixes packages of your own state classes, such as {@code "com.example."}
     */
    public RunOptions withRecovery(Path dir, Duration backupInterval, String... allowedClassPrefixes) {
        return new RunOptions(clock, epochInterval, snapshots,
                new RecoveryConfig(dir, backupInterval, List.of(allowedClassPrefixes)));
    }

    /** The same options without recovery. */
    public RunOptions withoutRecovery() {
        return new RunOptions(clock, epochInterval, snapshots, null);
    }
}
