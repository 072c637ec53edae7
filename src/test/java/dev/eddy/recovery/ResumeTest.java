package dev.eddy.recovery;

import static dev.eddy.recovery.Stores.loaded;
import static dev.eddy.recovery.Stores.snap;
import static dev.eddy.recovery.Stores.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.runtime.RecoveryStore;
import dev.eddy.runtime.RecoveryStore.ResumeFrom;
import dev.eddy.windowing.EventClockState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where an execution resumes, as Bytewax's {@code resume_from} computes it, over executions and workers. */
class ResumeTest {

    @TempDir
    Path dir;

    private RecoveryStore open() {
        return Recovery.open(dir, "flow");
    }

    // Bytewax's resume_from_only_parts
    @Test
    void aNewStoreResumesAtExecutionZeroEpochOne() {
        Recovery.initDbDir(dir, 1);
        try (var store = open()) {
            assertThat(store.resumeFrom()).isEqualTo(new ResumeFrom(0, 1));
        }
    }

    // Bytewax's resume_from_all_explict_fronts: fronts 13, 12, 13 -> the slowest worker's 12
    @Test
    void resumeIsTheSlowestWorkersFrontierOfTheLastExecution() throws Exception {
        Recovery.initDbDir(dir, 1);
        sql(dir.resolve("part-0.sqlite3"),
                "INSERT INTO exs (ex_num, worker_count, resume_epoch) VALUES (1, 3, 11)",
                "INSERT INTO fronts (ex_num, worker_index, worker_frontier) VALUES (1, 0, 13), (1, 1, 12), (1, 2, 13)",
                "INSERT INTO commits (part_index, commit_epoch) VALUES (0, 12)");
        try (var store = open()) {
            assertThat(store.resumeFrom()).isEqualTo(new ResumeFrom(2, 12));
        }
    }

    // Bytewax's resume_from_default_fronts: worker 1 wrote no frontier, so it is still at the resume epoch 11
    @Test
    void aWorkerThatWroteNoFrontierHoldsResumeAtItsExecutionsResumeEpoch() throws Exception {
        Recovery.initDbDir(dir, 1);
        sql(dir.resolve("part-0.sqlite3"),
                "INSERT INTO exs (ex_num, worker_count, resume_epoch) VALUES (1, 3, 11)",
                "INSERT INTO fronts (ex_num, worker_index, worker_frontier) VALUES (1, 0, 13), (1, 2, 13)",
                "INSERT INTO commits (part_index, commit_epoch) VALUES (0, 11)");
        try (var store = open()) {
            assertThat(store.resumeFrom()).isEqualTo(new ResumeFrom(2, 11));
        }
    }

    // Bytewax's resume_from_inconsistent_error: commits at 12 but the resume epoch is 11
    @Test
    void partitionsGarbageCollectedPastTheResumeEpochAreInconsistent() throws Exception {
        Recovery.initDbDir(dir, 2);
        sql(dir.resolve("part-0.sqlite3"),
                "INSERT INTO exs (ex_num, worker_count, resume_epoch) VALUES (1, 3, 11)",
                "INSERT INTO fronts (ex_num, worker_index, worker_frontier) VALUES (1, 0, 13), (1, 2, 13)",
                "INSERT INTO commits (part_index, commit_epoch) VALUES (0, 12)");
        sql(dir.resolve("part-1.sqlite3"), "INSERT INTO commits (part_index, commit_epoch) VALUES (1, 12)");
        assertThatThrownBy(this::open)
                .isInstanceOf(InconsistentPartitionsException.class)
                .hasMessageContaining("must be recent enough to resume from epoch 11 without data loss")
                .hasMessageContaining("do you have a newer backup");
    }

    @Test
    void onlyTheLastExecutionsFrontiersCount() throws Exception {
        Recovery.initDbDir(dir, 3);
        sql(dir.resolve("part-0.sqlite3"),
                "INSERT INTO exs (ex_num, worker_count, resume_epoch) VALUES (0, 2, 1)",
                "INSERT INTO fronts (ex_num, worker_index, worker_frontier) VALUES (0, 0, 40), (0, 1, 41)");
        sql(dir.resolve("part-2.sqlite3"),
                "INSERT INTO exs (ex_num, worker_count, resume_epoch) VALUES (1, 1, 40)",
                "INSERT INTO fronts (ex_num, worker_index, worker_frontier) VALUES (1, 0, 45)");
        try (var store = open()) {
            assertThat(store.resumeFrom()).isEqualTo(new ResumeFrom(2, 45));
        }
    }

    @Test
    void executionsWrittenThroughTheStoreResumeAfterTheLastEpochEveryWorkerWrote() {
        Recovery.initDbDir(dir, 4);
        try (var store = open()) {
            store.startExecution(2);
            store.writeEpoch(0, 1, List.of(snap("flow.count", "a", 1, 1L)));
            store.writeEpoch(1, 1, List.of(snap("flow.count", "b", 1, 1L)));
            store.writeEpoch(0, 2, List.of(snap("flow.count", "a", 2, 2L)));
            // worker 1 crashes before writing epoch 2
        }
        try (var store = open()) {
            assertThat(store.resumeFrom()).isEqualTo(new ResumeFrom(1, 2));
            assertThat(loaded(store)).containsExactly(snap("flow.count", "a", 1, 1L), snap("flow.count", "b", 1, 1L));
            store.startExecution(3);          // rescaled to three workers
            for (int w = 0; w < 3; w++) {
                store.writeEpoch(w, 2, List.of());
            }
            store.writeEpoch(0, 3, List.of());
            store.writeEpoch(2, 3, List.of());
        }
        try (var store = open()) {
            // worker 1 of execution 1 is at frontier 3; execution 0's 2 and 3 no longer count
            assertThat(store.resumeFrom()).isEqualTo(new ResumeFrom(2, 3));
        }
    }

