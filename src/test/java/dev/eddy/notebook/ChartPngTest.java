package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.KV;
import dev.eddy.windowing.WindowValue;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.Histogram;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;

class ChartPngTest {
    private static final double[] SAMPLE = {1, 2, 2, 3, 3, 3, 4, 4, 5, 10};
    private static final int FIRST_COLOUR = 0x1f77b4;

    @Test
    void histogramsBinLikePlotlyWhenTheTraceSaysNothing() {
        HistogramBins bins = HistogramBins.of(SAMPLE, Map.of("nbinsx", 0));
        // plotly: size from the spread (2·sd/n^0.4 = 1.9, rounded up to 2), integers centred, edges from -0.5
        assertThat(bins).isEqualTo(new HistogramBins(-0.5, 2, 6));
        assertThat(bins.counts(SAMPLE)).containsExactly(1, 5, 3, 0, 0, 1);
    }

    @Test
    void histogramsFollowNbinsxAsANiceMaximumAndXbinsExactly() {
        double[] data = new double[100];
        for (int i = 0; i < data.length; i++) data[i] = i + 0.25;
        HistogramBins ten = HistogramBins.of(data, Map.of("nbinsx", 10));
        assertThat(ten.size()).isEqualTo(10);
        assertThat(ten.count()).isEqualTo(10);
        assertThat(ten.counts(data)).containsOnly(10);
        HistogramBins explicit = HistogramBins.of(SAMPLE, Map.of("xbins", Map.of("start", 0, "end", 12, "size", 3)));
        assertThat(explicit).isEqualTo(new HistogramBins(0, 3, 4));
        assertThat(explicit.counts(SAMPLE)).containsExactly(3, 6, 0, 1);
    }

    @Test
    void aTablesawHistogramPngDrawsOneBarPerNonEmptyBin() throws IOException {
        Table t = Table.create("t", DoubleColumn.create("v", SAMPLE));
        BufferedImage image = ChartTest.decode(ChartPng.render(Chart.of(Histogram.create("hist", t, "v"))));
        assertThat(barsAlongTheBottom(image)).isEqualTo(4);
    }

    @Test
    void theLegendFollowsTheLayoutsShowLegend() {
        ScatterTrace a = ScatterTrace.builder(new double[] {1, 2}, new double[] {1, 2}).name("a").build();
        ScatterTrace b = ScatterTrace.builder(new double[] {1, 2}, new double[] {2, 1}).name("b").build();
        Chart hidden = Chart.of(new Figure(Layout.builder().title("two").showLegend(false).build(), a, b));
        Chart shown = Chart.of(new Figure(Layout.builder().title("one").showLegend(true).build(), a));
        Chart byDefault = Chart.of(new Figure(Layout.builder().title("two").build(), a, b));
        assertThat(ChartPng.draw(hidden).getLegend()).isNull();
        assertThat(ChartPng.draw(shown).getLegend()).isNotNull();
        assertThat(ChartPng.draw(byDefault).getLegend()).isNotNull();
        Table t = Table.create("t", DoubleColumn.create("v", SAMPLE));
        Figure histogram = Histogram.create("hist", t, "v");
        assertThat(ChartPng.draw(Chart.of(histogram)).getLegend()).isNull();
    }

    @Test
    void windowsThatOpenAndCloseAtOnceGetAVisibleBand() {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        var meta = List.of(WindowChartsTest.meta("a", 0, 0, 100), WindowChartsTest.meta("a", 1, 50, 50));
        Table windowed = Tables.windowed("w", List.of(KV.of("a", new WindowValue<>(0, 1L)),
                KV.of("a", new WindowValue<>(1, 1L))), List.of(), meta);
        Chart c = WindowCharts.watermark(List.of(t0, t0.plusSeconds(100)), x -> x, Duration.ZERO, windowed);
        List<?> shapes = (List<?>) c.layout().get("shapes");
        Map<?, ?> instant = (Map<?, ?>) shapes.get(1);
        assertThat(instant.get("y0")).isEqualTo("2024-01-01 00:00:49.500");
        assertThat(instant.get("y1")).isEqualTo("2024-01-01 00:00:50.500");
        Map<?, ?> wide = (Map<?, ?>) shapes.get(0);
        assertThat(wide.get("y0")).isEqualTo("2024-01-01 00:00:00.000");
        assertThat(wide.get("y1")).isEqualTo("2024-01-01 00:01:40.000");
    }

    /** Runs of the first palette colour along the row just above the x axis: one per bar. */
    private static int barsAlongTheBottom(BufferedImage image) {
        int bottom = -1;
        for (int y = image.getHeight() - 1; y >= 0 && bottom < 0; y--) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == FIRST_COLOUR) {
                    bottom = y;
                    break;
                }
            }
        }
        int runs = 0;
        boolean inside = false;
        for (int x = 0; x < image.getWidth(); x++) {
            boolean bar = (image.getRGB(x, bottom) & 0xffffff) == FIRST_COLOUR;
            if (bar && !inside) runs++;
            inside = bar;
        }
        return runs;
    }
}
