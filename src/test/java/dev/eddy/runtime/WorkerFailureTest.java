package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.Mapped;
import dev.eddy.dataflow.StepException;
import dev.eddy.io.DynamicSink;
import dev.eddy.io.DynamicSource;
import dev.eddy.io.StatelessSinkPartition;
import dev.eddy.io.StatelessSourcePartition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A failure on one of several workers stops them all, says where, and loses nothing a sink took. */
class WorkerFailureTest {

    /** Each worker counts up from worker * 1,000,000 on the real clock and never ends. */
    private static final DynamicSource<Long> ENDLESS = (stepId, worker, workers) -> new StatelessSourcePartition<>() {
        long next = worker * 1_000_000L;

        @Override
        public List<Long> nextBatch() {
            List<Long> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(next++);
            }
            return batch;
        }
    };

    /** Per worker, what its partition accepted and what it flushed when closed. */
    private static final class Recorded implements DynamicSink<Object> {
        final Map<Integer, List<Object>> accepted = new ConcurrentHashMap<>();
        final Map<Integer, List<Object>> flushed = new ConcurrentHashMap<>();

        @Override
        public StatelessSinkPartition<Object> build(String stepId, int worker, int workers) {
            List<Object> buffer = new ArrayList<>();
            accepted.put(worker, Collections.synchronizedList(new ArrayList<>()));
            return new StatelessSinkPartition<>() {
                @Override
                public void writeBatch(List<Object> items) {
                    accepted.get(worker).addAll(items);
                    buffer.addAll(items);
                }

                @Override
                public void close() {
                    flushed.put(worker, new ArrayList<>(buffer));
                }
            };
        }
    }

    @Test
    void aThrowingFunctionOnOneWorkerStopsEveryWorkerNamingTheStepTheItemAndTheWorker() {
        Dataflow flow = new Dataflow("f");
        Recorded sink = new Recorded();
        IllegalStateException boom = new IllegalStateException("no 1000050 please");
        flow.input("inp", ENDLESS).map("check", x -> {
            if (x == 1_000_050L) {
                throw boom;
            }
            return x;
        }).output("out", sink);

        StepException e = catchThrowableOfType(() -> Runner.runMain(flow, RunOptions.defaults().withWorkers(3)),
                StepException.class);

        assertThat(e.getMessage()).contains("f.check").contains("1000050").endsWith("(on worker W1 of 3)");
        assertThat(e.stepId()).startsWith("f.check");
        assertThat(e.getCause()).isSameAs(boom);
        assertThat(sink.flushed.keySet()).as("every worker closed its sink").containsExactlyInAnyOrder(0, 1, 2);
        for (int w = 0; w < 3; w++) {
            assertThat(sink.flushed.get(w)).as("what worker %s's sink accepted", w).isEqualTo(sink.accepted.get(w));
        }
        assertThat(sink.flushed.get(1)).contains(1_000_049L).doesNotContain(1_000_050L);
    }

    @Test
    void aThrowingStatefulLogicStopsEveryWorkerAndNamesTheKeysWorker() {
        Dataflow flow = new Dataflow("g");
        Recorded sink = new Recorded();
        flow.input("inp", ENDLESS).keyOn("mod", x -> "k" + (x % 50))
                .statefulMap("sum", (Long s, Long x) -> {
                    if (x == 2_000_123L) {
                        throw new ArithmeticException("overflow at " + x);
                    }
                    long sum = (s == null ? 0 : s) + x;
                    return Mapped.of(sum, sum);
                })
                .output("out", sink);
        int owner = KeyHash.owner("k23", 4);

        assertThatThrownBy(() -> Runner.runMain(flow, RunOptions.defaults().withWorkers(4)))
                .isInstanceOf(StepException.class)
                .hasMessageContaining("g.sum")
                .hasMessageContaining("2000123")
                .hasMessageEndingWith("(on worker W" + owner + " of 4)")
                .hasRootCauseInstanceOf(ArithmeticException.class);
        assertThat(sink.flushed.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3);
        for (int w = 0; w < 4; w++) {
            assertThat(sink.flushed.get(w)).isEqualTo(sink.accepted.get(w));
        }
    }

    @Test
    void aStopEndsEveryWorkerOfAnEndlessRun() throws InterruptedException {
        Dataflow flow = new Dataflow("h");
        Recorded sink = new Recorded();
        flow.input("inp", ENDLESS).keyOn("mod", x -> x % 7).statefulMap("last", (Long s, Long x) -> Mapped.of(x, x))
                .map("value", KV::value).output("out", sink);
        Execution run = Runner.prepare(flow, RunOptions.defaults().withWorkers(2));
        Thread thread = new Thread(run::run);
        thread.start();
        while (sink.accepted.values().stream().mapToInt(List::size).sum() < 1_000) {
            Thread.sleep(5);
        }
        run.stop();
        thread.join(Duration.ofSeconds(30).toMillis());

        assertThat(thread.isAlive()).isFalse();
        assertThat(run.isFinished()).isTrue();
        assertThat(sink.flushed.keySet()).containsExactlyInAnyOrder(0, 1);
    }
}
