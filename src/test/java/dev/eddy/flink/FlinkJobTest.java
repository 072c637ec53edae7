package dev.eddy.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.io.GeneratorSource;
import dev.eddy.runtime.RunOptions;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkJobTest {

    /** A source that never ends: one number every 5 ms. */
    static GeneratorSource<Long> endless() {
        return GeneratorSource.of(i -> i, Duration.ofMillis(5));
    }

    @Test
    void startReturnsARunningJobWithItsIdAndParallelismAndCancelEndsItAsCanceled() {
        var out = Collections.synchronizedList(new ArrayList<Long>());
        var flow = new Dataflow("endless_job");
        flow.input("inp", endless()).output("out", new TestingSink<>(out));
        FlinkJob job = FlinkRunner.local(flow).withParallelism(2).start();
        try {
            assertThat(job.jobId()).matches("[0-9a-f]{32}");
            assertThat(job.parallelism()).isEqualTo(2);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.isEmpty() || !job.status().equals("RUNNING")) {
                assertThat(System.nanoTime()).as("items from the running job").isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(job.hasEnded()).isFalse();
        } finally {
            job.cancel();
        }
        assertThat(job.status()).isEqualTo("CANCELED");
        assertThat(job.hasEnded()).isTrue();
        assertThat(job.where()).isEqualTo("on Flink job " + job.jobId() + " (CANCELED, parallelism 2)");
        assertThat(job.failure()).isNull();
    }

    @Test
    void anInterruptedRunCancelsTheJobAndReturnsWithTheInterruptSet() throws Exception {
        var flow = new Dataflow("interrupted_job");
        flow.input("inp", endless()).output("out", new TestingSink<>(Collections.synchronizedList(new ArrayList<>())));
        FlinkJob job = FlinkRunner.local(flow).prepare(flow, RunOptions.defaults());
        boolean[] interruptedAfter = new boolean[1];
        Thread cell = new Thread(() -> {
            job.run();
            interruptedAfter[0] = Thread.currentThread().isInterrupted();
        });
        cell.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!job.status().equals("RUNNING")) {
            assertThat(System.nanoTime()).as("the job running").isLessThan(deadline);
            Thread.onSpinWait();
        }
        cell.interrupt();
        cell.join(10_000);
        assertThat(cell.isAlive()).isFalse();
        assertThat(interruptedAfter[0]).isTrue();
        assertThat(job.isStopRequested()).isTrue();
        job.cancel();
        assertThat(job.status()).isEqualTo("CANCELED");
    }

    @Test
    void aFinishedJobSaysFinished() {
        var out = new ArrayList<Integer>();
        var flow = new Dataflow("finished_job");
        flow.input("inp", TestingSource.of(1, 2, 3)).map("double", x -> x * 2).output("out", new TestingSink<>(out));
        FlinkJob job = FlinkRunner.local(flow).start();
        job.await();
        assertThat(out).containsExactly(2, 4, 6);
        assertThat(job.status()).isEqualTo("FINISHED");
        assertThat(job.isFinished()).isTrue();
        assertThatThrownBy(job::start).hasMessageStartingWith("Flink job of flow 'finished_job' must start once;");
    }

    @Test
    void optionsWithEddysRecoveryStoreAreRefused(@TempDir Path dir) {
        var flow = new Dataflow("no_recovery");
        flow.input("inp", TestingSource.of(1)).output("out", new TestingSink<>(new ArrayList<>()));
        assertThatThrownBy(() -> FlinkRunner.local(flow).prepare(flow,
                RunOptions.defaults().withRecovery(dir, Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("FlinkRunner run of flow 'no_recovery' must run without Eddy's recovery store;");
    }
}
