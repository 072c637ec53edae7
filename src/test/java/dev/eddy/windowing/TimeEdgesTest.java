package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timestamps at the ends of Bytewax's range, years 1 and 9999, don't overflow any arithmetic. */
class TimeEdgesTest {

    private static final Instant ALIGN = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant YEAR_1 = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant YEAR_9999 = Instant.parse("9999-12-31T23:59:59.999999Z");

    record Row(String key, Instant at) {
    }

    @Test
    void tumblingIdsAtYearsOneAnd9999AreExactFloorDivisions() {
        var windower = new TumblingWindower(Duration.ofSeconds(7), ALIGN);
        List<KV<String, WindowValue<WindowMetadata>>> meta = run(windower, Duration.ZERO);
        assertThat(meta).extracting(kv -> kv.value().windowId())
                .containsExactlyInAnyOrder(floorSeconds(YEAR_1, 7), floorSeconds(YEAR_9999, 7));
        WindowMetadata last = meta.stream().filter(kv -> kv.key().equals("b")).findFirst().orElseThrow().value().value();
        assertThat(last.openTime()).isBefore(YEAR_9999);
        assertThat(last.closeTime()).isAfter(YEAR_9999);
    }

    @Test
    void slidingWindowsAtYearsOneAnd9999OpenAndClose() {
        var windower = new SlidingWindower(Duration.ofDays(3), Duration.ofDays(1), ALIGN);
        List<KV<String, WindowValue<WindowMetadata>>> meta = run(windower, Duration.ZERO);
        long first = floorSeconds(YEAR_1, 86_400);
        long last = floorSeconds(YEAR_9999, 86_400);
        assertThat(meta).extracting(kv -> kv.value().windowId())
                .containsExactlyInAnyOrder(first - 2, first - 1, first, last - 2, last - 1, last);
    }

    @Test
    void sessionsAtYearsOneAnd9999CloseAtEndOfInput() {
        List<KV<String, WindowValue<WindowMetadata>>> meta = run(new SessionWindower(Duration.ofDays(365)),
                Duration.ofDays(999_999_999));
        assertThat(meta).extracting(kv -> kv.value().value().openTime()).containsExactlyInAnyOrder(YEAR_1, YEAR_9999);
    }

    @Test
    void eventClockWithTheLongestWaitKeepsTheWatermarkAtYearOne() {
        var logic = new EventClock<Instant>(t -> t, Duration.ofDays(999_999_999)).withNowGetter(() -> ALIGN).build(null);
        logic.beforeBatch();
        assertThat(logic.onItem(YEAR_9999)).isEqualTo(Micros.UTC_MAX);
        assertThat(logic.watermark()).isEqualTo(Micros.UTC_MIN);
        assertThat(logic.onItem(YEAR_1)).isEqualTo(Micros.UTC_MIN);
        assertThat(logic.watermark()).isEqualTo(Micros.UTC_MIN);
    }

    @Test
    void microsecondConstantsAreBytewaxsUtcMinAndMax() {
        assertThat(Micros.toInstant(Micros.UTC_MIN)).isEqualTo(YEAR_1);
        assertThat(Micros.toInstant(Micros.UTC_MAX)).isEqualTo(YEAR_9999);
        assertThat(Micros.of(Duration.ofDays(999_999_999))).isEqualTo(Micros.NEVER);
    }

    /** Year 1 for key "a" and year 9999 for key "b", each alone in its key, closed at end of input. */
    private static List<KV<String, WindowValue<WindowMetadata>>> run(Windower<?> windower, Duration wait) {
        Dataflow flow = new Dataflow("edges");
        var keyed = flow.input("inp", TestingSource.of(new Row("a", YEAR_1), new Row("b", YEAR_9999)))
                .keyOn("key", Row::key);
        var out = Windowing.countWindow("count", keyed.keyRm("rm"), new EventClock<Row>(Row::at, wait), windower,
                Row::key);
        List<KV<String, WindowValue<WindowMetadata>>> meta = new ArrayList<>();
        out.meta().output("meta", new TestingSink<>(meta));
        List<KV<String, WindowValue<Long>>> late = new ArrayList<>();
        out.late().map("late", kv -> KV.of(kv.key(), new WindowValue<>(kv.value().windowId(), 0L)))
                .output("late_out", new TestingSink<>(late));
        Runner.runMain(flow, TestingClock.at(ALIGN));
        assertThat(late).isEmpty();
        return meta;
    }

    private static long floorSeconds(Instant t, long seconds) {
        BigInteger micros = BigInteger.valueOf(Duration.between(ALIGN, t).getSeconds()).multiply(BigInteger.valueOf(1_000_000))
                .add(BigInteger.valueOf(Duration.between(ALIGN, t).getNano() / 1000));
        BigInteger[] qr = micros.divideAndRemainder(BigInteger.valueOf(seconds * 1_000_000));
        BigInteger q = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
        return q.longValueExact();
    }
}
