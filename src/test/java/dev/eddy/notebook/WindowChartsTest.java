package dev.eddy.notebook;

import static dev.eddy.notebook.TablesTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.KV;
import dev.eddy.windowing.WindowMetadata;
import dev.eddy.windowing.WindowValue;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class WindowChartsTest {

    record Event(String user, Instant time) {
    }

    /** Sessions: a has [0s, 4s] and [20s, 21s]; b has [2s, 9s]; one late event for a at 1s. */
    static Table sessions() {
        var down = List.of(KV.of("a", new WindowValue<>(0, 3L)), KV.of("a", new WindowValue<>(1, 2L)),
                KV.of("b", new WindowValue<>(0, 4L)));
        var late = List.of(KV.of("a", new WindowValue<>(-1, new Event("a", T0.plusSeconds(1)))));
        var meta = List.of(meta("a", 0, 0, 4), meta("a", 1, 20, 21), meta("b", 0, 2, 9));
        return Tables.windowed("sessions", down, late, meta);
    }

    static KV<String, WindowValue<WindowMetadata>> meta(String key, long id, int open, int close) {
        return KV.of(key, new WindowValue<>(id, new WindowMetadata(T0.plusSeconds(open), T0.plusSeconds(close))));
    }

    @Test
    void aMissingColumnNamesTheColumnsThatExist() {
        assertThatThrownBy(() -> WindowCharts.perWindow(sessions(), "count"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perWindow needs column 'count' in table 'sessions'; got no such column instead; "
                        + "columns: key, window_id, open_time, close_time, value, user, time, late");
    }

    @Test
    void perWindowDrawsOneLinePerKeyOverWindowOpenTimes() throws IOException {
        Chart c = WindowCharts.perWindow(sessions(), "value");
        assertThat(c.traces()).hasSize(2);
        assertThat(c.traces().get(0)).containsEntry("name", "a")
                .containsEntry("x", List.of("2024-01-01 00:00:00.000", "2024-01-01 00:00:20.000"))
                .containsEntry("y", List.of(3L, 2L));
        assertThat(ChartTest.hasColouredPixels(ChartTest.decode(ChartPng.render(c)))).isTrue();
    }

    @Test
    void sessionTimelineHasABarPerSessionOnItsKeysRowAndMarksLateItems() throws IOException {
        Chart c = WindowCharts.sessionTimeline(sessions(), "time");
        var bars = c.traces().get(0);
        assertThat(bars.get("y")).isEqualTo(Arrays.asList("a", "a", null, "a", "a", null, "b", "b", null));
        assertThat(c.traces().get(1)).containsEntry("name", "late items")
                .containsEntry("x", List.of("2024-01-01 00:00:01.000"));
        assertThat(c.title()).isEqualTo("Sessions per key: 3 sessions, 1 late items");
        assertThat(ChartTest.hasColouredPixels(ChartTest.decode(ChartPng.render(c)))).isTrue();
    }

    @Test
    void watermarkViewMarksItemsBehindTheWatermarkAsLate() throws IOException {
        var arrivals = List.of(new Event("a", T0), new Event("a", T0.plusSeconds(10)),
                new Event("a", T0.plusSeconds(7)), new Event("a", T0.plusSeconds(2)));
        Chart c = WindowCharts.watermark(arrivals, Event::time, Duration.ofSeconds(5), sessions());
        assertThat(c.traces().get(1)).containsEntry("name", "late").containsEntry("x", List.of(3));
        assertThat(c.traces().get(2).get("y")).isEqualTo(List.of("2023-12-31 23:59:55.000",
                "2024-01-01 00:00:05.000", "2024-01-01 00:00:05.000", "2024-01-01 00:00:05.000"));
        assertThat((List<?>) c.layout().get("shapes")).hasSize(3);
        assertThat(ChartTest.hasColouredPixels(ChartTest.decode(ChartPng.render(c)))).isTrue();
    }

    @Test
    void theWatermarkTitleSaysTheWaitInWordsAReaderKnows() {
        var arrivals = List.of(new Event("a", T0));
        assertThat(WindowCharts.watermark(arrivals, Event::time, Duration.ofSeconds(2), null).title())
                .isEqualTo("Watermark: event time by arrival (wait 2 s), 0 late of 1");
        assertThat(WindowCharts.watermark(arrivals, Event::time, Duration.ofMillis(1500), null).title())
                .contains("(wait 1.5 s)");
        assertThat(WindowCharts.watermark(arrivals, Event::time, Duration.ofMillis(250), null).title())
                .contains("(wait 250 ms)");
        assertThat(WindowCharts.watermark(arrivals, Event::time, Duration.ofSeconds(90), null).title())
                .contains("(wait 1 min 30 s)");
        assertThat(WindowCharts.watermark(arrivals, Event::time, Duration.ofHours(2), null).title())
                .contains("(wait 2 h)");
        assertThat(WindowCharts.watermark(arrivals, Event::time, Duration.ZERO, null).title())
                .contains("(wait 0 s)");
    }

    @Test
    void distributionsOfSessionLengthAndEventsPerSession() throws IOException {
        Chart lengths = WindowCharts.sessionLengths(sessions());
        assertThat(lengths.traces().get(0).get("x")).isEqualTo(List.of(4.0, 1.0, 7.0));
        Chart events = WindowCharts.eventsPerSession(sessions(), "value");
        assertThat(events.traces().get(0).get("x")).isEqualTo(List.of(3.0, 2.0, 4.0));
        assertThat(WindowCharts.eventsPerSession(sessions(), null).traces().get(0).get("x"))
                .isEqualTo(List.of(1.0, 1.0, 1.0));
        ChartTest.decode(ChartPng.render(lengths));
        ChartTest.decode(ChartPng.render(events));
    }

    @Test
    void chartsOfAnEmptyResultStillRender() throws IOException {
        Table empty = Tables.windowed("none", List.of(), List.of(), List.of());
        Chart c = WindowCharts.sessionTimeline(empty);
        assertThat(c.pointCount()).isZero();
        ChartTest.decode(ChartPng.render(c));
    }
}
