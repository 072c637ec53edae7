package dev.eddy.flink;

import dev.eddy.recovery.SnapshotCodec;
import java.util.List;

/**
 * How a Flink run writes Eddy states into its checkpoints: keyed logic snapshots, source partitions' resume
 * states (split state) and sink partitions' resume states (writer state) all go through the recovery store's
 * {@link SnapshotCodec}, so a state that resumes a local run resumes a Flink run, with the same allow-list of
 * classes a restore may load.
 */
final class StateCodec {

    /** What to do when a state of the user's own class can't be restored. */
    static final String HINT = "; on Flink, allow a state class's package with"
            + " FlinkRunner.withCheckpoints(interval, \"com.example.\")";

    private StateCodec() {
    }

    static SnapshotCodec of(List<String> statePackages) {
        return statePackages.isEmpty() ? SnapshotCodec.standard()
                : SnapshotCodec.standard().allowing(statePackages.toArray(String[]::new));
    }
}
