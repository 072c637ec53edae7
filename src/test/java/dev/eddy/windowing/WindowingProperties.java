package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.JoinEmitMode;
import dev.eddy.dataflow.JoinInsertMode;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Each windowing operator with each windower, on random streams (random keys, out-of-order and late
 * timestamps, batch boundaries, quiet keys, merging sessions), agrees item for item with
 * {@link Model}, a plain re-statement of Bytewax's rules that shares no code with the operators. Each
 * try runs on 1, 2 or 4 workers: the model is one worker's order, so every key's output must be the same
 * sequence whatever the worker count.
 */
@PropertyDefaults(tries = 2000)
class WindowingProperties {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    /** An input value: event time in seconds after T0, a payload, and a join side. */
    record Item(int ts, int value, int side) {
        Instant at() {
            return T0.plusSeconds(ts);
        }
    }

    /** A random run: items in arrival order, the batch size, the clock's wait, a windower and the worker count. */
    record Run(List<KV<String, Item>> items, int batchSize, int waitSeconds, WindowSpec spec, boolean ordered,
               int workers) {
        Run(List<KV<String, Item>> items, int batchSize, int waitSeconds, WindowSpec spec, boolean ordered) {
            this(items, batchSize, waitSeconds, spec, ordered, 1);
        }

        Run onWorkers(int count) {
            return new Run(items, batchSize, waitSeconds, spec, ordered, count);
        }

        Run inBatchesOf(int size) {
            return new Run(items, size, waitSeconds, spec, ordered, workers);
        }
    }

    /** A windower in whole seconds: tumbling (offset == length), sliding, or session (length == gap). */
    record WindowSpec(String kind, int length, int offset, int align) {
        Windower<?> windower() {
            return switch (kind) {
                case "tumbling" -> new TumblingWindower(Duration.ofSeconds(length), T0.plusSeconds(align));
                case "sliding" -> new SlidingWindower(Duration.ofSeconds(length), Duration.ofSeconds(offset),
                        T0.plusSeconds(align));
                default -> new SessionWindower(Duration.ofSeconds(length));
            };
        }
    }

