package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.testing.TestingSource;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class FlowGraphTest {

    static Dataflow branching() {
        var flow = new Dataflow("eg");
        var nums = flow.input("inp", TestingSource.of(1, 2, 3));
        var split = nums.branch("odd<\"x\">", x -> x % 2 == 1);
        split.trues().inspect("odds");
        split.falses().map("double", x -> x * 2).inspect("evens");
        return flow;
    }

    @Test
    void mermaidHasANodePerStepAndAnEdgePerStreamLabelledByPort() {
        String m = FlowGraph.of(branching()).mermaid();
        assertThat(m).startsWith("flowchart TD\n")
                .contains("s0[\"inp<br/><small>input</small>\"]")
                .contains("s1[\"odd#lt;#quot;x#quot;#gt;<br/><small>branch</small>\"]")
                .contains("s0 --> s1").contains("s1 -->|trues| s2").contains("s1 -->|falses| s3")
                .contains("s3 --> s4");
    }

    @Test
    void markdownFencesTheMermaidForJupyterLab() {
        assertThat(FlowGraph.of(branching()).markdown()).startsWith("flow `eg`: 5 steps\n\n```mermaid\nflowchart TD")
                .endsWith("```\n");
    }

    @Test
    void outlineSaysWhereEachStepsOutputGoes() {
        assertThat(FlowGraph.of(branching()).outline()).contains("  inp (input) -> odd<\"x\">\n")
                .contains("odd<\"x\"> (branch) -> trues: odds, falses: double\n");
    }

    @Test
    void pngIsADecodablePictureOfTheGraph() throws IOException {
        var image = ChartTest.decode(FlowGraph.of(branching()).png());
        assertThat(image.getHeight()).isGreaterThan(4 * 44);
        assertThat(ChartTest.hasColouredPixels(image)).isTrue();
    }

    @Test
    void anEmptyFlowStillDraws() throws IOException {
        ChartTest.decode(FlowGraph.of(new Dataflow("empty")).png());
        assertThat(FlowGraph.of(new Dataflow("empty")).mermaid()).isEqualTo("flowchart TD\n");
    }
}
