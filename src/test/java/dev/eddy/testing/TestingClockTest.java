package dev.eddy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.io.WallClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestingClockTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void readsItsStartUntilMoved() {
        var clock = TestingClock.at(T0);

        assertThat(clock.now()).isEqualTo(T0);
        assertThat(clock.now()).isEqualTo(T0);
    }

    @Test
    void advanceMovesItForward() {
        var clock = TestingClock.at(T0);

        clock.advance(Duration.ofSeconds(2));
        clock.advance(Duration.ofMillis(500));

        assertThat(clock.now()).isEqualTo(T0.plusMillis(2_500));
    }

    @Test
    void advanceRefusesToGoBackwards() {
        var clock = TestingClock.at(T0);

        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .hasMessage("TestingClock.advance duration must not be negative; got PT-1S instead;"
                        + " use set(time) to move the clock back");
        assertThat(clock.now()).isEqualTo(T0);
    }

    @Test
    void setMayMoveItBackwards() {
        var clock = TestingClock.at(T0);

        clock.set(T0.minusSeconds(60));

        assertThat(clock.now()).isEqualTo(T0.minusSeconds(60));
    }

    @Test
    void sleepUntilJumpsToTheDeadlineButNeverBack() {
        var clock = TestingClock.at(T0);

        clock.sleepUntil(T0.plusSeconds(30));
        clock.sleepUntil(T0.plusSeconds(10));

        assertThat(clock.now()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void isTheCurrentClockInsideUsingAndNotAfter() {
        var clock = TestingClock.at(T0);

        Instant inside = WallClock.using(clock, () -> WallClock.current().now());

        assertThat(inside).isEqualTo(T0);
        assertThat(WallClock.current()).isSameAs(WallClock.system());
    }
}
