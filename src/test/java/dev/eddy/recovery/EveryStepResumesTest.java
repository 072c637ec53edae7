package dev.eddy.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.Mapped;
import dev.eddy.dataflow.Stream;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import dev.eddy.windowing.EventClock;
import dev.eddy.windowing.SessionWindower;
import dev.eddy.windowing.SlidingWindower;
import dev.eddy.windowing.SystemClock;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.Windower;
import dev.eddy.windowing.Windowing;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stateful step resumes: one flow with statefulMap, foldFinal, reduceFinal, collect, join, and
 * tumbling, sliding, session and join windows on an event clock, aborted three times mid-input and resumed
 * each time, gives together exactly the outputs of one uninterrupted run: no open window, join side, list
 * or running total is lost or repeated.
 */
class EveryStepResumesTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    /** Events {@code KV(key, minute)}: 4 keys, slightly out of order, with gaps so sessions end. */
    private static List<Object> input(boolean withAborts) {
        Random random = new Random(7);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            long minute = i / 2 + random.nextInt(3) + (i / 40) * 10L;
            items.add(KV.of("k" + random.nextInt(4), minute));
            if (withAborts && (i == 37 || i == 111 || i == 190)) {
                items.add(TestingSource.ABORT);
            }
        }
        return items;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Dataflow flow(List<Object> input, List<Object> out) {
        Dataflow flow = new Dataflow("every_df");
        Stream<KV<String, Long>> events = (Stream) flow.input("inp", TestingSource.withMarkers(KV.class, 1, input));
        KeyedStream<String, Long> k = KeyedStream.of(events);
        EventClock<Long> clock = EventClock.withWait(m -> T0.plusSeconds(60 * m), Duration.ofMinutes(20));
        List<Stream<String>> lines = new ArrayList<>();
        lines.add(k.<Long, Long>statefulMap("running", (Long sum, Long m) -> {
            long next = (sum == null ? 0 : sum) + m;
            return Mapped.of(next, next);
        }).map("running_line", kv -> "running " + kv));
        lines.add(k.foldFinal("total", () -> 0L, (Long acc, Long m) -> acc + m).map("total_line", kv -> "total " + kv));
        lines.add(k.reduceFinal("max", Math::max).map("max_line", kv -> "max " + kv));
        lines.add(k.collect("lists", Duration.ofDays(1), 5).map("lists_line", kv -> "lists " + kv));
        KeyedStream<String, Long> even = KeyedStream.of(k.filter("even", kv -> kv.value() % 2 == 0));
        KeyedStream<String, Long> odd = KeyedStream.of(k.filter("odd", kv -> kv.value() % 2 == 1));
        lines.add(even.join("joined", odd).map("joined_line", kv -> "joined " + kv));
        lines.add(Windowing.foldWindow("tumbling", k, clock, new TumblingWindower(Duration.ofMinutes(10), T0),
                () -> 0L, (Long acc, Long m) -> acc + 1, Long::sum).down().map("tumbling_line", kv -> "tumbling " + kv));
        lines.add(Windowing.collectWindow("sliding", k, clock, new SlidingWindower(Duration.ofMinutes(10),
                Duration.ofMinutes(5), T0), true).down().map("sliding_line", kv -> "sliding " + kv));
        lines.add(Windowing.countWindow("sessions", k, clock, new SessionWindower(Duration.ofMinutes(4)))
                .down().map("sessions_line", kv -> "sessions " + kv));
        lines.add(Windowing.joinWindow("join_window", clock, new TumblingWindower(Duration.ofMinutes(15), T0),
                even, odd).down().map("join_window_line", kv -> "join_window " + kv));
        Stream<String> all = lines.get(0);
        for (int i = 1; i < lines.size(); i++) {
            all = all.merge("all_" + i, lines.get(i));
        }
        all.output("out", new TestingSink<>(out));
        return flow;
    }

    @Test
    void aFlowWithEveryKindOfStatefulStepAbortedThreeTimesGivesTheOutputsOfOneUninterruptedRun() throws Exception {
        List<Object> want = new ArrayList<>();
        Runner.runMain(flow(input(false), want), RunOptions.defaults().withClock(TestingClock.at(T0)));
        assertThat(want).hasSizeGreaterThan(300);

        Recovery.initDbDir(dir, 2);
        List<Object> got = new ArrayList<>();
        Dataflow flow = flow(input(true), got);
        TestingClock clock = TestingClock.at(T0);
        RunOptions options = RunOptions.defaults().withClock(clock).withEpochInterval(Duration.ofMillis(1))
                .withRecovery(dir, Duration.ZERO);
        for (int run = 0; run < 4; run++) {
            Runner.runMain(flow, options);
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void everySystemTimeWindowOfAResumedKeyClosesOnTimeWithoutNewItems() throws Exception {
        // Bytewax #138 for each windower: z's windows are open at the abort, z gets no item after it, and
        // they must still close during the pause, before b's, which only end of input flushes (b sorts first).
        List<Windower<?>> windowers = List.of(new TumblingWindower(Duration.ofSeconds(5), T0),
                new SlidingWindower(Duration.ofSeconds(10), Duration.ofSeconds(5), T0),
                new SessionWindower(Duration.ofSeconds(5)));
        for (int i = 0; i < windowers.size(); i++) {
            Path store = dir.resolve("store-" + i);
            Recovery.initDbDir(store, 1);
            List<Object> out = new ArrayList<>();
            Dataflow flow = new Dataflow("wake_" + i);
            @SuppressWarnings({"unchecked", "rawtypes"})
            Stream<KV<String, Integer>> s = (Stream) flow.input("inp", TestingSource.withMarkers(KV.class, 1, List.of(
                    KV.of("z", 1), KV.of("z", 2), TestingSource.ABORT, TestingSource.pause(Duration.ofSeconds(30)),
                    KV.of("b", 3), KV.of("b", 4))));
            Windowing.countWindow("count", KeyedStream.of(s), new SystemClock<>(), windowers.get(i))
                    .down().output("out", new TestingSink<>(out));
            RunOptions options = RunOptions.defaults().withClock(TestingClock.at(T0))
                    .withEpochInterval(Duration.ZERO).withRecovery(store, Duration.ZERO);
            Runner.runMain(flow, options);
            assertThat(out).as("%s before the abort", windowers.get(i)).isEmpty();
            Runner.runMain(flow, options);
            assertThat(out).as("%s after the resume", windowers.get(i)).isNotEmpty();
            assertThat(((Map.Entry<?, ?>) out.get(0)).getKey()).as("%s: z's first window closes first",
                    windowers.get(i)).isEqualTo("z");
        }
    }
}
