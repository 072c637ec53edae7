package dev.eddy.dataflow;

import dev.eddy.io.DynamicSink;
import dev.eddy.io.Sink;
import dev.eddy.io.StatelessSinkPartition;
import java.lang.reflect.Array;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A stream of items in a {@link Dataflow}. Each operator is a method that takes a step id first, adds
 * a step to the flow and returns the step's output streams; nothing runs until a runtime runs the
 * flow.
 *
 * <pre>{@code
 * var flow = new Dataflow("stream_eg");
 * flow.input("inp", TestingSource.of("hello world", "bye"))
 *     .flatMap("words", line -> List.of(line.split(" ")))
 *     .filter("long", w -> w.length() > 3)
 *     .inspect("out");
 * Runner.runMain(flow);
 * // stream_eg.out: hello
 * // stream_eg.out: world
 * }</pre>
 *
 * @param <T> the type of the items
 */
public class Stream<T> implements Outputs {

    private final Dataflow flow;
    private final String id;

    Stream(Dataflow flow, String id) {
        this.flow = flow;
        this.id = id;
    }

    /** The stream's id: the id of the port that produces it, such as {@code eg.double.flat_map_batch.down}. */
    public final String id() {
        return id;
    }

    /** The flow this stream belongs to. */
    public final Dataflow flow() {
        return flow;
    }

    @Override
    public Map<String, Stream<?>> downPorts() {
        return Map.of("down", this);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + id + ")";
    }

    @SuppressWarnings("unchecked")
    final <U> Stream<U> cast() {
        return (Stream<U>) this;
    }

    // ---------------------------------------------------------------- primitives

    /**
     * Maps each batch of items, as the runtime receives it, to any number of items. The batch size
     * depends on the source and the runtime; use it to amortise per-call overhead.
     *
     * <pre>{@code
     * var flow = new Dataflow("fmb_eg");
     * flow.input("inp", TestingSource.of(List.of(1, 2, 3), 2))
     *     .flatMapBatch("sum", batch -> List.of(batch.stream().mapToInt(x -> x).sum()))
     *     .inspect("out");
     * Runner.runMain(flow);
     * // fmb_eg.out: 3
     * // fmb_eg.out: 3
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public final <U> Stream<U> flatMapBatch(String stepId, SerializableFunction<? super List<T>, ? extends Iterable<? extends U>> mapper) {
        String qualified = requireFunction(stepId, "flat_map_batch", mapper, "mapper");
        SerializableFunction<List<Object>, Iterable<?>> shim = batch -> {
            Iterable<? extends U> out;
            try {
                out = mapper.apply((List<T>) batch);
            } catch (StepException e) {
                throw e;
            } catch (Throwable e) {
                throw new StepException("flat_map_batch", qualified, batch, e);
            }
            if (out == null) {
                throw StepException.withMessage("mapper in flat_map_batch step '" + qualified
                        + "' must return an Iterable; got null instead", qualified, batch, null);
            }
            return out;
        };
        return flow.addPrimitive(stepId, "flat_map_batch", List.of(this), new Primitive.FlatMapBatch(shim));
    }

    /** Observes each item with its epoch and worker, passing items on unchanged; prints them by default. */
    @SuppressWarnings("unchecked")
    public final Stream<T> inspectDebug(String stepId, Inspector<? super T> inspector) {
        String qualified = requireFunction(stepId, "inspect_debug", inspector, "inspector");
        Inspector<Object> shim = (sid, item, epoch, worker) -> {
            try {
                ((Inspector<Object>) inspector).inspect(sid, item, epoch, worker);
            } catch (Throwable e) {
                throw new StepException("inspect_debug", qualified, item, e);
            }
        };
        return flow.addPrimitive(stepId, "inspect_debug", List.of(this), new Primitive.InspectDebug(shim));
    }

