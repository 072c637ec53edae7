package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.kernel.api.Interrupts;
import dev.eddy.runtime.RunOptions;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LiveRunTest {

    /** Records what a live run shows, as the kernel's display would. */
    static final class RecordingSurface implements DisplaySurface {
        // Copy-on-write: a test streams over what it was shown while the live run still adds to it.
        final List<String> shown = new CopyOnWriteArrayList<>();
        final List<Results> updates = new CopyOnWriteArrayList<>();

        @Override
        public String show(Object value) {
            shown.add(String.valueOf(value));
            return "display-" + shown.size();
        }

        @Override
        public void update(String id, Object value) {
            updates.add((Results) value);
        }

        final List<Runnable> interruptListeners = new CopyOnWriteArrayList<>();

        @Override
        public Interrupts.Registration onInterrupt(Runnable stop) {
            interruptListeners.add(stop);
            return () -> interruptListeners.remove(stop);
        }

        /** What the kernel does on an interrupt request. */
        void interrupt() {
            interruptListeners.forEach(Runnable::run);
        }

        Results last() {
            return updates.get(updates.size() - 1);
        }
    }

    static LiveRun endless(String name, RecordingSurface surface) {
        var flow = new Dataflow(name);
        return Capture.of(flow).stream("nums", flow.input("inp", CaptureTest.endless()))
                .live(Duration.ofMillis(100), RunOptions.defaults(), surface);
    }

    @Test
    void updatesOneDisplayInPlaceUntilStopped() {
        var surface = new RecordingSurface();
        LiveRun live = endless("live", surface);
        while (live.updates() < 2) Thread.onSpinWait();
        live.stop();
        assertThat(live.isRunning()).isFalse();
        assertThat(surface.shown).hasSize(1);
        assertThat(surface.last().stopped()).isTrue();
        assertThat(surface.last().items("nums")).isNotEmpty();
        int after = live.updates();
        assertThat(live.updates()).isEqualTo(after);
    }

    @Test
    void twoRunAtOnceEachWithItsOwnDisplay() {
        var a = new RecordingSurface();
        var b = new RecordingSurface();
        LiveRun first = endless("first", a);
        LiveRun second = endless("second", b);
        while (first.updates() < 2 || second.updates() < 2) Thread.onSpinWait();
        assertThat(first.isRunning()).isTrue();
        assertThat(second.isRunning()).isTrue();
        first.stop();
        assertThat(second.isRunning()).isTrue();
        second.stop();
        assertThat(a.last().toString()).startsWith("Results(first:");
        assertThat(b.last().toString()).startsWith("Results(second:");
    }

    @Test
    void interruptingACellWaitingInJoinStopsTheFlow() throws InterruptedException {
        var surface = new RecordingSurface();
        LiveRun live = endless("joined", surface);
        Thread cell = new Thread(live::join);
        cell.start();
        while (live.updates() < 1) Thread.onSpinWait();
        cell.interrupt();
        cell.join();
        assertThat(live.isRunning()).isFalse();
    }

    @Test
    void aKernelInterruptStopsEveryLiveRunWithNoCellWaiting() {
        var surface = new RecordingSurface();
        LiveRun first = endless("interrupted_a", surface);
        LiveRun second = endless("interrupted_b", surface);
        while (first.updates() < 1 || second.updates() < 1) Thread.onSpinWait();
        assertThat(surface.interruptListeners).hasSize(2);
        surface.interrupt();
        while (first.isRunning() || second.isRunning()) Thread.onSpinWait();
        assertThat(first.results().stopped()).isTrue();
        assertThat(second.results().stopped()).isTrue();
        assertThat(surface.interruptListeners).as("a finished run stops listening").isEmpty();
    }

    @Test
    void aFlowThatEndsShowsItsFinalResults() {
        var surface = new RecordingSurface();
        var flow = new Dataflow("finite");
        LiveRun live = Capture.of(flow).stream("nums", flow.input("inp", TestingSource.of(1, 2, 3)))
                .live(Duration.ofMillis(100), RunOptions.defaults(), surface);
        live.join();
        assertThat(surface.last().items("nums")).containsExactly(1, 2, 3);
        assertThat(surface.last().stopped()).isFalse();
    }

    @Test
    void keepsOnlyTheLatestItemsOfALongRun() {
        var surface = new RecordingSurface();
        var flow = new Dataflow("bounded");
        LiveRun live = Capture.of(flow).stream("nums", flow.input("inp", CaptureTest.endless())).keepLast(5)
                .live(Duration.ofMillis(100), RunOptions.defaults(), surface);
        // Wait until more than five items have passed, so some were dropped, and one update was shown.
        while (!live.results().html(TableLimits.defaults()).contains("(latest 5 of ") || live.updates() < 1) {
            Thread.onSpinWait();
        }
        live.stop();
        List<Object> kept = surface.last().items("nums");
        assertThat(kept).hasSize(5);
        assertThat(surface.last().html(TableLimits.defaults())).contains("(latest 5 of ");
    }

    @Test
    void updatesCantComeFasterThanTheMinimumPeriod() {
        var flow = new Dataflow("fast");
        var capture = Capture.of(flow).stream("nums", flow.input("inp", TestingSource.of(1)));
        assertThatThrownBy(() -> capture.live(Duration.ofMillis(10), RunOptions.defaults(), new RecordingSurface()))
                .hasMessage("live update period must be at least 100 ms; got PT0.01S instead");
    }
}
