package dev.eddy.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytewax 0.21.1's {@code pytests/test_recovery.py}, case by case, with its inputs and expected outputs
 * (its {@code recovery_config} fixture is a one-partition store with a zero backup interval). The rescale
 * case waits for several workers. The clock is a {@link TestingClock}, so which epochs close does not
 * depend on how fast the machine is: the 5 s epochs never close before end of input, as they don't in
 * Bytewax's runs of a few milliseconds.
 */
class BytewaxRecoveryTest {

    private static final Duration ZERO_TD = Duration.ZERO;
    private static final Duration FIVE_TD = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private RunOptions options(Duration epochInterval, Duration backupInterval) {
        return RunOptions.defaults().withClock(TestingClock.at(Instant.parse("2024-01-01T00:00:00Z")))
                .withEpochInterval(epochInterval).withRecovery(dir, backupInterval);
    }

    private RunOptions recoveryConfig(Duration epochInterval) throws Exception {
        if (!Files.exists(dir.resolve("part-0.sqlite3"))) {
            Recovery.initDbDir(dir, 1);
        }
        return options(epochInterval, Duration.ZERO);
    }

    private static Dataflow passThrough(List<?> inp, List<Object> out) {
        Dataflow flow = new Dataflow("test_df");
        flow.input("inp", TestingSource.withMarkers(Object.class, 1, inp)).output("out", new TestingSink<>(out));
        return flow;
    }

