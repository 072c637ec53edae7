package dev.eddy.flink;

import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.StatefulBatchLogic;
import dev.eddy.io.WallClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * {@code stateful_batch} as a keyed process function. Each key's logic is built on its first item and called
 * with each item as a batch of one; {@code notifyAt} becomes the key's one processing-time timer (the old one is
 * deleted when it moves); end of input is an event-time timer at the largest timestamp, which fires on the final
 * watermark of a bounded run, where Flink's processing-time timers do not; {@code DISCARD} drops the logic and
 * its timer. Eddy's system time inside the logic is Flink's processing time.
 */
final class StatefulFunction extends KeyedProcessFunction<Object, Object, Object> {

    private final ShippedStep step;
    private transient Function<Object, ? extends StatefulBatchLogic<Object, Object, Object>> builder;
    private transient Map<Object, Slot> slots;

    /** One live key: its logic and the processing time its timer is set for, or {@code -1}. */
    private static final class Slot {
        StatefulBatchLogic<Object, Object, Object> logic;
        long timer = -1;
    }

    StatefulFunction(ShippedStep step) {
        this.step = step;
    }

    @Override
    public void open(OpenContext context) {
        builder = ((Primitive.StatefulBatch) step.primitive()).builder();
        slots = new HashMap<>();
    }

    @Override
    public void processElement(Object item, Context ctx, Collector<Object> out) {
        Object key = ctx.getCurrentKey();
        TimerService timers = ctx.timerService();
        Object value = ((KV<?, ?>) item).value();
        WallClock.using(new ProcessingTimeClock(timers::currentProcessingTime), () -> {
            Slot slot = slots.get(key);
            if (slot == null) {
                slot = new Slot();
                slot.logic = build(key);
                slots.put(key, slot);
                timers.registerEventTimeTimer(Long.MAX_VALUE);
            }
            List<Object> values = new ArrayList<>(1);
            values.add(value);
            boolean discard;
            try {
                discard = slot.logic.onBatch(values, emitter(key, out));
            } catch (Throwable e) {
                throw failure("on_batch", key, value, e);
            }
            after(key, slot, discard, timers, false, false);
            return null;
        });
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Object> out) {
        Object key = ctx.getCurrentKey();
        Slot slot = slots.get(key);
        if (slot == null) {
            return;
        }
        TimerService timers = ctx.timerService();
        boolean eof = ctx.timeDomain() == TimeDomain.EVENT_TIME;
        if (!eof && slot.timer != timestamp) {
            return;
        }
        if (!eof) {
            slot.timer = -1;
        }
        WallClock.using(new ProcessingTimeClock(timers::currentProcessingTime), () -> {
            boolean discard;
            try {
                discard = eof ? slot.logic.onEof(emitter(key, out)) : slot.logic.onNotify(emitter(key, out));
            } catch (Throwable e) {
                throw failure(eof ? "on_eof" : "on_notify", key, null, e);
            }
            after(key, slot, discard, timers, eof, !eof);
            return null;
        });
    }

    /** Drops a discarded key, or moves its timer to the logic's next {@code notifyAt}. */
    private void after(Object key, Slot slot, boolean discard, TimerService timers, boolean eof, boolean rearming) {
        long next = -1;
        if (discard) {
            slots.remove(key);
        } else if (!eof) {
            Instant at;
            try {
                at = slot.logic.notifyAt();
            } catch (Throwable e) {
                throw failure("notify_at", key, null, e);
            }
            next = at == null || at.equals(Instant.MAX) ? -1 : ProcessingTimeClock.ceilMillis(at);
            // A wake-up re-armed at a time already passed (Bytewax #578) waits a millisecond: Flink runs due
            // timers before input, so a timer that is always due would starve the step's input.
            long now = timers.currentProcessingTime();
            if (next >= 0 && next <= now && rearming) {
                next = now + 1;
            }
        }
        if (slot.timer != next) {
            if (slot.timer >= 0) {
                timers.deleteProcessingTimeTimer(slot.timer);
            }
            if (next >= 0) {
                timers.registerProcessingTimeTimer(next);
            }
            slot.timer = next;
        }
    }

    private StatefulBatchLogic<Object, Object, Object> build(Object key) {
        StatefulBatchLogic<Object, Object, Object> logic;
        try {
            logic = builder.apply(null);
        } catch (Throwable e) {
            throw failure("builder", key, null, e);
        }
        if (logic == null) {
            throw new IllegalStateException("builder in stateful_batch step '" + step.stepId()
                    + "' must return a logic; got null instead for key " + key);
        }
        return logic;
    }

    private static Consumer<Object> emitter(Object key, Collector<Object> out) {
        return value -> out.collect(KV.of(key, value));
    }

    private RuntimeException failure(String call, Object key, Object value, Throwable cause) {
        return Failures.inStep("stateful_batch", step.stepId() + "' in " + call + " for key '" + key,
                value == null ? null : KV.of(key, value), cause);
    }
}
