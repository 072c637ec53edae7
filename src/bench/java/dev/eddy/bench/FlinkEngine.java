package dev.eddy.bench;

import dev.eddy.bench.nexmark.Bid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessAllWindowFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Apache Flink 2.3 as a user would run these queries on one machine: a {@link MiniCluster} in this JVM (one task
 * manager, a slot per parallel subtask), started once and reused by every job, parallelism the
 * {@code eddy.bench.workers} system property (1 by default), object reuse on, the default heap state backend, no
 * checkpoints. Each query is ordinary DataStream code: a {@code fromSequence} source that looks the
 * pre-generated item up by index, bounded-out-of-orderness watermarks of 4 s, Flink's own window assigners with
 * aggregate, reduce and process functions, and a sink that keeps the results. Timing covers building the job graph,
 * submitting it and running it to the end.
 */
public final class FlinkEngine implements Engine {

    /** The input of the running job; sources read it by index, as they would read a pre-generated file. */
    private static volatile List<?> input = List.of();
    private static final ConcurrentLinkedQueue<Object> RESULTS = new ConcurrentLinkedQueue<>();

    /** The jobs' parallelism and the task manager's slots: the {@code eddy.bench.workers} property, 1 by default. */
    private static final int PARALLELISM = Integer.getInteger("eddy.bench.workers", 1);

    private final MiniCluster cluster;

