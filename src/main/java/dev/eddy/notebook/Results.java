package dev.eddy.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * What a {@link Capture} kept of each named stream, shown in a notebook as one table per name (windowed outputs
 * joined with their windows' open and close times, late items marked). Showing it converts only the rows shown.
 * <pre>{@code
 * var flow = new Dataflow("res_eg");
 * var words = flow.input("inp", TestingSource.of("a", "b"));
 * Results r = Capture.of(flow).stream("words", words).run();
 * System.out.println(r + " " + r.table("words").columnNames());
 * // Results(res_eg: words 2 items) [value]
 * }</pre>
 */
public final class Results {

    private final String flowId;
    private final List<Entry> entries;
    private final boolean stopped;
    private final String resumed;
    private final int workers;
    private final String stoppedBy;
    private final String where;

    Results(String flowId, List<Entry> entries, boolean stopped) {
        this(flowId, entries, stopped, null, 1, null);
    }

    /**
     * @param resumed the run's resume line when it resumed from a recovery store, else {@code null}
     * @param workers how many workers ran the flow
     * @param stoppedBy which bound stopped a bounded recording, else {@code null}
     */
    Results(String flowId, List<Entry> entries, boolean stopped, String resumed, int workers, String stoppedBy) {
        this(flowId, entries, stopped, resumed, workers, stoppedBy, null);
    }

    /** @param where where another engine ran the flow (its job, status, parallelism), else {@code null} */
    Results(String flowId, List<Entry> entries, boolean stopped, String resumed, int workers, String stoppedBy,
            String where) {
        this.flowId = flowId;
        this.entries = List.copyOf(entries);
        this.stopped = stopped;
        this.resumed = resumed;
        this.workers = workers;
        this.stoppedBy = stoppedBy;
        this.where = where;
    }

    /**
     * Where the run resumed, when it resumed from a recovery store: which execution from which epoch, with how
     * many states, and where each source read again from (the line the run printed when it started); empty
     * for a first run or a run without recovery.
     */
    public java.util.Optional<String> resumed() {
        return java.util.Optional.ofNullable(resumed);
    }

    /**
     * Where the flow ran when an engine other than the local runtime ran it, as that engine says: for Flink
     * {@code "on Flink job <id> (FINISHED, parallelism 2)"}, its status as it was when these results were taken.
     */
    public java.util.Optional<String> where() {
        return java.util.Optional.ofNullable(where);
    }

    /** How many workers ran the flow. */
    public int workers() {
        return workers;
    }

    /** The captured names, in the order they were added. */
    public List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /** Whether the run was stopped or interrupted before its input ended. */
    public boolean stopped() {
        return stopped;
    }

    /**
     * Which bound stopped a bounded recording ({@link Capture#runFor} or {@link Capture#runForItems}), as
     * {@code "2 s passed"} or {@code "100 items captured"}; empty when no bound stopped the run.
     */
    public java.util.Optional<String> stoppedBy() {
        return java.util.Optional.ofNullable(stoppedBy);
    }

    /** The items of stream {@code name}; for a windowed capture, the items of its {@code down} stream. */
    public List<Object> items(String name) {
        return entry(name).items();
    }

    /**
     * The items of stream {@code name} as a list of {@code type}, for code that goes on with them (for a windowed
     * capture, its {@code down} items, which are {@code KV}s).
     * <pre>{@code
     * record Reading(String sensor, double celsius) {}
     * var flow = new Dataflow("typed_eg");
     * var in = flow.input("inp", TestingSource.of(new Reading("a", 20.5), new Reading("b", 19.0)));
     * List<Reading> rows = Capture.of(flow).stream("readings", in).run().items("readings", Reading.class);
     * System.out.println(rows.get(1).celsius());
     * // 19.0
     * }</pre>
     *
     * @throws ClassCastException naming the first item that is not a {@code type}
     */
    public <T> List<T> items(String name, Class<T> type) {
        Objects.requireNonNull(type, "items type can't be null");
        List<Object> items = items(name);
        List<T> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item != null && !type.isInstance(item)) {
                throw new ClassCastException("item " + i + " of '" + name + "' must be a " + type.getSimpleName()
                        + "; got a " + item.getClass().getSimpleName() + " " + (item instanceof CharSequence
                        ? "\"" + SafeText.of(item, 80) + "\"" : SafeText.of(item, 80))
                        + " instead; ask for a type all its items share, such as Object");
            }
            out.add(type.cast(item));
        }
        return out;
    }

    /**
     * Writes {@link #table(String) table(name)} to {@code file} as CSV (a header of column names, then one row per
     * item, quoted where needed; instants as ISO-8601 text), making its folder if needed, and returns the file.
     * {@link #writeParquet} writes Parquet.
     * <pre>{@code
     * var flow = new Dataflow("csv_eg");
     * var words = flow.input("inp", TestingSource.of("a", "b"));
     * Path file = Files.createTempDirectory("eddy").resolve("words.csv");
     * Capture.of(flow).stream("words", words).run().writeCsv("words", file);
     * System.out.println(Files.readAllLines(file));
     * // [value, a, b]
     * }</pre>
     *
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public Path writeCsv(String name, Path file) {
        Table table = table(name);
        return write("writeCsv", name, file, () -> {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                table.write().csv(out);
            }
        });
    }

    /**
     * Writes {@link #table(String) table(name)} to {@code file} as Parquet (Snappy-compressed), one typed column per
     * table column: ints as INT32, longs as INT64, doubles as DOUBLE, booleans, strings as UTF-8, instants as UTC
     * timestamps in microseconds, date-times, dates and times as their Parquet logical types; missing values are
     * nulls. Makes the file's folder if needed, replaces the file if it exists, and returns it. Needs no Hadoop;
     * the Parquet classes load on the first call.
     * <pre>{@code
     * var flow = new Dataflow("parquet_eg");
     * var words = flow.input("inp", TestingSource.of("a", "b"));
     * Path file = Files.createTempDirectory("eddy").resolve("words.parquet");
     * Capture.of(flow).stream("words", words).run().writeParquet("words", file);
     * System.out.println(Files.size(file) > 0);
     * // true
     * }</pre>
     *
     * @throws IllegalArgumentException when the table has no columns (no item arrived)
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public Path writeParquet(String name, Path file) {
        Table table = table(name);
        return write("writeParquet", name, file,
                () -> dev.eddy.notebook.parquet.ParquetTables.write(table, file, "writeParquet of '" + name + "'"));
    }

    private interface FileWrite {
        void run() throws IOException;
    }

    /** Makes {@code file}'s folder, runs {@code write}, and names the call, the capture and the file on failure. */
    private static Path write(String call, String name, Path file, FileWrite write) {
        Objects.requireNonNull(file, call + " file can't be null");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(call + " of '" + name + "' must write " + file + "; got " + e
                    + " instead", e);
        }
        return file;
    }

    /** The {@code late} items of windowed capture {@code name}. */
    public List<Object> late(String name) {
        return windowedEntry(name).late();
    }

    /** The {@code meta} items of windowed capture {@code name}. */
    public List<Object> meta(String name) {
        return windowedEntry(name).meta();
    }

    /** Whether {@code name} captured a {@code WindowOut}. */
    public boolean isWindowed(String name) {
        return entry(name).windowed();
    }

    /** Everything captured under {@code name} as a table (see {@link Tables#of} and {@link Tables#windowed}). */
    public Table table(String name) {
        Entry e = entry(name);
        Table table = e.windowed() ? Tables.windowed(name, e.items(), e.late(), e.meta())
                : Tables.of(name, e.items());
        if (!e.hasWorkers()) return table;
        int[] workers = new int[table.rowCount()];
        for (int row = 0; row < workers.length; row++) workers[row] = e.workerOfRow(row);
        return withWorkers(table, workers);
    }

    /** The HTML shown in a notebook: one escaped, script-free table per name. */
    public String html(TableLimits limits) {
        StringBuilder out = new StringBuilder("<div class=\"eddy-results\">");
        out.append("<p><small>").append(Html.escape(header())).append("</small></p>");
        if (resumed != null) out.append("<p><small>").append(Html.escape(resumed)).append("</small></p>");
        for (Entry e : entries) out.append(HtmlTable.render(view(e, limits), limits));
        return out.append("</div>").toString();
    }

    /** The plain text shown where HTML is not: one text grid per name. */
    public String text(TableLimits limits) {
        StringBuilder out = new StringBuilder(header()).append('\n');
        if (resumed != null) out.append(resumed).append('\n');
        for (Entry e : entries) out.append('\n').append(PlainTable.render(view(e, limits), limits));
        return out.toString();
    }

    /** {@code Results(flow: name N items, …)}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Results(").append(flowId).append(':');
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            out.append(i == 0 ? " " : ", ").append(e.name()).append(' ').append(e.rowCount()).append(" items");
        }
        return out.append(stopped ? ", stopped" : "").append(resumed != null ? ", resumed" : "").append(')')
                .toString();
    }

    private String header() {
        return "flow " + flowId + (where != null ? " " + where : workers > 1 ? " on " + workers + " workers" : "")
                + (stoppedBy != null ? " (stopped by its recording bound: " + stoppedBy + ")"
                : stopped ? " (stopped before its input ended)" : "");
    }

    static TableView view(Entry e, TableLimits limits) {
        String name = e.total() > e.rowCount()
                ? e.name() + " (latest " + e.rowCount() + " of " + e.total() + ")" : e.name();
        if (e.hasWorkers()) return viewWithWorkers(name, e, limits);
        if (!e.windowed()) return TableView.sample(name, e.items(), limits, shown -> Tables.of(e.name(), shown));
        List<Tagged> rows = new Concat(e.items(), e.late());
        return TableView.sample(name, rows, limits, shown -> {
            List<Object> down = new ArrayList<>();
            List<Object> late = new ArrayList<>();
            for (Object t : shown) ((Tagged) t).addTo(down, late);
            return Tables.windowed(e.name(), down, late, e.meta());
        });
    }

    /** {@code table} with a {@code worker} column ({@code worker_} when an item has a field of that name). */
    private static Table withWorkers(Table table, int[] workers) {
        String name = "worker";
        while (table.containsColumn(name)) name += "_";
        return table.addColumns(IntColumn.create(name, workers));
    }

    /** {@link #view} of an entry with workers: the rows are sampled by number, so each keeps its worker. */
    private static TableView viewWithWorkers(String name, Entry e, TableLimits limits) {
        List<Integer> rows = new AbstractList<>() {
            @Override
            public Integer get(int index) {
                return index;
            }

            @Override
            public int size() {
                return e.rowCount();
            }
        };
        return TableView.sample(name, rows, limits, shown -> {
            List<Object> down = new ArrayList<>();
            List<Object> late = new ArrayList<>();
            int[] workers = new int[shown.size()];
            for (int i = 0; i < shown.size(); i++) {
                int row = (Integer) shown.get(i);
                workers[i] = e.workerOfRow(row);
                if (row < e.items().size()) down.add(e.items().get(row));
                else late.add(e.late().get(row - e.items().size()));
            }
            Table table = e.windowed() ? Tables.windowed(e.name(), down, late, e.meta()) : Tables.of(e.name(), down);
            return withWorkers(table, workers);
        });
    }

    private Entry entry(String name) {
        for (Entry e : entries) if (e.name().equals(name)) return e;
        throw new IllegalArgumentException("captured name must be one of " + names() + "; got '" + name
                + "' instead");
    }

    private Entry windowedEntry(String name) {
        Entry e = entry(name);
        if (!e.windowed()) {
            throw new IllegalArgumentException("'" + name + "' must be a windowed capture to have late and meta "
                    + "items; got a plain stream instead; capture it with window(name, windowOut)");
        }
        return e;
    }

    /**
     * One name's items. A plain stream has {@code late == null}.
     *
     * @param total how many items arrived, more than kept when the capture keeps only the latest
     */
    record Entry(String name, List<Object> items, List<Object> late, List<Object> meta, long total,
                 List<Integer> workers, List<Integer> lateWorkers) {
        Entry {
            Objects.requireNonNull(items);
        }

        Entry(String name, List<Object> items, List<Object> late, List<Object> meta, long total) {
            this(name, items, late, meta, total, null, null);
        }

        /** Whether the tables get a {@code worker} column. */
        boolean hasWorkers() {
            return workers != null;
        }

        /** The worker of table row {@code row}: the {@code down} items' rows, then the {@code late} items'. */
        int workerOfRow(int row) {
            return row < workers.size() ? workers.get(row) : lateWorkers.get(row - workers.size());
        }

        boolean windowed() {
            return late != null;
        }

        int rowCount() {
            return items.size() + (late == null ? 0 : late.size());
        }
    }

    private record Tagged(Object item, boolean late) {
        void addTo(List<Object> down, List<Object> lateItems) {
            (late ? lateItems : down).add(item);
        }
    }

    /** Down items then late items, tagged, without copying either list. */
    private static final class Concat extends AbstractList<Tagged> {
        private final List<Object> down;
        private final List<Object> late;

        Concat(List<Object> down, List<Object> late) {
            this.down = down;
            this.late = late;
        }

        @Override
        public Tagged get(int index) {
            return index < down.size() ? new Tagged(down.get(index), false)
                    : new Tagged(late.get(index - down.size()), true);
        }

        @Override
        public int size() {
            return down.size() + late.size();
        }
    }
}
