package dev.eddy.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Each key's one pending wake-up time. Rescheduling leaves the old entry in the queue; it is skipped
 * when it surfaces, which keeps scheduling at O(log n) without a search.
 */
final class Timers {

    private record Entry(Instant at, Object key) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.at.compareTo(b.at));
    private final Map<Object, Instant> current = new HashMap<>();

    /** Sets the key's wake-up time; {@code null} cancels it. */
    void schedule(Object key, Instant at) {
        if (at == null) {
            current.remove(key);
            return;
        }
        Instant previous = current.put(key, at);
        if (!at.equals(previous)) {
            queue.add(new Entry(at, key));
            if (queue.size() > 2 * current.size() + 1024) {
                compact();
            }
        }
    }

    /**
     * Drops the entries that rescheduling left behind. Keys that move their wake-up time often (a window
     * operator on replayed history) would otherwise grow the queue by one entry per reschedule until each
     * surfaced, so memory would follow the input's length rather than the number of keys.
     */
    private void compact() {
        queue.clear();
        current.forEach((key, at) -> queue.add(new Entry(at, key)));
    }

    void cancel(Object key) {
        current.remove(key);
    }

    /** The keys whose time is at or before {@code now}; each fires once and is forgotten. */
    List<Object> popDue(Instant now) {
        List<Object> due = new ArrayList<>();
        while (!queue.isEmpty() && !queue.peek().at.isAfter(now)) {
            Entry entry = queue.poll();
            if (entry.at.equals(current.get(entry.key))) {
                current.remove(entry.key);
                due.add(entry.key);
            }
        }
        return due;
    }

    /** The earliest live wake-up time, or {@code null}. */
    Instant earliest() {
        while (!queue.isEmpty()) {
            Entry head = queue.peek();
            if (head.at.equals(current.get(head.key))) {
                return head.at;
            }
            queue.poll();
        }
        return null;
    }
}
