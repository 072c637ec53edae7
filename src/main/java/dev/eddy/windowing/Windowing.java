package dev.eddy.windowing;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.JoinEmitMode;
import dev.eddy.dataflow.JoinInsertMode;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.SerializableBiFunction;
import dev.eddy.dataflow.SerializableBinaryOperator;
import dev.eddy.dataflow.SerializableComparator;
import dev.eddy.dataflow.SerializableFunction;
import dev.eddy.dataflow.SerializableSupplier;
import dev.eddy.dataflow.StatefulBatchLogic;
import dev.eddy.dataflow.Stream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Bytewax's windowing operators ({@code bytewax.operators.windowing}), each taking the step id first
 * and a keyed upstream, and returning a {@link WindowOut}. Every one is composed from
 * {@link #window}, which runs on the {@code statefulBatch} primitive. Chain them with
 * {@code stream.apply(s -> Windowing.foldWindow("id", s, ...))} or call them directly.
 *
 * <pre>{@code
 * var t0 = Instant.parse("2022-01-01T00:00:00Z");
 * var flow = new Dataflow("windowing_eg");
 * var out = flow.input("inp", TestingSource.of(0, 4, 8, 16))
 *     .keyOn("k", x -> "ALL")
 *     .apply(s -> Windowing.collectWindow("w", s, EventClock.withNoWait((Integer x) -> t0.plusSeconds(x)),
 *             new TumblingWindower(Duration.ofSeconds(10), t0)));
 * out.down().inspect("down");
 * Runner.runMain(flow);
 * // windowing_eg.down: (ALL, (0, [0, 4, 8]))
 * // windowing_eg.down: (ALL, (1, [16]))
 * }</pre>
 */
public final class Windowing {

    private static final String UNWRAPPED = ".stateful_batch.down";

    private Windowing() {
    }

    // ---------------------------------------------------------------- window

    /**
     * The low-level windowing operator: runs a {@link WindowLogic} per key and window, built by
     * {@code builder} (with {@code null}, or a snapshot when resuming) whenever a window opens.
     *
     * @param ordered apply values in timestamp order once the watermark passes them (Bytewax's default),
     *        or in arrival order at once
     */
    public static <K, V, W, S> WindowOut<K, V, W> window(String stepId, Stream<KV<K, V>> up,
                                                          Clock<? super V, ?> clock, Windower<?> windower,
                                                          SerializableFunction<? super S, ? extends WindowLogic<V, W, S>> builder,
                                                          boolean ordered) {
        require(stepId, "window", up, "up");
        require(stepId, "window", clock, "clock");
        require(stepId, "window", windower, "windower");
        require(stepId, "window", builder, "builder");
        KeyedStream<K, V> keyed = KeyedStream.of(up);
        return up.flow().composite(stepId, "window", List.of(up), () -> {
            String[] qualified = {stepId};
            KeyedStream<K, Object> events = keyed.<Object, WindowSnapshot>statefulBatch("stateful_batch",
                    resume -> driver(qualified[0], clock, windower, builder, ordered, resume));
            String id = events.id();
            qualified[0] = id.endsWith(UNWRAPPED) ? id.substring(0, id.length() - UNWRAPPED.length()) : id;
            @SuppressWarnings("unchecked")
            KeyedStream<K, WindowValue<W>> down = events.filterMapValue("unwrap_down",
                    e -> e instanceof WindowValue<?> v ? (WindowValue<W>) v : null);
            @SuppressWarnings("unchecked")
            KeyedStream<K, WindowValue<V>> late = events.filterMapValue("unwrap_late",
                    e -> e instanceof WindowEvent.Late l ? (WindowValue<V>) (WindowValue<?>) l.value() : null);
            KeyedStream<K, WindowValue<WindowMetadata>> meta = events.filterMapValue("unwrap_meta",
                    e -> e instanceof WindowEvent.Meta m ? m.value() : null);
            return new WindowOut<>(down, late, meta);
        });
    }

    /** {@link #window} in ordered mode, Bytewax's default. */
    public static <K, V, W, S> WindowOut<K, V, W> window(String stepId, Stream<KV<K, V>> up,
                                                          Clock<? super V, ?> clock, Windower<?> windower,
                                                          SerializableFunction<? super S, ? extends WindowLogic<V, W, S>> builder) {
        return window(stepId, up, clock, windower, builder, true);
    }

    // ---------------------------------------------------------------- fold, collect, count

    /**
     * Folds each window's values into an accumulator that {@code builder} makes for every new window,
     * and emits it when the window closes. When sessions merge, {@code merger(target, original)}
     * combines the earlier-opening session's accumulator with the other's.
     *
     * <pre>{@code
     * var t0 = Instant.parse("2022-01-01T00:00:00Z");
     * var flow = new Dataflow("fold_eg");
     * var out = Windowing.foldWindow("sum", flow.input("inp", TestingSource.of(1, 3, 12)).keyOn("k", x -> "all"),
     *         EventClock.withNoWait((Integer x) -> t0.plusSeconds(x)), new TumblingWindower(Duration.ofSeconds(10), t0),
     *         () -> 0, (acc, x) -> acc + x, Integer::sum);
     * out.down().inspect("out");
     * Runner.runMain(flow);
     * // fold_eg.out: (all, (0, 4))
     * // fold_eg.out: (all, (1, 12))
     * }</pre>
     */
    public static <K, V, S> WindowOut<K, V, S> foldWindow(String stepId, Stream<KV<K, V>> up,
                                                           Clock<? super V, ?> clock, Windower<?> windower,
                                                           SerializableSupplier<? extends S> builder,
                                                           SerializableBiFunction<S, ? super V, S> folder,
                                                           SerializableBinaryOperator<S> merger, boolean ordered) {
        require(stepId, "fold_window", up, "up");
        requireClockAndWindower(up, stepId, "fold_window", clock, windower);
        require(stepId, "fold_window", builder, "builder");
        require(stepId, "fold_window", folder, "folder");
        require(stepId, "fold_window", merger, "merger");
        return fold(stepId, up, clock, windower,
                (S resume) -> new FoldWindowLogic<V, S>(folder, merger, resume != null ? resume : builder.get()),
                ordered);
    }

    /** {@link #foldWindow} in ordered mode, Bytewax's default. */
    public static <K, V, S> WindowOut<K, V, S> foldWindow(String stepId, Stream<KV<K, V>> up,
                                                           Clock<? super V, ?> clock, Windower<?> windower,
                                                           SerializableSupplier<? extends S> builder,
                                                           SerializableBiFunction<S, ? super V, S> folder,
                                                           SerializableBinaryOperator<S> merger) {
        return foldWindow(stepId, up, clock, windower, builder, folder, merger, true);
    }

    /** A {@code fold_window} composite around {@code window("window")} with a logic of our own. */
    private static <K, V, S> WindowOut<K, V, S> fold(String stepId, Stream<KV<K, V>> up, Clock<? super V, ?> clock,
                                                      Windower<?> windower,
                                                      SerializableFunction<S, ? extends WindowLogic<V, S, S>> builder,
                                                      boolean ordered) {
        require(stepId, "fold_window", up, "up");
        return up.flow().composite(stepId, "fold_window", List.of(up),
                () -> window("window", up, clock, windower, builder, ordered));
    }

    /**
     * Collects each window's values into a list, in timestamp order in ordered mode.
     *
     * <pre>{@code
     * var t0 = Instant.parse("2022-01-01T00:00:00Z");
     * var flow = new Dataflow("collect_eg");
     * var keyed = flow.input("inp", TestingSource.of(0, 8, 4, 13)).keyOn("k", x -> "all");
     * var out = Windowing.collectWindow("c", keyed, EventClock.waitingForEof((Integer x) -> t0.plusSeconds(x)),
     *         new TumblingWindower(Duration.ofSeconds(10), t0));
     * out.down().inspect("out");
     * Runner.runMain(flow);
     * // collect_eg.out: (all, (0, [0, 4, 8]))
     * // collect_eg.out: (all, (1, [13]))
     * }</pre>
     */
    public static <K, V> WindowOut<K, V, List<V>> collectWindow(String stepId, Stream<KV<K, V>> up,
                                                                 Clock<? super V, ?> clock, Windower<?> windower,
                                                                 boolean ordered) {
        require(stepId, "collect_window", up, "up");
        requireClockAndWindower(up, stepId, "collect_window", clock, windower);
        return up.flow().composite(stepId, "collect_window", List.of(up),
                () -> foldWindow("fold_window", up, clock, windower, ArrayList::new,
                        (List<V> acc, V v) -> {
                            acc.add(v);
                            return acc;
                        },
                        (a, b) -> {
                            List<V> both = new ArrayList<>(a.size() + b.size());
                            both.addAll(a);
                            both.addAll(b);
                            return both;
                        }, ordered));
    }

    /** {@link #collectWindow} in ordered mode, Bytewax's default. */
    public static <K, V> WindowOut<K, V, List<V>> collectWindow(String stepId, Stream<KV<K, V>> up,
                                                                 Clock<? super V, ?> clock, Windower<?> windower) {
        return collectWindow(stepId, up, clock, windower, true);
    }

    /** Collects each window's distinct values into a set (in first-seen order), as {@code into=set}. */
    public static <K, V> WindowOut<K, V, Set<V>> collectWindowSet(String stepId, Stream<KV<K, V>> up,
                                                                   Clock<? super V, ?> clock, Windower<?> windower,
                                                                   boolean ordered) {
        require(stepId, "collect_window", up, "up");
        requireClockAndWindower(up, stepId, "collect_window", clock, windower);
        return up.flow().composite(stepId, "collect_window", List.of(up),
                () -> foldWindow("fold_window", up, clock, windower, LinkedHashSet::new,
                        (Set<V> acc, V v) -> {
                            acc.add(v);
                            return acc;
                        },
                        (a, b) -> {
                            Set<V> both = new LinkedHashSet<>(a);
                            both.addAll(b);
                            return both;
                        }, ordered));
    }

    /**
     * Collects each window's {@code (key, value)} entries into a map, later values replacing earlier
     * ones, as {@code into=dict}.
     */
    public static <K, MK, MV, E extends Map.Entry<MK, MV>> WindowOut<K, E, Map<MK, MV>> collectWindowMap(
            String stepId, Stream<KV<K, E>> up, Clock<? super E, ?> clock, Windower<?> windower, boolean ordered) {
        require(stepId, "collect_window", up, "up");
        requireClockAndWindower(up, stepId, "collect_window", clock, windower);
        return up.flow().composite(stepId, "collect_window", List.of(up),
                () -> foldWindow("fold_window", up, clock, windower, LinkedHashMap::new,
                        (Map<MK, MV> acc, E e) -> {
                            acc.put(e.getKey(), e.getValue());
                            return acc;
                        },
                        (a, b) -> {
                            a.putAll(b);
                            return a;
                        }, ordered));
    }

    /**
     * Counts each key's items per window; keys the stream itself with {@code key}, and is always
     * unordered (arrival order), as Bytewax's {@code count_window}.
     *
     * <pre>{@code
     * var t0 = Instant.parse("2022-01-01T00:00:00Z");
     * var flow = new Dataflow("count_eg");
     * var inp = flow.input("inp", TestingSource.of("a@0", "a@4", "b@8", "a@12"));
     * var out = Windowing.countWindow("count", inp,
     *         EventClock.withNoWait((String s) -> t0.plusSeconds(Long.parseLong(s.substring(2)))),
     *         new TumblingWindower(Duration.ofSeconds(10), t0), s -> s.substring(0, 1));
     * out.down().inspect("out");
     * Runner.runMain(flow);
     * // count_eg.out: (a, (0, 2))
     * // count_eg.out: (a, (1, 1))
     * // count_eg.out: (b, (0, 1))
     * }</pre>
     */
    public static <X, K> WindowOut<K, X, Long> countWindow(String stepId, Stream<X> up, Clock<? super X, ?> clock,
                                                            Windower<?> windower, SerializableFunction<? super X, ? extends K> key) {
        require(stepId, "count_window", up, "up");
        requireClockAndWindower(up, stepId, "count_window", clock, windower);
        require(stepId, "count_window", key, "key");
        return up.composite(stepId, "count_window", () -> {
            KeyedStream<K, X> keyed = up.keyOn("keyed", key);
            return fold("sum", keyed, clock, windower, (Long resume) -> new CountWindowLogic<X>(resume), false);
        });
    }

    /**
     * Counts each key's items per window of a stream that is keyed already, as every other window operator takes
     * it; the same counts as {@link #countWindow(String, Stream, Clock, Windower, Function)} with the key function
     * that keyed it. The clock reads the values.
     *
     * <pre>{@code
     * var t0 = Instant.parse("2022-01-01T00:00:00Z");
     * var flow = new Dataflow("count_keyed_eg");
     * var byUser = flow.input("inp", TestingSource.of("a@0", "a@4", "b@8")).keyOn("user", s -> s.substring(0, 1));
     * Windowing.countWindow("count", byUser,
     *         EventClock.withNoWait((String s) -> t0.plusSeconds(Long.parseLong(s.substring(2)))),
     *         new TumblingWindower(Duration.ofSeconds(10), t0)).down().inspect("out");
     * Runner.runMain(flow);
     * // count_keyed_eg.out: (a, (0, 2))
     * // count_keyed_eg.out: (b, (0, 1))
     * }</pre>
     */
    public static <K, V> WindowOut<K, V, Long> countWindow(String stepId, KeyedStream<K, V> up,
                                                           Clock<? super V, ?> clock, Windower<?> windower) {
        require(stepId, "count_window", up, "up");
        requireClockAndWindower(up, stepId, "count_window", clock, windower);
        return up.composite(stepId, "count_window",
                () -> fold("sum", up, clock, windower, (Long resume) -> new CountWindowLogic<V>(resume), false));
    }

    // ---------------------------------------------------------------- reduce, max, min

    /**
     * Combines each window's values pairwise with {@code reducer}, in arrival order, and emits the
     * result when the window closes; {@code reducer} also merges sessions.
     *
     * <pre>{@code
     * var t0 = Instant.parse("2022-01-01T00:00:00Z");
     * var flow = new Dataflow("reduce_eg");
     * var keyed = flow.input("inp", TestingSource.of(3, 1, 2)).keyOn("k", x -> "all");
     * Windowing.reduceWindow("sum", keyed, EventClock.waitingForEof((Integer x) -> t0),
     *         new TumblingWindower(Duration.ofSeconds(10), t0), Integer::sum).down().inspect("out");
     * Runner.runMain(flow);
     * // reduce_eg.out: (all, (0, 6))
     * }</pre>
     */
    public static <K, V> WindowOut<K, V, V> reduceWindow(String stepId, Stream<KV<K, V>> up,
                                                          Clock<? super V, ?> clock, Windower<?> windower,
                                                          SerializableBinaryOperator<V> reducer) {
        require(stepId, "reduce_window", up, "up");
        requireClockAndWindower(up, stepId, "reduce_window", clock, windower);
        require(stepId, "reduce_window", reducer, "reducer");
        return up.flow().composite(stepId, "reduce_window", List.of(up),
                () -> foldWindow("fold_window", up, clock, windower, () -> null,
                        (V s, V v) -> s == null ? v : reducer.apply(s, v), reducer, false));
    }

    /** The largest value per window by {@code by}; ties keep the earliest arrival. */
    public static <K, V> WindowOut<K, V, V> maxWindow(String stepId, Stream<KV<K, V>> up, Clock<? super V, ?> clock,
                                                       Windower<?> windower, SerializableComparator<? super V> by) {
        require(stepId, "max_window", up, "up");
        requireClockAndWindower(up, stepId, "max_window", clock, windower);
        require(stepId, "max_window", by, "by");
        return up.flow().composite(stepId, "max_window", List.of(up),
                () -> reduceWindow("reduce_window", up, clock, windower, (s, v) -> by.compare(v, s) > 0 ? v : s));
    }

    /**
     * The largest value per window in natural order; ties keep the earliest arrival.
     *
     * <pre>{@code
     * var t0 = Instant.parse("2022-01-01T00:00:00Z");
     * var flow = new Dataflow("max_eg");
     * var keyed = flow.input("inp", TestingSource.of(3, 9, 4)).keyOn("k", x -> "all");
     * Windowing.maxWindow("max", keyed, EventClock.waitingForEof((Integer x) -> t0),
     *         new TumblingWindower(Duration.ofSeconds(10), t0)).down().inspect("out");
     * Runner.runMain(flow);
     * // max_eg.out: (all, (0, 9))
     * }</pre>
     */
    public static <K, V extends Comparable<? super V>> WindowOut<K, V, V> maxWindow(
            String stepId, Stream<KV<K, V>> up, Clock<? super V, ?> clock, Windower<?> windower) {
        return maxWindow(stepId, up, clock, windower, (a, b) -> a.compareTo(b));
    }

    /** The smallest value per window by {@code by}; ties keep the earliest arrival. */
    public static <K, V> WindowOut<K, V, V> minWindow(String stepId, Stream<KV<K, V>> up, Clock<? super V, ?> clock,
                                                       Windower<?> windower, SerializableComparator<? super V> by) {
        require(stepId, "min_window", up, "up");
        requireClockAndWindower(up, stepId, "min_window", clock, windower);
        require(stepId, "min_window", by, "by");
        return up.flow().composite(stepId, "min_window", List.of(up),
                () -> reduceWindow("reduce_window", up, clock, windower, (s, v) -> by.compare(v, s) < 0 ? v : s));
    }

    /** The smallest value per window in natural order; ties keep the earliest arrival. */
    public static <K, V extends Comparable<? super V>> WindowOut<K, V, V> minWindow(
            String stepId, Stream<KV<K, V>> up, Clock<? super V, ?> clock, Windower<?> windower) {
        return minWindow(stepId, up, clock, windower, (a, b) -> a.compareTo(b));
    }

    // ---------------------------------------------------------------- join

    /**
     * Joins keyed streams per window: each row has one slot per side, {@code null} for a side with no
     * value. Late items on {@code late} are {@code (side, value)} pairs. The clock reads the sides'
     * values. After a session merge, FIRST keeps the earlier session's values and LAST the later
     * one's (Bytewax does the reverse).
     *
     * <pre>{@code
     * var t0 = Instant.parse("2024-01-01T00:00:00Z");
     * var flow = new Dataflow("join_eg");
     * var left = flow.input("l", TestingSource.of(1)).keyOn("kl", x -> "k");
     * var right = flow.input("r", TestingSource.of(2)).keyOn("kr", x -> "k");
     * Windowing.joinWindow("j", EventClock.waitingForEof((Integer x) -> t0.plusSeconds(x)),
     *         new SessionWindower(Duration.ofSeconds(10)), left, right).down().inspect("out");
     * Runner.runMain(flow);
     * // join_eg.out: (k, (0, [1, 2]))
     * }</pre>
     */
    public static <K, V> WindowOut<K, KV<Integer, V>, List<V>> joinWindow(
            String stepId, Clock<? super V, ?> clock, Windower<?> windower, JoinInsertMode insertMode,
            JoinEmitMode emitMode, boolean ordered, List<? extends Stream<? extends KV<K, ? extends V>>> sides) {
        require(stepId, "join_window", clock, "clock");
        require(stepId, "join_window", windower, "windower");
        require(stepId, "join_window", insertMode, "insertMode");
        require(stepId, "join_window", emitMode, "emitMode");
        require(stepId, "join_window", sides, "sides");
        if (sides.isEmpty()) {
            throw new IllegalArgumentException("join_window step '" + stepId + "' must have at least one side;"
                    + " got none instead");
        }
        sides.forEach(side -> require(stepId, "join_window", side, "side"));
        int sideCount = sides.size();
        Dataflow flow = sides.get(0).flow();
        @SuppressWarnings({"unchecked", "rawtypes"})
        Clock<KV<Integer, V>, ?> sideClock = new SideValueClock(clock);
        return flow.composite(stepId, "join_window", sides, () -> {
            KeyedStream<K, KV<Integer, Object>> labelled = KeyedStream.labelSides(sides);
            @SuppressWarnings({"unchecked", "rawtypes"})
            Stream<KV<K, KV<Integer, V>>> typed = (Stream) labelled;
            @SuppressWarnings({"unchecked", "rawtypes"})
            SerializableFunction<List<List<Object>>, WindowLogic<KV<Integer, V>, List<V>, List<List<Object>>>> builder =
                    resume -> (WindowLogic) new JoinWindowLogic(sideCount, insertMode, emitMode, resume);
            return window("window", typed, sideClock, windower, builder, ordered);
        });
    }

    /** {@link #joinWindow(String, Clock, Windower, JoinInsertMode, JoinEmitMode, boolean, List)} over varargs sides. */
    @SafeVarargs
    public static <K, V> WindowOut<K, KV<Integer, V>, List<V>> joinWindow(
            String stepId, Clock<? super V, ?> clock, Windower<?> windower, JoinInsertMode insertMode,
            JoinEmitMode emitMode, boolean ordered, Stream<? extends KV<K, ? extends V>>... sides) {
        return joinWindow(stepId, clock, windower, insertMode, emitMode, ordered, Arrays.asList(sides));
    }

    /** {@code joinWindow} with Bytewax's defaults: insert LAST, emit FINAL, ordered. */
    @SafeVarargs
    public static <K, V> WindowOut<K, KV<Integer, V>, List<V>> joinWindow(
            String stepId, Clock<? super V, ?> clock, Windower<?> windower,
            Stream<? extends KV<K, ? extends V>>... sides) {
        return joinWindow(stepId, clock, windower, JoinInsertMode.LAST, JoinEmitMode.FINAL, true, Arrays.asList(sides));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <V> StatefulBatchLogic<V, Object, WindowSnapshot> driver(String stepId, Clock<?, ?> clock,
            Windower<?> windower, SerializableFunction<?, ? extends WindowLogic<?, ?, ?>> builder, boolean ordered,
            WindowSnapshot resume) {
        return (StatefulBatchLogic) new WindowDriver(stepId, clock, windower, builder, ordered, resume);
    }

    /** Checks a windowing operator's clock and windower under the user's step id, not an inner one's. */
    private static void requireClockAndWindower(Stream<?> up, String stepId, String operator, Object clock,
                                                Object windower) {
        String qualified = up.flow().qualify(stepId);
        require(qualified, operator, clock, "clock");
        require(qualified, operator, windower, "windower");
    }

    private static void require(String stepId, String operator, Object argument, String name) {
        Objects.requireNonNull(argument, () -> name + " in " + operator + " step '" + stepId + "' can't be null");
    }
}
