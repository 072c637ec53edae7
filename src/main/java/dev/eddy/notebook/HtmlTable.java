package dev.eddy.notebook;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} as script-free HTML that reads the same with or without CSS: a caption with the name and
 * shape, a header row, a type row, and the first and last rows when the table is long. Every text is escaped.
 * <pre>{@code
 * import tech.tablesaw.api.*;
 * var t = Table.create("readings", StringColumn.create("sensor", "a<b"), IntColumn.create("n", 1));
 * System.out.println(HtmlTable.render(t, TableLimits.defaults()).contains("a&lt;b"));
 * // true
 * }</pre>
 */
public final class HtmlTable {

    private HtmlTable() {
    }

    /** The HTML for {@code table}, showing at most what {@code limits} allow; cost grows with what is shown. */
    public static String render(Table table, TableLimits limits) {
        return render(TableView.of(table, limits), limits);
    }

    static String render(TableView view, TableLimits limits) {
        Table table = view.table();
        int[] cols = view.columns();
        StringBuilder out = new StringBuilder(256 + view.rows().length * cols.length * 24);
        out.append("<div class=\"eddy-table\"><table border=\"1\">");
        out.append("<caption><small>").append(Html.escape(view.caption())).append("</small></caption>");
        out.append("<thead><tr><th></th>");
        for (int c : cols) {
            out.append("<th>").append(c < 0 ? "…" : Html.escape(table.column(c).name())).append("</th>");
        }
        out.append("</tr><tr><th></th>");
        for (int c : cols) {
            out.append("<th><small><i>").append(c < 0 ? "" : typeName(table.column(c))).append("</i></small></th>");
        }
        out.append("</tr></thead><tbody>");
        for (int i = 0; i < view.rows().length; i++) {
            int r = view.rows()[i];
            if (r < 0) {
                out.append("<tr><th>…</th>");
                for (int ignored : cols) out.append("<td>…</td>");
                out.append("</tr>");
                continue;
            }
            out.append("<tr><th>").append(view.rowNumbers()[i]).append("</th>");
            for (int c : cols) {
                out.append("<td>");
                if (c < 0) {
                    out.append("…");
                } else {
                    cell(out, table.column(c), r, limits.cellChars());
                }
                out.append("</td>");
            }
            out.append("</tr>");
        }
        return out.append("</tbody></table></div>").toString();
    }

    /** {@code readings — 48 rows × 4 columns}; an unnamed table is called "table". */
    static String caption(Table table) {
        String name = table.name() == null || table.name().isBlank() ? "table" : table.name();
        return name + " — " + table.rowCount() + (table.rowCount() == 1 ? " row" : " rows") + " × "
                + table.columnCount() + (table.columnCount() == 1 ? " column" : " columns");
    }

    static String typeName(Column<?> column) {
        return column.type().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void cell(StringBuilder out, Column<?> column, int row, int maxChars) {
        if (column.isMissing(row)) {
            out.append("<i>null</i>");
            return;
        }
        String text = column.getString(row);
        if (text.length() > maxChars) {
            out.append("<span title=\"").append(Html.escape(SafeText.cut(text, 2000))).append("\">")
                    .append(Html.escape(SafeText.cut(text, maxChars))).append("</span>");
        } else {
            out.append(Html.escape(text));
        }
    }
}
