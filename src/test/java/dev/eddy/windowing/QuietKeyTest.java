package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A quiet key's watermark moves with system time: its windows close once {@code wait} has passed
 * after their close time, without new items and before end of input (Bytewax's {@code notify_at}).
 */
class QuietKeyTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    record Reading(String sensor, int second) {
        Instant at() {
            return T0.plusSeconds(second);
        }
    }

    private List<Object> run(List<?> itemsAndPauses, boolean ordered) {
        Dataflow flow = new Dataflow("quiet");
        var keyed = flow.input("inp", TestingSource.withMarkers(Reading.class, 1, itemsAndPauses))
                .keyOn("sensor", Reading::sensor);
        // Event time runs with system time here, so wake when the watermark will have passed: close + wait.
        // (Bytewax's identity default wakes at the close time and then on every step until then, #578,
        // which never ends under a TestingClock that only moves while the worker rests.)
        var clock = new EventClock<Reading>(Reading::at, Duration.ofSeconds(5)).withToSystemUtc(t -> t.plusSeconds(5));
        var out = Windowing.collectWindow("w", keyed, clock,
                new TumblingWindower(Duration.ofSeconds(10), T0), ordered);
        List<Object> seen = new ArrayList<>();
        out.down().map("ids", kv -> kv.key() + ":" + kv.value().windowId()).output("out", new TestingSink<>(seen));
        Runner.runMain(flow, TestingClock.at(T0));
        return seen;
    }

    @Test
    void quietKeysWindowClosesWhenSystemTimePassesItsCloseTimePlusWait() {
        // Without the wake-up, end of input would flush "a" before "b" (sorted key order).
        List<Object> seen = run(List.of(new Reading("b", 1), TestingSource.pause(Duration.ofSeconds(20)),
                new Reading("a", 1)), false);
        assertThat(seen).containsExactly("b:0", "a:0");
    }

    @Test
    void orderedModeWakesForValuesWaitingInTheQueue() {
        // The only value of "b" waits in the ordered queue (ts 1 > watermark -4) until system time moves it.
        List<Object> seen = run(List.of(new Reading("b", 1), TestingSource.pause(Duration.ofSeconds(20)),
                new Reading("a", 1)), true);
        assertThat(seen).containsExactly("b:0", "a:0");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)   // guards against a hang, asserts no timing
    void bytewaxsIdentityWakeUpTimeAlsoClosesTheQuietKeysWindowUnderATestingClock() {
        Dataflow flow = new Dataflow("quiet");
        var keyed = flow.input("inp", TestingSource.withMarkers(Reading.class, 1, List.of(new Reading("b", 1),
                TestingSource.pause(Duration.ofSeconds(20)), new Reading("a", 1)))).keyOn("sensor", Reading::sensor);
        var out = Windowing.collectWindow("w", keyed, new EventClock<Reading>(Reading::at, Duration.ofSeconds(5)),
                new TumblingWindower(Duration.ofSeconds(10), T0));
        List<Object> seen = new ArrayList<>();
        out.down().map("ids", kv -> kv.key() + ":" + kv.value().windowId()).output("out", new TestingSink<>(seen));
        Runner.runMain(flow, TestingClock.at(T0));
        assertThat(seen).containsExactly("b:0", "a:0");
    }

    @Test
    void withoutSystemTimePassingBothWindowsWaitForEndOfInputInKeyOrder() {
        List<Object> seen = run(List.of(new Reading("b", 1), new Reading("a", 1)), true);
        assertThat(seen).containsExactly("a:0", "b:0");
    }
}
