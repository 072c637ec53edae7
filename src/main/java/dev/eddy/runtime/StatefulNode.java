package dev.eddy.runtime;

import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyOnMapper;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.StatefulBatchLogic;
import dev.eddy.dataflow.Step;
import dev.eddy.dataflow.StepException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code stateful_batch}: per-key logic, called as Bytewax's runtime does. Each activation: each key's
 * new values as one batch, keys in sorted order; then the keys whose wake-up time has passed; then, at
 * end of input, every live key; then each touched key's next wake-up time is asked for.
 */
final class StatefulNode extends Node {

    /** One live key: its logic and, while a batch is being split, the values it got in that batch. */
    static final class Slot {
        final Object key;
        StatefulBatchLogic<Object, Object, Object> logic;
        List<Object> values;
        /** This key's wake-up time in {@link StatefulNode#timers}, or {@code null}; only {@link Timers} sets it. */
        Instant scheduled;
        /** Whether this slot is in {@link StatefulNode#touchedThisEpoch}: a field test, not a hash look-up per touch. */
        boolean inEpoch;
        /**
         * Whether the listener's last word on this key is a state: it was resumed from one, or the last snapshot
         * gave one. Only then does a discard need reporting; a key made and discarded between two snapshots
         * leaves nothing behind to discard.
         */
        boolean reported;

        Slot(Object key) {
            this.key = key;
        }
    }

    /** Orders slots by key, as {@link KeyOrder} orders keys. */
    private static final Comparator<Slot> BY_KEY = (a, b) -> KeyOrder.INSTANCE.compare(a.key, b.key);

    private final Function<Object, ? extends StatefulBatchLogic<Object, Object, Object>> builder;
    /** Every key with a logic; one look-up per key and batch finds both its logic and its value list. */
    private final KeyTable<Slot> slots = new KeyTable<>();
    private final Timers timers = new Timers();
    /**
     * The slots touched since the last snapshot, each once. A key discarded and then given new items in one epoch
     * has two slots here; {@link #snapshot} gives its current state once.
     */
    private final List<Slot> touchedThisEpoch = new ArrayList<>();
    private boolean trackTouched = true;
    private final KeyedEmitter emitter = new KeyedEmitter();
    /** This batch's keys' slots, in first-seen order until sorted; reused across activations. */
    private final List<Slot> batchSlots = new ArrayList<>();
    /** Value lists handed back by logics that do not keep them, for the next keys; at most a batch's worth. */
    private final List<List<Object>> spareLists = new ArrayList<>();
    /** The slots touched this activation, in order, once per touch; reused across activations. */
    private final List<Slot> touched = new ArrayList<>();
    private boolean eofDone;
    /** The upstream {@code key_on} step's mapper when this node keys raw items itself, else {@code null}. */
    private KeyOnMapper keyer;

    /**
     * @param resume each key's state to resume from; every such key gets its logic built from it now, with
     *        its wake-up time scheduled, so a key that gets no new item still fires (Bytewax #138)
     */
    StatefulNode(Step step, Primitive.StatefulBatch primitive, Map<Object, Object> resume) {
        super(step);
        this.builder = primitive.builder();
        if (!resume.isEmpty()) {
            resumeKeys(resume);
        }
    }

    private void resumeKeys(Map<Object, Object> resume) {
        for (Object key : sorted(resume.keySet())) {
            Slot slot = new Slot(key);
            slot.logic = build(key, resume.get(key));
            slot.reported = true;
            slots.put(key, slot);
            timers.schedule(slot, notifyAt(slot));
        }
    }

    @Override
    void activate(Activation activation) {
        RunClock clock = activation.clock;
        clock.hold();
        try {
            handle(activation);
        } finally {
            clock.release();
        }
    }

