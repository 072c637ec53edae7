package dev.eddy.io;

/**
 * Where a flow's items go: a {@link DynamicSink} (one stateless partition per worker) or a
 * {@link FixedPartitionedSink} (items routed to named partitions by key, with resume state).
 *
 * <pre>{@code
 * var out = new ArrayList<Integer>();
 * var flow = new Dataflow("sink_eg");
 * flow.input("inp", TestingSource.of(1, 2)).output("out", new TestingSink<>(out));
 * Runner.runMain(flow);
 * System.out.println(out);
 * // [1, 2]
 * }</pre>
 *
 * @param <T> the item type
 */
public sealed interface Sink<T> extends java.io.Serializable permits DynamicSink, FixedPartitionedSink {
}
