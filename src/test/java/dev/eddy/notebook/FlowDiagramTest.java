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

    @Test
    void anEmptyFlowStillDraws() throws IOException {
        ChartTest.decode(FlowDiagram.of(new Dataflow("empty")).png());
        assertThat(FlowDiagram.of(new Dataflow("empty")).outline()).isEqualTo("Dataflow empty (0 steps)\n");
    }
}
