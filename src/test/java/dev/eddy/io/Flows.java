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
