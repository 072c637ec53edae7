package dev.eddy.recovery;

import static dev.eddy.recovery.Stores.query;
import static dev.eddy.recovery.Stores.snap;
import static dev.eddy.recovery.Stores.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a recovery directory can be wrong gives an error naming the file; none is overwritten. */
class StoreErrorsTest {

    @TempDir
    Path dir;

    private Path part(int i) {
        return dir.resolve("part-" + i + ".sqlite3");
    }

    private void writeOneEpoch(String flow) {
        try (var store = Recovery.open(dir, flow)) {
            store.startExecution(1);
            store.writeEpoch(0, 1, List.of(snap(flow + ".s", "k", 1, 1L), snap(flow + ".s", "j", 1, 2L)));
        }
    }

    @Test
    void aMissingDirectoryIsNoPartitions() {
        assertThatThrownBy(() -> Recovery.open(dir.resolve("nope"), "f"))
                .isInstanceOf(NoPartitionsException.class)
                .hasMessageContaining("recovery directory " + dir.resolve("nope") + " must exist; got nothing")
                .hasMessageContaining("Recovery.initDbDir");
        assertThat(dir.resolve("nope")).doesNotExist();
    }

    @Test
    void anEmptyDirectoryIsNoPartitions() {
        assertThatThrownBy(() -> Recovery.open(dir, "f"))
                .isInstanceOf(NoPartitionsException.class)
                .hasMessage("recovery directory " + dir + " must hold partitions (part-0.sqlite3 …); got none"
                        + " instead; is it the right directory? make a store with"
                        + " Recovery.initDbDir(dir, partitionCount)");
    }

    @Test
    void aMissingPartitionIsNamed() throws IOException {
        Recovery.initDbDir(dir, 3);
        Files.delete(part(1));
        assertThatThrownBy(() -> Recovery.open(dir, "f"))
                .isInstanceOf(MissingPartitionsException.class)
                .hasMessageContaining("must be all 3 of the store; got part-0.sqlite3, part-2.sqlite3 instead:"
                        + " part-1.sqlite3 is missing; restore it from a backup");
        assertThat(part(1)).doesNotExist();
    }

    @Test
    void partitionsOfTwoStoresAreInconsistent() throws IOException {
        Path other = Files.createDirectory(dir.resolve("other"));
        Recovery.initDbDir(dir, 2);
        Recovery.initDbDir(other, 3);
        Files.copy(other.resolve("part-2.sqlite3"), part(2));
        assertThatThrownBy(() -> Recovery.open(dir, "f"))
                .isInstanceOf(InconsistentPartitionsException.class)
                .hasMessageContaining("must agree on the partition count; got 2 in part-0.sqlite3, part-1.sqlite3,"
                        + " 3 in part-2.sqlite3 instead");
    }

    @Test
    void aRenamedPartitionIsInconsistent() throws IOException {
        Recovery.initDbDir(dir, 2);
        Files.move(part(1), dir.resolve("tmp"));
        Files.move(part(0), part(1));
        Files.move(dir.resolve("tmp"), part(0));
        assertThatThrownBy(() -> Recovery.open(dir, "f"))
                .isInstanceOf(InconsistentPartitionsException.class)
                .hasMessageContaining("recovery partition " + part(0) + " must hold partition 0 as its name says;"
                        + " got partition 1 of 2 instead");
    }

    @Test
    void aStoreOfAnotherFlowIsRefusedAndKept() throws Exception {
        Recovery.initDbDir(dir, 2);
        writeOneEpoch("clicks");
        assertThatThrownBy(() -> Recovery.open(dir, "orders"))
                .isInstanceOf(RecoveryException.class)
                .hasMessage("recovery store " + dir + " must belong to flow 'orders'; got flow 'clicks' instead"
                        + " (part-0.sqlite3, part-1.sqlite3); give each flow its own recovery directory (nothing was"
                        + " changed)");
        try (var store = Recovery.open(dir, "clicks")) {
            assertThat(store.resumeFrom().epoch()).isEqualTo(2);
            assertThat(Stores.loaded(store)).hasSize(2);
        }
    }

    @Test
    void theFirstFlowToOpenAStoreOwnsIt() throws Exception {
        Recovery.initDbDir(dir, 2);
        Recovery.open(dir, "clicks").close();
        assertThat(query(part(1), "SELECT value FROM meta WHERE name = 'flow_id'")).containsExactly(List.of("clicks"));
        assertThatThrownBy(() -> Recovery.open(dir, "orders")).hasMessageContaining("got flow 'clicks'");
    }

    @Test
    void partitionsOfTwoFlowsAreInconsistent() throws Exception {
        Recovery.initDbDir(dir, 2);
        Recovery.open(dir, "clicks").close();
        sql(part(1), "UPDATE meta SET value = 'orders' WHERE name = 'flow_id'");
        assertThatThrownBy(() -> Recovery.open(dir, "clicks"))
                .isInstanceOf(InconsistentPartitionsException.class)
                .hasMessageContaining("must belong to one flow; got {clicks=[" + part(0) + "], orders=[" + part(1) + "]}");
    }