    private void handle(Activation activation) {
        List<Object> items = drain();
        if (!items.isEmpty()) {
            onBatches(items);
        }
        List<Slot> due = timers.popDue(activation.now);
        if (!due.isEmpty()) {
            onNotifies(due, activation);
        }
        if (!eofDone && upsDone()) {
            eofDone = true;
            onEofs();
        }
        scheduleTouched();
        done = eofDone;
    }

    /** Each key's values of this activation as one batch, keys in sorted order. */
    private void onBatches(List<Object> items) {
        StepException keying = null;
        try {
            if (!groupByKey(items)) {
                recycle(items);
            }
        } catch (StepException e) {
            // The items before the one that could not be keyed are grouped: they are processed first.
            keying = e;
        }
        if (batchSlots.size() > 1) {
            sortSlots(batchSlots);
        }
        for (int k = 0, nk = batchSlots.size(); k < nk; k++) {
            Slot slot = batchSlots.get(k);
            List<Object> values = slot.values;
            slot.values = null;
            if (slot.logic == null) {
                slot.logic = build(slot.key, null);
            }
            StatefulBatchLogic<Object, Object, Object> logic = slot.logic;
            emitter.key = slot.key;
            boolean discard;
            try {
                discard = logic.onBatch(values, emitter);
            } catch (StepException e) {
                throw e;
            } catch (Throwable e) {
                throw failure("on_batch", slot.key, values, e);
            }
            touch(slot, discard);
            if (values != items) {
                giveBack(values, logic);
            }
        }
        batchSlots.clear();
        if (keying != null) {
            throw keying;
        }
    }

    /** Keeps a key's value list for the next keys when its logic does not hold on to it. */
    private void giveBack(List<Object> values, StatefulBatchLogic<Object, Object, Object> logic) {
        if (!logic.keepsValues()) {
            values.clear();
            spareLists.add(values);
        }
    }

    /** The keys whose wake-up time has passed, in key order. */
    private void onNotifies(List<Slot> due, Activation activation) {
        // Wake-ups that emit nothing are not progress: a window waiting for system time re-arms at a
        // time already passed (Bytewax #578), and a virtual clock must be let move on (see Worker.rest).
        long emittedBefore = emitter.count;
        sortSlots(due);
        for (Slot slot : due) {
            if (callHook(slot, "on_notify", StatefulBatchLogic::onNotify)) {
                activation.progress = true;
            }
        }
        if (emitter.count != emittedBefore) {
            activation.progress = true;
        }
    }

    /** Every live key, in key order, once all upstreams have ended. */
    private void onEofs() {
        List<Slot> live = slots.values();
        sortSlots(live);
        for (Slot slot : live) {
            callHook(slot, "on_eof", StatefulBatchLogic::onEof);
        }
    }

    /** {@code onNotify} or {@code onEof}, called alike. */
    private interface Hook {
        boolean call(StatefulBatchLogic<Object, Object, Object> logic, Consumer<Object> out);
    }

    /**
     * Calls a key's logic with the emitter set to its key and marks the key touched; a failure names the
     * step, the hook and the key. Returns whether the logic discarded its state.
     */
    private boolean callHook(Slot slot, String name, Hook hook) {
        emitter.key = slot.key;
        boolean discard;
        try {
            discard = hook.call(slot.logic, emitter);
        } catch (StepException e) {
            throw e;
        } catch (Throwable e) {
            throw failure(name, slot.key, null, e);
        }
        touch(slot, discard);
        return discard;
    }

    /** The key's logic's next wake-up time; a failure names the step and the key. */
    private Instant notifyAt(Slot slot) {
        try {
            return slot.logic.notifyAt();
        } catch (StepException e) {
            throw e;
        } catch (Throwable e) {
            throw failure("notify_at", slot.key, null, e);
        }
    }

    /** Asks each key touched this activation for its next wake-up time. */
    private void scheduleTouched() {
        for (int i = 0, n = touched.size(); i < n; i++) {
            Slot slot = touched.get(i);
            if (slot.logic == null) {
                timers.schedule(slot, null);
            } else {
                Instant at = notifyAt(slot);
                // A key whose wake-up did not move (most keys, most batches) leaves the queue alone.
                timers.schedule(slot, at);
            }
        }
        touched.clear();
    }

