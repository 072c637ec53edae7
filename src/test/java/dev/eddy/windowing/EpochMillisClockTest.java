package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link EventClock#ofEpochMillis} reads primitive times yet behaves exactly as the same clock on instants. */
class EpochMillisClockTest {

    private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void timestampsAndWatermarksMatchTheInstantClockOnShuffledTimes() {
        Random random = new Random(7);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            times.add(NOW.toEpochMilli() + i * 100L - random.nextInt(5_000));
        }
        Duration wait = Duration.ofSeconds(2);
        ClockLogic<Long, EventClockState> millis = EventClock.ofEpochMillis((Long t) -> t, wait)
                .withNowGetter(() -> NOW).build(null);
        ClockLogic<Long, EventClockState> instants = EventClock.withWait((Long t) -> Instant.ofEpochMilli(t), wait)
                .withNowGetter(() -> NOW).build(null);
        millis.beforeBatch();
        instants.beforeBatch();
        for (long t : times) {
            assertThat(millis.onItem(t)).isEqualTo(instants.onItem(t));
            assertThat(millis.watermark()).isEqualTo(instants.watermark());
        }
        assertThat(millis.snapshot()).isEqualTo(instants.snapshot());
    }

    @Test
    void negativeMillisBeforeTheEpochRoundLikeInstants() {
        ClockLogic<Long, EventClockState> logic = EventClock.ofEpochMillis((Long t) -> t, Duration.ZERO)
                .withNowGetter(() -> NOW).build(null);
        logic.beforeBatch();
        assertThat(logic.onItem(-1L)).isEqualTo(Micros.of(Instant.ofEpochMilli(-1)));
    }

    @Test
    void aTimeOutsideYearsOneTo9999IsRejectedWithTheInstantClocksMessage() {
        long tooLate = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();
        ClockLogic<Long, EventClockState> millis = EventClock.ofEpochMillis((Long t) -> t, Duration.ZERO)
                .withNowGetter(() -> NOW).build(null);
        ClockLogic<Long, EventClockState> instants = EventClock.withNoWait((Long t) -> Instant.ofEpochMilli(t))
                .withNowGetter(() -> NOW).build(null);
        String expected = catchMessage(instants, tooLate);
        assertThatThrownBy(() -> millis.onItem(tooLate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(expected).hasMessageContaining("+10000-01-01T00:00:00Z");
    }

    @Test
    void theLastMillisecondOfYear9999IsAccepted() {
        long last = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        ClockLogic<Long, EventClockState> logic = EventClock.ofEpochMillis((Long t) -> t, Duration.ZERO)
                .withNowGetter(() -> NOW).build(null);
        logic.beforeBatch();
        assertThat(logic.onItem(last)).isEqualTo(Micros.of(Instant.ofEpochMilli(last)));
    }

    private static String catchMessage(ClockLogic<Long, EventClockState> logic, long t) {
        try {
            logic.onItem(t);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("the instant clock accepted " + t);
    }
}
