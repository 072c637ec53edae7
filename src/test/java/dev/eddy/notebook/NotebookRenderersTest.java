package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class NotebookRenderersTest {

    final List<DisplayData> emitted = new ArrayList<>();
    final Renderer renderer = new Renderer();

    NotebookRenderersTest() {
        NotebookRenderers.registerAll(renderer, emitted::add);
    }

    @Test
    void tablesRenderAsHtmlAndText() {
        DisplayData d = renderer.render(Table.create("t", IntColumn.create("n", 1, 2)));
        assertThat((String) d.getData(MIMEType.TEXT_HTML)).contains("t — 2 rows × 1 column");
        assertThat((String) d.getData(MIMEType.TEXT_PLAIN)).startsWith("t — 2 rows × 1 column\n");
    }

    @Test
    void figuresRenderAsHtmlPngAndTextAndPlotlyGoesOutOnceBeforeTheFirst() throws Exception {
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
    void flowsRenderAsMermaidMarkdownWithAPictureAndAnOutline() throws Exception {
        DisplayData d = renderer.render(FlowDiagramTest.branching());
        assertThat((String) d.getData(MIMEType.TEXT_MARKDOWN)).contains("```mermaid");
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
