package dev.eddy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.eddy.dataflow.StepException;
import dev.eddy.testing.Partitions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesSourceTest {

    /** A record, as users write them. */
    record Click(String user, Instant at, int count) {
    }

    /** A plain bean, for users with classes. */
    public static final class Reading {
        private String sensor;
        private double value;

        public String getSensor() {
            return sensor;
        }

        public void setSensor(String sensor) {
            this.sensor = sensor;
        }

        public double getValue() {
            return value;
        }

        public void setValue(double value) {
            this.value = value;
        }
    }

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("events.jsonl"), content);
    }

    @Test
    void decodesEachLineIntoAMap() throws IOException {
        Path file = file("{\"user\": \"ana\", \"n\": 1, \"tags\": [\"a\"]}\n{\"user\": \"bo\", \"n\": 2.5}\n");

        List<Map<String, Object>> items = Flows.collect(JsonLinesSource.ofMaps(file));

        assertThat(items).containsExactly(Map.of("user", "ana", "n", 1, "tags", List.of("a")),
                Map.of("user", "bo", "n", 2.5));
    }

    @Test
    void decodesEachLineIntoARecordWithAnInstant() throws IOException {
        Path file = file("{\"user\": \"ana\", \"at\": \"2024-01-01T00:00:05Z\", \"count\": 3}\n");

        assertThat(Flows.collect(new JsonLinesSource<>(file, Click.class)))
                .containsExactly(new Click("ana", Instant.parse("2024-01-01T00:00:05Z"), 3));
    }

    @Test
    void decodesEachLineIntoABean() throws IOException {
        Path file = file("{\"sensor\": \"t1\", \"value\": 21.5}\n");

        List<Reading> items = Flows.collect(new JsonLinesSource<>(file, Reading.class));

        assertThat(items).singleElement().satisfies(r -> {
            assertThat(r.getSensor()).isEqualTo("t1");
            assertThat(r.getValue()).isEqualTo(21.5);
        });
    }

    @Test
    void blankLinesAreSkipped() throws IOException {
        Path file = file("{\"a\": 1}\n\n   \n{\"a\": 2}");

        assertThat(Flows.collect(JsonLinesSource.ofMaps(file))).containsExactly(Map.of("a", 1), Map.of("a", 2));
    }

    @Test
    void aLineThatDoesNotParseStopsTheRunNamingTheFileLineAndJacksonsMessage() throws IOException {
        Path file = file("{\"a\": 1}\n{\"a\": 2}\n{\"a\": oops}\n");

        assertThatThrownBy(() -> Flows.collect(JsonLinesSource.ofMaps(file)))
                .isInstanceOf(StepException.class)
                .hasMessageContaining("read.inp")
                .rootCause()
                .isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
        assertThatThrownBy(() -> Partitions.drain(JsonLinesSource.ofMaps(file).buildPart("eg.inp", file.toString(), null)))
                .isInstanceOfSatisfying(FileFormatException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageStartingWith("line 3 of " + file + " must be JSON for a Map; got '{\"a\": oops}' instead;"
                        + " Jackson: Unrecognized token 'oops'");
    }

    @Test
    void aLineThatDoesNotFitTheRecordNamesTheType() throws IOException {
        Path file = file("{\"user\": \"ana\", \"at\": \"yesterday\", \"count\": 1}\n");
        var part = new JsonLinesSource<>(file, Click.class).buildPart("eg.inp", file.toString(), null);

        assertThatThrownBy(part::nextBatch)
                .hasMessageStartingWith("line 1 of " + file + " must be JSON for a Click; got")
                .hasMessageContaining("Jackson: Cannot deserialize value of type `java.time.Instant`");
        part.close();
    }

    @Test
    void trailingTextAfterTheValueIsAnError() throws IOException {
        Path file = file("{\"a\": 1} {\"a\": 2}\n");
        var part = JsonLinesSource.ofMaps(file).buildPart("eg.inp", file.toString(), null);

        assertThatThrownBy(part::nextBatch).hasMessageContaining("line 1 of " + file).hasMessageContaining("Trailing");
        part.close();
    }

    @Test
    void aJsonNullLineIsAnError() throws IOException {
        Path file = file("null\n");
        var part = JsonLinesSource.ofMaps(file).buildPart("eg.inp", file.toString(), null);

        assertThatThrownBy(part::nextBatch)
                .hasMessage("line 1 of " + file + " must hold a JSON value for a Map; got null instead");
        part.close();
    }

    @Test
    void aGivenMapperDecidesHowLenientDecodingIs() throws IOException {
        Path file = file("{\"sensor\": \"t1\", \"value\": 1, \"extra\": true}\n");
        var strict = new JsonLinesSource<>(file, Reading.class);
        var lenient = new JsonLinesSource<>(file,
                JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build(),
                Reading.class, 10);

        assertThatThrownBy(() -> Flows.collect(strict)).rootCause().hasMessageContaining("\"extra\"");
        assertThat(Flows.collect(lenient)).hasSize(1);
    }

    @Test
    void aResumedPartitionKeepsCountingLinesForItsErrors() throws IOException {
        Path file = file("{\"a\": 1}\n{\"a\": 2}\n{bad\n");
        var source = JsonLinesSource.ofMaps(file, 2);
        var first = source.buildPart("eg.inp", file.toString(), null);
        assertThat(first.nextBatch()).containsExactly(Map.of("a", 1), Map.of("a", 2));
        FilePosition snapshot = first.snapshot();
        first.close();

        var resumed = source.buildPart("eg.inp", file.toString(), snapshot);

        assertThatThrownBy(resumed::nextBatch).hasMessageStartingWith("line 3 of " + file);
        resumed.close();
    }

    @Test
    void aMissingFileFailsWhenTheSourceIsBuiltNamingThePath() {
        Path missing = dir.resolve("missing.jsonl");

        assertThatThrownBy(() -> new JsonLinesSource<>(missing, Click.class))
                .hasMessageContaining("JsonLinesSource path must name an existing file; got " + missing + " instead");
    }

    @Test
    void theGoodLinesBeforeABadOneReachTheSinksBeforeTheRunFails() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 2000; i++) {
            text.append(i == 500 ? "{\"a\": oops}" : "{\"a\": " + i + "}").append('\n');
        }
        Path file = file(text.toString());
        List<Map<String, Object>> out = new ArrayList<>();

        RuntimeException failure = Flows.failure(JsonLinesSource.ofMaps(file), out);

        assertThat(out).hasSize(499).endsWith(Map.of("a", 499));
        assertThat(failure).isInstanceOf(StepException.class).rootCause().isInstanceOf(
                com.fasterxml.jackson.core.JsonParseException.class);
        assertThat(failure.getCause()).hasMessageStartingWith("line 500 of " + file + " must be JSON");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsSkipped() throws IOException {
        Path file = file("\uFEFF{\"a\": 1}\n");

        assertThat(Flows.collect(JsonLinesSource.ofMaps(file))).containsExactly(Map.of("a", 1));
    }

    @Test
    void aLineThatIsNotUtf8IsAnErrorUnlessReplacingIsAskedFor() throws IOException {
        Path file = dir.resolve("latin1.jsonl");
        Files.write(file, "{\"name\": \"Ren\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> Partitions.drain(JsonLinesSource.ofMaps(file).buildPart("eg.inp", file.toString(), null)))
                .isInstanceOfSatisfying(FileFormatException.class, e -> assertThat(e.line()).isEqualTo(1))
                .hasMessageStartingWith("line 1 of " + file + " must be UTF-8; got the byte 0xE9 at byte 14 of the line");
        assertThat(Flows.collect(JsonLinesSource.ofMaps(file).replacingInvalidUtf8()))
                .containsExactly(Map.of("name", "Ren\uFFFD"));
    }

    @Test
    void aStringLongerThanJacksonsLimitSaysWhichLimitAndHowToRaiseIt() throws IOException {
        Path file = file("{\"blob\": \"" + "x".repeat(20_000_001) + "\"}\n");
        var part = JsonLinesSource.ofMaps(file).buildPart("eg.inp", file.toString(), null);

        assertThatThrownBy(part::nextBatch)
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith("line 1 of " + file + " must be JSON for a Map within Jackson's limits")
                .hasMessageContaining("String value length (20000001) exceeds the maximum allowed (20000000")
                .hasMessageContaining("Jackson reads strings of at most 20,000,000 characters by default")
                .hasMessageContaining("to read longer ones, pass JsonLinesSource an ObjectMapper whose JsonFactory has"
                        + " higher StreamReadConstraints");
        part.close();
    }
}
