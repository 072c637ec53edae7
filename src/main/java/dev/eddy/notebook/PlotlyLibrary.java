package dev.eddy.notebook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * plotly.js, vendored into the jar at build time from npm, as one {@code text/html} output: the library in a
 * wrapper that hides any AMD loader on the page (so it always sets {@code window.Plotly}), then a script drawing
 * the charts that queued up waiting for it.
 */
final class PlotlyLibrary {

    static final String RESOURCE = "/dev/eddy/notebook/plotly/plotly.min.js";
    private static final String VERSION_RESOURCE = "/dev/eddy/notebook/plotly/version.txt";
    private static volatile String html;

    private PlotlyLibrary() {
    }

    /** The library's output: a few MB, built once per JVM. */
    static String html() {
        String h = html;
        if (h == null) {
            String lib = resource(RESOURCE);
            if (lib.contains("</script")) {
                throw new IllegalStateException("vendored plotly.js must not contain '</script'; got it instead; "
                        + "it can't be inlined in a notebook");
            }
            h = "<script>(function(define,exports,module){\n" + lib + "\n}).call(window);</script>\n"
                    + "<script>(function(){var q=window." + ChartHtml.QUEUE + "||[];window." + ChartHtml.QUEUE
                    + "=[];q.forEach(function(f){f();});})();</script>";
            html = h;
        }
        return h;
    }

    /** {@code plotly.js-dist-min 4.1.2}: the npm package and version vendored. */
    static String version() {
        return resource(VERSION_RESOURCE).strip();
    }

    private static String resource(String name) {
        try (InputStream in = PlotlyLibrary.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("plotly.js resource " + name + " must be in the jar; got none instead;"
                        + " build with Maven, whose generate-resources phase runs scripts/vendor-plotly.mjs");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
