package dev.eddy.io;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Calls a function every {@code interval} and emits what it returns, as Bytewax's
 * {@code SimplePollingSource}: for a live demo, or for low-rate polling of something outside (an
 * HTTP endpoint, a sensor), on the order of seconds to hours. One partition polls, on one worker.
 *
 * <p>The first poll happens when the run starts, or, with {@code alignTo}, at the next instant an
 * integer number of intervals from {@code alignTo} (at once if the start is on such an instant);
 * every later poll one interval after the one before, by the run's clock. A poll that returns
 * {@code null} emits nothing this time; one that throws {@link Retry} polls again after the retry's
 * timeout instead of the interval; one that throws {@link EndOfInput} ends the input. It keeps no
 * resume state, so a resumed run just polls again.
 *
 * <pre>{@code
 * int[] polls = {0};
 * var flow = new Dataflow("poll_eg");
 * flow.input("inp", SimplePollingSource.of(Duration.ofSeconds(10), () -> {
 *         if (polls[0] == 3) throw new EndOfInput();
 *         return "poll " + polls[0]++ + " at " + WallClock.current().now();
 *     }))
 *     .inspect("out");
 * Runner.runMain(flow, TestingClock.at(Instant.parse("2024-01-01T00:00:00Z")));
 * // poll_eg.out: poll 0 at 2024-01-01T00:00:00Z
 * // poll_eg.out: poll 1 at 2024-01-01T00:00:10Z
 * // poll_eg.out: poll 2 at 2024-01-01T00:00:20Z
 * }</pre>
 *
 * <p>Or subclass it and override {@link #nextItem()}, as in Bytewax:
 *
 * <pre>{@code
 * class Temperature extends SimplePollingSource<Double> {
 *     Temperature() { super(Duration.ofSeconds(1)); }
 *     public Double nextItem() { return 20 + Math.random(); }
 * }
 * System.out.println(new Temperature().listParts());
 * // [singleton]
 * }</pre>
 *
 * @param <T> the item type
 */
public abstract class SimplePollingSource<T> implements FixedPartitionedSource<T, Void> {

    private final Duration interval;
    private final Instant alignTo;

    /** Polls every {@code interval}, starting when the run starts. */
    protected SimplePollingSource(Duration interval) {
        this(interval, null);
    }

    /**
     * Polls every {@code interval}, at instants an integer number of intervals from {@code alignTo}.
     *
     * @param alignTo an instant to align the polls to, in the past or the future; {@code null} for the
     *     run's start
     */
    protected SimplePollingSource(Duration interval, Instant alignTo) {
        Objects.requireNonNull(interval, "SimplePollingSource interval can't be null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("SimplePollingSource interval must be positive; got " + interval
                    + " instead");
        }
        this.interval = interval;
        this.alignTo = alignTo;
    }

    /** Polls {@code poll} every {@code interval}, starting when the run starts. */
    public static <T> SimplePollingSource<T> of(Duration interval, Supplier<? extends T> poll) {
        return of(interval, null, poll);
    }

    /** Polls {@code poll} every {@code interval}, at instants an integer number of intervals from {@code alignTo}. */
    public static <T> SimplePollingSource<T> of(Duration interval, Instant alignTo, Supplier<? extends T> poll) {
        Objects.requireNonNull(poll, "SimplePollingSource poll function can't be null");
        return new SimplePollingSource<>(interval, alignTo) {
            @Override
            public T nextItem() {
                return poll.get();
            }
        };
    }

    /**
     * The item to emit now, or {@code null} for none this time.
     *
     * @throws Retry to poll again sooner (or later) than the usual interval
     * @throws EndOfInput to end the input
     */
    public abstract T nextItem();

    @Override
    public final List<String> listParts() {
        return List.of("singleton");
    }

    @Override
    public final StatefulSourcePartition<T, Void> buildPart(String stepId, String forPart, Void resumeState) {
        return new Part(firstPoll(WallClock.current().now()));
    }

    @Override
    public String toString() {
        return "SimplePollingSource(every " + interval + (alignTo == null ? "" : ", aligned to " + alignTo) + ")";
    }

    private Instant firstPoll(Instant now) {
        if (alignTo == null) {
            return now;
        }
        BigInteger step = nanos(interval);
        BigInteger since = nanos(Duration.between(alignTo, now)).mod(step);
        return since.signum() == 0 ? now : now.plusNanos(step.subtract(since).longValueExact());
    }

    private static BigInteger nanos(Duration d) {
        return BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(d.getNano()));
    }

    /**
     * Thrown by {@link #nextItem()} when it can't get an item now and wants to be called again after
     * {@code timeout} instead of the usual interval, as Bytewax's {@code SimplePollingSource.Retry}.
     */
    public static final class Retry extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Duration timeout;

        /** Poll again after {@code timeout}. */
        public Retry(Duration timeout) {
            super("retry in " + timeout, null, false, false);
            Objects.requireNonNull(timeout, "SimplePollingSource.Retry timeout can't be null");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("SimplePollingSource.Retry timeout must not be negative; got "
                        + timeout + " instead");
            }
            this.timeout = timeout;
        }

        /** How long to wait before the next poll. */
        public Duration timeout() {
            return timeout;
        }
    }

    /** The one partition: polls when it is due and schedules the next poll. */
    private final class Part implements StatefulSourcePartition<T, Void> {
        private Instant awake;

        Part(Instant first) {
            this.awake = first;
        }

        @Override
        public List<T> nextBatch() {
            if (WallClock.current().now().isBefore(awake)) {
                // Called before the first aligned poll is due (a runtime asks once before it knows
                // the awake time): nothing yet.
                return List.of();
            }
            T item;
            try {
                item = nextItem();
            } catch (Retry retry) {
                awake = awake.plus(retry.timeout());
                return List.of();
            }
            awake = awake.plus(interval);
            return item == null ? List.of() : List.of(item);
        }

        @Override
        public Instant nextAwake() {
            return awake;
        }

        @Override
        public Void snapshot() {
            return null;
        }
    }
}
