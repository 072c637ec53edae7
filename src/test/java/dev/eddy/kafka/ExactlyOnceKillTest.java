package dev.eddy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.recovery.Recovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through real crashes: a child JVM runs {@link WindowedKafkaFlow} (a 3-partition topic through
 * 10 s tumbling counts into another topic, {@link ExactlyOnceKafkaSink}, 50 ms epochs) with recovery, and is
 * killed with SIGKILL at random moments (one in four while it starts, the others while it reads and
 * writes), {@value #KILLS} times, then started again each time until a run
 * reaches end of input. The broker is a JVM of its own that outlives every kill. A {@code read_committed}
 * consumer must then see every window's count exactly once, with the count of an uninterrupted run.
 */
class ExactlyOnceKillTest extends BrokerPerClass {

    private static final int EVENTS = 60_000;
    private static final int KILLS = 20;

    @TempDir
    Path dir;

    @Test
    void aWindowedFlowKilledTwentyTimesAndResumedWritesEveryWindowExactlyOnce() throws Exception {
        killAndResume("kill", 1, 17, run -> 1);
    }

    /**
     * The same at several workers: the sink has three partitions, so three transactional producers and
     * three markers, spread over the workers, and each run picks 2 or 3 workers at random, so a partition's
     * producer and marker move to another worker between a kill and its resume.
     */
    @Test
    void aWindowedFlowOnSeveralWorkersKilledTwentyTimesAndResumedOnOtherCountsWritesEveryWindowExactlyOnce()
            throws Exception {
        Random counts = new Random(18);
        killAndResume("killw", 3, 18, run -> 2 + counts.nextInt(2));
    }

    private void killAndResume(String name, int sinkParts, long seed, java.util.function.IntUnaryOperator workersOfRun)
            throws Exception {
        String in = name + "_in";
        String outTopic = name + "_out";
        Topics.windowedFlowTopics(broker.bootstrap(), in, outTopic, sinkParts, EVENTS);
        Map<String, Long> expected = WindowedKafkaFlow.expected(EVENTS);
        Path store = dir.resolve(name + "-store");
        Recovery.initDbDir(store, 1);

        Random random = new Random(seed);
        int kills = 0;
        int runs = 0;
        int commitsSeenBetweenKills = 0;
        int lastSeen = 0;
        StringBuilder progress = new StringBuilder("committed outputs after each kill:");
        StringBuilder workerCounts = new StringBuilder();
        while (true) {
            Path err = dir.resolve(name + "-run-" + runs + ".err");
            Path ready = dir.resolve(name + "-ready");
            Files.deleteIfExists(ready);
            int workers = workersOfRun.applyAsInt(runs);
            workerCounts.append(workers);
            Process child = start(store, err, ready, in, outTopic, workers, sinkParts);
            runs++;
            // One kill in four falls while the run starts (building consumers, fencing the last producer,
            // loading the store); the rest at a random moment once it reads.
            if (kills < KILLS && (kills % 4 == 3 || awaitReady(child, ready))
                    && !child.waitFor(kills % 4 == 3 ? random.nextInt(3000) : random.nextInt(800), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor();
                kills++;
                int seen = Topics.readCommittedNow(broker.bootstrap(), outTopic).size();
                if (seen > lastSeen) {
                    commitsSeenBetweenKills++;
                }
                lastSeen = seen;
                progress.append(' ').append(seen);
                continue;
            }
            assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("run %d ended", runs).isTrue();
            if (child.exitValue() == 0) {
                break;
            }
            throw new AssertionError("run " + runs + " failed with exit code " + child.exitValue() + ": "
                    + Files.readString(err));
        }

        List<String> lines = Topics.values(Topics.readCommitted(broker.bootstrap(), outTopic));
        Map<String, Integer> times = new HashMap<>();
        Map<String, Long> counts = new HashMap<>();
        for (String line : lines) {
            int last = line.lastIndexOf(',');
            String window = line.substring(0, last);
            times.merge(window, 1, Integer::sum);
            counts.put(window, Long.parseLong(line.substring(last + 1)));
        }
        long duplicates = times.values().stream().mapToLong(n -> n - 1).sum();
        long lost = expected.keySet().stream().filter(w -> !times.containsKey(w)).count();
        long wrong = expected.entrySet().stream().filter(e -> counts.containsKey(e.getKey())
                && !counts.get(e.getKey()).equals(e.getValue())).count();
        System.out.println("kills=" + kills + " expected=" + expected.size() + " seen=" + times.size() + " duplicates="
                + duplicates + " lost=" + lost + " (runs=" + runs + ", wrong counts=" + wrong
                + ", kills after which more output was committed=" + commitsSeenBetweenKills + ", workers per run="
                + workerCounts + ")");
        System.out.println(progress);
        assertThat(kills).isEqualTo(KILLS);
        // The kills fell while output was being written, not only before the first window closed.
        assertThat(commitsSeenBetweenKills).isGreaterThanOrEqualTo(3);
        assertThat(duplicates).isZero();
        assertThat(lost).isZero();
        assertThat(counts).isEqualTo(expected);
        assertThat(lines).hasSize(expected.size());
    }

    /** Waits until the run has read its first batch; false if it ended first. */
    private static boolean awaitReady(Process child, Path ready) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(ready)) {
            if (!child.isAlive() || System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private Process start(Path store, Path err, Path ready, String in, String out, int workers, int sinkParts)
            throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                WindowedKafkaFlow.class.getName(), broker.bootstrap(), in, out, store.toString(), "50", "50", ready.toString(),
                Integer.toString(workers), Integer.toString(sinkParts))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
    }
}