    /**
     * Prints each item as {@code "<step id> W<worker> @<epoch>: <item>"} and passes it on.
     *
     * <pre>{@code
     * var flow = new Dataflow("inspect_debug_eg");
     * flow.input("inp", TestingSource.of(0, 1)).inspectDebug("help");
     * Runner.runMain(flow);
     * // inspect_debug_eg.help W0 @1: 0
     * // inspect_debug_eg.help W0 @1: 1
     * }</pre>
     */
    public final Stream<T> inspectDebug(String stepId) {
        return inspectDebug(stepId, (sid, item, epoch, worker) ->
                System.out.println(sid + " W" + worker + " @" + epoch + ": " + item));
    }

    /**
     * Splits the stream by a predicate.
     *
     * <pre>{@code
     * var flow = new Dataflow("branch_eg");
     * var b = flow.input("nums", TestingSource.of(1, 2, 3)).branch("even_odd", x -> x % 2 == 0);
     * b.trues().inspect("evens");
     * b.falses().inspect("odds");
     * Runner.runMain(flow);
     * // branch_eg.odds: 1
     * // branch_eg.evens: 2
     * // branch_eg.odds: 3
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public final BranchOut<T> branch(String stepId, SerializablePredicate<? super T> predicate) {
        String qualified = requireFunction(stepId, "branch", predicate, "predicate");
        SerializablePredicate<Object> shim = item -> {
            try {
                return ((SerializablePredicate<Object>) predicate).test(item);
            } catch (Throwable e) {
                throw new StepException("branch", qualified, item, e);
            }
        };
        List<Stream<Object>> outs = flow.addPrimitive(stepId, "branch", "up", List.of(this),
                new Primitive.Branch(shim), List.of("trues", "falses"));
        return new BranchOut<>(outs.get(0).cast(), outs.get(1).cast());
    }

    /**
     * Interleaves this stream with others into one.
     *
     * <pre>{@code
     * var flow = new Dataflow("merge_eg");
     * var a = flow.input("a", TestingSource.of(1, 2));
     * var b = flow.input("b", TestingSource.of(3, 4));
     * a.merge("both", b).inspect("out");
     * Runner.runMain(flow);
     * // merge_eg.out: 1
     * // merge_eg.out: 3
     * // merge_eg.out: 2
     * // merge_eg.out: 4
     * }</pre>
     */
    @SafeVarargs
    public final Stream<T> merge(String stepId, Stream<? extends T>... others) {
        return flow.addPrimitive(stepId, "merge", "ups", withOthers(stepId, "merge", others), new Primitive.Merge(),
                List.of("down")).get(0).cast();
    }

    /** Moves items between workers to spread stateless work; on one worker it passes items on unchanged. */
    public final Stream<T> redistribute(String stepId) {
        return flow.addPrimitive(stepId, "redistribute", List.of(this), new Primitive.Redistribute());
    }

    /**
     * Writes every item to {@code sink}.
     *
     * <pre>{@code
     * var out = new ArrayList<Integer>();
     * var flow = new Dataflow("output_eg");
     * flow.input("inp", TestingSource.of(1, 2)).output("out", new TestingSink<>(out));
     * Runner.runMain(flow);
     * System.out.println(out);
     * // [1, 2]
     * }</pre>
     */
    public final void output(String stepId, Sink<? super T> sink) {
        requireFunction(stepId, "output", sink, "sink");
        flow.addPrimitive(stepId, "output", "up", List.of(this), new Primitive.Output(sink), List.of());
    }

    // ---------------------------------------------------------------- composites

    /**
     * Builds an operator of your own from other operators; its steps nest under {@code stepId}.
     *
     * <pre>{@code
     * var flow = new Dataflow("comp_eg");
     * var inp = flow.input("inp", TestingSource.of(1, 2, 3));
     * inp.composite("plus_one_odd", "my_op", () -> inp.map("plus", x -> x + 1).filter("odd", x -> x % 2 == 1))
     *    .inspect("out");
     * Runner.runMain(flow);
     * // comp_eg.out: 3
     * }</pre>
     */
    public final <R extends Outputs> R composite(String stepId, String operator, Supplier<R> body) {
        return flow.composite(stepId, operator, List.of(this), body);
    }

