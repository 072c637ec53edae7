package dev.eddy.testing;

import dev.eddy.io.AbortExecution;
import dev.eddy.io.EndOfInput;
import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.io.StatefulSourcePartition;
import dev.eddy.io.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source that replays a fixed list of items, for tests and tutorials, as Bytewax's
 * {@code TestingSource}: one partition, {@code batchSize} items per activation. The list may hold
 * markers: {@link #EOF} ends the input there (a resumed run continues after it), {@link #ABORT} stops
 * the run once without end-of-input processing, and {@link #pause(Duration)} ends the batch and lets
 * system time pass before the next one.
 *
 * <pre>{@code
 * var flow = new Dataflow("testing_source_eg");
 * flow.input("inp", TestingSource.of(List.of(1, 2, 3), 2)).flatMapBatch("sizes", b -> List.of(b.size()))
 *     .inspect("out");
 * Runner.runMain(flow);
 * // testing_source_eg.out: 2
 * // testing_source_eg.out: 1
 * }</pre>
 *
 * @param <T> the item type
 */
public final class TestingSource<T> implements FixedPartitionedSource<T, Integer> {

    /** Ends the input at this point; a resumed run continues after it. */
    public static final Object EOF = new Marker("EOF");

    /** Aborts the run at this point, once; a resumed run skips it. */
    public static final Object ABORT = new Marker("ABORT");

    /** The items when they were given as a collection or array, else {@code null}. */
    private final List<Object> items;
    /** The items when they were given as some other {@code Iterable}, read as a run needs them. */
    private final Iterable<?> lazyItems;
    private final int batchSize;
    /** The indexes of the abort markers that have fired. */
    private final Set<Integer> abortTriggered = ConcurrentHashMap.newKeySet();

    private TestingSource(List<Object> items, Iterable<?> lazyItems, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("TestingSource batchSize must be at least 1; got " + batchSize
                    + " instead");
        }
        this.items = items;
        this.lazyItems = lazyItems;
        this.batchSize = batchSize;
    }

    /** The items, one per batch. */
    @SafeVarargs
    public static <T> TestingSource<T> of(T... items) {
        Objects.requireNonNull(items, "TestingSource items can't be null");
        List<Object> copy = new ArrayList<>(items.length);
        for (T item : items) {
            copy.add(item);
        }
        return new TestingSource<>(copy, null, 1);
    }

    /**
     * The items (and markers, if they hold any), {@code batchSize} per batch. A collection is copied;
     * any other {@code Iterable} is read lazily, a batch at a time, so it may be endless, as Bytewax's
     * {@code TestingSource(itertools.count())} is. Each run (and each resume) iterates it again from the
     * start and skips the items read before, so an {@code Iterable} that can be iterated only once runs
     * only once.
     *
     * <pre>{@code
     * Iterable<Integer> naturals = () -> java.util.stream.Stream.iterate(0, i -> i + 1).iterator();
     * var part = TestingSource.of(naturals, 100).buildPart("eg.inp", "iterable", null);
     * System.out.println(part.nextBatch().size() + " items, next index " + part.snapshot());
     * // 100 items, next index 100
     * }</pre>
     */
    public static <T> TestingSource<T> of(Iterable<? extends T> items, int batchSize) {
        Objects.requireNonNull(items, "TestingSource items can't be null");
        if (items instanceof Collection<? extends T> collection) {
            return new TestingSource<>(new ArrayList<>(collection), null, batchSize);
        }
        return new TestingSource<>(null, items, batchSize);
    }

    /**
     * Items of type {@code T} mixed with markers, {@code batchSize} per batch.
     *
     * <pre>{@code
     * TestingSource<Integer> src = TestingSource.withMarkers(Integer.class, 1,
     *     List.of(1, 2, TestingSource.pause(Duration.ofSeconds(5)), 3, TestingSource.EOF, 4));
     * }</pre>
     */
    public static <T> TestingSource<T> withMarkers(Class<T> type, int batchSize, List<?> itemsAndMarkers) {
        Objects.requireNonNull(type, "TestingSource type can't be null");
        Objects.requireNonNull(itemsAndMarkers, "TestingSource items can't be null");
        for (int i = 0; i < itemsAndMarkers.size(); i++) {
            Object item = itemsAndMarkers.get(i);
            if (item != null && !(item instanceof Marker) && !(item instanceof Pause) && !type.isInstance(item)) {
                throw new IllegalArgumentException("TestingSource item " + i + " must be a " + type.getName()
                        + " or a marker; got " + item.getClass().getName() + " (" + item + ") instead");
            }
        }
        return new TestingSource<>(new ArrayList<>(itemsAndMarkers), null, batchSize);
    }

    /** A marker that ends the batch and holds the next one back for {@code duration} of system time. */
    public static Object pause(Duration duration) {
        Objects.requireNonNull(duration, "TestingSource.pause duration can't be null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("TestingSource.pause duration must not be negative; got "
                    + duration + " instead");
        }
        return new Pause(duration);
    }

    @Override
    public List<String> listParts() {
        return List.of("iterable");
    }

    @Override
    public StatefulSourcePartition<T, Integer> buildPart(String stepId, String forPart, Integer resumeState) {
        return new Part(resumeState == null ? 0 : resumeState);
    }

    @Override
    public String toString() {
        String what = items != null ? items.size() + " items" : "an Iterable read lazily";
        return "TestingSource(" + what + ", batchSize=" + batchSize + ")";
    }

    /** A marker that is not an item. */
    private record Marker(String name) implements java.io.Serializable {
        @Override
        public String toString() {
            return "TestingSource." + name;
        }
    }

    /** The pause marker. */
    private record Pause(Duration duration) implements java.io.Serializable {
        @Override
        public String toString() {
            return "TestingSource.pause(" + duration + ")";
        }
    }

    /**
     * The one partition: reads the items from an index, which is its snapshot. Every marker it passes
     * counts as read, except an abort that fires: a resumed run reads that marker again and skips it,
     * as it has fired.
     */
    private final class Part implements StatefulSourcePartition<T, Integer> {
        private static final Object END = new Object();
        private final Iterator<?> lazy;
        private int next;
        private RuntimeException pending;
        private Instant awake;

        Part(int start) {
            if (items != null) {
                if (start < 0 || start > items.size()) {
                    throw badResume(start, items.size());
                }
                lazy = null;
            } else {
                if (start < 0) {
                    throw new IllegalArgumentException("TestingSource resume state must be an index of 0 or more; got "
                            + start + " instead");
                }
                lazy = Objects.requireNonNull(lazyItems.iterator(), "TestingSource items' iterator() returned null");
                for (int skipped = 0; skipped < start; skipped++) {
                    if (!lazy.hasNext()) {
                        throw badResume(start, skipped);
                    }
                    lazy.next();
                }
            }
            this.next = start;
        }

        private static IllegalArgumentException badResume(int start, int size) {
            return new IllegalArgumentException("TestingSource resume state must be an index from 0 to " + size
                    + "; got " + start + " instead");
        }

        /** The item at {@code next}, or {@link #END}; reading it from a lazy iterable moves past it. */
        private Object read() {
            if (lazy == null) {
                return next < items.size() ? items.get(next) : END;
            }
            return lazy.hasNext() ? lazy.next() : END;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<T> nextBatch() {
            if (pending != null) {
                throw pending;
            }
            awake = null;
            List<T> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize) {
                Object item = read();
                if (item == END) {
                    break;
                }
                if (item == ABORT && abortTriggered.add(next)) {
                    // The marker stays unread: every later call throws this, and a resume reads it again.
                    pending = new AbortExecution();
                    break;
                }
                next++;
                if (item == EOF) {
                    pending = new EndOfInput();
                    break;
                } else if (item instanceof Pause pause) {
                    Instant now = WallClock.current().now();
                    // A pause past the end of time lasts until the run is stopped.
                    awake = WallClock.plusOrNever(now, pause.duration());
                    break;
                } else if (item != ABORT) {
                    batch.add((T) item);
                }
            }
            if (batch.isEmpty() && pending == null && awake == null) {
                throw new EndOfInput();
            }
            return batch;
        }

        @Override
        public Instant nextAwake() {
            return awake;
        }

        @Override
        public Integer snapshot() {
            return next;
        }
    }
}
