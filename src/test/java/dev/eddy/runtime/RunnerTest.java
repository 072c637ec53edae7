package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.Mapped;
import dev.eddy.dataflow.StatefulBatchLogic;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RunnerTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final Dataflow flow = new Dataflow("r");
    private final TestingClock clock = TestingClock.at(T0);
    private final List<String> calls = new ArrayList<>();

    /** Records each call with the key and the clock, asks to be woken {@code wakeAfter} after each batch. */
    private final class Recorder implements StatefulBatchLogic<String, String, String> {
        final Duration wakeAfter;
        Instant wakeAt;

        Recorder(Duration wakeAfter) {
            this.wakeAfter = wakeAfter;
        }

        @Override
        public boolean onBatch(List<String> values, Consumer<? super String> out) {
            calls.add("batch " + values);
            wakeAt = wakeAfter == null ? null : clock.now().plus(wakeAfter);
            return RETAIN;
        }

        @Override
        public boolean onNotify(Consumer<? super String> out) {
            calls.add("notify at " + clock.now());
            out.accept("woke");
            wakeAt = null;
            return RETAIN;
        }

        @Override
        public boolean onEof(Consumer<? super String> out) {
            calls.add("eof " + wakeAt);
            return DISCARD;
        }

        @Override
        public Instant notifyAt() {
            return wakeAt;
        }

        @Override
        public String snapshot() {
            return "s";
        }
    }

    private KeyedStream<String, String> keyed(TestingSource<String> source) {
        return flow.input("inp", source).keyOn("k", x -> x.substring(0, 1));
    }

    private <T> List<T> runCollecting(dev.eddy.dataflow.Stream<T> stream, RunOptions options) {
        List<T> out = new ArrayList<>();
        stream.output("out", new TestingSink<>(out));
        Runner.runMain(flow, options);
        return out;
    }

    @Test
    void keysOfOneActivationAreVisitedInSortedOrder() {
        var counts = keyed(TestingSource.of(List.of("c1", "a1", "b1", "a2"), 4))
                .statefulMap("n", (Integer n, String x) -> Mapped.of(1, x));
        assertThat(runCollecting(counts, RunOptions.defaults().withClock(clock)))
                .containsExactly(KV.of("a", "a1"), KV.of("a", "a2"), KV.of("b", "b1"), KV.of("c", "c1"));
    }

    @Test
    void comparableKeysSortInTheirNaturalOrder() {
        var byNumber = flow.input("inp", TestingSource.of(List.of(10, 9), 2)).keyOn("k", x -> x)
                .statefulMap("n", (Integer n, Integer x) -> Mapped.of(1, x));
        assertThat(runCollecting(byNumber, RunOptions.defaults().withClock(clock)))
                .containsExactly(KV.of(9, 9), KV.of(10, 10));
    }

    @Test
    void longKeysOfOneActivationAreVisitedInNumericOrderWhateverTheirSize() {
        List<Long> small = new ArrayList<>();
        for (long k = 300; k >= -300; k -= 7) {
            small.add(k * 1_000_003L);
        }
        List<Long> huge = List.of(Long.MAX_VALUE, 5L, Long.MIN_VALUE, 1L << 50, -(1L << 46), (1L << 46) - 1);
        for (List<Long> keys : List.of(small, huge)) {
            Dataflow f = new Dataflow("longs");
            var firsts = f.input("inp", TestingSource.of(keys, keys.size())).keyOn("k", x -> x)
                    .statefulMap("n", (Integer n, Long x) -> Mapped.of(1, x));
            List<KV<Long, Long>> out = new ArrayList<>();
            firsts.output("out", new TestingSink<>(out));
            Runner.runMain(f, RunOptions.defaults().withClock(clock));
            assertThat(out).extracting(KV::key).isSortedAccordingTo(Long::compare)
                    .containsExactlyInAnyOrderElementsOf(keys);
        }
    }

    /** Keeps every values list it is given, as a logic may unless it says otherwise. */
    private static final class Keeper implements StatefulBatchLogic<String, String, String> {
        final List<List<String>> kept;
        final boolean keeps;

        Keeper(List<List<String>> kept, boolean keeps) {
            this.kept = kept;
            this.keeps = keeps;
        }

        @Override
        public boolean onBatch(List<String> values, Consumer<? super String> out) {
            kept.add(values);
            out.accept(String.join("", values));
            return RETAIN;
        }

        @Override
        public boolean keepsValues() {
            return keeps;
        }

        @Override
        public String snapshot() {
            return "";
        }
    }

    @Test
    void valuesListsAreReusedOnlyWhenTheLogicDoesNotKeepThem() {
        // Two keys interleaved, three batches: each batch gives each key a list of its own.
        List<String> items = List.of("a1", "b1", "a2", "b2", "a3", "b3", "a4", "b4", "a5", "b5", "a6", "b6");
        for (boolean keeps : List.of(true, false)) {
            List<List<String>> kept = new ArrayList<>();
            Dataflow f = new Dataflow("keep");
            var out = f.input("inp", TestingSource.of(items, 4)).keyOn("k", x -> x.substring(0, 1))
                    .statefulBatch("keeper", (String resume) -> new Keeper(kept, keeps));
            List<KV<String, String>> got = new ArrayList<>();
            out.output("out", new TestingSink<>(got));
            Runner.runMain(f, RunOptions.defaults().withClock(clock));
            assertThat(got).extracting(KV::value).containsExactly("a1a2", "b1b2", "a3a4", "b3b4", "a5a6", "b5b6");
            if (keeps) {
                assertThat(kept).extracting(List::toString).containsExactly("[a1, a2]", "[b1, b2]", "[a3, a4]",
                        "[b3, b4]", "[a5, a6]", "[b5, b6]");
            } else {
                // Handed back after each call: later keys reuse the lists, so fewer distinct lists than calls.
                Set<List<String>> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
                distinct.addAll(kept);
                assertThat(distinct).hasSizeLessThan(kept.size());
            }
        }
    }

    @Test
    void aLogicIsWokenOnceItsNotifyTimePasses() {
        var source = TestingSource.withMarkers(String.class, 1, List.of("a", TestingSource.pause(Duration.ofSeconds(60))));
        var out = keyed(source).statefulBatch("rec", (String resume) -> new Recorder(Duration.ofSeconds(5)));
        assertThat(runCollecting(out, RunOptions.defaults().withClock(clock))).containsExactly(KV.of("a", "woke"));
        assertThat(calls).containsExactly("batch [a]", "notify at 2024-01-01T00:00:05Z", "eof null");
    }

    @Test
    void endOfInputCallsEveryLiveKeyInKeyOrder() {
        var out = keyed(TestingSource.of("b", "a", "c")).statefulBatch("rec", (String resume) -> new Recorder(null));
        runCollecting(out, RunOptions.defaults().withClock(clock));
        assertThat(calls).containsExactly("batch [b]", "batch [a]", "batch [c]", "eof null", "eof null", "eof null");
    }

    @Test
    void endOfInputMarkerStopsReadingAndFlushes() {
        var source = TestingSource.withMarkers(String.class, 1, List.of("a", "a", TestingSource.EOF, "a"));
        assertThat(runCollecting(flow.input("inp", source).countFinal("count", x -> x),
                RunOptions.defaults().withClock(clock))).containsExactly(KV.of("a", 2L));
    }

    @Test
    void abortStopsWithoutFlushingStateButKeepsWhatWasWritten() {
        var source = TestingSource.withMarkers(String.class, 1, List.of("a", "b", TestingSource.ABORT, "c"));
        var inp = flow.input("inp", source);
        List<String> written = new ArrayList<>();
        inp.output("raw", new TestingSink<>(written));
        assertThat(runCollecting(inp.countFinal("count", x -> x), RunOptions.defaults().withClock(clock))).isEmpty();
        assertThat(written).containsExactly("a", "b");
    }

    @Test
    void pauseLetsSystemTimePassBeforeTheNextBatch() {
        var source = TestingSource.withMarkers(String.class, 1, List.of("a", TestingSource.pause(Duration.ofMinutes(2)), "b"));
        List<Instant> times = new ArrayList<>();
        runCollecting(flow.input("inp", source).inspect("when", (id, x) -> times.add(clock.now())),
                RunOptions.defaults().withClock(clock));
        assertThat(times).containsExactly(T0, T0.plus(Duration.ofMinutes(2)));
    }

    @Test
    void itemsReadAfterAnEpochIntervalBelongToTheNextEpoch() {
        var source = TestingSource.withMarkers(String.class, 1,
                List.of("a", "b", TestingSource.pause(Duration.ofSeconds(15)), "c"));
        List<String> seen = new ArrayList<>();
        runCollecting(flow.input("inp", source).inspectDebug("dbg", (id, x, epoch, worker) -> seen.add(x + "@" + epoch)),
                RunOptions.defaults().withClock(clock).withEpochInterval(Duration.ofSeconds(10)));
        assertThat(seen).containsExactly("a@1", "b@1", "c@2");
    }

    @Test
    void snapshotsReportTheKeysTouchedInEachEpoch() {
        var source = TestingSource.withMarkers(String.class, 1,
                List.of("a", "b", TestingSource.pause(Duration.ofSeconds(15)), "a"));
        List<String> snapshots = new ArrayList<>();
        SnapshotListener listener = (stepId, key, epoch, state) -> snapshots.add(stepId + " " + key + "@" + epoch + "=" + state);
        runCollecting(flow.input("inp", source).keyOn("k", x -> x).foldFinal("count", () -> 0, (n, x) -> n + 1),
                RunOptions.defaults().withClock(clock).withEpochInterval(Duration.ofSeconds(10)).withSnapshots(listener));
        assertThat(snapshots).containsExactly(
                "r.inp iterable@1=3",
                "r.count.stateful.stateful_batch a@1=1",
                "r.count.stateful.stateful_batch b@1=1",
                "r.inp iterable@2=4",
                "r.count.stateful.stateful_batch a@2=null",
                "r.count.stateful.stateful_batch b@2=null");
    }

    @Test
    void aKeyDiscardedAndStartedAgainInOneEpochIsSnapshottedOnceWithItsNewState() {
        // Batches of one: "a" counts 1, then its second item discards it, then its third starts a new count.
        var source = TestingSource.of(List.of("a", "b", "a", "a", "c", "b"), 1);
        List<String> snapshots = new ArrayList<>();
        SnapshotListener listener = (stepId, key, epoch, state) -> snapshots.add(key + "@" + epoch + "=" + state);
        runCollecting(flow.input("inp", source).keyOn("k", x -> x).statefulMap("count",
                        (Integer n, String x) -> Mapped.of(n == null ? Integer.valueOf(1) : n == 1 && x.equals("a") ? null : n + 1,
                                x)),
                RunOptions.defaults().withClock(clock).withSnapshots(listener));
        assertThat(snapshots).filteredOn(s -> !s.startsWith("iterable")).containsExactly("a@1=1", "b@1=2", "c@1=1");
    }

    @Test
    void aKeyMadeAndDiscardedBetweenTwoSnapshotsIsNotHeardOfButADiscardAfterAStateIs() {
        // An item ending in "!" discards its key's count; the pauses put each line in an epoch of its own.
        var source = TestingSource.withMarkers(String.class, 1, List.of(
                "a", "b", "b!", TestingSource.pause(Duration.ofSeconds(15)),
                "a!", "c", "c!", TestingSource.pause(Duration.ofSeconds(15)),
                "a", "a!", "d"));
        List<String> snapshots = new ArrayList<>();
        SnapshotListener listener = (stepId, key, epoch, state) -> snapshots.add(key + "@" + epoch + "=" + state);
        runCollecting(flow.input("inp", source).keyOn("k", x -> x.replace("!", "")).statefulMap("count",
                        (Integer n, String x) -> Mapped.of(x.endsWith("!") ? null : n == null ? 1 : n + 1, x)),
                RunOptions.defaults().withClock(clock).withEpochInterval(Duration.ofSeconds(10)).withSnapshots(listener));
        assertThat(snapshots).filteredOn(s -> !s.startsWith("iterable")).containsExactly("a@1=1", "a@2=null", "d@3=1");
    }

    @Test
    void aPerItemStepFeedsEachOfSeveralConsumersEveryItemOnceInOrder() {
        var doubled = flow.input("inp", TestingSource.of(List.of(1, 2, 3, 4, 5), 2)).map("double", x -> x * 2);
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        doubled.output("first", new TestingSink<>(first));
        doubled.filter("big", x -> x > 4).output("second", new TestingSink<>(second));
        doubled.map("unused", x -> x);
        Runner.runMain(flow);
        assertThat(first).containsExactly(2, 4, 6, 8, 10);
        assertThat(second).containsExactly(6, 8, 10);
    }

    @Test
    void anExecutionRunsOnlyOnce() {
        flow.input("inp", TestingSource.of(1)).output("out", new TestingSink<>(new ArrayList<>()));
        Execution run = Runner.prepare(flow, RunOptions.defaults());
        run.run();
        assertThat(run.isFinished()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(run::run).isInstanceOf(IllegalStateException.class)
                .hasMessage("execution of flow 'r' must run once; it already ran");
    }
}
