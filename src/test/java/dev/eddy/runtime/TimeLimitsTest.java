package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.io.DynamicSource;
import dev.eddy.io.StatelessSourcePartition;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Durations and times at the ends of their range: accepted when the flow is built, so a run handles them
 * (a time past the end of time is "never") instead of failing mid-run with {@code long overflow} or a
 * {@code DateTimeException}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)   // guards against a hang, asserts no timing
class TimeLimitsTest {

    private static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final Dataflow flow = new Dataflow("limits");

    /** Runs the flow on a thread, stops it once {@code seen} holds {@code count} items, and returns what it threw. */
    private Throwable runUntil(Execution run, List<?> seen, int count) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                run.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        worker.start();
        while (seen.size() < count && worker.isAlive()) {
            Thread.sleep(5);
        }
        run.stop();
        worker.join();
        return thrown.get();
    }

    @Test
    void anEpochIntervalOfTheLongestDurationRunsAsOneEpoch() {
        List<Integer> out = new ArrayList<>();
        flow.input("inp", TestingSource.of(1, 2)).output("out", new TestingSink<>(out));
        List<Long> epochs = new ArrayList<>();
        Runner.runMain(flow, RunOptions.defaults().withEpochInterval(LONGEST)
                .withSnapshots((step, key, epoch, state) -> epochs.add(epoch)));
        assertThat(out).containsExactly(1, 2);
        assertThat(epochs).containsOnly(1L);
    }

    @Test
    void aCollectTimeoutOfTheLongestDurationNeverFiresAndEndOfInputEmits() {
        List<Object> out = new ArrayList<>();
        flow.input("inp", TestingSource.of("a", "b")).keyOn("k", x -> "all")
                .collect("batch", LONGEST, 10).output("out", new TestingSink<>(out));
        Runner.runMain(flow, TestingClock.at(T0));
        assertThat(out).extracting(Object::toString).containsExactly("(all, [a, b])");
    }

    @Test
    void aPauseOfTheLongestDurationLastsUntilTheRunIsStopped() throws InterruptedException {
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        flow.input("inp", TestingSource.withMarkers(Integer.class, 1, List.of(1, TestingSource.pause(LONGEST), 2)))
                .output("out", new TestingSink<>(out));
        Throwable thrown = runUntil(Runner.prepare(flow, RunOptions.defaults().withClock(TestingClock.at(T0))), out, 1);
        assertThat(thrown).isNull();
        assertThat(out).containsExactly(1);
    }

    @Test
    void aSourceWhoseNextAwakeIsInstantMaxIsNeverPolledAgainAndTheClockStaysPut() throws InterruptedException {
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        DynamicSource<Integer> once = (stepId, worker, workers) -> new StatelessSourcePartition<>() {
            private boolean sent;

            @Override
            public List<Integer> nextBatch() {
                if (sent) {
                    throw new IllegalStateException("polled again");
                }
                sent = true;
                return List.of(1);
            }

            @Override
            public Instant nextAwake() {
                return Instant.MAX;
            }
        };
        flow.input("inp", once).output("out", new TestingSink<>(out));
        TestingClock clock = TestingClock.at(T0);
        Throwable thrown = runUntil(Runner.prepare(flow, RunOptions.defaults().withClock(clock)), out, 1);
        assertThat(thrown).isNull();
        assertThat(out).containsExactly(1);
        assertThat(clock.now()).isBefore(Instant.MAX);
    }

    @Test
    void aTestingClockNearInstantMaxRunsAFlow() {
        List<Integer> out = new ArrayList<>();
        flow.input("inp", TestingSource.withMarkers(Integer.class, 1,
                List.of(1, TestingSource.pause(Duration.ofSeconds(5)), 2))).output("out", new TestingSink<>(out));
        TestingClock clock = TestingClock.at(Instant.MAX.minusSeconds(1));
        Runner.runMain(flow, clock);
        assertThat(out).containsExactly(1, 2);
    }

    @Test
    void advancingATestingClockPastInstantMaxIsRejectedNamingTheLimit() {
        TestingClock clock = TestingClock.at(Instant.MAX.minusSeconds(1));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("TestingClock.advance must keep the clock at or before " + Instant.MAX);
    }
}
