package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A flow's sources and sinks serve one run at a time: two runs of one {@code Dataflow} at once lost items
 * without an error, so a second run while one is under way is refused; runs one after another are fine.
 */
class OneRunAtATimeTest {

    @Test
    void aSecondRunOfAFlowWhileOneIsUnderWayIsRefusedNamingTheFlow() throws InterruptedException {
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        Dataflow flow = new Dataflow("twice");
        flow.input("inp", TestingSource.withMarkers(Integer.class, 1, List.of(1, TestingSource.pause(Duration.ofDays(1)),
                2))).output("out", new TestingSink<>(out));
        Execution first = Runner.prepare(flow, RunOptions.defaults());
        Thread worker = new Thread(first::run, "first-run");
        worker.start();
        while (out.isEmpty()) {
            Thread.sleep(5);
        }
        RunOptions virtual = RunOptions.defaults().withClock(TestingClock.at(Instant.EPOCH));
        assertThatThrownBy(() -> Runner.runMain(flow, virtual)).isInstanceOf(IllegalStateException.class)
                .hasMessage("flow 'twice' must run once at a time; got a second run while one is under way on thread"
                        + " 'first-run' instead; its sources and sinks can't serve two runs; wait for the first to end,"
                        + " or build a second Dataflow");
        first.stop();
        worker.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(out).containsExactly(1);

        Runner.runMain(flow, virtual);
        assertThat(out).containsExactly(1, 1, 2);
    }

    @Test
    void runsOfAFlowOneAfterAnotherAllRun() {
        List<Integer> out = new ArrayList<>();
        Dataflow flow = new Dataflow("again");
        flow.input("inp", TestingSource.of(1, 2)).output("out", new TestingSink<>(out));
        Runner.runMain(flow);
        Runner.runMain(flow);
        assertThat(out).containsExactly(1, 2, 1, 2);
    }
}