    @Test
    void abortNoSnapshots() throws Exception {
        List<Object> out = new ArrayList<>();
        Dataflow flow = passThrough(List.of(0, 1, 2, TestingSource.ABORT, 3, 4), out);

        // A 5 s epoch: no snapshot when the abort happens.
        Runner.runMain(flow, recoveryConfig(FIVE_TD));
        assertThat(out).containsExactly(0, 1, 2);

        // So resume replays all the input.
        out.clear();
        Runner.runMain(flow, recoveryConfig(FIVE_TD));
        assertThat(out).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void abortWithSnapshots() throws Exception {
        List<Object> out = new ArrayList<>();
        Dataflow flow = passThrough(List.of(0, 1, 2, TestingSource.ABORT, 3, 4), out);

        // A zero epoch: a snapshot after each item.
        Runner.runMain(flow, recoveryConfig(ZERO_TD));
        assertThat(out).containsExactly(0, 1, 2);

        // Resume as if it was an EOF.
        out.clear();
        Runner.runMain(flow, recoveryConfig(ZERO_TD));
        assertThat(out).containsExactly(3, 4);
    }

    @Test
    void continuation() throws Exception {
        List<Object> out = new ArrayList<>();
        Dataflow flow = passThrough(List.of(0, 1, 2, TestingSource.EOF, 3, 4), out);

        // A 5 s epoch: a snapshot only at EOF.
        Runner.runMain(flow, recoveryConfig(FIVE_TD));
        assertThat(out).containsExactly(0, 1, 2);

        // Each continuation resumes at the last snapshot.
        out.clear();
        Runner.runMain(flow, recoveryConfig(FIVE_TD));
        assertThat(out).containsExactly(3, 4);

        out.clear();
        Runner.runMain(flow, recoveryConfig(FIVE_TD));
        assertThat(out).isEmpty();

        out.clear();
        Runner.runMain(flow, recoveryConfig(FIVE_TD));
        assertThat(out).isEmpty();
    }

    @Test
    void continuationWithDelayedBackup() throws Exception {
        Recovery.initDbDir(dir, 1);
        RunOptions recoveryConfig = options(FIVE_TD, FIVE_TD.multipliedBy(2));
        List<Object> out = new ArrayList<>();
        Dataflow flow = passThrough(List.of(0, TestingSource.EOF, 1, TestingSource.EOF, 2, TestingSource.EOF, 3,
                TestingSource.EOF, 4), out);

        // A 5 s epoch snapshots only at EOF; the backup interval holds GC two epochs back.
        Runner.runMain(flow, recoveryConfig);
        assertThat(out).containsExactly(0);

        out.clear();
        Runner.runMain(flow, recoveryConfig);
        assertThat(out).containsExactly(1);

        out.clear();
        Runner.runMain(flow, recoveryConfig);
        assertThat(out).containsExactly(2);

        out.clear();
        Runner.runMain(flow, recoveryConfig);
        assertThat(out).containsExactly(3);

        out.clear();
        Runner.runMain(flow, recoveryConfig);
        assertThat(out).containsExactly(4);

        out.clear();
        Runner.runMain(flow, recoveryConfig);
        assertThat(out).isEmpty();

        // The source's snapshots of the last two epochs are still there; older ones are gone.
        assertThat(Stores.query(dir.resolve("part-0.sqlite3"),
                "SELECT snap_epoch FROM snaps WHERE step_id = 'test_df.inp' ORDER BY snap_epoch"))
                .containsExactly(List.of(4), List.of(5), List.of(6));
    }

    private static Mapped<Integer, Integer> keepMax(Integer maxVal, Integer newVal) {
        int max = Math.max(maxVal == null ? 0 : maxVal, newVal);
        return Mapped.of(max, max);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Dataflow buildKeepMaxDataflow(List<?> inp, List<Object> out) {
        Dataflow flow = new Dataflow("test_df");
        Stream<KV<String, Integer>> s = (Stream) flow.input("inp", TestingSource.withMarkers(KV.class, 1, inp));
        KeyedStream.of(s).statefulMap("max", BytewaxRecoveryTest::keepMax).output("out", new TestingSink<>(out));
        return flow;
    }

    @Test
    void noParts() {
        // No initDbDir.
        Dataflow flow = buildKeepMaxDataflow(List.of(), new ArrayList<>());
        assertThatThrownBy(() -> Runner.runMain(flow, options(ZERO_TD, Duration.ZERO)))
                .isInstanceOf(NoPartitionsException.class);
    }

    @Test
    void missingParts() throws Exception {
        Recovery.initDbDir(dir, 3);
        Files.delete(dir.resolve("part-0.sqlite3"));
        Dataflow flow = buildKeepMaxDataflow(List.of(), new ArrayList<>());
        assertThatThrownBy(() -> Runner.runMain(flow, options(ZERO_TD, Duration.ZERO)))
                .isInstanceOf(MissingPartitionsException.class);
    }

    @Test
    void inconsistentParts() throws Exception {
        int partCount = 3;
        Recovery.initDbDir(dir, partCount);
        RunOptions recoveryConfig = options(ZERO_TD, ZERO_TD);
        // Keep every initial partition.
        for (int i = 0; i < partCount; i++) {
            Files.copy(dir.resolve("part-" + i + ".sqlite3"), dir.resolve("part-" + i + ".run0"));
        }
        List<Object> out = new ArrayList<>();
        Dataflow flow = buildKeepMaxDataflow(List.of(KV.of("a", 4), KV.of("b", 4), TestingSource.ABORT,
                KV.of("a", 1), KV.of("b", 5)), out);

        Runner.runMain(flow, recoveryConfig);
        assertThat(out).containsExactly(KV.of("a", 4), KV.of("b", 4));

        // Continue with a partition put back as it was: with a zero backup interval, the state needed to
        // resume from the initial epoch 1 is already thrown away. Bytewax puts back partition 0, which in
        // its hashing holds the execution's progress; here that is the partition holding the exs row.
        int progressPart = -1;
        for (int i = 0; i < partCount; i++) {
            if (!Stores.query(dir.resolve("part-" + i + ".sqlite3"), "SELECT ex_num FROM exs").isEmpty()) {
                progressPart = i;
            }
        }
        assertThat(progressPart).isNotNegative();
        out.clear();
        Files.copy(dir.resolve("part-" + progressPart + ".run0"), dir.resolve("part-" + progressPart + ".sqlite3"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> Runner.runMain(flow, recoveryConfig))
                .isInstanceOf(InconsistentPartitionsException.class);
    }
}
