package dev.eddy.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.plotly.components.Figure;

/**
 * A plotly chart as data: traces, layout and config, ready for plotly.js 3 and later (titles as {@code {text}},
 * numbers as numbers, no fixed width). In a notebook it shows as the interactive chart where scripts run and as a
 * PNG drawn in Java everywhere else. tablesaw-jsplot {@link Figure}s become charts with {@link #of(Figure)}; the
 * windowing charts in {@link WindowCharts} are charts too.
 * <pre>{@code
 * import tech.tablesaw.api.*;
 * import tech.tablesaw.plotly.api.LinePlot;
 * Table t = Table.create("t", DoubleColumn.create("x", 1, 2, 3), DoubleColumn.create("y", 1, 4, 9));
 * Chart c = Chart.of(LinePlot.create("Squares", t, "x", "y"));
 * System.out.println(c);
 * // Chart: Squares — 1 trace (scatter), 3 points
 * }</pre>
 */
public final class Chart {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NUMERIC_KEYS = Set.of("x", "y", "z", "values", "open", "high", "low", "close");

    private final List<Map<String, Object>> traces;
    private final Map<String, Object> layout;
    private final Map<String, Object> config;

    Chart(List<Map<String, Object>> traces, Map<String, Object> layout, Map<String, Object> config) {
        this.traces = traces;
        this.layout = layout;
        this.config = config;
        normalise();
    }

    /** The chart a tablesaw-jsplot figure describes. */
    public static Chart of(Figure figure) {
        Objects.requireNonNull(figure, "Chart.of figure can't be null");
        FigureParser.Parsed parsed = FigureParser.parse(figure);
        return new Chart(parsed.traces(), parsed.layout(), parsed.config());
    }

    /**
     * A bar per row of {@code table}: {@code valueColumn}'s value for each {@code categoryColumn} value, as
     * tablesaw-jsplot's {@code VerticalBarPlot.create} draws it, with the two column names as axis titles.
     * <pre>{@code
     * import tech.tablesaw.api.*;
     * Table t = Table.create("per_user", StringColumn.create("user", "alice", "bob"), DoubleColumn.create("n", 2, 3));
     * Chart c = Chart.bars("Sessions per user", t, "user", "n");
     * System.out.println(c + "; axes " + c.axisTitle("x") + ", " + c.axisTitle("y"));
     * // Chart: Sessions per user — 1 trace (bar), 2 points; axes user, n
     * }</pre>
     */
    public static Chart bars(String title, tech.tablesaw.api.Table table, String categoryColumn, String valueColumn) {
        Objects.requireNonNull(table, "Chart.bars table can't be null");
        return of(tech.tablesaw.plotly.api.VerticalBarPlot.create(title, table, categoryColumn, valueColumn))
                .axisTitles(categoryColumn, valueColumn);
    }

    /**
     * This chart with {@code xTitle} and {@code yTitle} on its axes: for a tablesaw-jsplot figure, whose bar and
     * pie helpers leave the axes untitled.
     * <pre>{@code
     * import tech.tablesaw.api.*;
     * import tech.tablesaw.plotly.api.VerticalBarPlot;
     * Table t = Table.create("t", StringColumn.create("user", "a", "b"), DoubleColumn.create("n", 1, 2));
     * Chart c = Chart.of(VerticalBarPlot.create("N", t, "user", "n")).axisTitles("user", "sessions");
     * System.out.println(c.axisTitle("y"));
     * // sessions
     * }</pre>
     */
    public Chart axisTitles(String xTitle, String yTitle) {
        Map<String, Object> newLayout = new LinkedHashMap<>(layout);
        putAxisTitle(newLayout, "xaxis", xTitle);
        putAxisTitle(newLayout, "yaxis", yTitle);
        return new Chart(traces, newLayout, config);
    }

    /** The title of axis {@code x} or {@code y}, or an empty string. */
    public String axisTitle(String axis) {
        Object a = layout.get(axis + "axis");
        return a instanceof Map<?, ?> m ? titleText(m.get("title")) : "";
    }

