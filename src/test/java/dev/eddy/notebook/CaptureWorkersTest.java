package dev.eddy.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.Mapped;
import dev.eddy.testing.TestingSource;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A capture runs on one worker unless told otherwise, and says so when more ran. */
class CaptureWorkersTest {

    private static Dataflow counting() {
        return new Dataflow("counts");
    }

    @Test
    void aCaptureRunsOnOneWorkerByDefaultAndItsHeaderSaysNothingOfWorkers() {
        var flow = counting();
        var nums = flow.input("inp", TestingSource.of(1, 2, 3));
        Capture capture = Capture.of(flow).stream("nums", nums);
        assertThat(capture.workers()).isEqualTo(1);
        Results r = capture.run();
        assertThat(r.workers()).isEqualTo(1);
        assertThat(r.text(TableLimits.defaults())).startsWith("flow counts\n");
    }

    @Test
    void workersRunsTheCaptureOnThatManyAndTheHeaderShowsIt() {
        var flow = counting();
        List<String> words = IntStream.range(0, 300).mapToObj(i -> "w" + i % 17).toList();
        var counts = flow.input("inp", TestingSource.of(words, 7)).keyOn("self", w -> w)
                .statefulMap("count", (Integer n, String w) -> Mapped.of(n == null ? 1 : n + 1, n == null ? 1 : n + 1));
        Results one = Capture.of(flow).stream("counts", counts).run();
        Results four = Capture.of(flow).stream("counts", counts).workers(4).run();

        assertThat(four.workers()).isEqualTo(4);
        assertThat(four.text(TableLimits.defaults())).startsWith("flow counts on 4 workers\n");
        assertThat(four.html(TableLimits.defaults())).contains("flow counts on 4 workers");
        assertThat(four.items("counts")).hasSize(300).containsExactlyInAnyOrderElementsOf(one.items("counts"));
        assertThat(four.items("counts")).filteredOn(kv -> ((KV<?, ?>) kv).key().equals("w3"))
                .containsExactlyElementsOf(one.items("counts").stream()
                        .filter(kv -> ((KV<?, ?>) kv).key().equals("w3")).toList());
    }

    @Test
    void withWorkerColumnEveryRowSaysWhichWorkerTookItAndEachKeyStaysOnItsOwner() {
        var flow = counting();
        List<String> words = IntStream.range(0, 300).mapToObj(i -> "w" + i % 17).toList();
        var counts = flow.input("inp", TestingSource.of(words, 7)).keyOn("self", w -> w)
                .statefulMap("count", (Integer n, String w) -> Mapped.of(n == null ? 1 : n + 1, n == null ? 1 : n + 1));
        Results r = Capture.of(flow).stream("counts", counts).workers(3).withWorkerColumn().run();

        var table = r.table("counts");
        assertThat(table.columnNames()).containsExactly("key", "value", "worker");
        assertThat(table.rowCount()).isEqualTo(300);
        java.util.Map<Object, java.util.Set<Integer>> workersOfKey = new java.util.HashMap<>();
        for (int row = 0; row < table.rowCount(); row++) {
            workersOfKey.computeIfAbsent(table.getString(row, "key"), k -> new java.util.HashSet<>())
                    .add(table.intColumn("worker").get(row));
        }
        assertThat(workersOfKey).hasSize(17).allSatisfy((key, owners) -> assertThat(owners).hasSize(1));
        assertThat(workersOfKey.values().stream().flatMap(java.util.Set::stream).distinct().sorted().toList())
                .as("17 keys spread over 3 workers").containsExactly(0, 1, 2);
        assertThat(r.html(TableLimits.defaults())).contains(">worker<");
    }

    @Test
    void aWindowedCaptureWithWorkerColumnGivesDownAndLateRowsTheirWorkers() {
        var flow = counting();
        var t0 = java.time.Instant.parse("2024-01-01T00:00:00Z");
        var inp = flow.input("inp", TestingSource.of(List.of(0, 1, 12, 3, 25, 2), 1));
        var windows = dev.eddy.windowing.Windowing.countWindow("per_10s", inp,
                dev.eddy.windowing.EventClock.withNoWait((Integer s) -> t0.plusSeconds(s)),
                new dev.eddy.windowing.TumblingWindower(java.time.Duration.ofSeconds(10), t0), s -> "k" + (s % 2));
        Results plain = Capture.of(flow).window("w", windows).workers(2).run();
        Results r = Capture.of(flow).window("w", windows).workers(2).withWorkerColumn().run();

        assertThat(plain.table("w").columnNames()).doesNotContain("worker");
        var table = r.table("w");
        assertThat(table.columnNames()).containsSequence(plain.table("w").columnNames()).endsWith("worker");
        assertThat(table.rowCount()).isEqualTo(plain.table("w").rowCount());
        assertThat(r.late("w")).isNotEmpty();
        java.util.Map<String, java.util.Set<Integer>> workersOfKey = new java.util.HashMap<>();
        for (int row = 0; row < table.rowCount(); row++) {
            workersOfKey.computeIfAbsent(table.getString(row, "key"), k -> new java.util.HashSet<>())
                    .add(table.intColumn("worker").get(row));
        }
        assertThat(workersOfKey).containsOnlyKeys("k0", "k1").allSatisfy((key, owners) -> assertThat(owners).hasSize(1));
    }

    @Test
    void aWorkerCountBelowOneIsRefused() {
        var flow = counting();
        Capture capture = Capture.of(flow).stream("nums", flow.input("inp", TestingSource.of(1)));
        assertThatThrownBy(() -> capture.workers(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RunOptions workers must be at least 1; got 0 instead");
    }
}
