package dev.eddy.dataflow;

import static dev.eddy.dataflow.Flows.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.testing.TestingSource;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinTest {

    private final Dataflow flow = new Dataflow("f");

    @SafeVarargs
    private <V> KeyedStream<String, V> side(String stepId, KV<String, V>... items) {
        return flow.input(stepId, TestingSource.of(items)).apply(KeyedStream::of);
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void joinByDefaultEmitsTheLastValuesOnceEverySideHasOneThenForgetsTheKey() {
        KeyedStream<String, String> names = side("names", KV.of("1", "ann"), KV.of("1", "bob"), KV.of("1", "cy"));
        KeyedStream<String, Integer> ages = side("ages", KV.of("1", 31));
        // Activation 1: ann and 31 complete the key and it is discarded; bob and cy never meet an age.
        assertThat(run(names.join("j", ages))).containsExactly(KV.of("1", row("ann", 31)));
    }

    @Test
    void joinInFirstModeKeepsEachSidesFirstValue() {
        KeyedStream<String, String> left = side("l", KV.of("k", "a1"), KV.of("k", "a2"));
        KeyedStream<String, String> right = side("r", KV.of("x", "0"), KV.of("k", "b"));
        assertThat(run(left.join("j", JoinInsertMode.FIRST, JoinEmitMode.COMPLETE, right)))
                .containsExactly(KV.of("k", row("a1", "b")));
    }

    @Test
    void joinInLastModeKeepsEachSidesLatestValue() {
        KeyedStream<String, String> left = side("l", KV.of("k", "a1"), KV.of("k", "a2"));
        KeyedStream<String, String> right = side("r", KV.of("x", "0"), KV.of("k", "b"));
        assertThat(run(left.join("j", JoinInsertMode.LAST, JoinEmitMode.COMPLETE, right)))
                .containsExactly(KV.of("k", row("a2", "b")));
    }

    @Test
    void joinInProductModeEmitsTheCrossProductAtEndOfInputInFinalMode() {
        KeyedStream<String, Integer> left = side("l", KV.of("k", 1), KV.of("k", 2));
        KeyedStream<String, String> right = side("r", KV.of("k", "a"), KV.of("k", "b"));
        assertThat(run(left.join("j", JoinInsertMode.PRODUCT, JoinEmitMode.FINAL, right))).containsExactly(
                KV.of("k", row(1, "a")), KV.of("k", row(1, "b")), KV.of("k", row(2, "a")), KV.of("k", row(2, "b")));
    }

    @Test
    void joinInFinalModeFillsMissingSidesWithNull() {
        KeyedStream<String, Integer> left = side("l", KV.of("k", 1));
        KeyedStream<String, String> right = side("r", KV.of("other", "a"));
        assertThat(run(left.join("j", JoinInsertMode.LAST, JoinEmitMode.FINAL, right)))
                .containsExactly(KV.of("k", row(1, null)), KV.of("other", row(null, "a")));
    }

    @Test
    void joinInRunningModeEmitsOnEveryValueAndKeepsTheState() {
        KeyedStream<String, Integer> left = side("l", KV.of("k", 1), KV.of("k", 2));
        KeyedStream<String, String> right = side("r", KV.of("k", "a"));
        assertThat(run(left.join("j", JoinInsertMode.LAST, JoinEmitMode.RUNNING, right))).containsExactly(
                KV.of("k", row(1, null)), KV.of("k", row(1, "a")), KV.of("k", row(2, "a")));
    }

    @Test
    void joinInProductRunningModeEmitsEveryCombinationSoFar() {
        KeyedStream<String, Integer> left = side("l", KV.of("k", 1), KV.of("k", 2));
        KeyedStream<String, String> right = side("r", KV.of("k", "a"));
        assertThat(run(left.join("j", JoinInsertMode.PRODUCT, JoinEmitMode.RUNNING, right))).containsExactly(
                KV.of("k", row(1, null)), KV.of("k", row(1, "a")), KV.of("k", row(1, "a")), KV.of("k", row(2, "a")));
    }

    @Test
    void joinTakesAnyNumberOfSidesInArgumentOrder() {
        KeyedStream<String, Integer> a = side("a", KV.of("k", 1));
        KeyedStream<String, String> b = side("b", KV.of("k", "two"));
        KeyedStream<String, Double> c = side("c", KV.of("k", 3.0));
        assertThat(run(a.join("j", b, c))).containsExactly(KV.of("k", row(1, "two", 3.0)));
    }

    @Test
    void joinKeepsNullValues() {
        KeyedStream<String, String> left = side("l", KV.of("k", (String) null));
        KeyedStream<String, String> right = side("r", KV.of("k", "b"));
        assertThat(run(left.join("j", right))).containsExactly(KV.of("k", row(null, "b")));
    }
}
