package dev.eddy.runtime;

import dev.eddy.dataflow.Dataflow;

/**
 * What runs a flow: the local runtime ({@link #local()}), or another engine, such as Apache Flink
 * ({@code dev.eddy.flink.FlinkRunner} is one). A notebook's {@code Capture.on(engine)} runs its flow there and
 * shows the results as it does for a local run.
 *
 * <pre>{@code
 * var out = new ArrayList<Integer>();
 * var flow = new Dataflow("engine_eg");
 * flow.input("inp", TestingSource.of(1, 2, 3)).map("double", x -> x * 2).output("out", new TestingSink<>(out));
 * Engine.local().prepare(flow, RunOptions.defaults().withWorkers(2)).run();
 * System.out.println(out.stream().sorted().toList());
 * // [2, 4, 6]
 * }</pre>
 */
public interface Engine {

    /** The local runtime: {@link Runner#prepare}, on as many workers as the options say. */
    static Engine local() {
        return Runner::prepare;
    }

    /**
     * A run of {@code flow} as its steps are now, ready for {@link FlowRun#run()}: steps added to or taken from
     * the flow afterwards do not change it.
     *
     * @throws IllegalArgumentException when the flow can't run here
     */
    FlowRun prepare(Dataflow flow, RunOptions options);
}
