package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.flink.FlinkRunner;
import dev.eddy.runtime.Engine;
import dev.eddy.runtime.RunOptions;
import dev.eddy.testing.TestingSource;
import dev.eddy.windowing.EventClock;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.WindowOut;
import dev.eddy.windowing.Windowing;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same Capture over a Flink MiniCluster run: the same tables, a header naming the job, and a stop that cancels. */
class CaptureOnFlinkTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    record Click(String user, Instant at) {
    }

    /** Counts per user in 10 s windows; ann's click at 3 s comes after one at 12 s, so it is late. */
    private static Capture clicks(String name) {
        var flow = new Dataflow(name);
        var clicks = flow.input("inp", TestingSource.of(new Click("ann", T0), new Click("bob", T0.plusSeconds(1)),
                new Click("ann", T0.plusSeconds(12)), new Click("ann", T0.plusSeconds(3)),
                new Click("bob", T0.plusSeconds(25))));
        WindowOut<String, Click, Long> counts = Windowing.countWindow("count", clicks, EventClock.withNoWait(Click::at),
                new TumblingWindower(Duration.ofSeconds(10), T0), Click::user);
        return Capture.of(flow).window("counts", counts);
    }

    private static List<String> sorted(List<?> items) {
        return items.stream().map(String::valueOf).sorted(Comparator.naturalOrder()).toList();
    }

    @Test
    void aWindowedCaptureOnFlinkHoldsTheSameDownLateAndMetaAsALocalRunAndItsHeaderNamesTheJob() {
        Results local = clicks("clicks_local").run();
        Capture onFlink = clicks("clicks_flink");
        Results flink = onFlink.on(FlinkRunner.local(onFlink.flow()).withParallelism(2)).run();

        assertThat(sorted(flink.items("counts"))).isEqualTo(sorted(local.items("counts"))).hasSize(4);
        assertThat(sorted(flink.late("counts"))).isEqualTo(sorted(local.late("counts"))).hasSize(1);
        assertThat(sorted(flink.meta("counts"))).isEqualTo(sorted(local.meta("counts")));
        assertThat(flink.table("counts").rowCount()).isEqualTo(local.table("counts").rowCount());
        assertThat(flink.where()).hasValueSatisfying(w -> assertThat(w)
                .matches("on Flink job [0-9a-f]{32} \\(FINISHED, parallelism 2\\)"));
        assertThat(flink.text(TableLimits.defaults())).startsWith("flow clicks_flink on Flink job ");
        assertThat(local.where()).isEmpty();
        assertThat(flink.stopped()).isFalse();
    }

    @Test
    void aLiveViewOfAFlinkRunShowsTheRunningJobAndAnInterruptCancelsIt() {
        var flow = new Dataflow("live_flink");
        var capture = Capture.of(flow).stream("nums", flow.input("inp", CaptureTest.endless()))
                .on(FlinkRunner.local(flow).withParallelism(2));
        var surface = new LiveRunTest.RecordingSurface();
        LiveRun live = capture.live(Duration.ofMillis(100), RunOptions.defaults(), surface);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (surface.updates.stream().noneMatch(r -> r.where().orElse("").contains("(RUNNING, parallelism 2)")
                && !r.items("nums").isEmpty())) {
            assertThat(System.nanoTime()).as("a live update of the running job").isLessThan(deadline);
            Thread.onSpinWait();
        }
        surface.interrupt();
        live.join();

        assertThat(live.isRunning()).isFalse();
        assertThat(surface.last().stopped()).isTrue();
        assertThat(surface.last().where()).hasValueSatisfying(w -> assertThat(w).contains("(CANCELED, parallelism 2)"));
        assertThat(surface.last().items("nums")).isNotEmpty();
    }

    @Test
    void captureOnGoesBackToTheLocalRuntime() {
        var flow = new Dataflow("back_local");
        var capture = Capture.of(flow).stream("nums", flow.input("inp", TestingSource.of(1, 2)));
        Results r = capture.on(FlinkRunner.local(flow)).on(Engine.local()).run();
        assertThat(r.where()).isEmpty();
        assertThat(r.items("nums")).containsExactly(1, 2);
    }

    @Test
    void aFlinkRunnerOfAnotherFlowIsRefusedNamingBoth() {
        var flow = new Dataflow("mine");
        var other = new Dataflow("theirs");
        other.input("inp", TestingSource.of(1));
        var capture = Capture.of(flow).stream("nums", flow.input("inp", TestingSource.of(1)))
                .on(FlinkRunner.local(other));
        assertThatThrownBy(capture::run).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FlinkRunner of flow 'theirs' must run that flow; got flow 'mine' instead;"
                        + " use FlinkRunner.local(mine)");
    }
}
