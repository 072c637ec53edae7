package dev.eddy.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SimplePollingSourceTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    /** Runs {@code source} on a testing clock that starts at {@code start}; each item is stamped with its time. */
    private static List<String> run(Source<String> source, Instant start) {
        List<String> out = new ArrayList<>();
        Dataflow flow = new Dataflow("poll");
        flow.input("inp", source).map("stamp", x -> x + "@" + Duration.between(T0, WallClock.current().now()))
                .output("out", new TestingSink<>(out));
        Runner.runMain(flow, TestingClock.at(start));
        return out;
    }

    /** Returns the given answers in turn, then ends the input. */
    private static Supplier<String> answers(String... answers) {
        int[] calls = {0};
        return () -> {
            if (calls[0] == answers.length) {
                throw new EndOfInput();
            }
            return answers[calls[0]++];
        };
    }

    @Test
    void pollsOnceAtTheStartAndThenEveryInterval() {
        var source = SimplePollingSource.of(Duration.ofSeconds(10), answers("a", "b", "c"));

        assertThat(run(source, T0)).containsExactly("a@PT0S", "b@PT10S", "c@PT20S");
    }

    @Test
    void nullMeansNothingThisTimeAndThePollAfterComesAnIntervalLater() {
        var source = SimplePollingSource.of(Duration.ofSeconds(10), answers("a", null, null, "d"));

        assertThat(run(source, T0)).containsExactly("a@PT0S", "d@PT30S");
    }

    @Test
    void alignToMovesTheFirstPollToTheNextMultipleOfTheIntervalFromIt() {
        var source = SimplePollingSource.of(Duration.ofSeconds(10), T0, answers("a", "b"));

        assertThat(run(source, T0.plusSeconds(3))).containsExactly("a@PT10S", "b@PT20S");
    }

    @Test
    void aStartExactlyOnAnAlignedMarkPollsAtOnce() {
        var source = SimplePollingSource.of(Duration.ofSeconds(10), T0.minusSeconds(60), answers("a", "b"));

        assertThat(run(source, T0)).containsExactly("a@PT0S", "b@PT10S");
    }

    @Test
    void retryPollsAgainAfterItsTimeoutInsteadOfTheInterval() {
        int[] calls = {0};
        var source = SimplePollingSource.<String>of(Duration.ofSeconds(10), () -> {
            calls[0]++;
            if (calls[0] == 2) {
                throw new SimplePollingSource.Retry(Duration.ofSeconds(1));
            }
            if (calls[0] == 4) {
                throw new EndOfInput();
            }
            return "call" + calls[0];
        });

        assertThat(run(source, T0)).containsExactly("call1@PT0S", "call3@PT11S");
    }

    @Test
    void aSubclassOverridesNextItemAsInBytewax() {
        var source = new SimplePollingSource<String>(Duration.ofMinutes(1)) {
            private int n;

            @Override
            public String nextItem() {
                if (n == 2) {
                    throw new EndOfInput();
                }
                return "tick" + n++;
            }
        };

        assertThat(run(source, T0)).containsExactly("tick0@PT0S", "tick1@PT1M");
    }

    @Test
    void hasOnePartitionNamedSingletonThatKeepsNoResumeState() {
        var source = SimplePollingSource.of(Duration.ofSeconds(1), () -> "x");
        var part = source.buildPart("eg.inp", "singleton", null);

        assertThat(source.listParts()).containsExactly("singleton");
        assertThat(part.nextBatch()).containsExactly("x");
        assertThat(part.snapshot()).isNull();
    }

    @Test
    void anIntervalThatIsNotPositiveIsRejected() {
        assertThatThrownBy(() -> SimplePollingSource.of(Duration.ZERO, () -> "x"))
                .hasMessage("SimplePollingSource interval must be positive; got PT0S instead");
    }

    @Test
    void aNegativeRetryTimeoutIsRejected() {
        assertThatThrownBy(() -> new SimplePollingSource.Retry(Duration.ofSeconds(-1)))
                .hasMessage("SimplePollingSource.Retry timeout must not be negative; got PT-1S instead");
    }
}
