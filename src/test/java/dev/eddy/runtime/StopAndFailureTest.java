package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.StepException;
import dev.eddy.io.DynamicSource;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StopAndFailureTest {

    private final Dataflow flow = new Dataflow("s");

    /** Starts a run of a flow whose source pauses for a day on the real clock after its first item. */
    private Thread startPausedRun(Execution[] holder, BufferingSink sink, CountDownLatch firstItem,
                                  AtomicReference<Throwable> thrown) {
        var source = TestingSource.withMarkers(Integer.class, 1, List.of(1, TestingSource.pause(Duration.ofDays(1)), 2));
        flow.input("inp", source).inspect("seen", (id, x) -> firstItem.countDown()).output("out", sink);
        holder[0] = Runner.prepare(flow, RunOptions.defaults());
        Thread worker = new Thread(() -> {
            try {
                holder[0].run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        worker.start();
        return worker;
    }

    @Test
    void stopEndsARunWhoseSourceIsPausedAndClosesItsSinks() throws InterruptedException {
        Execution[] run = new Execution[1];
        BufferingSink sink = new BufferingSink();
        CountDownLatch firstItem = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = startPausedRun(run, sink, firstItem, thrown);
        assertThat(firstItem.await(30, TimeUnit.SECONDS)).isTrue();
        run[0].stop();
        worker.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown.get()).isNull();
        assertThat(run[0].isFinished()).isTrue();
        assertThat(sink.closed).isTrue();
        assertThat(sink.flushed).containsExactly(1);
    }

    @Test
    void interruptingTheRunningThreadEndsTheRunTheSameWay() throws InterruptedException {
        Execution[] run = new Execution[1];
        BufferingSink sink = new BufferingSink();
        CountDownLatch firstItem = new CountDownLatch(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = startPausedRun(run, sink, firstItem, thrown);
        assertThat(firstItem.await(30, TimeUnit.SECONDS)).isTrue();
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown.get()).isNull();
        assertThat(sink.flushed).containsExactly(1);
    }

    @Test
    void aFailingFunctionNamesFlowStepAndItemAndKeepsTheCause() {
        flow.input("inp", TestingSource.of(1, 0)).map("invert", x -> 1 / x).output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessage("map step 's.invert' failed on item 0: java.lang.ArithmeticException: / by zero")
                .hasCauseInstanceOf(ArithmeticException.class)
                .satisfies(e -> {
                    assertThat(((StepException) e).stepId()).isEqualTo("s.invert");
                    assertThat(((StepException) e).item()).isEqualTo(0);
                });
    }

    @Test
    void aLongItemIsShortenedInTheMessage() {
        String big = "x".repeat(500);
        flow.input("inp", TestingSource.of(big)).map("boom", x -> {
            throw new IllegalStateException("no");
        }).output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250).contains("…"));
    }

    @Test
    void whatWasWrittenBeforeAFailureReachesTheSink() {
        BufferingSink sink = new BufferingSink();
        flow.input("inp", TestingSource.of(1, 2, 0)).map("invert", x -> 10 / x).output("out", sink);
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class);
        assertThat(sink.closed).isTrue();
        assertThat(sink.flushed).containsExactly(10, 5);
    }

    @Test
    void aSourceThatThrowsNamesTheInputStepAndPartition() {
        DynamicSource<Integer> broken = (stepId, worker, workers) -> () -> {
            throw new IllegalStateException("disk on fire");
        };
        flow.input("inp", broken).output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessage("input step 's.inp' failed reading partition 'worker_0': java.lang.IllegalStateException:"
                        + " disk on fire")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailingStatefulStepNamesTheKeyAndValue() {
        flow.input("inp", TestingSource.of("a")).keyOn("k", x -> x)
                .foldFinal("fold", () -> 0, (n, x) -> {
                    throw new IllegalArgumentException("bad " + x);
                }).output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> Runner.runMain(flow)).isInstanceOf(StepException.class)
                .hasMessage("stateful_batch step 's.fold.stateful.stateful_batch' failed in on_batch for key \"a\" on"
                        + " \"a\": java.lang.IllegalArgumentException: bad a")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }
}
