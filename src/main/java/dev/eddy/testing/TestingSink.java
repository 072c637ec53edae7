package dev.eddy.testing;

import dev.eddy.io.ClientSink;
import dev.eddy.io.DynamicSink;
import dev.eddy.io.StatelessSinkPartition;
import java.util.List;
import java.util.Objects;

/**
 * A sink that appends every item to a list, as Bytewax's {@code TestingSink}. The list is not cleared
 * between runs. With several workers, each appends its batches while holding the list's lock, so a
 * plain {@code ArrayList} is safe; read it once the run has ended.
 *
 * <pre>{@code
 * var out = new ArrayList<String>();
 * var flow = new Dataflow("testing_sink_eg");
 * flow.input("inp", TestingSource.of("a", "b")).output("out", new TestingSink<>(out));
 * Runner.runMain(flow);
 * System.out.println(out);
 * // [a, b]
 * }</pre>
 *
 * @param <T> the item type
 */
public final class TestingSink<T> implements DynamicSink<T>, ClientSink {

    private final List<? super T> items;

    /** A sink that appends to {@code items}. */
    public TestingSink(List<? super T> items) {
        this.items = Objects.requireNonNull(items, "TestingSink list can't be null");
    }

    @Override
    public StatelessSinkPartition<T> build(String stepId, int workerIndex, int workerCount) {
        if (workerCount == 1) {
            return items::addAll;
        }
        return batch -> {
            synchronized (items) {
                items.addAll(batch);
            }
        };
    }

    @Override
    public String toString() {
        return "TestingSink(" + items.size() + " items)";
    }
}
