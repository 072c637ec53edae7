package dev.eddy.dataflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingSource;
import org.junit.jupiter.api.Test;

class FlowBuildingTest {

    private final Dataflow flow = new Dataflow("f");
    private final Stream<Integer> inp = flow.input("inp", TestingSource.of(1));

    @Test
    void aDuplicateStepIdFailsNamingTheStep() {
        inp.map("x", v -> v);
        assertThatThrownBy(() -> inp.filter("x", v -> true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step 'f.x' already exists; do you have two steps with the same id? In a notebook,"
                        + " re-running a cell adds its steps again: re-run the cell that makes the Dataflow"
                        + " (new Dataflow(\"f\")) first, then the cells that add steps to it");
    }

    @Test
    void anOutputStepCanBeRemovedAndItsIdUsedAgain() {
        inp.output("out", new dev.eddy.testing.TestingSink<>(new java.util.ArrayList<Integer>()));
        var before = flow.steps();
        inp.output("extra", new dev.eddy.testing.TestingSink<>(new java.util.ArrayList<Integer>()));

        flow.removeOutput("f.extra");

        assertThat(flow.steps()).isEqualTo(before);
        inp.output("extra", new dev.eddy.testing.TestingSink<>(new java.util.ArrayList<Integer>()));
        assertThatThrownBy(() -> flow.removeOutput("f.inp"))
                .hasMessage("removeOutput must name a top-level output step of flow 'f'; got 'f.inp' (input)"
                        + " instead");
    }

    @Test
    void theSameIdMayBeUsedInsideAComposite() {
        inp.map("x", v -> v);
        inp.composite("outer", "my_op", () -> inp.map("x", v -> v));
        assertThat(flow.primitiveSteps()).extracting(Step::id).contains("f.x.flat_map_batch", "f.outer.x.flat_map_batch");
    }

    @Test
    void aStepIdWithADotFailsWithAHint() {
        assertThatThrownBy(() -> inp.map("a.b", v -> v)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("map step id 'a.b' in 'f' must not contain a dot; got \"a.b\" instead;"
                        + " dots separate nested step ids, try 'a_b'");
    }

    @Test
    void aFlowIdWithADotFails() {
        assertThatThrownBy(() -> new Dataflow("a.b")).hasMessageContaining("must not contain a dot");
    }

    @Test
    void aBlankStepIdFails() {
        assertThatThrownBy(() -> inp.map(" ", v -> v)).hasMessageContaining("must be a non-blank string; got \" \"");
    }

    @Test
    void aStreamFromAnotherFlowFailsNamingBothFlows() {
        Stream<Integer> other = new Dataflow("g").input("inp", TestingSource.of(2));
        assertThatThrownBy(() -> inp.merge("both", other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("merge step 'f.both' must take streams of flow 'f'; got stream 'g.inp.down' of flow 'g'"
                        + " instead; build each flow from its own input steps");
    }

    @Test
    void aNullFunctionFailsNamingTheStep() {
        assertThatThrownBy(() -> inp.map("m", (SerializableFunction<Integer, Integer>) null))
                .isInstanceOf(NullPointerException.class).hasMessage("mapper in map step 'f.m' can't be null");
        assertThatThrownBy(() -> inp.keyOn("k", x -> "a").statefulMap("s", null))
                .hasMessage("mapper in stateful_map step 'f.s' can't be null");
    }

    @Test
    void aFlowWithoutOutputFailsWhenPrepared() {
        inp.map("m", v -> v);
        assertThatThrownBy(() -> Runner.prepare(flow, RunOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("flow 'f' must have at least one output or inspect step; got none");
    }

    @Test
    void collectChecksItsLimits() {
        KeyedStream<String, Integer> keyed = inp.keyOn("k", x -> "a");
        assertThatThrownBy(() -> keyed.collect("c", java.time.Duration.ofSeconds(1), 0))
                .hasMessage("maxSize in collect step 'f.c' must be at least 1; got 0 instead");
    }

    @Test
    void toStringSummarisesTheFlow() {
        inp.inspect("out");
        assertThat(flow).hasToString("Dataflow(f: 2 steps, in [f.inp], out [f.out])");
    }
}
