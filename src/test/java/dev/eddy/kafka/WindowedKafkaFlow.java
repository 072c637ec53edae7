package dev.eddy.kafka;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.KeyedStream;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.windowing.EventClock;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.Windowing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A flow from one topic through a window into another, exactly once: event {@code i} (the message value) of
 * user {@code u(i % 7)} happens at {@code T0 + 10 ms * i}; each user's events are counted in 10 s tumbling
 * windows on an event clock that waits 60 s, and each count goes out as {@code user,window,count} through an
 * {@link ExactlyOnceKafkaSink}. The input is read to its end ({@code tail(false)}).
 *
 * <p>Run as a child JVM by {@link ExactlyOnceKillTest}: {@code WindowedKafkaFlow BOOTSTRAP IN OUT STORE
 * EPOCH_MILLIS PAUSE_MILLIS_PER_BATCH READY_FILE [WORKERS [SINK_PARTS]]}; makes READY_FILE once its first batch arrives, prints {@code done} and exits 0 at end of input. Downtime moves the
 * watermark on by as long as the child was down; a restart well under 60 s leaves no event late.
 */
public final class WindowedKafkaFlow {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final int USERS = 7;

    private WindowedKafkaFlow() {
    }

    record Event(String user, Instant ts) {
    }

    /** The input values, {@code "0"} to {@code count - 1}. */
    static List<String> events(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(Integer::toString).toList();
    }

    /** What an uninterrupted run writes: {@code user,window} to its count. */
    static Map<String, Long> expected(int count) {
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            out.merge("u" + (i % USERS) + "," + (i / 1000), 1L, Long::sum);
        }
        return out;
    }

    /**
     * @param failAtEvent an event whose parse throws (for a failing run), or -1
     */
    static Dataflow flow(List<String> brokers, String in, String out, long pauseMillisPerBatch, long failAtEvent) {
        return flow(brokers, in, out, pauseMillisPerBatch, failAtEvent, null);
    }

    /** @param readyFile made when the first batch arrives, so a test knows the run is under way; or {@code null} */
    static Dataflow flow(List<String> brokers, String in, String out, long pauseMillisPerBatch, long failAtEvent,
                         Path readyFile) {
        return flow(brokers, in, out, pauseMillisPerBatch, failAtEvent, readyFile, 1);
    }

    /** @param sinkParts how many partitions (transactional producers) the exactly-once sink has */
    static Dataflow flow(List<String> brokers, String in, String out, long pauseMillisPerBatch, long failAtEvent,
                         Path readyFile, int sinkParts) {
        Dataflow flow = new Dataflow("windowed_kafka");
        var read = KafkaOperators.input("inp", flow, KafkaSource.of(brokers, List.of(in)).tail(false).batchSize(100));
        KeyedStream<String, Event> events = read.oks()
                .flatMapBatch("pace", batch -> {
                    if (readyFile != null && !Files.exists(readyFile)) {
                        touch(readyFile);
                    }
                    pause(pauseMillisPerBatch);
                    return batch;
                })
                .map("parse", m -> {
                    long i = Long.parseLong(new String(m.value(), StandardCharsets.UTF_8));
                    if (i == failAtEvent) {
                        throw new IllegalStateException("failing at event " + i);
                    }
                    return new Event("u" + (i % USERS), T0.plusMillis(10 * i));
                })
                .keyOn("user", Event::user);
        var counts = Windowing.countWindow("count", events, EventClock.withWait(Event::ts, Duration.ofSeconds(60)),
                new TumblingWindower(Duration.ofSeconds(10), T0));
        var msgs = counts.down().map("msg", kv -> KafkaSinkMessage.of(bytes(kv.key()),
                bytes(kv.key() + "," + kv.value().windowId() + "," + kv.value().value())));
        KafkaOperators.output("out", msgs, new KafkaSink(brokers, out, Map.of()).<Integer>exactlyOnce("windowed_kafka.out")
                .parts(sinkParts));
        return flow;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) {
        List<String> brokers = List.of(args[0]);
        Path store = Path.of(args[3]);
        int workers = args.length > 7 ? Integer.parseInt(args[7]) : 1;
        int sinkParts = args.length > 8 ? Integer.parseInt(args[8]) : 1;
        Runner.runMain(flow(brokers, args[1], args[2], Long.parseLong(args[5]), -1, Path.of(args[6]), sinkParts),
                RunOptions.defaults().withEpochInterval(Duration.ofMillis(Long.parseLong(args[4])))
                        .withRecovery(store, Duration.ZERO).withWorkers(workers));
        System.out.println("done");
    }
}
