package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.Mapped;
import dev.eddy.dataflow.StepException;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stateful step that keys its items itself (its only input is the key_on step just before it) gives the
 * same results and failures as one that reads the key_on step's KVs.
 */
class KeyOnFusionTest {

    private static KeyedStream<String, Integer> counted(KeyedStream<String, String> keyed) {
        return keyed.statefulMap("count", (Integer n, String x) -> {
            int next = n == null ? 1 : n + 1;
            return Mapped.of(next, next);
        });
    }

    @Test
    void aStatefulStepKeyingItsOwnItemsCountsAsOneReadingKeyedItems() {
        List<String> words = List.of("apple", "avocado", "banana", "apricot", "blueberry", "cherry", "bean");
        Dataflow fused = new Dataflow("f");
        List<KV<String, Integer>> fusedOut = new ArrayList<>();
        counted(fused.input("inp", TestingSource.of(words, 3)).keyOn("first", s -> s.substring(0, 1)))
                .output("out", new TestingSink<>(fusedOut));
        Runner.runMain(fused);

        Dataflow plain = new Dataflow("f");
        List<KV<String, Integer>> plainOut = new ArrayList<>();
        List<Object> seen = new ArrayList<>();
        KeyedStream<String, String> keyed = plain.input("inp", TestingSource.of(words, 3))
                .keyOn("first", s -> s.substring(0, 1));
        keyed.output("seen", new TestingSink<>(seen));
        counted(keyed).output("out", new TestingSink<>(plainOut));
        Runner.runMain(plain);

        assertThat(fusedOut).isEqualTo(plainOut).contains(KV.of("a", 3), KV.of("b", 3), KV.of("c", 1));
        assertThat(seen).hasSize(words.size());
    }

    @Test
    void aNullKeyFailsNamingTheKeyOnStepAndItem() {
        Dataflow flow = new Dataflow("f");
        counted(flow.input("inp", TestingSource.of("a", "")).keyOn("k", s -> s.isEmpty() ? null : s))
                .output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageContaining("key_on step 'f.k' must return a non-null key; got null instead for item \"\"");
    }

    @Test
    void aThrowingKeyFunctionFailsNamingTheKeyOnStep() {
        Dataflow flow = new Dataflow("f");
        counted(flow.input("inp", TestingSource.of("a", "")).keyOn("k", s -> s.substring(0, 1)))
                .output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageContaining("key_on step 'f.k' failed on item \"\"");
    }
}