    /**
     * Transforms items one by one.
     *
     * <pre>{@code
     * var flow = new Dataflow("map_eg");
     * flow.input("inp", TestingSource.of(0, 1, 2)).map("add_ten", x -> x + 10).inspect("out");
     * Runner.runMain(flow);
     * // map_eg.out: 10
     * // map_eg.out: 11
     * // map_eg.out: 12
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public final <U> Stream<U> map(String stepId, SerializableFunction<? super T, ? extends U> mapper) {
        requireFunction(stepId, "map", mapper, "mapper");
        return perItem(stepId, "map", (x, out) -> out.add(mapper.apply((T) x)), DIRECT);
    }

    /**
     * Transforms each item into any number of items.
     *
     * <pre>{@code
     * var flow = new Dataflow("flat_map_eg");
     * flow.input("inp", TestingSource.of("hello world"))
     *     .flatMap("split_words", s -> List.of(s.split(" "))).inspect("out");
     * Runner.runMain(flow);
     * // flat_map_eg.out: hello
     * // flat_map_eg.out: world
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public final <U> Stream<U> flatMap(String stepId, SerializableFunction<? super T, ? extends Iterable<? extends U>> mapper) {
        String qualified = requireFunction(stepId, "flat_map", mapper, "mapper");
        return perItem(stepId, "flat_map", (x, out) -> addAll(out, mapper.apply((T) x), "flat_map", qualified,
                "mapper"), DIRECT);
    }

    /**
     * Moves the elements of each item, which must be an {@link Iterable} or an array, up a level.
     *
     * <pre>{@code
     * var flow = new Dataflow("flatten_eg");
     * flow.input("inp", TestingSource.of(List.of(1, 2), List.of(3))).<Integer>flatten("flat").inspect("out");
     * Runner.runMain(flow);
     * // flatten_eg.out: 1
     * // flatten_eg.out: 2
     * // flatten_eg.out: 3
     * }</pre>
     */
    public final <U> Stream<U> flatten(String stepId) {
        String qualified = flow.qualify(stepId);
        return perItem(stepId, "flatten", (x, out) -> {
            if (x instanceof Iterable<?> iterable) {
                for (Object y : iterable) {
                    out.add(y);
                }
            } else if (x != null && x.getClass().isArray()) {
                for (int i = 0, n = Array.getLength(x); i < n; i++) {
                    out.add(Array.get(x, i));
                }
            } else {
                throw StepException.withMessage("flatten step '" + qualified + "' requires each item to be an"
                        + " Iterable or an array; got " + describe(x) + " instead", qualified, x, null);
            }
        }, VIA_FLAT_MAP);
    }

