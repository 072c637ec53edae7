package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.testing.TestingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A key's window state resumed from its snapshot carries on exactly as if it had never stopped. */
class WindowSnapshotTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private final TestingClock system = TestingClock.at(T0);

    private WindowDriver driver(Windower<?> windower, WindowSnapshot resume) {
        EventClock<Integer> clock = new EventClock<Integer>(s -> T0.plusSeconds(s), Duration.ofSeconds(3))
                .withNowGetter(system::now);
        Function<List<Integer>, WindowLogic<Integer, List<Integer>, List<Integer>>> builder = state ->
                new FoldWindowLogic<Integer, List<Integer>>((acc, v) -> {
                    List<Integer> next = new ArrayList<>(acc);
                    next.add(v);
                    return next;
                }, (a, b) -> {
                    List<Integer> both = new ArrayList<>(a);
                    both.addAll(b);
                    return both;
                }, state == null ? List.of() : state);
        return new WindowDriver("eg.w", clock, windower, builder, true, resume);
    }

    private List<Object> play(Windower<?> windower, boolean resumeHalfway) {
        List<Object> out = new ArrayList<>();
        WindowDriver d = driver(windower, null);
        d.onBatch(List.of(1, 5, 2), out::add);
        d.onBatch(List.of(9, 4), out::add);
        system.advance(Duration.ofSeconds(1));
        if (resumeHalfway) {
            d = driver(windower, d.snapshot());
        }
        d.onBatch(List.of(12, 7, 30), out::add);
        d.onNotify(out::add);
        d.onEof(out::add);
        return out;
    }

    @Test
    void slidingWindowsResumeWithTheirQueueAndClock() {
        var windower = new SlidingWindower(Duration.ofSeconds(10), Duration.ofSeconds(5), T0);
        List<Object> straight = play(windower, false);
        system.set(T0);
        assertThat(play(windower, true)).isEqualTo(straight).isNotEmpty();
    }

    @Test
    void sessionsResumeWithTheirIdsAndClock() {
        var windower = new SessionWindower(Duration.ofSeconds(2));
        List<Object> straight = play(windower, false);
        system.set(T0);
        assertThat(play(windower, true)).isEqualTo(straight).hasSizeGreaterThan(4);
    }
}
