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
import java.util.List;
import java.util.Objects;

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

    private final List<Object> items;
    private final int batchSize;
    private final boolean[] abortTriggered;

    private TestingSource(List<Object> items, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("TestingSource batchSize must be at least 1; got " + batchSize
                    + " instead");
        }
        this.items = items;
        this.batchSize = batchSize;
        this.abortTriggered = new boolean[items.size()];
    }

    /** The items, one per batch. */
    @SafeVarargs
    public static <T> TestingSource<T> of(T... items) {
        Objects.requireNonNull(items, "TestingSource items can't be null");
        List<Object> copy = new ArrayList<>(items.length);
        for (T item : items) {
            copy.add(item);
        }
        return new TestingSource<>(copy, 1);
    }

    /** The items (and markers, if the list holds any), {@code batchSize} per batch. */
    public static <T> TestingSource<T> of(Iterable<? extends T> items, int batchSize) {
        Objects.requireNonNull(items, "TestingSource items can't be null");
        List<Object> copy;
        if (items instanceof Collection<? extends T> collection) {
            copy = new ArrayList<>(collection);
        } else {
            copy = new ArrayList<>();
            items.forEach(copy::add);
        }
        return new TestingSource<>(copy, batchSize);
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
        return new TestingSource<>(new ArrayList<>(itemsAndMarkers), batchSize);
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
        return "TestingSource(" + items.size() + " items, batchSize=" + batchSize + ")";
    }

    /** A marker that is not an item. */
    private record Marker(String name) {
        @Override
        public String toString() {
            return "TestingSource." + name;
        }
    }

    /** The pause marker. */
    private record Pause(Duration duration) {
        @Override
        public String toString() {
            return "TestingSource.pause(" + duration + ")";
        }
    }

    /**
     * The one partition: reads the list from an index, which is its snapshot. Every marker it passes
     * counts as read, except an abort that fires: a resumed run reads that marker again and skips it,
     * as it has fired.
     */
    private final class Part implements StatefulSourcePartition<T, Integer> {
        private int next;
        private RuntimeException pending;
        private Instant awake;

        Part(int start) {
            if (start < 0 || start > items.size()) {
                throw new IllegalArgumentException("TestingSource resume state must be an index from 0 to "
                        + items.size() + "; got " + start + " instead");
            }
            this.next = start;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<T> nextBatch() {
            if (pending != null) {
                throw pending;
            }
            awake = null;
            List<T> batch = new ArrayList<>(batchSize);
            while (next < items.size() && batch.size() < batchSize) {
                Object item = items.get(next);
                if (item == ABORT && !abortTriggered[next]) {
                    abortTriggered[next] = true;
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
                    awake = pause.duration().compareTo(Duration.between(now, Instant.MAX)) >= 0 ? Instant.MAX
                            : now.plus(pause.duration());
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
