package dev.eddy.notebook;

import java.util.Base64;
import java.util.UUID;

/**
 * A chart's {@code text/html}: a div holding the static PNG, then a script that swaps it for the interactive
 * plotly chart once {@code window.Plotly} exists (queued until the library arrives). Where scripts don't run, the
 * PNG stays. Nothing is loaded from anywhere.
 */
final class ChartHtml {

    /** The global queue of charts waiting for plotly.js; {@link PlotlyLibrary} drains it. */
    static final String QUEUE = "__eddyPlotlyQueue";

    private ChartHtml() {
    }

    /** @param png the static picture, or {@code null} to show a short note instead */
    static String render(Chart chart, byte[] png) {
        String id = "eddy" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder out = new StringBuilder(4096 + (png == null ? 0 : png.length * 4 / 3));
        out.append("<div id=\"").append(id).append("\" class=\"eddy-chart\" style=\"min-height:")
                .append(ChartPng.HEIGHT).append("px\">");
        if (png != null) {
            out.append("<img alt=\"").append(Html.escape(chart.toString())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\" style=\"max-width:100%\">");
        } else {
            out.append("<p><i>").append(Html.escape(chart.toString()))
                    .append(": interactive chart; run the cell or trust the notebook to see it</i></p>");
        }
        out.append("</div>\n<script>(function(){var spec=").append(Html.scriptSafeJson(chart.toJson()))
                .append(";function draw(){var d=document.getElementById('").append(id)
                .append("');if(!d||!window.Plotly)return;d.innerHTML='';d.style.minHeight='';")
                .append("window.Plotly.newPlot(d,spec.data,spec.layout,spec.config);}")
                .append("if(window.Plotly){draw();}else{(window.").append(QUEUE).append("=window.").append(QUEUE)
                .append("||[]).push(draw);}})();</script>");
        return out.toString();
    }
}
