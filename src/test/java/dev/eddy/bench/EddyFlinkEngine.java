package dev.eddy.bench;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.flink.OnMiniCluster;
import dev.eddy.io.DynamicSink;
import dev.eddy.io.DynamicSource;
import dev.eddy.io.Sink;
import dev.eddy.io.Source;
import dev.eddy.io.StatelessSinkPartition;
import dev.eddy.io.StatelessSourcePartition;
import dev.eddy.runtime.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * Eddy on Apache Flink: exactly the flows {@link EddyEngine} builds, run as {@code FlinkRunner.local(flow)
 * .withParallelism(p)} translates them, on a MiniCluster in this JVM (one task manager with {@code p} slots)
 * started once and reused by every run, as {@code FlinkEngine} reuses its own; so the time measured, like Flink's,
 * covers shipping the steps, building and submitting the job graph and running it to the end. {@code p} is the
 * {@code eddy.bench.workers} system property, 1 by default.
 *
 * <p>Input and output stay in the tasks, as the hand-written Flink jobs keep theirs: the source hands out the
 * pre-generated items from a JVM-wide table by run id ({@code batchSize} a batch, from one partition, as
 * {@code TestingSource} does), so no run serializes its input into the job; each sink adds its items to a
 * JVM-wide queue by run id, read back when the job has ended. Both are valid because a MiniCluster's tasks run in
 * this JVM. A {@code ClientSink} would bring every item back through Flink's collect stream instead, a cost no
 * hand-written job pays.
 */
public final class EddyFlinkEngine implements Engine {

    /** The engine's name in the harness's tables. */
    public static final String NAME = "Eddy-on-Flink";

    private static final AtomicLong RUNS = new AtomicLong();
    /** The running jobs' inputs and output queues, by id; an entry lives as long as its run. */
    private static final Map<String, List<?>> INPUTS = new ConcurrentHashMap<>();
    private static final Map<String, Queue<Object>> OUTPUTS = new ConcurrentHashMap<>();

    private final int batchSize;
    private final int parallelism;
    private final MiniCluster cluster;

    /** An engine at the {@code eddy.bench.workers} parallelism. */
    public EddyFlinkEngine(int batchSize) throws Exception {
        this(batchSize, Integer.getInteger("eddy.bench.workers", 1));
    }

    public EddyFlinkEngine(int batchSize, int parallelism) throws Exception {
        this.batchSize = batchSize;
        this.parallelism = parallelism;
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(parallelism).build());
        cluster.start();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<?> run(Workload workload, List<?> items) {
        Run run = new Run("run-" + RUNS.incrementAndGet());
        try {
            return EddyEngine.run(run, batchSize, workload, items, RunOptions.defaults());
        } finally {
            run.forget();
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /** One run's wiring: its input and output queues, and the flow run on this engine's cluster. */
    private final class Run implements EddyEngine.Wiring {
        private final String id;
        private final List<Map.Entry<String, List<Object>>> outputs = new ArrayList<>();

        Run(String id) {
            this.id = id;
        }

        @Override
        public <T> Source<T> source(List<T> items, int batchSize) {
            String key = id + "/in" + INPUTS.size();
            INPUTS.put(key, items);
            return new TableSource<>(key, batchSize);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Sink<T> sink(List<T> into) {
            String key = id + "/out" + outputs.size();
            OUTPUTS.put(key, new ConcurrentLinkedQueue<>());
            outputs.add(Map.entry(key, (List<Object>) into));
            return new QueueSink<>(key);
        }

        @Override
        public void run(Dataflow flow, RunOptions options) {
            OnMiniCluster.run(cluster, flow, parallelism);
            for (Map.Entry<String, List<Object>> output : outputs) {
                output.getValue().addAll(OUTPUTS.get(output.getKey()));
            }
        }

        void forget() {
            INPUTS.keySet().removeIf(k -> k.startsWith(id + "/"));
            OUTPUTS.keySet().removeIf(k -> k.startsWith(id + "/"));
        }
    }

    /** The items of {@code INPUTS[key]}, {@code batchSize} a batch, all from worker 0 (one partition). */
    private record TableSource<T>(String key, int batchSize) implements DynamicSource<T> {
        @Override
        @SuppressWarnings("unchecked")
        public StatelessSourcePartition<T> build(String stepId, int workerIndex, int workerCount) {
            List<T> items = workerIndex == 0 ? (List<T>) INPUTS.get(key) : List.of();
            return new StatelessSourcePartition<>() {
                private int next;

                @Override
                public List<T> nextBatch() {
                    if (next >= items.size()) {
                        throw new dev.eddy.io.EndOfInput();
                    }
                    List<T> batch = items.subList(next, Math.min(items.size(), next + batchSize));
                    next += batch.size();
                    return batch;
                }
            };
        }
    }

    /** Adds every item to {@code OUTPUTS[key]}. */
    private record QueueSink<T>(String key) implements DynamicSink<T> {
        @Override
        public StatelessSinkPartition<T> build(String stepId, int workerIndex, int workerCount) {
            Queue<Object> queue = OUTPUTS.get(key);
            return queue::addAll;
        }
    }
}
