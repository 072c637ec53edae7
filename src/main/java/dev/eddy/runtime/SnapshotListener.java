package dev.eddy.runtime;

/**
 * Hears the state snapshots a run takes when an epoch closes: per stateful step and key, and per
 * source partition. A recovery store plugs in here.
 *
 * <pre>{@code
 * var seen = new ArrayList<String>();
 * SnapshotListener listener = (stepId, key, epoch, state) -> seen.add(stepId + "/" + key + "@" + epoch + "=" + state);
 * }</pre>
 */
@FunctionalInterface
public interface SnapshotListener {

    /** Ignores every snapshot. */
    SnapshotListener NONE = (stepId, key, epoch, state) -> { };

    /**
     * @param stepId the qualified id of the step whose state this is
     * @param key the state key (the stream key, or a source partition's name)
     * @param epoch the epoch that closed
     * @param state the snapshot, or {@code null} when the key's state was discarded after an earlier snapshot (or
     *        the resume) gave it one; a key whose state is made and discarded between two snapshots is not heard
     *        of, since nothing stored for it needs discarding
     */
    void onSnapshot(String stepId, Object key, long epoch, Object state);
}
