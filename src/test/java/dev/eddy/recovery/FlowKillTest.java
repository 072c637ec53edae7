package dev.eddy.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash of a whole run: a child JVM runs {@link KilledFlow} (a keyed flow from a file through
 * tumbling and session windows on an event clock into a {@code FileSink}, 20 ms epochs) with recovery,
 * and is killed with SIGKILL ({@code destroyForcibly}) at random moments, then started again, until a
 * run reaches end of input. The output file must be byte for byte the file an uninterrupted run writes.
 * A second sink, which appends and keeps no resume state, must lose nothing; the items it got twice (those
 * of the epochs in flight at the kills) are counted and printed.
 *
 * <p>Downtime counts as system time: the event clock waits 5 minutes and event times are whole
 * minutes, so a restart that takes under a minute changes nothing (see {@link KilledFlow}).
 */
class FlowKillTest {

    private static final int EVENTS = 200_000;
    private static final int KILLS = 12;

    @TempDir
    Path dir;

    @Test
    void aFlowKilledAtRandomMomentsAndResumedWritesTheFileAnUninterruptedRunWrites() throws Exception {
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
        int kills = 0;
        int resumed = 0;
        int runs = 0;
        List<Long> resumeEpochs = new ArrayList<>();
        while (true) {
            Path err = dir.resolve("run-" + runs + ".err");
            if (runs > 1) {
                resumeEpochs.add(resumeEpoch(dir.resolve("run-" + (runs - 1) + ".err")));
            }
            Process child = start(in, out, store, err);
            runs++;
            if (runs > 1) {
                resumed++;
            }
            boolean killNow = kills < KILLS;
            if (killNow && !child.waitFor(300 + random.nextInt(1500), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor();
                kills++;
                continue;
            }
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("run %d ended", runs).isTrue();
            if (child.exitValue() == 0) {
                break;
            }
            throw new AssertionError("run " + runs + " failed with exit code " + child.exitValue() + ": "
                    + Files.readString(err));
        }
        byte[] got = Files.readAllBytes(out);
        long[] lostAndDuplicated = lostAndDuplicated(new String(want), new String(got));
        long[] atLeastOnce = lostAndDuplicated(new String(want), Files.readString(Path.of(out + ".appended")));
        boolean identical = java.util.Arrays.equals(want, got);
        System.out.println("kills=" + kills + " resumed=" + resumed + " lost=" + lostAndDuplicated[0]
                + " duplicated=" + lostAndDuplicated[1] + " identical=" + (identical ? "yes" : "no")
                + " resume epochs " + resumeEpochs + " (0: killed before it said); at-least-once sink: lost="
                + atLeastOnce[0] + " duplicated=" + atLeastOnce[1]);
        assertThat(kills).isEqualTo(KILLS);
        // Most kills came after the run had got somewhere: the resume epoch moved on.
        assertThat(resumeEpochs.stream().distinct().count()).isGreaterThanOrEqualTo(3);
        assertThat(lostAndDuplicated).containsExactly(0, 0);
        assertThat(identical).isTrue();
        // The appending sink loses nothing either; what it got twice is the epochs in flight at the kills.
        assertThat(atLeastOnce[0]).isZero();
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

    private static Process start(Path in, Path out, Path store, Path err) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                KilledFlow.class.getName(), in.toString(), out.toString(), store.toString(), "20", "10")
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
