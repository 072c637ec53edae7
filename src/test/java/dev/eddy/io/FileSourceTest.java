package dev.eddy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.StepException;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.Partitions;
import dev.eddy.testing.TestingSink;
import java.io.IOException;
import java.io.RandomAccessFile;
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

    /** {@code count} lines {@code line 1} to {@code line <count>}, each with its line end. */
    private static String numberedLines(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            text.append("line ").append(i).append('\n');
        }
        return text.toString();
    }

    private Path bytes(String name, byte[]... parts) throws IOException {
        Path file = dir.resolve(name);
        Files.deleteIfExists(file);
        for (byte[] part : parts) {
            Files.write(file, part, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        return file;
    }

    private static final byte[] LATIN1_E_ACUTE = {(byte) 0xE9};

    @Test
    void aLineThatIsNotUtf8StopsTheRunNamingTheFileAndTheLine() throws IOException {
        Path file = bytes("latin1.txt", "ok\ncaf".getBytes(StandardCharsets.US_ASCII), LATIN1_E_ACUTE,
                "\nmore\n".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> Flows.collect(new FileSource(file)))
                .isInstanceOf(StepException.class)
                .rootCause()
                .isInstanceOfSatisfying(FileFormatException.class, e -> {
                    assertThat(e.path()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(2);
                })
                .hasMessage("line 2 of " + file + " must be UTF-8; got the byte 0xE9 at byte 4 of the line instead:"
                        + " 'caf\uFFFD'; if the file is in another encoding, convert it, or call replacingInvalidUtf8()"
                        + " to read such bytes as U+FFFD");
    }

    @Test
    void replacingInvalidUtf8ReadsBadBytesAsTheReplacementCharacter() throws IOException {
        Path file = bytes("latin1.txt", "ok\ncaf".getBytes(StandardCharsets.US_ASCII), LATIN1_E_ACUTE,
                "\nmore\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(Flows.collect(new FileSource(file).replacingInvalidUtf8())).containsExactly("ok", "caf\uFFFD", "more");
    }

    @Test
    void aReplacementCharacterWrittenAsUtf8IsNotAnError() throws IOException {
        Path file = file("replacement.txt", "a \uFFFD in the text\n");

        assertThat(Flows.collect(new FileSource(file))).containsExactly("a \uFFFD in the text");
    }

    @Test
    void theGoodLinesBeforeABadOneReachTheSinksBeforeTheRunFails() throws IOException {
        String before = numberedLines(499);
        Path file = bytes("bad_at_500.txt", before.getBytes(StandardCharsets.US_ASCII), LATIN1_E_ACUTE,
                ("\n" + numberedLines(1500)).getBytes(StandardCharsets.US_ASCII));
        List<String> out = new ArrayList<>();

        RuntimeException failure = Flows.failure(new FileSource(file), out);

        assertThat(out).hasSize(499).startsWith("line 1").endsWith("line 499");
        assertThat(failure).isInstanceOf(StepException.class).rootCause()
                .hasMessageStartingWith("line 500 of " + file + " must be UTF-8");
    }

    @Test
    void theSnapshotAfterTheGoodLinesPointsAtTheBadOne() throws IOException {
        Path file = bytes("bad_at_3.txt", "1\n2\n".getBytes(StandardCharsets.US_ASCII), LATIN1_E_ACUTE,
                "\n4\n".getBytes(StandardCharsets.US_ASCII));
        var part = new FileSource(file).buildPart("eg.inp", file.toString(), null);

        assertThat(part.nextBatch()).containsExactly("1", "2");
        assertThat(part.snapshot()).isEqualTo(new FilePosition(4, 2));
        assertThatThrownBy(part::nextBatch).isInstanceOf(FileFormatException.class).hasMessageStartingWith("line 3 of");
        assertThat(part.snapshot()).isEqualTo(new FilePosition(4, 2));
        part.close();
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstLine() throws IOException {
        Path file = file("bom.txt", "\uFEFFfirst\nsecond\n");

        assertThat(Flows.collect(new FileSource(file))).containsExactly("first", "second");
    }

    @Test
    void aFileTruncatedWhileItIsReadFailsNamingTheFile() throws IOException {
        Path file = file("shrinking.txt", numberedLines(200_000));
        List<String> out = new ArrayList<>();
        Dataflow flow = new Dataflow("shrinks");
        flow.input("inp", new FileSource(file, 1000))
                .map("truncate", line -> {
                    if (line.equals("line 1")) {
                        try (var f = new RandomAccessFile(file.toFile(), "rw")) {
                            f.setLength(100);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                    return line;
                })
                .output("out", new TestingSink<>(out));

        assertThatThrownBy(() -> Runner.runMain(flow))
                .isInstanceOf(StepException.class)
                .hasMessageContaining("shrinks.inp")
                .rootCause()
                .hasMessageContaining("FileSource file " + file + " must keep its length while it is read; got 100"
                        + " bytes instead of the ")
                .hasMessageContaining("another program truncated or rewrote it");
        assertThat(out).hasSizeLessThan(200_000);
    }

    @Test
    void aReadOnAnInterruptedThreadStillReturnsTheLines() throws IOException {
        Path file = file("interrupted.txt", "one\ntwo\n");
        var part = new FileSource(file).buildPart("eg.inp", file.toString(), null);

        Thread.currentThread().interrupt();
        try {
            assertThat(part.nextBatch()).containsExactly("one", "two");
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is left for the runtime").isTrue();
        } finally {
            Thread.interrupted();
            part.close();
        }
    }
}
