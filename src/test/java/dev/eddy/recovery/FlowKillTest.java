package dev.eddy.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.io.KillPoints;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash of a whole run: a child JVM runs {@link KilledFlow} (a keyed flow from a file through
 * tumbling and session windows on an event clock into a {@code FileSink}, 20 ms epochs) with recovery,
 * and is killed at least 50 times, then started again each time, until a run reaches end of input. Most
 * kills are a SIGKILL ({@code destroyForcibly}) at a random moment; the others halt the child at a named
 * {@link KillPoints kill point}: before an epoch's snapshot commit, right after it, and in the middle of
 * writing a batch to the file. The output file must be byte for byte the file an uninterrupted run writes.
 *
 * <p>A second sink appends and never truncates (at least once): it must lose nothing, and the items it
 * got twice must be exactly those a killed run delivered after the last snapshot its successor resumed
 * from, with at most one epoch close between them: the epoch in flight at the kill.
 *
 * <p>The second case kills the same flow while it runs on several workers, a new count at each resume.
 *
 * <p>Downtime counts as system time: the event clock waits 5 minutes and event times are whole
 * minutes, so a restart that takes under a minute changes nothing (see {@link KilledFlow}).
 */
class FlowKillTest {

    private static final int EVENTS = 200_000;
    private static final int RANDOM_KILLS = 40;
    /** Random kills of the run on several workers, besides two at each named point. */
    private static final int WORKER_RANDOM_KILLS = 16;
    /** Kills at each named point. */
    private static final int KILLS_PER_POINT = 4;
    private static final List<String> POINTS = List.of(KillPoints.BEFORE_SNAPSHOT_COMMIT,
            KillPoints.AFTER_SNAPSHOT_COMMIT, KillPoints.SINK_MID_BATCH);
    /** Milliseconds a killed run sleeps about once a batch, so it gets only part of the way. */
    private static final String PAUSE = "40";

    @TempDir
    Path dir;

    @Test
    void aFlowKilledAtRandomMomentsAndNamedPointsAndResumedWritesTheFileAnUninterruptedRunWrites()
            throws Exception {
        Path in = dir.resolve("events.csv");
        Files.write(in, KilledFlow.events(EVENTS, 14));
        Path expected = dir.resolve("expected.txt");
        Runner.runMain(KilledFlow.flow(in, expected, 0), RunOptions.defaults());
        byte[] want = Files.readAllBytes(expected);
        assertThat(want.length).isGreaterThan(10_000);

        Path out = dir.resolve("out.txt");
        Path store = dir.resolve("store");
        Recovery.initDbDir(store, 2);
        Random random = new Random(14);
        // The kills in order: null for a random moment, else a named point.
        List<String> plan = new ArrayList<>();
        for (int i = 0; i < RANDOM_KILLS; i++) {
            plan.add(null);
        }
        for (String point : POINTS) {
            for (int i = 0; i < KILLS_PER_POINT; i++) {
                plan.add(point);
            }
        }
        Collections.shuffle(plan, random);
        // One random kill in four at any moment from the child's start (often while the JVM starts or the store
        // opens); the others at a random moment once a resumed run has said where it resumes, so that a busy
        // machine's slow JVM starts don't turn every kill into a kill at start-up.
        Campaign c = killAndResume(in, out, store, random, plan, () -> 1, true, TimeUnit.MINUTES.toNanos(1));
        byte[] got = Files.readAllBytes(out);
        long[] lostAndDuplicated = lostAndDuplicated(new String(want), new String(got));
        boolean identical = java.util.Arrays.equals(want, got);
        long atLeastOnceDuplicates = checkAtLeastOnce(Path.of(expected + ".appended"), Path.of(out + ".appended"));
        System.out.println("kills=" + c.kills() + " resumed=" + (c.runs() - 1) + " lost=" + lostAndDuplicated[0]
                + " duplicated=" + lostAndDuplicated[1] + " identical=" + (identical ? "yes" : "no")
                + " (" + c.named() + " at named points; resume epochs " + c.resumeEpochs() + ", 0: killed before it said);"
                + " at-least-once sink: lost=0 duplicated=" + atLeastOnceDuplicates + ", each of the epoch in flight");
        assertThat(c.kills()).isEqualTo(RANDOM_KILLS + POINTS.size() * KILLS_PER_POINT).isGreaterThanOrEqualTo(50);
        assertThat(c.runs() - 1).isEqualTo(c.kills());
        // Most kills came after the run had got somewhere: the resume epoch moved on.
        assertThat(c.resumeEpochs().stream().distinct().count()).isGreaterThanOrEqualTo(10);
        assertThat(lostAndDuplicated).containsExactly(0, 0);
        assertThat(identical).isTrue();
    }

