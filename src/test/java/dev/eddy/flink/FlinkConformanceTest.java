package dev.eddy.flink;

import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.windowing.BytewaxConformanceTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dataflow case of Bytewax's windowing tests, run on FlinkRunner's MiniCluster at parallelism 1 and 2:
 * {@code down}, {@code late} and {@code meta} per key must be what Bytewax gives, as on the local runtime.
 * System-clock cases read the machine's time on Flink, so they run through Flink's operator harness instead
 * ({@link SystemClockHarnessTest}).
 */
class FlinkConformanceTest {

    static List<Arguments> dataflowCases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Arguments a : BytewaxConformanceTest.cases()) {
            JsonNode c = (JsonNode) a.get()[1];
            // cases() lists each dataflow case once per local worker count; Flink takes it once, at worker count 1.
            if (c.get("level").asText().equals("dataflow") && (int) a.get()[2] == 1) {
                for (int parallelism : new int[] {1, 2}) {
                    out.add(Arguments.of(a.get()[0], parallelism, c));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} at parallelism {1}")
    @MethodSource("dataflowCases")
    void everyBytewaxCaseGivesTheSameOutputPerKeyOnFlink(String name, int parallelism, JsonNode c) {
        assumeThat(c.get("clock").get("type").asText()).as("system-clock cases run in the harness")
                .isNotEqualTo("SystemClock");
        BytewaxConformanceTest.runDataflow(c, flow -> FlinkRunner.local(flow).withParallelism(parallelism).run());
    }
}
