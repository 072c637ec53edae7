package dev.eddy.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.runtime.RecoveryStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM ({@link CrashWriter}) writes epochs into a 3-partition store as fast as it
 * can and is killed with SIGKILL ({@code destroyForcibly}) at a random moment, several times. After
 * each kill the store opens cleanly, resumes right after an epoch the child had finished (never
 * before the last one it reported written, at most one after it), and holds every key of that epoch,
 * from that epoch: no key from an older epoch, none from the torn one.
 */
class KillTest {

    private static final int KEYS = 1500;
    private static final int KILLS = 10;

    @TempDir
    Path dir;

    @Test
    void aStoreKilledAtRandomMomentsAlwaysResumesFromItsLastWholeEpoch() throws Exception {
        Recovery.initDbDir(dir, 3);
        Random random = new Random(14);
        long previousResume = 1;
        for (int kill = 0; kill < KILLS; kill++) {
            AtomicLong lastWritten = new AtomicLong(-1);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    CrashWriter.class.getName(), dir.toString(), Integer.toString(KEYS))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            List<String> lines = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (var in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        if (line.startsWith("written ")) {
                            lastWritten.set(Long.parseLong(line.substring(8)));
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the pipe breaks when the child dies
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (lastWritten.get() < 0 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(lastWritten.get()).as("child wrote an epoch before the kill; it said %s", lines).isPositive();
            Thread.sleep(random.nextInt(400));              // mid-transaction, mid-GC, between epochs: anywhere
            child.destroyForcibly();                         // SIGKILL
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            long acknowledged = lastWritten.get();

            try (RecoveryStore store = Recovery.open(dir, "crash")) {
                long resume = store.resumeFrom().epoch();
                assertThat(store.resumeFrom().execution()).isEqualTo(kill + 1);
                assertThat(resume).as("kill %d: resume after the last epoch written (%d)", kill, acknowledged)
                        .isBetween(acknowledged + 1, acknowledged + 2);
                assertThat(resume).isGreaterThan(previousResume);
                long whole = resume - 1;
                List<RecoveryStore.Snapshot> loaded = Stores.loaded(store);
                assertThat(loaded).hasSize(KEYS);
                for (RecoveryStore.Snapshot s : loaded) {
                    var tick = (CrashWriter.Tick) s.state();
                    assertThat(s.epoch()).isEqualTo(whole);
                    assertThat(tick).isEqualTo(new CrashWriter.Tick((String) s.key(), whole,
                            CrashWriter.pad((String) s.key(), whole)));
                }
                previousResume = resume;
            }
        }
    }
}
