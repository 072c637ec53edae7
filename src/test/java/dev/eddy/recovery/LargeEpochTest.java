package dev.eddy.recovery;

import static dev.eddy.recovery.Stores.loaded;
import static dev.eddy.recovery.Stores.query;
import static dev.eddy.recovery.Stores.snap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.runtime.RecoveryStore;
import dev.eddy.runtime.RecoveryStore.ResumeFrom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An epoch of many keys is encoded on the caller's thread while the store's writer thread inserts what is
 * encoded; its commits keep the order of a small epoch's, and a failure anywhere leaves none of it behind.
 */
class LargeEpochTest {

    private static final int KEYS = 5_000;

    @TempDir
    Path dir;

    private static List<RecoveryStore.Snapshot> epoch(long epoch, int keys) {
        List<RecoveryStore.Snapshot> snaps = new ArrayList<>(keys);
        for (int k = 0; k < keys; k++) {
            snaps.add(snap("f.count", "user_" + k, epoch, epoch * 1_000_000L + k));
        }
        return snaps;
    }

    private Optional<Thread> writerThread() {
        String name = "eddy-recovery-writer " + dir;
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst();
    }

    @Test
    void aLargeEpochIsInsertedByTheStoresWriterThreadWhichEndsWithTheStore() throws Exception {
        Recovery.initDbDir(dir, 2);
        Thread writer;
        try (var store = Recovery.open(dir, "f")) {
            store.startExecution(1);
            store.writeEpoch(0, 1, epoch(1, 10));
            assertThat(writerThread()).as("a small epoch is written on the caller's thread").isEmpty();
            store.writeEpoch(0, 2, epoch(2, KEYS));
            writer = writerThread().orElseThrow(() -> new AssertionError("no recovery writer thread"));
            assertThat(writer.isDaemon()).isTrue();
        }
        writer.join(30_000);
        assertThat(writer.isAlive()).as("the writer thread after close").isFalse();
        try (var store = Recovery.open(dir, "f")) {
            assertThat(store.resumeFrom()).isEqualTo(new ResumeFrom(1, 3));
            assertThat(loaded(store)).hasSize(KEYS).allMatch(s -> s.epoch() == 2
                    && s.state().equals(2_000_000L + Long.parseLong(s.key().toString().substring(5))));
        }
        long rows = 0;
        for (int i = 0; i < 2; i++) {
            rows += ((Number) query(dir.resolve("part-" + i + ".sqlite3"),
                    "SELECT COUNT(*) FROM snaps WHERE snap_epoch = 2").get(0).get(0)).longValue();
        }
        assertThat(rows).isEqualTo(KEYS);
    }

    @Test
    void aStateThatCantBeWrittenLateInALargeEpochLeavesNoneOfTheEpochInAnyPartition() throws Exception {
        Recovery.initDbDir(dir, 2);
        try (var store = Recovery.open(dir, "f")) {
            store.startExecution(1);
            store.writeEpoch(0, 1, epoch(1, 3));
            List<RecoveryStore.Snapshot> snaps = epoch(2, KEYS);
            // far past the first chunks, which the writer has inserted (not committed) by then
            snaps.set(KEYS - 10, snap("f.count", "bad", 2, new StoreErrorsTest.NoCreator(1)));
            assertThatThrownBy(() -> store.writeEpoch(0, 2, snaps))
                    .hasMessageStartingWith("snapshot of step 'f.count' key bad at epoch 2: snapshot state must come"
                            + " back from its bytes");
            // the store is still usable: the same epoch written again whole
            store.writeEpoch(0, 2, epoch(2, 4));
        }
        for (int i = 0; i < 2; i++) {
            assertThat(query(dir.resolve("part-" + i + ".sqlite3"),
                    "SELECT COUNT(*) FROM snaps WHERE snap_epoch = 2 AND state_key NOT IN"
                            + " ('\"user_0\"', '\"user_1\"', '\"user_2\"', '\"user_3\"')"))
                    .containsExactly(List.of(0));
        }
        try (var store = Recovery.open(dir, "f")) {
            assertThat(store.resumeFrom()).isEqualTo(new ResumeFrom(1, 3));
            assertThat(loaded(store)).containsExactly(snap("f.count", "user_0", 2, 2_000_000L),
                    snap("f.count", "user_1", 2, 2_000_001L), snap("f.count", "user_2", 2, 2_000_002L),
                    snap("f.count", "user_3", 2, 2_000_003L));
        }
    }

    @Test
    void aStopDuringALargeEpochStillWritesItWholeAndKeepsTheInterrupt() throws Exception {
        Recovery.initDbDir(dir, 1);
        try (var store = Recovery.open(dir, "f")) {
            store.startExecution(1);
            Thread.currentThread().interrupt();
            try {
                store.writeEpoch(0, 1, epoch(1, KEYS));
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
        try (var store = Recovery.open(dir, "f")) {
            assertThat(store.resumeFrom()).isEqualTo(new ResumeFrom(1, 2));
            assertThat(loaded(store)).hasSize(KEYS);
        }
    }
}
