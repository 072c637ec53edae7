package dev.eddy.bench;

import static dev.eddy.bench.Windows.WAIT;

import dev.eddy.bench.nexmark.Bid;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The upper bound: each query as one single-purpose loop over the items, with Bytewax's semantics (a watermark per
 * key at the key's latest time minus 4 s, an item before it is late and dropped, a window closes once the
 * watermark reaches its end) but no engine: no batches, no steps, no boxing of times.
 */
public final class HandLoops implements Engine {

    @Override
    public String name() {
        return "hand loop";
    }

    @Override
    public List<?> run(Workload workload, List<?> items) {
        return switch (workload.query()) {
            case FOLD_1KEY -> fold(items);
            case COLLECT_2KEYS -> collect(items);
            case Q5 -> hotItems(items);
            case Q7 -> highestBid(items);
            case Q11 -> sessions(items);
            default -> throw new IllegalArgumentException("no hand loop for " + workload);
        };
    }

    private static List<WindowCount> fold(List<?> items) {
        List<WindowCount> out = new ArrayList<>();
        TreeMap<Long, long[]> open = new TreeMap<>();
        long max = Long.MIN_VALUE;
        for (Object item : items) {
            Tick tick = (Tick) item;
            long t = tick.time();
            max = Math.max(max, t);
            long watermark = max - WAIT;
            if (t < watermark) {
                continue;
            }
            open.computeIfAbsent(Windows.tumblingStart(t, Windows.MINUTE), s -> new long[1])[0]++;
            while (!open.isEmpty() && open.firstKey() + Windows.MINUTE <= watermark) {
                Map.Entry<Long, long[]> closed = open.pollFirstEntry();
                out.add(new WindowCount(tick.key(), closed.getKey(), closed.getValue()[0]));
            }
        }
        open.forEach((start, count) -> out.add(new WindowCount(0, start, count[0])));
        return out;
    }

    /** One key's open collect windows and watermark. */
    private static final class Collecting {
        final TreeMap<Long, List<Long>> open = new TreeMap<>();
        long max = Long.MIN_VALUE;
    }

    private static List<WindowList> collect(List<?> items) {
        List<WindowList> out = new ArrayList<>();
        Map<Long, Collecting> keys = new HashMap<>();
        for (Object item : items) {
            Tick tick = (Tick) item;
            Collecting key = keys.computeIfAbsent(tick.key(), k -> new Collecting());
            long t = tick.time();
            key.max = Math.max(key.max, t);
            long watermark = key.max - WAIT;
            if (t < watermark) {
                continue;
            }
            key.open.computeIfAbsent(Windows.tumblingStart(t, Windows.MINUTE), s -> new ArrayList<>()).add(t);
            while (key.open.firstKey() + Windows.MINUTE <= watermark) {
                Map.Entry<Long, List<Long>> closed = key.open.pollFirstEntry();
                out.add(WindowList.of(tick.key(), closed.getKey(), closed.getValue()));
            }
        }
        keys.forEach((k, key) -> key.open.forEach((start, times) -> out.add(WindowList.of(k, start, times))));
        return out;
    }

    private static List<HotItems> hotItems(List<?> items) {
        List<HotItems> out = new ArrayList<>();
        TreeMap<Long, Map<Long, long[]>> open = new TreeMap<>();
        long max = Long.MIN_VALUE;
        int perItem = (int) (Windows.Q5_LENGTH / Windows.Q5_SLIDE);
        for (Object item : items) {
            if (!(item instanceof Bid bid)) {
                continue;
            }
            long t = bid.dateTime();
            max = Math.max(max, t);
            long watermark = max - WAIT;
            if (t < watermark) {
                continue;
            }
            long last = Windows.tumblingStart(t, Windows.Q5_SLIDE);
            for (int k = 0; k < perItem; k++) {
                long start = last - k * Windows.Q5_SLIDE;
                open.computeIfAbsent(start, s -> new HashMap<>()).computeIfAbsent(bid.auction(), a -> new long[1])[0]++;
            }
            while (open.firstKey() + Windows.Q5_LENGTH <= watermark) {
                Map.Entry<Long, Map<Long, long[]>> closed = open.pollFirstEntry();
                out.add(HotItems.of(closed.getKey(), closed.getValue()));
            }
        }
        open.forEach((start, counts) -> out.add(HotItems.of(start, counts)));
        return out;
    }

    private static List<HighestBid> highestBid(List<?> items) {
        List<HighestBid> out = new ArrayList<>();
        TreeMap<Long, Bid> open = new TreeMap<>();
        long max = Long.MIN_VALUE;
        for (Object item : items) {
            if (!(item instanceof Bid bid)) {
                continue;
            }
            long t = bid.dateTime();
            max = Math.max(max, t);
            long watermark = max - WAIT;
            if (t < watermark) {
                continue;
            }
            open.merge(Windows.tumblingStart(t, Windows.Q7_LENGTH), bid,
                    (a, b) -> Bid.BY_PRICE.compare(a, b) >= 0 ? a : b);
            while (open.firstKey() + Windows.Q7_LENGTH <= watermark) {
                Map.Entry<Long, Bid> closed = open.pollFirstEntry();
                out.add(HighestBid.of(closed.getKey(), closed.getValue()));
            }
        }
        open.forEach((start, bid) -> out.add(HighestBid.of(start, bid)));
        return out;
    }

    /** One bidder's open sessions, each {start, last, count}, and watermark. */
    private static final class Bidder {
        final List<long[]> open = new ArrayList<>(1);
        long max = Long.MIN_VALUE;
    }

    private static List<Session> sessions(List<?> items) {
        List<Session> out = new ArrayList<>();
        Map<Long, Bidder> bidders = new HashMap<>();
        long gap = Windows.Q11_GAP;
        for (Object item : items) {
            if (!(item instanceof Bid bid)) {
                continue;
            }
            Bidder bidder = bidders.computeIfAbsent(bid.bidder(), b -> new Bidder());
            long t = bid.dateTime();
            bidder.max = Math.max(bidder.max, t);
            long watermark = bidder.max - WAIT;
            if (t < watermark) {
                continue;
            }
            long[] into = null;
            for (Iterator<long[]> it = bidder.open.iterator(); it.hasNext(); ) {
                long[] s = it.next();
                if (t >= s[0] - gap && t <= s[1] + gap) {
                    if (into == null) {
                        into = s;
                        s[0] = Math.min(s[0], t);
                        s[1] = Math.max(s[1], t);
                        s[2]++;
                    } else {
                        into[0] = Math.min(into[0], s[0]);
                        into[1] = Math.max(into[1], s[1]);
                        into[2] += s[2];
                        it.remove();
                    }
                }
            }
            if (into == null) {
                bidder.open.add(new long[] {t, t, 1});
            }
            for (Iterator<long[]> it = bidder.open.iterator(); it.hasNext(); ) {
                long[] s = it.next();
                if (s[1] < watermark - gap) {
                    out.add(new Session(bid.bidder(), s[0], s[1], s[2]));
                    it.remove();
                }
            }
        }
        bidders.forEach((b, bidder) -> bidder.open.forEach(s -> out.add(new Session(b, s[0], s[1], s[2]))));
        return out;
    }
}
