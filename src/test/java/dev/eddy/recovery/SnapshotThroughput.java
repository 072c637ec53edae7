package dev.eddy.recovery;

import dev.eddy.runtime.RecoveryStore;
import dev.eddy.windowing.EventClockState;
import dev.eddy.windowing.SlidingState;
import dev.eddy.windowing.WindowSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A measurement, not a test: how many keys per second {@code writeEpoch} stores (encoding included), for
 * 1,000 and 100,000 keys per epoch, each key a tumbling window's {@link WindowSnapshot} (about 200 bytes
 * of JSON), in a 1- and a 4-partition store, and how long the commit (GC) after each epoch takes. Prints
 * the median of the epochs after a warm-up. Run: see docs/recovery.md.
 */
public final class SnapshotThroughput {

    private SnapshotThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        System.out.println("keys/epoch  partitions  write ms (median)  keys/s  commit ms  bytes/key");
        for (int keys : new int[] {1_000, 100_000}) {
            for (int partitions : new int[] {1, 4}) {
                measure(keys, partitions, epochs);
            }
        }
    }

    private static void measure(int keys, int partitions, int epochs) throws Exception {
        Path dir = Files.createTempDirectory("eddy-throughput");
        Recovery.initDbDir(dir, partitions);
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        double[] writeMs = new double[epochs];
        double[] commitMs = new double[epochs];
        long bytes = 0;
        try (RecoveryStore store = Recovery.open(dir, "throughput")) {
            store.startExecution(1);
            for (int e = 0; e <= epochs; e++) {
                long epoch = e + 1;
                List<RecoveryStore.Snapshot> snaps = new ArrayList<>(keys);
                for (int k = 0; k < keys; k++) {
                    var state = new WindowSnapshot(new EventClockState(t0.plusSeconds(epoch), t0.plusSeconds(epoch - 5)),
                            new SlidingState(List.of(epoch)), Map.of(epoch, (long) k * epoch), List.of());
                    snaps.add(new RecoveryStore.Snapshot("throughput.windowed", "user-" + k, epoch, state));
                }
                if (e == 0) {
                    bytes = SnapshotCodec.standard().encode(snaps.get(0).state()).length;
                }
                long start = System.nanoTime();
                store.writeEpoch(0, epoch, snaps);
                long written = System.nanoTime();
                store.commit(epoch);
                long committed = System.nanoTime();
                if (e > 0) {          // epoch 1 warms up the JIT and the prepared statements
                    writeMs[e - 1] = (written - start) / 1e6;
                    commitMs[e - 1] = (committed - written) / 1e6;
                }
            }
        }
        double write = median(writeMs);
        System.out.printf("%10d  %10d  %17.1f  %6.0f  %9.1f  %9d%n", keys, partitions, write, keys / (write / 1000),
                median(commitMs), bytes);
    }

    private static double median(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
