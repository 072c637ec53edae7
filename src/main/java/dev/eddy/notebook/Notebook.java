package dev.eddy.notebook;

import java.util.Objects;

/**
 * Notebook-wide display settings.
 * <pre>{@code
 * Notebook.tableLimits(TableLimits.defaults().withRows(50));
 * System.out.println(Notebook.tableLimits().rows());
 * // 50
 * }</pre>
 */
public final class Notebook {

    private static volatile TableLimits tableLimits = TableLimits.defaults();

    private Notebook() {
    }

    /** How much of each table and result the notebook shows. */
    public static TableLimits tableLimits() {
        return tableLimits;
    }

    /** Sets how much of each table and result the notebook shows from now on. */
    public static void tableLimits(TableLimits limits) {
        tableLimits = Objects.requireNonNull(limits, "table limits can't be null; use TableLimits.defaults()");
    }

    /**
     * Sends plotly.js again with the next chart. Only needed when the kernel sends it inline ({@code EDDY_PLOTLY=inline}
     * in its environment, for exported pages) and the output that carried it was cleared, so a saved notebook would
     * otherwise open with static pictures only; by default charts load it from the Jupyter server, and this just
     * checks that the installed copy is still there.
     */
    public static void resendPlotly() {
        PlotlySession.resendAll();
    }
}
