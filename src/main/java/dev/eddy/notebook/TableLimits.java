package dev.eddy.notebook;

/**
 * How much of a table a notebook shows: at most {@code rows} rows (the first and last half when there are more),
 * at most {@code columns} columns (the first and last half), and at most {@code cellChars} characters per cell.
 * <pre>{@code
 * var limits = TableLimits.defaults().withRows(6);
 * System.out.println(limits);
 * // TableLimits[rows=6, columns=30, cellChars=50]
 * }</pre>
 *
 * @param rows how many rows to show, at least 2
 * @param columns how many columns to show, at least 2
 * @param cellChars how many characters of a cell to show, at least 4
 */
public record TableLimits(int rows, int columns, int cellChars) {

    public TableLimits {
        check("rows", rows, 2);
        check("columns", columns, 2);
        check("cellChars", cellChars, 4);
    }

    /** 20 rows (first and last 10), 30 columns, 50 characters a cell. */
    public static TableLimits defaults() {
        return new TableLimits(20, 30, 50);
    }

    /** The same limits showing {@code n} rows. */
    public TableLimits withRows(int n) {
        return new TableLimits(n, columns, cellChars);
    }

    /** The same limits showing {@code n} columns. */
    public TableLimits withColumns(int n) {
        return new TableLimits(rows, n, cellChars);
    }

    /** The same limits cutting cells at {@code n} characters. */
    public TableLimits withCellChars(int n) {
        return new TableLimits(rows, columns, n);
    }

    /** Row indices to show for a table of {@code total} rows: head then tail, with -1 marking the gap. */
    int[] rowPlan(int total) {
        return plan(total, rows);
    }

    /** Column indices to show for {@code total} columns, -1 marking the gap. */
    int[] columnPlan(int total) {
        return plan(total, columns);
    }

    private static int[] plan(int total, int limit) {
        if (total <= limit) {
            int[] all = new int[total];
            for (int i = 0; i < total; i++) all[i] = i;
            return all;
        }
        int tail = limit / 2;
        int head = limit - tail;
        int[] out = new int[limit + 1];
        for (int i = 0; i < head; i++) out[i] = i;
        out[head] = -1;
        for (int i = 0; i < tail; i++) out[head + 1 + i] = total - tail + i;
        return out;
    }

    private static void check(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("TableLimits " + what + " must be at least " + min + "; got "
                    + value + " instead");
        }
    }
}