    /**
     * Keeps only the items for which {@code predicate} returns {@code true}.
     *
     * <pre>{@code
     * var flow = new Dataflow("filter_eg");
     * flow.input("inp", TestingSource.of(0, 1, 2, 3)).filter("odd", x -> x % 2 == 1).inspect("out");
     * Runner.runMain(flow);
     * // filter_eg.out: 1
     * // filter_eg.out: 3
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public final Stream<T> filter(String stepId, SerializablePredicate<? super T> predicate) {
        requireFunction(stepId, "filter", predicate, "predicate");
        return perItem(stepId, "filter", (x, out) -> {
            if (predicate.test((T) x)) {
                out.add(x);
            }
        }, VIA_FLAT_MAP);
    }

    /**
     * Maps each item and drops the {@code null} results.
     *
     * <pre>{@code
     * var flow = new Dataflow("filter_map_eg");
     * flow.input("inp", TestingSource.of("1", "x", "3"))
     *     .filterMap("parse", s -> s.matches("\\d+") ? Integer.parseInt(s) : null).inspect("out");
     * Runner.runMain(flow);
     * // filter_map_eg.out: 1
     * // filter_map_eg.out: 3
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public final <U> Stream<U> filterMap(String stepId, SerializableFunction<? super T, ? extends U> mapper) {
        requireFunction(stepId, "filter_map", mapper, "mapper");
        return perItem(stepId, "filter_map", (x, out) -> {
            U y = mapper.apply((T) x);
            if (y != null) {
                out.add(y);
            }
        }, VIA_FLAT_MAP);
    }

    /**
     * Adds a key to each item, making a keyed stream for the stateful operators. Keys must not be
     * {@code null}; keys of one type that are {@link Comparable} are processed in their natural order,
     * others in the order of their {@code toString}.
     *
     * <pre>{@code
     * var flow = new Dataflow("key_on_eg");
     * flow.input("inp", TestingSource.of("apple", "banana")).keyOn("first", s -> s.substring(0, 1)).inspect("out");
     * Runner.runMain(flow);
     * // key_on_eg.out: (a, apple)
     * // key_on_eg.out: (b, banana)
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public final <K> KeyedStream<K, T> keyOn(String stepId, SerializableFunction<? super T, ? extends K> key) {
        String qualified = requireFunction(stepId, "key_on", key, "key");
        Stream<KV<K, T>> keyed = perBatch(stepId, "key_on", new KeyOnMapper((SerializableFunction<Object, ?>) key, qualified),
                VIA_MAP);
        return new KeyedStream<>(flow, keyed.id());
    }

    /**
     * Calls {@code inspector} with the step id and each item, passing items on unchanged.
     *
     * <pre>{@code
     * var flow = new Dataflow("inspect_eg");
     * flow.input("inp", TestingSource.of(1)).inspect("check", (id, x) -> System.out.println(id + " got " + x));
     * Runner.runMain(flow);
     * // inspect_eg.check got 1
     * }</pre>
     */
    public final Stream<T> inspect(String stepId, SerializableBiConsumer<String, ? super T> inspector) {
        String qualified = requireFunction(stepId, "inspect", inspector, "inspector");
        return composite(stepId, "inspect", () -> inspectDebug("inspect_debug",
                (sid, item, epoch, worker) -> inspector.accept(qualified, item)));
    }

    /**
     * Prints each item as {@code "<step id>: <item>"} and passes it on.
     *
     * <pre>{@code
     * var flow = new Dataflow("my_flow");
     * flow.input("inp", TestingSource.of(0, 1)).inspect("help");
     * Runner.runMain(flow);
     * // my_flow.help: 0
     * // my_flow.help: 1
     * }</pre>
     */
    public final Stream<T> inspect(String stepId) {
        return inspect(stepId, (sid, item) -> System.out.println(sid + ": " + item));
    }

