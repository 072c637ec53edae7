package dev.eddy.bench;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.kafka.ExactlyOnceKafkaSink;
import dev.eddy.kafka.KafkaOperators;
import dev.eddy.kafka.KafkaSink;
import dev.eddy.kafka.KafkaSinkMessage;
import dev.eddy.kafka.LocalBroker;
import dev.eddy.kafka.Topics;
import dev.eddy.recovery.Recovery;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.windowing.EventClock;
import dev.eddy.windowing.TumblingWindower;
import dev.eddy.windowing.Windowing;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka throughput: the same flow, read a topic, count each user's clicks in 1 minute tumbling event-time
 * windows, write each count to another topic, on Eddy's Kafka connectors and on Flink 2.3 with Flink's own
 * Kafka connector (5.0.0-2.2), against one local broker ({@link LocalBroker}) in the same run. Each engine reads
 * the same input topic from its start to its end and writes a topic of its own; a run's time is wall time from
 * building the flow to the job's end, start-up included (consumers and producers made, Flink's MiniCluster
 * started), and its rate is input messages over that time. The outputs are read back with read_committed and
 * must agree: as many windows and the same counts on every engine.
 *
 * <p>{@code scripts/kafka-bench.sh [--messages=N] [--partitions=P] [--parallelism=W] [--runs=R]}; the defaults
 * are 1,000,000 messages of 100 users, 10 ms of event time apart, over 3 partitions, 1 worker or subtask, 1 run.
 */
public final class KafkaBench {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    static final int USERS = 100;
    static final Duration WINDOW = Duration.ofMinutes(1);
    /**
     * How long the event clocks wait: the whole span of the input, so no message is late on either engine. A
     * replay read as fast as it goes lets one partition run minutes of event time ahead of another; Flink's
     * source keeps a watermark per split and takes the least, while Eddy's event clock (as Bytewax's) keeps one
     * per key, fed by every partition, so with a short wait Eddy would drop the lagging partitions' messages
     * as late.
     */
    static Duration wait = Duration.ofMinutes(2);

    private KafkaBench() {
    }

    record Click(String user, long millis) {
        static Click parse(byte[] bytes) {
            String s = new String(bytes, StandardCharsets.UTF_8);
            int comma = s.indexOf(',');
            return new Click(s.substring(0, comma), Long.parseLong(s.substring(comma + 1)));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int messages = Integer.parseInt(opts.getOrDefault("messages", "1000000"));
        int partitions = Integer.parseInt(opts.getOrDefault("partitions", "3"));
        int parallelism = Integer.parseInt(opts.getOrDefault("parallelism", "1"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "1"));
        wait = Duration.ofMillis(10L * messages).plus(WINDOW);
        Path work = Files.createTempDirectory("eddy-kafka-bench-");
        try (LocalBroker broker = LocalBroker.start(work.resolve("broker"))) {
            String bootstrap = broker.bootstrap();
            broker.createTopic("bench_in", partitions);
            long fillStart = System.nanoTime();
            fill(bootstrap, "bench_in", partitions, messages);
            System.out.printf("filled bench_in: %,d messages over %d partitions in %.1f s%n", messages, partitions,
                    seconds(fillStart));
            Map<String, List<Double>> times = new LinkedHashMap<>();
            Map<String, Map<String, Long>> outputs = new LinkedHashMap<>();
            for (int run = 0; run < runs; run++) {
                List<String> engines = List.of("Eddy, KafkaSink (at least once)",
                        "Eddy, exactlyOnce (recovery, 1 s epochs)", "Flink 2.3, KafkaSink AT_LEAST_ONCE");
                for (int which = 0; which < engines.size(); which++) {
                    String engine = engines.get(which);
                    String out = "out_" + which + "_" + run;
                    broker.createTopic(out, partitions);
                    long start = System.nanoTime();
                    switch (which) {
                        case 0 -> eddy(broker, out, parallelism, null);
                        case 1 -> eddy(broker, out, parallelism, work.resolve("store-" + run));
                        default -> flink(bootstrap, out, parallelism);
                    }
                    double s = seconds(start);
                    times.computeIfAbsent(engine, e -> new ArrayList<>()).add(s);
                    Map<String, Long> counts = readCounts(bootstrap, out);
                    outputs.put(engine, counts);
                    System.out.printf("%s: %.1f s, %,.0f messages/s, %,d windows%n", engine, s, messages / s,
                            counts.size());
                }
            }
            report(messages, partitions, parallelism, times, outputs);
        } finally {
            deleteTree(work);
        }
    }

