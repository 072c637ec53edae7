package dev.eddy.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.Mapped;
import dev.eddy.dataflow.Stream;
import dev.eddy.io.FileSink;
import dev.eddy.io.FileSource;
import dev.eddy.runtime.Execution;
import dev.eddy.runtime.RecoveryStore;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import dev.eddy.testing.TestingSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs with a recovery store: what a resumed run rebuilds, and what it writes once. */
class ResumedRunTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private RunOptions options(TestingClock clock, Duration epochInterval) throws Exception {
        Path store = dir.resolve("store");
        if (!Files.exists(store)) {
            Recovery.initDbDir(store, 2);
        }
        return RunOptions.defaults().withClock(clock).withEpochInterval(epochInterval)
                .withRecovery(store, Duration.ZERO);
    }

    private static Mapped<Integer, Integer> keepMax(Integer maxVal, Integer newVal) {
        int max = Math.max(maxVal == null ? 0 : maxVal, newVal);
        return Mapped.of(max, max);
    }

    @Test
    void statefulMapGoesOnFromEachKeysStateOverContinuations() throws Exception {
        // Bytewax's rescale case, on one worker throughout: the same outputs.
        List<Object> out = new ArrayList<>();
        Dataflow flow = new Dataflow("test_df");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Stream<KV<String, Integer>> s = (Stream) flow.input("inp", TestingSource.withMarkers(KV.class, 1, List.of(
                KV.of("a", 4), KV.of("b", 4), TestingSource.EOF, KV.of("a", 1), KV.of("b", 5), TestingSource.EOF,
                KV.of("a", 8), KV.of("b", 1))));
        KeyedStream.of(s).statefulMap("max", ResumedRunTest::keepMax).output("out", new TestingSink<>(out));
        TestingClock clock = TestingClock.at(T0);

        Runner.runMain(flow, options(clock, Duration.ZERO));
        assertThat(out).containsExactly(KV.of("a", 4), KV.of("b", 4));
        out.clear();
        Runner.runMain(flow, options(clock, Duration.ZERO));
        assertThat(out).containsExactly(KV.of("a", 4), KV.of("b", 5));
        out.clear();
        Runner.runMain(flow, options(clock, Duration.ZERO));
        assertThat(out).containsExactly(KV.of("a", 8), KV.of("b", 5));
    }

    @Test
    void aResumedKeyThatIsDiscardedStaysDiscardedAtTheNextResume() throws Exception {
        // A -1 discards its key's count. Run 2 resumes "a" at 2 and discards it: the store must learn of it,
        // although run 2 never snapshotted "a" with a state, or run 3 would count on from 2. Run 2 also makes
        // and discards "b" within one epoch, which leaves nothing to discard.
        List<Object> out = new ArrayList<>();
        Dataflow flow = new Dataflow("discard_df");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Stream<KV<String, Integer>> s = (Stream) flow.input("inp", TestingSource.withMarkers(KV.class, 1, List.of(
                KV.of("a", 1), KV.of("a", 1), TestingSource.EOF, KV.of("a", -1), KV.of("b", 1), KV.of("b", -1),
                TestingSource.EOF, KV.of("a", 1), KV.of("b", 1))));
        KeyedStream.of(s).statefulMap("count", (Integer n, Integer x) -> {
            int count = x < 0 ? 0 : (n == null ? 0 : n) + x;
            return Mapped.of(x < 0 ? null : count, count);
        }).output("out", new TestingSink<>(out));
        TestingClock clock = TestingClock.at(T0);

        Runner.runMain(flow, options(clock, Duration.ZERO));
        Runner.runMain(flow, options(clock, Duration.ZERO));
        out.clear();
        Runner.runMain(flow, options(clock, Duration.ZERO));
        assertThat(out).containsExactly(KV.of("a", 1), KV.of("b", 1));
    }

    @Test
    void longKeysOfAKeyOnFusedIntoTheStatefulStepComeBackAsTheSameKeys() throws Exception {
        // keyOn just before a stateful step is fused into it, which keeps Long keys as primitives: a key
        // loaded from the store must be the key the next item of that key finds.
        List<Object> out = new ArrayList<>();
        Dataflow flow = new Dataflow("long_df");
        flow.input("inp", TestingSource.withMarkers(Integer.class, 1, List.of(1, 2, 3, TestingSource.EOF, 4, 5)))
                .keyOn("parity", x -> (long) (x % 2))
                .statefulMap("count", (Integer n, Integer x) -> Mapped.of(n == null ? 1 : n + 1, n == null ? 1 : n + 1))
                .output("out", new TestingSink<>(out));
        TestingClock clock = TestingClock.at(T0);
        Runner.runMain(flow, options(clock, Duration.ZERO));
        out.clear();
        Runner.runMain(flow, options(clock, Duration.ZERO));
        assertThat(out).containsExactly(KV.of(0L, 2), KV.of(1L, 3));
    }

    @Test
    void aResumedKeyWakesUpAtItsSnapshottedTimeWithoutNewItems() throws Exception {
        // Bytewax #138: key z's collect times out 5 s after its first item; after the abort, z gets no
        // item, yet its wake-up must come back with its state and fire during the pause, before b's
        // list, which only end of input flushes. Without it, end of input would flush b, then z.
        // (Downtime counts as system time: had the clock passed z's time, z would fire at once.)
        List<Object> out = new ArrayList<>();
        Dataflow flow = new Dataflow("wake_df");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Stream<KV<String, Integer>> s = (Stream) flow.input("inp", TestingSource.withMarkers(KV.class, 1, List.of(
                KV.of("z", 1), KV.of("z", 2), TestingSource.ABORT, TestingSource.pause(Duration.ofSeconds(6)),
                KV.of("b", 3), KV.of("b", 4))));
        KeyedStream.of(s).collect("lists", Duration.ofSeconds(5), 100).output("out", new TestingSink<>(out));
        TestingClock clock = TestingClock.at(T0);

        Runner.runMain(flow, options(clock, Duration.ZERO));
        assertThat(out).isEmpty();
        Runner.runMain(flow, options(clock, Duration.ZERO));
        assertThat(out).containsExactly(KV.of("z", List.of(1, 2)), KV.of("b", List.of(3, 4)));
    }

    @Test
    void fileSourceAndFileSinkResumeFromTheirPositionsSoEachLineIsWrittenOnce() throws Exception {
        Path in = dir.resolve("in.txt");
        Files.write(in, IntStream.rangeClosed(1, 10).mapToObj(Integer::toString).collect(Collectors.toList()));
        Path outFile = dir.resolve("out.txt");
        AtomicBoolean failed = new AtomicBoolean();
        Dataflow flow = new Dataflow("files_df");
        flow.input("inp", new FileSource(in, 2))
                .map("crash_once_at_8", line -> {
                    if (line.equals("8") && failed.compareAndSet(false, true)) {
                        throw new IllegalStateException("crash");
                    }
                    return "line " + line;
                })
                .keyOn("all", x -> "all").output("out", new FileSink<>(outFile));
        TestingClock clock = TestingClock.at(T0);
        // An epoch per activation of two lines: the crash comes at line 8, after the sink wrote line 7,
        // which no snapshot covers; the resumed run cuts it off, reads from line 7 on and writes it again.
        Duration epoch = Duration.ZERO;

        assertThatThrownBy(() -> Runner.runMain(flow, options(clock, epoch))).hasRootCauseMessage("crash");
        assertThat(Files.readAllLines(outFile)).endsWith("line 6", "line 7");
        Execution resumed = Runner.prepare(flow, options(clock, epoch));
        resumed.run();
        assertThat(resumed.resumedFrom().epoch()).isGreaterThan(1);
        assertThat(Files.readAllLines(outFile)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 10).mapToObj(i -> "line " + i).collect(Collectors.toList()));
    }

    @Test
    void aResumedRunSaysWhichExecutionAndEpochItResumesFrom() throws Exception {
        Dataflow flow = new Dataflow("say_df");
        flow.input("inp", TestingSource.withMarkers(Integer.class, 1, List.of(1, TestingSource.EOF, 2)))
                .output("out", new TestingSink<>(new ArrayList<>()));
        TestingClock clock = TestingClock.at(T0);
        Execution first = Runner.prepare(flow, options(clock, Duration.ofSeconds(5)));
        String firstErr = stderrOf(first::run);
        assertThat(first.resumedFrom()).isEqualTo(new RecoveryStore.ResumeFrom(0, 1));
        assertThat(firstErr).isEmpty();

        Execution second = Runner.prepare(flow, options(clock, Duration.ofSeconds(5)));
        String secondErr = stderrOf(second::run);
        assertThat(second.resumedFrom()).isEqualTo(new RecoveryStore.ResumeFrom(1, 2));
        assertThat(secondErr).startsWith("flow 'say_df' resumes from epoch 2 as execution 1 of recovery store "
                + dir.resolve("store") + ", with 1 state of 1 step as they were when epoch 1 closed");
    }

    @Test
    void aRunWithoutRecoveryResumesFromNothing() {
        Dataflow flow = new Dataflow("plain_df");
        flow.input("inp", TestingSource.of(1)).output("out", new TestingSink<>(new ArrayList<>()));
        Execution run = Runner.prepare(flow, RunOptions.defaults().withClock(TestingClock.at(T0)));
        run.run();
        assertThat(run.resumedFrom()).isNull();
    }

    private static String stderrOf(Runnable body) {
        PrintStream old = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
