package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.testing.TestingSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsExportTest {

    record Reading(String sensor, double celsius) {
    }

    private static Results readings() {
        var flow = new Dataflow("export");
        var in = flow.input("inp", TestingSource.of(new Reading("a", 20.5), new Reading("b, \"west\"", 19.0)));
        return Capture.of(flow).stream("readings", in).run();
    }

    @Test
    void itemsOfATypeComeBackAsATypedList() {
        List<Reading> rows = readings().items("readings", Reading.class);
        assertThat(rows).containsExactly(new Reading("a", 20.5), new Reading("b, \"west\"", 19.0));
        assertThat(rows.get(0).celsius()).isEqualTo(20.5);
    }

    @Test
    void anItemOfAnotherTypeIsNamedWithItsIndex() {
        var flow = new Dataflow("export_mixed");
        var in = flow.input("inp", TestingSource.<Object>of(new Reading("a", 1.0), "oops"));
        Results r = Capture.of(flow).stream("mixed", in).run();
        assertThatThrownBy(() -> r.items("mixed", Reading.class))
                .isInstanceOf(ClassCastException.class)
                .hasMessage("item 1 of 'mixed' must be a Reading; got a String \"oops\" instead; "
                        + "ask for a type all its items share, such as Object");
    }

    @Test
    void writeCsvWritesTheTableWithAHeaderAndQuotedValues(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out/readings.csv");
        Path written = readings().writeCsv("readings", file);
        assertThat(written).isEqualTo(file);
        assertThat(Files.readAllLines(file)).containsExactly("sensor,celsius", "a,20.5", "\"b, \"\"west\"\"\",19.0");
    }

    @Test
    void writeCsvOfAWindowedCaptureHasItsWindowColumns(@TempDir Path dir) throws IOException {
        var flow = new Dataflow("export_win");
        Results r = Capture.of(flow).window("counts", CaptureTest.windowOut(flow)).run();
        Path file = r.writeCsv("counts", dir.resolve("counts.csv"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("key,window_id,open_time,close_time,value,late");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).endsWith(",true");
    }

    @Test
    void writeCsvOfAnUnknownNameListsTheCapturedOnes(@TempDir Path dir) {
        assertThatThrownBy(() -> readings().writeCsv("nope", dir.resolve("x.csv")))
                .hasMessage("captured name must be one of [readings]; got 'nope' instead");
    }
}
