package dev.eddy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.recovery.Recovery;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ExactlyOnceKafkaSink} against a real broker, started once for the class. */
class ExactlyOnceSinkTest extends BrokerPerClass {

    @TempDir
    Path dir;

    private static KafkaSinkMessage<byte[], byte[]> msg(String value) {
        return KafkaSinkMessage.of(null, Topics.bytes(value));
    }

    @Test
    void aResumedPartitionCommitsTheLastStoredEpochOnceWhetherTheCrashCameBeforeOrAfterItsCommit() throws Exception {
        Topics.create(broker.bootstrap(), "parts_out", 1);
        ExactlyOnceKafkaSink<String> sink = new KafkaSink(brokers, "parts_out", Map.of()).exactlyOnce("parts-test");
        var first = sink.buildPart("eg.out", "0", null);
        first.writeBatch(List.of(msg("a")));
        ExactlyOnceKafkaSink.State afterA = first.snapshot();   // epoch 1 holds a; nothing in Kafka yet
        first.writeBatch(List.of(msg("b")));
        ExactlyOnceKafkaSink.State afterB = first.snapshot();   // commits epoch 1 (a); epoch 2 holds b
        assertThat(afterA.epoch()).isEqualTo(1);
        assertThat(afterB.pending()).hasSize(1);
        assertThat(Topics.values(Topics.readCommitted(broker.bootstrap(), "parts_out"))).containsExactly("a");
        // The run dies here without closing: its producer is left as it was.

        // Its store held epoch 1 when it died after committing epoch 1 to Kafka: the marker says so, a is not sent again.
        var crashedAfterCommit = sink.buildPart("eg.out", "0", afterA);
        crashedAfterCommit.close();
        assertThat(Topics.values(Topics.readCommitted(broker.bootstrap(), "parts_out"))).containsExactly("a");

        // Its store held epoch 2, whose messages (b) never reached Kafka: the resumed partition commits them at once.
        var crashedBeforeCommit = sink.buildPart("eg.out", "0", afterB);
        assertThat(Topics.values(Topics.readCommitted(broker.bootstrap(), "parts_out"))).containsExactly("a", "b");
        crashedBeforeCommit.close();
        var again = sink.buildPart("eg.out", "0", afterB);
        again.close();
        assertThat(Topics.values(Topics.readCommitted(broker.bootstrap(), "parts_out"))).containsExactly("a", "b");
    }

    @Test
    void aMarkerOfAnotherRunWithTheSameTransactionalIdIsNotMistakenForThisRuns() throws Exception {
        Topics.create(broker.bootstrap(), "other_run_out", 1);
        ExactlyOnceKafkaSink<String> sink = new KafkaSink(brokers, "other_run_out", Map.of()).exactlyOnce("reused-id");
        // An earlier flow with the same id got far: its markers name epoch 3.
        var earlier = sink.buildPart("eg.out", "0", null);
        for (String v : List.of("x", "y", "z", "w")) {
            earlier.writeBatch(List.of(msg(v)));
            earlier.snapshot();
        }
        earlier.close();
        // A new run (no resume state) snapshots its first epoch, dies before committing it, and resumes.
        var fresh = sink.buildPart("eg.out", "0", null);
        fresh.writeBatch(List.of(msg("new")));
        ExactlyOnceKafkaSink.State state = fresh.snapshot();
        sink.buildPart("eg.out", "0", state).close();
        assertThat(Topics.values(Topics.readCommitted(broker.bootstrap(), "other_run_out")))
                .containsExactly("x", "y", "z", "w", "new");
    }

    @Test
    void aWindowedFlowThatFailsAndResumesWritesEveryWindowExactlyOnce() throws Exception {
        int count = 30_000;
        Topics.windowedFlowTopics(broker.bootstrap(), "win_in", "win_out", 1, count);
        Path store = dir.resolve("store");
        Recovery.initDbDir(store, 1);
        RunOptions options = RunOptions.defaults().withEpochInterval(Duration.ofMillis(5)).withRecovery(store, Duration.ZERO);

        assertThatThrownBy(() -> Runner.runMain(WindowedKafkaFlow.flow(brokers, "win_in", "win_out", 2, 20_000), options))
                .hasMessageContaining("failing at event 20000");
        Map<String, Long> afterFailure = counts(Topics.values(Topics.readCommitted(broker.bootstrap(), "win_out")));
        assertThat(afterFailure).isNotEmpty();
        Runner.runMain(WindowedKafkaFlow.flow(brokers, "win_in", "win_out", 0, -1), options);

        List<String> lines = Topics.values(Topics.readCommitted(broker.bootstrap(), "win_out"));
        assertThat(lines).doesNotHaveDuplicates();
        assertThat(counts(lines)).isEqualTo(WindowedKafkaFlow.expected(count));
    }

    @Test
    void withoutRecoveryARunCommitsItsWholeOutputWhenItEnds() throws Exception {
        int count = 5_000;
        Topics.windowedFlowTopics(broker.bootstrap(), "norec_in", "norec_out", 1, count);

        Runner.runMain(WindowedKafkaFlow.flow(brokers, "norec_in", "norec_out", 0, -1));

        List<String> lines = Topics.values(Topics.readCommitted(broker.bootstrap(), "norec_out"));
        assertThat(lines).doesNotHaveDuplicates();
        assertThat(counts(lines)).isEqualTo(WindowedKafkaFlow.expected(count));
    }

    /** {@code user,window} to count, from {@code user,window,count} lines. */
    static Map<String, Long> counts(List<String> lines) {
        Map<String, Long> out = new HashMap<>();
        for (String line : lines) {
            int last = line.lastIndexOf(',');
            out.merge(line.substring(0, last), Long.parseLong(line.substring(last + 1)), Long::sum);
        }
        return out;
    }
}
