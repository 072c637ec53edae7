package dev.eddy.windowing;

import dev.eddy.dataflow.JoinEmitMode;
import dev.eddy.dataflow.JoinInsertMode;
import dev.eddy.dataflow.JoinState;
import dev.eddy.dataflow.KV;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bytewax's {@code _JoinWindowLogic}: stores each side's values per window and emits rows as the
 * emit mode says. After a session merge, {@link JoinState#absorb} keeps the earlier session's value
 * for FIRST and the later one's for LAST (Bytewax does the reverse).
 */
final class JoinWindowLogic implements WindowLogic<KV<Integer, Object>, List<Object>, List<List<Object>>> {

    private final JoinEmitMode emitMode;
    private final JoinState state;

    JoinWindowLogic(int sideCount, JoinInsertMode insertMode, JoinEmitMode emitMode, List<List<Object>> resume) {
        this.emitMode = emitMode;
        this.state = resume == null ? new JoinState(sideCount, insertMode) : JoinState.resume(resume, insertMode);
    }

    @Override
    public void onValue(KV<Integer, Object> sideValue, Consumer<? super List<Object>> out) {
        state.insert(sideValue.key(), sideValue.value());
        if (emitMode == JoinEmitMode.COMPLETE && state.allSet()) {
            state.rows(out);
            state.clear();
        } else if (emitMode == JoinEmitMode.RUNNING) {
            state.rows(out);
        }
    }

    @Override
    public void onMerge(WindowLogic<KV<Integer, Object>, List<Object>, List<List<Object>>> original,
                        Consumer<? super List<Object>> out) {
        state.absorb(((JoinWindowLogic) original).state);
    }

    @Override
    public void onClose(Consumer<? super List<Object>> out) {
        if (emitMode == JoinEmitMode.FINAL) {
            state.rows(out);
        }
    }

    @Override
    public List<List<Object>> snapshot() {
        return state.snapshot();
    }
}
