package dev.eddy.flink;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import dev.eddy.dataflow.StepException;
import dev.eddy.io.FixedPartitionedSink;
import dev.eddy.io.WallClock;
import dev.eddy.runtime.Engine;
import dev.eddy.runtime.RunOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
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
 * time, or a testing clock's reading held still ({@link #run(RunOptions)}). {@link #withCheckpoints} makes a
 * failure restart from the last checkpoint, exactly once for {@code FileSink} and {@code DirSink}.
 */
public final class FlinkRunner implements Engine {

    private static final TypeInformation<Object> ANY = TypeInformation.of(Object.class);

    private final Dataflow flow;
    private final int parallelism;
    /** The cluster's REST endpoint, or {@code null} for a MiniCluster in this JVM. */
    private final String host;
    private final int restPort;
    private final List<Path> jars;
    private final Checkpoints checkpoints;

    private FlinkRunner(Dataflow flow, int parallelism, String host, int restPort, List<Path> jars,
                        Checkpoints checkpoints) {
        this.flow = flow;
        this.parallelism = parallelism;
        this.host = host;
        this.restPort = restPort;
        this.jars = List.copyOf(jars);
        this.checkpoints = checkpoints;
    }

    /** A run of {@code flow} on a MiniCluster in this JVM, at parallelism 1 until {@link #withParallelism}. */
    public static FlinkRunner local(Dataflow flow) {
        Objects.requireNonNull(flow, "FlinkRunner.local flow can't be null");
        return new FlinkRunner(flow, 1, null, 0, List.of(), Checkpoints.NONE);
    }

    /**
     * Runs on the Flink session cluster whose JobManager serves REST at {@code host:restPort}, at parallelism 1
     * until {@link #withParallelism}; {@link #run(Dataflow)} submits a flow. The job's jars are Eddy's, the jars
     * that hold the flow's classes, and one of the classes that live in no jar (a notebook's cells), so a flow
     * built in a notebook runs on the cluster's TaskManagers as it is.
     *
     * <pre>{@code
     * var runner = FlinkRunner.remote("127.0.0.1", 8081).withParallelism(2);
     * System.out.println(runner);
     * // FlinkRunner(remote 127.0.0.1:8081, parallelism 2)
     * }</pre>
     */
    public static FlinkRunner remote(String host, int restPort) {
        Objects.requireNonNull(host, "FlinkRunner.remote host can't be null");
        if (restPort < 1 || restPort > 65535) {
            throw new IllegalArgumentException("FlinkRunner.remote restPort must be from 1 to 65535; got " + restPort
                    + " instead");
        }
        return new FlinkRunner(null, 1, host, restPort, List.of(), Checkpoints.NONE);
    }

