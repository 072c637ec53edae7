package dev.eddy.recovery;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.io.FileSink;
import dev.eddy.io.FileSource;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.windowing.EventClock;
import dev.eddy.windowing.SessionWindower;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.Windowing;
import dev.eddy.io.DynamicSink;
import dev.eddy.io.StatelessSinkPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The flow {@link FlowKillTest} kills: events {@code minute,key,value} from a file, keyed, into 10-minute
 * tumbling sums and 3-minute-gap session counts on an event clock, written to a {@link FileSink} and
 * appended to a second file by a sink without resume state ({@code OUT.appended}). Run as
 * a child JVM: {@code KilledFlow IN OUT STORE EPOCH_MILLIS PAUSE_MILLIS_PER_BATCH}; it exits 0 at end of input.
 *
 * <p>Downtime counts as system time, so a restart moves each key's watermark on by as long as the child
 * was down. Event times are whole minutes and the clock waits 5 minutes, so a watermark that moved by
 * less than a minute of system time crosses a window's end at the same item as in an uninterrupted run:
 * the output is the same as long as a restart takes less than a minute.
 */
public final class KilledFlow {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private KilledFlow() {
    }

    /** One event: its time, key and value. */
    record Event(Instant ts, String key, long value) {
        static Event parse(String line) {
            String[] f = line.split(",");
            return new Event(T0.plusSeconds(60 * Long.parseLong(f[0])), f[1], Long.parseLong(f[2]));
        }
    }

    /** {@code count} events, ten a minute, slightly out of order, on 20 keys that each fall quiet at times. */
    static List<String> events(int count, long seed) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long minute = i / 10 + random.nextInt(3);
            int key = random.nextInt(20);
            // Each key is quiet for 5 minutes in every 40, so sessions end.
            if ((minute + key * 7) % 40 < 5) {
                key = (key + 1) % 20;
            }
            lines.add(minute + ",k" + key + "," + random.nextInt(1000));
        }
        return lines;
    }

    static Dataflow flow(Path in, Path out, long pauseMillisPerBatch) {
        Dataflow flow = new Dataflow("killed_df");
        KeyedStream<String, Event> events = flow.input("inp", new FileSource(in, 200))
                .map("parse", line -> {
                    // About once a batch, so a run lasts long enough to be killed mid-way.
                    if (pauseMillisPerBatch > 0 && Math.floorMod(line.hashCode(), 200) == 0) {
                        pause(pauseMillisPerBatch);
                    }
                    return Event.parse(line);
                })
                .keyOn("key", Event::key);
        EventClock<Event> clock = EventClock.withWait(Event::ts, Duration.ofMinutes(5));
        var sums = Windowing.foldWindow("sums", events, clock, new TumblingWindower(Duration.ofMinutes(10), T0),
                () -> 0L, (Long acc, Event e) -> acc + e.value(), Long::sum);
        var sessions = Windowing.countWindow("sessions", events, clock, new SessionWindower(Duration.ofMinutes(3)));
        var sumLines = sums.down().map("sum_line", kv -> "sum " + kv.key() + " " + kv.value());
        var sessionLines = sessions.down().map("session_line", kv -> "session " + kv.key() + " " + kv.value());
        var lines = sumLines.merge("lines", sessionLines);
        lines.keyOn("all", x -> "all").output("out", new FileSink<>(out));
        // At least once: a sink that appends and never truncates gets the epoch in flight at a kill twice.
        lines.output("appended", new AppendingSink(Path.of(out + ".appended")));
        return flow;
    }

    /** Appends each batch to a file in one write and keeps no resume state: an at-least-once sink. */
    record AppendingSink(Path file) implements DynamicSink<String> {
        @Override
        public StatelessSinkPartition<String> build(String stepId, int workerIndex, int workerCount) {
            return batch -> {
                StringBuilder text = new StringBuilder();
                for (String line : batch) {
                    text.append(line).append('\n');
                }
                try {
                    Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path store = Path.of(args[2]);
        Duration epoch = Duration.ofMillis(Long.parseLong(args[3]));
        long pause = Long.parseLong(args[4]);
        Runner.runMain(flow(in, out, pause), RunOptions.defaults().withEpochInterval(epoch)
                .withRecovery(store, Duration.ZERO));
        System.out.println("done");
    }
}
