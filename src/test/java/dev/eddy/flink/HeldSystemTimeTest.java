package dev.eddy.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import dev.eddy.windowing.EventClock;
import dev.eddy.windowing.SystemClock;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.WindowValue;
import dev.eddy.windowing.Windowing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A {@code TestingClock} in the run options holds every stateful step's system time on Flink at its reading. */
class HeldSystemTimeTest {

    private static final Instant T0 = Instant.parse("2023-01-01T00:00:00Z");

    record Door(String door, Instant at) {
    }

    /** System-time windows of 1 s and an event clock waiting 2 s over the same doors; both outputs, sorted. */
    private static List<String> windows(boolean onFlink, int parallelism) {
        List<KV<String, WindowValue<Long>>> bySystemTime = Collections.synchronizedList(new ArrayList<>());
        List<KV<String, WindowValue<Door>>> late = Collections.synchronizedList(new ArrayList<>());
        var flow = new Dataflow("held_" + onFlink + parallelism);
        var doors = flow.input("inp", TestingSource.of(List.of(new Door("north", T0), new Door("south", T0.plusSeconds(1)),
                new Door("north", T0.plusSeconds(6)), new Door("north", T0.plusSeconds(3)),
                new Door("south", T0.plusSeconds(9)), new Door("south", T0.plusSeconds(2))), 1));
        Windowing.countWindow("by_system_time", doors, new SystemClock<>(),
                new TumblingWindower(Duration.ofSeconds(1), T0.minusSeconds(10)), Door::door)
                .down().output("counts", new TestingSink<>(bySystemTime));
        Windowing.countWindow("by_event_time", doors, new EventClock<Door>(Door::at, Duration.ofSeconds(2)),
                new TumblingWindower(Duration.ofSeconds(5), T0), Door::door)
                .late().output("late", new TestingSink<>(late));
        RunOptions options = RunOptions.defaults().withClock(TestingClock.at(T0));
        if (onFlink) {
            FlinkRunner.local(flow).withParallelism(parallelism).run(options);
        } else {
            Runner.runMain(flow, options.clock());
        }
        List<String> out = new ArrayList<>();
        bySystemTime.forEach(kv -> out.add("count " + kv));
        late.forEach(kv -> out.add("late " + kv));
        out.sort(Comparator.naturalOrder());
        return out;
    }

    @ParameterizedTest(name = "at parallelism {0}")
    @ValueSource(ints = {1, 2})
    void systemTimeWindowsAndLateItemsAreTheLocalRuntimesWhenTheClockIsHeld(int parallelism) {
        List<String> local = windows(false, parallelism);
        // Every door arrives at the held time, 10 s after the windows' alignment: window 10 of each door.
        assertThat(local).contains("count (north, (10, 3))",
                "count (south, (10, 3))");
        // north's 3 s comes after its 6 s, under a watermark of 4 s; south's 2 s after its 9 s.
        assertThat(local).filteredOn(s -> s.startsWith("late")).hasSize(2);
        assertThat(windows(true, parallelism)).isEqualTo(local);
    }

    @Test
    void aWakeUpAfterTheHeldTimeComesAtEndOfInputThoughTheSourceWaitsInRealTime() {
        List<KV<String, List<Integer>>> out = Collections.synchronizedList(new ArrayList<>());
        var flow = new Dataflow("held_collect");
        flow.input("inp", TestingSource.withMarkers(Integer.class, 1,
                        List.of(1, 2, TestingSource.pause(Duration.ofMillis(300)), 3)))
                .keyOn("all", x -> "all")
                .collect("batch", Duration.ofMillis(50), 10)
                .output("out", new TestingSink<>(out));
        long started = System.nanoTime();
        FlinkRunner.local(flow).run(RunOptions.defaults().withClock(TestingClock.at(T0)));
        // The 50 ms timeout never passes on the held clock, so one list at end of input; the pause was real.
        assertThat(out).extracting(Object::toString).containsExactly("(all, [1, 2, 3])");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
