package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.StatefulLogic;
import dev.eddy.dataflow.StepException;
import dev.eddy.io.DynamicSink;
import dev.eddy.io.DynamicSource;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.Windowing;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Whatever a user's code throws, and wherever, the run fails with a {@link StepException} that names the
 * user's step (and the item, when there is one), keeps what was thrown as the cause, and closes every sink.
 */
class FailurePathTest {

    private final Dataflow flow = new Dataflow("f");

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    /** Runs 1, 2, 3 through a map that throws {@code thrown} on 3, into a buffering sink. */
    private void assertNamedAndFlushed(dev.eddy.dataflow.SerializableFunction<Integer, Integer> mapper, Class<? extends Throwable> cause) {
        BufferingSink sink = new BufferingSink();
        flow.input("inp", TestingSource.of(List.of(1, 2, 3), 1)).map("user_fn", mapper).output("out", sink);
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageStartingWith("map step 'f.user_fn' failed on item 3: " + cause.getName())
                .hasCauseInstanceOf(cause)
                .satisfies(e -> assertThat(((StepException) e).item()).isEqualTo(3));
        assertThat(sink.closed).isTrue();
        assertThat(sink.flushed).containsExactly(1, 2);
    }

    @Test
    void anOutOfMemoryErrorFromAUserFunctionNamesTheStepAndItemAndTheSinksAreClosed() {
        assertNamedAndFlushed(x -> {
            if (x == 3) {
                long[][] hog = new long[Integer.MAX_VALUE][];
                for (int i = 0; ; i++) {
                    hog[i] = new long[Integer.MAX_VALUE - 8];
                }
            }
            return x;
        }, OutOfMemoryError.class);
    }

    @Test
    void aStackOverflowErrorFromAUserFunctionNamesTheStepAndItem() {
        assertNamedAndFlushed(x -> x == 3 ? recurse(0) : x, StackOverflowError.class);
    }

    @Test
    void anAssertionErrorFromAUserFunctionNamesTheStepAndItem() {
        assertNamedAndFlushed(x -> {
            if (x == 3) {
                throw new AssertionError("three is not allowed");
            }
            return x;
        }, AssertionError.class);
    }

    @Test
    void aSneakyCheckedExceptionFromAUserFunctionNamesTheStepAndItem() {
        assertNamedAndFlushed(x -> {
            if (x == 3) {
                throw sneaky(new IOException("disk gone"));
            }
            return x;
        }, IOException.class);
    }

    @Test
    void anErrorInAStatefulLogicNamesTheStepAndKeyAndTheSinksAreClosed() {
        BufferingSink sink = new BufferingSink();
        flow.input("inp", TestingSource.of(List.of("a", "b"), 1)).keyOn("k", x -> x)
                .statefulMap("m", (Integer s, String x) -> {
                    if (x.equals("b")) {
                        throw new AssertionError("no b");
                    }
                    return dev.eddy.dataflow.Mapped.of(1, x);
                }).output("out", sink);
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageContaining("'f.m")
                .hasRootCauseInstanceOf(AssertionError.class);
        assertThat(sink.closed).isTrue();
        assertThat(sink.flushed).hasSize(1);
    }

    @Test
    void anErrorFromASourceNamesTheInputStepAndTheSinksAreClosed() {
        BufferingSink sink = new BufferingSink();
        DynamicSource<Integer> broken = (stepId, worker, workers) -> () -> {
            throw new StackOverflowError("deep");
        };
        flow.input("inp", broken).output("out", sink);
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessage("input step 'f.inp' failed reading partition 'worker_0': java.lang.StackOverflowError: deep");
        assertThat(sink.closed).isTrue();
    }

    @Test
    void anErrorFromASinkNamesTheOutputStepAndTheOtherSinksAreClosed() {
        BufferingSink other = new BufferingSink();
        var inp = flow.input("inp", TestingSource.of(1));
        inp.output("kept", other);
        inp.output("broken", (DynamicSink<Integer>) (stepId, worker, workers) -> items -> {
            throw new AssertionError("sink bug");
        });
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageStartingWith("output step 'f.broken' failed on item [1]: java.lang.AssertionError: sink bug");
        assertThat(other.flushed).containsExactly(1);
    }

    // ---------------------------------------------------------------- errors that had no step

    /** A key whose hashCode or compareTo throws. */
    record Touchy(int n, boolean badHash) implements Comparable<Touchy> {
        @Override
        public int hashCode() {
            if (badHash) {
                throw new IllegalStateException("no hash for " + n);
            }
            return n;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Touchy t && t.n == n;
        }

        @Override
        public int compareTo(Touchy o) {
            throw new UnsupportedOperationException("can't compare");
        }
    }

