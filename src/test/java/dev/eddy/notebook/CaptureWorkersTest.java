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
    void aWorkerCountBelowOneIsRefused() {
        var flow = counting();
        Capture capture = Capture.of(flow).stream("nums", flow.input("inp", TestingSource.of(1)));
        assertThatThrownBy(() -> capture.workers(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RunOptions workers must be at least 1; got 0 instead");
    }
}