    /**
     * The same flow killed while it runs on several workers, each run on a worker count drawn from 1 to 4, so
     * that most resumes also rescale: every key's snapshot, the file source's position and the file sink's
     * must reach their new owners. Lines of different keys reach the sink in an order that depends on how the
     * workers ran, so the file is not compared byte for byte: each key's lines must be the uninterrupted
     * one-worker run's, in its order, nothing may be lost and nothing written twice.
     */
    @Test
    void aFlowKilledOnSeveralWorkersAndResumedOnOtherWorkerCountsWritesEachKeysLinesOnceInOrder() throws Exception {
        Path in = dir.resolve("events.csv");
        Files.write(in, KilledFlow.events(EVENTS, 15));
        Path expected = dir.resolve("expected.txt");
        Runner.runMain(KilledFlow.flow(in, expected, 0), RunOptions.defaults());
        String want = Files.readString(expected);

        Path out = dir.resolve("out.txt");
        Path store = dir.resolve("store");
        Recovery.initDbDir(store, 3);
        Random random = new Random(15);
        List<String> plan = new ArrayList<>();
        for (int i = 0; i < WORKER_RANDOM_KILLS; i++) {
            plan.add(null);
        }
        for (String point : POINTS) {
            plan.add(point);
            plan.add(point);
        }
        Collections.shuffle(plan, random);
        // A run killed before it opened the store leaves nothing to resume, so its successor says nothing: a
        // random kill waits for the resume line a while, not the whole run.
        Campaign c = killAndResume(in, out, store, random, plan, () -> 1 + random.nextInt(4), false,
                TimeUnit.SECONDS.toNanos(10));
        List<Integer> workerCounts = c.workerCounts();
        String got = Files.readString(out);
        long[] lostAndDuplicated = lostAndDuplicated(want, got);
        boolean sameKeyLines = linesByKey(want).equals(linesByKey(got));
        long rescales = IntStream.range(1, workerCounts.size())
                .filter(i -> !workerCounts.get(i).equals(workerCounts.get(i - 1))).count();
        long[] atLeastOnce = lostAndDuplicated(withoutMarks(Path.of(expected + ".appended")),
                withoutMarks(Path.of(out + ".appended")));
        System.out.println("kills=" + c.kills() + " resumed=" + (c.runs() - 1) + " lost=" + lostAndDuplicated[0]
                + " duplicated=" + lostAndDuplicated[1] + " per-key identical=" + (sameKeyLines ? "yes" : "no")
                + " (workers per run " + workerCounts + ", " + rescales + " resumes on another count; resume epochs "
                + c.resumeEpochs() + "); at-least-once sink: lost=" + atLeastOnce[0] + " duplicated=" + atLeastOnce[1]);
        assertThat(c.runs() - 1).isEqualTo(c.kills()).isEqualTo(plan.size());
        assertThat(rescales).isGreaterThanOrEqualTo(10);
        assertThat(c.resumeEpochs().stream().distinct().count()).isGreaterThanOrEqualTo(5);
        assertThat(lostAndDuplicated).containsExactly(0, 0);
        assertThat(sameKeyLines).isTrue();
        assertThat(atLeastOnce[0]).as("items the at-least-once sink lost").isZero();
    }

