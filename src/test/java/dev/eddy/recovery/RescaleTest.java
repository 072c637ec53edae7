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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming with another worker count: Bytewax 0.21.1's {@code test_rescale} (3, then 5, then 1 worker,
 * with its expected outputs), each worker's frontier stored for one epoch alike, and random rescales of
 * a keyed flow whose per-key output is an uninterrupted one-worker run's.
 */
class RescaleTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private RunOptions options(int workers) {
        return RunOptions.defaults().withClock(TestingClock.at(T0)).withEpochInterval(Duration.ZERO)
                .withRecovery(dir, Duration.ZERO).withWorkers(workers);
    }

    private static Mapped<Integer, Integer> keepMax(Integer maxVal, Integer newVal) {
        int max = Math.max(maxVal == null ? 0 : maxVal, newVal);
        return Mapped.of(max, max);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Dataflow keepMaxFlow(List<?> inp, List<Object> out) {
        Dataflow flow = new Dataflow("test_df");
        Stream<KV<String, Integer>> s = (Stream) flow.input("inp", TestingSource.withMarkers(KV.class, 1, inp));
        KeyedStream.of(s).statefulMap("max", RescaleTest::keepMax).output("out", new TestingSink<>(out));
        return flow;
    }

    /** Bytewax compares lists; items of two keys may come from two workers, so here they are in key order. */
    private static List<Object> byKey(List<Object> out) {
        List<Object> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(o -> ((KV<?, ?>) o).key().toString()));
        return sorted;
    }

    @Test
    void rescale() {
        Recovery.initDbDir(dir, 3);
        List<Object> inp = List.of(KV.of("a", 4), KV.of("b", 4), TestingSource.EOF, KV.of("a", 1), KV.of("b", 5),
                TestingSource.EOF, KV.of("a", 8), KV.of("b", 1));
        List<Object> out = new ArrayList<>();
        Dataflow flow = keepMaxFlow(inp, out);

        // Start with 3 workers.
        Runner.runMain(flow, options(3));
        assertThat(byKey(out)).containsExactly(KV.of("a", 4), KV.of("b", 4));

        // Continue with 5 workers.
        out.clear();
        Runner.runMain(flow, options(5));
        assertThat(byKey(out)).containsExactly(KV.of("a", 4), KV.of("b", 5));

        // Continue again resizing down to 1 worker.
        out.clear();
        Runner.runMain(flow, options(1));
        assertThat(byKey(out)).containsExactly(KV.of("a", 8), KV.of("b", 5));
    }

    @Test
    void everyWorkerStoresItsFrontierAndTheExecutionItsWorkerCount() throws Exception {
        Recovery.initDbDir(dir, 2);
        List<Object> out = new ArrayList<>();
        Dataflow flow = keepMaxFlow(List.of(KV.of("a", 1), KV.of("b", 2), KV.of("c", 3)), out);

        Runner.runMain(flow, options(3));

        List<List<Object>> exs = new ArrayList<>();
        List<List<Object>> fronts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            exs.addAll(Stores.query(dir.resolve("part-" + i + ".sqlite3"), "SELECT ex_num, worker_count FROM exs"));
            fronts.addAll(Stores.query(dir.resolve("part-" + i + ".sqlite3"),
                    "SELECT worker_index, worker_frontier FROM fronts WHERE ex_num = 0"));
        }
        assertThat(exs).containsExactly(List.of(0, 3));
        fronts.sort(Comparator.comparing(row -> (Integer) row.get(0)));
        assertThat(fronts).hasSize(3);
        assertThat(fronts).extracting(row -> row.get(0)).containsExactly(0, 1, 2);
        assertThat(fronts).extracting(row -> row.get(1)).as("every worker closed the same epochs").containsOnly(
                fronts.get(0).get(1));
    }

    @Test
    void randomRescalesOfAKeyedFlowGiveEachKeyTheOutputOfOneUninterruptedWorker() {
        for (int seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            List<Object> items = new ArrayList<>();
            int resumes = 0;
            for (int i = 0; i < 80; i++) {
                if (random.nextInt(10) == 0) {
                    items.add(TestingSource.EOF);
                    resumes++;
                }
                items.add(KV.of("k" + random.nextInt(9), random.nextInt(100)));
            }
            List<Object> plain = items.stream().filter(x -> x != TestingSource.EOF).toList();
            List<Object> expected = new ArrayList<>();
            Runner.runMain(keepMaxFlow(plain, expected), RunOptions.defaults().withClock(TestingClock.at(T0)));

            Path store = dir.resolve("seed-" + seed);
            Recovery.initDbDir(store, 1 + random.nextInt(4));
            List<Object> out = new ArrayList<>();
            Dataflow flow = keepMaxFlow(items, out);
            List<Integer> counts = new ArrayList<>();
            for (int run = 0; run <= resumes; run++) {
                int workers = 1 + random.nextInt(5);
                counts.add(workers);
                Runner.runMain(flow, RunOptions.defaults().withClock(TestingClock.at(T0))
                        .withEpochInterval(Duration.ZERO).withRecovery(store, Duration.ZERO).withWorkers(workers));
            }
            assertThat(perKey(out)).as("seed %s, worker counts %s", seed, counts).isEqualTo(perKey(expected));
        }
    }

    private static Map<Object, List<Object>> perKey(List<Object> items) {
        Map<Object, List<Object>> out = new TreeMap<>();
        for (Object item : items) {
            KV<?, ?> kv = (KV<?, ?>) item;
            out.computeIfAbsent(kv.key(), k -> new ArrayList<>()).add(kv.value());
        }
        return out;
    }
}
