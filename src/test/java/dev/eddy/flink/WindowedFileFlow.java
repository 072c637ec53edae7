package dev.eddy.flink;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.dataflow.Mapped;
import dev.eddy.dataflow.SerializableFunction;
import dev.eddy.dataflow.Stream;
import dev.eddy.io.DirSink;
import dev.eddy.io.FileSink;
import dev.eddy.io.FixedPartitionedSource;
import dev.eddy.windowing.EventClock;
import dev.eddy.windowing.SessionWindower;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.WindowValue;
import dev.eddy.windowing.Windowing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The flow that {@link FlinkCheckpointTest} fails and {@link FlinkKillTest} kills: events {@code minute,key,value}
 * from a file, a running sum over one key into {@code running.txt} (a {@link FileSink}), and on an event clock
 * that waits 5 minutes, 10-minute tumbling sums and 3-minute-gap session counts per key into {@code sums/} and
 * {@code sessions/}, {@link DirSink}s with one file per key. One file for all keys' windows would not be the same
 * twice even without a failure: on Flink, windows that close on a processing-time timer interleave with other
 * keys' output as the timers fall, and above parallelism 1 the subtasks race.
 */
final class WindowedFileFlow {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final int KEYS = 20;

    private WindowedFileFlow() {
    }

    record Event(Instant ts, String key, long value) {
    }

    /** A flow and its session counts, for more outputs. */
    record Built(Dataflow flow, KeyedStream<String, WindowValue<Long>> sessions) {
    }

    /**
     * {@code count} events, {@code perMinute} a minute, slightly out of order, on 20 keys, each quiet for 5 minutes
     * in every 40 so that sessions end.
     */
    static List<String> events(int count, int perMinute, long seed) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long minute = i / perMinute + random.nextInt(3);
            int key = random.nextInt(KEYS);
            if ((minute + key * 7) % 40 < 5) {
                key = (key + 1) % KEYS;
            }
            lines.add(minute + ",k" + key + "," + random.nextInt(1000));
        }
        return lines;
    }

    /**
     * The flow {@code flowId}: the lines of {@code source}, each given to {@code before} (which may pace or fail
     * the run, and returns the line) in step {@code parse}, and the outputs into {@code out}.
     */
    static Built flow(String flowId, FixedPartitionedSource<String, ?> source, SerializableFunction<String, String> before,
                      Path out) {
        var flow = new Dataflow(flowId);
        Stream<Event> parsed = flow.input("inp", source)
                .map("parse", line -> {
                    String[] f = before.apply(line).split(",");
                    return new Event(T0.plusSeconds(60 * Long.parseLong(f[0])), f[1], Long.parseLong(f[2]));
                });
        // One key, so one subtask writes the one file in the order of the events.
        parsed.keyOn("all", e -> "all")
                .statefulMap("running", (Long sum, Event e) -> {
                    long next = (sum == null ? 0 : sum) + e.value();
                    return Mapped.of(next, e.key() + " " + next);
                })
                .output("running_out", new FileSink<>(out.resolve("running.txt")));
        KeyedStream<String, Event> events = parsed.keyOn("key", Event::key);
        EventClock<Event> clock = EventClock.withWait(Event::ts, Duration.ofMinutes(5));
        var sums = Windowing.foldWindow("sums", events, clock, new TumblingWindower(Duration.ofMinutes(10), T0),
                () -> 0L, (Long acc, Event e) -> acc + e.value(), Long::sum);
        var sessions = Windowing.countWindow("sessions", events, clock, new SessionWindower(Duration.ofMinutes(3)));
        sums.down().mapValue("sum_line", v -> "sum " + v).output("sums_out", dirSink(out.resolve("sums")));
        sessions.down().mapValue("session_line", v -> "session " + v)
                .output("sessions_out", dirSink(out.resolve("sessions")));
        return new Built(flow, sessions.down());
    }

    private static DirSink<String, String> dirSink(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DirSink<>(path, KEYS, (i, n) -> "k" + i, key -> Integer.parseInt(key.substring(1)), "\n");
    }

    /** Every file under {@code root}, by its path below it, with its text. */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }
}
