package dev.eddy.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.StepException;
import dev.eddy.io.DynamicSource;
import dev.eddy.io.EndOfInput;
import dev.eddy.io.StatelessSourcePartition;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlinkRunnerTest {

    @Test
    void aMapRunsOnFlinkAsOnTheLocalRuntime() {
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        var flow = new Dataflow("flink_map");
        flow.input("inp", TestingSource.of(1, 2, 3)).map("double", x -> x * 2).output("out", new TestingSink<>(out));
        FlinkRunner.local(flow).run();
        assertThat(out).containsExactly(2, 4, 6);
    }

    @Test
    void aRunningCountPerKeyIsTheSameAtParallelismTwo() {
        List<KV<String, Integer>> onFlink = Collections.synchronizedList(new ArrayList<>());
        List<KV<String, Integer>> onLocal = new ArrayList<>();
        for (List<KV<String, Integer>> out : List.of(onFlink, onLocal)) {
            var flow = new Dataflow("flink_count");
            flow.input("inp", TestingSource.of("a", "b", "a", "c", "a", "b"))
                    .keyOn("key", s -> s)
                    .statefulMap("count", (Integer n, String s) -> {
                        int count = n == null ? 1 : n + 1;
                        return dev.eddy.dataflow.Mapped.of(count, count);
                    })
                    .output("out", new TestingSink<>(out));
            if (out == onFlink) {
                FlinkRunner.local(flow).withParallelism(2).run();
            } else {
                Runner.runMain(flow);
            }
        }
        assertThat(perKey(onFlink)).isEqualTo(perKey(onLocal));
    }

    @Test
    void atParallelismOneAStatefulStepChainsToItsUpstreamInsteadOfShufflingEveryItemByKey() {
        for (int parallelism : new int[] {1, 2}) {
            var flow = new Dataflow("flink_chain");
            flow.input("inp", TestingSource.of("a", "b", "a")).keyOn("key", s -> s)
                    .statefulMap("count", (Integer n, String s) -> dev.eddy.dataflow.Mapped.of(n == null ? 1 : n + 1, s))
                    .output("out", new TestingSink<>(new ArrayList<>()));
            var steps = flow.primitiveSteps();
            var env = org.apache.flink.streaming.api.environment.StreamExecutionEnvironment
                    .createLocalEnvironment(parallelism);
            FlinkRunner.prepare(env, flow.flowId(), steps, Shipment.of(steps), List.of());
            var graph = env.getStreamGraph();
            var stateful = graph.getStreamNodes().stream()
                    .filter(n -> n.getOperatorName().endsWith(".stateful_batch")).findFirst()
                    .orElseThrow(() -> new AssertionError("no stateful node in " + graph.getStreamNodes()));
            String partitioner = stateful.getInEdges().get(0).getPartitioner().getClass().getSimpleName();
            assertThat(partitioner).as("at parallelism " + parallelism)
                    .isEqualTo(parallelism == 1 ? "ForwardPartitioner" : "KeyGroupStreamPartitioner");
        }
    }

    @Test
    void aFailingMapperFailsTheRunNamingTheStep() {
        var flow = new Dataflow("flink_fail");
        flow.input("inp", TestingSource.of(1, 0)).map("inverse", x -> 1 / x)
                .output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> FlinkRunner.local(flow).run())
                .isInstanceOf(StepException.class)
                .hasMessageContaining("flink_fail.inverse");
    }

    @Test
    void aDynamicSourceIsOnePartitionPerSubtaskBuiltWithItsIndexAndTheCount() {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        var flow = new Dataflow("flink_dynamic");
        DynamicSource<String> workers = (stepId, worker, count) -> new StatelessSourcePartition<>() {
            boolean done;

            @Override
            public List<String> nextBatch() {
                if (done) {
                    throw new EndOfInput();
                }
                done = true;
                return List.of(worker + " of " + count);
            }
        };
        flow.input("inp", workers).output("out", new TestingSink<>(out));
        FlinkRunner.local(flow).withParallelism(2).run();
        assertThat(out).containsExactlyInAnyOrder("0 of 2", "1 of 2");
    }

    private static java.util.Map<String, List<Integer>> perKey(List<KV<String, Integer>> items) {
        var map = new java.util.TreeMap<String, List<Integer>>();
        for (KV<String, Integer> kv : items) {
            map.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(kv.value());
        }
        return map;
    }
}
