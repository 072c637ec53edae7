package dev.eddy.windowing;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.flink.FlinkRunner;
import dev.eddy.dataflow.JoinInsertMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Disabled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;

/**
 * Every windowing property of {@link WindowingProperties}, on a sample of its random runs, on FlinkRunner's
 * MiniCluster at parallelism 1 and 2: each key's {@code down}, {@code late} and {@code meta} must be the model's.
 * On Flink every batch is one item, so the model is asked for batches of one. A Flink run costs about a second, so
 * each property takes a sample of tries here, where the local runtime takes 2,000.
 *
 * <p>Not {@code joinWindow}: its two sides are two Flink streams into one keyed operator, and Flink keeps no order
 * between two input streams, so one key's left and right items may arrive in another order than on the local
 * runtime, and with an event clock that moves which items are late (seen here: a right item at 22 s counted late
 * before a left one at -3 s arrived). docs/flink.md lists it among the differences.
 */
@PropertyDefaults(tries = 6)
class FlinkWindowingProperties extends WindowingProperties {

    @Override
    protected Arbitrary<Integer> workerCounts() {
        return Arbitraries.of(1, 2);
    }

    @Override
    protected Run adapt(Run run) {
        return run.inBatchesOf(1);
    }

    @Override
    protected boolean checksCoverage() {
        return false;
    }

    @Override
    @Property
    @Disabled("the two sides of a join are two Flink streams, whose relative order per key Flink does not keep")
    void joinWindowAgreesWithTheModel(@ForAll("runs") Run run, @ForAll JoinInsertMode insertMode) {
    }

    @Override
    protected void runOn(Dataflow flow, Run run) {
        FlinkRunner.local(flow).withParallelism(run.workers()).run();
    }
}
