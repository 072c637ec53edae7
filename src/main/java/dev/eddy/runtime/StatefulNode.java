package dev.eddy.runtime;

import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.StatefulBatchLogic;
import dev.eddy.dataflow.Step;
import dev.eddy.dataflow.StepException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code stateful_batch}: per-key logic, called as Bytewax's runtime does. Each activation: each key's
 * new values as one batch, keys in sorted order; then the keys whose wake-up time has passed; then, at
 * end of input, every live key; then each touched key's next wake-up time is asked for.
 */
final class StatefulNode extends Node {

    private final Function<Object, ? extends StatefulBatchLogic<Object, Object, Object>> builder;
    private final Map<Object, StatefulBatchLogic<Object, Object, Object>> logics = new HashMap<>();
    private final Timers timers = new Timers();
    private final Set<Object> touchedThisEpoch = new HashSet<>();
    private boolean trackTouched = true;
    private final KeyedEmitter emitter = new KeyedEmitter();
    /** This batch's keys in first-seen order, and their values: reused across activations. */
    private final List<Object> batchKeys = new ArrayList<>();
    private final Map<Object, List<Object>> byKey = new HashMap<>();
    /** The values when the batch has a single key, or {@code null}. */
    private List<Object> singleKeyValues;
    private boolean eofDone;

    StatefulNode(Step step, Primitive.StatefulBatch primitive) {
        super(step);
        this.builder = primitive.builder();
    }

    @Override
    void activate(Activation activation) {
        List<Object> touched = new ArrayList<>();
        List<Object> items = drain();
        if (!items.isEmpty()) {
            groupByKey(items);
            List<Object> keys = batchKeys.size() > 1 ? sorted(batchKeys) : batchKeys;
            for (int k = 0, nk = keys.size(); k < nk; k++) {
                Object key = keys.get(k);
                List<Object> values = batchKeys.size() > 1 ? byKey.get(key) : singleKeyValues;
                StatefulBatchLogic<Object, Object, Object> logic = logics.get(key);
                if (logic == null) {
                    logic = build(key);
                    logics.put(key, logic);
                }
                emitter.key = key;
                boolean discard;
                try {
                    discard = logic.onBatch(values, emitter);
                } catch (StepException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw failure("on_batch", key, values, e);
                }
                touch(key, discard, touched);
            }
        }
        recycle(items);
        byKey.clear();
        batchKeys.clear();
        singleKeyValues = null;
        List<Object> due = timers.popDue(activation.now);
        if (!due.isEmpty()) {
            // Wake-ups that emit nothing are not progress: a window waiting for system time re-arms at a
            // time already passed (Bytewax #578), and a virtual clock must be let move on (see Worker.rest).
            long emittedBefore = emitter.count;
            for (Object key : sorted(due)) {
                StatefulBatchLogic<Object, Object, Object> logic = logics.get(key);
                if (logic != null) {
                    emitter.key = key;
                    boolean discard;
                    try {
                        discard = logic.onNotify(emitter);
                    } catch (StepException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        throw failure("on_notify", key, null, e);
                    }
                    touch(key, discard, touched);
                    if (discard) {
                        activation.progress = true;
                    }
                }
            }
            if (emitter.count != emittedBefore) {
                activation.progress = true;
            }
        }
        if (!eofDone && upsDone()) {
            eofDone = true;
            for (Object key : sorted(logics.keySet())) {
                emitter.key = key;
                boolean discard;
                try {
                    discard = logics.get(key).onEof(emitter);
                } catch (StepException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw failure("on_eof", key, null, e);
                }
                touch(key, discard, touched);
            }
        }
        for (Object key : touched) {
            StatefulBatchLogic<Object, Object, Object> logic = logics.get(key);
            if (logic == null) {
                timers.cancel(key);
            } else {
                Instant at;
                try {
                    at = logic.notifyAt();
                } catch (RuntimeException e) {
                    throw failure("notify_at", key, null, e);
                }
                timers.schedule(key, at);
            }
        }
        done = eofDone;
    }

    private void touch(Object key, boolean discard, List<Object> touched) {
        if (discard) {
            logics.remove(key);
        }
        touched.add(key);
        if (trackTouched) {
            touchedThisEpoch.add(key);
        }
    }

