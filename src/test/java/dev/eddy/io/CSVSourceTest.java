package dev.eddy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.StepException;
import dev.eddy.testing.Partitions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
