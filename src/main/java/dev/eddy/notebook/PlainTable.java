package dev.eddy.notebook;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} as a fixed-width text grid under a caption, with the same head-and-tail truncation as
 * {@link HtmlTable}: the {@code text/plain} of a table, for terminals, logs and nbconvert to text.
 * <pre>{@code
 * import tech.tablesaw.api.*;
 * var t = Table.create("t", IntColumn.create("n", 1, 22));
 * System.out.print(PlainTable.render(t, TableLimits.defaults()));
 * // t — 2 rows × 1 column
 * //     n
 * // 0   1
 * // 1  22
 * }</pre>
 */
public final class PlainTable {

    private PlainTable() {
    }

    /** The text for {@code table}, showing at most what {@code limits} allow. */
    public static String render(Table table, TableLimits limits) {
        return render(TableView.of(table, limits), limits);
    }

    static String render(TableView view, TableLimits limits) {
        Table table = view.table();
        int[] rows = view.rows();
        int[] cols = view.columns();
        List<String[]> grid = new ArrayList<>();
        String[] header = new String[cols.length + 1];
        header[0] = "";
        for (int i = 0; i < cols.length; i++) header[i + 1] = cols[i] < 0 ? "…" : table.column(cols[i]).name();
        grid.add(header);
        for (int k = 0; k < rows.length; k++) {
            int r = rows[k];
            String[] line = new String[cols.length + 1];
            line[0] = r < 0 ? "…" : Long.toString(view.rowNumbers()[k]);
            for (int i = 0; i < cols.length; i++) {
                line[i + 1] = r < 0 || cols[i] < 0 ? "…" : cell(table.column(cols[i]), r, limits.cellChars());
            }
            grid.add(line);
        }
        int[] widths = new int[cols.length + 1];
        for (String[] line : grid) {
            for (int i = 0; i < line.length; i++) widths[i] = Math.max(widths[i], line[i].length());
        }
        StringBuilder out = new StringBuilder(view.caption()).append('\n');
        for (String[] line : grid) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                if (i > 0) row.append("  ");
                row.append(" ".repeat(widths[i] - line[i].length())).append(line[i]);
            }
            out.append(row.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String cell(Column<?> column, int row, int maxChars) {
        if (column.isMissing(row)) return "null";
        return SafeText.cut(column.getString(row).replace('\n', ' '), maxChars);
    }
}
