package dev.eddy.flink;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import java.util.List;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a flow as {@code FlinkRunner.local(flow).withParallelism(p).run()} translates it (the same shipping, the same
 * operators, object reuse on), but on a {@link MiniCluster} that is already running, as the benchmark's
 * hand-written Flink jobs run on theirs: so a measured run covers shipping the steps, building the job graph,
 * submitting it and running it to the end, not starting a cluster. For benchmarks; a user calls {@link FlinkRunner}.
 */
public final class OnMiniCluster {

    private OnMiniCluster() {
    }

    /**
     * Runs {@code flow} on {@code cluster} at {@code parallelism} until its end.
     *
     * @throws IllegalArgumentException when an output step writes to a client-side sink, whose items this path
     *         does not bring back
     */
    public static void run(MiniCluster cluster, Dataflow flow, int parallelism) {
        List<Step> steps = flow.primitiveSteps();
        for (Step step : steps) {
            if (step.primitive() instanceof Primitive.Output output && ClientOutputs.isClientSide(output.sink())) {
                throw new IllegalArgumentException("output step '" + step.id() + "' of a run on a shared MiniCluster"
                        + " must write inside the tasks; got client-side sink " + output.sink() + " instead; use"
                        + " FlinkRunner.local for client-side sinks");
            }
        }
        Shipment shipment = Shipment.of(steps);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        FlinkRunner.prepare(env, flow.flowId(), steps, shipment, List.of());
        try {
            cluster.executeJobBlocking(env.getStreamGraph().getJobGraph());
        } catch (Exception e) {
            throw FlinkRunner.unwrap(e);
        }
    }
}
