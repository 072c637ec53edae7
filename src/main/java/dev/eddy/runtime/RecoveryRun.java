package dev.eddy.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's side of its recovery store: the states it resumes from, per step and key, and the snapshots
 * of the epoch being closed, written to the store in one call when the epoch's last node has given its
 * own.
 */
final class RecoveryRun {

    final RecoveryStore store;
    final RecoveryStore.ResumeFrom resumeFrom;
    /** How many epochs GC lags behind the newest one: the backup interval in epochs. */
    private final long lag;
    /** Per step id, each key's state when the resume epoch began. */
    private final Map<String, Map<Object, Object>> states = new HashMap<>();
    private int loaded;
    private final List<RecoveryStore.Snapshot> epochSnapshots = new ArrayList<>();

    RecoveryRun(RecoveryStore store, long lag) {
        this.store = store;
        this.lag = lag;
        this.resumeFrom = store.resumeFrom();
    }

    /** Records the execution, run by {@code workers} workers, and loads every step's states from before the resume epoch. */
    void start(int workers) {
        store.startExecution(workers);
        store.loadSnapshots(s -> {
            states.computeIfAbsent(s.stepId(), id -> new HashMap<>()).put(s.key(), s.state());
            loaded++;
        });
    }

    /** How many (step, key) states the run resumes with. */
    int loadedStates() {
        return loaded;
    }

    /** How many steps the run resumes states of. */
    int loadedSteps() {
        return states.size();
    }

    /** The step's states by key; empty when it has none. The run takes them: they are not kept here. */
    Map<Object, Object> take(String stepId) {
        Map<Object, Object> of = states.remove(stepId);
        return of == null ? Map.of() : of;
    }

    /**
     * The step's states by key, left here for the other workers, each of which picks its own keys; empty
     * when it has none. {@link #release} lets go of them once every worker is wired.
     */
    Map<Object, Object> peek(String stepId) {
        Map<Object, Object> of = states.get(stepId);
        return of == null ? Map.of() : of;
    }

    /** Lets go of the resume states once every worker took its own. */
    void release() {
        states.clear();
    }

    /** Hears each node's snapshots for the epoch being closed, passing them on to {@code also}. */
    SnapshotListener collector(SnapshotListener also) {
        if (also == SnapshotListener.NONE) {
            return (stepId, key, epoch, state) -> epochSnapshots.add(new RecoveryStore.Snapshot(stepId, key, epoch, state));
        }
        return (stepId, key, epoch, state) -> {
            epochSnapshots.add(new RecoveryStore.Snapshot(stepId, key, epoch, state));
            also.onSnapshot(stepId, key, epoch, state);
        };
    }

    /** Stores the closed epoch's snapshots and the frontier after it, then lets go of what no resume needs. */
    void writeEpoch(long epoch) {
        try {
            write(0, epoch, epochSnapshots);
        } finally {
            epochSnapshots.clear();
        }
        commit(epoch);
    }

    /** Stores one worker's snapshots of a closed epoch and its frontier after it. */
    void write(int worker, long epoch, List<RecoveryStore.Snapshot> snapshots) {
        store.writeEpoch(worker, epoch, snapshots);
    }

    /** Lets go of what no resume needs once every worker has written {@code epoch}: GC lags by the backup interval. */
    void commit(long epoch) {
        store.commit(epoch - lag);
    }

    /** Forgets a half-collected epoch whose snapshot failed. */
    void dropEpoch() {
        epochSnapshots.clear();
    }
}
