package dev.eddy.flink;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import dev.eddy.dataflow.StepException;
import dev.eddy.io.FixedPartitionedSink;
import dev.eddy.runtime.Engine;
import dev.eddy.runtime.RunOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
 * <p>How each primitive runs: {@code input} is a parallel source whose subtasks share the source's partitions;
 * {@code flat_map_batch} a flat map that gets each item as a batch of one; {@code stateful_batch} a keyed process
 * function ({@code notifyAt} a processing-time timer, end of input an event-time timer at the largest
 * timestamp); {@code branch} a process function with a side output; {@code merge} a union;
 * {@code redistribute} a rebalance; {@code output} a sink whose subtasks share the sink's partitions;
 * {@code inspect_debug} a map. Eddy's system time is Flink's processing time.
 */
public final class FlinkRunner implements Engine {

    private static final TypeInformation<Object> ANY = TypeInformation.of(Object.class);

    private final Dataflow flow;
    private final int parallelism;

    private FlinkRunner(Dataflow flow, int parallelism) {
        this.flow = flow;
        this.parallelism = parallelism;
    }

    /** A run of {@code flow} on a MiniCluster in this JVM, at parallelism 1 until {@link #withParallelism}. */
    public static FlinkRunner local(Dataflow flow) {
        Objects.requireNonNull(flow, "FlinkRunner.local flow can't be null");
        return new FlinkRunner(flow, 1);
    }

    /** The same run with {@code n} parallel subtasks per step. */
    public FlinkRunner withParallelism(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FlinkRunner parallelism must be at least 1; got " + n + " instead");
        }
        return new FlinkRunner(flow, n);
    }

    /**
     * Runs the flow to completion; a step's failure is thrown as the same {@link StepException} the local
     * runtime throws, naming the step.
     */
    public void run() {
        StreamExecutionEnvironment env = localEnvironment(parallelism);
        String runKey = flow.flowId() + "/" + UUID.randomUUID();
        ShippedStep.register(runKey, flow);
        try {
            translate(env, flow, runKey);
            env.execute(flow.flowId());
        } catch (Exception e) {
            throw unwrap(e);
        } finally {
            ShippedStep.forget(runKey);
        }
    }

    /**
     * Starts the flow's job without waiting for its end: the returned job tells its id, status and parallelism,
     * and can be cancelled or waited for.
     */
    public FlinkJob start() {
        return new FlinkJob(flow, parallelism).start();
    }

    /**
     * A job of this runner's flow as its steps are now, not started yet, for {@code Capture.on(runner)}. Flink
     * runs it at this runner's parallelism; of {@code options}, only the defaults are supported on Flink.
     *
     * @throws IllegalArgumentException when {@code flow} is not this runner's flow, or {@code options} ask for
     *         Eddy's recovery store
     */
    @Override
    public FlinkJob prepare(Dataflow flow, RunOptions options) {
        if (flow != this.flow) {
            throw new IllegalArgumentException("FlinkRunner of flow '" + this.flow.flowId() + "' must run that flow;"
                    + " got flow '" + flow.flowId() + "' instead; use FlinkRunner.local(" + flow.flowId() + ")");
        }
        if (options.recovery() != null) {
            throw new IllegalArgumentException("FlinkRunner run of flow '" + flow.flowId() + "' must run without"
                    + " Eddy's recovery store; got RunOptions with recovery in " + options.recovery().dir()
                    + " instead; recover on the local runtime, or rely on Flink's checkpoints");
        }
        return new FlinkJob(flow, parallelism);
    }

    /** A MiniCluster environment: no restarts, object reuse, and the class path a notebook's loader needs. */
    static StreamExecutionEnvironment localEnvironment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        LoaderOptions.apply(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.getConfig().enableObjectReuse();
        return env;
    }

    /** Adds every primitive step of {@code flow} to {@code env}, in the flow's order. */
    static void translate(StreamExecutionEnvironment env, Dataflow flow, String runKey) {
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
            List<DataStream<Object>> downs = translate(env, step, shipped, ups);
            List<String> ports = new ArrayList<>(step.downPorts().keySet());
            for (int p = 0; p < ports.size(); p++) {
                for (String id : step.downPorts().get(ports.get(p))) {
                    streams.put(id, downs.get(p));
                }
            }
        }
    }

    private static List<DataStream<Object>> translate(StreamExecutionEnvironment env, Step step, ShippedStep shipped,
                                                      List<DataStream<Object>> ups) {
        Primitive primitive = step.primitive();
        String id = step.id();
        if (primitive instanceof Primitive.Input) {
            return List.of(env.addSource(new SourceFunctionAdapter(shipped), id, ANY).uid(id));
        }
        DataStream<Object> up = ups.get(0);
        if (primitive instanceof Primitive.FlatMapBatch) {
            return List.of(up.flatMap(new MapFunctions.FlatMapBatch(shipped), ANY).name(id).uid(id));
        } else if (primitive instanceof Primitive.StatefulBatch) {
            return List.of(up.keyBy(FlinkRunner::keyOf, ANY).process(new StatefulFunction(shipped), ANY)
                    .name(id).uid(id));
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
            routed.addSink(new SinkFunctionAdapter(shipped)).name(id).uid(id);
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
