package dev.eddy.dataflow;

import static dev.eddy.dataflow.Flows.T0;
import static dev.eddy.dataflow.Flows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StatefulOperatorsTest {

    private final Dataflow flow = new Dataflow("f");

    private KeyedStream<String, String> selfKeyed(String... items) {
        return flow.input("inp", TestingSource.of(items)).keyOn("self", x -> x);
    }

    private static Mapped<Integer, Integer> runningCount(Integer count, Object item) {
        int next = count == null ? 1 : count + 1;
        return Mapped.of(next, next);
    }

    @Test
    void statefulMapKeepsAStatePerKey() {
        assertThat(run(selfKeyed("a", "a", "a", "b", "a").statefulMap("running_count",
                StatefulOperatorsTest::runningCount)))
                .containsExactly(KV.of("a", 1), KV.of("a", 2), KV.of("a", 3), KV.of("b", 1), KV.of("a", 4));
    }

    @Test
    void statefulMapStartsAfreshAfterANullState() {
        KeyedStream<String, Integer> pairs = selfKeyed("a", "a", "a").statefulMap("pairs",
                (Integer n, String x) -> n == null ? Mapped.of(1, 1) : Mapped.discard(n + 1));
        assertThat(run(pairs)).containsExactly(KV.of("a", 1), KV.of("a", 2), KV.of("a", 1));
    }

    @Test
    void statefulMapSeesNullValues() {
        KeyedStream<String, String> keyed = flow.input("inp", TestingSource.of(KV.of("k", (String) null),
                KV.of("k", "x"))).apply(KeyedStream::of);
        assertThat(run(keyed.statefulMap("nulls", (Integer n, String v) -> Mapped.of(n == null ? 1 : n + 1,
                n + "/" + v)))).containsExactly(KV.of("k", "null/null"), KV.of("k", "1/x"));
    }

    @Test
    void statefulMapRejectsAMapperThatReturnsNull() {
        selfKeyed("a").statefulMap("bad", (Integer n, String x) -> null).inspect("out");
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageContaining("mapper in stateful_map step 'f.bad' must return a Mapped(state, value);"
                        + " got null instead for value \"a\"");
    }

    @Test
    void statefulMapFailureNamesTheStepAndValueAndKeepsTheCause() {
        selfKeyed("a").statefulMap("boom", (Integer n, String x) -> {
            throw new IllegalStateException("no " + x);
        }).inspect("out");
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessage("stateful_map step 'f.boom' failed on item \"a\": java.lang.IllegalStateException: no a")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void statefulFlatMapEmitsEveryValueTheMapperReturns() {
        KeyedStream<String, String> out = selfKeyed("a", "a").statefulFlatMap("echo",
                (Integer n, String x) -> Mapped.of(1, n == null ? List.of(x) : List.of(x, x)));
        assertThat(run(out)).containsExactly(KV.of("a", "a"), KV.of("a", "a"), KV.of("a", "a"));
    }

    /** Emits each value, and discards itself after the second, so a third value meets a fresh logic. */
    private static final class Pairs implements StatefulLogic<String, String, Integer> {
        int seen;

        @Override
        public boolean onItem(String value, Consumer<? super String> out) {
            seen++;
            out.accept(value + seen);
            return seen == 2 ? DISCARD : RETAIN;
        }

        @Override
        public Integer snapshot() {
            return seen;
        }
    }

    @Test
    void statefulRebuildsTheLogicAfterItIsDiscarded() {
        assertThat(run(selfKeyed("a", "a", "a").stateful("pairs", (Integer resume) -> new Pairs())))
                .containsExactly(KV.of("a", "a1"), KV.of("a", "a2"), KV.of("a", "a1"));
    }

    @Test
    void collectEmitsAListOnceItIsFull() {
        KeyedStream<String, Integer> all = flow.input("inp", TestingSource.of(1, 2, 3)).keyOn("k", x -> "all");
        assertThat(run(all.collect("batch", Duration.ofSeconds(10), 2)))
                .containsExactly(KV.of("all", List.of(1, 2)), KV.of("all", List.of(3)));
    }

    @Test
    void collectEmitsWhenTheTimeoutPassesWithoutANewValue() {
        TestingClock clock = TestingClock.at(T0);
        KeyedStream<String, Integer> all = flow.input("inp", TestingSource.withMarkers(Integer.class, 1,
                List.of(1, 2, TestingSource.pause(Duration.ofSeconds(10)), 3))).keyOn("k", x -> "all");
        List<String> seen = new ArrayList<>();
        run(all.collect("batch", Duration.ofSeconds(5), 10)
                .inspect("when", (id, kv) -> seen.add(clock.now() + " " + kv)), clock);
        assertThat(seen).containsExactly("2024-01-01T00:00:05Z (all, [1, 2])", "2024-01-01T00:00:10Z (all, [3])");
    }

    @Test
    void collectRestartsTheTimeoutOnEveryValue() {
        Object pause = TestingSource.pause(Duration.ofSeconds(3));
        KeyedStream<String, Integer> all = flow.input("inp", TestingSource.withMarkers(Integer.class, 1,
                List.of(1, pause, 2, pause, 3))).keyOn("k", x -> "all");
        assertThat(run(all.collect("batch", Duration.ofSeconds(5), 10)))
                .containsExactly(KV.of("all", List.of(1, 2, 3)));
    }

    @Test
    void collectFlushesEveryKeyAtEndOfInputInKeyOrder() {
        KeyedStream<String, String> keyed = flow.input("inp", TestingSource.of("b1", "a1", "b2"))
                .keyOn("k", x -> x.substring(0, 1));
        assertThat(run(keyed.collect("batch", Duration.ofHours(1), 10)))
                .containsExactly(KV.of("a", List.of("a1")), KV.of("b", List.of("b1", "b2")));
    }

    @Test
    void collectKeepsNullValues() {
        KeyedStream<String, String> keyed = flow.input("inp", TestingSource.of(KV.of("k", (String) null)))
                .apply(KeyedStream::of);
        assertThat(run(keyed.collect("batch", Duration.ofHours(1), 10)))
                .containsExactly(KV.of("k", java.util.Arrays.asList((String) null)));
    }

    @Test
    void countFinalCountsPerKeyAtEndOfInput() {
        assertThat(run(flow.input("inp", TestingSource.of("a", "b", "a")).countFinal("count", x -> x)))
                .containsExactly(KV.of("a", 2L), KV.of("b", 1L));
    }

    @Test
    void foldFinalBuildsAnAccumulatorPerKey() {
        assertThat(run(selfKeyed("a", "bb", "a").foldFinal("len", () -> 0, (acc, x) -> acc + x.length())))
                .containsExactly(KV.of("a", 2), KV.of("bb", 2));
    }

    @Test
    void reduceFinalCombinesWithinAndAcrossBatches() {
        KeyedStream<String, Integer> all = flow.input("inp", TestingSource.of(List.of(1, 2, 3, 4, 5), 2))
                .keyOn("k", x -> "sum");
        assertThat(run(all.reduceFinal("add", Integer::sum))).containsExactly(KV.of("sum", 15));
    }

    @Test
    void reduceFinalKeepsAKeyWhoseReducerReturnsNull() {
        KeyedStream<String, Integer> all = flow.input("inp", TestingSource.of(List.of(1, 2), 2)).keyOn("k", x -> "k");
        assertThat(run(all.reduceFinal("nothing", (a, b) -> null))).containsExactly(KV.of("k", null));
    }

    @Test
    void maxAndMinFinalUseNaturalOrder() {
        KeyedStream<String, Integer> all = flow.input("inp", TestingSource.of(3, 9, 4)).keyOn("k", x -> "all");
        assertThat(run(all.maxFinal("max").merge("both", all.minFinal("min"))))
                .containsExactlyInAnyOrder(KV.of("all", 9), KV.of("all", 3));
    }

    @Test
    void maxFinalKeepsTheFirstArrivalOfATie() {
        KeyedStream<String, String> words = flow.input("inp", TestingSource.of(List.of("c", "aa", "bb", "dd"), 2))
                .keyOn("k", x -> "all");
        assertThat(run(words.maxFinal("longest", dev.eddy.dataflow.SerializableComparator.comparing(String::length))))
                .containsExactly(KV.of("all", "aa"));
    }

    @Test
    void minFinalKeepsTheFirstArrivalOfATie() {
        KeyedStream<String, String> words = flow.input("inp", TestingSource.of(List.of("aa", "x", "y", "z"), 2))
                .keyOn("k", x -> "all");
        assertThat(run(words.minFinal("shortest", dev.eddy.dataflow.SerializableComparator.comparing(String::length))))
                .containsExactly(KV.of("all", "x"));
    }

    @Test
    void maxFinalWithoutComparatorNamesTheStepForValuesThatDontCompare() {
        KeyedStream<String, Object> mixed = flow.input("inp", TestingSource.<Object>of(1, "x"))
                .keyOn("k", x -> "all");
        mixed.maxFinal("max").inspect("out");
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasStackTraceContaining("max_final step 'f.max' must compare values of one type");
    }
}
