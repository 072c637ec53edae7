package dev.eddy.windowing;

import dev.eddy.dataflow.KV;

/** {@code joinWindow}'s clock: the user's clock reading the value of each {@code (side, value)} item. */
record SideValueClock<V, S>(Clock<? super V, S> inner) implements Clock<KV<Integer, V>, S> {

    @Override
    @SuppressWarnings("unchecked")
    public ClockLogic<KV<Integer, V>, S> build(S resumeState) {
        ClockLogic<V, S> logic = (ClockLogic<V, S>) inner.build(resumeState);
        return new ClockLogic<>() {
            @Override
            public void beforeBatch() {
                logic.beforeBatch();
            }

            @Override
            public long onItem(KV<Integer, V> value) {
                return logic.onItem(value.value());
            }

            @Override
            public long watermark() {
                return logic.watermark();
            }

            @Override
            public long onNotify() {
                return logic.onNotify();
            }

            @Override
            public long onEof() {
                return logic.onEof();
            }

            @Override
            public long toSystemMicros(long timestamp) {
                return logic.toSystemMicros(timestamp);
            }

            @Override
            public S snapshot() {
                return logic.snapshot();
            }
        };
    }
}