    @Test
    void anExecutionThatWroteNothingResumesWhereItStarted() {
        Recovery.initDbDir(dir, 2);
        try (var store = open()) {
            store.startExecution(1);
            store.writeEpoch(0, 1, List.of());
            store.writeEpoch(0, 2, List.of());
        }
        try (var store = open()) {
            assertThat(store.resumeFrom()).isEqualTo(new ResumeFrom(1, 3));
            store.startExecution(1);      // crashes in its first epoch
        }
        try (var store = open()) {
            assertThat(store.resumeFrom()).isEqualTo(new ResumeFrom(2, 3));
        }
    }

    @Test
    void theResumeStateIsTheNewestSnapshotBeforeTheResumeEpochAndDiscardsAreGone() {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        Recovery.initDbDir(dir, 3);
        try (var store = open()) {
            store.startExecution(1);
            store.writeEpoch(0, 1, List.of(snap("f.win", "a", 1, new EventClockState(t0, t0)),
                    snap("f.win", "b", 1, new EventClockState(t0, t0)), snap("f.inp", "part_0", 1, 3)));
            store.writeEpoch(0, 2, List.of(snap("f.win", "a", 2, new EventClockState(t0.plusSeconds(2), t0)),
                    snap("f.win", "b", 2, null), snap("f.inp", "part_0", 2, 7)));
        }
        try (var store = open()) {
            assertThat(store.resumeFrom().epoch()).isEqualTo(3);
            assertThat(loaded(store)).containsExactly(snap("f.inp", "part_0", 2, 7),
                    snap("f.win", "a", 2, new EventClockState(t0.plusSeconds(2), t0)));
        }
    }

    @Test
    void eachKeyOfEachStepLoadsItsNewestRowAmongOlderOnesAndDiscards() {
        // No commit, so no GC: the partition keeps every row, and keys of two steps share their texts.
        Recovery.initDbDir(dir, 1);
        try (var store = open()) {
            store.startExecution(1);
            store.writeEpoch(0, 1, List.of(snap("f.s1", "a", 1, 11L), snap("f.s1", "b", 1, 12L),
                    snap("f.s1", "c", 1, 13L), snap("f.s2", "a", 1, 21L)));
            store.writeEpoch(0, 2, List.of(snap("f.s1", "a", 2, null), snap("f.s1", "b", 2, 32L),
                    snap("f.s2", "a", 2, 42L)));
            store.writeEpoch(0, 3, List.of(snap("f.s1", "a", 3, 53L), snap("f.s1", "c", 3, null)));
        }
        try (var store = open()) {
            assertThat(store.resumeFrom().epoch()).isEqualTo(4);
            assertThat(loaded(store)).containsExactly(snap("f.s1", "a", 3, 53L), snap("f.s1", "b", 2, 32L),
                    snap("f.s2", "a", 2, 42L));
        }
    }

    @Test
    void snapshotsOfAnUnfinishedEpochAreNotLoaded() throws Exception {
        Recovery.initDbDir(dir, 1);
        try (var store = open()) {
            store.startExecution(1);
            store.writeEpoch(0, 1, List.of(snap("f.s", "k", 1, 1L)));
        }
        // a crash after some partition took epoch 2's snapshots but before the frontier moved
        sql(dir.resolve("part-0.sqlite3"), "INSERT INTO snaps (step_id, state_key, snap_epoch, ser_change)"
                + " VALUES ('f.s', '\"k\"', 2, CAST('[\"java.lang.Long\",2]' AS BLOB))");
        try (var store = open()) {
            assertThat(store.resumeFrom()).isEqualTo(new ResumeFrom(1, 2));
            assertThat(loaded(store)).containsExactly(snap("f.s", "k", 1, 1L));
        }
    }

    @Test
    void writingAnEpochBeforeTheResumeEpochIsRefused() {
        Recovery.initDbDir(dir, 1);
        try (var store = open()) {
            store.startExecution(1);
            store.writeEpoch(0, 4, List.of());
        }
        try (var store = open()) {
            store.startExecution(1);
            assertThatThrownBy(() -> store.writeEpoch(0, 4, List.of()))
                    .hasMessage("epoch written by execution 1 must be at least its resume epoch 5; got 4 instead");
            assertThatThrownBy(() -> store.writeEpoch(0, 5, List.of(snap("f.s", "k", 6, 1L))))
                    .hasMessage("snapshot of step 'f.s' key k must be of epoch 5; got epoch 6 instead");
        }
    }

    @Test
    void writingBeforeStartingTheExecutionIsRefused() {
        Recovery.initDbDir(dir, 1);
        try (var store = open()) {
            assertThatThrownBy(() -> store.writeEpoch(0, 1, List.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must come after startExecution");
        }
    }

    @Test
    void backupLagCountsEpochsRoundedUpAsBytewaxDoes() {
        assertThat(RecoveryStore.epochsPer(Duration.ofSeconds(5), Duration.ofSeconds(12))).isEqualTo(3);
        assertThat(RecoveryStore.epochsPer(Duration.ofSeconds(5), Duration.ofSeconds(10))).isEqualTo(2);
        assertThat(RecoveryStore.epochsPer(Duration.ofSeconds(5), Duration.ZERO)).isZero();
        assertThat(RecoveryStore.epochsPer(Duration.ZERO, Duration.ZERO)).isZero();
        assertThatThrownBy(() -> RecoveryStore.epochsPer(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageStartingWith("epochInterval must be positive when backupInterval is not zero");
    }
}
