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