    @Provide
    Arbitrary<Run> runs() {
        Arbitrary<KV<String, Item>> item = Combinators.combine(
                Arbitraries.of("a", "b", "c"),
                Arbitraries.integers().between(-10, 30), Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 1))
                .as((k, ts, v, side) -> KV.of(k, new Item(ts, v, side)));
        Arbitrary<WindowSpec> spec = Arbitraries.frequencyOf(Tuple.of(1,
                Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(-7, 7))
                        .as((len, align) -> new WindowSpec("tumbling", len, len, align))), Tuple.of(1,
                Combinators.combine(Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 12),
                        Arbitraries.integers().between(-7, 7))
                        .as((len, off, align) -> new WindowSpec("sliding", Math.max(len, off), Math.min(len, off), align))),
                Tuple.of(2,
                Arbitraries.integers().between(0, 6).map(gap -> new WindowSpec("session", gap, 0, 0))));
        Arbitrary<Run> general = Combinators.combine(item.list().ofMinSize(2).ofMaxSize(25),
                Arbitraries.integers().between(1, 6), Arbitraries.of(0, 0, 2, 5, 30, 30), spec, Arbitraries.of(true, false))
                .as(Run::new);
        // Two keys, close timestamps, a long wait and sessions: out-of-order values bridge sessions often.
        Arbitrary<KV<String, Item>> close = Combinators.combine(Arbitraries.of("a", "b"),
                Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 1))
                .as((k, ts, v, side) -> KV.of(k, new Item(ts, v, side)));
        Arbitrary<Run> merging = Combinators.combine(close.list().ofMinSize(3).ofMaxSize(20),
                Arbitraries.integers().between(1, 6), Arbitraries.of(3, 30),
                Arbitraries.integers().between(1, 4).map(gap -> new WindowSpec("session", gap, 0, 0)),
                Arbitraries.of(true, false))
                .as(Run::new);
        // Long, mostly ascending runs with a long wait: ordered mode's queue grows, is drained from its head,
        // slides down, and now and then a step back makes it out of order until it empties.
        Arbitrary<List<KV<String, Item>>> ascending = Combinators.combine(Arbitraries.of("a", "b"),
                Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.integers().between(0, 3)),
                        Tuple.of(1, Arbitraries.integers().between(-6, -1))),
                Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 1))
                .as((k, step, v, side) -> KV.of(k, new Item(step, v, side))).list().ofMinSize(10).ofMaxSize(80)
                .map(WindowingProperties::cumulative);
        Arbitrary<Run> inOrder = Combinators.combine(ascending, Arbitraries.integers().between(1, 8),
                Arbitraries.of(2, 6, 12), spec, Arbitraries.just(true))
                .as(Run::new);
        return Arbitraries.frequencyOf(Tuple.of(3, general), Tuple.of(1, merging), Tuple.of(1, inOrder))
                .flatMap(run -> workerCounts().map(run::onWorkers)).map(this::adapt);
    }

    /** The worker counts a try runs on. */
    protected Arbitrary<Integer> workerCounts() {
        return Arbitraries.of(1, 2, 4);
    }

    /** A generated run as this runner takes it (the local runtime takes it as it is). */
    protected Run adapt(Run run) {
        return run;
    }

    /** Whether the generator's coverage of late items, merges and worker counts is checked (enough tries). */
    protected boolean checksCoverage() {
        return true;
    }

    /** Turns each item's timestamp, read as a step, into the running sum of the steps so far. */
    private static List<KV<String, Item>> cumulative(List<KV<String, Item>> steps) {
        List<KV<String, Item>> items = new ArrayList<>(steps.size());
        int ts = 0;
        for (KV<String, Item> step : steps) {
            ts += step.value().ts();
            items.add(KV.of(step.key(), new Item(ts, step.value().value(), step.value().side())));
        }
        return items;
    }

    // ---------------------------------------------------------------- one property per operator

    @Property
    void collectWindowAgreesWithTheModel(@ForAll("runs") Run run) {
        check(run, run.ordered(), (keyed, clock) -> Windowing.collectWindow("op", keyed, clock, run.spec().windower(),
                run.ordered()), w -> List.of(w.values));
    }

    @Property
    void foldWindowAgreesWithTheModel(@ForAll("runs") Run run) {
        check(run, run.ordered(), (keyed, clock) -> Windowing.<String, Item, Integer>foldWindow("op", keyed, clock,
                run.spec().windower(), () -> 0, (acc, x) -> acc * 3 + x.value(), (a, b) -> a * 1000 + b, run.ordered()),
                w -> List.of(w.fold));
    }

    @Property
    void countWindowAgreesWithTheModel(@ForAll("runs") Run run) {
        Dataflow flow = new Dataflow("prop");
        var inp = flow.input("inp", TestingSource.of(run.items(), run.batchSize()));
        EventClock<KV<String, Item>> clock = new EventClock<KV<String, Item>>(kv -> kv.value().at(),
                Duration.ofSeconds(run.waitSeconds())).withNowGetter(() -> T0).withToSystemUtc(t -> null);
        var out = Windowing.countWindow("op", inp, clock, run.spec().windower(), KV::key);
        compare(new Model(run.items(), run.batchSize(), run.waitSeconds(), run.spec(), false), run, flow, out,
                w -> List.of((long) w.values.size()), v -> ((KV<?, ?>) v).value());
    }

    @Property
    void reduceWindowAgreesWithTheModel(@ForAll("runs") Run run) {
        check(run, false, (keyed, clock) -> Windowing.reduceWindow("op", keyed, clock, run.spec().windower(),
                (a, b) -> new Item(a.ts(), a.value() + b.value(), a.side())),
                w -> List.of(new Item(w.values.get(0).ts(), w.values.stream().mapToInt(Item::value).sum(),
                        w.values.get(0).side())));
        // The generator must reach the interesting cases often enough to test them.
        if (!checksCoverage()) {
            return;
        }
        Statistics.label("late items").coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("merged sessions").coverage(c -> c.check(true).percentage(p -> p > 4));
        Statistics.label("workers").coverage(c -> {
            for (int workers : new int[] {1, 2, 4}) {
                c.check(workers).percentage(p -> p > 20);
            }
        });
    }

    @Property
    void maxWindowAgreesWithTheModel(@ForAll("runs") Run run) {
        dev.eddy.dataflow.SerializableComparator<Item> byValue = (a, b) -> Integer.compare(a.value(), b.value());
        check(run, false, (keyed, clock) -> Windowing.maxWindow("op", keyed, clock, run.spec().windower(), byValue),
                w -> List.of(firstBest(w.values, byValue)));
    }

    @Property
    void minWindowAgreesWithTheModel(@ForAll("runs") Run run) {
        dev.eddy.dataflow.SerializableComparator<Item> byValue = (a, b) -> Integer.compare(a.value(), b.value());
        check(run, false, (keyed, clock) -> Windowing.minWindow("op", keyed, clock, run.spec().windower(), byValue),
                w -> List.of(firstBest(w.values, byValue.reversed())));
    }

    @Property
    void joinWindowAgreesWithTheModel(@ForAll("runs") Run run, @ForAll JoinInsertMode insertMode) {
        Dataflow flow = new Dataflow("prop");
        var inp = KeyedStream.of(flow.input("inp", TestingSource.of(run.items(), run.batchSize())));
        var left = inp.filterValue("left", x -> x.side() == 0);
        var right = inp.filterValue("right", x -> x.side() == 1);
        var out = Windowing.joinWindow("op", clock(run), run.spec().windower(), insertMode, JoinEmitMode.FINAL,
                run.ordered(), left, right);
        compare(new Model(run.items(), run.batchSize(), run.waitSeconds(), run.spec(), run.ordered(), true), run, flow,
                out, w -> joinRows(w.values, insertMode), v -> ((KV<?, ?>) v).value());
    }

    @Property
    void windowWithACustomLogicAgreesWithTheModel(@ForAll("runs") Run run) {
        Dataflow flow = new Dataflow("prop");
        var inp = KeyedStream.of(flow.input("inp", TestingSource.of(run.items(), run.batchSize())));
        var out = Windowing.window("op", inp, clock(run), run.spec().windower(),
                (List<Item> resume) -> new EchoLogic(), run.ordered());
        List<KV<String, WindowValue<Object>>> down = new ArrayList<>();
        out.down().output("down", new TestingSink<>(down));
        runOn(flow, run);
        Model model = new Model(run.items(), run.batchSize(), run.waitSeconds(), run.spec(), run.ordered());
        assertThat(perKey(down, x -> x)).isEqualTo(model.echo);
    }

    /** Emits each value as it arrives and the list of its values when the window closes. */
    static final class EchoLogic implements WindowLogic<Item, Object, List<Item>> {
        final List<Item> values = new ArrayList<>();

        @Override
        public void onValue(Item value, Consumer<? super Object> out) {
            values.add(value);
            out.accept(value);
        }

        @Override
        public void onMerge(WindowLogic<Item, Object, List<Item>> original, Consumer<? super Object> out) {
            values.addAll(((EchoLogic) original).values);
        }

        @Override
        public void onClose(Consumer<? super Object> out) {
            out.accept(List.copyOf(values));
        }

        @Override
        public List<Item> snapshot() {
            return List.copyOf(values);
        }
    }

    // ---------------------------------------------------------------- plumbing

    interface KeyedOp {
        WindowOut<String, ?, ?> apply(KeyedStream<String, Item> keyed, EventClock<Item> clock);
    }

    private void check(Run run, boolean ordered, KeyedOp op, Function<Model.Win, List<Object>> downValues) {
        Dataflow flow = new Dataflow("prop");
        var inp = KeyedStream.of(flow.input("inp", TestingSource.of(run.items(), run.batchSize())));
        compare(new Model(run.items(), run.batchSize(), run.waitSeconds(), run.spec(), ordered), run, flow,
                op.apply(inp, clock(run)), downValues, v -> v);
    }

    /** Runs the flow and compares down, late and meta per key, in order, with the model's. */
    private void compare(Model model, Run run, Dataflow flow, WindowOut<String, ?, ?> out,
                         Function<Model.Win, List<Object>> downValues, Function<Object, Object> lateValue) {
        List<KV<String, WindowValue<Object>>> down = new ArrayList<>();
        List<KV<String, WindowValue<Object>>> late = new ArrayList<>();
        List<KV<String, WindowValue<WindowMetadata>>> meta = new ArrayList<>();
        castOut(out).down().output("down", new TestingSink<>(down));
        castOut(out).late().output("late", new TestingSink<>(late));
        out.meta().output("meta", new TestingSink<>(meta));
        runOn(flow, run);
        Statistics.label("workers").collect(run.workers());

        Statistics.label("late items").collect(!model.late.isEmpty());
        Statistics.label("merged sessions").collect(model.closed.values().stream().flatMap(List::stream)
                .anyMatch(w -> !w.merged.isEmpty()));
        Map<String, List<Object>> expectedDown = new TreeMap<>();
        Map<String, List<Object>> expectedMeta = new TreeMap<>();
        model.closed.forEach((key, wins) -> wins.forEach(w -> {
            for (Object value : downValues.apply(w)) {
                expectedDown.computeIfAbsent(key, k -> new ArrayList<>()).add(new WindowValue<>(w.id, value));
            }
            expectedMeta.computeIfAbsent(key, k -> new ArrayList<>()).add(new WindowValue<>(w.id,
                    new WindowMetadata(T0.plusSeconds(w.open), T0.plusSeconds(w.close), w.merged)));
        }));
        assertThat(perKey(late, lateValue)).as("late").isEqualTo(model.late);
        assertThat(perKey(meta, x -> x)).as("meta").isEqualTo(expectedMeta);
        assertThat(perKey(down, x -> x)).as("down").isEqualTo(expectedDown);
    }

    /** Runs the flow on the run's workers with a virtual clock at T0. */
    protected void runOn(Dataflow flow, Run run) {
        Runner.runMain(flow, RunOptions.defaults().withClock(TestingClock.at(T0)).withWorkers(run.workers()));
    }

    @SuppressWarnings("unchecked")
    private static WindowOut<String, Object, Object> castOut(WindowOut<String, ?, ?> out) {
        return (WindowOut<String, Object, Object>) out;
    }

    private static <T> Map<String, List<Object>> perKey(List<? extends KV<String, ? extends WindowValue<T>>> items,
                                                        Function<Object, Object> value) {
        Map<String, List<Object>> out = new TreeMap<>();
        for (KV<String, ? extends WindowValue<T>> kv : items) {
            out.computeIfAbsent(kv.key(), k -> new ArrayList<>())
                    .add(new WindowValue<>(kv.value().windowId(), value.apply(kv.value().value())));
        }
        return out;
    }

    private static EventClock<Item> clock(Run run) {
        return new EventClock<Item>(Item::at, Duration.ofSeconds(run.waitSeconds()))
                .withNowGetter(() -> T0).withToSystemUtc(t -> null);
    }

    private static Item firstBest(List<Item> values, Comparator<Item> by) {
        Item best = values.get(0);
        for (Item v : values) {
            if (by.compare(v, best) > 0) {
                best = v;
            }
        }
        return best;
    }

    private static List<Object> joinRows(List<Item> values, JoinInsertMode mode) {
        List<List<Item>> kept = new ArrayList<>();
        for (int side = 0; side < 2; side++) {
            List<Item> all = new ArrayList<>();
            for (Item v : values) {
                if (v.side() == side) {
                    all.add(v);
                }
            }
            kept.add(all.isEmpty() ? java.util.Collections.singletonList(null)
                    : mode == JoinInsertMode.PRODUCT ? all
                    : List.of(mode == JoinInsertMode.FIRST ? all.get(0) : all.get(all.size() - 1)));
        }
        List<Object> rows = new ArrayList<>();
        for (Item l : kept.get(0)) {
            for (Item r : kept.get(1)) {
                rows.add(java.util.Arrays.asList(l, r));
            }
        }
        return rows;
    }
}
