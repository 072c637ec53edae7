package dev.eddy.dataflow;

import static dev.eddy.dataflow.Flows.T0;
import static dev.eddy.dataflow.Flows.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatelessOperatorsTest {

    private final Dataflow flow = new Dataflow("f");

    @Test
    void mapTransformsEachItem() {
        assertThat(run(flow.input("inp", TestingSource.of(0, 1, 2)).map("add_ten", x -> x + 10)))
                .containsExactly(10, 11, 12);
    }

    @Test
    void mapMayEmitNull() {
        assertThat(run(flow.input("inp", TestingSource.of(1, 2)).map("nothing", x -> (String) null)))
                .containsExactly(null, null);
    }

    @Test
    void flatMapEmitsEveryElementOfWhatTheMapperReturns() {
        assertThat(run(flow.input("inp", TestingSource.of("hello world", "bye"))
                .flatMap("split", s -> List.of(s.split(" "))))).containsExactly("hello", "world", "bye");
    }

    @Test
    void flatMapRejectsAMapperThatReturnsNull() {
        flow.input("inp", TestingSource.of(1)).flatMap("bad", x -> (List<Integer>) null).inspect("out");
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageContaining("mapper in flat_map step 'f.bad' must return an Iterable; got null instead");
    }

    @Test
    void flatMapBatchSeesTheSourcesBatches() {
        assertThat(run(flow.input("inp", TestingSource.of(List.of(1, 2, 3), 2))
                .flatMapBatch("sizes", batch -> List.of(batch.size())))).containsExactly(2, 1);
    }

    @Test
    void flattenMovesElementsOfIterablesAndArraysUpALevel() {
        Stream<Object> nested = flow.input("inp", TestingSource.<Object>of(List.of(1, 2), new Integer[] {3},
                new int[] {4, 5}, List.of()));
        assertThat(run(nested.<Integer>flatten("flat"))).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void flattenFailsOnAnItemThatIsNotIterable() {
        flow.input("inp", TestingSource.<Object>of(List.of(1), 7, List.of(2))).flatten("flat").inspect("out");
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessage("flatten step 'f.flat' requires each item to be an Iterable or an array;"
                        + " got a java.lang.Integer instead")
                .satisfies(e -> assertThat(((StepException) e).item()).isEqualTo(7));
    }

    @Test
    void filterKeepsItemsThePredicateAccepts() {
        assertThat(run(flow.input("inp", TestingSource.of(0, 1, 2, 3)).filter("odd", x -> x % 2 != 0)))
                .containsExactly(1, 3);
    }

    @Test
    void filterMapDropsNullResults() {
        assertThat(run(flow.input("inp", TestingSource.of("1", "x", "3"))
                .filterMap("parse", s -> s.matches("\\d+") ? Integer.parseInt(s) : null))).containsExactly(1, 3);
    }

    @Test
    void keyOnPairsEachItemWithItsKey() {
        assertThat(run(flow.input("inp", TestingSource.of("apple", "banana")).keyOn("first", s -> s.charAt(0))))
                .containsExactly(KV.of('a', "apple"), KV.of('b', "banana"));
    }

    @Test
    void keyOnRejectsANullKeyNamingTheStepAndItem() {
        flow.input("inp", TestingSource.of("a", "")).keyOn("k", s -> s.isEmpty() ? null : s).inspect("out");
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageContaining("key_on step 'f.k' must return a non-null key; got null instead for item \"\"");
    }

    @Test
    void keyedValueOperatorsKeepTheKey() {
        KeyedStream<String, Integer> keyed = flow.input("inp", TestingSource.of(KV.of("a", 1), KV.of("b", 2),
                KV.of("c", 3))).apply(KeyedStream::of);
        assertThat(run(keyed.mapValue("double", v -> v * 2)
                .flatMapValue("twice", v -> List.of(v, v + 1))
                .filterValue("small", v -> v < 6)
                .filterMapValue("odd_or_null", v -> v % 2 == 1 ? "odd " + v : null)))
                .containsExactly(KV.of("a", "odd 3"), KV.of("b", "odd 5"));
    }

    @Test
    void nullValuesPassThroughKeyedOperators() {
        KeyedStream<String, String> keyed = flow.input("inp", TestingSource.of(KV.of("a", (String) null)))
                .apply(KeyedStream::of);
        assertThat(run(keyed.mapValue("same", v -> v).keyRm("rm"))).containsExactly((String) null);
    }

    @Test
    void keyRmDropsTheKeys() {
        assertThat(run(flow.input("inp", TestingSource.of("x", "y")).keyOn("k", s -> "key").keyRm("rm")))
                .containsExactly("x", "y");
    }

    @Test
    void inspectCallsTheInspectorWithTheQualifiedStepIdAndPassesItemsOn() {
        List<String> seen = new ArrayList<>();
        Stream<Integer> inspected = flow.input("inp", TestingSource.of(1, 2))
                .inspect("look", (id, x) -> seen.add(id + ": " + x));
        assertThat(run(inspected)).containsExactly(1, 2);
        assertThat(seen).containsExactly("f.look: 1", "f.look: 2");
    }

    @Test
    void inspectDebugSeesEpochAndWorker() {
        List<String> seen = new ArrayList<>();
        run(flow.input("inp", TestingSource.of(0, 1))
                .inspectDebug("help", (id, x, epoch, worker) -> seen.add(id + " W" + worker + " @" + epoch + ": " + x)));
        assertThat(seen).containsExactly("f.help W0 @1: 0", "f.help W0 @1: 1");
    }

    @Test
    void branchSplitsItemsByThePredicateInArrivalOrder() {
        List<String> seen = new ArrayList<>();
        BranchOut<Integer> parts = flow.input("nums", TestingSource.of(1, 2, 3, 4, 5))
                .branch("even_odd", x -> x % 2 == 0);
        parts.trues().inspect("evens", (id, x) -> seen.add(id + ": " + x));
        parts.falses().inspect("odds", (id, x) -> seen.add(id + ": " + x));
        Runner.runMain(flow);
        assertThat(seen).containsExactly("f.odds: 1", "f.evens: 2", "f.odds: 3", "f.evens: 4", "f.odds: 5");
    }

    @Test
    void mergeInterleavesItsUpstreamsActivationByActivation() {
        Stream<Integer> a = flow.input("a", TestingSource.of(1, 2));
        Stream<Integer> b = flow.input("b", TestingSource.of(3, 4));
        assertThat(run(a.merge("both", b))).containsExactly(1, 3, 2, 4);
    }

    @Test
    void redistributeOnOneWorkerPassesItemsOnUnchanged() {
        assertThat(run(flow.input("inp", TestingSource.of(1, 2)).redistribute("spread"))).containsExactly(1, 2);
    }

    @Test
    void enrichCachedLooksAValueUpAgainOnlyOnceItIsOlderThanTheTtl() {
        TestingClock clock = TestingClock.at(T0);
        List<Instant> lookups = new ArrayList<>();
        Object pause = TestingSource.pause(Duration.ofSeconds(10));
        Stream<String> codes = flow.input("inp", TestingSource.withMarkers(String.class, 1,
                List.of("dog", pause, "dog", pause, "dog")));
        Stream<String> urls = codes.enrichCached("icon", (String code) -> {
            lookups.add(clock.now());
            return code + ".png";
        }, (cache, code) -> cache.get(code), Duration.ofSeconds(15));
        assertThat(run(urls, clock)).containsExactly("dog.png", "dog.png", "dog.png");
        assertThat(lookups).containsExactly(T0, T0.plusSeconds(20));
    }

    @Test
    void enrichCachedWithoutTtlLooksUpEachKeyOnce() {
        List<String> lookups = new ArrayList<>();
        Stream<String> urls = flow.input("inp", TestingSource.of("dog", "cat", "dog"))
                .enrichCached("icon", (String code) -> {
                    lookups.add(code);
                    return code + ".png";
                }, (cache, code) -> code + " -> " + cache.get(code));
        assertThat(run(urls)).containsExactly("dog -> dog.png", "cat -> cat.png", "dog -> dog.png");
        assertThat(lookups).containsExactly("dog", "cat");
    }

    @Test
    void raisesFailsTheRunOnAnyItem() {
        flow.input("inp", TestingSource.of(1)).raises("never");
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("raises step 'f.never' got an item: 1");
    }

    @Test
    void raisesLetsAnEmptyStreamFinish() {
        Stream<Integer> inp = flow.input("inp", TestingSource.of(1));
        inp.filter("none", x -> false).raises("never");
        assertThat(run(inp)).containsExactly(1);
    }

    @Test
    void operatorsNestTheirStepsAsBytewaxDoes() {
        flow.input("inp", TestingSource.of(1)).filter("odd", x -> true).keyOn("k", x -> "a")
                .statefulMap("count", (Integer n, Integer x) -> Mapped.of(1, 1)).inspect("out");
        assertThat(flow.primitiveSteps().stream().map(Step::id).toList()).containsExactly(
                "f.inp",
                "f.odd.flat_map.flat_map_batch",
                "f.k.map.flat_map_batch",
                "f.count.stateful_flat_map.stateful.stateful_batch",
                "f.out.inspect_debug");
        assertThat(Arrays.asList(flow.steps().stream().map(Step::operator).toArray()))
                .containsExactly("input", "filter", "key_on", "stateful_map", "inspect");
    }
}
