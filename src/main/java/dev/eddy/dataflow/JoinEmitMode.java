package dev.eddy.dataflow;

/**
 * When a join emits, as Bytewax's {@code emit_mode}.
 *
 * <pre>{@code
 * left.join("j", JoinInsertMode.LAST, JoinEmitMode.RUNNING, right);
 * }</pre>
 */
public enum JoinEmitMode {
    /** Emit once every side has a value, then forget the key's state. */
    COMPLETE,
    /** Emit what is known at end of input (or when a window closes). */
    FINAL,
    /** Emit on every value, keeping the state. */
    RUNNING
}
