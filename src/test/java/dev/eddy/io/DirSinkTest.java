package dev.eddy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirSinkTest {

    @TempDir
    Path dir;

    @Test
    void routesByTheAdler32OfTheKeyAsBytewaxDoes() {
        var sink = new DirSink<String, String>(dir, 3);

        // zlib.adler32(b"a") == 0x00620062 == 6422626, 6422626 % 3 == 1
        // zlib.adler32(b"hello") == 0x062c0215 == 103547413, 103547413 % 3 == 1
        // zlib.adler32(b"key") == 0x0287014a == 42402122, 42402122 % 3 == 2
        assertThat(sink.partFor("a")).isEqualTo(1);
        assertThat(sink.partFor("hello")).isEqualTo(1);
        assertThat(sink.partFor("key")).isEqualTo(2);
    }

    @Test
    void writesEachValueToItsKeysFile() throws IOException {
        Dataflow flow = new Dataflow("parts");
        flow.input("inp", TestingSource.of(List.of(KV.of("a", "a1"), KV.of("key", "k1"), KV.of("a", "a2")), 10))
                .output("out", new DirSink<>(dir, 3));

        Runner.runMain(flow);

        assertThat(Files.readString(dir.resolve("part_0"))).isEmpty();
        assertThat(Files.readString(dir.resolve("part_1"))).isEqualTo("a1\na2\n");
        assertThat(Files.readString(dir.resolve("part_2"))).isEqualTo("k1\n");
    }

    @Test
    void aNamerAndAnAssignerChooseTheFiles() throws IOException {
        Dataflow flow = new Dataflow("named");
        flow.input("inp", TestingSource.of(1, 2, 3, 4)).keyOn("parity", x -> x)
                .output("out", new DirSink<Integer, Integer>(dir, 2, (i, n) -> "file-" + i + "-of-" + n + ".txt",
                        x -> x, ","));

        Runner.runMain(flow);

        assertThat(Files.readString(dir.resolve("file-0-of-2.txt"))).isEqualTo("2,4,");
        assertThat(Files.readString(dir.resolve("file-1-of-2.txt"))).isEqualTo("1,3,");
    }

    @Test
    void anAssignerResultWrapsAroundTheFileCount() {
        var sink = new DirSink<String, String>(dir, 3, (i, n) -> "p" + i, key -> -1);

        assertThat(sink.partFor("x")).isEqualTo((int) (0xFFFFFFFFL % 3));
    }

    @Test
    void aNamerThatRepeatsANameIsRejected() {
        assertThatThrownBy(() -> new DirSink<String, String>(dir, 2, (i, n) -> "same", key -> 0))
                .hasMessage("DirSink fileNamer must return a different name for each file; got 'same' twice instead,"
                        + " the second time for file 1");
    }

    @Test
    void aNamerThatReturnsAPathIsRejected() {
        assertThatThrownBy(() -> new DirSink<String, String>(dir, 1, (i, n) -> "../escape", key -> 0))
                .hasMessage("DirSink fileNamer must return a plain file name for file 0; got '../escape' instead");
    }

    @Test
    void aMissingDirectoryOrZeroFilesIsRejected() {
        assertThatThrownBy(() -> new DirSink<String, String>(dir.resolve("none"), 1))
                .hasMessageContaining("DirSink directory must exist");
        assertThatThrownBy(() -> new DirSink<String, String>(dir, 0))
                .hasMessage("DirSink fileCount must be at least 1; got 0 instead");
    }

    @Test
    void eachFileResumesFromItsOwnLength() throws IOException {
        var sink = new DirSink<String, String>(dir, 2);
        var part = sink.buildPart("eg.out", "part_1", null);
        part.writeBatch(List.of("kept"));
        Long snapshot = part.snapshot();
        part.writeBatch(List.of("dropped"));
        part.close();

        var resumed = sink.buildPart("eg.out", "part_1", snapshot);
        resumed.writeBatch(List.of("again"));
        resumed.close();

        assertThat(Files.readString(dir.resolve("part_1"))).isEqualTo("kept\nagain\n");
    }

    @Test
    void aFreshRunEmptiesTheFilesNoKeyReaches() throws IOException {
        Files.writeString(dir.resolve("part_0"), "stale\n");
        Files.writeString(dir.resolve("part_1"), "stale\n");
        Dataflow flow = new Dataflow("rerun");
        flow.input("inp", TestingSource.of(KV.of("a", "a1"))).output("out", new DirSink<>(dir, 2));

        Runner.runMain(flow);

        // zlib.adler32(b"a") % 2 == 0
        assertThat(Files.readString(dir.resolve("part_0"))).isEqualTo("a1\n");
        assertThat(Files.readString(dir.resolve("part_1"))).isEmpty();
    }

    @Test
    void aReadOnlyDirectoryFailsNamingTheStepAndTheFile() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("read_only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        assumeFalse(Files.isWritable(readOnly), "this process may write anywhere (root?), so nothing is read-only");
        Dataflow flow = new Dataflow("locked");
        flow.input("inp", TestingSource.of(KV.of("a", "a1"))).output("out", new DirSink<>(readOnly, 2));

        assertThatThrownBy(() -> Runner.runMain(flow))
                .isNotInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("DirSink in step 'locked.out' path must be in a directory it can create files in;"
                        + " got " + readOnly.resolve("part_0") + " instead");
    }
}
