package dev.eddy.notebook;

import static dev.eddy.notebook.TablesTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.io.DynamicSource;
import dev.eddy.io.StatelessSourcePartition;
import dev.eddy.testing.TestingSource;
import dev.eddy.windowing.WindowMetadata;
import dev.eddy.windowing.WindowOut;
import dev.eddy.windowing.WindowValue;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CaptureTest {

    /** A source that never ends: one number per batch, a batch every few milliseconds. */
    static DynamicSource<Long> endless() {
        return (step, worker, workers) -> new StatelessSourcePartition<>() {
            long n;

            @Override
            public List<Long> nextBatch() {
                return List.of(n++);
            }

            @Override
            public Instant nextAwake() {
                return Instant.now().plusMillis(5);
            }
        };
    }

    /** A WindowOut made by hand from fixed down, late and meta items. */
    static WindowOut<String, String, Long> windowOut(Dataflow flow) {
        KeyedStream<String, WindowValue<Long>> down = KeyedStream.of(flow.input("down", TestingSource.of(
                KV.of("a", new WindowValue<>(0, 2L)), KV.of("b", new WindowValue<>(0, 1L)))));
        KeyedStream<String, WindowValue<String>> late = KeyedStream.of(flow.input("late", TestingSource.of(
                KV.of("a", new WindowValue<>(0, "<script>x</script>")))));
        KeyedStream<String, WindowValue<WindowMetadata>> meta = KeyedStream.of(flow.input("meta", TestingSource.of(
                KV.of("a", new WindowValue<>(0, new WindowMetadata(T0, T0.plusSeconds(10)))),
                KV.of("b", new WindowValue<>(0, new WindowMetadata(T0, T0.plusSeconds(10)))))));
        return new WindowOut<>(down, late, meta);
    }

    @Test
    void runReturnsWhatEachNamedStreamProduced() {
        var flow = new Dataflow("cap");
        var nums = flow.input("inp", TestingSource.of(1, 2, 3));
        var doubled = nums.map("double", x -> x * 2);
        Results r = Capture.of(flow).stream("nums", nums).stream("doubled", doubled).run();
        assertThat(r.names()).containsExactly("nums", "doubled");
        assertThat(r.items("doubled")).containsExactly(2, 4, 6);
        assertThat(r).hasToString("Results(cap: nums 3 items, doubled 3 items)");
    }

    @Test
    void windowedCapturesJoinMetaAndMarkLateItemsInTheirTable() {
        var flow = new Dataflow("win");
        Results r = Capture.of(flow).window("counts", windowOut(flow)).run();
        assertThat(r.isWindowed("counts")).isTrue();
        var t = r.table("counts");
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.booleanColumn("late").get(2)).isTrue();
        assertThat(t.instantColumn("close_time").get(0)).isEqualTo(T0.plusSeconds(10));
        String html = r.html(TableLimits.defaults());
        assertThat(html).contains("counts — 3 rows × 6 columns").contains("&lt;script&gt;x&lt;/script&gt;")
                .doesNotContain("<script");
    }

    @Test
    void anUnknownNameListsTheCapturedOnes() {
        var flow = new Dataflow("names");
        Results r = Capture.of(flow).stream("nums", flow.input("inp", TestingSource.of(1))).run();
        assertThatThrownBy(() -> r.items("num")).hasMessage("captured name must be one of [nums]; got 'num' instead");
        assertThatThrownBy(() -> r.late("nums")).hasMessageContaining("must be a windowed capture");
    }

    @Test
    void aCaptureLeavesTheFlowAsItFoundIt() {
        var flow = new Dataflow("left_alone");
        var nums = flow.input("inp", TestingSource.of(1, 2)).map("double", x -> x * 2);
        var before = flow.steps();

        Capture capture = Capture.of(flow).stream("nums", nums);
        Results r = capture.run();
        Results again = capture.run();

        assertThat(r.items("nums")).containsExactly(2, 4);
        assertThat(again.items("nums")).containsExactly(2, 4);
        assertThat(flow.steps()).isEqualTo(before);
    }

    @Test
    void anOlderCaptureOfTheSameFlowStopsCollectingWhenANewerOneRuns() {
        var flow = new Dataflow("twice");
        var nums = flow.input("inp", TestingSource.of(1));
        Capture older = Capture.of(flow).stream("nums", nums);
        older.run();

        Results newer = Capture.of(flow).stream("nums", nums).run();

        assertThat(newer.items("nums")).containsExactly(1);
        assertThat(older.results().items("nums")).containsExactly(1);
        assertThat(flow.steps()).extracting(s -> s.localId()).containsExactly("inp");
    }

    @Test
    void aCaptureStepIdAvoidsTheUsersOwnSteps() {
        var flow = new Dataflow("clash");
        var nums = flow.input("inp", TestingSource.of(1));
        nums.map("capture_nums", x -> x);

        assertThat(Capture.of(flow).stream("nums", nums).run().items("nums")).containsExactly(1);
        assertThat(flow.steps()).extracting(s -> s.localId()).containsExactly("inp", "capture_nums");
    }

    @Test
    void aCaptureMustNameSomething() {
        assertThatThrownBy(() -> Capture.of(new Dataflow("none")).run())
                .hasMessageContaining("must name a stream to keep; got none instead");
    }

    @Test
    void interruptingTheRunningThreadStopsTheRunWithWhatArrived() throws InterruptedException {
        var flow = new Dataflow("endless");
        var capture = Capture.of(flow).stream("nums", flow.input("inp", endless()));
        AtomicReference<Results> out = new AtomicReference<>();
        Thread cell = new Thread(() -> out.set(capture.run()));
        cell.start();
        while (capture.results().items("nums").size() < 3) Thread.onSpinWait();
        cell.interrupt();
        cell.join();
        assertThat(out.get().stopped()).isTrue();
        assertThat(out.get().items("nums")).startsWith(0L, 1L, 2L);
    }

    @Test
    void anInterruptedRunReturnsWhatArrivedAndLeavesTheThreadInterrupted() throws InterruptedException {
        var flow = new Dataflow("interrupted");
        var capture = Capture.of(flow).stream("nums", flow.input("inp", endless()));
        AtomicReference<Results> out = new AtomicReference<>();
        boolean[] stillInterrupted = new boolean[1];
        Thread cell = new Thread(() -> {
            out.set(capture.run());
            stillInterrupted[0] = Thread.currentThread().isInterrupted();
        });
        cell.start();
        while (capture.results().items("nums").size() < 3) Thread.onSpinWait();
        cell.interrupt();
        cell.join();

        assertThat(out.get().toString()).contains("interrupted", "stopped");
        assertThat(stillInterrupted[0]).isTrue();
    }

    @Test
    void stopEndsARunFromAnotherThread() throws InterruptedException {
        var flow = new Dataflow("stoppable");
        var capture = Capture.of(flow).stream("nums", flow.input("inp", endless()));
        AtomicReference<Results> out = new AtomicReference<>();
        Thread cell = new Thread(() -> out.set(capture.run()));
        cell.start();
        while (capture.results().items("nums").isEmpty()) Thread.onSpinWait();
        capture.stop();
        cell.join();
        assertThat(out.get().stopped()).isTrue();
    }
}
