package dev.eddy.recovery;

import dev.eddy.runtime.RecoveryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child of {@link KillTest}: resumes the store in {@code args[0]} and writes epochs forever, each
 * holding every one of {@code args[1]} keys, committing one epoch behind, and prints {@code written E}
 * once epoch E's {@code writeEpoch} has returned. Its parent kills it with SIGKILL.
 */
public final class CrashWriter {

    /** One key's state at one epoch; the padding makes each epoch's transaction span many pages. */
    record Tick(String key, long epoch, String pad) {
    }

    private CrashWriter() {
    }

    static String pad(String key, long epoch) {
        return (key + "@" + epoch + ";").repeat(6);
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int keys = Integer.parseInt(args[1]);
        try (RecoveryStore store = Recovery.open(dir, "crash")) {
            long epoch = store.resumeFrom().epoch();
            store.startExecution(1);
            System.out.println("started " + store.resumeFrom().execution() + " " + epoch);
            System.out.flush();
            while (true) {
                List<RecoveryStore.Snapshot> snaps = new ArrayList<>(keys);
                for (int k = 0; k < keys; k++) {
                    String key = "key-" + k;
                    snaps.add(new RecoveryStore.Snapshot("crash.step", key, epoch, new Tick(key, epoch, pad(key, epoch))));
                }
                store.writeEpoch(0, epoch, snaps);
                System.out.println("written " + epoch);
                System.out.flush();
                store.commit(epoch - 1);
                epoch++;
            }
        }
    }
}
