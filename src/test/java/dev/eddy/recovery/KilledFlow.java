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
import dev.eddy.io.FixedPartitionedSink;
import dev.eddy.io.StatefulSinkPartition;
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
 * appended to a second file by an at-least-once sink that never truncates ({@code OUT.appended}). Run as
 * a child JVM: {@code KilledFlow IN OUT STORE EPOCH_MILLIS PAUSE_MILLIS_PER_BATCH [WORKERS]}; it exits 0 at end of
 * input.
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
        lines.keyOn("all_appended", x -> "all").output("appended", new AppendingSink(Path.of(out + ".appended")));
        return flow;
    }

    /** The line an {@link AppendingSink} writes when a run builds it: how many items it had delivered at the resume point. */
    static final String RESUMED_AT = "#resumed-at ";
    /** The line an {@link AppendingSink} writes at an epoch's close when it delivered items in the epoch: how many in all. */
    static final String EPOCH_CLOSED = "#epoch-closed ";

    /**
     * At least once: appends each batch to a file in one write and never truncates it, so a resumed run
     * delivers again what it had delivered since the snapshot it resumes from. Its resume state is only the
     * number of items it had delivered at the snapshot, which it writes as a {@link #RESUMED_AT} line when
     * built, and at each epoch's close it writes an {@link #EPOCH_CLOSED} line, so that {@link FlowKillTest}
     * can tell which items each run delivered twice and in which epoch.
     */
    record AppendingSink(Path file) implements FixedPartitionedSink<String, String, Long> {
        @Override
        public List<String> listParts() {
            return List.of("appended");
        }

        @Override
        public int partFor(String key) {
            return 0;
        }

        @Override
        public StatefulSinkPartition<String, Long> buildPart(String stepId, String forPart, Long resumeState) {
            long resumedAt = resumeState == null ? 0 : resumeState;
            append(RESUMED_AT + resumedAt + "\n");
            return new StatefulSinkPartition<>() {
                private long delivered = resumedAt;
                private long marked = resumedAt;

                @Override
                public void writeBatch(List<String> batch) {
                    StringBuilder text = new StringBuilder();
                    for (String line : batch) {
                        text.append(line).append('\n');
                    }
                    append(text);
                    delivered += batch.size();
                }

                @Override
                public Long snapshot() {
                    if (delivered != marked) {
                        append(EPOCH_CLOSED + delivered + "\n");
                        marked = delivered;
                    }
                    return delivered;
                }

                @Override
                public void close() {
                }
            };
        }

        private void append(CharSequence text) {
            try {
                Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
        int workers = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        Runner.runMain(flow(in, out, pause), RunOptions.defaults().withEpochInterval(epoch)
                .withRecovery(store, Duration.ZERO).withWorkers(workers));
        System.out.println("done");
    }
}
