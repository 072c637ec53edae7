package dev.eddy.notebook;

import dev.eddy.dataflow.KV;
import dev.eddy.windowing.WindowMetadata;
import dev.eddy.windowing.WindowValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Turns captured items into Tablesaw tables. Records, beans and maps become one column per field; a keyed item
 * ({@code KV}) adds a {@code key} column and a windowed value ({@code WindowValue}) a {@code window_id} column;
 * scalars and values of unknown types become one {@code value} column (their {@code toString}); {@code Instant}s
 * become instant columns; nulls are missing values.
 * <pre>{@code
 * import tech.tablesaw.api.Table;
 * record Reading(String sensor, double celsius) {}
 * Table t = Tables.of("readings", List.of(new Reading("a", 20.5), new Reading("b", 19.0)));
 * System.out.println(t.shape() + " " + t.columnNames());
 * // readings: 2 rows X 2 cols [sensor, celsius]
 * }</pre>
 */
public final class Tables {

    /** Column names of a windowed table, in order, before the value's fields. */
    public static final String KEY = "key";
    public static final String WINDOW_ID = "window_id";
    public static final String OPEN_TIME = "open_time";
    public static final String CLOSE_TIME = "close_time";
    /** The column marking rows from a {@code WindowOut}'s {@code late} stream. */
    public static final String LATE = "late";

    private Tables() {
    }

    /** A table with one row per item. */
    public static Table of(String name, List<?> items) {
        Map<String, ColumnBuilder> columns = new LinkedHashMap<>();
        int row = 0;
        for (Object item : items) {
            addRow(columns, flatten(item), row++, items.size());
        }
        return build(name, columns, row);
    }

    /**
     * The rows of a windowing operator's output: each {@code down} item, then each {@code late} item, with columns
     * {@code key}, {@code window_id}, {@code open_time} and {@code close_time} (from {@code meta}, missing when no
     * window closed with that id for that key), the value's fields, and {@code late}.
     *
     * @param down the {@code KV<K, WindowValue<W>>} items of {@code WindowOut.down}
     * @param late the {@code KV<K, WindowValue<V>>} items of {@code WindowOut.late}
     * @param meta the {@code KV<K, WindowValue<WindowMetadata>>} items of {@code WindowOut.meta}
     */
    public static Table windowed(String name, List<?> down, List<?> late, List<?> meta) {
        Map<Object, WindowMetadata> windows = metaIndex(meta);
        Map<String, ColumnBuilder> columns = new LinkedHashMap<>();
        int expected = down.size() + late.size();
        for (String fixed : List.of(KEY, WINDOW_ID, OPEN_TIME, CLOSE_TIME)) {
            columns.put(fixed, new ColumnBuilder(fixed, expected));
        }
        int row = 0;
        for (List<?> part : List.of(down, late)) {
            boolean isLate = part == late;
            for (Object item : part) {
                Map<String, Object> fields = flatten(item);
                Object key = fields.get(KEY);
                Object windowId = fields.get(WINDOW_ID);
                WindowMetadata m = windows.get(List.of(String.valueOf(key), String.valueOf(windowId)));
                Map<String, Object> rowFields = new LinkedHashMap<>();
                rowFields.put(KEY, key);
                rowFields.put(WINDOW_ID, windowId);
                rowFields.put(OPEN_TIME, m == null ? null : m.openTime());
                rowFields.put(CLOSE_TIME, m == null ? null : m.closeTime());
                fields.forEach((k, v) -> rowFields.putIfAbsent(k, v));
                rowFields.put(LATE, isLate);
                addRow(columns, rowFields, row++, expected);
            }
        }
        if (!columns.containsKey(LATE)) columns.put(LATE, new ColumnBuilder(LATE, 0));
        ColumnBuilder lateColumn = columns.remove(LATE);
        columns.put(LATE, lateColumn);
        return build(name, columns, row);
    }

    /** The fields one item contributes to its row: {@code key}, {@code window_id}, then the value's fields. */
    static Map<String, Object> flatten(Object item) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object rest = item;
        if (rest instanceof KV<?, ?> kv) {
            out.put(KEY, kv.key());
            rest = kv.value();
        }
        if (rest instanceof WindowValue<?> wv) {
            out.put(WINDOW_ID, wv.windowId());
            rest = wv.value();
        }
        for (Map.Entry<String, Object> field : Fields.of(rest).entrySet()) {
            String name = field.getKey();
            while (out.containsKey(name)) name = Fields.VALUE + "_" + name;
            out.put(name, field.getValue());
        }
        return out;
    }

    private static Map<Object, WindowMetadata> metaIndex(List<?> meta) {
        Map<Object, WindowMetadata> out = new HashMap<>();
        for (Object item : meta) {
            if (item instanceof KV<?, ?> kv && kv.value() instanceof WindowValue<?> wv
                    && wv.value() instanceof WindowMetadata m) {
                out.put(List.of(String.valueOf(kv.key()), String.valueOf(wv.windowId())), m);
            }
        }
        return out;
    }

    private static void addRow(Map<String, ColumnBuilder> columns, Map<String, Object> fields, int row, int expected) {
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            ColumnBuilder column = columns.computeIfAbsent(f.getKey(), n -> new ColumnBuilder(n, expected));
            column.padTo(row);
            column.add(f.getValue());
        }
    }

    private static Table build(String name, Map<String, ColumnBuilder> columns, int rows) {
        List<tech.tablesaw.columns.Column<?>> built = new ArrayList<>(columns.size());
        for (ColumnBuilder c : columns.values()) {
            c.padTo(rows);
            built.add(c.build());
        }
        return Table.create(name, built);
    }
}
