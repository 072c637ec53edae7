package dev.eddy.dataflow;

/**
 * How a join stores a side's values for a key, as Bytewax's {@code insert_mode}.
 *
 * <pre>{@code
 * left.join("j", JoinInsertMode.PRODUCT, JoinEmitMode.FINAL, right);
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
