package dev.eddy.io;

/**
 * Where a flow's items come from. A source is either {@link FixedPartitionedSource} (a fixed set of
 * named partitions whose read position is kept in snapshots) or {@link DynamicSource} (one stateless
 * partition per worker).
 *
 * <pre>{@code
 * var flow = new Dataflow("src_eg");
 * flow.input("inp", TestingSource.of(1, 2, 3)).inspect("out");
 * Runner.runMain(flow);
 * // src_eg.out: 1
 * // src_eg.out: 2
 * // src_eg.out: 3
 * }</pre>
 *
 * @param <T> the type of item the source emits
 */
public sealed interface Source<T> extends java.io.Serializable permits FixedPartitionedSource, DynamicSource {
}
