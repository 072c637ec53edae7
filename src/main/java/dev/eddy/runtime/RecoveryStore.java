package dev.eddy.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Where a run with recovery keeps its snapshots, as Bytewax's recovery partitions do: which executions
 * ran, how far each worker got, and every stateful step's, source's and sink's state per key and
 * epoch. The runtime speaks only to this interface; {@code dev.eddy.recovery} implements it on SQLite,
 * so a run without recovery never loads a database class.
 *
 * <p>One execution's life: {@link #resumeFrom()} says where it starts, {@link #startExecution} records
 * it, {@link #loadSnapshots} hands every step its states from before the resume epoch, and each closed
 * epoch goes in with {@link #writeEpoch}; once every worker has written epoch {@code e},
 * {@link #commit commit(e - backupLag)} lets go of the snapshots no resume can need any more.
 *
 * <pre class="fragment">{@code
 * try (RecoveryStore store = RecoveryStore.open(dir, "my_flow")) {
 *     RecoveryStore.ResumeFrom from = store.resumeFrom();      // e.g. ResumeFrom[execution=1, epoch=7]
 *     store.startExecution(1);
 *     store.loadSnapshots(s -> rebuild(s.stepId(), s.key(), s.state()));
 *     store.writeEpoch(0, 7, List.of(new RecoveryStore.Snapshot("my_flow.count", "a", 7, 3L)));
 *     store.commit(7 - RecoveryStore.epochsPer(epochInterval, backupInterval));
 * }
 * }</pre>
 */
public interface RecoveryStore extends AutoCloseable {

    /**
     * Where an execution starts: its number and the first epoch it runs. Snapshots taken in epochs
     * before {@code epoch} are its starting state.
     *
     * @param execution the execution number, from 0
     * @param epoch the resume epoch, from 1
     */
    record ResumeFrom(long execution, long epoch) {
    }

    /**
     * One key's state at one epoch's close.
     *
     * @param stepId the qualified id of the step (or source, or sink) the state belongs to
     * @param key the state key: a stream key, or a source or sink partition's name
     * @param epoch the epoch that closed
     * @param state the state, or {@code null} when the key's state was discarded
     */
    record Snapshot(String stepId, Object key, long epoch, Object state) {
        public Snapshot {
            Objects.requireNonNull(stepId, "Snapshot stepId can't be null");
            Objects.requireNonNull(key, () -> "Snapshot key in step '" + stepId + "' can't be null");
        }
    }

    /**
     * Opens the store in a directory for a flow; {@code dev.eddy.recovery} provides one through
     * {@link ServiceLoader}, so the runtime can open a store without depending on it.
     */
    @FunctionalInterface
    interface Opener {
        /**
         * The store in {@code dir}, checked and ready, for flow {@code flowId}; states may also be of classes
         * whose names start with one of {@code allowedClassPrefixes} (the user's own, e.g. {@code "com.example."}).
         */
        RecoveryStore open(Path dir, String flowId, List<String> allowedClassPrefixes);
    }

    /**
     * Opens the store in {@code dir} for flow {@code flowId} with the {@link Opener} on the class path
     * (Eddy's SQLite store); see {@code dev.eddy.recovery.Recovery.open} for the checks it makes. States
     * of Eddy's and the JDK's classes always come back; name the packages of your own state classes in
     * {@code allowedClassPrefixes}.
     */
    static RecoveryStore open(Path dir, String flowId, String... allowedClassPrefixes) {
        for (Opener opener : ServiceLoader.load(Opener.class, RecoveryStore.class.getClassLoader())) {
            return opener.open(dir, flowId, List.of(allowedClassPrefixes));
        }
        throw new IllegalStateException("recovery must have a store implementation on the class path; got none"
                + " instead; is dev.eddy.recovery (with sqlite-jdbc) missing from the class path?");
    }

    /** The flow this store belongs to. */
    String flowId();

    /** How many partition files the store has. */
    int partitionCount();

    /** Where the next execution starts; computed when the store was opened. */
    ResumeFrom resumeFrom();

    /**
     * Records that execution {@code resumeFrom().execution()} starts at {@code resumeFrom().epoch()} with
     * {@code workerCount} workers. Call it once, before the first {@link #writeEpoch}.
     */
    void startExecution(int workerCount);

    /**
     * Hands over, for every (step, key), the newest snapshot taken before the resume epoch; keys whose
     * newest snapshot is a discard are left out. Order: by step id, then key, within each partition.
     */
    void loadSnapshots(Consumer<Snapshot> each);

    /**
     * Stores one closed epoch of one worker: its snapshots, then the worker's frontier ({@code epoch + 1}),
     * durably. When it returns, a crash resumes no earlier than {@code epoch + 1} for this worker; a
     * crash inside it resumes as if it had never been called.
     *
     * @param workerIndex the worker, from 0
     * @param epoch the epoch that closed; every snapshot must carry it
     * @param snapshots the keys whose state changed in the epoch (may be empty)
     */
    void writeEpoch(int workerIndex, long epoch, List<Snapshot> snapshots);

    /**
     * Garbage-collects: per (step, key), deletes every snapshot older than the newest one at or before
     * {@code epoch}, and records {@code epoch} as every partition's commit epoch. Call it with the
     * closed epoch minus {@link #epochsPer the backup lag}, once every worker has written that epoch;
     * an epoch below 1 does nothing. The deletion may go on after this returns (the SQLite store does it
     * on its writer thread, so the worker does not wait for it); the next {@link #writeEpoch}, commit,
     * {@link #loadSnapshots} or {@link #close} waits for it and throws its failure. A crash before it finishes loses nothing: a
     * later commit deletes everything superseded up to its own epoch.
     */
    void commit(long epoch);

    /** Waits for a commit still under way, then closes; throws that commit's failure after closing. */
    @Override
    void close();

    /**
     * How many epochs of {@code epochInterval} cover {@code backupInterval}, rounded up, as Bytewax's
     * {@code epochs_per}: the lag of {@link #commit} behind the newest epoch, so partitions backed up
     * independently still share a resume epoch. Zero when the backup interval is zero.
     */
    static long epochsPer(Duration epochInterval, Duration backupInterval) {
        Objects.requireNonNull(epochInterval, "epochInterval can't be null");
        Objects.requireNonNull(backupInterval, "backupInterval can't be null");
        if (backupInterval.isNegative()) {
            throw new IllegalArgumentException("backupInterval must not be negative; got " + backupInterval
                    + " instead");
        }
        if (backupInterval.isZero()) {
            return 0;
        }
        long epochNanos = epochInterval.toNanos();
        if (epochNanos <= 0) {
            // Zero-length epochs: every activation is an epoch, so no number of them spans the interval.
            throw new IllegalArgumentException("epochInterval must be positive when backupInterval is not zero;"
                    + " got " + epochInterval + " instead; use an epoch length or a zero backup interval");
        }
        long backupNanos = backupInterval.toNanos();
        return backupNanos / epochNanos + (backupNanos % epochNanos == 0 ? 0 : 1);
    }
}