    /** The same run with {@code n} parallel subtasks per step. */
    public FlinkRunner withParallelism(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FlinkRunner parallelism must be at least 1; got " + n + " instead");
        }
        return new FlinkRunner(flow, n, host, restPort, jars, checkpoints);
    }

    /**
     * The same run with {@code extra} jars shipped too: jars the flow needs that no class of it names, such as a
     * JDBC driver loaded by name.
     */
    public FlinkRunner withJars(Path... extra) {
        List<Path> all = new ArrayList<>(jars);
        for (Path jar : extra) {
            all.add(Objects.requireNonNull(jar, "FlinkRunner.withJars jar can't be null").toAbsolutePath());
        }
        return new FlinkRunner(flow, parallelism, host, restPort, all, checkpoints);
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
        return new FlinkRunner(flow, parallelism, host, restPort, jars, new Checkpoints(interval, List.of(statePackages),
                checkpoints.attempts(), checkpoints.delay()));
    }

    /** The same run, restarted after a failure at most {@code attempts} times, {@code delay} apart. */
    public FlinkRunner withRestarts(int attempts, Duration delay) {
        Objects.requireNonNull(delay, "FlinkRunner restart delay can't be null");
        if (attempts < 0 || delay.isNegative()) {
            throw new IllegalArgumentException("FlinkRunner restarts must be at least 0 attempts with a delay of at"
                    + " least 0; got " + attempts + " attempts " + delay + " apart instead");
        }
        return new FlinkRunner(flow, parallelism, host, restPort, jars, new Checkpoints(checkpoints.interval(),
                checkpoints.statePackages(), attempts, delay));
    }

    /** Checkpointing and restarts of a run; no checkpoints and no restarts until asked for. */
    record Checkpoints(Duration interval, List<String> statePackages, int attempts, Duration delay)
            implements java.io.Serializable {
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
        run(requireFlow("run()", "run(flow)"));
    }

    /**
     * Runs {@code flow} to completion on this runner's cluster. Every step's functions are serialized first: a
     * step whose function cannot be shipped fails here, naming the step, before anything is submitted. An
     * interrupt of the waiting thread cancels the job, as {@link FlinkJob#await()} says.
     */
    public void run(Dataflow flow) {
        Objects.requireNonNull(flow, "FlinkRunner.run flow can't be null");
        job(flow, null).run();
    }

    /**
     * Runs the flow to completion with {@code options}, as {@link #prepare(Dataflow, RunOptions)} takes them: a
     * {@code TestingClock} holds the system time of every stateful step at the clock's reading.
     * <pre>{@code
     * var out = new ArrayList<KV<String, WindowValue<Long>>>();
     * var t0 = Instant.parse("2024-01-01T00:00:00Z");
     * var flow = new Dataflow("held_eg");
     * Windowing.countWindow("count", flow.input("inp", TestingSource.of(1, 2, 3)), new SystemClock<>(),
     *     new TumblingWindower(Duration.ofSeconds(10), t0), x -> "all").down().output("out", new TestingSink<>(out));
     * FlinkRunner.local(flow).run(RunOptions.defaults().withClock(TestingClock.at(t0.plusSeconds(25))));
     * System.out.println(out);
     * // [(all, (2, 3))]
     * }</pre>
     */
    public void run(RunOptions options) {
        prepare(requireFlow("run(options)", "prepare(flow, options).run()"), options).run();
    }

    /**
     * Starts the flow's job without waiting for its end: the returned job tells its id, status and parallelism,
     * and can be cancelled or waited for.
     */
    public FlinkJob start() {
        return job(requireFlow("start()", "prepare(flow, options).start()"), null).start();
    }

    /**
     * A job of {@code flow} as its steps are now, not started yet, for {@code Capture.on(runner)}. Flink runs it
     * at this runner's parallelism, with its checkpoints. Of {@code options}, the clock is used: with the system
     * clock, Eddy's system time is Flink's processing time; with any other clock (a {@code TestingClock}), the
     * clock is read once, now, and every stateful step sees that time for the whole job, so system-time windows
     * and event clocks' watermarks move with the items alone, as in a local run whose testing clock nobody moves,
     * and a wake-up due after it comes at end of input. Sources still wait in real time. The epoch length and
     * the snapshot listener are the local runtime's and are not used here.
     *
     * @throws IllegalArgumentException when this runner was made for another flow, or {@code options} ask for
     *         Eddy's recovery store
     */
    @Override
    public FlinkJob prepare(Dataflow flow, RunOptions options) {
        Objects.requireNonNull(flow, "FlinkRunner.prepare flow can't be null");
        if (this.flow != null && flow != this.flow) {
            throw new IllegalArgumentException("FlinkRunner of flow '" + this.flow.flowId() + "' must run that flow;"
                    + " got flow '" + flow.flowId() + "' instead; use FlinkRunner.local(" + flow.flowId() + ")");
        }
        if (options.recovery() != null) {
            throw new IllegalArgumentException("FlinkRunner run of flow '" + flow.flowId() + "' must run without"
                    + " Eddy's recovery store; got RunOptions with recovery in " + options.recovery().dir()
                    + " instead; recover on the local runtime, or use FlinkRunner.withCheckpoints");
        }
        return job(flow, options.clock() == WallClock.system() ? null : options.clock().now());
    }

    /**
     * Ships and translates {@code flow} onto this runner's environment: a job ready to start.
     *
     * @param heldAt the system time every stateful step sees, or {@code null} for Flink's processing time
     */
    private FlinkJob job(Dataflow flow, Instant heldAt) {
        List<Step> steps = flow.primitiveSteps();
        Shipment shipment = Shipment.of(steps);
        // The runner's own operators are roots too: what they use (the state codec's Jackson) must reach a cluster.
        Set<Class<?>> roots = new HashSet<>(shipment.classes());
        roots.add(FlinkRunner.class);
        StreamExecutionEnvironment env = host == null
                ? localEnvironment(JobJars.jarsFor(JobJars.of(roots, ClassLoader.getSystemClassLoader()), jars))
                : remoteEnvironment(JobJars.jarsFor(roots, jars));
        if (heldAt != null) {
            StatefulOperator.holdSystemTime(env, heldAt);
        }
        ClientOutputs client = prepare(env, flow.flowId(), steps, shipment, checkpoints.statePackages());
        return new FlinkJob(flow.flowId(), parallelism, env, client);
    }

    private Dataflow requireFlow(String call, String instead) {
        if (flow == null) {
            throw new IllegalStateException("FlinkRunner." + call + " must know its flow; got a remote runner without"
                    + " one instead; call " + instead);
        }
        return flow;
    }

    /**
     * Writes a job jar for {@code flow} to {@code jar}: one jar holding Eddy, the flow's classes and their
     * libraries, and the flow itself, serialized, whose Main-Class runs the flow on the environment it finds:
     * the cluster's under {@code flink run} or the Flink Kubernetes operator, or a cluster's REST endpoint given as
     * {@code host port} arguments. The runner's parallelism, checkpoints and restarts travel inside the jar.
     *
     * @throws IllegalArgumentException naming the step, when a step's function cannot be shipped
     */
    public void jobJar(Path jar) {
        JobMain.write(requireFlow("jobJar(path)", "jobJar(flow, path)"), parallelism, checkpoints, jars, jar);
    }

    /** {@link #jobJar(Path)} for {@code flow} at parallelism 1. */
    public static void jobJar(Dataflow flow, Path jar) {
        Objects.requireNonNull(flow, "FlinkRunner.jobJar flow can't be null");
        local(flow).jobJar(jar);
    }

    @Override
    public String toString() {
        return "FlinkRunner(" + (host == null ? "local" : "remote " + host + ":" + restPort) + ", parallelism "
                + parallelism + ")";
    }

    private Configuration configuration() {
        Configuration conf = new Configuration();
        checkpoints.configure(conf);
        return conf;
    }

    /**
     * A MiniCluster in this JVM. Its jobs see this JVM's class path; {@code jobJars} hold what they would not see
     * (a notebook's classes and jars), shipped as to a remote cluster; and a runner loaded by a notebook's Flink
     * loader gives its jobs that loader ({@link LoaderOptions}).
     */
    private StreamExecutionEnvironment localEnvironment(List<Path> jobJars) {
        Configuration conf = LoaderOptions.apply(configuration());
        if (!jobJars.isEmpty()) {
            List<String> urls = new ArrayList<>();
            for (Path jar : jobJars) {
                urls.add(jar.toUri().toString());
            }
            conf.set(PipelineOptions.JARS, urls);
        }
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }

    private StreamExecutionEnvironment remoteEnvironment(List<Path> jobJars) {
        String[] paths = jobJars.stream().map(Path::toString).toArray(String[]::new);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(host, restPort,
                configuration(), paths);
        env.setParallelism(parallelism);
        return env;
    }

    /** Translates {@code steps} onto {@code env} and runs the job, writing client-side sinks here. */
    static void execute(StreamExecutionEnvironment env, String flowId, List<Step> steps, Shipment shipment,
                        List<String> statePackages) {
        try {
            prepare(env, flowId, steps, shipment, statePackages).execute(env, flowId);
        } catch (Exception e) {
            throw unwrap(e);
        }
    }

    /** Eddy's settings on {@code env} and the translated steps; the client-side outputs to run the job with. */
    static ClientOutputs prepare(StreamExecutionEnvironment env, String flowId, List<Step> steps, Shipment shipment,
                                 List<String> statePackages) {
        env.getConfig().enableObjectReuse();
        UnmodifiableCollections.register(env);
        return translate(env, flowId, steps, shipment, statePackages);
    }

    /**
     * Adds every primitive step of a flow to {@code env}, in the flow's order; the output steps to client-side
     * sinks are returned, to be run with {@link ClientOutputs#execute}.
     */
    static ClientOutputs translate(StreamExecutionEnvironment env, String flowId, List<Step> steps,
                                   Shipment shipment, List<String> statePackages) {
        if (steps.stream().noneMatch(s -> s.primitive() instanceof Primitive.Input)) {
            throw new IllegalArgumentException("flow '" + flowId + "' must have at least one input step;"
                    + " got none; add one with flow.input(\"inp\", source)");
        }
        ClientOutputs client = new ClientOutputs();
        Map<String, DataStream<Object>> streams = new HashMap<>();
        for (Step step : steps) {
            List<DataStream<Object>> ups = new ArrayList<>();
            for (String id : step.upstreamIds()) {
                DataStream<Object> up = streams.get(id);
                if (up == null) {
                    throw new IllegalArgumentException("step '" + step.id() + "' reads stream '" + id
                            + "', which no step of flow '" + flowId + "' produces");
                }
                ups.add(up);
            }
            if (step.primitive() instanceof Primitive.Output output && ClientOutputs.isClientSide(output.sink())) {
                client.add(step, ups.get(0));
                continue;
            }
            List<DataStream<Object>> downs = translate(env, step, shipment.step(step.id()), ups, statePackages);
            List<String> ports = new ArrayList<>(step.downPorts().keySet());
            for (int p = 0; p < ports.size(); p++) {
                for (String id : step.downPorts().get(ports.get(p))) {
                    streams.put(id, downs.get(p));
                }
            }
        }
        return client;
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
            // At parallelism 1 every key lives on the one subtask, so the stream is keyed where it is: the step
            // chains to its upstream and no item is serialized on the way (a keyBy would Kryo-copy each one).
            KeyedStream<Object, Object> keyed = up.getParallelism() == 1 && env.getParallelism() == 1
                    ? DataStreamUtils.reinterpretAsKeyedStream(up, FlinkRunner::keyOf, ANY)
                    : up.keyBy(FlinkRunner::keyOf, ANY);
            return List.of(keyed.transform(id, ANY, new StatefulOperator(shipped, statePackages)).uid(id));
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
            if (t instanceof org.apache.flink.util.SerializedThrowable serialized) {
                // A failure from a remote cluster arrives serialized; read it with the flow's classes.
                Throwable original = serialized.deserializeError(Thread.currentThread().getContextClassLoader());
                if (original != serialized) {
                    t = original;
                }
            }
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
