package dev.eddy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.testing.Partitions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void emitsEachLineWithoutItsLineEnd() throws IOException {
        Path file = file("lines.txt", "one\ntwo\r\n\nthree");

        assertThat(Flows.collect(new FileSource(file))).containsExactly("one", "two", "", "three");
    }

    @Test
    void anEmptyFileEmitsNothing() throws IOException {
        assertThat(Flows.collect(new FileSource(file("empty.txt", "")))).isEmpty();
    }

    @Test
    void aSmallFileArrivesAsOneBatchByDefault() throws IOException {
        Path file = file("small.txt", "a\nb\nc\n");

        assertThat(Flows.batchSizes(new FileSource(file))).containsExactly(3);
    }

    @Test
    void batchSizeCapsTheLinesPerBatch() throws IOException {
        Path file = file("five.txt", "1\n2\n3\n4\n5\n");

        assertThat(Flows.batchSizes(new FileSource(file, 2))).containsExactly(2, 2, 1);
    }

    @Test
    void thePartitionIsNamedByThePath() throws IOException {
        Path file = file("named.txt", "x\n");

        assertThat(new FileSource(file).listParts()).containsExactly(file.toString());
    }

    @Test
    void aMissingFileFailsWhenTheSourceIsBuiltNamingThePath() {
        Path missing = dir.resolve("nope.txt");

        assertThatThrownBy(() -> new FileSource(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FileSource path must name an existing file; got " + missing + " instead");
    }

    @Test
    void aDirectoryIsNotAFile() {
        assertThatThrownBy(() -> new FileSource(dir)).hasMessageContaining("must name a regular file");
    }

    @Test
    void aBatchSizeBelowOneIsRejected() throws IOException {
        Path file = file("x.txt", "x\n");

        assertThatThrownBy(() -> new FileSource(file, 0))
                .hasMessage("FileSource batchSize must be at least 1; got 0 instead");
    }

    @Test
    void snapshotIsTheByteOffsetAndLineAfterTheLastLineHandedOut() throws IOException {
        Path file = file("offsets.txt", "ab\r\nçd\nlast");
        var part = new FileSource(file, 1).buildPart("eg.inp", file.toString(), null);

        assertThat(part.snapshot()).isEqualTo(FilePosition.START);
        assertThat(part.nextBatch()).containsExactly("ab");
        assertThat(part.snapshot()).isEqualTo(new FilePosition(4, 1));
        assertThat(part.nextBatch()).containsExactly("çd");
        assertThat(part.snapshot()).isEqualTo(new FilePosition(8, 2));
        assertThat(part.nextBatch()).containsExactly("last");
        assertThat(part.snapshot()).isEqualTo(new FilePosition(12, 3));
        assertThatThrownBy(part::nextBatch).isInstanceOf(EndOfInput.class);
        part.close();
    }

    @Test
    void aResumedPartitionContinuesAfterTheLastLineHandedOut() throws IOException {
        Path file = file("resume.txt", "1\n2\n3\n4\n5\n");
        var source = new FileSource(file, 2);
        var first = source.buildPart("eg.inp", file.toString(), null);
        assertThat(first.nextBatch()).containsExactly("1", "2");
        FilePosition snapshot = first.snapshot();
        first.close();

        var resumed = source.buildPart("eg.inp", file.toString(), snapshot);

        assertThat(Partitions.drain(resumed)).containsExactly("3", "4", "5");
        resumed.close();
    }

    @Test
    void resumeOffsetsStayExactAcrossReadChunksAndMultiByteCharacters() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            lines.add("línea " + i + " ✓");
        }
        Path file = file("big.txt", String.join("\n", lines) + "\n");
        var source = new FileSource(file, 7_001);
        var first = source.buildPart("eg.inp", file.toString(), null);
        List<String> read = new ArrayList<>(first.nextBatch());
        FilePosition snapshot = first.snapshot();
        first.close();

        var resumed = source.buildPart("eg.inp", file.toString(), snapshot);
        read.addAll(Partitions.drain(resumed));

        assertThat(snapshot.line()).isEqualTo(7_001);
        assertThat(read).isEqualTo(lines);
    }

    @Test
    void aResumeStatePastTheEndOfTheFileIsAnError() throws IOException {
        Path file = file("short.txt", "x\n");

        assertThatThrownBy(() -> new FileSource(file).buildPart("eg.inp", file.toString(), new FilePosition(99, 5)))
                .hasMessageContaining("resume offset into " + file + " must be at most its length, 2 bytes; got 99");
    }

    @Test
    void buildingAnotherPartIsAnError() throws IOException {
        Path file = file("one.txt", "x\n");

        assertThatThrownBy(() -> new FileSource(file).buildPart("eg.inp", "other.txt", null))
                .hasMessageContaining("FileSource in step 'eg.inp' part must be '" + file + "'");
    }
}