    @Test
    void anotherFormatVersionIsRefusedNotMisread() throws Exception {
        Recovery.initDbDir(dir, 1);
        writeOneEpoch("f");
        sql(part(0), "UPDATE meta SET value = '2' WHERE name = 'format_version'");
        byte[] before = Files.readAllBytes(part(0));
        assertThatThrownBy(() -> Recovery.open(dir, "f"))
                .isInstanceOf(RecoveryException.class)
                .hasMessageStartingWith("recovery partition " + part(0) + " must be in Eddy's recovery format 1;"
                        + " got format '2' instead; it was written by another version of Eddy");
        assertThat(Files.readAllBytes(part(0))).isEqualTo(before);
    }

    @Test
    void aBytewaxStoreIsRecognisedAndRefused() throws Exception {
        Files.createDirectories(dir);
        sql(part(0), "CREATE TABLE parts (part_index INTEGER, part_count INTEGER)", "CREATE TABLE exs (x)",
                "CREATE TABLE fronts (x)", "CREATE TABLE commits (x)", "CREATE TABLE snaps (x)");
        assertThatThrownBy(() -> Recovery.open(dir, "f"))
                .hasMessageContaining("must be an Eddy recovery partition; got a store without a format version"
                        + " (Bytewax's layout?");
    }

    @Test
    void anotherSqliteDatabaseIsRefusedAndLeftAlone() throws Exception {
        sql(part(0), "CREATE TABLE users (name TEXT)", "INSERT INTO users VALUES ('ada')");
        byte[] before = Files.readAllBytes(part(0));
        assertThatThrownBy(() -> Recovery.open(dir, "f"))
                .hasMessageContaining("recovery partition " + part(0) + " must be an Eddy recovery partition; got a"
                        + " SQLite database with other tables [users] instead");
        assertThat(Files.readAllBytes(part(0))).isEqualTo(before);
        assertThat(query(part(0), "PRAGMA journal_mode")).containsExactly(List.of("delete"));
    }

    @Test
    void anEmptyFileIsNotAPartition() throws Exception {
        Files.createFile(part(0));
        assertThatThrownBy(() -> Recovery.open(dir, "f"))
                .hasMessageContaining("recovery partition " + part(0) + " must hold Eddy's recovery tables; got an"
                        + " empty database instead");
        assertThat(Files.size(part(0))).isZero();
    }

    @Test
    void aFileOfRandomBytesIsNotADatabase() throws Exception {
        Recovery.initDbDir(dir, 2);
        byte[] noise = new byte[8192];
        new Random(14).nextBytes(noise);
        Files.write(part(1), noise);
        assertThatThrownBy(() -> Recovery.open(dir, "f"))
                .isInstanceOf(RecoveryException.class)
                .hasMessageStartingWith("recovery partition " + part(1) + " must be a SQLite database; got a file"
                        + " that is not one instead")
                .hasMessageContaining("it was left as it is");
        assertThat(Files.readAllBytes(part(1))).isEqualTo(noise);
    }

    @Test
    void aTruncatedPartitionIsCorrupt() throws Exception {
        Recovery.initDbDir(dir, 1);
        try (var store = Recovery.open(dir, "f")) {
            store.startExecution(1);
            var snaps = new java.util.ArrayList<dev.eddy.runtime.RecoveryStore.Snapshot>();
            for (int i = 0; i < 2000; i++) {
                snaps.add(snap("f.s", "key-" + i, 1, "state of key " + i + " ".repeat(50)));
            }
            store.writeEpoch(0, 1, snaps);
        }
        long size = Files.size(part(0));
        assertThat(size).isGreaterThan(100_000);
        try (var ch = java.nio.channels.FileChannel.open(part(0), java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size / 2);
        }
        assertThatThrownBy(() -> Recovery.open(dir, "f"))
                .isInstanceOf(RecoveryException.class)
                .hasMessageContaining("recovery partition " + part(0) + " must be a whole SQLite database; got a"
                        + " corrupt or truncated one instead")
                .hasMessageContaining("restore it from a backup");
        assertThat(Files.size(part(0))).isEqualTo(size / 2);
    }

