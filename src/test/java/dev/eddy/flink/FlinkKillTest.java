package dev.eddy.flink;

import static dev.eddy.flink.WindowedFileFlow.files;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.io.FileSink;
import dev.eddy.io.FileSource;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault test of a real cluster: a keyed, windowed flow runs on a Flink session cluster of its own JVMs (a
 * JobManager and a TaskManager with two slots, parallelism 2) with a checkpoint every 200 ms, and its only
 * TaskManager is killed with SIGKILL five times at seeded random moments, each time after a checkpoint of the
 * restarted job completed, and replaced by a new one (once only after 12 s, longer than the heartbeat timeout
 * and sixty restart delays). The job finishes, and what its exactly-once sinks wrote is what an uninterrupted
 * run on the same cluster writes:
 *
 * <ul>
 *   <li>{@code running.txt}, a {@link FileSink} of a running sum over one key: byte for byte;
 *   <li>{@code sums/} and {@code sessions/}, {@code DirSink}s of 10-minute tumbling sums and 3-minute-gap session
 *       counts with one file per key: each file byte for byte;
 *   <li>{@code windows.txt}, one {@link FileSink} of every key's sessions: each key's lines in the same order.
 *       Its lines of different keys interleave as the two keyed subtasks race and as windows close on
 *       processing-time timers, so the whole file is not the same twice, even without a kill.
 * </ul>
 *
 * <p>The input is 60,000 events read by a {@link FileSource}. While the kills go on, a step sleeps a millisecond
 * per event (at least a minute of reading, more than the kills take); once they are done the test opens a gate
 * (a file the TaskManager sees) and the rest runs at full speed. The pace changes when items are read, never
 * what a step computes, so both runs write the same.
 */
class FlinkKillTest {

