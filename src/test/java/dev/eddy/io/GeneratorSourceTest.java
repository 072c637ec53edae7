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
import org.junit.jupiter.api.Test;

class GeneratorSourceTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static List<String> runStamped(Source<?> source) {
        List<String> out = new ArrayList<>();
        Dataflow flow = new Dataflow("gen");
        flow.input("inp", source).map("stamp", x -> x + "@" + Duration.between(T0, WallClock.current().now()))
                .output("out", new TestingSink<>(out));
        Runner.runMain(flow, TestingClock.at(T0));
        return out;
    }

    @Test
    void aLimitedGeneratorEmitsItemIAtIIntervalsAfterTheStart() {
        var source = GeneratorSource.of(i -> i * i, Duration.ofSeconds(1)).limit(4);

        assertThat(runStamped(source)).containsExactly("0@PT0S", "1@PT1S", "4@PT2S", "9@PT3S");
    }

    @Test
    void anEndlessGeneratorResumesAtTheNextIndex() {
        var source = GeneratorSource.of(i -> "e" + i, Duration.ZERO);
        var first = source.buildPart("eg.inp", "generator", null);
        assertThat(first.nextBatch()).hasSize(GeneratorSource.MAX_BATCH).startsWith("e0").endsWith("e999");

        var resumed = source.buildPart("eg.inp", "generator", first.snapshot());

        assertThat(first.snapshot()).isEqualTo(1000L);
        assertThat(resumed.nextBatch()).startsWith("e1000", "e1001");
    }

    @Test
    void aZeroIntervalEmitsAsFastAsItCanInFullBatches() {
        assertThat(Flows.batchSizes(GeneratorSource.of(i -> i, Duration.ZERO).limit(2500)))
                .containsExactly(1000, 1000, 500);
    }

    @Test
    void aGeneratorThatFallsBehindCatchesUpInOneBatch() {
        var clock = TestingClock.at(T0);
        var part = WallClock.using(clock, () -> GeneratorSource.of(i -> i, Duration.ofSeconds(1))
                .buildPart("eg.inp", "generator", null));
        assertThat(WallClock.using(clock, part::nextBatch)).containsExactly(0L);
        assertThat(part.nextAwake()).isEqualTo(T0.plusSeconds(1));

        clock.advance(Duration.ofMillis(3500));

        assertThat(WallClock.using(clock, part::nextBatch)).containsExactly(1L, 2L, 3L);
        assertThat(part.nextAwake()).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void nullSkipsAnIndex() {
        var source = GeneratorSource.of(i -> i % 2 == 0 ? i : null, Duration.ofSeconds(1)).limit(5);

        assertThat(runStamped(source)).containsExactly("0@PT0S", "2@PT2S", "4@PT4S");
    }

    @Test
    void aNegativeIntervalOrLimitIsRejected() {
        assertThatThrownBy(() -> GeneratorSource.of(i -> i, Duration.ofSeconds(-1)))
                .hasMessage("GeneratorSource interval must not be negative; got PT-1S instead");
        assertThatThrownBy(() -> GeneratorSource.of(i -> i, Duration.ZERO).limit(-1))
                .hasMessage("GeneratorSource limit must not be negative; got -1 instead");
    }
}
