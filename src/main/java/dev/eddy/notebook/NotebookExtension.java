package dev.eddy.notebook;

import dev.eddy.kernel.api.KernelExtension;
import io.github.spencerpark.jupyter.kernel.BaseKernel;

/**
 * Installs Eddy's notebook display into a kernel: found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.eddy.kernel.api.KernelExtension}.
 * <pre class="fragment">{@code
 * new NotebookExtension().install(getKernelInstance());   // the Eddy kernel does this at startup
 * }</pre>
 */
public final class NotebookExtension implements KernelExtension {

    @Override
    public void install(BaseKernel kernel) {
        NotebookRenderers.registerAll(kernel.getRenderer(), kernel::display);
        Thread warmUp = new Thread(NotebookExtension::warmUp, "eddy-notebook-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }

    /**
     * Loads Tablesaw, JFreeChart and the fonts they use, and reads plotly.js, so the first table and chart of a
     * session come out as fast as the later ones instead of spending about a second on class loading.
     */
    static void warmUp() {
        try {
            var table = Tables.of("warm_up", java.util.List.of(java.time.Instant.EPOCH, java.time.Instant.EPOCH));
            HtmlTable.render(table, TableLimits.defaults());
            ChartPng.render(WindowCharts.sessionLengths(Tables.windowed("warm_up", java.util.List.of(),
                    java.util.List.of(), java.util.List.of())));
            ChartPng.render(WindowCharts.watermark(java.util.List.of(java.time.Instant.EPOCH), t -> t,
                    java.time.Duration.ZERO, null));
            PlotlyLibrary.html();
        } catch (RuntimeException | LinkageError e) {
            // Only a head start: the first real table or chart reports any problem itself.
        }
    }
}
