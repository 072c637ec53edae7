package dev.eddy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.runtime.Runner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestingSinkTest {

    private static void run(List<Object> out, Object... items) {
        Dataflow flow = new Dataflow("sink");
        flow.input("inp", TestingSource.of(items)).output("out", new TestingSink<>(out));
        Runner.runMain(flow);
    }

    @Test
    void appendsEveryItemInOrder() {
        List<Object> out = new ArrayList<>();

        run(out, "a", 1, "b");

        assertThat(out).containsExactly("a", 1, "b");
    }

    @Test
    void theListIsNotClearedBetweenRuns() {
        List<Object> out = new ArrayList<>(List.of("before"));

        run(out, 1);
        run(out, 2);

        assertThat(out).containsExactly("before", 1, 2);
    }

    @Test
    void aListOfASupertypeTakesTheItems() {
        List<Number> out = new ArrayList<>();
        Dataflow flow = new Dataflow("supertype");
        flow.input("inp", TestingSource.of(1, 2)).output("out", new TestingSink<Number>(out));

        Runner.runMain(flow);

        assertThat(out).containsExactly(1, 2);
    }

    @Test
    void aNullListIsRejected() {
        assertThatThrownBy(() -> new TestingSink<>(null)).hasMessage("TestingSink list can't be null");
    }
}
