package dev.eddy.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tech.tablesaw.api.Table;

/**
 * What a notebook shows of a table: which rows (with the row numbers to print) and which columns, under which
 * caption. A view of a long list converts only the rows it shows, so showing 10 million items costs as much as
 * showing 20.
 *
 * @param table the rows and columns available
 * @param caption the caption, with the full shape
 * @param rows indices into {@code table} in display order, -1 for the gap
 * @param rowNumbers the number printed for each entry of {@code rows}
 * @param columns indices of the columns shown, -1 for the gap
 */
record TableView(Table table, String caption, int[] rows, long[] rowNumbers, int[] columns) {

    /** The head and tail of a whole table. */
    static TableView of(Table table, TableLimits limits) {
        int[] rows = limits.rowPlan(table.rowCount());
        long[] numbers = new long[rows.length];
        for (int i = 0; i < rows.length; i++) numbers[i] = rows[i];
        return new TableView(table, HtmlTable.caption(table), rows, numbers, limits.columnPlan(table.columnCount()));
    }

    /** The head and tail of {@code items}, converted with {@code toTable} from only those items. */
    static TableView sample(String name, List<?> items, TableLimits limits,
                            Function<List<?>, Table> toTable) {
        int total = items.size();
        int[] plan = limits.rowPlan(total);
        List<Object> shown = new ArrayList<>(plan.length);
        int[] rows = new int[plan.length];
        long[] numbers = new long[plan.length];
        for (int i = 0; i < plan.length; i++) {
            numbers[i] = plan[i];
            if (plan[i] < 0) {
                rows[i] = -1;
            } else {
                rows[i] = shown.size();
                shown.add(items.get(plan[i]));
            }
        }
        Table table = toTable.apply(shown);
        String caption = name + " — " + total + (total == 1 ? " row" : " rows") + " × " + table.columnCount()
                + (table.columnCount() == 1 ? " column" : " columns");
        return new TableView(table, caption, rows, numbers, limits.columnPlan(table.columnCount()));
    }
}
