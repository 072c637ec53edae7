package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.Stream;
import dev.eddy.io.FileSink;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupting the thread that runs a flow (the notebook's stop button) stops it as cleanly as
 * {@link Execution#stop()}: no error, the run says it was stopped, and a file sink holds exactly what
 * the other sinks got, because the interrupt never reaches the file's interruptible channel.
 */
class InterruptStopsTest {

    @TempDir
    Path dir;

    /** What one run left behind: the lines of the file, what the testing sink got, and how it ended. */
    record Outcome(List<String> fileLines, List<String> sinkItems, Throwable thrown, boolean stopRequested,
                   boolean interruptedAfter) {
    }

    /** Wires {@code items} into a FileSink and a TestingSink, through an identity map, one item per batch. */
    private static Execution prepare(Dataflow flow, Stream<Integer> items, Path file, List<String> got) {
        Stream<String> text = items.map("text", x -> "item " + x);
        text.keyOn("all", x -> "all").output("file", new FileSink<>(file));
        text.output("list", new TestingSink<>(got));
        return Runner.prepare(flow, RunOptions.defaults());
    }

    private Outcome runOnThread(Execution run, Path file, List<String> got, Consumer<Thread> whileRunning)
            throws InterruptedException, IOException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        boolean[] interruptedAfter = new boolean[1];
        Thread worker = new Thread(() -> {
            try {
                run.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
            interruptedAfter[0] = Thread.currentThread().isInterrupted();
        });
        worker.start();
        whileRunning.accept(worker);
        worker.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(worker.isAlive()).as("the run ended").isFalse();
        return new Outcome(Files.readAllLines(file), List.copyOf(got), thrown.get(), run.isStopRequested(),
                interruptedAfter[0]);
    }

    @Test
    void anInterruptDuringAnActivationStillLetsEverySinkWriteThatBatchAndStopsTheRun() throws Exception {
        // A step interrupts its own thread on item k, as the stop button can at any moment: the file
        // sink writes after it in the same activation, on an interruptible channel.
        for (int k = 1; k <= 20; k++) {
            int stopAt = k;
            Path file = dir.resolve("out-" + k + ".txt");
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            Dataflow flow = new Dataflow("interrupted");
            var items = flow.input("inp", TestingSource.of(IntStream.rangeClosed(1, 50).boxed().toList(), 1))
                    .inspect("stop_button", (id, x) -> {
                        if (x == stopAt) {
                            Thread.currentThread().interrupt();
                        }
                    });
            Outcome outcome = runOnThread(prepare(flow, items, file, got), file, got, worker -> { });
            assertThat(outcome.thrown()).as("k=" + k).isNull();
            assertThat(outcome.sinkItems()).as("k=" + k).hasSize(k);
            assertThat(outcome.fileLines()).as("k=" + k).isEqualTo(outcome.sinkItems());
            assertThat(outcome.stopRequested()).as("the run says it was stopped").isTrue();
            assertThat(outcome.interruptedAfter()).as("the thread's interrupt flag is set again").isTrue();
        }
    }

    @Test
    void anInterruptFromAnotherThreadLeavesTheFileHoldingWhatTheOtherSinkGot() throws Exception {
        // The stop button, pressed at a different moment of a busy run each round.
        for (int round = 0; round < 30; round++) {
            Path file = dir.resolve("busy-" + round + ".txt");
            List<String> got = Collections.synchronizedList(new ArrayList<>());
            Dataflow flow = new Dataflow("interrupted");
            List<Object> itemsAndPauses = new ArrayList<>();
            for (int i = 1; i <= 100_000; i++) {
                itemsAndPauses.add(i);
                if (i % 50 == 0) {
                    itemsAndPauses.add(TestingSource.pause(Duration.ofNanos(200_000)));
                }
            }
            var items = flow.input("inp", TestingSource.withMarkers(Integer.class, 5, itemsAndPauses));
            long delayNanos = 300_000L * round;
            Outcome outcome = runOnThread(prepare(flow, items, file, got), file, got, worker -> {
                while (got.isEmpty()) {
                    Thread.onSpinWait();
                }
                LockSupport.parkNanos(delayNanos);
                worker.interrupt();
            });
            assertThat(outcome.thrown()).as("round " + round).isNull();
            assertThat(outcome.stopRequested()).isTrue();
            assertThat(outcome.fileLines()).as("round " + round).isEqualTo(outcome.sinkItems());
        }
    }
}
