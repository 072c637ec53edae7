package dev.eddy.notebook;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.general.DefaultPieDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a {@link Chart} as a PNG with JFreeChart, headless, for where plotly.js does not run: scatter and line
 * traces (number, date or category axes, gaps at missing values), bars, histograms and pies. Other trace types
 * have no static picture ({@link #render} returns {@code null}).
 */
final class ChartPng {

    static final int WIDTH = 720;
    static final int HEIGHT = 400;
    /** Above this many points a scatter draws lines only, to keep the picture small. */
    static final int MAX_MARKERS = 500;
    private static final Paint[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartPng() {
    }

    /** The PNG bytes, or {@code null} when the chart has a trace type this can't draw. */
    static byte[] render(Chart chart) {
        JFreeChart drawn = draw(chart);
        if (drawn == null) return null;
        drawn.setBackgroundPaint(Color.WHITE);
        BufferedImage image = drawn.createBufferedImage(WIDTH, HEIGHT);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The JFreeChart behind {@link #render}, or {@code null}. */
    static JFreeChart draw(Chart chart) {
        List<Map<String, Object>> traces = chart.traces();
        List<String> types = chart.traceTypes();
        if (traces.isEmpty()) return null;
        String title = chart.title();
        if (types.stream().allMatch("pie"::equals)) return pie(title, traces.get(0), showsLegend(chart, true));
        if (types.stream().allMatch("histogram"::equals)) return histogram(chart, traces);
        if (!types.stream().allMatch(t -> t.equals("scatter") || t.equals("bar") || t.equals("scattergl"))) return null;
        return xy(chart, traces);
    }

    private static JFreeChart xy(Chart chart, List<Map<String, Object>> traces) {
        List<AxisValues> xs = new ArrayList<>();
        List<AxisValues> ys = new ArrayList<>();
        Map<String, Integer> xCategories = new java.util.LinkedHashMap<>();
        Map<String, Integer> yCategories = new java.util.LinkedHashMap<>();
        for (Map<String, Object> t : traces) {
            AxisValues y = AxisValues.of(t.get("y"), yCategories);
            AxisValues x = t.containsKey("x") ? AxisValues.of(t.get("x"), xCategories) : indexes(y.values().length);
            xs.add(x);
            ys.add(y);
        }
        XYPlot plot = new XYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainAxis(axis(xs, xCategories, axisTitle(chart, "xaxis")));
        plot.setRangeAxis(axis(ys, yCategories, axisTitle(chart, "yaxis")));
        if (chart.traceTypes().contains("bar") && plot.getRangeAxis() instanceof NumberAxis range) {
            range.setAutoRangeIncludesZero(true);
        }
        int colour = 0;
        for (int i = 0; i < traces.size(); i++) {
            Map<String, Object> t = traces.get(i);
            Paint paint = paint(t, colour++);
            String name = t.get("name") == null ? "trace " + i : String.valueOf(t.get("name"));
            double[] x = xs.get(i).values();
            double[] y = ys.get(i).values();
            if ("bar".equals(t.get("type"))) {
                XYSeries s = new XYSeries(name, false, true);
                for (int k = 0; k < Math.min(x.length, y.length); k++) if (!Double.isNaN(x[k])) s.add(x[k], y[k]);
                XYSeriesCollection data = new XYSeriesCollection(s);
                data.setIntervalWidth(barWidth(x));
                XYBarRenderer r = new XYBarRenderer(0.1);
                r.setShadowVisible(false);
                r.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
                r.setSeriesPaint(0, paint);
                plot.setDataset(i, data);
                plot.setRenderer(i, r);
                continue;
            }
            String mode = String.valueOf(t.getOrDefault("mode", "lines+markers"));
            boolean lines = mode.contains("lines");
            boolean markers = mode.contains("markers") && x.length <= MAX_MARKERS || !lines;
            XYSeriesCollection data = new XYSeriesCollection();
            XYSeries segment = null;
            for (int k = 0; k < Math.min(x.length, y.length); k++) {
                if (Double.isNaN(x[k]) || Double.isNaN(y[k])) {
                    segment = null;
                    continue;
                }
                if (segment == null) {
                    int n = data.getSeriesCount();
                    segment = new XYSeries(n == 0 ? name : name + "#" + n, false, true);
                    data.addSeries(segment);
                }
                segment.add(x[k], y[k]);
            }
            boolean steps = lines && t.get("line") instanceof Map<?, ?> l && "hv".equals(l.get("shape"));
            XYLineAndShapeRenderer r = steps ? new XYStepRenderer() : new XYLineAndShapeRenderer(lines, markers);
            if (steps) r.setDefaultShapesVisible(markers);
            for (int s = 0; s < data.getSeriesCount(); s++) {
                r.setSeriesPaint(s, paint);
                r.setSeriesStroke(s, new BasicStroke(lineWidth(t)));
                r.setSeriesVisibleInLegend(s, s == 0);
            }
            plot.setDataset(i, data);
            plot.setRenderer(i, r);
        }
        bands(chart, plot, ys);
        JFreeChart out = new JFreeChart(chart.title().isEmpty() ? null : chart.title(),
                JFreeChart.DEFAULT_TITLE_FONT, plot, showsLegend(chart, traces.size() > 1));
        return out;
    }

    /** Layout shapes of type rect spanning the plot's width become shaded bands on the y axis. */
    private static void bands(Chart chart, XYPlot plot, List<AxisValues> ys) {
        if (!(chart.layout().get("shapes") instanceof List<?> shapes)) return;
        boolean dateY = !ys.isEmpty() && ys.get(0).kind() == AxisValues.Kind.DATE;
        for (Object s : shapes) {
            if (!(s instanceof Map<?, ?> m) || !"rect".equals(m.get("type")) || !"paper".equals(m.get("xref"))) continue;
            double y0 = coordinate(m.get("y0"), dateY);
            double y1 = coordinate(m.get("y1"), dateY);
            if (Double.isNaN(y0) || Double.isNaN(y1)) continue;
            IntervalMarker band = new IntervalMarker(y0, y1, new Color(0x1f, 0x77, 0xb4, 0x22));
            plot.addRangeMarker(band, org.jfree.chart.ui.Layer.BACKGROUND);
        }
    }

    private static double coordinate(Object v, boolean date) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) return date ? AxisValues.epochMillis(s) : Double.NaN;
        return Double.NaN;
    }

    private static JFreeChart histogram(Chart chart, List<Map<String, Object>> traces) {
        List<double[]> values = new ArrayList<>();
        for (Map<String, Object> t : traces) {
            double[] x = AxisValues.of(t.get("x")).values();
            values.add(java.util.Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray());
        }
        // As in plotly, traces sharing an axis share bins: those of the first trace's settings over all the data.
        double[] all = values.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
        HistogramBins bins = HistogramBins.of(all, traces.get(0));
        HistogramDataset data = new HistogramDataset();
        List<Integer> drawn = new ArrayList<>();
        for (int i = 0; i < traces.size(); i++) {
            if (values.get(i).length == 0) continue;
            Map<String, Object> t = traces.get(i);
            String name = t.get("name") == null || "".equals(t.get("name")) ? "trace " + i : String.valueOf(t.get("name"));
            data.addSeries(name, values.get(i), bins.count(), bins.start(), bins.end());
            drawn.add(i);
        }
        XYBarRenderer r = new XYBarRenderer(0.05);
        r.setShadowVisible(false);
        r.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        for (int s = 0; s < drawn.size(); s++) r.setSeriesPaint(s, paint(traces.get(drawn.get(s)), drawn.get(s)));
        NumberAxis x = new NumberAxis(axisTitle(chart, "xaxis"));
        x.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, new NumberAxis(
                axisTitle(chart, "yaxis").isEmpty() ? "count" : axisTitle(chart, "yaxis")), r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return new JFreeChart(chart.title().isEmpty() ? null : chart.title(), JFreeChart.DEFAULT_TITLE_FONT, plot,
                showsLegend(chart, traces.size() > 1));
    }

    /** The layout's {@code showlegend} when set; plotly's default (a legend for more than one trace) otherwise. */
    static boolean showsLegend(Chart chart, boolean byDefault) {
        return chart.layout().get("showlegend") instanceof Boolean b ? b : byDefault;
    }

    private static JFreeChart pie(String title, Map<String, Object> trace, boolean legend) {
        DefaultPieDataset<String> data = new DefaultPieDataset<>();
        List<?> labels = trace.get("labels") instanceof List<?> l ? l : List.of();
        double[] values = AxisValues.of(trace.get("values")).values();
        for (int i = 0; i < Math.min(labels.size(), values.length); i++) {
            if (!Double.isNaN(values[i])) data.setValue(String.valueOf(labels.get(i)), values[i]);
        }
        PiePlot<String> plot = new PiePlot<>(data);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart out = new JFreeChart(title.isEmpty() ? null : title, JFreeChart.DEFAULT_TITLE_FONT, plot, legend);
        if (title.isEmpty()) out.setTitle((TextTitle) null);
        return out;
    }

    private static ValueAxis axis(List<AxisValues> values, Map<String, Integer> categories, String label) {
        AxisValues.Kind kind = values.stream().map(AxisValues::kind).reduce((a, b) -> a == b ? a
                : AxisValues.Kind.CATEGORY).orElse(AxisValues.Kind.NUMBER);
        if (kind == AxisValues.Kind.DATE) {
            DateAxis axis = new DateAxis(label);
            axis.setTimeZone(java.util.TimeZone.getTimeZone("UTC"));
            return axis;
        }
        if (kind == AxisValues.Kind.CATEGORY) {
            SymbolAxis axis = new SymbolAxis(label, categories.keySet().toArray(String[]::new));
            axis.setGridBandsVisible(false);
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private static String axisTitle(Chart chart, String axis) {
        return chart.layout().get(axis) instanceof Map<?, ?> m ? Chart.titleText(m.get("title")) : "";
    }

    private static AxisValues indexes(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = i;
        return new AxisValues(AxisValues.Kind.NUMBER, v, List.of());
    }

    private static double barWidth(double[] x) {
        double[] sorted = java.util.Arrays.stream(x).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double gap = Double.MAX_VALUE;
        for (int i = 1; i < sorted.length; i++) if (sorted[i] > sorted[i - 1]) gap = Math.min(gap, sorted[i] - sorted[i - 1]);
        return gap == Double.MAX_VALUE ? 1 : gap * 0.8;
    }

    private static Paint paint(Map<String, Object> trace, int index) {
        Object colour = trace.get("marker") instanceof Map<?, ?> m ? m.get("color") : null;
        if (colour == null && trace.get("line") instanceof Map<?, ?> l) colour = l.get("color");
        if (colour instanceof String s) {
            try {
                return Color.decode(s);
            } catch (NumberFormatException e) {
                // a named or rgba colour: fall back to the palette
            }
        }
        return PALETTE[index % PALETTE.length];
    }

    private static float lineWidth(Map<String, Object> trace) {
        return trace.get("line") instanceof Map<?, ?> l && l.get("width") instanceof Number n ? n.floatValue() : 2f;
    }
}
