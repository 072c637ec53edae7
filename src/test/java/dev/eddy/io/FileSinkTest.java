package dev.eddy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.StepException;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static void write(List<Object> items, FileSink<String, Object> sink) {
        Dataflow flow = new Dataflow("write");
        flow.input("inp", TestingSource.of(items, 2)).keyOn("all", x -> "all").output("out", sink);
        Runner.runMain(flow);
    }

    @Test
    void writesEachValueOnItsOwnLine() throws IOException {
        Path file = dir.resolve("out.txt");

        write(List.<Object>of("a", 1, 2.5, "ü"), new FileSink<>(file));

        assertThat(Files.readString(file)).isEqualTo("a\n1\n2.5\nü\n");
    }

    @Test
    void endIsWrittenAfterEachValue() throws IOException {
        Path file = dir.resolve("out.csv");

        write(List.<Object>of("a", "b"), new FileSink<>(file, ";"));

        assertThat(Files.readString(file)).isEqualTo("a;b;");
    }

    @Test
    void aFreshRunReplacesWhatTheFileHeld() throws IOException {
        Path file = Files.writeString(dir.resolve("old.txt"), "left over from before\n");

        write(List.<Object>of("new"), new FileSink<>(file));

        assertThat(Files.readString(file)).isEqualTo("new\n");
    }

    @Test
    void nothingAlreadyWrittenIsLostWhenALaterItemFails() throws IOException {
        Path file = dir.resolve("partial.txt");
        Dataflow flow = new Dataflow("fails");
        flow.input("inp", TestingSource.of("a", "b", "boom", "c"))
                .map("check", x -> {
                    if (x.equals("boom")) {
                        throw new IllegalStateException("bad item");
                    }
                    return x;
                })
                .keyOn("all", x -> "all")
                .output("out", new FileSink<>(file));

        assertThatThrownBy(() -> Runner.runMain(flow))
                .isInstanceOf(StepException.class)
                .hasMessageContaining("fails.check")
                .hasRootCauseMessage("bad item");
        assertThat(Files.readString(file)).isEqualTo("a\nb\n");
    }

    @Test
    void snapshotIsTheFileLengthAndAResumeTruncatesToIt() throws IOException {
        Path file = dir.resolve("resume.txt");
        var sink = new FileSink<String, String>(file);
        var first = sink.buildPart("eg.out", file.toString(), null);
        first.writeBatch(List.of("one", "twö"));
        Long snapshot = first.snapshot();
        first.writeBatch(List.of("lost on resume"));
        first.close();

        var resumed = sink.buildPart("eg.out", file.toString(), snapshot);
        resumed.writeBatch(List.of("three"));
        resumed.close();

        assertThat(snapshot).isEqualTo(9L);
        assertThat(Files.readString(file)).isEqualTo("one\ntwö\nthree\n");
        assertThat(resumed.snapshot()).isEqualTo(Files.size(file));
    }

    @Test
    void aResumeStateLongerThanTheFileIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("short.txt"), "ab");

        assertThatThrownBy(() -> new FileSink<String, String>(file).buildPart("eg.out", file.toString(), 10L))
                .hasMessageContaining("FileSink in step 'eg.out' resume state for " + file + " must be a length from 0 to its current"
                        + " 2 bytes; got 10 instead");
        assertThat(Files.readString(file)).isEqualTo("ab");
    }

    @Test
    void aFileInAMissingDirectoryFailsWhenTheSinkIsBuilt() {
        Path file = dir.resolve("no").resolve("out.txt");

        assertThatThrownBy(() -> new FileSink<>(file))
                .hasMessageContaining("FileSink path must be in an existing directory; got " + file + " instead;"
                        + " create " + dir.resolve("no") + " first");
    }

    @Test
    void everyKeyGoesToTheOnePartition() {
        var sink = new FileSink<String, String>(dir.resolve("x.txt"));

        assertThat(sink.listParts()).containsExactly(dir.resolve("x.txt").toString());
        assertThat(sink.partFor("anything")).isZero();
    }

    @Test
    void aWriteOnAnInterruptedThreadStillReachesTheFile() throws IOException {
        Path file = dir.resolve("interrupted.txt");
        var part = new FileSink<String, String>(file).buildPart("eg.out", file.toString(), null);
        part.writeBatch(List.of("before"));

        Thread.currentThread().interrupt();
        part.writeBatch(List.of("during", "the interrupt"));
        part.close();

        assertThat(Thread.interrupted()).as("the interrupt is left for the runtime to see").isTrue();
        assertThat(Files.readString(file)).isEqualTo("before\nduring\nthe interrupt\n");
    }

    @Test
    void aRunInterruptedMidwayKeepsInTheFileEverythingTheOtherSinksGot() throws IOException {
        Path file = dir.resolve("stopped.txt");
        List<Object> seen = new ArrayList<>();
        Dataflow flow = new Dataflow("stopped");
        var items = flow.input("inp", TestingSource.of(IntStream.rangeClosed(1, 12).boxed().toList(), 3))
                .map("stop_button", x -> {
                    if (x == 5) {
                        Thread.currentThread().interrupt();
                    }
                    return x;
                });
        items.output("seen", new TestingSink<>(seen));
        items.keyOn("all", x -> "all").output("out", new FileSink<>(file));

        Runner.runMain(flow);

        assertThat(seen).as("the interrupt stops the run early").isNotEmpty().doesNotContain(12);
        assertThat(Files.readAllLines(file)).isEqualTo(seen.stream().map(String::valueOf).toList());
    }

    @Test
    void aRunThatFailsBeforeItStartsLeavesTheOldFileAsItWas() throws IOException {
        Path file = Files.writeString(dir.resolve("keep.txt"), "yesterday's results\n");
        Dataflow flow = new Dataflow("never_starts");
        var items = flow.input("inp", TestingSource.of("a", "b"));
        items.keyOn("all", x -> "all").output("file", new FileSink<>(file));
        items.output("broken", (DynamicSink<String>) (stepId, worker, workers) -> {
            throw new IllegalStateException("no connection to the warehouse");
        });

        assertThatThrownBy(() -> Runner.runMain(flow)).hasMessageContaining("no connection to the warehouse");
        assertThat(Files.readString(file)).isEqualTo("yesterday's results\n");
    }

    @Test
    void aRunThatWritesNothingLeavesAnEmptyFile() throws IOException {
        Path file = Files.writeString(dir.resolve("emptied.txt"), "yesterday's results\n");

        write(List.of(), new FileSink<>(file));

        assertThat(Files.readString(file)).isEmpty();
    }

    @Test
    void aPartitionThatIsClosedWithoutWritingTouchesNoFile() throws IOException {
        Path file = Files.writeString(dir.resolve("untouched.txt"), "kept\n");
        Path absent = dir.resolve("absent.txt");

        new FileSink<String, String>(file).buildPart("eg.out", file.toString(), null).close();
        new FileSink<String, String>(absent).buildPart("eg.out", absent.toString(), null).close();

        assertThat(Files.readString(file)).isEqualTo("kept\n");
        assertThat(absent).doesNotExist();
    }

    @Test
    void aFileInAReadOnlyDirectoryFailsNamingTheStepAndThePath() throws IOException {
        Path readOnly = Files.createDirectory(dir.resolve("read_only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        assumeFalse(Files.isWritable(readOnly), "this process may write anywhere (root?), so nothing is read-only");
        Path file = readOnly.resolve("out.txt");

        assertThatThrownBy(() -> write(List.of("a"), new FileSink<>(file)))
                .isNotInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("FileSink in step 'write.out'")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("can't create files in " + readOnly);
    }

    @Test
    void aReadOnlyFileFailsNamingTheStepAndThePath() throws IOException {
        Path file = Files.writeString(dir.resolve("locked.txt"), "kept\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        assumeFalse(Files.isWritable(file), "this process may write anywhere (root?), so nothing is read-only");

        assertThatThrownBy(() -> write(List.of("a"), new FileSink<>(file)))
                .hasMessageContaining("FileSink in step 'write.out' path must name a file it can write; got " + file
                        + " instead; it is read-only");
        assertThat(Files.readString(file)).isEqualTo("kept\n");
    }

    @Test
    void aFailedWriteNamesTheStepThePathAndTheCause() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "needs Linux's /dev/full, a device every write to fails");

        assertThatThrownBy(() -> write(List.of("a"), new FileSink<>(full)))
                .isInstanceOf(StepException.class)
                .hasMessageContaining("FileSink in step 'write.out' failed writing /dev/full: java.io.IOException: ")
                .hasMessageContaining("No space left on device");
    }

    @Test
    void anIoFailureWithoutAMessageIsReportedByItsClass() {
        var failure = FileChecks.failed("FileSink in step 'eg.out'", "writing", Path.of("out.txt"),
                new ClosedByInterruptException());

        assertThat(failure).hasMessage("FileSink in step 'eg.out' failed writing out.txt:"
                + " java.nio.channels.ClosedByInterruptException");
    }
}
