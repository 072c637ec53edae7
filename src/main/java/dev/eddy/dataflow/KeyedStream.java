package dev.eddy.dataflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stream of {@link KV} items: the input of every stateful operator. State is kept per key, and keys
 * are processed in sorted order, as Bytewax does.
 *
 * <pre>{@code
 * var flow = new Dataflow("keyed_eg");
 * flow.input("inp", TestingSource.of("a", "b", "a"))
 *     .keyOn("self", x -> x)
 *     .statefulMap("count", (Integer n, String x) -> Mapped.of(n == null ? 1 : n + 1, n == null ? 1 : n + 1))
 *     .inspect("out");
 * Runner.runMain(flow);
 * // keyed_eg.out: (a, 1)
 * // keyed_eg.out: (b, 1)
 * // keyed_eg.out: (a, 2)
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class KeyedStream<K, V> extends Stream<KV<K, V>> {

    KeyedStream(Dataflow flow, String id) {
        super(flow, id);
    }

    /**
     * Treats a stream of {@link KV} items as keyed, for streams made by {@code map} or {@code merge}.
     *
     * <pre>{@code
     * var flow = new Dataflow("keyed_of_eg");
     * Stream<KV<String, Integer>> pairs = flow.input("inp", TestingSource.of(1, 2)).map("pair", x -> KV.of("n", x));
     * KeyedStream.of(pairs).reduceFinal("sum", Integer::sum).inspect("out");
     * Runner.runMain(flow);
     * // keyed_of_eg.out: (n, 3)
     * }</pre>
     */
    public static <K, V> KeyedStream<K, V> of(Stream<KV<K, V>> stream) {
        Objects.requireNonNull(stream, "stream can't be null");
        return stream instanceof KeyedStream<K, V> keyed ? keyed : new KeyedStream<>(stream.flow(), stream.id());
    }

    // ---------------------------------------------------------------- the stateful primitive

    /**
     * Runs per-key logic that sees each key's values of an activation as one batch: the primitive
     * under every stateful operator.
     *
     * @param builder called with {@code null} for a new key, or with a snapshot to resume from
     */
    @SuppressWarnings("unchecked")
    public <W, S> KeyedStream<K, W> statefulBatch(String stepId,
                                                  SerializableFunction<? super S, ? extends StatefulBatchLogic<V, W, S>> builder) {
        requireFunction(stepId, "stateful_batch", builder, "builder");
        SerializableFunction<Object, StatefulBatchLogic<Object, Object, Object>> erased =
                resume -> (StatefulBatchLogic<Object, Object, Object>) (StatefulBatchLogic<?, ?, ?>) builder.apply((S) resume);
        Stream<Object> out = flow().addPrimitive(stepId, "stateful_batch", List.of(this),
                new Primitive.StatefulBatch(erased));
        return new KeyedStream<>(flow(), out.id());
    }

    // ---------------------------------------------------------------- per-value operators

    /**
     * Transforms each value, keeping its key.
     *
     * <pre>{@code
     * var flow = new Dataflow("map_value_eg");
     * flow.input("inp", TestingSource.of(KV.of("a", 1))).apply(KeyedStream::of)
     *     .mapValue("double", v -> v * 2).inspect("out");
     * Runner.runMain(flow);
     * // map_value_eg.out: (a, 2)
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public <W> KeyedStream<K, W> mapValue(String stepId, SerializableFunction<? super V, ? extends W> mapper) {
        requireFunction(stepId, "map_value", mapper, "mapper");
        return keyed(perItem(stepId, "map_value", (x, out) -> {
            KV<K, V> kv = (KV<K, V>) x;
            out.add(new KV<>(kv.key(), mapper.apply(kv.value())));
        }, VIA_MAP));
    }

    /** Transforms each value into any number of values with the same key. */
    @SuppressWarnings("unchecked")
    public <W> KeyedStream<K, W> flatMapValue(String stepId, SerializableFunction<? super V, ? extends Iterable<? extends W>> mapper) {
        String qualified = requireFunction(stepId, "flat_map_value", mapper, "mapper");
        return keyed(perItem(stepId, "flat_map_value", (x, out) -> {
            KV<K, V> kv = (KV<K, V>) x;
            Iterable<? extends W> ws = mapper.apply(kv.value());
            if (ws == null) {
                throw StepException.withMessage("mapper in flat_map_value step '" + qualified
                        + "' must return an Iterable; got null instead", qualified, x, null);
            }
            for (W w : ws) {
                out.add(new KV<>(kv.key(), w));
            }
        }, VIA_FLAT_MAP));
    }

    /** Keeps the items whose value passes {@code predicate}. */
    @SuppressWarnings("unchecked")
    public KeyedStream<K, V> filterValue(String stepId, SerializablePredicate<? super V> predicate) {
        requireFunction(stepId, "filter_value", predicate, "predicate");
        return keyed(perItem(stepId, "filter_value", (x, out) -> {
            if (predicate.test(((KV<K, V>) x).value())) {
                out.add(x);
            }
        }, "filter", "flat_map_value", "flat_map", "flat_map"));
    }

    /** Transforms each value and drops the items whose new value is {@code null}. */
    @SuppressWarnings("unchecked")
    public <W> KeyedStream<K, W> filterMapValue(String stepId, SerializableFunction<? super V, ? extends W> mapper) {
        requireFunction(stepId, "filter_map_value", mapper, "mapper");
        return keyed(perItem(stepId, "filter_map_value", (x, out) -> {
            KV<K, V> kv = (KV<K, V>) x;
            W w = mapper.apply(kv.value());
            if (w != null) {
                out.add(new KV<>(kv.key(), w));
            }
        }, "flat_map_value", "flat_map_value", "flat_map", "flat_map"));
    }

    /**
     * Drops the keys.
     *
     * <pre>{@code
     * var flow = new Dataflow("key_rm_eg");
     * flow.input("inp", TestingSource.of("x")).keyOn("k", s -> "key").keyRm("rm").inspect("out");
     * Runner.runMain(flow);
     * // key_rm_eg.out: x
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public Stream<V> keyRm(String stepId) {
        return perItem(stepId, "key_rm", (x, out) -> out.add(((KV<K, V>) x).value()), VIA_MAP);
    }

    /** Interleaves keyed streams, keeping the result keyed. */
    @SafeVarargs
    public final KeyedStream<K, V> merge(String stepId, KeyedStream<K, V>... others) {
        Stream<Object> merged = flow().addPrimitive(stepId, "merge", "ups", withOthers(stepId, "merge", others),
                new Primitive.Merge(), List.of("down")).get(0);
        return new KeyedStream<>(flow(), merged.id());
    }

    // ---------------------------------------------------------------- stateful operators

    /** Runs per-key logic one value at a time; see {@link StatefulLogic}. */
    public <W, S> KeyedStream<K, W> stateful(String stepId,
                                             SerializableFunction<? super S, ? extends StatefulLogic<V, W, S>> builder) {
        String qualified = requireFunction(stepId, "stateful", builder, "builder");
        return composite(stepId, "stateful", () -> this.<W, S>statefulBatch("stateful_batch",
                resume -> new StatefulShim<V, W, S>(builder, resume, qualified)));
    }

    /**
     * Transforms values one to one with a per-key state: {@code mapper(state, value)} gets
     * {@code null} as the state for a new key and returns the new state (or {@code null} to discard
     * it) and the value to emit.
     *
     * <pre>{@code
     * var flow = new Dataflow("stateful_map_eg");
     * flow.input("inp", TestingSource.of("a", "a", "b")).keyOn("self", x -> x)
     *     .statefulMap("running_count", (Integer n, String x) -> {
     *         int count = n == null ? 1 : n + 1;
     *         return Mapped.of(count, count);
     *     })
     *     .inspect("out");
     * Runner.runMain(flow);
     * // stateful_map_eg.out: (a, 1)
     * // stateful_map_eg.out: (a, 2)
     * // stateful_map_eg.out: (b, 1)
     * }</pre>
     */
    public <W, S> KeyedStream<K, W> statefulMap(String stepId,
                                                SerializableBiFunction<? super S, ? super V, ? extends Mapped<? extends S, ? extends W>> mapper) {
        String qualified = requireFunction(stepId, "stateful_map", mapper, "mapper");
        // Bytewax's shape (stateful_map > stateful_flat_map > stateful), with one logic that emits the value
        // itself rather than wrapping each value in a one-element list.
        return composite(stepId, "stateful_map", () -> composite("stateful_flat_map", "stateful_flat_map",
                () -> this.<W, S>stateful("stateful",
                        resume -> StatefulFlatMapLogic.<V, W, S>one("stateful_map", qualified, mapper, resume))));
    }

    /** Like {@link #statefulMap}, emitting any number of values per input value. */
    public <W, S> KeyedStream<K, W> statefulFlatMap(
            String stepId,
            SerializableBiFunction<? super S, ? super V, ? extends Mapped<? extends S, ? extends Iterable<? extends W>>> mapper) {
        String qualified = requireFunction(stepId, "stateful_flat_map", mapper, "mapper");
        return composite(stepId, "stateful_flat_map", () -> this.<W, S>stateful("stateful",
                resume -> StatefulFlatMapLogic.<V, W, S>many("stateful_flat_map", qualified, mapper, resume)));
    }

    /**
     * Gathers each key's values into lists of at most {@code maxSize}, emitting a list when it is full,
     * when {@code timeout} of system time passes without a new value, or at end of input.
     *
     * <pre>{@code
     * var flow = new Dataflow("collect_eg");
     * flow.input("inp", TestingSource.of(1, 2, 3)).keyOn("k", x -> "all")
     *     .collect("batch", Duration.ofSeconds(10), 2).inspect("out");
     * Runner.runMain(flow);
     * // collect_eg.out: (all, [1, 2])
     * // collect_eg.out: (all, [3])
     * }</pre>
     */
    public KeyedStream<K, List<V>> collect(String stepId, Duration timeout, int maxSize) {
        String qualified = flow().qualify(stepId);
        Objects.requireNonNull(timeout, () -> "timeout in collect step '" + qualified + "' can't be null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout in collect step '" + qualified
                    + "' must not be negative; got " + timeout + " instead");
        }
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize in collect step '" + qualified
                    + "' must be at least 1; got " + maxSize + " instead");
        }
        return composite(stepId, "collect", () -> this.<List<V>, CollectLogic.State<V>>stateful("stateful",
                resume -> new CollectLogic<>(timeout, maxSize, resume)));
    }

    /**
     * Folds each key's values into an accumulator built by {@code builder}, emitting it at end of input.
     *
     * <pre>{@code
     * var flow = new Dataflow("fold_final_eg");
     * flow.input("inp", TestingSource.of("a", "bb", "a")).keyOn("k", x -> x)
     *     .foldFinal("len", () -> 0, (acc, x) -> acc + x.length()).inspect("out");
     * Runner.runMain(flow);
     * // fold_final_eg.out: (a, 2)
     * // fold_final_eg.out: (bb, 2)
     * }</pre>
     */
    public <S> KeyedStream<K, S> foldFinal(String stepId, SerializableSupplier<? extends S> builder,
                                           SerializableBiFunction<S, ? super V, S> folder) {
        requireFunction(stepId, "fold_final", builder, "builder");
        requireFunction(stepId, "fold_final", folder, "folder");
        return composite(stepId, "fold_final", () -> this.<S, S>stateful("stateful",
                resume -> new FoldFinalLogic<V, S>(folder, resume != null ? resume : builder.get())));
    }

    /**
     * Combines each key's values pairwise with {@code reducer}, emitting the result at end of input.
     * Each batch is reduced first, so the reducer runs before values reach the per-key state.
     *
     * <pre>{@code
     * var flow = new Dataflow("reduce_final_eg");
     * flow.input("inp", TestingSource.of(1, 2, 3)).keyOn("k", x -> "sum")
     *     .reduceFinal("add", Integer::sum).inspect("out");
     * Runner.runMain(flow);
     * // reduce_final_eg.out: (sum, 6)
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public KeyedStream<K, V> reduceFinal(String stepId, SerializableBinaryOperator<V> reducer) {
        String qualified = requireFunction(stepId, "reduce_final", reducer, "reducer");
        return composite(stepId, "reduce_final", () -> {
            Stream<KV<K, V>> pre = flatMapBatch("pre_reduce", batch -> {
                // Null values and null results are allowed, so no Map.merge, which drops a key on null.
                Map<K, V> states = new LinkedHashMap<>();
                for (KV<K, V> kv : batch) {
                    K key = kv.key();
                    if (states.containsKey(key)) {
                        try {
                            states.put(key, reducer.apply(states.get(key), kv.value()));
                        } catch (Throwable e) {
                            throw new StepException("reduce_final", qualified, kv, e);
                        }
                    } else {
                        states.put(key, kv.value());
                    }
                }
                List<KV<K, V>> out = new ArrayList<>(states.size());
                states.forEach((k, v) -> out.add(new KV<>(k, v)));
                return out;
            });
            return this.<V>keyed(pre).foldFinal("fold_final", () -> null, (s, v) -> s == null ? v : reducer.apply(s, v));
        });
    }

    /** The largest value per key by {@code by}, at end of input; ties keep the earliest arrival. */
    public KeyedStream<K, V> maxFinal(String stepId, SerializableComparator<? super V> by) {
        requireFunction(stepId, "max_final", by, "by");
        return composite(stepId, "max_final", () -> reduceFinal("reduce_final",
                (a, b) -> by.compare(b, a) > 0 ? b : a));
    }

    /**
     * The largest value per key in natural order, at end of input.
     *
     * <pre>{@code
     * var flow = new Dataflow("max_final_eg");
     * flow.input("inp", TestingSource.of(3, 9, 4)).keyOn("k", x -> "all").maxFinal("max").inspect("out");
     * Runner.runMain(flow);
     * // max_final_eg.out: (all, 9)
     * }</pre>
     */
    public KeyedStream<K, V> maxFinal(String stepId) {
        return maxFinal(stepId, naturalOrder(stepId, "max_final"));
    }

    /** The smallest value per key by {@code by}, at end of input; ties keep the earliest arrival. */
    public KeyedStream<K, V> minFinal(String stepId, SerializableComparator<? super V> by) {
        requireFunction(stepId, "min_final", by, "by");
        return composite(stepId, "min_final", () -> reduceFinal("reduce_final",
                (a, b) -> by.compare(b, a) < 0 ? b : a));
    }

    /** The smallest value per key in natural order, at end of input. */
    public KeyedStream<K, V> minFinal(String stepId) {
        return minFinal(stepId, naturalOrder(stepId, "min_final"));
    }

    /**
     * Joins this stream with {@code others} by key, emitting a row with one slot per side (this stream
     * first). The default modes are Bytewax's: keep the last value per side, emit once every side has
     * one, then forget the key.
     *
     * <pre>{@code
     * var flow = new Dataflow("join_eg");
     * var names = flow.input("names", TestingSource.of(KV.of(1, "ann"))).apply(KeyedStream::of);
     * var ages = flow.input("ages", TestingSource.of(KV.of(1, 31))).apply(KeyedStream::of);
     * names.join("j", ages).inspect("out");
     * Runner.runMain(flow);
     * // join_eg.out: (1, [ann, 31])
     * }</pre>
     */
    @SafeVarargs
    public final KeyedStream<K, List<Object>> join(String stepId, KeyedStream<K, ?>... others) {
        return join(stepId, JoinInsertMode.LAST, JoinEmitMode.COMPLETE, others);
    }

    /** Joins with explicit insert and emit modes; see {@link JoinInsertMode} and {@link JoinEmitMode}. */
    @SafeVarargs
    public final KeyedStream<K, List<Object>> join(String stepId, JoinInsertMode insertMode, JoinEmitMode emitMode,
                                                   KeyedStream<K, ?>... others) {
        String qualified = requireFunction(stepId, "join", insertMode, "insertMode");
        requireFunction(stepId, "join", emitMode, "emitMode");
        List<Stream<?>> sides = withOthers(stepId, "join", others);
        int sideCount = sides.size();
        return flow().composite(stepId, "join", "sides", sides, () -> {
            KeyedStream<K, KV<Integer, Object>> labelled = labelSides(sides);
            return labelled.<List<Object>, List<List<Object>>>stateful("join", resume -> new JoinLogic(
                    resume == null ? new JoinState(sideCount, insertMode) : JoinState.resume(resume, insertMode),
                    emitMode));
        });
    }

    /**
     * Tags each side's values with the side's index and merges the sides: the first half of every join.
     * {@code joinWindow} uses it too.
     */
    @SuppressWarnings("unchecked")
    public static <K> KeyedStream<K, KV<Integer, Object>> labelSides(List<? extends Stream<?>> sides) {
        Dataflow flow = sides.get(0).flow();
        return flow.composite("add_names", "_join_label_merge", "ups", sides, () -> {
            List<KeyedStream<K, KV<Integer, Object>>> labelled = new ArrayList<>();
            for (int i = 0; i < sides.size(); i++) {
                int side = i;
                KeyedStream<K, Object> up = of((Stream<KV<K, Object>>) (Stream<?>) sides.get(i));
                labelled.add(up.mapValue("label_" + i, v -> KV.of(side, v)));
            }
            KeyedStream<K, KV<Integer, Object>> first = labelled.get(0);
            return first.merge("merge", labelled.subList(1, labelled.size()).toArray(new KeyedStream[0]));
        });
    }

    // ---------------------------------------------------------------- plumbing

    private <W> KeyedStream<K, W> keyed(Stream<?> stream) {
        return new KeyedStream<>(flow(), stream.id());
    }

    @SuppressWarnings("unchecked")
    private SerializableComparator<V> naturalOrder(String stepId, String operator) {
        String qualified = flow().qualify(stepId);
        return (a, b) -> {
            if (a instanceof Comparable<?> ca) {
                try {
                    return ((Comparable<Object>) ca).compareTo(b);
                } catch (ClassCastException e) {
                    throw new IllegalArgumentException(operator + " step '" + qualified
                            + "' must compare values of one type; got " + describe(a) + " and " + describe(b)
                            + " instead; pass a Comparator", e);
                }
            }
            throw new IllegalArgumentException(operator + " step '" + qualified + "' must compare Comparable values;"
                    + " got " + describe(a) + " instead; pass a Comparator");
        };
    }
}
