package dev.eddy.recovery;

import static dev.eddy.recovery.Stores.loaded;
import static dev.eddy.recovery.Stores.query;
import static dev.eddy.recovery.Stores.snap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.runtime.RecoveryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the files hold: Bytewax's tables, readable with plain JDBC and the sqlite3 tool; routing; GC. */
class StoreFilesTest {

    @TempDir
    Path dir;

    private Path part(int i) {
        return dir.resolve("part-" + i + ".sqlite3");
    }

    @Test
    void initMakesBytewaxsTablesStrictInWalModeWithAFormatVersion() throws Exception {
        Recovery.initDbDir(dir, 2);
        assertThat(query(part(1), "SELECT name, strict FROM pragma_table_list WHERE schema = 'main'"
                + " AND name NOT LIKE 'sqlite_%' ORDER BY name")).containsExactly(
                List.of("commits", 1), List.of("exs", 1), List.of("fronts", 1), List.of("meta", 1),
                List.of("parts", 1), List.of("snaps", 1));
        assertThat(query(part(1), "PRAGMA journal_mode")).containsExactly(List.of("wal"));
        assertThat(query(part(1), "SELECT name, value FROM meta ORDER BY name"))
                .containsExactly(List.of("created_by", "eddy"), List.of("format_version", "1"));
        assertThat(query(part(1), "SELECT part_index, part_count FROM parts")).containsExactly(List.of(1, 2));
        assertThat(query(part(1), "SELECT name, pk FROM pragma_table_info('snaps') ORDER BY cid")).containsExactly(
                List.of("created_at", 0), List.of("step_id", 1), List.of("state_key", 2), List.of("snap_epoch", 3),
                List.of("ser_change", 0));
        assertThat(query(part(0), "PRAGMA application_id")).containsExactly(List.of(0x45646479));
    }

    @Test
    void aStoreIsReadableWithPlainJdbc() throws Exception {
        Recovery.initDbDir(dir, 1);
        try (var store = Recovery.open(dir, "clicks")) {
            store.startExecution(1);
            store.writeEpoch(0, 1, List.of(snap("clicks.count", "user_1", 1, 3L), snap("clicks.count", 7, 1, null)));
        }
        assertThat(query(part(0), "SELECT step_id, state_key, snap_epoch, CAST(ser_change AS TEXT) FROM snaps"
                + " ORDER BY state_key")).containsExactly(
                List.of("clicks.count", "\"user_1\"", 1, "[\"java.lang.Long\",3]"),
                Arrays.asList("clicks.count", "7", 1, null));
        assertThat(query(part(0), "SELECT ex_num, worker_count, resume_epoch FROM exs")).containsExactly(List.of(0, 1, 1));
        assertThat(query(part(0), "SELECT ex_num, worker_index, worker_frontier FROM fronts"))
                .containsExactly(List.of(0, 0, 2));
        assertThat(query(part(0), "SELECT value FROM meta WHERE name = 'flow_id'")).containsExactly(List.of("clicks"));
    }

    @Test
    void snapshotsOfTheEpochsADeadExecutionWroteBeyondTheResumeEpochAreDroppedNotResumedFromLater() {
        // Execution 0: worker 0 got through epochs 1 and 2, worker 1 only through epoch 1, then the run died.
        // The run resumes from epoch 2, so worker 0's epoch-2 snapshot of "k" belongs to a future that never
        // happened. Execution 1 never touches "k"; a later resume must give k's epoch-1 state, not the orphan's.
        Recovery.initDbDir(dir, 2);
        try (var store = Recovery.open(dir, "f")) {
            store.startExecution(2);
            store.writeEpoch(0, 1, List.of(snap("f.s", "k", 1, "after epoch 1")));
            store.writeEpoch(1, 1, List.of());
            store.writeEpoch(0, 2, List.of(snap("f.s", "k", 2, "orphan of epoch 2")));
        }
        try (var store = Recovery.open(dir, "f")) {
            assertThat(store.resumeFrom().epoch()).isEqualTo(2);
            store.startExecution(2);
            for (int w = 0; w < 2; w++) {
                store.writeEpoch(w, 2, List.of());
                store.writeEpoch(w, 3, List.of());
            }
        }
        try (var store = Recovery.open(dir, "f")) {
            assertThat(store.resumeFrom().epoch()).isEqualTo(4);
            assertThat(loaded(store)).containsExactly(snap("f.s", "k", 1, "after epoch 1"));
        }
    }