    @Test
    void aKeyWhoseHashCodeThrowsNamesTheStatefulStepAndTheItem() {
        flow.input("inp", TestingSource.of(1)).keyOn("k", x -> new Touchy(x, true))
                .statefulMap("m", (Integer s, Integer x) -> dev.eddy.dataflow.Mapped.of(1, x))
                .output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessage("stateful_batch step 'f.m.stateful_flat_map.stateful.stateful_batch' failed grouping item 1"
                        + " by its key Touchy[n=1, badHash=true]: java.lang.IllegalStateException: no hash for 1")
                .satisfies(e -> assertThat(((StepException) e).item()).isEqualTo(1));
    }

    @Test
    void aKeyWhoseCompareToThrowsNamesTheStatefulStep() {
        flow.input("inp", TestingSource.of(List.of(1, 2), 2)).keyOn("k", x -> new Touchy(x, false))
                .statefulMap("m", (Integer s, Integer x) -> dev.eddy.dataflow.Mapped.of(1, x))
                .output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageStartingWith("stateful_batch step 'f.m.stateful_flat_map.stateful.stateful_batch' failed putting its keys in"
                        + " order: java.lang.UnsupportedOperationException: can't compare")
                .hasCauseInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aSourceWhoseBuildThrowsNamesTheInputStep() {
        BufferingSink sink = new BufferingSink();
        DynamicSource<Integer> unbuildable = (stepId, worker, workers) -> {
            throw new IllegalStateException("no such topic");
        };
        flow.input("inp", unbuildable).output("out", sink);
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageStartingWith("input step 'f.inp' failed building its source")
                .hasMessageEndingWith(": java.lang.IllegalStateException: no such topic")
                .satisfies(e -> assertThat(((StepException) e).stepId()).isEqualTo("f.inp"));
    }

    @Test
    void aSinkWhoseBuildThrowsNamesTheOutputStepAndClosesTheSinksBuiltBeforeIt() {
        BufferingSink first = new BufferingSink();
        var inp = flow.input("inp", TestingSource.of(1));
        inp.output("first", first);
        inp.output("second", (DynamicSink<Integer>) (stepId, worker, workers) -> {
            throw new IllegalStateException("read-only disk");
        });
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageStartingWith("output step 'f.second' failed building its sink")
                .hasMessageEndingWith(": java.lang.IllegalStateException: read-only disk");
        assertThat(first.closed).isTrue();
    }

    @Test
    void aSnapshotThatThrowsNamesTheStatefulStepAndTheKey() {
        flow.input("inp", TestingSource.of("a")).keyOn("k", x -> x)
                .<String, String>stateful("st", (String resume) -> new StatefulLogic<String, String, String>() {
                    @Override
                    public boolean onItem(String value, Consumer<? super String> out) {
                        return RETAIN;
                    }

                    @Override
                    public String snapshot() {
                        throw new IllegalStateException("not serialisable");
                    }
                }).output("out", new TestingSink<>(new ArrayList<>()));
        RunOptions options = RunOptions.defaults().withSnapshots((step, key, epoch, state) -> { });
        assertThatThrownBy(() -> Runner.runMain(flow, options)).isInstanceOf(StepException.class)
                .hasMessage("stateful_batch step 'f.st.stateful_batch' failed in snapshot for key \"a\":"
                        + " java.lang.IllegalStateException: not serialisable");
    }

    @Test
    void aSnapshotListenerThatThrowsNamesTheStep() {
        flow.input("inp", TestingSource.of("a")).output("out", new TestingSink<>(new ArrayList<>()));
        RunOptions options = RunOptions.defaults().withSnapshots((step, key, epoch, state) -> {
            throw new IllegalStateException("store full");
        });
        assertThatThrownBy(() -> Runner.runMain(flow, options)).isInstanceOf(StepException.class)
                .hasMessage("step 'f.inp' failed taking its snapshot at the close of epoch 1:"
                        + " java.lang.IllegalStateException: store full");
    }

    @Test
    void aStatefulBuilderReturningNullNamesTheStep() {
        flow.input("inp", TestingSource.of("a")).keyOn("k", x -> x)
                .<String, String>stateful("st", resume -> null).output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageContaining("builder in stateful step 'f.st' must return a StatefulLogic; got null instead");
    }

    @Test
    void aNullClockNamesTheUsersWindowingStep() {
        var inp = flow.input("inp", TestingSource.of(1));
        assertThatThrownBy(() -> Windowing.countWindow("per_minute", inp, null,
                new TumblingWindower(Duration.ofMinutes(1), Instant.EPOCH), x -> "all"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("clock in count_window step 'f.per_minute' can't be null");
    }

    // ---------------------------------------------------------------- a failing item in a batch

    @Test
    void theGoodItemsBeforeAFailingOneInItsBatchReachTheSinks() {
        // 2,000 rows, batches of 1,000, a bad row at 500: rows 0 to 499 are written, 500 and after are not.
        List<Integer> rows = IntStream.range(0, 2000).boxed().toList();
        List<Integer> written = new ArrayList<>();
        BufferingSink buffered = new BufferingSink();
        var parsed = flow.input("inp", TestingSource.of(rows, 1000)).map("parse", x -> {
            if (x == 500) {
                throw new IllegalArgumentException("bad row");
            }
            return x;
        });
        parsed.output("out", new TestingSink<>(written));
        parsed.output("buffered", buffered);
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessage("map step 'f.parse' failed on item 500: java.lang.IllegalArgumentException: bad row");
        assertThat(written).isEqualTo(rows.subList(0, 500));
        assertThat(buffered.flushed).isEqualTo(List.copyOf(rows.subList(0, 500)));
    }

    @Test
    void theGoodItemsBeforeAFailingOneGoOnThroughLaterStepsToo() {
        List<Object> written = new ArrayList<>();
        flow.input("inp", TestingSource.of(List.of(1, 2, 3, 4), 4))
                .filter("not_three", x -> {
                    if (x == 3) {
                        throw new IllegalStateException("three");
                    }
                    return true;
                })
                .map("double", x -> x * 2)
                .inspect("seen", (id, x) -> { })
                .output("out", new TestingSink<>(written));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageStartingWith("filter step 'f.not_three' failed on item 3");
        assertThat(written).containsExactly(2, 4);
    }

    @Test
    void theItemsBeforeOneWhoseKeyFailsReachTheStatefulStep() {
        List<Object> written = new ArrayList<>();
        KeyedStream<String, Integer> keyed = flow.input("inp", TestingSource.of(List.of(1, 2, 3), 3))
                .keyOn("k", x -> {
                    if (x == 3) {
                        throw new IllegalStateException("no key");
                    }
                    return "k" + x;
                });
        keyed.statefulMap("echo", (Integer s, Integer x) -> dev.eddy.dataflow.Mapped.of(1, x))
                .output("out", new TestingSink<>(written));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessage("key_on step 'f.k' failed on item 3: java.lang.IllegalStateException: no key");
        assertThat(written).extracting(Object::toString).containsExactly("(k1, 1)", "(k2, 2)");
    }

    @Test
    void theItemsBeforeOneWhoseKeyFailsReachTheStatefulStepWhenKeyOnHasTwoConsumers() {
        // A second consumer of the key_on step: the stateful step gets KV items, not raw ones it keys itself.
        List<Object> written = new ArrayList<>();
        List<Object> keyedItems = new ArrayList<>();
        KeyedStream<String, Integer> keyed = flow.input("inp", TestingSource.of(List.of(1, 2, 3), 3))
                .keyOn("k", x -> {
                    if (x == 3) {
                        throw new IllegalStateException("no key");
                    }
                    return "k" + x;
                });
        keyed.output("keyed", new TestingSink<>(keyedItems));
        keyed.statefulMap("echo", (Integer s, Integer x) -> dev.eddy.dataflow.Mapped.of(1, x))
                .output("out", new TestingSink<>(written));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessage("key_on step 'f.k' failed on item 3: java.lang.IllegalStateException: no key");
        assertThat(keyedItems).extracting(Object::toString).containsExactly("(k1, 1)", "(k2, 2)");
        assertThat(written).extracting(Object::toString).containsExactly("(k1, 1)", "(k2, 2)");
    }

    @Test
    void theItemsBeforeOneAnInspectorFailsOnGoOn() {
        List<Object> written = new ArrayList<>();
        flow.input("inp", TestingSource.of(List.of(1, 2, 3), 3)).inspect("look", (id, x) -> {
            if (x == 2) {
                throw new IllegalStateException("two");
            }
        }).output("out", new TestingSink<>(written));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class);
        assertThat(written).containsExactly(1);
    }

    // ---------------------------------------------------------------- misuse

    @Test
    void anArrayKeyIsRejectedAtTheKeyStepNamingTheItem() {
        flow.input("inp", TestingSource.of("a")).keyOn("k", x -> new int[] {1})
                .reduceFinal("sum", (a, b) -> a).output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessage("key function in key_on step 'f.k' must return a key that compares by content; got an"
                        + " array (int[]) instead for item \"a\", and equal arrays are different keys; return a List"
                        + " (List.of(...)) or a record instead");
    }

    @Test
    void anArrayKeyMadeWithoutKeyOnIsRejectedAtTheStatefulStep() {
        var pairs = flow.input("inp", TestingSource.of(dev.eddy.dataflow.KV.of(new String[] {"a"}, 1)));
        KeyedStream.of(pairs).reduceFinal("sum", Integer::sum).output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessageStartingWith("stateful_batch step 'f.sum.fold_final.stateful.stateful_batch' failed grouping"
                        + " item (")
                .hasMessageContaining(" by its key [a]: ")
                .hasMessageContaining("keys must compare by content; got an array (java.lang.String[]) instead");
    }

    @Test
    void enrichCachedStartsEachRunWithAnEmptyCache() {
        List<String> lookups = new ArrayList<>();
        flow.input("inp", TestingSource.of("dog")).enrichCached("icon", (String code) -> {
            lookups.add(code);
            return code + ".png";
        }, (cache, code) -> cache.get(code)).output("out", new TestingSink<>(new ArrayList<>()));
        Runner.runMain(flow);
        Runner.runMain(flow);
        assertThat(lookups).containsExactly("dog", "dog");
    }
}
