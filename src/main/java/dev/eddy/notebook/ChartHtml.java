package dev.eddy.notebook;

import java.util.Base64;
import java.util.UUID;

/**
 * A chart's {@code text/html}: a div holding the static PNG, then a script that swaps it for the interactive
 * plotly chart once {@code window.Plotly} exists. When the page has no plotly.js yet (a reloaded page, a second
 * tab, a notebook opened later), the first chart's script loads it from the Jupyter server, which serves the
 * copy {@link PlotlyInstall} put in its labextensions path, at the URL the page's {@code jupyter-config-data}
 * names; charts queue until it arrives. Where scripts don't run, or the page is not served by Jupyter and carries
 * no plotly.js of its own, the PNG stays. Nothing is loaded from the internet.
 */
final class ChartHtml {

    /** The global queue of charts waiting for plotly.js; {@link PlotlyLibrary} drains it. */
    static final String QUEUE = "__eddyPlotlyQueue";

    /**
     * Loads plotly.js once per page from the Jupyter server that serves the page, then draws the queued charts;
     * does nothing outside Jupyter (no config data) or while a load is under way. A failed load leaves the PNGs.
     */
    private static final String LOADER = "if(window.__eddyPlotlyLoading)return;var u;try{u=JSON.parse("
            + "document.getElementById('jupyter-config-data').textContent).fullLabextensionsUrl;}catch(e){}"
            + "if(!u)return;window.__eddyPlotlyLoading=true;var s=document.createElement('script');"
            + "s.src=u.replace(/\\/$/,'')+'/" + PlotlyInstall.urlPath() + "';"
            + "s.onload=function(){var q=window." + QUEUE + "||[];window." + QUEUE + "=[];"
            + "q.forEach(function(f){f();});};"
            + "s.onerror=function(){window.__eddyPlotlyLoading=false;};document.head.appendChild(s);";

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
                .append("if(window.Plotly){draw();return;}")
                .append("(window.").append(QUEUE).append("=window.").append(QUEUE).append("||[]).push(draw);")
                .append(LOADER).append("})();</script>");
        return out.toString();
    }
}