    /** Packed keys and positions for {@link #sortSlots}; reused across activations. */
    private long[] packed = new long[16];
    private Slot[] unsorted = new Slot[16];
    private final PackedSort packedSort = new PackedSort();

    /**
     * Sorts slots by key, as {@link KeyOrder} orders keys. When every key is a {@code Long}, as for ids,
     * and their spread leaves room for a position, each key's offset from the smallest and its position
     * are packed into one non-negative {@code long} and radix-sorted: the same order (keys are distinct),
     * without a comparator call and two dereferences per comparison.
     */
    private void sortSlots(List<Slot> list) {
        int n = list.size();
        if (n < 2) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (!(list.get(i).key instanceof Long boxed)) {
                sortByKey(list);
                return;
            }
            long key = boxed;
            min = Math.min(min, key);
            max = Math.max(max, key);
        }
        int positionBits = 32 - Integer.numberOfLeadingZeros(n - 1);
        long spread = max - min;
        if (spread < 0 || spread >>> (63 - positionBits) != 0) {
            sortByKey(list);
            return;
        }
        if (packed.length < n) {
            packed = new long[Math.max(n, packed.length * 2)];
            unsorted = new Slot[packed.length];
        }
        for (int i = 0; i < n; i++) {
            Slot slot = list.get(i);
            packed[i] = ((Long) slot.key - min) << positionBits | i;
            unsorted[i] = slot;
        }
        packedSort.sort(packed, n);
        long positionMask = (1L << positionBits) - 1;
        for (int i = 0; i < n; i++) {
            int from = (int) (packed[i] & positionMask);
            list.set(i, unsorted[from]);
            unsorted[from] = null;
        }
    }

    /** Sorts by {@link KeyOrder}; a key whose {@code compareTo} or {@code toString} fails names this step. */
    private void sortByKey(List<Slot> list) {
        try {
            list.sort(BY_KEY);
        } catch (Throwable e) {
            throw StepException.withMessage("stateful_batch step '" + id() + "' failed putting its keys in order: "
                    + e + "; keys of one Comparable type are ordered by compareTo, others by toString", id(), null, e);
        }
    }

    private void touch(Slot slot, boolean discard) {
        if (discard) {
            // The key's state and its wake-up go together, as in Bytewax: a wake-up queued before a batch
            // that discarded the logic must not fire later in the same activation.
            slot.logic = null;
            slots.remove(slot.key);
            timers.schedule(slot, null);
        }
        touched.add(slot);
        if (trackTouched && !slot.inEpoch) {
            slot.inEpoch = true;
            touchedThisEpoch.add(slot);
        }
    }

    private StatefulBatchLogic<Object, Object, Object> build(Object key, Object resumeState) {
        StatefulBatchLogic<Object, Object, Object> logic;
        try {
            logic = builder.apply(resumeState);
        } catch (StepException e) {
            throw e;
        } catch (Throwable e) {
            throw failure("builder", key, null, e);
        }
        if (logic == null) {
            throw StepException.withMessage("builder in stateful_batch step '" + id()
                    + "' must return a logic; got null instead for key " + StepException.shorten(key), id(), key, null);
        }
        return logic;
    }

    /**
     * Splits the batch by key: each key's slot goes once into {@link #batchSlots} (first-seen order) with a
     * list of its values in arrival order. The value lists go to the logics, which may keep them.
     * Returns whether {@code items} itself became a key's values, so it must not be recycled.
     */
    private boolean groupByKey(List<Object> items) {
        KeyOnMapper keyer = this.keyer;
        if (keyer != null) {
            return groupRuns(items, keyer);
        }
        int n = items.size();
        Object lastKey = null;
        List<Object> lastValues = null;
        for (int i = 0; i < n; i++) {
            Object item = items.get(i);
            Object key = keyOf(item);
            try {
                if (lastValues == null || (key != lastKey && !key.equals(lastKey))) {
                    lastKey = key;
                    lastValues = slotFor(key, n - i).values;
                }
            } catch (Throwable e) {
                throw keyFailure(item, key, e);
            }
            lastValues.add(((KV<?, ?>) item).value());
        }
        return false;
    }

    /**
     * {@link #groupByKey} for raw items keyed here: items go to their key's list a run of one key at a time,
     * and when the first run is the whole batch, the batch itself is that key's values.
     */
    private boolean groupRuns(List<Object> items, KeyOnMapper keyer) {
        int n = items.size();
        Slot run = null;
        // The run's key: a Long key is kept as a primitive, so the key function's box goes no further than
        // this loop and the JIT can leave it out when it sees the whole function.
        long runLong = 0;
        Object runKey = null;
        int runStart = 0;
        int i = 0;
        Object key = null;
        try {
            for (; i < n; i++) {
                key = null;
                key = keyer.keyOf(items.get(i));
                if (key instanceof Long boxed) {
                    long k = boxed;
                    if (run != null && runKey == null && k == runLong) {
                        continue;
                    }
                    addRun(run, items, runStart, i);
                    run = null;
                    run = longSlotFor(k, n - i);
                    runLong = k;
                    runKey = null;
                } else {
                    if (run != null && (key == runKey || key.equals(runKey))) {
                        continue;
                    }
                    addRun(run, items, runStart, i);
                    run = null;
                    run = slotFor(key, n - i);
                    runKey = key;
                }
                runStart = i;
            }
        } catch (Throwable e) {
            // The run before the failing item still goes to its key.
            addRun(run, items, runStart, i);
            throw e instanceof StepException named ? named : keyFailure(items.get(i), key, e);
        }
        if (runStart == 0) {
            spareLists.add(run.values);
            run.values = items;
            return true;
        }
        addRun(run, items, runStart, n);
        return false;
    }

    private static void addRun(Slot run, List<Object> items, int from, int to) {
        if (run != null) {
            List<Object> values = run.values;
            for (int i = from; i < to; i++) {
                values.add(items.get(i));
            }
        }
    }

    /**
     * The key's slot, made if new, with a value list for this batch, listed in {@link #batchSlots} once. The
     * batch's first key often is its only key, so its list is sized for the {@code remaining} items.
     */
    private Slot slotFor(Object key, int remaining) {
        Slot slot = slots.get(key);
        if (slot == null) {
            if (key.getClass().isArray()) {
                throw new IllegalArgumentException("keys must compare by content; got an array ("
                        + key.getClass().getComponentType().getName() + "[]) instead, and equal arrays are"
                        + " different keys; key by a List or a record instead");
            }
            slot = new Slot(key);
            slots.put(key, slot);
        }
        return withValues(slot, remaining);
    }

    /** {@link #slotFor} a {@code Long} key given as a primitive. */
    private Slot longSlotFor(long key, int remaining) {
        Slot slot = slots.getLong(key);
        if (slot == null) {
            Long boxed = key;
            slot = new Slot(boxed);
            slots.put(boxed, slot);
        }
        return withValues(slot, remaining);
    }

    private Slot withValues(Slot slot, int remaining) {
        if (slot.values == null) {
            int spare = spareLists.size();
            slot.values = spare > 0 ? spareLists.remove(spare - 1)
                    : new ArrayList<>(batchSlots.isEmpty() ? remaining : 10);
            batchSlots.add(slot);
        }
        return slot;
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

    /** A key whose {@code hashCode} or {@code equals} failed, or that can't be a key. */
    private StepException keyFailure(Object item, Object key, Throwable cause) {
        return StepException.withMessage("stateful_batch step '" + id() + "' failed grouping item "
                + StepException.shorten(item) + " by its key" + (key == null ? "" : " " + StepException.shorten(key))
                + ": " + cause, id(), item, cause);
    }

    private StepException failure(String call, Object key, List<Object> values, Throwable cause) {
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
    boolean exchanges() {
        return true;
    }

    /** The key routed last and its owner: a run of items with one key object (a constant key) hashes it once. */
    private Object lastRouted;
    private int lastOwner;
    /** The Long key routed last, kept unboxed so the key function's box need not escape; valid when set. */
    private long lastRoutedLong;
    private boolean lastWasLong;

    /**
     * The key's owner; an item that isn't keyed stays here, where {@link #keyOf} refuses it. When this step
     * keys raw items itself ({@link #keyWith}), the key function is called here too, so on several workers
     * it runs once on the worker that sends the item and once on its key's owner; an item it fails on stays
     * here, where grouping fails naming it.
     */
    @Override
    int route(Object item, int workers, int self) {
        Object key;
        if (keyer != null) {
            try {
                key = keyer.keyOf(item);
            } catch (RuntimeException e) {
                return self;
            }
        } else if (item instanceof KV<?, ?> kv && kv.key() != null) {
            key = kv.key();
        } else {
            return self;
        }
        if (key instanceof Long boxed) {
            long k = boxed;
            if (!lastWasLong || k != lastRoutedLong) {
                lastOwner = KeyHash.owner(k, workers);
                lastRoutedLong = k;
                lastWasLong = true;
                lastRouted = null;
            }
            return lastOwner;
        }
        if (key != lastRouted) {
            lastOwner = owner(id(), key, workers, item);
            lastRouted = key;
            lastWasLong = false;
        }
        return lastOwner;
    }

    /** The worker that owns {@code key}; a key with no stable encoding fails naming this step and the item. */
    static int owner(String id, Object key, int workers, Object item) {
        try {
            return KeyHash.owner(key, workers);
        } catch (IllegalArgumentException e) {
            throw StepException.withMessage("stateful_batch step '" + id + "' must have keys with a stable encoding"
                    + " to run on " + workers + " workers; got key " + StepException.shorten(key) + " ("
                    + key.getClass().getName() + ")" + (item == null ? "" : " on item " + StepException.shorten(item))
                    + " instead (" + e.getMessage() + ")", id, item, e);
        }
    }

    @Override
    void snapshot(SnapshotListener listener, long epoch) {
        sortSlots(touchedThisEpoch);
        for (int i = 0, n = touchedThisEpoch.size(); i < n; ) {
            Object key = touchedThisEpoch.get(i).key;
            boolean reported = false;
            // The same key's earlier, discarded slots: sorting put them together.
            do {
                Slot touchedSlot = touchedThisEpoch.get(i++);
                touchedSlot.inEpoch = false;
                reported |= touchedSlot.reported;
            } while (i < n && touchedThisEpoch.get(i).key.equals(key));
            Slot slot = slots.get(key);
            Object state;
            try {
                state = slot == null ? null : slot.logic.snapshot();
            } catch (Throwable e) {
                throw failure("snapshot", key, null, e);
            }
            if (state == null && !reported) {
                continue;       // made and discarded since the last snapshot: nothing earlier to discard
            }
            listener.onSnapshot(id(), key, epoch, state);
            if (slot != null) {
                slot.reported = state != null;
            }
        }
        touchedThisEpoch.clear();
    }

    /**
     * Keys raw items with the upstream {@code key_on} step's mapper, which then passes items unchanged:
     * the same keys and values, and the same failures, without a {@link KV} per item.
     */
    void keyWith(KeyOnMapper mapper) {
        keyer = mapper;
    }

    /** Whether to remember the keys touched in each epoch; only snapshots need them. */
    void trackTouchedKeys(boolean track) {
        trackTouched = track;
    }

    /** How many keys hold state now. */
    int liveKeys() {
        return slots.size();
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
