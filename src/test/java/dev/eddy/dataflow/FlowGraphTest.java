package dev.eddy.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class FlowGraphTest {

    private final Dataflow flow = new Dataflow("test_df");

    private void linear() {
        flow.input("inp", TestingSource.of(1, 2, 3)).map("add_one", x -> x + 1)
                .output("out", new TestingSink<>(new ArrayList<>()));
    }

    @Test
    void mermaidOfALinearFlowIsBytewaxsLineForLine() {
        linear();
        assertThat(FlowGraph.toMermaid(flow)).isEqualTo("""
                flowchart TD
                subgraph "test_df (Dataflow)"
                test_df.inp["inp (input)"]
                test_df.add_one["add_one (map)"]
                test_df.inp -- "down → up" --> test_df.add_one
                test_df.out["out (output)"]
                test_df.add_one -- "down → up" --> test_df.out
                end""");
    }

    @Test
    void mermaidShowsOneStreamFeedingTwoSteps() {
        Stream<Integer> nums = flow.input("nums", TestingSource.of(1, 2, 3));
        Stream<Integer> ones = nums.map("add_one", x -> x + 1);
        Stream<Integer> twos = nums.map("add_two", x -> x + 2);
        ones.output("out_one", new TestingSink<>(new ArrayList<>()));
        twos.output("out_two", new TestingSink<>(new ArrayList<>()));
        assertThat(FlowGraph.toMermaid(flow)).isEqualTo("""
                flowchart TD
                subgraph "test_df (Dataflow)"
                test_df.nums["nums (input)"]
                test_df.add_one["add_one (map)"]
                test_df.nums -- "down → up" --> test_df.add_one
                test_df.add_two["add_two (map)"]
                test_df.nums -- "down → up" --> test_df.add_two
                test_df.out_one["out_one (output)"]
                test_df.add_one -- "down → up" --> test_df.out_one
                test_df.out_two["out_two (output)"]
                test_df.add_two -- "down → up" --> test_df.out_two
                end""");
    }

    @Test
    void mermaidLabelsMergeInputsUpsAndBranchOutputsByName() {
        Stream<Integer> ones = flow.input("ones", TestingSource.of(2, 3, 4));
        Stream<Integer> twos = flow.input("twos", TestingSource.of(3, 4, 5));
        BranchOut<Integer> parts = ones.merge("merge", twos).branch("even", x -> x % 2 == 0);
        parts.falses().output("out", new TestingSink<>(new ArrayList<>()));
        assertThat(FlowGraph.toMermaid(flow)).isEqualTo("""
                flowchart TD
                subgraph "test_df (Dataflow)"
                test_df.ones["ones (input)"]
                test_df.twos["twos (input)"]
                test_df.merge["merge (merge)"]
                test_df.ones -- "down → ups" --> test_df.merge
                test_df.twos -- "down → ups" --> test_df.merge
                test_df.even["even (branch)"]
                test_df.merge -- "down → up" --> test_df.even
                test_df.out["out (output)"]
                test_df.even -- "falses → up" --> test_df.out
                end""");
    }

    @Test
    void jsonOfALinearFlowIsBytewaxsTextExactly() throws IOException {
        linear();
        String expected;
        try (var in = getClass().getResourceAsStream("to_json_linear.json")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(FlowGraph.toJson(flow)).isEqualTo(expected);
    }

    @Test
    void jsonNestsEverySubstepAndResolvesInnerPortsToTheirScope() throws IOException {
        var names = flow.input("names", TestingSource.of(KV.of(1, "ann"))).apply(KeyedStream::of);
        var ages = flow.input("ages", TestingSource.of(KV.of(1, 31))).apply(KeyedStream::of);
        names.join("j", ages).output("out", new TestingSink<>(new ArrayList<>()));
        JsonNode join = new ObjectMapper().readTree(FlowGraph.toJson(flow)).get("substeps").get(2);
        assertThat(join.get("inp_ports").get(0).get("port_id").asText()).isEqualTo("test_df.j.sides");
        assertThat(join.get("out_ports").get(0).get("from_port_ids").get(0).asText()).isEqualTo("test_df.j.join.down");
        JsonNode addNames = join.get("substeps").get(0);
        JsonNode label1 = addNames.get("substeps").get(1);
        assertThat(label1.get("step_id").asText()).isEqualTo("test_df.j.add_names.label_1");
        assertThat(label1.get("inp_ports").get(0).get("from_port_ids").get(0).asText())
                .isEqualTo("test_df.j.add_names.ups");
        assertThat(label1.get("inp_ports").get(0).get("from_stream_ids").get(0).asText())
                .isEqualTo("test_df.ages.down");
        assertThat(label1.get("substeps").get(0).get("step_id").asText()).isEqualTo("test_df.j.add_names.label_1.map");
    }
}
