package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.testing.TestingSource;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FlowDiagramTest {

    static Dataflow branching() {
        var flow = new Dataflow("eg");
        var nums = flow.input("inp", TestingSource.of(1, 2, 3));
        var split = nums.branch("odd<\"x\">", x -> x % 2 == 1);
        split.trues().inspect("odds");
        split.falses().map("double", x -> x * 2).inspect("evens");
        return flow;
    }

    @Test
    void mermaidIsTheDataflowsOwn() {
        var flow = branching();
        assertThat(FlowDiagram.of(flow).mermaid()).isEqualTo(dev.eddy.dataflow.FlowGraph.toMermaid(flow));
    }

    @Test
    void markdownFencesTheMermaidForJupyterLab() {
        assertThat(FlowDiagram.of(branching()).markdown()).startsWith("flow `eg`: 5 steps\n\n```mermaid\nflowchart TD")
                .endsWith("```\n");
    }

    @Test
    void outlineSaysWhereEachStepsOutputGoes() {
        assertThat(FlowDiagram.of(branching()).outline()).contains("  inp (input) -> odd<\"x\">\n")
                .contains("odd<\"x\"> (branch) -> trues: odds, falses: double\n");
    }

    @Test
    void pngIsADecodablePictureOfTheGraph() throws IOException {
        var image = ChartTest.decode(FlowDiagram.of(branching()).png());
        assertThat(image.getHeight()).isGreaterThan(4 * 44);
        assertThat(ChartTest.hasColouredPixels(image)).isTrue();
    }

    static Dataflow chain(int steps) {
        var flow = new Dataflow("chain");
        var s = flow.input("inp", TestingSource.of(1, 2, 3));
        for (int i = 1; i < steps - 1; i++) s = s.map("step_" + i, x -> x + 1);
        s.inspect("out");
        return flow;
    }

    private static java.util.List<Integer> fontSizes(String svg) {
        var sizes = new java.util.ArrayList<Integer>();
        var m = java.util.regex.Pattern.compile("font-size=\"(\\d+)\"").matcher(svg);
        while (m.find()) sizes.add(Integer.parseInt(m.group(1)));
        return sizes;
    }

    private static int attribute(String svg, String name) {
        var m = java.util.regex.Pattern.compile("<svg [^>]*\\b" + name + "=\"(\\d+)\"").matcher(svg);
        assertThat(m.find()).as("svg has a %s", name).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void aShortFlowDrawsTopToBottom() {
        String svg = FlowDiagram.of(chain(3)).svg();
        assertThat(attribute(svg, "height")).isGreaterThan(attribute(svg, "width"));
        assertThat(svg).contains(">inp<", ">step_1<", ">out<");
    }

    @Test
    void aThirtyStepFlowWrapsIntoColumnsThatFitANotebookWithLabelsAtReadingSize() {
        String svg = FlowDiagram.of(chain(30)).svg();
        assertThat(attribute(svg, "width")).isLessThanOrEqualTo(1100);
        assertThat(attribute(svg, "height")).isLessThanOrEqualTo(900);
        for (int i = 1; i < 29; i++) assertThat(svg).contains(">step_" + i + "<");
        assertThat(fontSizes(svg)).isNotEmpty().allSatisfy(size -> assertThat(size).isGreaterThanOrEqualTo(12));
    }

    @Test
    void theSvgEscapesStepIds() {
        assertThat(FlowDiagram.of(branching()).svg()).contains("odd&lt;&quot;x&quot;&gt;").doesNotContain("odd<\"");
    }

    @Test
    void anEmptyFlowStillDraws() throws IOException {
        ChartTest.decode(FlowDiagram.of(new Dataflow("empty")).png());
        assertThat(FlowDiagram.of(new Dataflow("empty")).outline()).isEqualTo("Dataflow empty (0 steps)\n");
    }
}