    /**
     * Counts the items per key, emitting each count at end of input.
     *
     * <pre>{@code
     * var flow = new Dataflow("count_final_eg");
     * flow.input("inp", TestingSource.of("a", "b", "a")).countFinal("count", x -> x).inspect("out");
     * Runner.runMain(flow);
     * // count_final_eg.out: (a, 2)
     * // count_final_eg.out: (b, 1)
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public final <K> KeyedStream<K, Long> countFinal(String stepId, SerializableFunction<? super T, ? extends K> key) {
        String qualified = requireFunction(stepId, "count_final", key, "key");
        return composite(stepId, "count_final", () -> {
            Stream<KV<K, Long>> ones = perItem("init_count", "map", (x, out) -> {
                K k = key.apply((T) x);
                if (k == null) {
                    throw StepException.withMessage("key function in count_final step '" + qualified
                            + "' must return a non-null key; got null instead", qualified, x, null);
                }
                out.add(new KV<>(k, 1L));
            }, DIRECT);
            return new KeyedStream<K, Long>(flow, ones.id()).reduceFinal("sum", Long::sum);
        });
    }

    /**
     * Maps items with the help of a per-worker cache of looked-up values, such as a reference table
     * fetched from a service. Values older than {@code ttl} are looked up again; the time is read once
     * per batch. Each run of the flow starts with an empty cache.
     *
     * <pre>{@code
     * var flow = new Dataflow("enrich_eg");
     * flow.input("inp", TestingSource.of("dog", "cat", "dog"))
     *     .enrichCached("icon", code -> code + ".png", (cache, code) -> code + " -> " + cache.get(code),
     *                   Duration.ofMinutes(5))
     *     .inspect("out");
     * Runner.runMain(flow);
     * // enrich_eg.out: dog -> dog.png
     * // enrich_eg.out: cat -> cat.png
     * // enrich_eg.out: dog -> dog.png
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public final <K, X, U> Stream<U> enrichCached(String stepId, SerializableFunction<? super K, ? extends X> getter,
                                                  SerializableBiFunction<TtlCache<K, X>, ? super T, ? extends U> mapper,
                                                  Duration ttl) {
        String qualified = requireFunction(stepId, "enrich_cached", getter, "getter");
        requireFunction(stepId, "enrich_cached", mapper, "mapper");
        Objects.requireNonNull(ttl, () -> "enrich_cached step '" + qualified + "': ttl can't be null");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl in enrich_cached step '" + qualified
                    + "' must not be negative; got " + ttl + " instead");
        }
        TtlCache<K, X> cache = new TtlCache<>(getter, ttl);
        return composite(stepId, "enrich_cached", () -> flow.addPrimitive("flat_map_batch", "flat_map_batch",
                List.of(this), new Primitive.FlatMapBatch(new CachedMapper<>(cache, mapper, qualified))));
    }

    /** {@code enrichCached}'s batch mapper: its cache starts empty in every run of the flow. */
    private static final class CachedMapper<K, X, T, U> implements SerializableFunction<List<Object>, List<Object>>, RunScoped {
        private final TtlCache<K, X> cache;
        private final SerializableBiFunction<TtlCache<K, X>, ? super T, ? extends U> mapper;
        private final String qualified;

        CachedMapper(TtlCache<K, X> cache, SerializableBiFunction<TtlCache<K, X>, ? super T, ? extends U> mapper,
                     String qualified) {
            this.cache = cache;
            this.mapper = mapper;
            this.qualified = qualified;
        }

        @Override
        public void startRun() {
            cache.clear();
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Object> apply(List<Object> batch) {
            cache.refreshNow();
            List<Object> out = new ArrayList<>(batch.size());
            for (Object x : batch) {
                try {
                    out.add(mapper.apply(cache, (T) x));
                } catch (StepException e) {
                    throw e;
                } catch (Throwable e) {
                    throw new StepException("enrich_cached", qualified, x, e);
                }
            }
            return out;
        }
    }

    /** Enriches with a cache whose values never expire. */
    public final <K, X, U> Stream<U> enrichCached(String stepId, SerializableFunction<? super K, ? extends X> getter,
                                                  SerializableBiFunction<TtlCache<K, X>, ? super T, ? extends U> mapper) {
        return enrichCached(stepId, getter, mapper, TtlCache.FOREVER);
    }

    /**
     * A sink that fails the run on any item: marks a stream that must stay empty.
     *
     * <pre>{@code
     * var flow = new Dataflow("raises_eg");
     * flow.input("inp", TestingSource.of(1)).raises("never");
     * try { Runner.runMain(flow); } catch (StepException e) { System.out.println(e.getCause().getMessage()); }
     * // raises step 'raises_eg.never' got an item: 1
     * }</pre>
     */
    public final void raises(String stepId) {
        String qualified = flow.qualify(stepId);
        flow.composite(stepId, "raises", List.of(this), () -> {
            DynamicSink<T> failing = (sid, worker, workers) -> new StatelessSinkPartition<>() {
                @Override
                public void writeBatch(List<T> items) {
                    for (T item : items) {
                        throw new IllegalStateException("raises step '" + qualified + "' got an item: "
                                + StepException.shorten(item));
                    }
                }
            };
            output("output", failing);
            return Outputs.none();
        });
    }

