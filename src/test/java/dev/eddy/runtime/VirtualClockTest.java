package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.StatefulBatchLogic;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class VirtualClockTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    /** Asks to be woken at {@code T0} every time, but is only done once the clock reaches {@code ready}. */
    private static final class StaleWakeUp implements StatefulBatchLogic<String, String, String> {
        private final TestingClock clock;
        private final Instant ready;
        private boolean done;

        StaleWakeUp(TestingClock clock, Instant ready) {
            this.clock = clock;
            this.ready = ready;
        }

        @Override
        public boolean onBatch(List<String> values, Consumer<? super String> out) {
            return RETAIN;
        }

        @Override
        public boolean onNotify(Consumer<? super String> out) {
            if (!done && !clock.now().isBefore(ready)) {
                done = true;
                out.accept("ready at " + clock.now());
            }
            return RETAIN;
        }

        @Override
        public boolean onEof(Consumer<? super String> out) {
            return DISCARD;
        }

        @Override
        public Instant notifyAt() {
            return done ? null : T0;
        }

        @Override
        public String snapshot() {
            return null;
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aTimerThatStaysDueLetsVirtualTimeMoveOnAsARealClockWould() {
        var clock = TestingClock.at(T0);
        var flow = new Dataflow("virtual");
        var source = TestingSource.withMarkers(String.class, 1, List.of("a", TestingSource.pause(Duration.ofSeconds(10))));
        var woken = flow.input("inp", source).keyOn("k", x -> x)
                .statefulBatch("stale", (String resume) -> new StaleWakeUp(clock, T0.plusSeconds(2)));
        List<KV<String, String>> out = new ArrayList<>();
        woken.output("out", new TestingSink<>(out));

        Runner.runMain(flow, clock);

        assertThat(out).containsExactly(KV.of("a", "ready at 2024-01-01T00:00:02Z"));
    }
}