    @Test
    void aPartitionWithOverwrittenPagesFailsTheIntegrityCheck() throws Exception {
        Recovery.initDbDir(dir, 1);
        try (var store = Recovery.open(dir, "f")) {
            store.startExecution(1);
            var snaps = new java.util.ArrayList<dev.eddy.runtime.RecoveryStore.Snapshot>();
            for (int i = 0; i < 2000; i++) {
                snaps.add(snap("f.s", "key-" + i, 1, (long) i));
            }
            store.writeEpoch(0, 1, snaps);
        }
        byte[] bytes = Files.readAllBytes(part(0));
        byte[] noise = new byte[4096 * 3];
        new Random(7).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, bytes.length - noise.length, noise.length);     // the last three pages
        Files.write(part(0), bytes);
        assertThatThrownBy(() -> Recovery.open(dir, "f"))
                .isInstanceOf(RecoveryException.class)
                .hasMessageMatching("(?s)recovery partition .* must (pass SQLite's integrity check|be a whole SQLite"
                        + " database).*")
                .hasMessageContaining("restore it from a backup");
    }

    @Test
    void initRefusesADirectoryThatHoldsAStore() throws Exception {
        Recovery.initDbDir(dir, 2);
        writeOneEpoch("f");
        byte[] before = Files.readAllBytes(part(0));
        assertThatThrownBy(() -> Recovery.initDbDir(dir, 2))
                .hasMessage("recovery directory " + dir + " must hold no partitions to be initialized; got"
                        + " part-0.sqlite3, part-1.sqlite3 instead; nothing was overwritten: open the store as it is,"
                        + " or pick a new directory");
        assertThat(Files.readAllBytes(part(0))).isEqualTo(before);
    }

    @Test
    void initRefusesAPartitionCountBelowOne() {
        assertThatThrownBy(() -> Recovery.initDbDir(dir, 0))
                .hasMessage("recovery partition count must be positive; got 0 instead; use the most workers the flow"
                        + " will ever run with");
    }

    static final class NoCreator {
        final long n;

        NoCreator(long n) {
            this.n = n;
        }
    }

    @Test
    void aStateThatCantComeBackFailsBeforeAnythingIsWritten() throws Exception {
        Recovery.initDbDir(dir, 2);
        try (var store = Recovery.open(dir, "f")) {
            store.startExecution(1);
            assertThatThrownBy(() -> store.writeEpoch(0, 1, List.of(snap("f.s", "a", 1, 1L),
                    snap("f.s", "b", 1, new NoCreator(3)))))
                    .hasMessageStartingWith("snapshot of step 'f.s' key b at epoch 1: snapshot state must come back"
                            + " from its bytes; got a dev.eddy.recovery.StoreErrorsTest$NoCreator Jackson can write but"
                            + " not read instead");
        }
        assertThat(query(part(0), "SELECT COUNT(*) FROM snaps")).containsExactly(List.of(0));
        assertThat(query(part(1), "SELECT COUNT(*) FROM snaps")).containsExactly(List.of(0));
        try (var store = Recovery.open(dir, "f")) {
            assertThat(store.resumeFrom().epoch()).isEqualTo(1);
        }
    }

    @Test
    void aStateOfAClassOutsideTheAllowListNamesTheFixWhenLoaded() throws Exception {
        Recovery.initDbDir(dir, 1);
        writeOneEpoch("f");
        sql(part(0), "UPDATE snaps SET ser_change = CAST('[\"com.example.Counter\",{}]' AS BLOB) WHERE state_key = '\"k\"'");
        try (var store = Recovery.open(dir, "f")) {
            assertThatThrownBy(() -> Stores.loaded(store))
                    .isInstanceOf(RecoveryException.class)
                    .hasMessageContaining("snapshot of step 'f.s' key \"k\" at epoch 1 in " + part(0) + " must decode")
                    .hasMessageContaining("SnapshotCodec.standard().allowing(\"com.example.\")");
        }
        try (var store = Recovery.open(dir, "f", SnapshotCodec.standard().allowing("com.example."))) {
            // allowed, but there is no such class: still a clear error, not a misread
            assertThatThrownBy(() -> Stores.loaded(store)).hasMessageContaining("com.example.Counter");
        }
    }

    @Test
    void initWritesCompleteFilesOnlyAndLeavesNoTemporaries() throws IOException {
        List<Path> made = Recovery.initDbDir(dir.resolve("new/nested"), 3);
        assertThat(made).extracting(p -> p.getFileName().toString())
                .containsExactly("part-0.sqlite3", "part-1.sqlite3", "part-2.sqlite3");
        try (var files = Files.list(dir.resolve("new/nested"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("part-0.sqlite3", "part-1.sqlite3", "part-2.sqlite3");
        }
        Files.copy(made.get(0), dir.resolve("spare"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aStoreOpenInThisProcessCantBeOpenedTwice() {
        Recovery.initDbDir(dir, 1);
        try (var first = Recovery.open(dir, "f")) {
            assertThatThrownBy(() -> Recovery.open(dir, "f"))
                    .isInstanceOf(RecoveryException.class)
                    .hasMessageStartingWith("recovery store " + dir + " must be used by one run at a time; got it"
                            + " open in another run instead (pid " + ProcessHandle.current().pid() + ", since ");
            assertThat(first.resumeFrom().epoch()).isEqualTo(1);
        }
        Recovery.open(dir, "f").close();
    }

    @Test
    void aStoreOpenInAnotherProcessCantBeOpenedUntilThatProcessDies() throws Exception {
        Recovery.initDbDir(dir, 1);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString(), "10")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            assertThat(out.readLine()).startsWith("started 0 1");
            assertThatThrownBy(() -> Recovery.open(dir, "crash"))
                    .hasMessageContaining("must be used by one run at a time; got it open in another run instead"
                            + " (pid " + child.pid() + ", since ");
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        try (var store = Recovery.open(dir, "crash")) {
            assertThat(store.resumeFrom().execution()).isEqualTo(1);
        }
    }
}
