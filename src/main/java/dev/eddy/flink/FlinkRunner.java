package dev.eddy.flink;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import dev.eddy.dataflow.StepException;
import dev.eddy.io.FixedPartitionedSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;

/**
 * Runs a flow on Apache Flink: each of the eight primitives becomes a Flink operator, so the same flow that runs
 * on the local runtime runs unchanged, with the same results per key. {@link #local(Dataflow)} runs it on a Flink
 * MiniCluster inside this JVM.
 *
 * <pre>{@code
 * var out = new ArrayList<Integer>();
 * var flow = new Dataflow("flink_eg");
 * flow.input("inp", TestingSource.of(1, 2, 3)).map("double", x -> x * 2).output("out", new TestingSink<>(out));
 * FlinkRunner.local(flow).withParallelism(1).run();
 * System.out.println(out);
 * // [2, 4, 6]
 * }</pre>
 *
 * <p>How each primitive runs: {@code input} is a FLIP-27 source, a split per partition whose state is the
 * partition's resume state; {@code flat_map_batch} a flat map that gets each item as a batch of one;
 * {@code stateful_batch} a keyed operator whose keys' snapshots are Flink keyed state ({@code notifyAt} a
 * processing-time timer, end of input the final watermark); {@code branch} a process function with a side
 * output; {@code merge} a union; {@code redistribute} a rebalance; {@code output} a Sink V2 sink whose writer
 * state is its partitions' resume states; {@code inspect_debug} a map. Eddy's system time is Flink's processing
 * time. {@link #withCheckpoints} makes a failure restart from the last checkpoint, exactly once for
 * {@code FileSink} and {@code DirSink}.
 */
public final class FlinkRunner {

    private static final TypeInformation<Object> ANY = TypeInformation.of(Object.class);

    private final Dataflow flow;
    private final int parallelism;
    private final Checkpoints checkpoints;

    private FlinkRunner(Dataflow flow, int parallelism, Checkpoints checkpoints) {
        this.flow = flow;
        this.parallelism = parallelism;
        this.checkpoints = checkpoints;
    }

    /** A run of {@code flow} on a MiniCluster in this JVM, at parallelism 1 until {@link #withParallelism}. */
    public static FlinkRunner local(Dataflow flow) {
        Objects.requireNonNull(flow, "FlinkRunner.local flow can't be null");
        return new FlinkRunner(flow, 1, Checkpoints.NONE);
    }

