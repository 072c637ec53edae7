package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.io.GeneratorSource;
import dev.eddy.io.SimplePollingSource;
import dev.eddy.testing.TestingSource;
import dev.eddy.windowing.WindowOut;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BoundedRecordingTest {

    @Test
    void anItemBoundStopsAnEndlessGeneratorAfterExactlyThatManyItems() {
        var flow = new Dataflow("rec_items");
        var nums = flow.input("inp", GeneratorSource.of(i -> i, Duration.ZERO));
        Results r = Capture.of(flow).stream("nums", nums).runForItems(25);
        assertThat(r.items("nums")).hasSize(25).startsWith(0L).endsWith(24L);
        assertThat(r.stopped()).isTrue();
        assertThat(r.stoppedBy()).hasValue("25 items captured");
        assertThat(r.text(TableLimits.defaults())).contains("stopped by its recording bound: 25 items captured");
    }

    @Test
    void anItemBoundWithRecoveryStopsInTheMiddleAndTheNextRunResumesFromTheStore(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) {
        dev.eddy.recovery.Recovery.initDbDir(dir, 1);
        var options = dev.eddy.runtime.RunOptions.defaults().withEpochInterval(Duration.ZERO)
                .withRecovery(dir, Duration.ZERO);
        var flow = new Dataflow("bounded_recovery");
        var nums = flow.input("inp", dev.eddy.testing.TestingSource.of(java.util.stream.IntStream.range(0, 500)
                .boxed().toList(), 10));
        var capture = Capture.of(flow).stream("nums", nums);
        Results first = capture.runForItems(50, options);
        assertThat(first.items("nums")).hasSize(50);
        assertThat(first.stoppedBy()).hasValue("50 items captured");
        Results rest = capture.run(options);
        assertThat(rest.resumed()).isPresent();
        assertThat(rest.items("nums")).last().isEqualTo(499);
        assertThat(rest.items("nums").get(0)).isNotEqualTo(0);
    }

    @Test
    void anItemBoundCountsEveryCapturedNameTogether() {
        var flow = new Dataflow("rec_both");
        var nums = flow.input("inp", GeneratorSource.of(i -> i, Duration.ZERO));
        var doubled = nums.map("double", x -> x * 2);
        Results r = Capture.of(flow).stream("nums", nums).stream("doubled", doubled).runForItems(10);
        assertThat(r.items("nums").size() + r.items("doubled").size()).isEqualTo(10);
        assertThat(r.stoppedBy()).hasValue("10 items captured");
    }

    @Test
    void aDurationBoundStopsAnEndlessPollingSourceOnceTheDurationPassed() {
        var flow = new Dataflow("rec_time");
        AtomicLong polls = new AtomicLong();
        var nums = flow.input("inp", SimplePollingSource.of(Duration.ofMillis(20), polls::incrementAndGet));
        long start = System.nanoTime();
        Results r = Capture.of(flow).stream("polls", nums).runFor(Duration.ofMillis(300));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMillis).isGreaterThanOrEqualTo(300);
        assertThat(r.items("polls")).isNotEmpty();
        assertThat(r.stopped()).isTrue();
        assertThat(r.stoppedBy()).hasValue("300 ms passed");
        assertThat(r.html(TableLimits.defaults())).contains("stopped by its recording bound: 300 ms passed");
    }

    @Test
    void aFlowThatEndsBeforeItsBoundIsNotMarkedStopped() {
        var flow = new Dataflow("rec_short");
        var nums = flow.input("inp", TestingSource.of(1, 2, 3));
        Results byItems = Capture.of(flow).stream("nums", nums).runForItems(100);
        assertThat(byItems.items("nums")).containsExactly(1, 2, 3);
        assertThat(byItems.stopped()).isFalse();
        assertThat(byItems.stoppedBy()).isEmpty();
        Results byTime = Capture.of(flow).stream("nums", nums).runFor(Duration.ofSeconds(30));
        assertThat(byTime.stopped()).isFalse();
        assertThat(byTime.stoppedBy()).isEmpty();
    }

    @Test
    void aWindowedCaptureCountsItsDownAndLateItemsTowardTheBound() {
        var flow = new Dataflow("rec_win");
        WindowOut<String, String, Long> out = CaptureTest.windowOut(flow);
        Results r = Capture.of(flow).window("counts", out).runForItems(2);
        assertThat(r.items("counts").size() + r.late("counts").size()).isEqualTo(2);
        assertThat(r.stoppedBy()).hasValue("2 items captured");
    }

    @Test
    void anInterruptedBoundedRecordingIsStoppedButNotByItsBound() throws InterruptedException {
        var flow = new Dataflow("rec_interrupted");
        var capture = Capture.of(flow).stream("nums", flow.input("inp", CaptureTest.endless()));
        AtomicReference<Results> out = new AtomicReference<>();
        Thread cell = new Thread(() -> out.set(capture.runFor(Duration.ofMinutes(5))));
        cell.start();
        while (capture.results().items("nums").size() < 3) Thread.onSpinWait();
        cell.interrupt();
        cell.join();
        assertThat(out.get().stopped()).isTrue();
        assertThat(out.get().stoppedBy()).isEmpty();
        assertThat(out.get().items("nums")).startsWith(0L, 1L, 2L);
    }

    @Test
    void anItemBoundHoldsOnSeveralWorkers() {
        var flow = new Dataflow("rec_workers");
        var nums = flow.input("inp", GeneratorSource.of(i -> i, Duration.ZERO));
        Results r = Capture.of(flow).workers(2).stream("nums", nums).runForItems(1500);
        assertThat(r.items("nums")).hasSize(1500);
        assertThat(r.workers()).isEqualTo(2);
        assertThat(r.stoppedBy()).hasValue("1500 items captured");
    }

    @Test
    void aLaterRunOfTheSameCaptureIsNotBounded() {
        var flow = new Dataflow("rec_again");
        var capture = Capture.of(flow).stream("nums", flow.input("inp", GeneratorSource.of(i -> i, Duration.ZERO)
                .limit(50)));
        assertThat(capture.runForItems(5).items("nums")).hasSize(5);
        Results again = capture.run();
        assertThat(again.items("nums")).hasSize(50);
        assertThat(again.stopped()).isFalse();
    }

    @Test
    void aBoundMustBePositive() {
        var flow = new Dataflow("rec_bad");
        var capture = Capture.of(flow).stream("nums", flow.input("inp", TestingSource.of(1)));
        assertThatThrownBy(() -> capture.runForItems(0))
                .hasMessage("Capture runForItems count must be 1 or more; got 0 instead");
        assertThatThrownBy(() -> capture.runFor(Duration.ZERO))
                .hasMessage("Capture runFor duration must be positive; got PT0S instead");
    }
}
