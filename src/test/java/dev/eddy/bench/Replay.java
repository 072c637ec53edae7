package dev.eddy.bench;

import dev.eddy.bench.nexmark.Auction;
import dev.eddy.bench.nexmark.Bid;
import dev.eddy.bench.nexmark.Event;
import dev.eddy.bench.nexmark.Person;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An input played {@code times} times in a row, each pass later in event time than the one before by the input's
 * span, so the whole reads as one stream in order: the same keys again and again, as a stable population of bidders
 * or users gives. Items are made as they are read, so a long run takes no more memory than one pass. It is how the
 * benchmark runs a workload for longer than its epochs ({@code --repeat}) without a larger input.
 *
 * <pre>{@code
 * List<?> twice = Replay.of(List.of(new Tick(1, 0), new Tick(2, 999)), 2);
 * System.out.println(twice);
 * // [Tick[key=1, time=0], Tick[key=2, time=999], Tick[key=1, time=1000], Tick[key=2, time=1999]]
 * }</pre>
 */
public final class Replay extends AbstractList<Object> implements RandomAccess {

    private final List<?> pass;
    private final int times;
    /** How much later each pass is than the one before, in milliseconds: one more than the span of a pass. */
    private final long shift;

    private Replay(List<?> pass, int times) {
        this.pass = pass;
        this.times = times;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Object item : pass) {
            long time = time(item);
            min = Math.min(min, time);
            max = Math.max(max, time);
        }
        this.shift = pass.isEmpty() ? 0 : max - min + 1;
    }

    /** {@code pass} played {@code times} times; {@code pass} itself when {@code times} is 1. */
    public static List<?> of(List<?> pass, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("repeat must be at least 1; got " + times + " instead");
        }
        if ((long) pass.size() * times > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("repeat must leave at most " + Integer.MAX_VALUE + " items; got "
                    + pass.size() + " items " + times + " times instead");
        }
        return times == 1 ? pass : new Replay(pass, times);
    }

    @Override
    public Object get(int index) {
        int n = pass.size();
        if (index < 0 || index >= n * times) {
            throw new IndexOutOfBoundsException("index " + index + " of " + n * times);
        }
        Object item = pass.get(index % n);
        long by = (index / n) * shift;
        return by == 0 ? item : later(item, by);
    }

    @Override
    public int size() {
        return pass.size() * times;
    }

    private static long time(Object item) {
        if (item instanceof Tick t) {
            return t.time();
        }
        if (item instanceof Event e) {
            return e.dateTime();
        }
        throw notABenchItem(item);
    }

    private static Object later(Object item, long by) {
        if (item instanceof Bid b) {
            return new Bid(b.auction(), b.bidder(), b.price(), b.channel(), b.url(), b.dateTime() + by);
        }
        if (item instanceof Person p) {
            return new Person(p.id(), p.name(), p.emailAddress(), p.creditCard(), p.city(), p.state(),
                    p.dateTime() + by);
        }
        if (item instanceof Auction a) {
            return new Auction(a.id(), a.itemName(), a.description(), a.initialBid(), a.reserve(), a.dateTime() + by,
                    a.expires() + by, a.seller(), a.category());
        }
        if (item instanceof Tick t) {
            return new Tick(t.key(), t.time() + by);
        }
        throw notABenchItem(item);
    }

    private static IllegalArgumentException notABenchItem(Object item) {
        return new IllegalArgumentException("Replay must get Ticks or Nexmark events; got " + item + " instead");
    }
}
