package dev.eddy.runtime;

import dev.eddy.io.WallClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a flow runs: which clock is "now", how long an epoch lasts, who hears about state snapshots,
 * where they are stored for recovery, and how many workers run it.
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
 * @param workers how many worker threads run the flow, each every step (Bytewax's {@code -w}); 1 by default
 */
public record RunOptions(WallClock clock, Duration epochInterval, SnapshotListener snapshots,
        RecoveryConfig recovery, int workers) {

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
        if (workers < 1) {
            throw new IllegalArgumentException("RunOptions workers must be at least 1; got " + workers + " instead");
        }
        if (recovery != null) {
            // Fails now, not at the first epoch's close, when the two intervals can't be combined.
            RecoveryStore.epochsPer(epochInterval, recovery.backupInterval());
        }
    }

    /** Options on one worker. */
    public RunOptions(WallClock clock, Duration epochInterval, SnapshotListener snapshots, RecoveryConfig recovery) {
        this(clock, epochInterval, snapshots, recovery, 1);
    }

    /** Options on one worker, without recovery. */
    public RunOptions(WallClock clock, Duration epochInterval, SnapshotListener snapshots) {
        this(clock, epochInterval, snapshots, null, 1);
    }

    /** The system clock, 10 s epochs, snapshots ignored, one worker. */
    public static RunOptions defaults() {
        return new RunOptions(WallClock.system(), DEFAULT_EPOCH_INTERVAL, SnapshotListener.NONE, null, 1);
    }

    /** The same options with another clock. */
    public RunOptions withClock(WallClock newClock) {
        return new RunOptions(newClock, epochInterval, snapshots, recovery, workers);
    }

    /** The same options with another epoch length. */
    public RunOptions withEpochInterval(Duration newInterval) {
        return new RunOptions(clock, newInterval, snapshots, recovery, workers);
    }

    /** The same options, telling {@code listener} of each snapshot. */
    public RunOptions withSnapshots(SnapshotListener listener) {
        return new RunOptions(clock, epochInterval, listener, recovery, workers);
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
                new RecoveryConfig(dir, backupInterval, List.of(allowedClassPrefixes)), workers);
    }

    /** The same options without recovery. */
    public RunOptions withoutRecovery() {
        return new RunOptions(clock, epochInterval, snapshots, null, workers);
    }

    /**
     * The same options on {@code count} workers, as Bytewax's {@code -w}: threads that each run every
     * step. Each source partition is read by one worker (sorted names dealt round-robin), a dynamic source
     * is built once per worker, a stateful step's keys are each owned by one worker (a stable hash of the
     * key), {@code redistribute} spreads items, and a partitioned sink's partitions are each written by one.
     * Within a key, items keep the order one upstream worker produced them in; across keys and workers,
     * no order is kept. Snapshots and resume work across workers, and a run may resume with another count.
     *
     * <pre>{@code
     * var seen = new ArrayList<KV<String, Integer>>();
     * var flow = new Dataflow("workers_eg");
     * flow.input("inp", TestingSource.of("a", "b", "a", "c")).keyOn("self", x -> x)
     *     .statefulMap("count", (Integer n, String x) -> Mapped.of(n == null ? 1 : n + 1, n == null ? 1 : n + 1))
     *     .output("out", new TestingSink<>(seen));
     * Runner.runMain(flow, RunOptions.defaults().withWorkers(3));
     * System.out.println(seen.stream().map(Object::toString).sorted().toList());
     * // [(a, 1), (a, 2), (b, 1), (c, 1)]
     * }</pre>
     *
     * @throws IllegalArgumentException when {@code count} is below 1
     */
    public RunOptions withWorkers(int count) {
        return new RunOptions(clock, epochInterval, snapshots, recovery, count);
    }
}
