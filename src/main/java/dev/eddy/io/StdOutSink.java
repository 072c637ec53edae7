package dev.eddy.io;

import java.io.PrintStream;
import java.util.List;

/**
 * Prints each item's {@code toString} on its own line, as Bytewax's {@code StdOutSink}. It writes to
 * whatever {@code System.out} is when each batch arrives, so output follows a notebook cell that
 * swaps {@code System.out}.
 *
 * <pre>{@code
 * var flow = new Dataflow("stdout_eg");
 * flow.input("inp", TestingSource.of(1, 2)).map("double", x -> x * 2).output("out", new StdOutSink<>());
 * Runner.runMain(flow);
 * // 2
 * // 4
 * }</pre>
 *
 * @param <T> the item type
 */
public final class StdOutSink<T> implements DynamicSink<T> {

    @Override
    public StatelessSinkPartition<T> build(String stepId, int workerIndex, int workerCount) {
        return new StatelessSinkPartition<>() {
            @Override
            public void writeBatch(List<T> items) {
                PrintStream out = System.out;
                for (T item : items) {
                    out.println(item);
                }
                out.flush();
            }

            @Override
            public void close() {
                System.out.flush();
            }
        };
    }

    @Override
    public String toString() {
        return "StdOutSink()";
    }
}
