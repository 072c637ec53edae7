package dev.eddy.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.Mapped;
import dev.eddy.dataflow.Stream;
import dev.eddy.io.DirSink;
import dev.eddy.io.FilePosition;
import dev.eddy.io.FileSink;
import dev.eddy.io.FileSource;
import dev.eddy.io.FixedPartitionedSink;
import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.io.StatefulSourcePartition;
import dev.eddy.runtime.Runner;
import dev.eddy.windowing.EventClock;
import dev.eddy.windowing.SessionWindower;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.Windowing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Flink run with checkpoints survives a failure exactly once: a step throws once, after the source has been
 * checkpointed twice, the job restarts from its last completed checkpoint (source partitions at their split
 * state, sink partitions at their writer state, every window key at its keyed state), and the files written are
 * byte for byte those of an uninterrupted run: a running sum into a {@link FileSink}, and tumbling sums and
 * session counts on an event clock over 4,000 events on 20 keys, as {@code FlowKillTest} runs them locally,
 * into {@link DirSink}s.
 */
class FlinkCheckpointTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final int EVENTS = 4_000;
    private static final int KEYS = 20;

    /** Whether the failing step has thrown, how many items it saw, and what the source was built with. */
    private static final AtomicBoolean FAIL = new AtomicBoolean();
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final AtomicInteger SEEN = new AtomicInteger();
    private static final AtomicInteger SOURCE_SNAPSHOTS = new AtomicInteger();
    private static final List<FilePosition> RESUMED_FROM = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        FAIL.set(false);
        FAILED.set(false);
        SEEN.set(0);
        SOURCE_SNAPSHOTS.set(0);
        RESUMED_FROM.clear();
    }

    @ParameterizedTest(name = "at parallelism {0}")
    @ValueSource(ints = {1, 2})
    void aFailureAfterACheckpointResumesAndTheFilesAreThoseOfAnUninterruptedRun(int parallelism) throws IOException {
        Path in = dir.resolve("events.csv");
        Files.write(in, events());
        Path clean = Files.createDirectory(dir.resolve("clean"));
        Path failed = Files.createDirectory(dir.resolve("failed"));
        Path local = Files.createDirectory(dir.resolve("local"));

        FlinkRunner.local(flow(in, clean)).withParallelism(parallelism)
                .withCheckpoints(Duration.ofMillis(100)).run();
        assertThat(RESUMED_FROM).as("an uninterrupted run builds its source once, from the start").isEmpty();

        reset();
        FAIL.set(true);
        FlinkRunner.local(flow(in, failed)).withParallelism(parallelism)
                .withCheckpoints(Duration.ofMillis(100)).withRestarts(3, Duration.ofMillis(100)).run();
        assertThat(FAILED).as("the injected failure happened").isTrue();
        assertThat(RESUMED_FROM).as("the restarted source resumed from its checkpointed position")
                .singleElement().extracting(FilePosition::byteOffset).isNotEqualTo(0L);

        Runner.runMain(flow(in, local));

        Map<String, String> cleanFiles = files(clean);
        assertThat(cleanFiles).isNotEmpty();
        assertThat(files(failed)).isEqualTo(cleanFiles);
        assertThat(sortedLines(cleanFiles)).as("the same windows as the local runtime").isEqualTo(sortedLines(files(local)));
    }

    /**
     * Events {@code minute,key,value}: ten a minute, slightly out of order, on 20 keys, each quiet for 5 minutes
     * in every 40 so that sessions end.
     */
    private static List<String> events() {
        Random random = new Random(16);
        List<String> lines = new ArrayList<>(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            long minute = i / 10 + random.nextInt(3);
            int key = random.nextInt(KEYS);
            if ((minute + key * 7) % 40 < 5) {
                key = (key + 1) % KEYS;
            }
            lines.add(minute + ",k" + key + "," + random.nextInt(1000));
        }
        return lines;
    }

    record Event(Instant ts, String key, long value) {
    }

    /**
     * The flow: a file's events, a step that fails once (when asked) after two source checkpoints, 10-minute
     * tumbling sums and 3-minute-gap session counts on an event clock that waits 5 minutes, each written to a
     * {@link DirSink} with one file per key. One file for all keys would not be the same twice even without a
     * failure: on Flink, windows that close on a processing-time timer interleave with other keys' output as the
     * timers fall, and above parallelism 1 the subtasks race.
     */
    private static Dataflow flow(Path in, Path out) {
        var flow = new Dataflow("ckpt");
        Stream<Event> parsed = flow.input("inp", new CountingSource(new FileSource(in, 50)))
                .map("parse", line -> {
                    String[] f = line.split(",");
                    // Slow enough that checkpoints every 100 ms are taken while the events are read.
                    if (SEEN.incrementAndGet() % 8 == 0) {
                        pause();
                    }
                    if (FAIL.get() && !FAILED.get() && SEEN.get() > EVENTS / 4 && SOURCE_SNAPSHOTS.get() >= 2) {
                        FAILED.set(true);
                        throw new IllegalStateException("injected failure after a completed checkpoint");
                    }
                    return new Event(T0.plusSeconds(60 * Long.parseLong(f[0])), f[1], Long.parseLong(f[2]));
                });
        // One key, so one subtask writes the one file in the order of the events.
        parsed.keyOn("all", e -> "all")
                .statefulMap("running", (Long sum, Event e) -> {
                    long next = (sum == null ? 0 : sum) + e.value();
                    return Mapped.of(next, e.key() + " " + next);
                })
                .output("running_out", new FileSink<>(out.resolve("running.txt")));
        KeyedStream<String, Event> events = parsed.keyOn("key", Event::key);
        EventClock<Event> clock = EventClock.withWait(Event::ts, Duration.ofMinutes(5));
        var sums = Windowing.foldWindow("sums", events, clock, new TumblingWindower(Duration.ofMinutes(10), T0),
                () -> 0L, (Long acc, Event e) -> acc + e.value(), Long::sum);
        var sessions = Windowing.countWindow("sessions", events, clock, new SessionWindower(Duration.ofMinutes(3)));
        sums.down().mapValue("sum_line", v -> "sum " + v).output("sums_out", sink(out.resolve("sums")));
        sessions.down().mapValue("session_line", v -> "session " + v)
                .output("sessions_out", sink(out.resolve("sessions")));
        return flow;
    }

    private static FixedPartitionedSink<String, String, Long> sink(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new DirSink<>(path, KEYS, (i, n) -> "k" + i, key -> Integer.parseInt(key.substring(1)), "\n");
    }

    /** A {@link FileSource} that counts its snapshots and remembers each resume state it is built with. */
    private record CountingSource(FileSource file) implements FixedPartitionedSource<String, FilePosition> {
        @Override
        public List<String> listParts() {
            return file.listParts();
        }

        @Override
        public StatefulSourcePartition<String, FilePosition> buildPart(String stepId, String forPart,
                                                                       FilePosition resumeState) {
            if (resumeState != null) {
                RESUMED_FROM.add(resumeState);
            }
            StatefulSourcePartition<String, FilePosition> part = file.buildPart(stepId, forPart, resumeState);
            return new StatefulSourcePartition<>() {
                @Override
                public List<String> nextBatch() {
                    return part.nextBatch();
                }

                @Override
                public FilePosition snapshot() {
                    SOURCE_SNAPSHOTS.incrementAndGet();
                    return part.snapshot();
                }

                @Override
                public void close() {
                    part.close();
                }
            };
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every file under {@code root}, by its path below it, with its text. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    private static Map<String, List<String>> sortedLines(Map<String, String> files) {
        Map<String, List<String>> out = new TreeMap<>();
        files.forEach((name, text) -> out.put(name, text.lines().sorted().toList()));
        return out;
    }
}