    /** What a {@link #killAndResume} campaign did: its kills, how many at named points, and each run's facts. */
    private record Campaign(int kills, int named, int runs, List<Long> resumeEpochs, List<Integer> workerCounts) {
    }

    /**
     * Runs {@link KilledFlow} in a child JVM again and again until a run that is not killed reaches end of input.
     * Run i is killed as {@code plan.get(i)} says: {@code null} is a SIGKILL at a random moment, a name a halt at
     * that kill point's first to fourth hit. Each run gets {@code workers.getAsInt()} workers.
     *
     * @param killsFromStart whether a random kill after the first run may, one time in four, come at any moment
     *        from the child's start instead of after it has said where it resumes
     * @param resumeLineNanos how long a random kill waits for that line at most
     */
    private Campaign killAndResume(Path in, Path out, Path store, Random random, List<String> plan,
                                   IntSupplier workers, boolean killsFromStart, long resumeLineNanos) throws Exception {
        List<Long> resumeEpochs = new ArrayList<>();
        List<Integer> workerCounts = new ArrayList<>();
        int kills = 0;
        int named = 0;
        int runs = 0;
        while (true) {
            Path err = dir.resolve("run-" + runs + ".err");
            if (runs > 1) {
                resumeEpochs.add(resumeEpoch(dir.resolve("run-" + (runs - 1) + ".err")));
            }
            boolean killing = kills < plan.size();
            String point = killing ? plan.get(kills) : null;
            int count = workers.getAsInt();
            workerCounts.add(count);
            String killAt = point == null ? null : point + ":" + (1 + random.nextInt(4));
            Process child = start(in, out, store, err, killing ? PAUSE : "0", killAt, count);
            runs++;
            if (killing && point == null) {
                boolean fromStart = runs == 1 || killsFromStart && random.nextInt(4) == 0;
                if (!fromStart) {
                    awaitResumeLine(child, err, resumeLineNanos);
                }
                if (!child.waitFor((fromStart ? 300 : 0) + random.nextInt(1300), TimeUnit.MILLISECONDS)) {
                    child.destroyForcibly().waitFor();
                    kills++;
                    continue;
                }
                throw new AssertionError("run " + runs + " on " + count + " workers ended before its kill with exit"
                        + " code " + child.exitValue() + ": " + Files.readString(err));
            }
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("run %d ended", runs).isTrue();
            if (killing) {
                assertThat(child.exitValue()).as("run %d on %d workers halted at %s: %s", runs, count, killAt,
                        Files.readString(err)).isEqualTo(KillPoints.EXIT_CODE);
                kills++;
                named++;
                continue;
            }
            if (child.exitValue() == 0) {
                return new Campaign(kills, named, runs, resumeEpochs, workerCounts);
            }
            throw new AssertionError("run " + runs + " on " + count + " workers failed with exit code "
                    + child.exitValue() + ": " + Files.readString(err));
        }
    }

