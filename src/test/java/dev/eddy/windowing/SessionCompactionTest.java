package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.testing.TestingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Bytewax keeps every key's session state forever (issue #577). Eddy keeps it too, so session ids are
 * never reused and the watermark is kept, but once a key has no open session and nothing queued it
 * shrinks to its clock and next session id.
 */
class SessionCompactionTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final TestingClock system = TestingClock.at(T0);
    private final List<Object> out = new ArrayList<>();

    private WindowDriver sessionDriver() {
        EventClock<Integer> clock = new EventClock<Integer>(s -> T0.plusSeconds(s), Duration.ofSeconds(2))
                .withNowGetter(system::now);
        Function<List<Integer>, WindowLogic<Integer, List<Integer>, List<Integer>>> builder = resume ->
                new FoldWindowLogic<Integer, List<Integer>>(append(), (a, b) -> a, new ArrayList<>());
        return new WindowDriver("eg.sessions", clock, new SessionWindower(Duration.ofSeconds(5)), builder, true, null);
    }

    private static BiFunction<List<Integer>, Integer, List<Integer>> append() {
        return (acc, v) -> {
            acc.add(v);
            return acc;
        };
    }

    @Test
    void keyWithNoOpenSessionKeepsOnlyItsClockAndNextId() {
        WindowDriver driver = sessionDriver();
        assertThat(driver.onBatch(List.of(0, 1), out::add)).isFalse();
        assertThat(driver.isCompact()).isFalse();

        system.advance(Duration.ofSeconds(30));
        assertThat(driver.onNotify(out::add)).as("a session key is never discarded").isFalse();

        assertThat(out).containsExactly(new WindowValue<>(0, List.of(0, 1)),
                new WindowEvent.Meta(new WindowValue<>(0, new WindowMetadata(T0, T0.plusSeconds(1)))));
        assertThat(driver.isCompact()).isTrue();
        assertThat(driver.snapshot().windowerState()).isEqualTo(new SessionState(0, java.util.Map.of()));
        assertThat(driver.notifyAt()).isNull();
    }

    @Test
    void compactKeyStillReportsLateValuesAndNeverReusesASessionId() {
        WindowDriver driver = sessionDriver();
        driver.onBatch(List.of(0, 1), out::add);
        system.advance(Duration.ofSeconds(30));
        driver.onNotify(out::add);
        out.clear();

        // The watermark survived: -1 + 30 s of system time = 29 s, so 20 s is late.
        driver.onBatch(List.of(20, 40), out::add);
        driver.onEof(out::add);

        assertThat(out).containsExactly(
                new WindowEvent.Late(new WindowValue<>(-1, 20)),
                new WindowValue<>(1, List.of(40)),
                new WindowEvent.Meta(new WindowValue<>(1, new WindowMetadata(T0.plusSeconds(40), T0.plusSeconds(40)))));
        assertThat(driver.isCompact()).isTrue();
    }
}
