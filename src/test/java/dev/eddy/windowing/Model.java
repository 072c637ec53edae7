package dev.eddy.windowing;

import dev.eddy.windowing.WindowingProperties.Item;
import dev.eddy.windowing.WindowingProperties.WindowSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Bytewax's windowing rules restated as plainly as possible, in whole seconds, for a clock whose
 * system time stands still: per key, watermark = max(ts - wait); late when ts < watermark; queued
 * values applied at the end of the batch (ordered: those with ts <= watermark, by ts); sessions merge
 * into the earlier-opening one; windows close in opening order; sliding keys are forgotten when
 * empty; at end of input every key flushes, in key order. It shares no code with the operators.
 */
final class Model {

    /** A window: its id, times, values in the order applied (merged windows appended), and a fold. */
    static final class Win {
        final long id;
        long open;
        long close;
        final List<Item> values = new ArrayList<>();
        final TreeSet<Long> merged = new TreeSet<>();
        int fold;

        Win(long id, long open, long close) {
            this.id = id;
            this.open = open;
            this.close = close;
        }
    }

    private static final long MIN = Long.MIN_VALUE / 4;
    private static final long MAX = Long.MAX_VALUE / 4;

    private final class Key {
        long wm = MIN;
        final List<Item> queue = new ArrayList<>();
        final LinkedHashMap<Long, Win> open = new LinkedHashMap<>();
        final List<Win[]> merges = new ArrayList<>();
        long nextSession;
    }

    final Map<String, List<Win>> closed = new TreeMap<>();
    final Map<String, List<Object>> late = new TreeMap<>();
    final Map<String, List<Object>> echo = new TreeMap<>();

    private final int wait;
    private final WindowSpec spec;
    private final boolean ordered;
    private final boolean sessions;
    private final Map<String, Key> keys = new TreeMap<>();

    Model(List<dev.eddy.dataflow.KV<String, Item>> items, int batchSize, int wait, WindowSpec spec, boolean ordered) {
        this(items, batchSize, wait, spec, ordered, false);
    }

    /**
     * @param sidesInTurn the items reach the windows side by side, as after {@code joinWindow}'s merge of
     *        its labelled sides: within each batch, side 0's items, then side 1's
     */
    Model(List<dev.eddy.dataflow.KV<String, Item>> items, int batchSize, int wait, WindowSpec spec, boolean ordered,
          boolean sidesInTurn) {
        this.wait = wait;
        this.spec = spec;
        this.ordered = ordered;
        this.sessions = spec.kind().equals("session");
        for (int start = 0; start < items.size(); start += batchSize) {
            Map<String, List<Item>> batch = new TreeMap<>();
            for (var kv : items.subList(start, Math.min(items.size(), start + batchSize))) {
                batch.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(kv.value());
            }
            if (sidesInTurn) {
                batch.values().forEach(values -> values.sort(Comparator.comparingInt(Item::side)));
            }
            batch.forEach(this::onBatch);
        }
        keys.forEach((name, key) -> flush(name, key, MAX));
    }

    private void onBatch(String name, List<Item> values) {
        Key key = keys.computeIfAbsent(name, n -> new Key());
        for (Item item : values) {
            key.wm = Math.max(key.wm, item.ts() - wait);
            if (item.ts() < key.wm) {
                for (long id : lateIds(item.ts())) {
                    late.computeIfAbsent(name, n -> new ArrayList<>()).add(new WindowValue<>(id, item));
                }
            } else {
                key.queue.add(item);
            }
        }
        flush(name, key, key.wm);
        if (!sessions && key.open.isEmpty() && key.queue.isEmpty()) {
            keys.remove(name);
        }
    }

    private void flush(String name, Key key, long wm) {
        List<Item> due = new ArrayList<>();
        List<Item> waiting = new ArrayList<>();
        for (Item item : key.queue) {
            (!ordered || item.ts() <= wm ? due : waiting).add(item);
        }
        if (ordered) {
            due.sort(Comparator.comparingInt(Item::ts));
        }
        key.queue.clear();
        key.queue.addAll(waiting);
        for (Item item : due) {
            for (Win w : windowsFor(key, item.ts())) {
                w.values.add(item);
                w.fold = w.fold * 3 + item.value();
                echo.computeIfAbsent(name, n -> new ArrayList<>()).add(new WindowValue<>(w.id, item));
            }
        }
        for (Win[] merge : key.merges) {
            merge[1].values.addAll(merge[0].values);
            merge[1].fold = merge[1].fold * 1000 + merge[0].fold;
        }
        key.merges.clear();
        for (Win w : new ArrayList<>(key.open.values())) {
            if (sessions ? w.close < wm - spec.length() : w.close <= wm) {
                key.open.remove(w.id);
                closed.computeIfAbsent(name, n -> new ArrayList<>()).add(w);
                echo.computeIfAbsent(name, n -> new ArrayList<>()).add(new WindowValue<>(w.id, List.copyOf(w.values)));
            }
        }
    }

    private List<Long> lateIds(long ts) {
        if (sessions) {
            return List.of(-1L);
        }
        List<Long> ids = new ArrayList<>();
        long guess = Math.floorDiv(ts - spec.align(), spec.offset());
        for (long k = guess - spec.length() / spec.offset() - 2; k <= guess + 1; k++) {
            long open = spec.align() + k * spec.offset();
            if (open <= ts && ts < open + spec.length()) {
                ids.add(k);
            }
        }
        return ids;
    }

    private List<Win> windowsFor(Key key, long ts) {
        List<Win> out = new ArrayList<>();
        if (!sessions) {
            for (long id : lateIds(ts)) {
                long open = spec.align() + id * spec.offset();
                out.add(key.open.computeIfAbsent(id, i -> new Win(i, open, open + spec.length())));
            }
            return out;
        }
        long gap = spec.length();
        for (Win s : key.open.values()) {
            if (s.open - gap <= ts && ts <= s.close + gap) {
                if (ts < s.open || ts > s.close) {
                    s.open = Math.min(s.open, ts);
                    s.close = Math.max(s.close, ts);
                    mergeSessions(key, gap);
                }
                return List.of(s);
            }
        }
        Win fresh = new Win(key.nextSession++, ts, ts);
        key.open.put(fresh.id, fresh);
        return List.of(fresh);
    }

    private static void mergeSessions(Key key, long gap) {
        List<Win> byOpen = new ArrayList<>(key.open.values());
        byOpen.sort(Comparator.comparingLong(w -> w.open));
        Win last = byOpen.get(0);
        for (Win next : byOpen.subList(1, byOpen.size())) {
            if (next.open - last.close <= gap) {
                last.close = Math.max(last.close, next.close);
                last.merged.add(next.id);
                key.open.remove(next.id);
                key.merges.add(new Win[] {next, last});
            } else {
                last = next;
            }
        }
    }
}