    @SuppressWarnings("unchecked")
    private static void putAxisTitle(Map<String, Object> layout, String axis, String title) {
        if (title == null) return;
        Map<String, Object> a = layout.get(axis) instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
                : new LinkedHashMap<>();
        a.put("title", new LinkedHashMap<>(Map.of("text", title)));
        layout.put(axis, a);
    }

    /** The title, or an empty string. */
    public String title() {
        return titleText(layout.get("title"));
    }

    /** How many data points all traces hold together. */
    public int pointCount() {
        int n = 0;
        for (Map<String, Object> t : traces) {
            Object values = t.containsKey("y") ? t.get("y") : t.containsKey("x") ? t.get("x") : t.get("values");
            if (values instanceof Collection<?> c) n += c.size();
        }
        return n;
    }

    /** The trace types, in order, such as {@code scatter}. */
    public List<String> traceTypes() {
        return traces.stream().map(t -> String.valueOf(t.getOrDefault("type", "scatter"))).toList();
    }

    /** {@code {"data":[…],"layout":{…},"config":{…}}}: what plotly.js's {@code newPlot} takes. */
    public String toJson() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("data", traces);
        spec.put("layout", layout);
        spec.put("config", config);
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chart '" + title() + "' must convert to JSON; got " + e + " instead", e);
        }
    }

    List<Map<String, Object>> traces() {
        return traces;
    }

    Map<String, Object> layout() {
        return layout;
    }

    /** {@code Chart: Title — 2 traces (scatter, bar), 24 points}. */
    @Override
    public String toString() {
        Set<String> types = new LinkedHashSet<>(traceTypes());
        return "Chart: " + (title().isEmpty() ? "untitled" : title()) + " — " + traces.size()
                + (traces.size() == 1 ? " trace" : " traces") + " (" + String.join(", ", types) + "), "
                + pointCount() + " points";
    }

    static String titleText(Object title) {
        if (title instanceof Map<?, ?> m) return m.get("text") == null ? "" : String.valueOf(m.get("text"));
        return title == null ? "" : String.valueOf(title);
    }

    /** Makes the spec work with current plotly.js and fit any output width. */
    private void normalise() {
        fixTitle(layout);
        for (Map.Entry<String, Object> e : layout.entrySet()) {
            if (e.getKey().matches("[xyz]axis\\d*") && e.getValue() instanceof Map<?, ?> axis) fixTitle(cast(axis));
            if (e.getKey().startsWith("scene") && e.getValue() instanceof Map<?, ?> scene) {
                for (Object axis : cast(scene).values()) if (axis instanceof Map<?, ?> a) fixTitle(cast(a));
            }
        }
        layout.remove("width");
        layout.put("autosize", true);
        config.put("responsive", true);
        config.put("displaylogo", false);
        for (Map<String, Object> trace : traces) {
            for (String key : NUMERIC_KEYS) {
                if (trace.get(key) instanceof List<?> values) trace.put(key, numbersIfAll(values));
            }
            if (trace.get("marker") instanceof Map<?, ?> marker && cast(marker).get("colorbar") instanceof Map<?, ?> cb) {
                fixTitle(cast(cb));
            }
        }
    }

    /** plotly.js 3 dropped string titles and {@code titlefont}: move both into {@code title: {text, font}}. */
    private static void fixTitle(Map<String, Object> owner) {
        Object title = owner.get("title");
        Object font = owner.remove("titlefont");
        if (title == null) return;
        Map<String, Object> fixed = new LinkedHashMap<>();
        if (title instanceof Map<?, ?> m) {
            fixed.putAll(cast(m));
        } else {
            fixed.put("text", unescape(String.valueOf(title)));
        }
        if (font != null) fixed.putIfAbsent("font", font);
        owner.put("title", fixed);
    }

    /** jsplot's templates HTML-escape titles; the chart shows them as text, so undo that. */
    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    /** jsplot writes column values as strings ("20.0"); turn a list that is all numbers into numbers. */
    private static List<?> numbersIfAll(List<?> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            if (v == null || v instanceof Number) {
                out.add(v);
            } else if (v instanceof String s) {
                if (s.equals("null") || s.equals("NaN")) {
                    out.add(null);
                    continue;
                }
                try {
                    out.add(Double.parseDouble(s));
                } catch (NumberFormatException e) {
                    return values;
                }
            } else {
                return values;
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
