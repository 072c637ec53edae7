package dev.eddy.bench;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KV;
import dev.eddy.io.DynamicSink;
import dev.eddy.io.EndOfInput;
import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.io.StatefulSourcePartition;
import dev.eddy.recovery.Recovery;
import dev.eddy.recovery.SnapshotThroughput;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.windowing.EventClock;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.WindowValue;
import dev.eddy.windowing.Windowing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Is Eddy's memory bounded by what is open? Counts {@code --events} items over {@code --keys} seeded-random keys in
 * tumbling 10 s windows (10,000 items per second of event time), generated as they are read so the input takes no
 * heap, and reports the peak heap. Run it with {@code -Xmx512m}: finishing at all shows the state fits. Every
 * item must be counted in a window or come out late: with Bytewax's event clock the watermark also advances with
 * system time, so a key that waits long enough in real time may see its next item late. With {@code --recovery}
 * the run keeps a recovery store (new, one partition, in the temporary directory), so the snapshots' cost shows.
 * {@code --key-shift=S} shifts each key left by {@code S} bits, as ids whose low bits are all alike.
 */
public final class MemoryRun {

    private MemoryRun() {
    }

    public static void main(String[] args) throws IOException {
        long events = 10_000_000;
        int keys = 100_000;
        boolean recovery = false;
        int keyShift = 0;
        for (String arg : args) {
            if (arg.startsWith("--events=")) {
                events = Long.parseLong(arg.substring(9));
            } else if (arg.startsWith("--keys=")) {
                keys = Integer.parseInt(arg.substring(7));
            } else if (arg.equals("--recovery")) {
                recovery = true;
            } else if (arg.startsWith("--key-shift=")) {
                keyShift = Integer.parseInt(arg.substring(12));
            } else {
                throw new IllegalArgumentException("MemoryRun takes --events=N, --keys=N, --key-shift=S and --recovery;"
                        + " got '" + arg + "' instead");
            }
        }
        long[] totals = new long[3];
        Dataflow flow = new Dataflow("memory");
        var ticks = flow.input("inp", new TickSource(events, keys, keyShift));
        var counts = Windowing.countWindow("count", ticks,
                EventClock.ofEpochMillis(Tick::time, Windows.millis(Windows.WAIT)),
                new TumblingWindower(Windows.millis(Windows.Q7_LENGTH), Instant.ofEpochMilli(Windows.ALIGN)),
                Tick::key);
        counts.down().output("out", (DynamicSink<KV<Long, WindowValue<Long>>>) (step, worker, workers) -> batch -> {
            totals[0] += batch.size();
            for (KV<Long, WindowValue<Long>> kv : batch) {
                totals[1] += kv.value().value();
            }
        });
        counts.late().output("late", (DynamicSink<KV<Long, WindowValue<Tick>>>) (step, worker, workers) ->
                batch -> totals[2] += batch.size());
        RunOptions options = RunOptions.defaults();
        Path store = recovery ? Files.createTempDirectory("eddy-memory-run") : null;
        if (store != null) {
            Recovery.initDbDir(store, 1);
            options = options.withRecovery(store, Duration.ZERO);
        }
        long start = System.nanoTime();
        try {
            Runner.runMain(flow, options);
        } finally {
            if (store != null) {
                SnapshotThroughput.deleteTree(store);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (totals[1] + totals[2] != events) {
            throw new IllegalStateException("window counts and late items must add up to every event, " + events
                    + "; got " + totals[1] + " + " + totals[2] + " instead");
        }
        long peak = Bench.peakHeap();
        System.out.printf(Locale.ROOT, "## Memory run%n%nEddy countWindow, tumbling 10 s, %,d events over %,d keys%s%s:"
                + " %,d windows, %,d items late (see BENCHMARKS.md), %.1f s (%,.0f events/s), peak heap %,d MB of"
                + " max %,d MB (-Xmx)%n", events, keys, keyShift == 0 ? "" : " (shifted left by " + keyShift + " bits)",
                recovery ? ", recovery on" : "", totals[0], totals[2], seconds,
                events / seconds, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /** One partition generating ticks on the fly: key seeded-random, event time 0.1 ms apart. */
    private record TickSource(long events, int keys, int keyShift) implements FixedPartitionedSource<Tick, Long> {
        @Override
        public List<String> listParts() {
            return List.of("ticks");
        }

        @Override
        public StatefulSourcePartition<Tick, Long> buildPart(String stepId, String forPart, Long resumeState) {
            SplittableRandom random = new SplittableRandom(Workload.SEED);
            return new StatefulSourcePartition<>() {
                long next;

                @Override
                public List<Tick> nextBatch() {
                    if (next >= events) {
                        throw new EndOfInput();
                    }
                    List<Tick> batch = new ArrayList<>(1000);
                    for (int i = 0; i < 1000 && next < events; i++, next++) {
                        batch.add(new Tick((long) random.nextInt(keys) << keyShift, Windows.ALIGN + next / 10));
                    }
                    return batch;
                }

                @Override
                public Long snapshot() {
                    return next;
                }
            };
        }
    }
}
