package dev.eddy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.StepException;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {

    @TempDir
    Path dir;

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
                .hasMessageContaining("FileSink resume state for " + file + " must be a length from 0 to its current"
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
}
