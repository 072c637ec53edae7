package dev.eddy.flink;

import static dev.eddy.flink.WindowedFileFlow.files;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.io.FilePosition;
import dev.eddy.io.FileSource;
import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.io.StatefulSourcePartition;
import dev.eddy.runtime.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * byte for byte those of an uninterrupted run: the flow of {@link WindowedFileFlow}, a running sum into a
 * {@code FileSink}, and tumbling sums and session counts on an event clock over 4,000 events on 20 keys, as
 * {@code FlowKillTest} runs them locally, into {@code DirSink}s.
 */
class FlinkCheckpointTest {

    private static final int EVENTS = 4_000;

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
        Files.write(in, WindowedFileFlow.events(EVENTS, 10, 16));
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
     * The flow of {@link WindowedFileFlow}, whose step {@code parse} fails once (when asked) after two source
     * checkpoints, and is slow enough that checkpoints every 100 ms are taken while the events are read.
     */
    private static Dataflow flow(Path in, Path out) {
        return WindowedFileFlow.flow("ckpt", new CountingSource(new FileSource(in, 50)), line -> {
            if (SEEN.incrementAndGet() % 8 == 0) {
                pause();
            }
            if (FAIL.get() && !FAILED.get() && SEEN.get() > EVENTS / 4 && SOURCE_SNAPSHOTS.get() >= 2) {
                FAILED.set(true);
                throw new IllegalStateException("injected failure after a completed checkpoint");
            }
            return line;
        }, out).flow();
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

    private static Map<String, List<String>> sortedLines(Map<String, String> files) {
        Map<String, List<String>> out = new TreeMap<>();
        files.forEach((name, text) -> out.put(name, text.lines().sorted().toList()));
        return out;
    }
}