    /** The same run with {@code n} parallel subtasks per step. */
    public FlinkRunner withParallelism(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FlinkRunner parallelism must be at least 1; got " + n + " instead");
        }
        return new FlinkRunner(flow, n, checkpoints);
    }

    /**
     * The same run with an exactly-once checkpoint every {@code interval}: each checkpoint holds every source
     * partition's resume state, every sink partition's resume state and every stateful key's snapshot, and a
     * failure restarts the job from the last completed one (fixed delay, 5 attempts, 500 ms apart, until
     * {@link #withRestarts}). {@code statePackages} name the packages of state classes of your own, such as
     * {@code "com.example."}, which a restore may load beside Eddy's and the JDK's, as
     * {@code RunOptions.withRecovery} takes them.
     */
    public FlinkRunner withCheckpoints(Duration interval, String... statePackages) {
        Objects.requireNonNull(interval, "FlinkRunner checkpoint interval can't be null");
        if (interval.toMillis() < 10) {
            throw new IllegalArgumentException("FlinkRunner checkpoint interval must be at least 10 ms; got "
                    + interval + " instead");
        }
        StateCodec.of(List.of(statePackages));   // a blank or null package fails here, not in a task
        return new FlinkRunner(flow, parallelism, new Checkpoints(interval, List.of(statePackages),
                checkpoints.attempts(), checkpoints.delay()));
    }

    /** The same run, restarted after a failure at most {@code attempts} times, {@code delay} apart. */
    public FlinkRunner withRestarts(int attempts, Duration delay) {
        Objects.requireNonNull(delay, "FlinkRunner restart delay can't be null");
        if (attempts < 0 || delay.isNegative()) {
            throw new IllegalArgumentException("FlinkRunner restarts must be at least 0 attempts with a delay of at"
                    + " least 0; got " + attempts + " attempts " + delay + " apart instead");
        }
        return new FlinkRunner(flow, parallelism, new Checkpoints(checkpoints.interval(),
                checkpoints.statePackages(), attempts, delay));
    }

    /** Checkpointing and restarts of a run; no checkpoints and no restarts until asked for. */
    record Checkpoints(Duration interval, List<String> statePackages, int attempts, Duration delay) {
        static final Checkpoints NONE = new Checkpoints(null, List.of(), 5, Duration.ofMillis(500));

        void configure(Configuration conf) {
            if (interval == null && attempts == NONE.attempts && delay.equals(NONE.delay)) {
                conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
                return;
            }
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, attempts);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, delay);
            if (interval != null) {
                conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
                conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
            }
        }
    }

    /**
     * Runs the flow to completion; a step's failure is thrown as the same {@link StepException} the local
     * runtime throws, naming the step.
     */
    public void run() {
        Configuration conf = new Configuration();
        checkpoints.configure(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.getConfig().enableObjectReuse();
        String runKey = flow.flowId() + "/" + UUID.randomUUID();
        ShippedStep.register(runKey, flow);
        try {
            translate(env, flow, runKey, checkpoints.statePackages());
            env.execute(flow.flowId());
        } catch (Exception e) {
            throw unwrap(e);
        } finally {
            ShippedStep.forget(runKey);
        }
    }

    /** Adds every primitive step of {@code flow} to {@code env}, in the flow's order. */
    static void translate(StreamExecutionEnvironment env, Dataflow flow, String runKey, List<String> statePackages) {
        List<Step> steps = flow.primitiveSteps();
        if (steps.stream().noneMatch(s -> s.primitive() instanceof Primitive.Input)) {
            throw new IllegalArgumentException("flow '" + flow.flowId() + "' must have at least one input step;"
                    + " got none; add one with flow.input(\"inp\", source)");
        }
        Map<String, DataStream<Object>> streams = new HashMap<>();
        for (Step step : steps) {
            ShippedStep shipped = new ShippedStep(runKey, step.id());
            List<DataStream<Object>> ups = new ArrayList<>();
            for (String id : step.upstreamIds()) {
                DataStream<Object> up = streams.get(id);
                if (up == null) {
                    throw new IllegalArgumentException("step '" + step.id() + "' reads stream '" + id
                            + "', which no step of flow '" + flow.flowId() + "' produces");
                }
                ups.add(up);
            }
            List<DataStream<Object>> downs = translate(env, step, shipped, ups, statePackages);
            List<String> ports = new ArrayList<>(step.downPorts().keySet());
            for (int p = 0; p < ports.size(); p++) {
                for (String id : step.downPorts().get(ports.get(p))) {
                    streams.put(id, downs.get(p));
                }
            }
        }
    }

    private static List<DataStream<Object>> translate(StreamExecutionEnvironment env, Step step, ShippedStep shipped,
                                                      List<DataStream<Object>> ups, List<String> statePackages) {
        Primitive primitive = step.primitive();
        String id = step.id();
        if (primitive instanceof Primitive.Input) {
            return List.of(env.fromSource(new PartitionSource(shipped, statePackages),
                    WatermarkStrategy.noWatermarks(), id, ANY).uid(id));
        }
        DataStream<Object> up = ups.get(0);
        if (primitive instanceof Primitive.FlatMapBatch) {
            return List.of(up.flatMap(new MapFunctions.FlatMapBatch(shipped), ANY).name(id).uid(id));
        } else if (primitive instanceof Primitive.StatefulBatch) {
            return List.of(up.keyBy(FlinkRunner::keyOf, ANY).transform(id, ANY,
                    new StatefulOperator(shipped, statePackages)).uid(id));
        } else if (primitive instanceof Primitive.Branch) {
            OutputTag<Object> falses = new OutputTag<>(id + ".falses", ANY);
            SingleOutputStreamOperator<Object> trues = up.process(new MapFunctions.Branch(shipped, falses), ANY)
                    .name(id).uid(id);
            return List.of(trues, trues.getSideOutput(falses));
        } else if (primitive instanceof Primitive.Merge) {
            @SuppressWarnings("unchecked")
            DataStream<Object>[] rest = ups.subList(1, ups.size()).toArray(new DataStream[0]);
            return List.of(rest.length == 0 ? up : up.union(rest));
        } else if (primitive instanceof Primitive.Redistribute) {
            return List.of(up.rebalance());
        } else if (primitive instanceof Primitive.InspectDebug) {
            return List.of(up.map(new MapFunctions.Inspect(shipped), ANY).name(id).uid(id));
        } else if (primitive instanceof Primitive.Output output) {
            DataStream<Object> routed = up;
            if (output.sink() instanceof FixedPartitionedSink<?, ?, ?>) {
                routed = up.partitionCustom((Integer part, int n) -> part % n, new PartFor(shipped));
            }
            routed.sinkTo(new PartitionSink(shipped, statePackages)).name(id).uid(id);
            return List.of();
        }
        throw new IllegalArgumentException("step '" + id + "' has a primitive FlinkRunner doesn't know: " + primitive);
    }

    private static Object keyOf(Object item) {
        if (!(item instanceof KV<?, ?> kv)) {
            throw new IllegalArgumentException("a stateful step requires keyed items (KV); got "
                    + (item == null ? "null" : item.getClass().getName()) + " instead; use keyOn first");
        }
        return Objects.requireNonNull(kv.key(), "a stateful step requires non-null keys; got a null key instead");
    }

    /** The partition of a partitioned sink that takes an item, by its key. */
    private record PartFor(ShippedStep step) implements org.apache.flink.api.java.functions.KeySelector<Object, Integer> {
        @Override
        @SuppressWarnings("unchecked")
        public Integer getKey(Object item) {
            if (!(item instanceof Map.Entry<?, ?> entry)) {
                throw new IllegalArgumentException("output step '" + step.stepId() + "' writes to a partitioned"
                        + " sink, so each item must be a key/value entry such as KV; got "
                        + (item == null ? "null" : item.getClass().getName()) + " instead; use keyOn first");
            }
            FixedPartitionedSink<Object, ?, ?> sink =
                    (FixedPartitionedSink<Object, ?, ?>) ((Primitive.Output) step.primitive()).sink();
            return sink.partFor(entry.getKey());
        }
    }

    /** The step's own failure out of Flink's wrapping, or the job's failure with its root cause. */
    static RuntimeException unwrap(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StepException named) {
                return named;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new IllegalStateException("Flink run failed: " + root, e);
    }
}
