package dev.eddy.flink;

import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.StatefulBatchLogic;
import dev.eddy.io.WallClock;
import dev.eddy.recovery.SnapshotCodec;
import dev.eddy.runtime.KeyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * {@code stateful_batch} as a keyed Flink operator whose state is each key's logic snapshot in Flink keyed state.
 *
 * <p>Live logics stay on the heap, as on the local runtime, and are called with each item as a batch of one;
 * a key touched since the last checkpoint is marked dirty, and when a checkpoint is taken (before Flink
 * snapshots keyed state) each dirty key's {@code snapshot()} is encoded into its keyed {@code ValueState}, with
 * the processing time its timer is set for. So a checkpoint costs one encode per key touched since the last
 * one, and a run without checkpoints never encodes anything. After a restore the heap is empty: a key's logic
 * is rebuilt from its state by the step's builder the first time an item or a timer of that key arrives. Flink
 * checkpoints the timers themselves, so a key that gets no new item still wakes up, at once if its time has
 * passed.
 *
 * <p>{@code notifyAt} is the key's one processing-time timer (the old one is deleted when it moves); end of input
 * is the final watermark, {@code Long.MAX_VALUE}, which Flink sends once every source has ended (its
 * processing-time timers do not fire then): every live key gets {@code onEof}, in Eddy's key order, as on the
 * local runtime. {@code DISCARD} drops the logic, its state and its timer. Eddy's system time inside the logic
 * is Flink's processing time, or the time {@link #holdSystemTime} holds the job at, for which a wake-up due later
 * waits for end of input.
 */
