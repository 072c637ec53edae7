package dev.eddy.notebook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Charts for windowed results, each one call on a table from {@link Results#table} (columns {@code key},
 * {@code window_id}, {@code open_time}, {@code close_time}, the value's fields, {@code late}).
 * <pre class="fragment">{@code
 * Results r = Capture.of(flow).window("sessions", sessions).run();
 * Table t = r.table("sessions");
 * display(WindowCharts.sessionTimeline(t));          // one row per key, a bar per session
 * display(WindowCharts.perWindow(t, "value"));        // the windows' values over time, a line per key
 * display(WindowCharts.sessionLengths(t));            // how long sessions last
 * }</pre>
 * A column that does not exist is reported with the columns that do.
 */
public final class WindowCharts {

    /** At most this many keys get their own line in {@link #perWindow}; the rest are left out and counted. */
    static final int MAX_KEYS = 20;
    /** A window band is at least this share of the watermark chart's event-time span high (about 4 pixels). */
    static final double MIN_BAND_SHARE = 0.01;
    private static final DateTimeFormatter PLOTLY_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private WindowCharts() {
    }

    /** {@code valueColumn} of each window over time (at the window's open time), one line per key. */
    public static Chart perWindow(Table windowed, String valueColumn) {
        Column<?> key = require(windowed, Tables.KEY, "perWindow");
        Column<?> value = require(windowed, valueColumn, "perWindow");
        Column<?> open = require(windowed, Tables.OPEN_TIME, "perWindow");
        Column<?> late = windowed.containsColumn(Tables.LATE) ? windowed.column(Tables.LATE) : null;
        Map<String, List<Object[]>> byKey = new LinkedHashMap<>();
        for (int r = 0; r < windowed.rowCount(); r++) {
            if (isTrue(late, r) || open.isMissing(r)) continue;
            byKey.computeIfAbsent(text(key, r), k -> new ArrayList<>())
                    .add(new Object[] {date((Instant) open.get(r)), value.isMissing(r) ? null : value.get(r)});
        }
        List<Map<String, Object>> traces = new ArrayList<>();
        for (Map.Entry<String, List<Object[]>> e : byKey.entrySet()) {
            if (traces.size() == MAX_KEYS) break;
            List<Object[]> points = e.getValue();
            points.sort((a, b) -> ((String) a[0]).compareTo((String) b[0]));
            traces.add(trace("scatter", e.getKey(), "lines+markers",
                    points.stream().map(p -> p[0]).toList(), points.stream().map(p -> p[1]).toList()));
        }
        String more = byKey.size() > MAX_KEYS ? " (first " + MAX_KEYS + " of " + byKey.size() + " keys)" : "";
        return chart(traces, valueColumn + " per window" + more, "window open time", valueColumn, null);
    }

    /** One row per key, a bar per session from its open to its close time. */
    public static Chart sessionTimeline(Table windowed) {
        return sessionTimeline(windowed, null);
    }

    /**
     * One row per key, a bar per session from its open to its close time, and each late item marked at the time
     * in its {@code lateTimeColumn} (a value field holding the item's event time).
     */
    public static Chart sessionTimeline(Table windowed, String lateTimeColumn) {
        Column<?> key = require(windowed, Tables.KEY, "sessionTimeline");
        Column<?> open = require(windowed, Tables.OPEN_TIME, "sessionTimeline");
        Column<?> close = require(windowed, Tables.CLOSE_TIME, "sessionTimeline");
        Column<?> late = windowed.containsColumn(Tables.LATE) ? windowed.column(Tables.LATE) : null;
        Column<?> lateTime = lateTimeColumn == null ? null : require(windowed, lateTimeColumn, "sessionTimeline");
        List<Object> xs = new ArrayList<>();
        List<Object> ys = new ArrayList<>();
        List<Object> lateX = new ArrayList<>();
        List<Object> lateY = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int lateCount = 0;
        for (int r = 0; r < windowed.rowCount(); r++) {
            if (isTrue(late, r)) {
                lateCount++;
                if (lateTime != null && !lateTime.isMissing(r) && lateTime.get(r) instanceof Instant t) {
                    lateX.add(date(t));
                    lateY.add(text(key, r));
                }
                continue;
            }
            if (open.isMissing(r) || close.isMissing(r)) continue;
            String session = text(key, r) + "\u0000" + windowed.column(Tables.WINDOW_ID).getString(r);
            if (!seen.add(session)) continue;
            xs.add(date((Instant) open.get(r)));
            xs.add(date((Instant) close.get(r)));
            xs.add(null);
            String k = text(key, r);
            ys.add(k);
            ys.add(k);
            ys.add(null);
        }
        List<Map<String, Object>> traces = new ArrayList<>();
        Map<String, Object> bars = trace("scatter", "sessions", "lines+markers", xs, ys);
        bars.put("line", Map.of("width", 10, "color", "#1f77b4"));
        bars.put("marker", Map.of("size", 6, "color", "#1f77b4"));
        bars.put("connectgaps", false);
        traces.add(bars);
        if (!lateX.isEmpty()) {
            Map<String, Object> marks = trace("scatter", "late items", "markers", lateX, lateY);
            marks.put("marker", Map.of("symbol", "x", "size", 10, "color", "#d62728"));
            traces.add(marks);
        }
        String title = "Sessions per key: " + seen.size() + " sessions"
                + (lateCount > 0 ? ", " + lateCount + " late items" : "");
        Chart c = chart(traces, title, "event time", Tables.KEY, null);
        Map<String, Object> yaxis = Chart.cast((Map<?, ?>) c.layout().get("yaxis"));
        yaxis.put("type", "category");
        return c;
    }

    /**
     * Event time against arrival order for {@code arrivals}, with the watermark an event-time clock waiting
     * {@code waitForSystem} keeps (the latest event time seen, less the wait), the windows of {@code windowed}
     * (may be {@code null}) as bands, and items that arrive behind the watermark marked late.
     */
    public static <T> Chart watermark(List<T> arrivals, Function<? super T, Instant> eventTime, Duration waitForSystem,
                                      Table windowed) {
        Objects.requireNonNull(arrivals, "watermark arrivals can't be null");
        Objects.requireNonNull(eventTime, "watermark eventTime can't be null");
        if (waitForSystem == null || waitForSystem.isNegative()) {
            throw new IllegalArgumentException("watermark waitForSystem must be zero or more; got " + waitForSystem
                    + " instead");
        }
        List<Object> onX = new ArrayList<>();
        List<Object> onY = new ArrayList<>();
        List<Object> lateX = new ArrayList<>();
        List<Object> lateY = new ArrayList<>();
        List<Object> wmX = new ArrayList<>();
        List<Object> wmY = new ArrayList<>();
        Instant max = null;
        for (int i = 0; i < arrivals.size(); i++) {
            Instant t = eventTime.apply(arrivals.get(i));
            if (t == null) {
                throw new IllegalArgumentException("watermark eventTime must give a time for every item; got null "
                        + "for item " + i + " (" + SafeText.of(arrivals.get(i), 200) + ") instead");
            }
            if (max == null || t.isAfter(max)) max = t;
            Instant mark = max.minus(waitForSystem);
            boolean late = t.isBefore(mark);
            (late ? lateX : onX).add(i);
            (late ? lateY : onY).add(date(t));
            wmX.add(i);
            wmY.add(date(mark));
        }
        List<Map<String, Object>> traces = new ArrayList<>();
        Map<String, Object> on = trace("scatter", "on time", "markers", onX, onY);
        on.put("marker", Map.of("size", 7, "color", "#1f77b4"));
        traces.add(on);
        Map<String, Object> late = trace("scatter", "late", "markers", lateX, lateY);
        late.put("marker", Map.of("symbol", "x", "size", 10, "color", "#d62728"));
        traces.add(late);
        Map<String, Object> wm = trace("scatter", "watermark", "lines", wmX, wmY);
        wm.put("line", Map.of("shape", "hv", "color", "#2ca02c", "width", 2));
        traces.add(wm);
        List<Map<String, Object>> shapes = windowed == null ? List.of() : bands(windowed, arrivals.stream()
                .map(eventTime).toList());
        return chart(traces, "Watermark: event time by arrival (wait " + words(waitForSystem) + "), " + lateX.size()
                + " late of " + arrivals.size(), "arrival order", "event time", shapes);
    }

    /** A duration as a reader says it: {@code 2 s}, {@code 1.5 s}, {@code 250 ms}, {@code 1 min 30 s}, {@code 2 h}. */
    static String words(Duration d) {
        if (d.isNegative()) return "-" + words(d.negated());
        if (d.compareTo(Duration.ofSeconds(1)) < 0 && !d.isZero()) {
            long micros = d.toNanos() / 1000;
            return micros % 1000 == 0 ? micros / 1000 + " ms" : java.math.BigDecimal.valueOf(d.toNanos(), 6)
                    .stripTrailingZeros().toPlainString() + " ms";
        }
        List<String> parts = new ArrayList<>();
        if (d.toHours() > 0) parts.add(d.toHours() + " h");
        if (d.toMinutesPart() > 0) parts.add(d.toMinutesPart() + " min");
        java.math.BigDecimal seconds = java.math.BigDecimal.valueOf(d.toSecondsPart())
                .add(java.math.BigDecimal.valueOf(d.toNanosPart(), 9)).stripTrailingZeros();
        if (seconds.signum() > 0 || parts.isEmpty()) parts.add(seconds.toPlainString() + " s");
        return String.join(" ", parts);
    }

    /** How long sessions last, in seconds: a histogram over each session's close time less its open time. */
    public static Chart sessionLengths(Table windowed) {
        Column<?> open = require(windowed, Tables.OPEN_TIME, "sessionLengths");
        Column<?> close = require(windowed, Tables.CLOSE_TIME, "sessionLengths");
        Column<?> late = windowed.containsColumn(Tables.LATE) ? windowed.column(Tables.LATE) : null;
        List<Object> seconds = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int r = 0; r < windowed.rowCount(); r++) {
            if (isTrue(late, r) || open.isMissing(r) || close.isMissing(r)) continue;
            if (!seen.add(sessionId(windowed, r))) continue;
            Duration d = Duration.between((Instant) open.get(r), (Instant) close.get(r));
            seconds.add(d.toMillis() / 1000.0);
        }
        return histogram(seconds, "Session length (" + seconds.size() + " sessions)", "session length (s)");
    }

    /** How many events sessions hold: one per row of each session, or the numbers in {@code countColumn}. */
    public static Chart eventsPerSession(Table windowed, String countColumn) {
        Column<?> late = windowed.containsColumn(Tables.LATE) ? windowed.column(Tables.LATE) : null;
        List<Object> counts = new ArrayList<>();
        if (countColumn != null) {
            Column<?> count = require(windowed, countColumn, "eventsPerSession");
            for (int r = 0; r < windowed.rowCount(); r++) {
                if (!isTrue(late, r) && !count.isMissing(r) && count.get(r) instanceof Number n) counts.add(n.doubleValue());
            }
        } else {
            require(windowed, Tables.KEY, "eventsPerSession");
            require(windowed, Tables.WINDOW_ID, "eventsPerSession");
            Map<String, Integer> rows = new LinkedHashMap<>();
            for (int r = 0; r < windowed.rowCount(); r++) {
                if (!isTrue(late, r)) rows.merge(sessionId(windowed, r), 1, Integer::sum);
            }
            rows.values().forEach(n -> counts.add(n.doubleValue()));
        }
        return histogram(counts, "Events per session (" + counts.size() + " sessions)", "events per session");
    }

    /** The column, or an error naming the columns that exist. */
    static Column<?> require(Table table, String name, String chart) {
        if (name != null && table.containsColumn(name)) return table.column(name);
        throw new IllegalArgumentException(chart + " needs column '" + name + "' in table '" + table.name()
                + "'; got no such column instead; columns: " + String.join(", ", table.columnNames()));
    }

    private static Chart histogram(List<Object> values, String title, String xTitle) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("type", "histogram");
        t.put("name", xTitle);
        t.put("x", values);
        return chart(new ArrayList<>(List.of(t)), title, xTitle, "sessions", null);
    }

    /**
     * One shaded band per distinct window, from open to close time. A window that opens and closes at (nearly) the
     * same instant gets {@link #MIN_BAND_SHARE} of the chart's event-time span around that instant, so it shows.
     */
    private static List<Map<String, Object>> bands(Table windowed, List<Instant> eventTimes) {
        Column<?> open = require(windowed, Tables.OPEN_TIME, "watermark");
        Column<?> close = require(windowed, Tables.CLOSE_TIME, "watermark");
        Duration minHeight = minBandHeight(windowed, open, close, eventTimes);
        Set<String> seen = new LinkedHashSet<>();
        List<Map<String, Object>> shapes = new ArrayList<>();
        for (int r = 0; r < windowed.rowCount() && shapes.size() < 200; r++) {
            if (open.isMissing(r) || close.isMissing(r)) continue;
            Instant from = (Instant) open.get(r);
            Instant to = (Instant) close.get(r);
            if (!seen.add(from + "/" + to)) continue;
            if (Duration.between(from, to).compareTo(minHeight) < 0) {
                Instant middle = from.plus(Duration.between(from, to).dividedBy(2));
                from = middle.minus(minHeight.dividedBy(2));
                to = middle.plus(minHeight.dividedBy(2));
            }
            String y0 = date(from);
            String y1 = date(to);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("type", "rect");
            s.put("xref", "paper");
            s.put("yref", "y");
            s.put("x0", 0);
            s.put("x1", 1);
            s.put("y0", y0);
            s.put("y1", y1);
            s.put("fillcolor", "rgba(31,119,180,0.10)");
            s.put("line", Map.of("width", 1, "color", "rgba(31,119,180,0.35)"));
            s.put("layer", "below");
            shapes.add(s);
        }
        return shapes;
    }

    /** The smallest band height: a share of the span of every time on the chart, at least a millisecond. */
    private static Duration minBandHeight(Table windowed, Column<?> open, Column<?> close, List<Instant> eventTimes) {
        List<Instant> all = new ArrayList<>(eventTimes);
        for (int r = 0; r < windowed.rowCount(); r++) {
            if (!open.isMissing(r)) all.add((Instant) open.get(r));
            if (!close.isMissing(r)) all.add((Instant) close.get(r));
        }
        if (all.isEmpty()) return Duration.ofMillis(1);
        Duration span = Duration.between(Collections.min(all), Collections.max(all));
        Duration share = Duration.ofMillis((long) (span.toMillis() * MIN_BAND_SHARE));
        return share.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : share;
    }

    private static Map<String, Object> trace(String type, String name, String mode, List<?> x, List<?> y) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("type", type);
        t.put("name", name);
        t.put("mode", mode);
        t.put("x", new ArrayList<>(x));
        t.put("y", new ArrayList<>(y));
        return t;
    }

    private static Chart chart(List<Map<String, Object>> traces, String title, String xTitle, String yTitle,
                               List<Map<String, Object>> shapes) {
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("title", Map.of("text", title));
        layout.put("xaxis", new LinkedHashMap<>(Map.of("title", Map.of("text", xTitle))));
        layout.put("yaxis", new LinkedHashMap<String, Object>(Map.of("title", Map.of("text", yTitle))));
        layout.put("height", ChartPng.HEIGHT + 50);
        if (shapes != null && !shapes.isEmpty()) layout.put("shapes", shapes);
        return new Chart(traces, layout, new LinkedHashMap<>());
    }

    private static String sessionId(Table t, int r) {
        return t.column(Tables.KEY).getString(r) + "\u0000" + t.column(Tables.WINDOW_ID).getString(r);
    }

    private static boolean isTrue(Column<?> c, int r) {
        return c != null && !c.isMissing(r) && Boolean.TRUE.equals(c.get(r));
    }

    private static String text(Column<?> c, int r) {
        return c.isMissing(r) ? "null" : c.getString(r);
    }

    static String date(Instant t) {
        return PLOTLY_DATE.format(t);
    }
}
