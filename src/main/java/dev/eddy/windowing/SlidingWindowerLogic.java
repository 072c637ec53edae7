package dev.eddy.windowing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytewax's {@code _SlidingWindowerLogic} on microseconds: ids by floor division, open windows kept in
 * the order they opened, closed when {@code close <= watermark}.
 */
final class SlidingWindowerLogic implements WindowerLogic<SlidingState> {

    private final long length;
    private final long offset;
    private final long alignTo;
    /** Open ids in opening order; {@code present} answers membership without a scan. */
    private long[] opened = new long[4];
    private int openCount;
    private final LongMap<Boolean> present = new LongMap<>();
    private long minId = Long.MAX_VALUE;
    /**
     * Timestamps in {@code [idsFrom, idsUntil)} are covered by ids {@code idsFirst} to {@code idsLast}: in-order
     * input mostly stays in one such span, so most values need no division. Empty until the first value.
     */
    private long idsFrom = 1;
    private long idsUntil = 0;
    private long idsFirst;
    private long idsLast;

    SlidingWindowerLogic(long length, long offset, long alignTo, SlidingState resume) {
        this.length = length;
        this.offset = offset;
        this.alignTo = alignTo;
        if (resume != null) {
            resume.openIds().forEach(this::open);
        }
    }

    /** The first id of the windows covering {@code ts}. */
    long firstId(long ts) {
        return Math.floorDiv(ts - alignTo - length, offset) + 1;
    }

    /** The last id of the windows covering {@code ts}. */
    long lastId(long ts) {
        return Math.floorDiv(ts - alignTo, offset);
    }

    /** Sets {@link #idsFirst} and {@link #idsLast} for {@code ts}, and the span of timestamps they hold for. */
    private void coverIds(long ts) {
        if (ts >= idsFrom && ts < idsUntil) {
            return;
        }
        idsFirst = firstId(ts);
        idsLast = lastId(ts);
        try {
            // lastId(ts) == idsLast exactly for ts in [alignTo + idsLast * offset, + offset), and
            // firstId(ts) == idsFirst for ts in [alignTo + length + (idsFirst - 1) * offset, + offset).
            long lastFrom = Math.addExact(alignTo, Math.multiplyExact(idsLast, offset));
            long firstFrom = Math.addExact(Math.addExact(alignTo, length),
                    Math.multiplyExact(idsFirst - 1, offset));
            idsFrom = Math.max(lastFrom, firstFrom);
            idsUntil = Math.min(Math.addExact(lastFrom, offset), Math.addExact(firstFrom, offset));
        } catch (ArithmeticException e) {
            idsFrom = 1;
            idsUntil = 0;
        }
    }

    @Override
    public void openFor(long timestamp, WindowIds out) {
        coverIds(timestamp);
        long last = idsLast;
        for (long id = idsFirst; id <= last; id++) {
            openIfNew(id);
            out.add(id);
        }
    }

    /** Tumbling windows: each timestamp is in exactly one. */
    @Override
    public boolean opensOneWindow() {
        return length == offset;
    }

    @Override
    public long openWindow(long timestamp) {
        coverIds(timestamp);
        long id = idsFirst;
        openIfNew(id);
        return id;
    }

    private void openIfNew(long id) {
        if (!(openCount > 0 && opened[openCount - 1] == id) && present.get(id) == null) {
            open(id);
        }
    }

    private void open(long id) {
        if (openCount == opened.length) {
            opened = Arrays.copyOf(opened, openCount * 2);
        }
        opened[openCount++] = id;
        present.put(id, Boolean.TRUE);
        if (id < minId) {
            minId = id;
        }
    }

    @Override
    public void lateFor(long timestamp, WindowIds out) {
        long last = lastId(timestamp);
        for (long id = firstId(timestamp); id <= last; id++) {
            out.add(id);
        }
    }

    @Override
    public void merged(WindowIds out) {
        // Sliding windows never merge.
    }

    @Override
    public void closeFor(long watermark, ClosedSink out) {
        // UTC_MAX (end of input) closes every window, also those that end after year 9999.
        boolean all = watermark >= Micros.UTC_MAX;
        if (openCount == 0 || (closeOf(minId) > watermark && !all)) {
            return;
        }
        int kept = 0;
        long newMin = Long.MAX_VALUE;
        for (int i = 0; i < openCount; i++) {
            long id = opened[i];
            if (all || closeOf(id) <= watermark) {
                present.remove(id);
                out.closed(id, metadata(id));
            } else {
                opened[kept++] = id;
                newMin = Math.min(newMin, id);
            }
        }
        openCount = kept;
        minId = newMin;
    }

    private long closeOf(long id) {
        return alignTo + id * offset + length;
    }

    WindowMetadata metadata(long id) {
        long open = alignTo + id * offset;
        return new WindowMetadata(Micros.toInstant(open), Micros.toInstant(open + length));
    }

    @Override
    public long notifyAt() {
        return openCount == 0 ? Micros.NEVER : closeOf(minId);
    }

    @Override
    public boolean isEmpty() {
        return openCount == 0;
    }

    @Override
    public SlidingState snapshot() {
        List<Long> ids = new ArrayList<>(openCount);
        for (int i = 0; i < openCount; i++) {
            ids.add(opened[i]);
        }
        return new SlidingState(ids);
    }
}