final class StatefulOperator extends AbstractStreamOperator<Object>
        implements OneInputStreamOperator<Object, Object>, Triggerable<Object, VoidNamespace> {

    private static final long serialVersionUID = 1L;
    private static final String SNAPSHOTS = "eddy-snapshot";
    /** The job parameter that holds every step's system time still, at an ISO-8601 instant. */
    private static final String HELD_AT = "eddy.system-time.held-at";

    private final ShippedStep step;
    private final List<String> statePackages;
    private transient Function<Object, ? extends StatefulBatchLogic<Object, Object, Object>> builder;
    private transient SnapshotCodec codec;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient ProcessingTimeClock clock;
    /** The system time every step sees for the whole job, or {@code null} when it is Flink's processing time. */
    private transient Instant heldAt;
    private transient ValueState<byte[]> snapshots;
    private transient ValueState<Long> timerStates;
    private transient Map<Object, Slot> slots;
    private transient Set<Object> dirty;
    private transient StreamRecord<Object> reuse;
    private transient boolean eofDone;

    /** One live key: its logic and the processing time its timer is set for, or {@code -1}. */
    private static final class Slot {
        StatefulBatchLogic<Object, Object, Object> logic;
        long timer = -1;
    }

    /**
     * @param statePackages class-name prefixes beyond Eddy's and the JDK's that a restored state may hold
     */
    StatefulOperator(ShippedStep step, List<String> statePackages) {
        this.step = step;
        this.statePackages = List.copyOf(statePackages);
    }

    @Override
    public void open() throws Exception {
        super.open();
        builder = ((Primitive.StatefulBatch) step.primitive()).builder();
        codec = StateCodec.of(statePackages);
        timers = getInternalTimerService("eddy-notify", VoidNamespaceSerializer.INSTANCE, this);
        String held = getExecutionConfig().getGlobalJobParameters().toMap().get(HELD_AT);
        heldAt = held == null ? null : Instant.parse(held);
        clock = heldAt == null ? ProcessingTimeClock.of(timers::currentProcessingTime) : ProcessingTimeClock.heldAt(heldAt);
        snapshots = getPartitionedState(new ValueStateDescriptor<>(SNAPSHOTS,
                BytePrimitiveArraySerializer.INSTANCE));
        timerStates = getPartitionedState(new ValueStateDescriptor<>("eddy-timer", LongSerializer.INSTANCE));
        slots = new HashMap<>();
        dirty = new HashSet<>();
        reuse = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<Object> element) throws Exception {
        Object key = getCurrentKey();
        Object value = ((KV<?, ?>) element.getValue()).value();
        WallClock.using(clock, () -> {
            Slot slot = slots.get(key);
            if (slot == null) {
                slot = restore(key);
                if (slot == null) {
                    slot = new Slot();
                    slot.logic = build(key, null);
                    slots.put(key, slot);
                }
            }
            List<Object> values = new ArrayList<>(1);
            values.add(value);
            boolean discard;
            try {
                discard = slot.logic.onBatch(values, emitter(key));
            } catch (Throwable e) {
                throw failure("on_batch", key, value, e);
            }
            after(key, slot, discard, false, false);
            return null;
        });
    }

    @Override
    public void onProcessingTime(InternalTimer<Object, VoidNamespace> timer) {
        fire(timer.getKey(), timer.getTimestamp(), false);
    }

    @Override
    public void onEventTime(InternalTimer<Object, VoidNamespace> timer) {
        // No event-time timers: end of input is the final watermark, below.
    }

    /**
     * On the final watermark, which Flink sends once every input has ended, calls {@code onEof} of every live
     * key, live on the heap or only in restored state, in Eddy's key order, as the local runtime does; so the
     * end-of-input output of a restored run comes in the same order as an uninterrupted run's.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE && !eofDone) {
            eofDone = true;
            Set<Object> keys = new HashSet<>(slots.keySet());
            try (Stream<Object> stored = getKeyedStateBackend().getKeys(SNAPSHOTS, VoidNamespace.INSTANCE)) {
                stored.forEach(keys::add);
            }
            List<Object> sorted = new ArrayList<>(keys);
            sorted.sort(KeyOrder.INSTANCE);
            for (Object key : sorted) {
                setCurrentKey(key);
                fire(key, Long.MAX_VALUE, true);
            }
        }
        super.processWatermark(mark);
    }

    private void fire(Object key, long timestamp, boolean eof) {
        Slot slot = slots.get(key);
        if (slot == null) {
            slot = restore(key);
            if (slot == null) {
                return;
            }
        }
        if (!eof && slot.timer != timestamp) {
            return;
        }
        if (!eof) {
            slot.timer = -1;
        }
        Slot live = slot;
        WallClock.using(clock, () -> {
            boolean discard;
            try {
                discard = eof ? live.logic.onEof(emitter(key)) : live.logic.onNotify(emitter(key));
            } catch (Throwable e) {
                throw failure(eof ? "on_eof" : "on_notify", key, null, e);
            }
            after(key, live, discard, eof, !eof);
            return null;
        });
    }

    /**
     * The key's logic rebuilt from the state the last checkpoint holds for it, with the timer it had then, or
     * {@code null} when the checkpoint holds none. The current key must be {@code key}.
     */
    private Slot restore(Object key) {
        byte[] bytes;
        Long timer;
        try {
            bytes = snapshots.value();
            timer = timerStates.value();
        } catch (Exception e) {
            throw new IllegalStateException("stateful_batch step '" + step.stepId() + "' must read the keyed state"
                    + " of key '" + key + "'; got " + e + " instead", e);
        }
        if (bytes == null) {
            return null;
        }
        Object snapshot;
        try {
            snapshot = codec.decode(bytes);
        } catch (RuntimeException e) {
            throw failure("restore", key, null, e);
        }
        Slot slot = new Slot();
        slot.logic = build(key, snapshot);
        slot.timer = timer == null ? -1 : timer;
        slots.put(key, slot);
        return slot;
    }

    /** Drops a discarded key, or moves its timer to the logic's next {@code notifyAt}; marks the key dirty. */
    private void after(Object key, Slot slot, boolean discard, boolean eof, boolean rearming) {
        long next = -1;
        if (discard) {
            slots.remove(key);
            // Cleared now, not at the next checkpoint: the key's next item must not rebuild the old state.
            snapshots.clear();
            timerStates.clear();
        } else if (!eof) {
            Instant at;
            try {
                at = slot.logic.notifyAt();
            } catch (Throwable e) {
                throw failure("notify_at", key, null, e);
            }
            long now = timers.currentProcessingTime();
            if (at == null || at.equals(Instant.MAX)) {
                next = -1;
            } else if (heldAt == null) {
                next = ProcessingTimeClock.ceilMillis(at);
            } else {
                // Held time never reaches a later wake-up, so only end of input comes for it; a due one, at once.
                next = at.isAfter(heldAt) ? -1 : now;
            }
            // A wake-up re-armed at a time already passed (Bytewax #578) waits a millisecond: Flink runs due
            // timers before input, so a timer that is always due would starve the step's input.
            if (next >= 0 && next <= now && rearming) {
                next = now + 1;
            }
        }
        if (slot.timer != next) {
            if (slot.timer >= 0) {
                timers.deleteProcessingTimeTimer(VoidNamespace.INSTANCE, slot.timer);
            }
            if (next >= 0) {
                timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, next);
            }
            slot.timer = next;
        }
        if (!discard) {
            dirty.add(key);
        }
    }

    /** Writes each dirty key's snapshot into its keyed state, before Flink snapshots the keyed state backend. */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        Object current = getCurrentKey();
        try {
            for (Object key : dirty) {
                Slot slot = slots.get(key);
                if (slot == null) {
                    continue;   // discarded since: its state was cleared then
                }
                setCurrentKey(key);
                Object snapshot;
                try {
                    snapshot = slot.logic.snapshot();
                } catch (Throwable e) {
                    throw failure("snapshot", key, null, e);
                }
                if (snapshot == null) {
                    throw new IllegalStateException("snapshot in stateful_batch step '" + step.stepId()
                            + "' must return a state to rebuild the logic from; got null instead for key '" + key
                            + "'");
                }
                byte[] bytes;
                try {
                    bytes = codec.encode(snapshot);
                } catch (RuntimeException e) {
                    throw failure("snapshot", key, null, new IllegalArgumentException(e.getMessage()
                            + StateCodec.HINT, e));
                }
                snapshots.update(bytes);
                timerStates.update(slot.timer);
            }
            dirty.clear();
        } finally {
            if (current != null) {
                setCurrentKey(current);
            }
        }
    }

    private StatefulBatchLogic<Object, Object, Object> build(Object key, Object resume) {
        StatefulBatchLogic<Object, Object, Object> logic;
        try {
            logic = builder.apply(resume);
        } catch (Throwable e) {
            throw failure("builder", key, null, e);
        }
        if (logic == null) {
            throw new IllegalStateException("builder in stateful_batch step '" + step.stepId()
                    + "' must return a logic; got null instead for key " + key);
        }
        return logic;
    }

    private Consumer<Object> emitter(Object key) {
        return value -> output.collect(reuse.replace(KV.of(key, value)));
    }

    private RuntimeException failure(String call, Object key, Object value, Throwable cause) {
        return Failures.inStep("stateful_batch", step.stepId() + "' in " + call + " for key '" + key,
                value == null ? null : KV.of(key, value), cause);
    }

    /** Makes every stateful step of the job on {@code env} see {@code at} as its system time, for the whole job. */
    static void holdSystemTime(StreamExecutionEnvironment env, Instant at) {
        Configuration params = new Configuration();
        params.setString(HELD_AT, at.toString());
        env.getConfig().setGlobalJobParameters(params);
    }
}
