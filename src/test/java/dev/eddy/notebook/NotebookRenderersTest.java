package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class NotebookRenderersTest {

    final List<DisplayData> emitted = new ArrayList<>();
    final Renderer renderer = new Renderer();

    NotebookRenderersTest() {
        NotebookRenderers.registerAll(renderer, new PlotlySession(emitted::add, null));
    }

    @Test
    void tablesRenderAsHtmlAndText() {
        DisplayData d = renderer.render(Table.create("t", IntColumn.create("n", 1, 2)));
        assertThat((String) d.getData(MIMEType.TEXT_HTML)).contains("t — 2 rows × 1 column");
        assertThat((String) d.getData(MIMEType.TEXT_PLAIN)).startsWith("t — 2 rows × 1 column\n");
    }

    @Test
    void inlineFiguresRenderAsHtmlPngAndTextAndPlotlyGoesOutOnceBeforeTheFirst() throws Exception {
        DisplayData first = renderer.render(ChartTest.squares("one"));
        DisplayData second = renderer.render(ChartTest.squares("two"));
        assertThat(emitted).hasSize(1);
        assertThat((String) emitted.get(0).getData(MIMEType.TEXT_HTML)).startsWith("<script>(function(define");
        assertThat((String) emitted.get(0).getData(MIMEType.TEXT_PLAIN)).contains("plotly.js-dist-min");
        for (DisplayData d : List.of(first, second)) {
            ChartTest.decode(Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG)));
            assertThat((String) d.getData(MIMEType.TEXT_HTML)).contains("data:image/png;base64,");
        }
        assertThat((String) second.getData(MIMEType.TEXT_PLAIN)).isEqualTo("Chart: two — 1 trace (scatter), 3 points");
    }

    @Test
    void servedChartsInstallPlotlyForTheServerOnceAndLoadItFromThereInsteadOfCarryingIt(@TempDir Path data)
            throws Exception {
        Path file = data.resolve("labextensions/eddy-plotly/static").resolve(PlotlyInstall.fileName());
        var served = new Renderer();
        NotebookRenderers.registerAll(served, new PlotlySession(emitted::add, file));

        DisplayData first = served.render(ChartTest.squares("one"));
        Files.delete(file);
        DisplayData second = served.render(ChartTest.squares("two"));

        assertThat(emitted).isEmpty();
        assertThat(file).doesNotExist();
        String html = (String) first.getData(MIMEType.TEXT_HTML);
        assertThat(html).contains("fullLabextensionsUrl", "/eddy-plotly/static/" + PlotlyInstall.fileName())
                .doesNotContain("function(define,exports,module)");
        assertThat(html.length()).isLessThan(100_000);
        assertThat((String) second.getData(MIMEType.TEXT_HTML)).contains("data:image/png;base64,");
    }

    @Test
    void aFrontEndNoServerServesGetsPlotlyInlineOnceWhileServedOnesGetTheInstalledCopy(@TempDir Path data) {
        Path file = data.resolve("labextensions/eddy-plotly/static").resolve(PlotlyInstall.fileName());
        boolean[] vsCode = {false};
        var auto = new Renderer();
        NotebookRenderers.registerAll(auto, new PlotlySession(emitted::add, file, () -> vsCode[0]));

        auto.render(ChartTest.squares("lab"));
        assertThat(emitted).isEmpty();
        assertThat(file).exists();
        vsCode[0] = true;
        auto.render(ChartTest.squares("vscode one"));
        auto.render(ChartTest.squares("vscode two"));

        assertThat(emitted).hasSize(1);
        assertThat((String) emitted.get(0).getData(MIMEType.TEXT_HTML)).startsWith("<script>(function(define");
    }

    @Test
    void theInstalledLibraryIsTheVendoredOneAndAnInstallThatFailsSaysSoOnce(@TempDir Path data) throws Exception {
        Path file = PlotlyInstall.ensureInstalled(data.resolve("a/b").resolve(PlotlyInstall.fileName()));
        assertThat(Files.readString(file)).contains("window.Plotly").hasSizeGreaterThan(1_000_000);
        assertThat(PlotlyInstall.fileName()).matches("plotly-[0-9.]+\\.min\\.js");

        Path blocked = Files.writeString(data.resolve("not-a-dir"), "x").resolve("plotly.min.js");
        var served = new Renderer();
        NotebookRenderers.registerAll(served, new PlotlySession(emitted::add, blocked));
        DisplayData chart = served.render(ChartTest.squares("one"));
        served.render(ChartTest.squares("two"));

        assertThat(emitted).hasSize(1);
        assertThat((String) emitted.get(0).getData(MIMEType.TEXT_PLAIN))
                .startsWith("plotly.js could not be installed for the Jupyter server at " + blocked)
                .contains("charts show as pictures", "EDDY_PLOTLY=inline");
        assertThat((String) chart.getData(MIMEType.TEXT_HTML)).contains("data:image/png;base64,");
    }

    @Test
    void theJupyterDataDirIsTheOneTheServerUses() {
        Path home = Path.of("/home/ada");
        assertThat(PlotlyInstall.dataDir(Map.of("JUPYTER_DATA_DIR", "/d"), "Linux", home)).isEqualTo(Path.of("/d"));
        assertThat(PlotlyInstall.dataDir(Map.of(), "Linux", home)).isEqualTo(home.resolve(".local/share/jupyter"));
        assertThat(PlotlyInstall.dataDir(Map.of("XDG_DATA_HOME", "/x"), "Linux", home))
                .isEqualTo(Path.of("/x/jupyter"));
        assertThat(PlotlyInstall.dataDir(Map.of(), "Mac OS X", home)).isEqualTo(home.resolve("Library/Jupyter"));
    }

    @Test
    void resendingPlotlySendsItWithTheNextChart() {
        renderer.render(ChartTest.squares("one"));
        Notebook.resendPlotly();
        renderer.render(ChartTest.squares("two"));
        assertThat(emitted).hasSize(2);
    }

    @Test
    void aPngOnlyRequestSendsNoLibrary() {
        DisplayData d = renderer.renderAs(ChartTest.squares("png"), "image/png");
        assertThat(d.hasDataForType(MIMEType.IMAGE_PNG)).isTrue();
        assertThat(emitted).isEmpty();
    }

    @Test
    void flowsRenderAsAnSvgDrawnHereWithAPngAndAnOutlineAndNoMermaidThatNeedsANetwork() throws Exception {
        DisplayData d = renderer.render(FlowDiagramTest.branching());
        assertThat(d.hasDataForType(MIMEType.TEXT_MARKDOWN)).isFalse();
        assertThat((String) d.getData(MIMEType.IMAGE_SVG)).startsWith("<svg ").contains(">double<");
        assertThat((String) d.getData(MIMEType.TEXT_PLAIN)).startsWith("Dataflow eg (5 steps)");
        ChartTest.decode(Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG)));
    }

    @Test
    void valuesWithCyclicReferencesShowANoteInsteadOfFailing() {
        List<Object> links = new ArrayList<>();
        links.add(new TablesTest.Node("n", links));
        DisplayData d = renderer.render(links.get(0));
        assertThat((String) d.getData(MIMEType.TEXT_PLAIN)).contains("cyclic references");
    }

    @Test
    void otherValuesKeepTheirToStringAndRegisteredTypesTheirOwnText() {
        assertThat((String) renderer.render(List.of(1, 2)).getData(MIMEType.TEXT_PLAIN)).isEqualTo("[1, 2]");
        assertThat((String) renderer.render("<b>").getData(MIMEType.TEXT_PLAIN)).isEqualTo("<b>");
        DisplayData table = renderer.render(Table.create("t", IntColumn.create("n", 1)));
        assertThat((String) table.getData(MIMEType.TEXT_PLAIN)).startsWith("t — 1 row × 1 column");
        assertThat(table.hasDataForType(MIMEType.TEXT_HTML)).isTrue();
    }

    @Test
    void theExtensionIsFoundByServiceLoader() {
        var found = ServiceLoader.load(dev.eddy.kernel.api.KernelExtension.class).stream()
                .map(p -> p.type().getName()).toList();
        assertThat(found).contains(NotebookExtension.class.getName());
    }
}
