package dev.eddy.runtime;

/**
 * One run of a flow on some engine, which another thread can stop: the local runtime's {@link Execution}, or a
 * job on another engine such as Apache Flink ({@code dev.eddy.flink.FlinkRunner}). A notebook's
 * {@code Capture} runs and shows a flow through this interface alone, so it shows a run on any engine the same
 * way.
 *
 * <pre>{@code
 * var flow = new Dataflow("flow_run_eg");
 * flow.input("inp", TestingSource.of(1, 2)).output("out", new TestingSink<>(new ArrayList<>()));
 * FlowRun run = Engine.local().prepare(flow, RunOptions.defaults());
 * run.run();
 * System.out.println(run.isFinished() + " " + run.isStopRequested());
 * // true false
 * }</pre>
 */
public interface FlowRun {

    /**
     * Runs the flow to its end (end of input, abort or stop) in the calling thread. Interrupting that thread
     * stops the run as {@link #stop()} does; the thread's interrupt flag is set again when this returns.
     *
     * @throws dev.eddy.dataflow.StepException when a step fails, naming the step
     */
    void run();

    /** Asks the run to stop soon, keeping what its sinks were given; safe from any thread, any number of times. */
    void stop();

    /** Whether a stop was asked for, by {@link #stop()} or by interrupting the running thread. */
    boolean isStopRequested();

    /** Whether {@link #run()} has returned or thrown. */
    boolean isFinished();

    /** The line a run that resumed from a recovery store printed when it started; {@code null} otherwise. */
    default String resumeLine() {
        return null;
    }

    /**
     * Where and how the flow runs, for a notebook's results header, such as
     * {@code "on Flink job 3f6e… (RUNNING, parallelism 2)"}; {@code null} for the local runtime, whose header
     * says only how many workers ran. Changes while the run goes on when its engine reports a status.
     */
    default String where() {
        return null;
    }
}