    @Test
    void aStoreIsReadableWithTheSqlite3Tool() throws Exception {
        assumeTrue(onPath("sqlite3"), "the sqlite3 command line tool is not installed");
        Recovery.initDbDir(dir, 1);
        try (var store = Recovery.open(dir, "clicks")) {
            store.startExecution(1);
            store.writeEpoch(0, 1, List.of(snap("clicks.count", "user_1", 1, 3L)));
        }
        Process p = new ProcessBuilder("sqlite3", part(0).toString(),
                "SELECT step_id, state_key, snap_epoch, CAST(ser_change AS TEXT) FROM snaps;"
                        + " SELECT value FROM meta WHERE name = 'format_version';")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("clicks.count|\"user_1\"|1|[\"java.lang.Long\",3]\n1\n");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    @Test
    void snapshotsSpreadOverPartitionsByAStableHashOfStepAndKey() throws Exception {
        Recovery.initDbDir(dir, 4);
        List<RecoveryStore.Snapshot> snaps = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            snaps.add(snap("f.s", "k" + i, 1, (long) i));
        }
        try (var store = Recovery.open(dir, "f")) {
            store.startExecution(1);
            store.writeEpoch(0, 1, snaps);
        }
        SnapshotCodec codec = SnapshotCodec.standard();
        for (int p = 0; p < 4; p++) {
            List<List<Object>> rows = query(part(p), "SELECT state_key FROM snaps");
            assertThat(rows.size()).isBetween(60, 140);
            for (List<Object> row : rows) {
                assertThat(StableHash.partition(4, "f.s", (String) row.get(0))).isEqualTo(p);
            }
        }
        assertThat(codec.encodeKey("k1")).isEqualTo("\"k1\"");
        try (var store = Recovery.open(dir, "f")) {
            assertThat(loaded(store)).hasSize(400);
        }
    }