    private StatefulBatchLogic<Object, Object, Object> build(Object key) {
        StatefulBatchLogic<Object, Object, Object> logic;
        try {
            logic = builder.apply(null);
        } catch (StepException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("builder", key, null, e);
        }
        if (logic == null) {
            throw StepException.withMessage("builder in stateful_batch step '" + id()
                    + "' must return a logic; got null instead for key " + StepException.shorten(key), id(), key, null);
        }
        return logic;
    }

    /**
     * Splits the batch by key into {@link #batchKeys} (first-seen order) and, for each key, a new list of its
     * values in arrival order: in {@link #singleKeyValues} when the whole batch has one key (no map, no
     * sort), else in {@link #byKey}. The value lists go to the logics, which may keep them.
     */
    private void groupByKey(List<Object> items) {
        int n = items.size();
        Object firstKey = keyOf(items.get(0));
        List<Object> values = new ArrayList<>(n);
        batchKeys.add(firstKey);
        int i = 0;
        for (; i < n; i++) {
            Object item = items.get(i);
            Object key = keyOf(item);
            if (key != firstKey && !key.equals(firstKey)) {
                break;
            }
            values.add(((KV<?, ?>) item).value());
        }
        if (i == n) {
            singleKeyValues = values;
            return;
        }
        byKey.put(firstKey, values);
        Object lastKey = firstKey;
        List<Object> lastValues = values;
        for (; i < n; i++) {
            Object item = items.get(i);
            Object key = keyOf(item);
            if (key != lastKey && !key.equals(lastKey)) {
                lastKey = key;
                lastValues = byKey.get(key);
                if (lastValues == null) {
                    lastValues = new ArrayList<>();
                    byKey.put(key, lastValues);
                    batchKeys.add(key);
                }
            }
            lastValues.add(((KV<?, ?>) item).value());
        }
    }

    private Object keyOf(Object item) {
        if (!(item instanceof KV<?, ?> kv)) {
            throw StepException.withMessage("stateful step '" + id() + "' requires keyed items (KV); got "
                    + (item == null ? "null" : item.getClass().getName()) + " instead; use keyOn first",
                    id(), item, null);
        }
        Object key = kv.key();
        if (key == null) {
            throw StepException.withMessage("stateful step '" + id() + "' requires non-null keys; got a null key"
                    + " instead", id(), item, null);
        }
        return key;
    }

    private static List<Object> sorted(Iterable<Object> keys) {
        List<Object> list = new ArrayList<>();
        keys.forEach(list::add);
        if (list.size() > 1) {
            list.sort(KeyOrder.INSTANCE);
        }
        return list;
    }

    private StepException failure(String call, Object key, List<Object> values, RuntimeException cause) {
        Object item = values == null ? KV.of(key, null) : (values.size() == 1 ? KV.of(key, values.get(0)) : KV.of(key, values));
        return StepException.withMessage("stateful_batch step '" + id() + "' failed in " + call + " for key "
                + StepException.shorten(key) + (values == null ? "" : " on " + StepException.shorten(
                values.size() == 1 ? values.get(0) : values)) + ": " + cause, id(), item, cause);
    }

    @Override
    Instant nextWake() {
        return timers.earliest();
    }

    @Override
    void snapshot(SnapshotListener listener, long epoch) {
        for (Object key : sorted(touchedThisEpoch)) {
            StatefulBatchLogic<Object, Object, Object> logic = logics.get(key);
            listener.onSnapshot(id(), key, epoch, logic == null ? null : logic.snapshot());
        }
        touchedThisEpoch.clear();
    }

    /** Whether to remember the keys touched in each epoch; only snapshots need them. */
    void trackTouchedKeys(boolean track) {
        trackTouched = track;
    }

    /** How many keys hold state now. */
    int liveKeys() {
        return logics.size();
    }

    /** Wraps each emitted value with the key being processed. */
    private final class KeyedEmitter implements Consumer<Object> {
        Object key;
        long count;

        @Override
        public void accept(Object value) {
            count++;
            emit(0, new KV<>(key, value));
        }
    }
}