    /** Message {@code i}: key {@code u(i % USERS)}, value {@code user,epochMillis}, in partition {@code i % partitions}. */
    static void fill(String bootstrap, String topic, int partitions, int messages) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", "20", "batch.size", "262144"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < messages; i++) {
                String user = "u" + (i % USERS);
                producer.send(new ProducerRecord<>(topic, i % partitions, bytes(user),
                        bytes(user + "," + T0.plusMillis(10L * i).toEpochMilli())));
            }
            producer.flush();
        }
    }

    static void eddy(LocalBroker broker, String out, int workers, Path store) {
        Dataflow flow = new Dataflow("kafka_bench");
        var in = KafkaOperators.input("inp", flow,
                dev.eddy.kafka.KafkaSource.of(broker.brokers(), List.of("bench_in")).tail(false).batchSize(1000));
        var clicks = in.oks().map("parse", m -> Click.parse(m.value())).keyOn("user", Click::user);
        var counts = Windowing.countWindow("count", clicks, EventClock.withWait(c -> Instant.ofEpochMilli(c.millis()), wait),
                new TumblingWindower(WINDOW, T0));
        var msgs = counts.down().map("msg", kv -> KafkaSinkMessage.of(bytes(kv.key()),
                bytes(kv.key() + "," + kv.value().windowId() + "," + kv.value().value())));
        RunOptions options = RunOptions.defaults().withWorkers(workers);
        if (store == null) {
            KafkaOperators.output("out", msgs, broker.brokers(), out, Map.of());
        } else {
            ExactlyOnceKafkaSink<Integer> sink = new KafkaSink(broker.brokers(), out, Map.of()).<Integer>exactlyOnce(
                    "bench." + out).parts(workers);
            KafkaOperators.output("out", msgs, sink);
            Recovery.initDbDir(store, 1);
            options = options.withEpochInterval(Duration.ofSeconds(1)).withRecovery(store, Duration.ZERO);
        }
        Runner.runMain(flow, options);
    }

    /**
     * Flink's connector, at least once. (Its {@code EXACTLY_ONCE} writer calls a kafka-clients internal,
     * {@code TransactionalRequestResult.await()}, that the 4.3.1 client Eddy pins no longer has, so it can't
     * run in one JVM with Eddy's connectors.)
     */
    static void flink(String bootstrap, String out, int parallelism) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        var source = org.apache.flink.connector.kafka.source.KafkaSource.<String>builder()
                .setBootstrapServers(bootstrap).setTopics("bench_in").setGroupId("bench-" + out)
                .setStartingOffsets(OffsetsInitializer.earliest()).setBounded(OffsetsInitializer.latest())
                .setValueOnlyDeserializer(new SimpleStringSchema()).build();
        var sink = org.apache.flink.connector.kafka.sink.KafkaSink.<String>builder().setBootstrapServers(bootstrap)
                .setRecordSerializer(KafkaRecordSerializationSchema.builder().setTopic(out)
                        .setKeySerializationSchema((String line) -> bytes(line.substring(0, line.indexOf(','))))
                        .setValueSerializationSchema(new SimpleStringSchema()).build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
        env.fromSource(source, WatermarkStrategy.<String>forBoundedOutOfOrderness(wait)
                        .withTimestampAssigner((line, ts) -> Long.parseLong(line.substring(line.indexOf(',') + 1))),
                        "inp")
                .keyBy(line -> line.substring(0, line.indexOf(',')), Types.STRING)
                .window(TumblingEventTimeWindows.of(WINDOW))
                .aggregate(new FlinkEngine.Count<String>(), new ToLine(), Types.LONG, Types.LONG, Types.STRING)
                .sinkTo(sink);
        env.execute("kafka_bench");
    }

    /** {@code user,windowId,count}, as Eddy's flow writes it. */
    static final class ToLine extends ProcessWindowFunction<Long, String, String, TimeWindow> {
        @Override
        public void process(String user, Context context, Iterable<Long> counts, Collector<String> out) {
            long id = (context.window().getStart() - T0.toEpochMilli()) / WINDOW.toMillis();
            out.collect(user + "," + id + "," + counts.iterator().next());
        }
    }

    /** {@code user,window} to count, as a read_committed consumer sees the topic; a window seen twice fails. */
    static Map<String, Long> readCounts(String bootstrap, String topic) {
        Map<String, Long> out = new TreeMap<>();
        for (String line : Topics.values(Topics.readCommitted(bootstrap, topic))) {
            int last = line.lastIndexOf(',');
            if (out.put(line.substring(0, last), Long.parseLong(line.substring(last + 1))) != null) {
                throw new IllegalStateException("topic " + topic + " must hold each window once; got "
                        + line.substring(0, last) + " twice instead");
            }
        }
        return out;
    }

    static void report(int messages, int partitions, int parallelism, Map<String, List<Double>> times,
                       Map<String, Map<String, Long>> outputs) {
        Map<String, Long> first = outputs.values().iterator().next();
        long total = first.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder md = new StringBuilder();
        md.append(String.format("%,d messages, %d partitions, parallelism %d; each window of each user once:"
                + " %,d windows, %,d counted%n%n", messages, partitions, parallelism, first.size(), total));
        md.append("| Engine and sink | Best of runs (s) | Messages/s |\n| --- | ---: | ---: |\n");
        for (var e : times.entrySet()) {
            double best = e.getValue().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            md.append(String.format("| %s | %.1f | %,.0f |%n", e.getKey(), best, messages / best));
        }
        System.out.println();
        System.out.print(md);
        for (var e : outputs.entrySet()) {
            if (!e.getValue().equals(first)) {
                throw new IllegalStateException(e.getKey() + "'s output must equal " + outputs.keySet().iterator().next()
                        + "'s; got " + e.getValue().size() + " windows counting "
                        + e.getValue().values().stream().mapToLong(Long::longValue).sum() + " instead of " + first.size()
                        + " counting " + total);
            }
        }
        if (total != messages) {
            throw new IllegalStateException("the windows must count every message; got " + total + " of " + messages);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
