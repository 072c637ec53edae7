package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;
import tech.tablesaw.plotly.api.PiePlot;
import tech.tablesaw.plotly.api.VerticalBarPlot;
import tech.tablesaw.plotly.components.Figure;

class ChartTest {

    static Figure squares(String title) {
        Table t = Table.create("t", DoubleColumn.create("x", 1, 2, 3), DoubleColumn.create("y", 1, 4, 9));
        return LinePlot.create(title, t, "x", "y");
    }

    static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        return image;
    }

    static boolean hasColouredPixels(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) return true;
            }
        }
        return false;
    }

    @Test
    void figuresBecomeSpecsWithObjectTitlesNumbersAndNoFixedWidth() {
        Chart c = Chart.of(squares("Bob's \"x\" <b>"));
        assertThat(c.title()).isEqualTo("Bob's \"x\" <b>");
        assertThat(c.layout()).doesNotContainKey("width").containsEntry("autosize", true);
        assertThat(c.layout().get("title")).isInstanceOf(Map.class);
        assertThat(c.traces().get(0).get("y")).isEqualTo(List.of(1.0, 4.0, 9.0));
        assertThat(c.toJson()).contains("\"responsive\":true");
        assertThat(c).hasToString("Chart: Bob's \"x\" <b> — 1 trace (scatter), 3 points");
    }

    @Test
    void lineChartsHaveADecodablePngWithTheTracesColour() throws IOException {
        BufferedImage image = decode(ChartPng.render(Chart.of(squares("Squares"))));
        assertThat(image.getWidth()).isEqualTo(ChartPng.WIDTH);
        assertThat(hasColouredPixels(image)).isTrue();
    }

    @Test
    void barAndPieChartsHavePngsToo() throws IOException {
        Table t = Table.create("t", StringColumn.create("k", "a", "b"), DoubleColumn.create("v", 3, 5));
        assertThat(hasColouredPixels(decode(ChartPng.render(Chart.of(VerticalBarPlot.create("bars", t, "k", "v"))))))
                .isTrue();
        assertThat(hasColouredPixels(decode(ChartPng.render(Chart.of(PiePlot.create("pie", t, "k", "v")))))).isTrue();
    }

    @Test
    void chartHtmlCarriesThePngAndLoadsNothingFromAnywhere() {
        Chart c = Chart.of(squares("</script><script>alert(1)</script>"));
        String html = ChartHtml.render(c, ChartPng.render(c));
        assertThat(html).contains("<img alt=").contains("src=\"data:image/png;base64,");
        String withoutPictures = html.replaceAll("data:image/png;base64,[A-Za-z0-9+/=]+", "");
        assertThat(withoutPictures).doesNotContainIgnoringCase("http").doesNotContainIgnoringCase("cdn")
                .doesNotContain("src=\"/").doesNotContain("require(");
        assertThat(html.split("</script>", -1)).hasSize(2);
        assertThat(html).matches("(?s).*<div id=\"eddy[0-9a-f]{32}\".*");
    }

    @Test
    void chartScriptIsValidJavaScript(@TempDir Path dir) throws Exception {
        Chart c = Chart.of(squares("it's \"quoted\""));
        Matcher m = Pattern.compile("(?s)<script>(.*)</script>").matcher(ChartHtml.render(c, null));
        assertThat(m.find()).isTrue();
        Path js = Files.writeString(dir.resolve("chart.js"), m.group(1));
        Process node = new ProcessBuilder("node", "--check", js.toString()).redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes());
        assertThat(node.waitFor()).as(out).isZero();
    }

    @Test
    void barsTakeTheirAxisTitlesFromTheColumnsInTheSpecAndThePicture() throws IOException {
        Table t = Table.create("per_user", StringColumn.create("user", "alice", "bob"), DoubleColumn.create("n", 2, 3));
        Chart bare = Chart.of(VerticalBarPlot.create("Sessions", t, "user", "n"));
        assertThat(bare.axisTitle("x")).isEmpty();

        Chart bars = Chart.bars("Sessions", t, "user", "n");

        assertThat(bars.axisTitle("x")).isEqualTo("user");
        assertThat(bars.axisTitle("y")).isEqualTo("n");
        assertThat(bars.toJson()).contains("\"xaxis\":{\"title\":{\"text\":\"user\"}");
        assertThat(bare.axisTitle("x")).as("the original chart is unchanged").isEmpty();
        decode(ChartPng.render(bars));
    }

    @Test
    void aChartWithoutAPictureSaysHowToSeeIt() {
        String html = ChartHtml.render(Chart.of(squares("t")), null);
        assertThat(html).contains("trust the notebook").doesNotContain("data:image/png");
    }

    @Test
    void theVendoredLibraryIsWrappedAgainstAmdLoadersAndDrainsTheQueue() {
        String lib = PlotlyLibrary.html();
        assertThat(lib).startsWith("<script>(function(define,exports,module){").contains("}).call(window);</script>")
                .contains("__eddyPlotlyQueue");
        assertThat(lib.length()).isGreaterThan(1_000_000);
        assertThat(PlotlyLibrary.version()).startsWith("plotly.js-dist-min ");
    }

    @Test
    void pngIsDecodableFromItsBase64() throws IOException {
        byte[] png = ChartPng.render(Chart.of(squares("t")));
        decode(Base64.getDecoder().decode(Base64.getEncoder().encodeToString(png)));
    }
}
