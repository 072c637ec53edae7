package dev.eddy.dataflow;

/**
 * How a join stores a side's values for a key, as Bytewax's {@code insert_mode}.
 *
 * <pre>{@code
 * var flow = new Dataflow("join_product_eg");
 * var left = flow.input("l", TestingSource.of(KV.of("k", 1), KV.of("k", 2))).apply(KeyedStream::of);
 * var right = flow.input("r", TestingSource.of(KV.of("k", "a"))).apply(KeyedStream::of);
 * left.join("j", JoinInsertMode.PRODUCT, JoinEmitMode.FINAL, right).inspect("out");
 * Runner.runMain(flow);
 * // join_product_eg.out: (k, [1, a])
 * // join_product_eg.out: (k, [2, a])
 * }</pre>
 */
public enum JoinInsertMode {
    /** Keep the first value of each side. */
    FIRST,
    /** Keep the latest value of each side. */
    LAST,
    /** Keep every value of each side and emit their cross product. */
    PRODUCT
}
