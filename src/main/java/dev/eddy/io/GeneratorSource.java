package dev.eddy.io;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.io.Serializable;
import java.util.function.LongFunction;

/**
 * Makes item {@code i} from its index, one every {@code interval}, endlessly or up to a
 * {@link #limit(long)}: the source for a live demo, a load test, or a stream of made-up events. Item
 * {@code i} is due {@code i} intervals after the run starts, by the run's clock; a generator that falls
 * behind emits every item due at once, up to {@value #MAX_BATCH} per batch, and a zero interval emits
 * as fast as the flow takes them. A {@code null} from the function skips that index. The snapshot is
 * the next index, so a resumed run carries on from there (its schedule starts again at the resume).
 *
 * <pre>{@code
 * var flow = new Dataflow("generator_eg");
 * flow.input("inp", GeneratorSource.of(i -> "event " + i + " at " + WallClock.current().now(),
 *         Duration.ofMillis(500)).limit(3))
 *     .inspect("out");
 * Runner.runMain(flow, TestingClock.at(Instant.parse("2024-01-01T00:00:00Z")));
 * // generator_eg.out: event 0 at 2024-01-01T00:00:00Z
 * // generator_eg.out: event 1 at 2024-01-01T00:00:00.500Z
 * // generator_eg.out: event 2 at 2024-01-01T00:00:01Z
 * }</pre>
 *
 * @param <T> the item type
 */
public final class GeneratorSource<T> implements FixedPartitionedSource<T, Long> {

    /**
     * Makes item {@code i}: a {@link LongFunction} that is also {@link Serializable}, so that a flow reading this
     * source can be shipped to a cluster.
     */
    @FunctionalInterface
    public interface Generator<T> extends LongFunction<T>, Serializable {
    }

    /** The most items one batch holds. */
    public static final int MAX_BATCH = 1000;

    private final Generator<? extends T> generator;
    private final Duration interval;
    private final long limit;

    private GeneratorSource(Generator<? extends T> generator, Duration interval, long limit) {
        this.generator = generator;
        this.interval = interval;
        this.limit = limit;
    }

    /**
     * An endless source whose item {@code i} is {@code generator.apply(i)}, one every {@code interval}.
     *
     * <pre>{@code
     * var part = GeneratorSource.of(i -> i * 10, Duration.ZERO).limit(3).buildPart("eg.inp", "generator", null);
     * System.out.println(Partitions.drain(part));
     * // [0, 10, 20]
     * }</pre>
     */
    public static <T> GeneratorSource<T> of(Generator<? extends T> generator, Duration interval) {
        Objects.requireNonNull(generator, "GeneratorSource generator can't be null");
        Objects.requireNonNull(interval, "GeneratorSource interval can't be null");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("GeneratorSource interval must not be negative; got " + interval
                    + " instead");
        }
        return new GeneratorSource<>(generator, interval, Long.MAX_VALUE);
    }

    /** This source, ending after the items with indexes {@code 0} to {@code count - 1}. */
    public GeneratorSource<T> limit(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("GeneratorSource limit must not be negative; got " + count
                    + " instead");
        }
        return new GeneratorSource<>(generator, interval, count);
    }

    @Override
    public List<String> listParts() {
        return List.of("generator");
    }

    @Override
    public StatefulSourcePartition<T, Long> buildPart(String stepId, String forPart, Long resumeState) {
        long start = resumeState == null ? 0 : resumeState;
        if (start < 0 || start > limit) {
            throw new IllegalArgumentException("GeneratorSource resume state must be an index from 0 to "
                    + (limit == Long.MAX_VALUE ? "any" : limit) + "; got " + start + " instead");
        }
        return new Part(start, WallClock.current().now());
    }

    @Override
    public String toString() {
        return "GeneratorSource(every " + interval + (limit == Long.MAX_VALUE ? "" : ", " + limit + " items") + ")";
    }

    /** The one partition: emits every index that is due. */
    private final class Part implements StatefulSourcePartition<T, Long> {
        private final long first;
        private final Instant start;
        private long next;
        private Instant awake;

        Part(long first, Instant start) {
            this.first = first;
            this.start = start;
            this.next = first;
        }

        /** When index {@code i} is due; past the end of time for one too far off. */
        private Instant due(long i) {
            try {
                return start.plus(interval.multipliedBy(i - first));
            } catch (ArithmeticException | java.time.DateTimeException tooFar) {
                return Instant.MAX;
            }
        }

        @Override
        public List<T> nextBatch() {
            if (next >= limit) {
                throw new EndOfInput();
            }
            Instant now = WallClock.current().now();
            List<T> batch = new ArrayList<>();
            int looked = 0;
            while (next < limit && looked < MAX_BATCH && !due(next).isAfter(now)) {
                T item = generator.apply(next);
                next++;
                looked++;
                if (item != null) {
                    batch.add(item);
                }
            }
            awake = next < limit ? due(next) : null;
            return batch;
        }

        @Override
        public Instant nextAwake() {
            return awake;
        }

        @Override
        public Long snapshot() {
            return next;
        }
    }
}
