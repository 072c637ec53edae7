package dev.eddy.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.Mapped;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import dev.eddy.windowing.EventClock;
import dev.eddy.windowing.SessionWindower;
import dev.eddy.windowing.SlidingWindower;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.WindowOut;
import dev.eddy.windowing.Windower;
import dev.eddy.windowing.Windowing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Many seeded runs of one windowed, keyed flow with pauses on a virtual clock (so system time moves and
 * windows close on wake-ups), on 2 to 8 workers with random batch sizes and epoch lengths: every run
 * ends in bounded time, and every key's outputs, and every snapshot taken, are one worker's.
 */
class WorkersStressTest {

    private static final int RUNS = 1_000;
    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant SYSTEM = Instant.parse("2030-01-01T00:00:00Z");

    /** An input: its key, event time in seconds after T0, and its position. */
    record Ev(String key, int ts, int seq) {
        Instant at() {
            return T0.plusSeconds(ts);
        }
    }

    /** What one run produced: per key, each output stream in order; spread items and snapshots as sorted text. */
    record Outcome(Map<String, List<String>> perKey, List<String> spread, List<String> snapshots) {
    }

    @Test
    void aThousandSeededRunsOnTwoToEightWorkersEndAndMatchOneWorker() {
        for (int seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            int keys = 1 + random.nextInt(12);
            int count = 1 + random.nextInt(60);
            List<Object> input = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (random.nextInt(4) == 0) {
                    input.add(TestingSource.pause(Duration.ofSeconds(1 + random.nextInt(20))));
                }
                input.add(new Ev("k" + random.nextInt(keys), random.nextInt(40) - 5, i));
            }
            int batch = 1 + random.nextInt(16);
            int wait = random.nextInt(4) * 3;
            int window = random.nextInt(3);
            Duration epoch = Duration.ofSeconds(1 + random.nextInt(8));
            int workers = 2 + random.nextInt(7);
            Outcome one = run(input, batch, wait, window, epoch, 1);
            int s = seed;
            Outcome many = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> run(input, batch, wait, window, epoch, workers), () -> "seed " + s + " on " + workers
                            + " workers did not end within 30 s");
            assertThat(many.perKey()).as("seed %s on %s workers: per-key outputs", seed, workers)
                    .isEqualTo(one.perKey());
            assertThat(many.spread()).as("seed %s on %s workers: redistributed items", seed, workers)
                    .isEqualTo(one.spread());
            assertThat(many.snapshots()).as("seed %s on %s workers: snapshots", seed, workers)
                    .isEqualTo(one.snapshots());
        }
    }

    private static Outcome run(List<Object> input, int batch, int wait, int window, Duration epoch, int workers) {
        Dataflow flow = new Dataflow("stress");
        var inp = flow.input("inp", TestingSource.withMarkers(Ev.class, batch, input));
        KeyedStream<String, Ev> keyed = inp.keyOn("key", Ev::key);
        WindowOut<String, Ev, List<Ev>> out = Windowing.collectWindow("win", keyed,
                EventClock.withWait(Ev::at, Duration.ofSeconds(wait)), windower(window));
        List<KV<String, ?>> down = new ArrayList<>();
        List<KV<String, ?>> late = new ArrayList<>();
        List<KV<String, ?>> meta = new ArrayList<>();
        List<KV<String, ?>> counts = new ArrayList<>();
        List<Object> spread = new ArrayList<>();
        out.down().output("down", new TestingSink<>(down));
        out.late().output("late", new TestingSink<>(late));
        out.meta().output("meta", new TestingSink<>(meta));
        keyed.statefulMap("count", (Integer n, Ev e) -> {
            int c = n == null ? 1 : n + 1;
            return Mapped.of(c, c + "@" + e.seq());
        }).output("counts", new TestingSink<>(counts));
        inp.redistribute("spread").map("seq", Ev::seq).output("spread_out", new TestingSink<>(spread));
        List<String> snapshots = Collections.synchronizedList(new ArrayList<>());
        RunOptions options = RunOptions.defaults().withClock(TestingClock.at(SYSTEM)).withEpochInterval(epoch)
                .withSnapshots((step, key, at, state) -> snapshots.add(step + "|" + key + "|" + at + "|" + state))
                .withWorkers(workers);
        Runner.runMain(flow, options);
        Map<String, List<String>> perKey = new TreeMap<>();
        add(perKey, "down", down);
        add(perKey, "late", late);
        add(perKey, "meta", meta);
        add(perKey, "count", counts);
        return new Outcome(perKey, spread.stream().map(String::valueOf).sorted().toList(),
                snapshots.stream().sorted().toList());
    }

    /** The stress tests' windowers: tumbling 5 s, sliding 6 s every 3 s, or sessions with a 4 s gap. */
    static Windower<?> windower(int window) {
        return switch (window) {
            case 0 -> new TumblingWindower(Duration.ofSeconds(5), T0);
            case 1 -> new SlidingWindower(Duration.ofSeconds(6), Duration.ofSeconds(3), T0);
            default -> new SessionWindower(Duration.ofSeconds(4));
        };
    }

    /** Adds each item's value to its stream and key's list. */
    static void add(Map<String, List<String>> perKey, String stream, List<KV<String, ?>> items) {
        for (KV<String, ?> kv : items) {
            perKey.computeIfAbsent(stream + ":" + kv.key(), k -> new ArrayList<>()).add(String.valueOf(kv.value()));
        }
    }
}
