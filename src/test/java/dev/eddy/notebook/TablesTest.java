package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.KV;
import dev.eddy.windowing.WindowMetadata;
import dev.eddy.windowing.WindowValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class TablesTest {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    record Click(String user, Instant time, int n) {
    }

    public static final class Bean {
        private final String name;
        private final double score;

        Bean(String name, double score) {
            this.name = name;
            this.score = score;
        }

        public String getName() {
            return name;
        }

        public double getScore() {
            return score;
        }
    }

    static final class Opaque {
        @Override
        public String toString() {
            return "opaque!";
        }
    }

    record Node(String name, List<Object> links) {
    }

    @Test
    void recordsBecomeOneTypedColumnPerComponent() {
        Table t = Tables.of("clicks", List.of(new Click("a", T0, 1), new Click("b", T0.plusSeconds(5), 2)));
        assertThat(t.columnNames()).containsExactly("user", "time", "n");
        assertThat(t.column("time").type()).isEqualTo(ColumnType.INSTANT);
        assertThat(t.column("n").type()).isEqualTo(ColumnType.INTEGER);
        assertThat(t.instantColumn("time").get(1)).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void beansBecomeColumnsThroughTheirGetters() {
        Table t = Tables.of("beans", List.of(new Bean("x", 1.5)));
        assertThat(t.columnNames()).containsExactlyInAnyOrder("name", "score");
        assertThat(t.doubleColumn("score").get(0)).isEqualTo(1.5);
    }

    @Test
    void mapsUnionTheirKeysAndMissingEntriesAreMissing() {
        Map<String, Object> a = new LinkedHashMap<>(Map.of("x", 1));
        Map<String, Object> b = new LinkedHashMap<>(Map.of("y", "two"));
        Table t = Tables.of("maps", List.of(a, b));
        assertThat(t.columnNames()).containsExactly("x", "y");
        assertThat(t.column("x").isMissing(1)).isTrue();
        assertThat(t.column("y").isMissing(0)).isTrue();
    }

    @Test
    void aStreamOfNullsIsOneColumnOfMissingValues() {
        Table t = Tables.of("nulls", Arrays.asList(null, null, null));
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.column("value").countMissing()).isEqualTo(3);
    }

    @Test
    void anEmptyResultIsAnEmptyTable() {
        Table t = Tables.of("empty", List.of());
        assertThat(t.rowCount()).isZero();
        assertThat(HtmlTable.render(t, TableLimits.defaults())).contains("empty — 0 rows × 0 columns");
    }

    @Test
    void unknownTypesShowTheirToString() {
        Table t = Tables.of("odd", List.of(new Opaque()));
        assertThat(t.stringColumn("value").get(0)).isEqualTo("opaque!");
    }

    @Test
    void cyclicReferencesDoNotLoop() {
        List<Object> links = new ArrayList<>();
        Node node = new Node("n", links);
        links.add(node);
        Table t = Tables.of("cycle", List.of(node));
        assertThat(t.stringColumn("name").get(0)).isEqualTo("n");
        assertThat(t.stringColumn("links").get(0)).contains("cyclic references");
    }

    @Test
    void numbersOfMixedWidthWidenAndMixedTypesBecomeText() {
        assertThat(Tables.of("n", List.of(1, 2L, 3.5)).column("value").type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(Tables.of("m", List.of(1, "b")).column("value").type()).isEqualTo(ColumnType.STRING);
    }

    @Test
    void keyedWindowedItemsGetKeyAndWindowIdColumns() {
        Table t = Tables.of("down", List.of(KV.of("a", new WindowValue<>(3, new Click("a", T0, 1)))));
        assertThat(t.columnNames()).containsExactly("key", "window_id", "user", "time", "n");
        assertThat(t.longColumn("window_id").get(0)).isEqualTo(3L);
    }

    @Test
    void windowedOutputsJoinTheirWindowsTimesAndMarkLateItems() {
        var down = List.of(KV.of("a", new WindowValue<>(0, 2L)), KV.of("b", new WindowValue<>(0, 5L)));
        var late = List.of(KV.of("a", new WindowValue<>(-1, "old")));
        var meta = List.of(KV.of("a", new WindowValue<>(0, new WindowMetadata(T0, T0.plusSeconds(10)))),
                KV.of("b", new WindowValue<>(0, new WindowMetadata(T0.plusSeconds(1), T0.plusSeconds(4)))));
        Table t = Tables.windowed("counts", down, late, meta);
        assertThat(t.columnNames()).containsExactly("key", "window_id", "open_time", "close_time", "value", "late");
        assertThat(t.instantColumn("close_time").get(1)).isEqualTo(T0.plusSeconds(4));
        assertThat(t.column("open_time").isMissing(2)).isTrue();
        assertThat(t.booleanColumn("late").get(2)).isTrue();
        assertThat(t.booleanColumn("late").get(0)).isFalse();
        assertThat(t.stringColumn("value").get(2)).isEqualTo("old");
    }
}
