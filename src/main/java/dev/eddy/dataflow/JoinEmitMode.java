package dev.eddy.dataflow;

/**
 * When a join emits, as Bytewax's {@code emit_mode}.
 *
 * <pre>{@code
 * var flow = new Dataflow("join_running_eg");
 * var left = flow.input("l", TestingSource.of(KV.of("k", 1), KV.of("k", 2))).apply(KeyedStream::of);
 * var right = flow.input("r", TestingSource.of(KV.of("k", "a"))).apply(KeyedStream::of);
 * left.join("j", JoinInsertMode.LAST, JoinEmitMode.RUNNING, right).inspect("out");
 * Runner.runMain(flow);
 * // join_running_eg.out: (k, [1, null])
 * // join_running_eg.out: (k, [1, a])
 * // join_running_eg.out: (k, [2, a])
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
