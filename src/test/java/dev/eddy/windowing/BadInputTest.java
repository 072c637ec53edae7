package dev.eddy.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.StepException;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BadInputTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    record Click(String user, Instant at) {
    }

    @Test
    void negativeSessionGapIsRejectedNamingTheGap() {
        assertThatThrownBy(() -> new SessionWindower(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SessionWindower gap must be zero or more; got PT-1S instead");
    }

    @Test
    void zeroSessionGapIsAllowedAsInBytewax() {
        assertThat(new SessionWindower(Duration.ZERO).gap()).isZero();
    }

    @Test
    void zeroOrNegativeLengthsAreRejectedNamingTheLength() {
        assertThatThrownBy(() -> new TumblingWindower(Duration.ZERO, T0))
                .hasMessageStartingWith("TumblingWindower length must be positive; got PT0S instead");
        assertThatThrownBy(() -> new SlidingWindower(Duration.ofSeconds(-5), Duration.ofSeconds(1), T0))
                .hasMessageStartingWith("SlidingWindower length must be positive; got PT-5S instead");
    }

    @Test
    void zeroSlidingOffsetIsRejectedWhereBytewaxWouldDivideByZero() {
        assertThatThrownBy(() -> new SlidingWindower(Duration.ofSeconds(10), Duration.ZERO, T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SlidingWindower offset must be positive; got PT0S instead");
    }

    @Test
    void offsetLongerThanLengthIsRejected() {
        assertThatThrownBy(() -> new SlidingWindower(Duration.ofSeconds(5), Duration.ofSeconds(6), T0))
                .hasMessage("SlidingWindower offset must be at most length; got offset=PT6S, length=PT5S instead;"
                        + " there would be gaps between windows");
    }

    @Test
    void alignmentOutsideYearsOneTo9999IsRejected() {
        assertThatThrownBy(() -> new TumblingWindower(Duration.ofSeconds(1), Instant.parse("+10000-01-01T00:00:00Z")))
                .hasMessageStartingWith("TumblingWindower alignTo must be between 0001-01-01T00:00:00Z and");
    }

    @Test
    void negativeWaitIsRejected() {
        assertThatThrownBy(() -> new EventClock<Click>(Click::at, Duration.ofSeconds(-1)))
                .hasMessageStartingWith("EventClock waitForSystemDuration must be zero or more; got PT-1S instead");
    }

    @Test
    void nullTimestampStopsTheRunNamingTheStepAndTheItem() {
        StepException e = runWithGetter(c -> c.user().equals("bob") ? null : c.at());
        assertThat(e.getMessage())
                .startsWith("clock in window step 'bad.clicks.fold_window.window' failed on item Click[user=bob")
                .contains("must return an Instant; got null instead");
        assertThat(e.stepId()).isEqualTo("bad.clicks.fold_window.window");
        assertThat(e.item()).isEqualTo(new Click("bob", T0));
    }

    @Test
    void throwingTimestampGetterStopsTheRunKeepingTheCause() {
        StepException e = runWithGetter(c -> {
            throw new IllegalStateException("no time for " + c.user());
        });
        assertThat(e.getMessage()).contains("'bad.clicks.fold_window.window'").contains("Click[user=ann");
        assertThat(e).hasRootCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("no time for ann");
    }

    @Test
    void timestampAfterYear9999StopsTheRun() {
        StepException e = runWithGetter(c -> Instant.parse("+10000-01-01T00:00:00Z"));
        assertThat(e.getMessage()).contains("EventClock timestamp must be between");
    }

    private static StepException runWithGetter(dev.eddy.dataflow.SerializableFunction<Click, Instant> getter) {
        Dataflow flow = new Dataflow("bad");
        var keyed = flow.input("inp", TestingSource.of(new Click("ann", T0), new Click("bob", T0)))
                .keyOn("user", Click::user);
        Windowing.collectWindow("clicks", keyed, EventClock.withNoWait(getter),
                new TumblingWindower(Duration.ofSeconds(10), T0)).down().inspect("out");
        try {
            Runner.runMain(flow);
        } catch (StepException e) {
            return e;
        }
        throw new AssertionError("the run should have stopped");
    }
}