    /** Each window key's lines ({@code sum k3 ...}, {@code session k3 ...}: the first two words), in order. */
    private static Map<String, List<String>> linesByKey(String text) {
        Map<String, List<String>> byKey = new HashMap<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ', line.indexOf(' ') + 1);
            byKey.computeIfAbsent(space < 0 ? line : line.substring(0, space), k -> new ArrayList<>()).add(line);
        }
        return byKey;
    }

    /** The items an appending sink's file holds, without its {@code #} marks, one a line. */
    private static String withoutMarks(Path file) throws Exception {
        StringBuilder items = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("#")) {
                items.append(line).append('\n');
            }
        }
        return items.toString();
    }

    /**
     * Checks the appending sink's file run by run against an uninterrupted run's: each run's items are the
     * expected ones from where its resume state says, so nothing is lost; the ones a run delivered again are
     * those its predecessor delivered after that point, with at most one epoch close between (the epoch in
     * flight at the kill). Returns how many were delivered twice.
     */
    private static long checkAtLeastOnce(Path expected, Path appended) throws Exception {
        List<String> want = Files.readAllLines(expected).stream().filter(l -> !l.startsWith("#")).toList();
        List<List<String>> segments = new ArrayList<>();
        for (String line : Files.readAllLines(appended)) {
            if (line.startsWith(KilledFlow.RESUMED_AT)) {
                segments.add(new ArrayList<>());
            }
            segments.get(segments.size() - 1).add(line);
        }
        long duplicates = 0;
        long reached = 0;
        List<String> previous = null;
        for (List<String> segment : segments) {
            long from = Long.parseLong(segment.get(0).substring(KilledFlow.RESUMED_AT.length()));
            assertThat(from).as("a run resumes no later than its predecessor got").isLessThanOrEqualTo(reached);
            if (previous != null) {
                // Where in the previous run's lines the count reached the resume point, and what followed.
                int at = -1;
                long count = Long.parseLong(previous.get(0).substring(KilledFlow.RESUMED_AT.length()));
                if (count == from) {
                    at = 0;
                }
                for (int i = 1; i < previous.size() && at < 0; i++) {
                    if (previous.get(i).equals(KilledFlow.EPOCH_CLOSED + from)) {
                        at = i;
                    }
                }
                assertThat(at).as("the resume point %d is an epoch close of the run before", from)
                        .isGreaterThanOrEqualTo(0);
                long closesAfter = previous.subList(at + 1, previous.size()).stream()
                        .filter(l -> l.startsWith(KilledFlow.EPOCH_CLOSED)).count();
                assertThat(closesAfter).as("epoch closes among the items delivered twice").isLessThanOrEqualTo(1);
                duplicates += reached - from;
            }
            long n = from;
            for (String line : segment.subList(1, segment.size())) {
                if (!line.startsWith("#")) {
                    assertThat(line).as("item %d", n).isEqualTo(want.get((int) n));
                    n++;
                }
            }
            reached = n;
            previous = segment;
        }
        assertThat(reached).as("items delivered by the last run's end").isEqualTo(want.size());
        return duplicates;
    }

    /** Waits until the child has said on standard error where it resumes, or has ended, for at most {@code nanos}. */
    private static void awaitResumeLine(Process child, Path err, long nanos) throws Exception {
        long deadline = System.nanoTime() + nanos;
        while (child.isAlive() && System.nanoTime() < deadline
                && !(Files.exists(err) && Files.readString(err).contains("resumes from epoch "))) {
            Thread.sleep(10);
        }
    }

    /** The epoch a run said it resumed from on standard error, or 0 when it was killed before it said. */
    private static long resumeEpoch(Path err) throws Exception {
        for (String line : Files.readAllLines(err)) {
            int at = line.indexOf("resumes from epoch ");
            if (at >= 0) {
                return Long.parseLong(line.substring(at + 19, line.indexOf(' ', at + 19)));
            }
        }
        return 0;
    }

    private static Process start(Path in, Path out, Path store, Path err, String pause, String killAt, int workers)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        if (killAt != null) {
            command.add("-Deddy.killPoint=" + killAt);
        }
        command.addAll(List.of(KilledFlow.class.getName(), in.toString(), out.toString(), store.toString(), "20",
                pause, Integer.toString(workers)));
        return new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
    }

    /** Lines the expected text has more often than the actual one, and the other way round. */
    private static long[] lostAndDuplicated(String want, String got) {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : want.split("\n", -1)) {
            counts.merge(line, 1, Integer::sum);
        }
        for (String line : got.split("\n", -1)) {
            counts.merge(line, -1, Integer::sum);
        }
        long lost = 0;
        long duplicated = 0;
        for (int c : counts.values()) {
            if (c > 0) {
                lost += c;
            } else {
                duplicated -= c;
            }
        }
        return new long[] {lost, duplicated};
    }
}
