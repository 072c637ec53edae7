package dev.eddy.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Each key's one pending wake-up time, kept in the key's slot. Rescheduling leaves the old entry in the
 * queue; it is skipped when it surfaces, which keeps scheduling at O(log n) without a search and without a
 * map from keys to times beside the slots.
 */
final class Timers {

    private record Entry(Instant at, StatefulNode.Slot slot) {
        boolean isLive() {
            return at.equals(slot.scheduled);
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.at.compareTo(b.at));
    /** How many slots have a wake-up time. */
    private int scheduled;

    /** Sets the slot's wake-up time; {@code null} cancels it. */
    void schedule(StatefulNode.Slot slot, Instant at) {
        Instant previous = slot.scheduled;
        if (at == null) {
            if (previous != null) {
                slot.scheduled = null;
                scheduled--;
            }
            return;
        }
        if (previous == null) {
            scheduled++;
        } else if (at.equals(previous)) {
            return;
        }
        slot.scheduled = at;
        queue.add(new Entry(at, slot));
        if (queue.size() > 2 * scheduled + 1024) {
            compact();
        }
    }

    /**
     * Drops the entries that rescheduling left behind. Keys that move their wake-up time often (a window
     * operator on replayed history) would otherwise grow the queue by one entry per reschedule until each
     * surfaced, so memory would follow the input's length rather than the number of keys.
     */
    private void compact() {
        queue.removeIf(entry -> !entry.isLive());
    }

    /** The slots whose time is at or before {@code now}, in no particular order; each fires once. */
    List<StatefulNode.Slot> popDue(Instant now) {
        List<StatefulNode.Slot> due = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peek().at.isAfter(now)) {
            Entry entry = queue.poll();
            if (entry.isLive()) {
                entry.slot.scheduled = null;
                scheduled--;
                due.add(entry.slot);
            }
        }
        return due;
    }

    /** The earliest live wake-up time, or {@code null}. */
    Instant earliest() {
        while (!queue.isEmpty()) {
            Entry head = queue.peek();
            if (head.isLive()) {
                return head.at;
            }
            queue.poll();
        }
        return null;
    }
}
