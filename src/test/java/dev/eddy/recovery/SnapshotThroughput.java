package dev.eddy.recovery;

import dev.eddy.runtime.RecoveryStore;
import dev.eddy.windowing.EventClockState;
import dev.eddy.windowing.SessionState;
import dev.eddy.windowing.SlidingState;
import dev.eddy.windowing.WindowMetadata;
import dev.eddy.windowing.WindowSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * A measurement, not a test: how many keys per second {@code writeEpoch} stores (encoding included), and how
 * much of that is the codec alone, for 1,000 and 100,000 keys per epoch in a 1- and a 4-partition store, with
 * two states per key: a tumbling window's open window ({@code tumbling}) and Nexmark Q11's bidder at end of
 * input, a session window operator with no session open ({@code session-eof}, the 39,928 rows of that
 * benchmark's one epoch). Prints the median of the epochs after a warm-up: the codec's CPU time alone, then
 * {@code writeEpoch}'s wall time and CPU time (the caller's thread, which encodes, plus the store's writer
 * thread, which inserts), and the CPU time of the commit after it: on the caller's thread, which only hands the
 * garbage collection over, and on the writer's thread, which does it.
 * Run: see docs/recovery.md. Each store is made in a temporary directory and deleted afterwards.
 */
public final class SnapshotThroughput {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private SnapshotThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        System.out.println("state        keys/epoch  parts  bytes/key  encode cpu ms  write ms  write cpu ms (both"
                + " threads)  keys/s (cpu)  commit cpu ms  GC cpu ms (writer)");
        for (String shape : List.of("tumbling", "session-eof")) {
            for (int keys : new int[] {1_000, 100_000}) {
                for (int partitions : new int[] {1, 4}) {
                    measure(shape, keys, partitions, epochs);
                }
            }
        }
    }

    private static Object state(String shape, long epoch, int k) {
        return switch (shape) {
            case "tumbling" -> new WindowSnapshot(new EventClockState(T0.plusSeconds(epoch), T0.plusSeconds(epoch - 5)),
                    new SlidingState(List.of(epoch)), Map.of(epoch, (long) k * epoch), List.of());
            case "session-eof" -> new WindowSnapshot(new EventClockState(T0.plusSeconds(epoch), T0.plusMillis(871)),
                    new SessionState(k % 7, Map.<Long, WindowMetadata>of()), new java.util.LinkedHashMap<>(),
                    new ArrayList<>());
            default -> throw new IllegalArgumentException("shape must be tumbling or session-eof; got " + shape);
        };
    }

    private static void measure(String shape, int keys, int partitions, int epochs) throws Exception {
        Path dir = Files.createTempDirectory("eddy-throughput");
        try {
            Recovery.initDbDir(dir, partitions);
            LongFunction<Object> key = shape.equals("tumbling") ? k -> "user-" + k : k -> 1000L + k;
            double[] encodeMs = new double[epochs];
            double[] writeMs = new double[epochs];
            double[] cpuMs = new double[epochs];
            double[] commitMs = new double[epochs];
            double[] gcMs = new double[epochs];
            long bytes = 0;
            SnapshotCodec codec = SnapshotCodec.standard();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            try (RecoveryStore store = Recovery.open(dir, "throughput")) {
                store.startExecution(1);
                for (int e = 0; e <= epochs; e++) {
                    long epoch = e + 1;
                    List<RecoveryStore.Snapshot> snaps = new ArrayList<>(keys);
                    for (int k = 0; k < keys; k++) {
                        snaps.add(new RecoveryStore.Snapshot("throughput.windowed", key.apply(k), epoch,
                                state(shape, epoch, k)));
                    }
                    if (e == 0) {
                        bytes = codec.encode(snaps.get(0).state()).length;
                    }
                    long encodeStart = System.nanoTime();
                    long encodeCpu = threads.getCurrentThreadCpuTime();
                    for (RecoveryStore.Snapshot s : snaps) {
                        codec.encodeKey(s.key());
                        codec.encode(s.state());
                    }
                    long start = System.nanoTime();
                    long cpu = threads.getCurrentThreadCpuTime();
                    long writerCpu = writerCpu(dir);
                    long encodeCpuUsed = cpu - encodeCpu;
                    store.writeEpoch(0, epoch, snaps);
                    long written = System.nanoTime();
                    long cpuUsed = threads.getCurrentThreadCpuTime() - cpu + writerCpu(dir) - writerCpu;
                    long beforeCommit = threads.getCurrentThreadCpuTime();
                    long writerBeforeCommit = writerCpu(dir);
                    store.commit(epoch);
                    long commitCpu = threads.getCurrentThreadCpuTime() - beforeCommit;
                    ((SqliteRecoveryStore) store).awaitCollection();
                    long gcCpu = writerCpu(dir) - writerBeforeCommit;
                    if (e > 0) {          // epoch 1 warms up the JIT and the prepared statements
                        encodeMs[e - 1] = encodeCpuUsed / 1e6;
                        writeMs[e - 1] = (written - start) / 1e6;
                        cpuMs[e - 1] = cpuUsed / 1e6;
                        commitMs[e - 1] = commitCpu / 1e6;
                        gcMs[e - 1] = gcCpu / 1e6;
                    }
                }
            }
            double write = median(writeMs);
            double cpu = median(cpuMs);
            System.out.printf("%-11s  %10d  %5d  %9d  %13.1f  %8.1f  %27.1f  %12.0f  %13.1f  %15.1f%n", shape, keys,
                    partitions, bytes, median(encodeMs), write, cpu, keys / (cpu / 1000), median(commitMs),
                    median(gcMs));
        } finally {
            deleteTree(dir);
        }
    }

    /** The CPU time of the store's writer thread so far, in nanoseconds; 0 before it starts. */
    private static long writerCpu(Path dir) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(SqliteRecoveryStore.WRITER_THREAD + " " + dir)) {
                return Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return 0;
    }

    /** Deletes {@code dir} and everything in it. */
    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