    private static final int EVENTS = 60_000;
    private static final int KILLS = 5;
    private static final Duration CHECKPOINTS = Duration.ofMillis(200);
    /** Generous: the machine may be shared and loaded. */
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    static LocalFlinkCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() {
        cluster = LocalFlinkCluster.start(Path.of("target", "flink-cluster-tests", "FlinkKillTest"),
                Map.of("taskmanager.numberOfTaskSlots", "2"), 1);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @Test
    void aTaskManagerKilledFiveTimesDuringARunLeavesTheFilesOfAnUninterruptedRun() throws Exception {
        long began = System.nanoTime();
        Path in = dir.resolve("events.csv");
        Files.write(in, WindowedFileFlow.events(EVENTS, 20, 9));
        Path open = Files.createFile(dir.resolve("open"));
        Path clean = Files.createDirectory(dir.resolve("clean"));
        Path killed = Files.createDirectory(dir.resolve("killed"));
        Path local = Files.createDirectory(dir.resolve("local"));
        FlinkRunner runner = FlinkRunner.remote("127.0.0.1", cluster.restPort()).withParallelism(2)
                .withCheckpoints(CHECKPOINTS).withRestarts(100, Duration.ofMillis(200));

        runner.run(flow(in, clean, new Pace(open)));
        Runner.runMain(flow(in, local, new Pace(open)));

        Path gate = dir.resolve("gate");
        FlinkJob job = runner.prepare(flow(in, killed, new Pace(gate)), RunOptions.defaults()).start();
        Random random = new Random(16);
        int kills = 0;
        long restarts;
        List<Long> killedAt = new ArrayList<>();
        try {
            for (; kills < KILLS; kills++) {
                awaitCheckpointAfterRestore(job, kills);
                Thread.sleep(random.nextInt(1_000));
                assertThat(job.hasEnded()).as("the job must outlast %d kills; it ended after %d", KILLS, kills)
                        .isFalse();
                killedAt.add(lineCount(killed.resolve("running.txt")));
                cluster.killTaskManager(cluster.taskManagerPids().keySet().iterator().next());
                Thread.sleep(kills == 2 ? 12_000 : random.nextInt(2_000));
                cluster.startTaskManager();
            }
            awaitCheckpointAfterRestore(job, kills);
            restarts = checkpoints(job).path("counts").path("restored").asLong();
            System.out.printf("killed at events %s of %d; %d read when the pace gate opened%n", killedAt, EVENTS,
                    lineCount(killed.resolve("running.txt")));
        } catch (Throwable e) {
            job.cancel();
            throw e;
        }
        Files.createFile(gate);
        await(job::hasEnded, "job " + job.jobId() + " to end after the kills; it is " + job.status());
        job.await();
        assertThat(job.status()).isEqualTo("FINISHED");

        Map<String, String> cleanFiles = files(clean);
        Map<String, String> killedFiles = files(killed);
        String windows = "windows.txt";
        boolean bytesIdentical = without(killedFiles, windows).equals(without(cleanFiles, windows));
        boolean perKeyIdentical = byKey(killedFiles.get(windows)).equals(byKey(cleanFiles.get(windows)));
        long lines = killedFiles.values().stream().mapToLong(text -> text.lines().count()).sum();
        System.out.printf("flink kills=%d restarts=%d lines=%d identical=%s (in %d s)%n", kills, restarts, lines,
                bytesIdentical && perKeyIdentical ? "yes" : "no", (System.nanoTime() - began) / 1_000_000_000);

        assertThat(kills).isGreaterThanOrEqualTo(KILLS);
        assertThat(restarts).as("restores from a checkpoint").isGreaterThanOrEqualTo(KILLS);
        assertThat(killedAt).as("events read at each kill: mid-stream, after some output")
                .allMatch(n -> n > 0 && n < EVENTS);
        assertThat(cleanFiles.keySet()).hasSize(2 + 2 * WindowedFileFlow.KEYS);
        assertThat(without(killedFiles, windows)).as("every file but windows.txt, byte for byte")
                .isEqualTo(without(cleanFiles, windows));
        assertThat(byKey(killedFiles.get(windows))).as("windows.txt, each key's lines in order")
                .isEqualTo(byKey(cleanFiles.get(windows)));
        Map<String, String> localFiles = files(local);
        assertThat(without(cleanFiles, windows)).as("the same files as the local runtime")
                .isEqualTo(without(localFiles, windows));
        assertThat(byKey(cleanFiles.get(windows))).isEqualTo(byKey(localFiles.get(windows)));
    }

    /** Sleeps a millisecond per item until the file {@code gate} exists; the TaskManager's JVM looks for it. */
    record Pace(String gate) implements Serializable {
        Pace(Path gate) {
            this(gate.toAbsolutePath().toString());
        }

        String item(String line) {
            if (!Files.exists(Path.of(gate))) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return line;
        }
    }

    /**
     * The flow of {@link WindowedFileFlow}, paced, its session counts also into {@code windows.txt}, all keys in
     * one file.
     */
    private static Dataflow flow(Path in, Path out, Pace pace) {
        WindowedFileFlow.Built built = WindowedFileFlow.flow("kill", new FileSource(in, 50), pace::item, out);
        built.sessions().map("window_line", kv -> KV.of(kv.key(), kv.key() + " session " + kv.value()))
                .output("windows_out", new FileSink<>(out.resolve("windows.txt")));
        return built.flow();
    }

    /**
     * Waits until the job runs again after {@code kills} kills and has completed a checkpoint since its last
     * restore: Flink's checkpoint statistics count at least {@code kills} restores, and the latest completed
     * checkpoint is newer than the one restored last.
     */
    private static void awaitCheckpointAfterRestore(FlinkJob job, int kills) {
        await(() -> {
            if (job.hasEnded()) {
                return true;
            }
            JsonNode stats = checkpoints(job);
            long restores = stats.path("counts").path("restored").asLong();
            long completed = stats.path("latest").path("completed").path("id").asLong(-1);
            long restored = stats.path("latest").path("restored").path("id").asLong(0);
            return restores >= kills && completed > restored;
        }, "a checkpoint of job " + job.jobId() + " after restore " + kills);
        assertThat(job.hasEnded()).as("the job must outlast %d kills; it ended (%s) after %d", KILLS, job.status(),
                kills).isFalse();
    }

    private static JsonNode checkpoints(FlinkJob job) {
        return cluster.restGet("/jobs/" + job.jobId() + "/checkpoints").map(body -> {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(JSON.createObjectNode());
    }

    private static void await(BooleanSupplier condition, String what) {
        long until = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("waited " + LIMIT.toSeconds() + " s for " + what + "; see the logs in "
                        + cluster.dir());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    /** How many lines the sink has written to {@code file} so far (one per event read, for running.txt). */
    private static long lineCount(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static Map<String, String> without(Map<String, String> files, String name) {
        Map<String, String> rest = new TreeMap<>(files);
        rest.remove(name);
        return rest;
    }

    /** Each key's lines (the key is a line's first word), in the order they are in {@code text}. */
    private static Map<String, List<String>> byKey(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        text.lines().forEach(line -> out.computeIfAbsent(line.substring(0, line.indexOf(' ')), k -> new ArrayList<>())
                .add(line));
        return new TreeMap<>(out);
    }
}
