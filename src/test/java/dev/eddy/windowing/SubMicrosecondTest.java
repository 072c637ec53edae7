package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Windowing counts in whole microseconds, as Bytewax's {@code timedelta} does: a window length, offset or
 * gap with a part of a microsecond is rejected when built, instead of being cut down (to zero, for less
 * than one, which then divided by zero on the first item).
 */
class SubMicrosecondTest {

    private static final Duration HALF_A_MICROSECOND = Duration.ofNanos(500);

    @Test
    void aTumblingLengthUnderAMicrosecondIsRejectedNamingTheParameter() {
        assertThatThrownBy(() -> new TumblingWindower(HALF_A_MICROSECOND, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TumblingWindower length must be a whole number of microseconds; got PT0.0000005S instead");
    }

    @Test
    void aSlidingOffsetUnderAMicrosecondIsRejectedNamingTheParameter() {
        assertThatThrownBy(() -> new SlidingWindower(Duration.ofSeconds(1), HALF_A_MICROSECOND, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SlidingWindower offset must be a whole number of microseconds; got PT0.0000005S instead");
    }

    @Test
    void aSessionGapUnderAMicrosecondIsRejectedNamingTheParameter() {
        assertThatThrownBy(() -> new SessionWindower(HALF_A_MICROSECOND))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SessionWindower gap must be a whole number of microseconds; got PT0.0000005S instead");
    }

    @Test
    void aLengthWithAPartOfAMicrosecondIsRejectedRatherThanCutDown() {
        assertThatThrownBy(() -> new TumblingWindower(Duration.ofNanos(1_500), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a whole number of microseconds; got PT0.0000015S instead");
    }
}
