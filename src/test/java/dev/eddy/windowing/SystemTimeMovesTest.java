package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * System time moves between two batches of one key: Bytewax 0.21.1's differential case. A count window
 * over an event clock with a 5 s wait, tumbling 10 s windows aligned to t0, the items {@code k@t0+3s},
 * a pause of system time, then {@code k@t0+1s}, one item per batch:
 * <pre>
 *   event time   t0        +1   +3                 +10
 *                |---------- window 0 ----------------|
 *   first item        wm = t0-2s at system S0; window 0 closes when wm reaches t0+10, at S0+12
 *   pause 12 s   the second item arrives at S0+12: late (wm = t0+10), and its batch closes window 0
 *   pause 13 s   window 0 closes at S0+12 during the pause; the key starts afresh at S0+13 and the
 *                second item opens window 0 again, emitted at end of input: window 0 twice, as Bytewax does
 * </pre>
 */
class SystemTimeMovesTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant SYSTEM = Instant.parse("2030-01-01T00:00:00Z");

    record Seen(List<Object> down, List<Object> late, List<Object> meta) {
    }

    private static Seen run(Duration pause) {
        Dataflow flow = new Dataflow("moves");
        var source = TestingSource.withMarkers(Instant.class, 1,
                List.of(T0.plusSeconds(3), TestingSource.pause(pause), T0.plusSeconds(1)));
        var out = Windowing.countWindow("count", flow.input("inp", source),
                EventClock.withWait((Instant t) -> t, Duration.ofSeconds(5)),
                new TumblingWindower(Duration.ofSeconds(10), T0), t -> "k");
        Seen seen = new Seen(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        out.down().output("down", new TestingSink<>(seen.down()));
        out.late().output("late", new TestingSink<>(seen.late()));
        out.meta().output("meta", new TestingSink<>(seen.meta()));
        Runner.runMain(flow, TestingClock.at(SYSTEM));
        return seen;
    }

    private static final WindowMetadata WINDOW_0 = new WindowMetadata(T0, T0.plusSeconds(10));

    @Test
    void aLateOnlyBatchThatClosesTheKeysLastWindowDropsTheKeysWakeUpWithItsState() {
        Seen seen = run(Duration.ofSeconds(12));
        assertThat(seen.down()).containsExactly(KV.of("k", new WindowValue<>(0, 1L)));
        assertThat(seen.late()).containsExactly(KV.of("k", new WindowValue<>(0, T0.plusSeconds(1))));
        assertThat(seen.meta()).containsExactly(KV.of("k", new WindowValue<>(0, WINDOW_0)));
    }

    @Test
    void aPauseOf13SecondsClosesWindow0DuringThePauseAndTheKeyOpensItAgain() {
        Seen seen = run(Duration.ofSeconds(13));
        assertThat(seen.down()).containsExactly(KV.of("k", new WindowValue<>(0, 1L)),
                KV.of("k", new WindowValue<>(0, 1L)));
        assertThat(seen.late()).isEmpty();
        assertThat(seen.meta()).containsExactly(KV.of("k", new WindowValue<>(0, WINDOW_0)),
                KV.of("k", new WindowValue<>(0, WINDOW_0)));
    }

    @Test
    void aPauseOf20SecondsAlsoEmitsWindow0Twice() {
        Seen seen = run(Duration.ofSeconds(20));
        assertThat(seen.down()).containsExactly(KV.of("k", new WindowValue<>(0, 1L)),
                KV.of("k", new WindowValue<>(0, 1L)));
        assertThat(seen.late()).isEmpty();
    }
}
