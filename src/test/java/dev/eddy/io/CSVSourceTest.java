package dev.eddy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.StepException;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.Partitions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CSVSourceTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("rows.csv"), content);
    }

    @Test
    void eachRowIsAMapKeyedByTheHeaderInColumnOrder() throws IOException {
        Path file = file("index,value,instance\n0,0.132,24ae8d\n1,42.652,ac20cd\n");

        List<Map<String, String>> rows = Flows.collect(new CSVSource(file));

        assertThat(rows).containsExactly(
                Map.of("index", "0", "value", "0.132", "instance", "24ae8d"),
                Map.of("index", "1", "value", "42.652", "instance", "ac20cd"));
        assertThat(rows.get(0).keySet()).containsExactly("index", "value", "instance");
    }

    @Test
    void quotedFieldsMayHoldDelimitersQuotesAndLineBreaks() throws IOException {
        Path file = file("name,note\nana,\"says \"\"hi\"\", then\nleaves\"\nbo,plain\n");

        assertThat(Flows.collect(new CSVSource(file))).containsExactly(
                Map.of("name", "ana", "note", "says \"hi\", then\nleaves"),
                Map.of("name", "bo", "note", "plain"));
    }

    @Test
    void aSmallFileArrivesAsOneBatchByDefault() throws IOException {
        Path file = file("a\n1\n2\n3\n");

        assertThat(Flows.batchSizes(new CSVSource(file))).containsExactly(3);
        assertThat(Flows.batchSizes(new CSVSource(file, 2))).containsExactly(2, 1);
    }

    @Test
    void aFormatSetsTheDelimiterAndCommentMarker() throws IOException {
        Path file = file("# scores\nname\tscore\nana\t3\n");
        CSVFormat tabs = CSVFormat.TDF.builder().setCommentMarker('#').get();

        assertThat(Flows.collect(new CSVSource(file, 10, tabs))).containsExactly(Map.of("name", "ana", "score", "3"));
    }

    @Test
    void aFormatThatNamesTheColumnsReadsTheFirstLineAsData() throws IOException {
        Path file = file("ana,3\n");
        CSVFormat named = CSVFormat.DEFAULT.builder().setHeader("name", "score").get();

        assertThat(Flows.collect(new CSVSource(file, 10, named))).containsExactly(Map.of("name", "ana", "score", "3"));
    }

    @Test
    void aRowWithTooFewFieldsStopsTheRunNamingTheFileAndLine() throws IOException {
        Path file = file("name,age,city\nana,31,Oslo\nbo,7\n");

        assertThatThrownBy(() -> Flows.collect(new CSVSource(file)))
                .isInstanceOf(StepException.class)
                .hasMessageContaining("read.inp")
                .hasRootCauseInstanceOf(FileFormatException.class)
                .rootCause()
                .hasMessage("row 2 of " + file + " (line 3) must have 3 fields, one per header column"
                        + " [name, age, city]; got 2 instead: 'bo,7'");
    }

    @Test
    void aRowWithTooManyFieldsIsAnErrorWithItsLine() throws IOException {
        Path file = file("a,b\n1,2\n\"x\ny\",2\n1,2,3\n");
        var part = new CSVSource(file).buildPart("eg.inp", file.toString(), null);

        assertThat(part.nextBatch()).hasSize(2);
        assertThatThrownBy(part::nextBatch)
                .isInstanceOfSatisfying(FileFormatException.class, e -> {
                    assertThat(e.path()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(5);
                })
                .hasMessageContaining("row 3 of " + file + " (line 5) must have 2 fields");
        part.close();
    }

    @Test
    void brokenQuotingIsAnErrorNamingTheFile() throws IOException {
        Path file = file("a,b\n1,2\n\"x\"y,2\n");
        var part = new CSVSource(file).buildPart("eg.inp", file.toString(), null);

        assertThat(part.nextBatch()).containsExactly(Map.of("a", "1", "b", "2"));
        assertThatThrownBy(part::nextBatch)
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("row 2 of " + file + " (from line 3) must be valid CSV; got a parse error");
        part.close();
    }

    @Test
    void aMissingFileFailsWhenTheSourceIsBuiltNamingThePath() {
        Path missing = dir.resolve("missing.csv");

        assertThatThrownBy(() -> new CSVSource(missing))
                .hasMessageContaining("CSVSource path must name an existing file; got " + missing + " instead");
    }

    @Test
    void snapshotCountsRowsAndAResumeContinuesAfterThem() throws IOException {
        Path file = file("n\n1\n\"2\n2\"\n3\n4\n");
        var source = new CSVSource(file, 2);
        var first = source.buildPart("eg.inp", file.toString(), null);
        assertThat(first.nextBatch()).containsExactly(Map.of("n", "1"), Map.of("n", "2\n2"));
        Long snapshot = first.snapshot();
        first.close();

        var resumed = source.buildPart("eg.inp", file.toString(), snapshot);

        assertThat(snapshot).isEqualTo(2L);
        assertThat(Partitions.drain(resumed)).containsExactly(Map.of("n", "3"), Map.of("n", "4"));
        resumed.close();
    }

    @Test
    void anEmptyFileEmitsNothing() throws IOException {
        assertThat(Flows.collect(new CSVSource(file("")))).isEmpty();
    }

    /** A header {@code n,square} and {@code count} rows {@code i,i*i}, from 1. */
    private static StringBuilder squares(int count) {
        StringBuilder text = new StringBuilder("n,square\n");
        for (int i = 1; i <= count; i++) {
            text.append(i).append(',').append((long) i * i).append('\n');
        }
        return text;
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        Path file = file("\uFEFFname,score\nana,3\n");

        List<Map<String, String>> rows = Flows.collect(new CSVSource(file));

        assertThat(rows).containsExactly(Map.of("name", "ana", "score", "3"));
        assertThat(rows.get(0).get("name")).isEqualTo("ana");
    }

    @Test
    void aColumnNameTwiceInTheHeaderIsAnError() throws IOException {
        Path file = file("name,score,name\nana,3,bo\n");

        assertThatThrownBy(() -> new CSVSource(file).buildPart("eg.inp", file.toString(), null))
                .isInstanceOfSatisfying(FileFormatException.class, e -> assertThat(e.line()).isEqualTo(1))
                .hasMessage("the header of " + file + " must name each column once; got 'name' twice instead, in"
                        + " [name, score, name]; a row is a map from column name to value, so one column would be lost");
    }

    @Test
    void aByteThatIsNotUtf8IsReportedAtItsOwnRow() throws IOException {
        StringBuilder text = squares(1000);
        int at = text.indexOf("\n700,") + 1;
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        bytes[at + 4] = (byte) 0xE9;
        Path file = Files.write(dir.resolve("rows.csv"), bytes);
        var part = new CSVSource(file).buildPart("eg.inp", file.toString(), null);

        assertThat(part.nextBatch()).hasSize(699);
        assertThatThrownBy(part::nextBatch)
                .isInstanceOfSatisfying(FileFormatException.class, e -> assertThat(e.line()).isEqualTo(701))
                .hasMessageStartingWith("line 701 of " + file + " must be UTF-8; got the byte 0xE9 instead")
                .hasMessageContaining("call replacingInvalidUtf8() to read such bytes as U+FFFD");
        part.close();
    }

    @Test
    void replacingInvalidUtf8ReadsBadBytesAsTheReplacementCharacter() throws IOException {
        Path file = Files.write(dir.resolve("rows.csv"), "name\nRen\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(Flows.collect(new CSVSource(file).replacingInvalidUtf8())).containsExactly(Map.of("name", "Ren\uFFFD"));
    }

    @Test
    void theGoodRowsBeforeABadOneReachTheSinksBeforeTheRunFails() throws IOException {
        StringBuilder text = squares(2000);
        int at = text.indexOf("\n500,") + 1;
        text.insert(text.indexOf("\n", at), ",extra");
        Path file = file(text.toString());
        List<Map<String, String>> out = new ArrayList<>();

        RuntimeException failure = Flows.failure(new CSVSource(file), out);

        assertThat(out).hasSize(499).endsWith(Map.of("n", "499", "square", "249001"));
        assertThat(failure).isInstanceOf(StepException.class).hasMessageContaining("read.inp").rootCause()
                .isInstanceOfSatisfying(FileFormatException.class, e -> assertThat(e.line()).isEqualTo(501))
                .hasMessageStartingWith("row 500 of " + file + " (line 501) must have 2 fields");
    }

    @Test
    void theSnapshotAfterTheGoodRowsCountsOnlyThem() throws IOException {
        Path file = file("a\n1\n2\n3,3\n4\n");
        var part = new CSVSource(file).buildPart("eg.inp", file.toString(), null);

        assertThat(part.nextBatch()).hasSize(2);
        assertThat(part.snapshot()).isEqualTo(2L);
        assertThatThrownBy(part::nextBatch).isInstanceOf(FileFormatException.class);
        assertThat(part.snapshot()).isEqualTo(2L);
        part.close();
    }

    @Test
    void aFileTruncatedWhileItIsReadFailsNamingTheFile() throws IOException {
        Path file = file(squares(100_000).toString());
        List<Map<String, String>> out = new ArrayList<>();
        Dataflow flow = new Dataflow("shrinks");
        flow.input("inp", new CSVSource(file, 1000))
                .map("truncate", row -> {
                    if (row.get("n").equals("1")) {
                        try (var f = new RandomAccessFile(file.toFile(), "rw")) {
                            f.setLength(100);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    return row;
                })
                .output("out", new TestingSink<>(out));

        assertThatThrownBy(() -> Runner.runMain(flow))
                .isInstanceOf(StepException.class)
                .hasMessageContaining("shrinks.inp")
                .rootCause()
                .hasMessageContaining("CSVSource file " + file + " must keep its length while it is read; got 100"
                        + " bytes instead of the ");
        assertThat(out).hasSizeLessThan(100_000);
    }

    @Test
    void aByteThatIsNotUtf8InTheHeaderNamesTheFirstLine() throws IOException {
        Path file = Files.write(dir.resolve("rows.csv"), "caf\u00e9,n\n1,2\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> new CSVSource(file).buildPart("eg.inp", file.toString(), null))
                .isInstanceOfSatisfying(FileFormatException.class, e -> assertThat(e.line()).isEqualTo(1))
                .hasMessage("line 1 of " + file + " must be UTF-8; got the byte 0xE9 instead, at byte 3 of the file;"
                        + " if the file is in another encoding, convert it, or call replacingInvalidUtf8() to read such"
                        + " bytes as U+FFFD");
    }
}