    /**
     * Applies {@code operator} to this stream, so static operators (windowing ones, or your own) chain
     * like methods.
     *
     * <pre>{@code
     * var flow = new Dataflow("apply_eg");
     * flow.input("inp", TestingSource.of(KV.of("a", 1))).apply(KeyedStream::of).mapValue("inc", v -> v + 1)
     *     .inspect("out");
     * Runner.runMain(flow);
     * // apply_eg.out: (a, 2)
     * }</pre>
     */
    public final <R> R apply(Function<? super Stream<T>, ? extends R> operator) {
        Objects.requireNonNull(operator, "operator can't be null");
        return operator.apply(this);
    }

    // ---------------------------------------------------------------- plumbing

    /** The operator's body is the flat_map_batch itself, as for Bytewax's {@code map} and {@code flat_map}. */
    static final String[] DIRECT = {};
    /** The operator's body is a {@code map} step named {@code map}, as for Bytewax's {@code key_on}. */
    static final String[] VIA_MAP = {"map", "map"};
    /** The operator's body is a {@code flat_map} step named {@code flat_map}, as for Bytewax's {@code filter}. */
    static final String[] VIA_FLAT_MAP = {"flat_map", "flat_map"};

    /**
     * A composite named {@code operator} that applies {@code mapper} to each item in one flat_map_batch.
     * {@code via} lists the composites Bytewax nests in between, as pairs of step id and operator, so
     * the graph and the qualified ids have Bytewax's shape while items pass through one call, not a chain
     * of per-item wrappers.
     */
    final <U> Stream<U> perItem(String stepId, String operator, ItemMapper mapper, String... via) {
        String qualified = flow.qualify(stepId);
        AppendingMapper each = (batch, out) -> {
            // The runtime's batches are array lists: indexed, no iterator per batch.
            List<?> items = batch instanceof RandomAccess ? batch : new ArrayList<>(batch);
            for (int i = 0, n = items.size(); i < n; i++) {
                Object x = items.get(i);
                try {
                    mapper.apply(x, out);
                } catch (StepException e) {
                    throw e;
                } catch (Throwable e) {
                    throw new StepException(operator, qualified, x, e);
                }
            }
        };
        return perBatch(stepId, operator, each, via);
    }

    /** A composite named {@code operator} whose body, nested through {@code via}, is one flat_map_batch. */
    private <U> Stream<U> perBatch(String stepId, String operator, AppendingMapper mapper, String[] via) {
        return composite(stepId, operator, () -> nested(mapper, via, 0));
    }

    private <U> Stream<U> nested(AppendingMapper mapper, String[] via, int at) {
        if (at < via.length) {
            return composite(via[at], via[at + 1], () -> nested(mapper, via, at + 2));
        }
        return flow.addPrimitive("flat_map_batch", "flat_map_batch", List.of(this), new Primitive.FlatMapBatch(mapper));
    }

    final String requireFunction(String stepId, String operator, Object function, String name) {
        String qualified = flow.qualify(stepId);
        if (function == null) {
            throw new NullPointerException(name + " in " + operator + " step '" + qualified + "' can't be null");
        }
        return qualified;
    }

    @SafeVarargs
    final List<Stream<?>> withOthers(String stepId, String operator, Stream<?>... others) {
        Objects.requireNonNull(others, () -> operator + " step '" + flow.qualify(stepId) + "': streams can't be null");
        List<Stream<?>> ups = new ArrayList<>();
        ups.add(this);
        ups.addAll(Arrays.asList(others));
        return ups;
    }

    static void addAll(List<Object> out, Iterable<?> items, String operator, String qualified, String name) {
        if (items == null) {
            throw StepException.withMessage(name + " in " + operator + " step '" + qualified
                    + "' must return an Iterable; got null instead", qualified, null, null);
        }
        for (Object item : items) {
            out.add(item);
        }
    }

    static String describe(Object x) {
        return x == null ? "null" : "a " + x.getClass().getName();
    }
}
