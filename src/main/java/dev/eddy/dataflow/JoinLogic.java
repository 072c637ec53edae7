package dev.eddy.dataflow;

import java.util.List;
import java.util.function.Consumer;

/** The per-key logic of {@code join}: stores values by side and emits rows as the emit mode says. */
final class JoinLogic implements StatefulLogic<KV<Integer, Object>, List<Object>, List<List<Object>>> {

    private final JoinEmitMode emitMode;
    private final JoinState state;

    JoinLogic(JoinState state, JoinEmitMode emitMode) {
        this.state = state;
        this.emitMode = emitMode;
    }

    @Override
    public boolean onItem(KV<Integer, Object> sideAndValue, Consumer<? super List<Object>> out) {
        state.insert(sideAndValue.key(), sideAndValue.value());
        if (emitMode == JoinEmitMode.COMPLETE && state.allSet()) {
            state.rows(out);
            return DISCARD;
        }
        if (emitMode == JoinEmitMode.RUNNING) {
            state.rows(out);
        }
        return RETAIN;
    }

    @Override
    public boolean onEof(Consumer<? super List<Object>> out) {
        if (emitMode == JoinEmitMode.FINAL) {
            state.rows(out);
            return DISCARD;
        }
        return RETAIN;
    }

    @Override
    public List<List<Object>> snapshot() {
        return state.snapshot();
    }
}
