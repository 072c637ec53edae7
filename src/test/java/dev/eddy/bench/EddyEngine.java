package dev.eddy.bench;

import dev.eddy.bench.nexmark.Bid;
import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.Stream;
import dev.eddy.io.Sink;
import dev.eddy.io.Source;
import dev.eddy.recovery.Recovery;
import dev.eddy.recovery.SnapshotThroughput;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import dev.eddy.windowing.EventClock;
import dev.eddy.windowing.SessionWindower;
import dev.eddy.windowing.SlidingWindower;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.WindowMetadata;
import dev.eddy.windowing.WindowOut;
import dev.eddy.windowing.WindowValue;
import dev.eddy.windowing.Windowing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Eddy as a user writes these queries: a {@link TestingSource} over the pre-generated items ({@code batchSize} per
 * batch), an {@link EventClock} waiting 4 s, Eddy's windowers and window operators, and a {@link TestingSink}; run
 * with {@link Runner#runMain} on the system clock. Windows are keyed as Bytewax keys them: per auction or bidder
 * where the query is per key, on one key where it is over all bids (Q5's hottest auction needs every auction's
 * count of a window at once, so it folds per-auction counts on one key, as Q7 takes the maximum on one key).
 */
public final class EddyEngine implements Engine {

    /**
     * Where a run's flow reads, writes and runs: the local runtime's {@link TestingSource}, {@link TestingSink} and
     * {@link Runner#runMain}, or another runtime's (see {@code EddyFlinkEngine}). The flow's steps are the same.
     */
    interface Wiring {
        <T> Source<T> source(List<T> items, int batchSize);

        <T> Sink<T> sink(List<T> into);

        /** Runs {@code flow} to its end; every sink's items are in their lists afterwards. */
        void run(Dataflow flow, RunOptions options);
    }

    /** The local runtime, as a user runs a flow in a notebook. */
    private static final Wiring LOCAL = new Wiring() {
        @Override
        public <T> Source<T> source(List<T> items, int batchSize) {
            if (PARTS == 1) {
                // A replayed input is read as it is made: TestingSource copies a collection, not an iterable.
                return items instanceof Replay ? TestingSource.of(items::iterator, batchSize)
                        : TestingSource.of(items, batchSize);
            }
            return new SplitSource<>(items, PARTS, batchSize,
                    SplitSource.By.valueOf(PARTITION_BY.toUpperCase(Locale.ROOT)));
        }

        @Override
        public <T> Sink<T> sink(List<T> into) {
            return new TestingSink<>(into);
        }

        @Override
        public void run(Dataflow flow, RunOptions options) {
            Runner.runMain(flow, options);
        }
    };

    private static final Instant ALIGN = Instant.ofEpochMilli(Windows.ALIGN);

    /** How many workers run each query: the {@code eddy.bench.workers} system property, 1 by default. */
    private static final int WORKERS = Integer.getInteger("eddy.bench.workers", 1);

    /**
     * How many partitions the local runtime's input has: the {@code eddy.bench.partitions} system property, 1 by
     * default (a {@code TestingSource}); more split it as {@link SplitSource} does.
     */
    private static final int PARTS = Integer.getInteger("eddy.bench.partitions", 1);

    /**
     * How several partitions split the input: the {@code eddy.bench.partitionBy} system property, a {@link
     * SplitSource.By} in any case: {@code stride} (the default), {@code bidder}, {@code auction}, {@code hash} or
     * {@code owner}.
     */
    private static final String PARTITION_BY = System.getProperty("eddy.bench.partitionBy", "stride");

    /**
     * Whether each run keeps a recovery store: the {@code eddy.bench.recovery} system property. Each run gets a
     * new one-partition store at the default 10 s epoch with no backup lag. {@link #prepare} makes it before the
     * clock starts, as a user runs {@code Recovery.initDbDir} once before any run; the cost measured is opening
     * the store, recording the execution, the epochs' snapshots and the final one.
     */
    private static final boolean RECOVERY = Boolean.getBoolean("eddy.bench.recovery");

    /** Where runs with recovery make their stores. */
    private static final Path STORES = Path.of(System.getProperty("java.io.tmpdir"));

    private final int batchSize;
    /** Where each run's recovery store is made, or {@code null} for runs without recovery. */
    private final Path storesIn;
    /** The next run's store, made by {@link #prepare}; {@code null} when the run is to make its own. */
    private Path prepared;

    public EddyEngine(int batchSize) {
        this(batchSize, RECOVERY ? STORES : null);
    }

    /** An engine whose runs each keep a new recovery store in the temporary directory. */
    public static EddyEngine withRecovery(int batchSize) {
        return new EddyEngine(batchSize, STORES);
    }

    /** An engine whose runs each keep a new recovery store in {@code storesIn}; {@code null}: no recovery. */
    public EddyEngine(int batchSize, Path storesIn) {
        this.batchSize = batchSize;
        this.storesIn = storesIn;
    }

    @Override
    public String name() {
        return storesIn == null ? "Eddy" : "Eddy+rec";
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<?> run(Workload workload, List<?> items) {
        Path store = prepared != null ? prepared : newStore();
        prepared = null;
        try {
            return run(LOCAL, batchSize, workload, items, options(store));
        } finally {
            if (store != null) {
                SnapshotThroughput.deleteTree(store);
            }
        }
    }

    /** Builds the flow of {@code workload} over {@code items} and runs it through {@code io}: the results. */
    @SuppressWarnings("unchecked")
    static List<?> run(Wiring io, int batchSize, Workload workload, List<?> items, RunOptions options) {
        Dataflow flow = new Dataflow("bench");
        List<Object> results = new ArrayList<>();
        if (!workload.isNexmark()) {
            // The ticks are typed as a user's list would be: no step casts them.
            Stream<Tick> ticks = flow.input("inp", io.source((List<Tick>) items, batchSize));
            if (workload.query() == Workload.FOLD_1KEY) {
                fold(ticks, io.sink(results));
            } else {
                collect(ticks, io.sink(results));
            }
            io.run(flow, options);
            return results;
        }
        Stream<Object> input = flow.input("inp", io.source((List<Object>) items, batchSize));
        switch (workload.query()) {
            case Q5 -> hotItems(bids(input), io.sink(results));
            case Q7 -> highestBid(bids(input), io.sink(results));
            case Q11 -> {
                return sessions(bids(input), flow, io, options);
            }
            default -> throw new IllegalArgumentException("no Eddy query for " + workload);
        }
        io.run(flow, options);
        return results;
    }

    /** Deletes a store {@link #prepare} made for a run that never came. */
    @Override
    public void close() {
        if (prepared != null) {
            SnapshotThroughput.deleteTree(prepared);
            prepared = null;
        }
    }

    @Override
    public void prepare() {
        if (prepared != null) {
            SnapshotThroughput.deleteTree(prepared);
        }
        prepared = newStore();
    }

    /** A new directory with a one-partition store in it for one run, or {@code null} without recovery. */
    private Path newStore() {
        if (storesIn == null) {
            return null;
        }
        try {
            Path store = Files.createTempDirectory(storesIn, "eddy-bench-recovery");
            Recovery.initDbDir(store, 1);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunOptions options(Path store) {
        RunOptions options = RunOptions.defaults().withWorkers(WORKERS);
        return store == null ? options : options.withRecovery(store, Duration.ZERO);
    }

    private static Stream<Bid> bids(Stream<Object> events) {
        return events.filterMap("bids", e -> e instanceof Bid bid ? bid : null);
    }

    private static EventClock<Tick> tickClock() {
        return EventClock.ofEpochMillis(Tick::time, Windows.millis(Windows.WAIT));
    }

    private static EventClock<Bid> bidClock() {
        return EventClock.ofEpochMillis(Bid::dateTime, Windows.millis(Windows.WAIT));
    }

    private static long start(long windowId, long length) {
        return Windows.ALIGN + windowId * length;
    }

    private static void fold(Stream<Tick> ticks, Sink<? super WindowCount> out) {
        KeyedStream<Long, Tick> keyed = ticks.keyOn("key", Tick::key);
        WindowOut<Long, Tick, Long> counts = Windowing.foldWindow("fold", keyed, tickClock(),
                new TumblingWindower(Windows.millis(Windows.MINUTE), ALIGN), () -> 0L, (n, t) -> n + 1, Long::sum,
                false);
        counts.down().map("result", kv -> new WindowCount(kv.key(), start(kv.value().windowId(), Windows.MINUTE),
                kv.value().value())).output("out", out);
    }

    private static void collect(Stream<Tick> ticks, Sink<? super WindowList> out) {
        KeyedStream<Long, Tick> keyed = ticks.keyOn("key", Tick::key);
        WindowOut<Long, Tick, List<Tick>> lists = Windowing.collectWindow("collect", keyed, tickClock(),
                new TumblingWindower(Windows.millis(Windows.MINUTE), ALIGN));
        lists.down().map("result", kv -> WindowList.of(kv.key(), start(kv.value().windowId(), Windows.MINUTE),
                kv.value().value().stream().map(Tick::time).toList())).output("out", out);
    }

    private static void hotItems(Stream<Bid> bids, Sink<? super HotItems> out) {
        KeyedStream<String, Bid> all = bids.keyOn("all", b -> "ALL");
        WindowOut<String, Bid, Map<Long, long[]>> counts = Windowing.foldWindow("count", all, bidClock(),
                new SlidingWindower(Windows.millis(Windows.Q5_LENGTH), Windows.millis(Windows.Q5_SLIDE), ALIGN),
                HashMap::new, EddyEngine::countAuction, EddyEngine::mergeCounts, false);
        counts.down().map("hottest", kv -> HotItems.of(start(kv.value().windowId(), Windows.Q5_SLIDE),
                kv.value().value())).output("out", out);
    }

    private static Map<Long, long[]> countAuction(Map<Long, long[]> counts, Bid bid) {
        counts.computeIfAbsent(bid.auction(), a -> new long[1])[0]++;
        return counts;
    }

    private static Map<Long, long[]> mergeCounts(Map<Long, long[]> a, Map<Long, long[]> b) {
        b.forEach((auction, n) -> a.computeIfAbsent(auction, x -> new long[1])[0] += n[0]);
        return a;
    }

    private static void highestBid(Stream<Bid> bids, Sink<? super HighestBid> out) {
        KeyedStream<String, Bid> all = bids.keyOn("all", b -> "ALL");
        WindowOut<String, Bid, Bid> highest = Windowing.maxWindow("max", all, bidClock(),
                new TumblingWindower(Windows.millis(Windows.Q7_LENGTH), ALIGN), (a, b) -> Bid.BY_PRICE.compare(a, b));
        highest.down().map("result", kv -> HighestBid.of(start(kv.value().windowId(), Windows.Q7_LENGTH),
                kv.value().value())).output("out", out);
    }

    /** Counts per session, joined after the run with the sessions' metadata, as Bytewax users read both streams. */
    private static List<Session> sessions(Stream<Bid> bids, Dataflow flow, Wiring io, RunOptions options) {
        WindowOut<Long, Bid, Long> counts = Windowing.countWindow("count", bids, bidClock(),
                new SessionWindower(Windows.millis(Windows.Q11_GAP)), Bid::bidder);
        List<KV<Long, WindowValue<Long>>> down = new ArrayList<>();
        List<KV<Long, WindowValue<WindowMetadata>>> meta = new ArrayList<>();
        counts.down().output("counts", io.sink(down));
        counts.meta().output("metas", io.sink(meta));
        io.run(flow, options);
        Map<KV<Long, Long>, WindowMetadata> byWindow = new HashMap<>(meta.size() * 2);
        for (KV<Long, WindowValue<WindowMetadata>> m : meta) {
            byWindow.put(KV.of(m.key(), m.value().windowId()), m.value().value());
        }
        List<Session> sessions = new ArrayList<>(down.size());
        for (KV<Long, WindowValue<Long>> c : down) {
            WindowMetadata m = byWindow.get(KV.of(c.key(), c.value().windowId()));
            sessions.add(new Session(c.key(), m.openTime().toEpochMilli(), m.closeTime().toEpochMilli(),
                    c.value().value()));
        }
        return sessions;
    }
}