    @Test
    void theHashIsFixedByTheFormatNotByTheJvm() {
        // These values are part of format 1: a change here moves snapshots between partitions.
        assertThat(StableHash.of("f.s", "\"k\"")).isEqualTo(-3075531243100647520L);
        assertThat(StableHash.partition(4, "f.s", "\"k\"")).isEqualTo(0);
        assertThat(StableHash.of("f.s", "\"k\"")).isNotEqualTo(StableHash.of("f.s\"k\""));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            seen.add(StableHash.partition(7, "step", Integer.toString(i)));
        }
        assertThat(seen).hasSize(7);
    }

    @Test
    void commitKeepsOnlyTheNewestSnapshotAtOrBeforeItsEpochPerKey() throws Exception {
        // Bytewax's gc_leaves_only_final_snap, and the keys it must not touch
        Recovery.initDbDir(dir, 1);
        try (var store = Recovery.open(dir, "f")) {
            store.startExecution(1);
            store.writeEpoch(0, 1, List.of(snap("f.s", "a", 1, 1L), snap("f.s", "b", 1, 1L)));
            store.writeEpoch(0, 2, List.of(snap("f.s", "a", 2, 2L)));
            store.writeEpoch(0, 3, List.of());
            store.writeEpoch(0, 4, List.of(snap("f.s", "a", 4, 4L), snap("f.s", "c", 4, null)));
            store.writeEpoch(0, 5, List.of(snap("f.s", "a", 5, 5L), snap("f.s", "c", 5, 5L)));
            store.commit(4);
        }
        assertThat(query(part(0), "SELECT state_key, snap_epoch FROM snaps ORDER BY state_key, snap_epoch"))
                .containsExactly(List.of("\"a\"", 4), List.of("\"a\"", 5), List.of("\"b\"", 1), List.of("\"c\"", 4),
                        List.of("\"c\"", 5));
        assertThat(query(part(0), "SELECT part_index, commit_epoch FROM commits")).containsExactly(List.of(0, 4));
        try (var store = Recovery.open(dir, "f")) {
            assertThat(loaded(store)).containsExactly(snap("f.s", "a", 5, 5L), snap("f.s", "b", 1, 1L),
                    snap("f.s", "c", 5, 5L));
        }
    }

    @Test
    void commitCollectsOnTheWriterThreadSoTheCallerDoesNotWaitForALockedPartition() throws Exception {
        // Another connection holds the write lock: a commit done on the caller's thread would wait out the busy
        // timeout and then fail. Here it returns, and the collection runs once the lock goes.
        Recovery.initDbDir(dir, 1);
        try (var store = Recovery.open(dir, "f")) {
            store.startExecution(1);
            store.writeEpoch(0, 1, List.of(snap("f.s", "a", 1, 1L)));
            store.writeEpoch(0, 2, List.of(snap("f.s", "a", 2, 2L)));
            try (var holder = Stores.jdbc(part(0)); var st = holder.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
                store.commit(2);
                st.execute("COMMIT");
            }
            store.writeEpoch(0, 3, List.of(snap("f.s", "b", 3, 3L)));
        }
        assertThat(query(part(0), "SELECT state_key, snap_epoch FROM snaps ORDER BY state_key, snap_epoch"))
                .containsExactly(List.of("\"a\"", 2), List.of("\"b\"", 3));
        assertThat(query(part(0), "SELECT commit_epoch FROM commits")).containsExactly(List.of(2));
    }

    @Test
    void aCollectionThatFailsIsThrownByTheNextCallNamingThePartition() throws Exception {
        Recovery.initDbDir(dir, 1);
        var store = Recovery.open(dir, "f");
        store.startExecution(1);
        store.writeEpoch(0, 1, List.of(snap("f.s", "a", 1, 1L)));
        try (var holder = Stores.jdbc(part(0)); var st = holder.createStatement()) {
            st.execute("BEGIN EXCLUSIVE");
            store.commit(1);
            // The collection waits out the busy timeout, fails, and the store still closes its files.
            assertThatThrownBy(store::close).isInstanceOf(RecoveryException.class)
                    .hasMessageContaining(part(0).toString()).hasMessageContaining("must commit epoch 1")
                    .hasMessageContaining("SQLITE_BUSY");
            st.execute("ROLLBACK");
        }
        assertThat(query(part(0), "SELECT COUNT(*) FROM commits")).containsExactly(List.of(0));
        try (var again = Recovery.open(dir, "f")) {
            assertThat(loaded(again)).containsExactly(snap("f.s", "a", 1, 1L));
        }
    }

    @Test
    void aNewPartitionHas32KiBPagesSoAnEpochOfManyKeysSplitsFewPages() throws Exception {
        // A 4 KiB page holds about nine snapshots of a window operator; 32 KiB pages halve the insert's CPU time
        // (SnapshotThroughput).
        Recovery.initDbDir(dir, 2);
        for (int i = 0; i < 2; i++) {
            assertThat(query(part(i), "PRAGMA page_size")).containsExactly(List.of(32768));
        }
    }

    @Test
    void anOpenPartitionKeepsUpTo32MiBOfPagesSoAnEpochsWriteDoesNotSpillMidTransaction() throws Exception {
        Recovery.initDbDir(dir, 1);
        try (Partition p = Partition.open(part(0))) {
            assertThat(p.pragma("cache_size")).isEqualTo(-32768L);
            assertThat(p.pragma("synchronous")).isEqualTo(2L);      // FULL
        }
    }

    @Test
    void garbageCollectionLooksUpNewerSnapshotsByThePrimaryKeyInsteadOfGroupingEverySnapshot() throws Exception {
        Recovery.initDbDir(dir, 1);
        List<String> plan = query(part(0), "EXPLAIN QUERY PLAN " + Partition.GC).stream()
                .map(row -> row.get(row.size() - 1).toString()).toList();
        assertThat(plan).noneMatch(step -> step.contains("TEMP B-TREE"))
                .anyMatch(step -> step.contains("SEARCH newer USING"));
    }

    @Test
    void commitWithTheBackupLagLeavesEveryResumeItCanNeed() throws Exception {
        // Bytewax's delayed backup: 5 s epochs, 10 s backup interval -> commits lag two epochs
        Recovery.initDbDir(dir, 2);
        long lag = RecoveryStore.epochsPer(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(10));
        try (var store = Recovery.open(dir, "f")) {
            store.startExecution(1);
            for (long e = 1; e <= 6; e++) {
                store.writeEpoch(0, e, List.of(snap("f.s", "a", e, e)));
                store.commit(e - lag);
            }
        }
        int keep = 0;
        for (int p = 0; p < 2; p++) {
            for (List<Object> row : query(part(p), "SELECT snap_epoch FROM snaps")) {
                assertThat((Integer) row.get(0)).isBetween(4, 6);
                keep++;
            }
            assertThat(query(part(p), "SELECT commit_epoch FROM commits")).containsExactly(List.of(4));
        }
        assertThat(keep).isEqualTo(3);
    }

    @Test
    void commitBelowEpochOneDoesNothing() throws Exception {
        Recovery.initDbDir(dir, 1);
        try (var store = Recovery.open(dir, "f")) {
            store.startExecution(1);
            store.writeEpoch(0, 1, List.of(snap("f.s", "a", 1, 1L)));
            store.commit(-1);
            store.commit(0);
        }
        assertThat(query(part(0), "SELECT COUNT(*) FROM commits")).containsExactly(List.of(0));
    }

    @Test
    void theCommandMakesTheStoreAndExplainsBadArguments() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Recovery.run(new String[] {dir.resolve("cmd").toString(), "3"}, new PrintStream(out, true),
                new PrintStream(err, true));
        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("made 3 recovery partitions in ");
        assertThat(Recovery.partitionFiles(dir.resolve("cmd"))).hasSize(3);

        err.reset();
        assertThat(Recovery.run(new String[] {dir.toString(), "three"}, new PrintStream(out), new PrintStream(err, true)))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("PARTITION_COUNT must be a whole number; got 'three' instead");

        err.reset();
        assertThat(Recovery.run(new String[] {dir.resolve("cmd").toString(), "3"}, new PrintStream(out),
                new PrintStream(err, true))).isEqualTo(1);
        assertThat(err.toString()).contains("must hold no partitions to be initialized");
    }

    @Test
    void theRuntimeFindsTheSqliteStoreThroughTheInterfaceAlone() {
        Recovery.initDbDir(dir, 2);
        try (RecoveryStore store = RecoveryStore.open(dir, "clicks")) {
            assertThat(store.getClass().getName()).isEqualTo("dev.eddy.recovery.SqliteRecoveryStore");
            assertThat(store.partitionCount()).isEqualTo(2);
            assertThat(store.flowId()).isEqualTo("clicks");
            assertThat(store).hasToString("RecoveryStore(clicks: " + dir + ", 2 partitions, resume from execution 0"
                    + " epoch 1)");
        }
    }

    @Test
    void theRuntimeCanAllowTheUsersOwnStateClasses() {
        // java.net is not on the standard list, as the user's own packages are not
        Recovery.initDbDir(dir, 1);
        java.net.URI page = java.net.URI.create("https://example.com/a");
        try (RecoveryStore store = RecoveryStore.open(dir, "clicks")) {
            store.startExecution(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> store.writeEpoch(0, 1, List.of(snap("clicks.s", "a", 1, page))))
                    .hasMessageContaining("snapshot state must come back from its bytes; got a java.net.URI")
                    .hasMessageContaining("or allow its package with allowing(...)");
        }
        try (RecoveryStore store = RecoveryStore.open(dir, "clicks", "java.net.")) {
            store.startExecution(1);
            store.writeEpoch(0, 1, List.of(snap("clicks.s", "a", 1, page)));
        }
        try (RecoveryStore store = RecoveryStore.open(dir, "clicks", "java.net.")) {
            assertThat(loaded(store)).containsExactly(snap("clicks.s", "a", 1, page));
        }
    }
}