    public FlinkEngine() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(PARALLELISM).build());
        cluster.start();
    }

    @Override
    public String name() {
        return "Flink 2.3";
    }

    @Override
    public List<?> run(Workload workload, List<?> items) throws Exception {
        input = items;
        RESULTS.clear();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        env.getConfig().enableObjectReuse();
        DataStream<Long> indexes = env.fromSequence(0, items.size() - 1);
        DataStream<?> results = switch (workload.query()) {
            case FOLD_1KEY -> fold(ticks(indexes));
            case COLLECT_2KEYS -> collect(ticks(indexes));
            case Q5 -> hotItems(bids(indexes));
            case Q7 -> highestBid(bids(indexes));
            case Q11 -> sessions(bids(indexes));
            default -> throw new IllegalArgumentException("no Flink query for " + workload);
        };
        results.sinkTo(new Keep<>()).name("keep");
        cluster.executeJobBlocking(env.getStreamGraph().getJobGraph());
        input = List.of();
        return new ArrayList<>(RESULTS);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    private static DataStream<Tick> ticks(DataStream<Long> indexes) {
        return indexes.map((MapFunction<Long, Tick>) i -> (Tick) input.get((int) (long) i)).returns(Tick.class)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Tick>forBoundedOutOfOrderness(Duration.ofMillis(
                        Windows.WAIT)).withTimestampAssigner((tick, previous) -> tick.time()));
    }

    private static DataStream<Bid> bids(DataStream<Long> indexes) {
        return indexes.flatMap((FlatMapFunction<Long, Bid>) (i, out) -> {
            if (input.get((int) (long) i) instanceof Bid bid) {
                out.collect(bid);
            }
        }).returns(Bid.class)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<Bid>forBoundedOutOfOrderness(Duration.ofMillis(
                        Windows.WAIT)).withTimestampAssigner((bid, previous) -> bid.dateTime()));
    }

    private static DataStream<WindowCount> fold(DataStream<Tick> ticks) {
        return ticks.keyBy(Tick::key)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(Windows.MINUTE)))
                .aggregate(new Count<>(), new CountOut());
    }

    private static DataStream<WindowList> collect(DataStream<Tick> ticks) {
        return ticks.keyBy(Tick::key)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(Windows.MINUTE)))
                .process(new CollectOut());
    }

    private static DataStream<HotItems> hotItems(DataStream<Bid> bids) {
        return bids.keyBy(Bid::auction)
                .window(SlidingEventTimeWindows.of(Duration.ofMillis(Windows.Q5_LENGTH),
                        Duration.ofMillis(Windows.Q5_SLIDE)))
                .aggregate(new Count<>(), new AuctionCountOut())
                .keyBy(AuctionCount::windowStart)
                .process(new Hottest());
    }

    private static DataStream<HighestBid> highestBid(DataStream<Bid> bids) {
        return bids.windowAll(TumblingEventTimeWindows.of(Duration.ofMillis(Windows.Q7_LENGTH)))
                .reduce((ReduceFunction<Bid>) (a, b) -> Bid.BY_PRICE.compare(a, b) >= 0 ? a : b, new HighestOut());
    }

    private static DataStream<Session> sessions(DataStream<Bid> bids) {
        return bids.keyBy(Bid::bidder)
                .window(EventTimeSessionWindows.withGap(Duration.ofMillis(Windows.Q11_GAP)))
                .aggregate(new Count<>(), new SessionOut());
    }

    /** Counts the items of a window. */
    static final class Count<T> implements AggregateFunction<T, Long, Long> {
        @Override
        public Long createAccumulator() {
            return 0L;
        }

        @Override
        public Long add(T value, Long count) {
            return count + 1;
        }

        @Override
        public Long getResult(Long count) {
            return count;
        }

        @Override
        public Long merge(Long a, Long b) {
            return a + b;
        }
    }

    static final class CountOut extends ProcessWindowFunction<Long, WindowCount, Long, TimeWindow> {
        @Override
        public void process(Long key, Context context, Iterable<Long> counts, Collector<WindowCount> out) {
            out.collect(new WindowCount(key, context.window().getStart(), counts.iterator().next()));
        }
    }

    static final class CollectOut extends ProcessWindowFunction<Tick, WindowList, Long, TimeWindow> {
        @Override
        public void process(Long key, Context context, Iterable<Tick> ticks, Collector<WindowList> out) {
            List<Long> times = new ArrayList<>();
            for (Tick tick : ticks) {
                times.add(tick.time());
            }
            out.collect(WindowList.of(key, context.window().getStart(), times));
        }
    }

    /** One auction's bid count in one sliding window. */
    public record AuctionCount(long auction, long windowStart, long count) {
    }

    static final class AuctionCountOut extends ProcessWindowFunction<Long, AuctionCount, Long, TimeWindow> {
        @Override
        public void process(Long auction, Context context, Iterable<Long> counts, Collector<AuctionCount> out) {
            out.collect(new AuctionCount(auction, context.window().getStart(), counts.iterator().next()));
        }
    }

    /** Keeps the leading auctions of one window until the watermark passes it, then emits them. */
    static final class Hottest extends KeyedProcessFunction<Long, AuctionCount, HotItems> {
        private transient ValueState<Long> most;
        private transient ValueState<List<Long>> leaders;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            most = getRuntimeContext().getState(new ValueStateDescriptor<>("most", Long.class));
            leaders = getRuntimeContext().getState(new ValueStateDescriptor<>("leaders",
                    TypeInformation.of(new TypeHint<List<Long>>() { })));
        }

        @Override
        public void processElement(AuctionCount count, Context context, Collector<HotItems> out) throws Exception {
            Long best = most.value();
            if (best == null || count.count() > best) {
                most.update(count.count());
                List<Long> auctions = new ArrayList<>();
                auctions.add(count.auction());
                leaders.update(auctions);
                context.timerService().registerEventTimeTimer(context.timestamp());
            } else if (count.count() == best) {
                leaders.value().add(count.auction());
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext context, Collector<HotItems> out) throws Exception {
            out.collect(new HotItems(context.getCurrentKey(), most.value(), leaders.value()));
            most.clear();
            leaders.clear();
        }
    }

    static final class HighestOut extends ProcessAllWindowFunction<Bid, HighestBid, TimeWindow> {
        @Override
        public void process(Context context, Iterable<Bid> bids, Collector<HighestBid> out) {
            out.collect(HighestBid.of(context.window().getStart(), bids.iterator().next()));
        }
    }

    static final class SessionOut extends ProcessWindowFunction<Long, Session, Long, TimeWindow> {
        @Override
        public void process(Long bidder, Context context, Iterable<Long> counts, Collector<Session> out) {
            TimeWindow window = context.window();
            out.collect(new Session(bidder, window.getStart(), window.getEnd() - Windows.Q11_GAP,
                    counts.iterator().next()));
        }
    }

    /** Keeps every result in this JVM for the harness to compare. */
    static final class Keep<T> implements Sink<T> {
        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context context) {
                    RESULTS.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
