package dev.eddy.io;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingSink;
import java.util.ArrayList;
import java.util.List;

/** Runs a source through a real flow and collects what comes out, for the connector tests. */
final class Flows {

    private Flows() {
    }

    /** Every item {@code source} emits, in order, after running it in a flow to the end. */
    static <T> List<T> collect(Source<T> source) {
        List<T> out = new ArrayList<>();
        Dataflow flow = new Dataflow("read");
        flow.input("inp", source).output("out", new TestingSink<>(out));
        Runner.runMain(flow);
        return out;
    }

    /**
     * Runs {@code source} in a flow that puts what it emits into {@code out}, and returns how the run
     * failed; {@code out} then holds everything that reached the sink first.
     */
    static <T> RuntimeException failure(Source<T> source, List<T> out) {
        Dataflow flow = new Dataflow("read");
        flow.input("inp", source).output("out", new TestingSink<>(out));
        try {
            Runner.runMain(flow);
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the run was expected to fail, but it ended well with " + out.size() + " items");
    }

    /** The sizes of the batches {@code source} emits, in order. */
    static List<Integer> batchSizes(Source<?> source) {
        List<Integer> sizes = new ArrayList<>();
        Dataflow flow = new Dataflow("batches");
        flow.input("inp", source).flatMapBatch("sizes", batch -> List.of(batch.size()))
                .output("out", new TestingSink<>(sizes));
        Runner.runMain(flow);
        return sizes;
    }
}
