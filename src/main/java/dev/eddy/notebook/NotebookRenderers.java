package dev.eddy.notebook;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.kernel.api.Display;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Base64;
import java.util.function.Consumer;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;

/**
 * Registers how a notebook shows Eddy's and Tablesaw's values: {@link Table}s and {@link Results} as escaped
 * HTML tables plus text, jsplot {@link Figure}s and {@link Chart}s as interactive charts with a PNG inside and
 * beside them, and {@link Dataflow}s as their graph (an SVG and a PNG drawn here, and a text outline).
 * <pre>{@code
 * import io.github.spencerpark.jupyter.kernel.display.*;
 * import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
 * import tech.tablesaw.api.*;
 * var renderer = new Renderer();
 * NotebookRenderers.registerAll(renderer, data -> {});
 * DisplayData d = renderer.render(Table.create("t", IntColumn.create("n", 1)));
 * System.out.println(d.hasDataForType(MIMEType.TEXT_HTML));
 * // true
 * }</pre>
 */
public final class NotebookRenderers {

    private NotebookRenderers() {
    }

    /** Registers every renderer; plotly.js goes out through the running kernel's {@code display}. */
    public static void registerAll(Renderer renderer) {
        registerAll(renderer, data -> Display.getKernelInstance().display(data));
    }

    /**
     * Registers every renderer.
     *
     * @param emit shows an output under the running cell: plotly.js once per session when sent inline, or a note
     *     when it could not be installed for the Jupyter server
     */
    public static void registerAll(Renderer renderer, Consumer<DisplayData> emit) {
        registerAll(renderer, PlotlySession.fromEnvironment(emit));
    }

    /** Registers every renderer, with charts getting plotly.js through {@code plotly}. */
    static void registerAll(Renderer renderer, PlotlySession plotly) {
        // Anything else keeps its toString, but one that throws or recurses through cyclic references shows a
        // note instead of failing the cell.
        renderer.createRegistration(Object.class).preferring(MIMEType.TEXT_PLAIN)
                .register((value, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> SafeText.of(value)));
        renderer.createRegistration(Table.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((table, ctx) -> {
                    TableLimits limits = Notebook.tableLimits();
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> HtmlTable.render(table, limits));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> PlainTable.render(table, limits));
                });
        renderer.createRegistration(Results.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_PLAIN)
                .register((results, ctx) -> {
                    TableLimits limits = Notebook.tableLimits();
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> results.html(limits));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> results.text(limits));
                });
        renderer.createRegistration(Chart.class).preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN).register((chart, ctx) -> renderChart(chart, ctx, plotly));
        renderer.createRegistration(Figure.class).preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN).register((figure, ctx) -> renderChart(Chart.of(figure), ctx, plotly));
        // The graph is drawn here, as SVG and PNG, never left to Mermaid in Markdown: JupyterLab ranks Markdown
        // above both pictures and draws Mermaid small, and nbconvert's pages fetch Mermaid from a network.
        renderer.createRegistration(Dataflow.class).preferring(MIMEType.IMAGE_SVG, MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN).register((flow, ctx) -> {
                    FlowDiagram graph = FlowDiagram.of(flow);
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, graph::svg);
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(graph.png()));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, graph::outline);
                });
    }

    private static void renderChart(Chart chart, RenderContext ctx, PlotlySession plotly) {
        boolean html = ctx.wantsDataRenderedAs(MIMEType.TEXT_HTML);
        boolean png = ctx.wantsDataRenderedAs(MIMEType.IMAGE_PNG);
        byte[] picture = html || png ? ChartPng.render(chart) : null;
        if (html) {
            plotly.ensureSent();
            ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> ChartHtml.render(chart, picture));
        }
        if (picture != null) {
            ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(picture));
        }
        ctx.renderIfRequested(MIMEType.TEXT_PLAIN, chart::toString);
    }
}
