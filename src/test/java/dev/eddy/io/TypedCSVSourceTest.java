package dev.eddy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypedCSVSourceTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return Files.writeString(dir.resolve("typed.csv"), content);
    }

    @Test
    void typedColumnsArriveParsedAndTheOthersStayText() throws IOException {
        Path file = file("ts,n,x,ok,day,price,name\n2024-01-01T00:00:00Z,3,1.5,true,2024-02-03,9.99,ana\n");
        var source = new CSVSource(file).withTypes(Map.of("ts", Instant.class, "n", Long.class, "x", Double.class,
                "ok", Boolean.class, "day", LocalDate.class, "price", BigDecimal.class));

        List<Map<String, Object>> rows = Flows.collect(source);

        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row.keySet()).containsExactly("ts", "n", "x", "ok", "day", "price", "name");
        assertThat(row).containsEntry("ts", Instant.parse("2024-01-01T00:00:00Z")).containsEntry("n", 3L)
                .containsEntry("x", 1.5).containsEntry("ok", true).containsEntry("day", LocalDate.of(2024, 2, 3))
                .containsEntry("price", new BigDecimal("9.99")).containsEntry("name", "ana");
    }

    @Test
    void typesMayComeFromAMapBuiltBeforeTheCall() throws IOException {
        Path file = file("n,when\n7,2024-01-01T10:15:30\n");
        var types = Map.of("n", int.class, "when", java.time.LocalDateTime.class);

        List<Map<String, Object>> rows = Flows.collect(new CSVSource(file).withTypes(types));

        assertThat(rows.get(0)).containsEntry("n", 7)
                .containsEntry("when", java.time.LocalDateTime.of(2024, 1, 1, 10, 15, 30));
    }

    @Test
    void anEmptyTypedCellIsNull() throws IOException {
        Path file = file("n,name\n,ana\n");

        List<Map<String, Object>> rows = Flows.collect(new CSVSource(file).withTypes(Map.of("n", Integer.class)));

        Map<String, Object> expected = new HashMap<>();
        expected.put("n", null);
        expected.put("name", "ana");
        assertThat(rows).containsExactly(expected);
    }

    @Test
    void aValueThatDoesNotParseNamesTheFileLineAndColumnAfterTheGoodRows() throws IOException {
        Path file = file("name,n\nana,1\nbo,two\n");
        var part = new CSVSource(file).withTypes(Map.of("n", Long.class)).buildPart("eg.inp", file.toString(), null);

        assertThat(part.nextBatch()).containsExactly(Map.of("name", "ana", "n", 1L));
        assertThatThrownBy(part::nextBatch)
                .isInstanceOfSatisfying(FileFormatException.class, e -> {
                    assertThat(e.path()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(3);
                })
                .hasMessage("column 'n' of row 2 of " + file + " (line 3) must be a Long; got 'two' instead");
        part.close();
    }

    @Test
    void aTypedColumnTheHeaderLacksIsNamedWithTheHeader() throws IOException {
        Path file = file("name,n\nana,1\n");
        var source = new CSVSource(file).withTypes(Map.of("count", Long.class));

        assertThatThrownBy(() -> source.buildPart("eg.inp", file.toString(), null))
                .isInstanceOf(FileFormatException.class)
                .hasMessage("the typed column 'count' must be in the header of " + file + "; got [name, n] instead");
    }

    @Test
    void anUnsupportedTypeListsTheSupportedOnes() throws IOException {
        Path file = file("a\n1\n");

        assertThatThrownBy(() -> new CSVSource(file).withTypes(Map.of("a", Thread.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CSVSource column type of 'a' must be one of String, Integer, Long, Double, Boolean,"
                        + " BigDecimal, Instant, LocalDate, LocalDateTime; got Thread instead");
    }

    @Test
    void aResumedTypedSourceCarriesOnAfterTheRowsHandedOut() throws IOException {
        Path file = file("n\n1\n2\n3\n");
        var source = new CSVSource(file, 1).withTypes(Map.of("n", Integer.class));
        var first = source.buildPart("eg.inp", file.toString(), null);
        assertThat(first.nextBatch()).containsExactly(Map.of("n", 1));
        Long state = first.snapshot();
        first.close();

        var resumed = source.buildPart("eg.inp", file.toString(), state);
        assertThat(resumed.nextBatch()).containsExactly(Map.of("n", 2));
        resumed.close();
    }
}
