package dev.eddy.windowing;

import dev.eddy.dataflow.StatefulBatchLogic;
import dev.eddy.dataflow.StepException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One key's windowing, Bytewax's {@code _WindowLogic}: times each value with the clock, reports late
 * values, queues the rest until the watermark passes them (ordered mode) or until the end of the
 * batch, applies them to their windows, handles merges and closes windows. Per value it does a clock
 * call, a windower call and one id look-up, all on primitive microseconds.
 */
final class WindowDriver implements StatefulBatchLogic<Object, Object, WindowSnapshot>,
        WindowerLogic.ClosedSink, Consumer<Object> {

    private final String stepId;
    private final ClockLogic<Object, Object> clock;
    private final WindowerLogic<Object> windower;
    private final Function<Object, WindowLogic<Object, Object, Object>> builder;
    private final boolean ordered;

    /**
     * Open windows' logics by id once the key has had two open at once; until then {@code null}, and
     * {@link #lastLogic} is the one open window, if any. A session key mostly has one window at a time,
     * so it never needs the map.
     */
    private LongMap<WindowLogic<Object, Object, Object>> logics;
    /**
     * The open window the last value went to and its logic, or {@code null}: consecutive values mostly
     * share a window, so they need no look-up. Cleared whenever its logic leaves.
     */
    private WindowLogic<Object, Object, Object> lastLogic;
    private long lastLogicId;
    /** Values waiting to be applied, in arrival order, with their timestamps; {@code null} when compact. */
    private Object[] queueValues;
    private long[] queueTimes;
    /** The queue is {@code [queueHead, queueEnd)} of the arrays: in-order values leave from the head. */
    private int queueHead;
    private int queueEnd;
    /** Whether the queued timestamps never decrease, so the due values are a prefix, already in order. */
    private boolean queueInOrder = true;

    /**
     * Buffers needed only during one call, shared by the drivers on a thread, so a key carries none of
     * them between batches: with many keys, each key's state is then fewer cache lines to fetch.
     */
    private static final class Scratch {
        final WindowIds ids = new WindowIds();
        /** Ordered mode: the due values and their times. */
        Object[] values = new Object[64];
        long[] times = new long[64];
        boolean busy;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** This thread's scratch while a call runs, else {@code null}. */
    private Scratch scratch;
    private WindowIds ids;
    /** Whether the windower puts each timestamp in exactly one window, so no id list is needed. */
    private final boolean oneWindow;
    private Consumer<Object> out;
    private long currentId;
    private long cachedNotifyMicros = Micros.NEVER;
    private Instant cachedNotify;

    @SuppressWarnings("unchecked")
    WindowDriver(String stepId, Clock<?, ?> clock, Windower<?> windower,
                 Function<?, ? extends WindowLogic<?, ?, ?>> builder, boolean ordered, WindowSnapshot resume) {
        this.stepId = stepId;
        this.builder = (Function<Object, WindowLogic<Object, Object, Object>>) (Function<?, ?>) builder;
        this.ordered = ordered;
        Clock<Object, Object> c = (Clock<Object, Object>) clock;
        Windower<Object> w = (Windower<Object>) windower;
        this.clock = c.build(resume == null ? null : resume.clockState());
        this.windower = w.build(resume == null ? null : resume.windowerState());
        this.oneWindow = this.windower.opensOneWindow();
        if (resume != null) {
            resume.logicStates().forEach((id, state) -> logics().put(id, build(state)));
            for (WindowSnapshot.Queued q : resume.queue()) {
                enqueue(q.value(), Micros.of(q.timestamp()));
            }
        }
    }

    @Override
    public boolean onBatch(List<Object> values, Consumer<? super Object> emit) {
        @SuppressWarnings("unchecked")
        Consumer<Object> sink = (Consumer<Object>) emit;
        out = sink;
        Scratch s = acquire();
        try {
            return batch(values);
        } finally {
            release(s);
        }
    }

    /**
     * In unordered mode each value goes to its windows as soon as it is timed, in the same pass, where
     * Bytewax queues it for the end of the batch. Each output stream is the same: values reach their
     * windows in arrival order either way, and late reports go to a stream of their own, so only the
     * interleaving of late reports with window output differs, which no stream shows.
     */
    private boolean batch(List<Object> values) {
        clock.beforeBatch();
        long wm = Micros.UTC_MIN;
        boolean direct = !ordered;
        if (direct && queueEnd > queueHead) {
            flushQueue();
        }
        for (int i = 0, n = values.size(); i < n; i++) {
            Object value = values.get(i);
            long ts;
            try {
                ts = clock.onItem(value);
                wm = clock.watermark();
            } catch (Throwable e) {
                throw StepException.withMessage("clock in window step '" + stepId + "' failed on item "
                        + StepException.shorten(value) + ": " + (e instanceof IllegalArgumentException
                        && e.getMessage() != null ? e.getMessage() : e.toString()), stepId, value, e);
            }
            if (ts < wm) {
                ids.clear();
                windower.lateFor(ts, ids);
                for (int j = 0; j < ids.size(); j++) {
                    out.accept(new WindowEvent.Late(new WindowValue<>(ids.get(j), value)));
                }
            } else if (direct) {
                insert(value, ts);
            } else {
                enqueue(value, ts);
            }
        }
        flush(wm);
        return finish();
    }

    private Scratch acquire() {
        Scratch s = SCRATCH.get();
        if (s.busy) {
            // A window logic that runs another flow on this thread: that flow's drivers get their own.
            s = new Scratch();
        }
        s.busy = true;
        scratch = s;
        ids = s.ids;
        return s;
    }

    private void release(Scratch s) {
        s.busy = false;
        scratch = null;
        ids = null;
        out = null;
    }

    /** Values are timed during the call; those that wait are copied into the queue. */
    @Override
    public boolean keepsValues() {
        return false;
    }

    @Override
    public boolean onNotify(Consumer<? super Object> emit) {
        cachedNotify = null;
        return wake(emit, clock.onNotify());
    }

    @Override
    public boolean onEof(Consumer<? super Object> emit) {
        return wake(emit, clock.onEof());
    }

    private boolean wake(Consumer<? super Object> emit, long wm) {
        @SuppressWarnings("unchecked")
        Consumer<Object> sink = (Consumer<Object>) emit;
        out = sink;
        Scratch s = acquire();
        try {
            flush(wm);
            return finish();
        } finally {
            release(s);
        }
    }

    private boolean finish() {
        boolean empty = queueHead == queueEnd && (logics == null ? lastLogic == null : logics.isEmpty());
        if (empty) {
            // Compact form: nothing open, nothing queued; keep only the clock and the windower's counters.
            logics = null;
            lastLogic = null;
            queueValues = null;
            queueTimes = null;
            queueHead = 0;
            queueEnd = 0;
            queueInOrder = true;
        }
        return empty && windower.isEmpty() ? DISCARD : RETAIN;
    }

    private void enqueue(Object value, long ts) {
        if (queueValues == null) {
            queueValues = new Object[4];
            queueTimes = new long[4];
        } else if (queueEnd == queueValues.length) {
            int size = queueEnd - queueHead;
            if (size * 2 > queueValues.length) {
                queueValues = Arrays.copyOfRange(queueValues, queueHead, queueHead + size * 2);
                queueTimes = Arrays.copyOfRange(queueTimes, queueHead, queueHead + size * 2);
            } else {
                // Mostly emptied from the head: slide the rest down instead of growing.
                System.arraycopy(queueValues, queueHead, queueValues, 0, size);
                System.arraycopy(queueTimes, queueHead, queueTimes, 0, size);
                Arrays.fill(queueValues, size, queueEnd, null);
            }
            queueHead = 0;
            queueEnd = size;
        }
        if (queueEnd > queueHead && ts < queueTimes[queueEnd - 1]) {
            queueInOrder = false;
        }
        queueValues[queueEnd] = value;
        queueTimes[queueEnd] = ts;
        queueEnd++;
    }

    /** Applies every queued value in arrival order and empties the queue. */
    private void flushQueue() {
        for (int i = queueHead; i < queueEnd; i++) {
            insert(queueValues[i], queueTimes[i]);
            queueValues[i] = null;
        }
        queueHead = 0;
        queueEnd = 0;
        queueInOrder = true;
    }

    private void flush(long wm) {
        if (queueEnd > queueHead) {
            if (!ordered) {
                flushQueue();
            } else if (queueInOrder) {
                flushPrefix(wm);
            } else {
                flushOrdered(wm);
            }
        }
        handleMerged();
        windower.closeFor(wm, this);
    }

    /**
     * {@link #flushOrdered} for a queue whose timestamps never decrease: the due values are the prefix up
     * to {@code wm}, already stably sorted, so only they are read; the rest is not touched.
     */
    private void flushPrefix(long wm) {
        int i = queueHead;
        while (i < queueEnd && queueTimes[i] <= wm) {
            Object value = queueValues[i];
            queueValues[i] = null;
            // Advanced before the call: a failing logic leaves the values before it applied and gone.
            queueHead = ++i;
            insert(value, queueTimes[i - 1]);
        }
        if (queueHead == queueEnd) {
            queueHead = 0;
            queueEnd = 0;
        }
    }

    /** Applies the queued values with {@code ts <= wm}, stably sorted by timestamp; keeps the rest queued. */
    private void flushOrdered(long wm) {
        int queueSize = queueEnd - queueHead;
        Scratch s = scratch;
        if (s.values.length < queueSize) {
            s.values = new Object[Math.max(queueSize, s.values.length * 2)];
            s.times = new long[s.values.length];
        }
        Object[] dueValues = s.values;
        long[] dueTimes = s.times;
        int due = 0;
        int kept = 0;
        boolean sorted = true;
        boolean keptInOrder = true;
        for (int i = queueHead; i < queueEnd; i++) {
            long ts = queueTimes[i];
            Object value = queueValues[i];
            if (ts <= wm) {
                if (due > 0 && ts < dueTimes[due - 1]) {
                    sorted = false;
                }
                dueValues[due] = value;
                dueTimes[due] = ts;
                due++;
            } else {
                if (kept > 0 && ts < queueTimes[kept - 1]) {
                    keptInOrder = false;
                }
                queueValues[kept] = value;
                queueTimes[kept] = ts;
                kept++;
            }
        }
        Arrays.fill(queueValues, kept, queueEnd, null);
        queueHead = 0;
        queueEnd = kept;
        queueInOrder = keptInOrder;
        if (!sorted) {
            sortByTime(dueValues, dueTimes, due);
        }
        for (int i = 0; i < due; i++) {
            insert(dueValues[i], dueTimes[i]);
            dueValues[i] = null;
        }
    }

    /** Stable sort of the first {@code n} entries by time. */
    private static void sortByTime(Object[] values, long[] times, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
        Object[] v = Arrays.copyOf(values, n);
        long[] t = Arrays.copyOf(times, n);
        for (int i = 0; i < n; i++) {
            values[i] = v[order[i]];
            times[i] = t[order[i]];
        }
    }

    private void insert(Object value, long ts) {
        if (oneWindow) {
            apply(windower.openWindow(ts), value);
            return;
        }
        ids.clear();
        windower.openFor(ts, ids);
        for (int j = 0, n = ids.size(); j < n; j++) {
            apply(ids.get(j), value);
        }
    }

    private void apply(long id, Object value) {
        WindowLogic<Object, Object, Object> logic;
        if (lastLogic != null && id == lastLogicId) {
            logic = lastLogic;
        } else if (logics == null && lastLogic == null) {
            logic = build(null);
            lastLogic = logic;
            lastLogicId = id;
        } else {
            LongMap<WindowLogic<Object, Object, Object>> open = logics();
            logic = open.get(id);
            if (logic == null) {
                logic = build(null);
                open.put(id, logic);
            }
            lastLogic = logic;
            lastLogicId = id;
        }
        currentId = id;
        logic.onValue(value, this);
    }

    private void handleMerged() {
        ids.clear();
        windower.merged(ids);
        for (int j = 0; j + 1 < ids.size(); j += 2) {
            long original = ids.get(j);
            long target = ids.get(j + 1);
            if (original != target && (logics != null || lastLogic != null)) {
                LongMap<WindowLogic<Object, Object, Object>> open = logics();
                WindowLogic<Object, Object, Object> from = open.remove(original);
                lastLogic = null;
                WindowLogic<Object, Object, Object> into = open.get(target);
                if (from != null && into != null) {
                    currentId = target;
                    into.onMerge(from, this);
                }
            }
        }
    }

    /** A window closed: its logic's last values, then its metadata. */
    @Override
    public void closed(long windowId, WindowMetadata meta) {
        WindowLogic<Object, Object, Object> logic;
        if (logics != null) {
            logic = logics.remove(windowId);
        } else {
            logic = lastLogic != null && lastLogicId == windowId ? lastLogic : null;
        }
        lastLogic = null;
        if (logic != null) {
            currentId = windowId;
            logic.onClose(this);
        }
        out.accept(new WindowEvent.Meta(new WindowValue<>(windowId, meta)));
    }

    /** A window logic emitted {@code w}: label it with the current window's id. */
    @Override
    public void accept(Object w) {
        out.accept(new WindowValue<>(currentId, w));
    }

    /** The map of open windows, made on first need with the one open window so far in it. */
    private LongMap<WindowLogic<Object, Object, Object>> logics() {
        if (logics == null) {
            logics = new LongMap<>();
            if (lastLogic != null) {
                logics.put(lastLogicId, lastLogic);
            }
        }
        return logics;
    }

    private WindowLogic<Object, Object, Object> build(Object state) {
        WindowLogic<Object, Object, Object> logic = builder.apply(state);
        if (logic == null) {
            throw new IllegalStateException("builder in window step '" + stepId
                    + "' must return a WindowLogic; got null instead");
        }
        return logic;
    }

    @Override
    public Instant notifyAt() {
        long at = windower.notifyAt();
        if (ordered && queueEnd > queueHead && queueTimes[queueHead] < at) {
            at = queueTimes[queueHead];
        }
        if (at == Micros.NEVER) {
            return null;
        }
        long system = clock.toSystemMicros(at);
        if (system == Micros.NEVER) {
            return null;
        }
        if (cachedNotify != null && cachedNotifyMicros <= system) {
            // Still before the earliest useful wake-up and not yet fired: keeping it spares the runtime a
            // reschedule per batch, at the cost of at most one wake-up that finds nothing to close.
            return cachedNotify;
        }
        if (system != cachedNotifyMicros || cachedNotify == null) {
            cachedNotifyMicros = system;
            cachedNotify = Micros.toInstant(system);
        }
        return cachedNotify;
    }

    @Override
    public WindowSnapshot snapshot() {
        Map<Long, Object> states = new LinkedHashMap<>();
        if (logics != null) {
            logics.forEach((id, logic) -> states.put(id, logic.snapshot()));
        } else if (lastLogic != null) {
            states.put(lastLogicId, lastLogic.snapshot());
        }
        List<WindowSnapshot.Queued> queued = new ArrayList<>(queueEnd - queueHead);
        for (int i = queueHead; i < queueEnd; i++) {
            queued.add(new WindowSnapshot.Queued(queueValues[i], Micros.toInstant(queueTimes[i])));
        }
        return new WindowSnapshot(clock.snapshot(), windower.snapshot(), states, queued);
    }

    /** Whether the key holds nothing but its clock and the windower's counters (Bytewax issue #577). */
    boolean isCompact() {
        return logics == null && lastLogic == null && queueValues == null
                && (!((Object) windower instanceof SessionWindowerLogic s) || s.isCompact());
    }
}
