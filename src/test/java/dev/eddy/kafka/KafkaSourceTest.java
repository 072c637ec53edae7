package dev.eddy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.recovery.Recovery;
import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link KafkaSource} and the Kafka operators against a real broker, started once for the class. */
class KafkaSourceTest extends BrokerPerClass {

    @TempDir
    Path dir;

    private static List<String> numbered(int count) {
        return IntStream.range(0, count).mapToObj(i -> "v" + i).toList();
    }

    @Test
    void partitionsAreNamedAsBytewaxNamesThemIndexDashTopic() throws Exception {
        Topics.create(broker.bootstrap(), "named", 3);
        assertThat(KafkaSource.of(brokers, List.of("named")).listParts()).containsExactly("0-named", "1-named", "2-named");
    }

    @Test
    void aMissingTopicIsNamedWhenTheFlowStarts() {
        assertThatThrownBy(() -> KafkaSource.of(brokers, List.of("no_such_topic")).listParts())
                .hasMessageContaining("KafkaSource topic 'no_such_topic' must exist on " + brokers);
    }

    @ParameterizedTest(name = "on {0} worker(s)")
    @ValueSource(ints = {1, 3})
    void everyMessageOfAThreePartitionTopicIsReadOnceWithWhereItCameFrom(int workers) throws Exception {
        String topic = "three_" + workers;
        Topics.create(broker.bootstrap(), topic, 3);
        Topics.fill(broker.bootstrap(), topic, 3, numbered(300));
        List<KafkaSourceMessage<byte[], byte[]>> got = Collections.synchronizedList(new ArrayList<>());
        Set<String> readBy = ConcurrentHashMap.newKeySet();
        Dataflow flow = new Dataflow("read_three");
        KafkaOperators.input("inp", flow, KafkaSource.of(brokers, List.of(topic)).tail(false).batchSize(7))
                .oks().inspectDebug("who", (stepId, m, epoch, worker) -> readBy.add(m.partition() + "@" + worker))
                .output("out", new TestingSink<>(got));
        Runner.runMain(flow, RunOptions.defaults().withWorkers(workers));

        // Each topic partition is one source partition, read by one worker; at 3 workers, one each.
        assertThat(readBy).hasSize(3);
        assertThat(readBy.stream().map(r -> r.substring(r.indexOf('@') + 1)).distinct()).hasSize(workers);
        assertThat(got).hasSize(300);
        assertThat(got).allSatisfy(m -> {
            int i = Integer.parseInt(new String(m.value(), StandardCharsets.UTF_8).substring(1));
            assertThat(m.topic()).isEqualTo(topic);
            assertThat(m.partition()).isEqualTo(i % 3);
            assertThat(m.offset()).isEqualTo(i / 3);
            assertThat(new String(m.key(), StandardCharsets.UTF_8)).isEqualTo("k" + i);
            assertThat(m.timestamp()).isNotNull();
        });
    }

    @Test
    void aResumeAfterAnAbortReadsExactlyTheOffsetsAfterTheLastSnapshot() throws Exception {
        Topics.create(broker.bootstrap(), "resumed", 3);
        Topics.fill(broker.bootstrap(), "resumed", 3, numbered(600));
        Path store = dir.resolve("store");
        Recovery.initDbDir(store, 1);
        // The input step's snapshots, the offsets it reads next, by partition, as each epoch closed.
        Map<String, Long> lastSnapshot = new ConcurrentHashMap<>();
        RunOptions options = RunOptions.defaults().withEpochInterval(Duration.ZERO)
                .withRecovery(store, Duration.ZERO)
                .withSnapshots((stepId, key, epoch, state) -> {
                    if (stepId.equals("resumed.inp.kafka_input")) {
                        lastSnapshot.put((String) key, (Long) state);
                    }
                });
        List<String> first = Collections.synchronizedList(new ArrayList<>());
        assertThatThrownBy(() -> Runner.runMain(flow(first, "p1@120"), options)).hasMessageContaining("p1@120");
        Map<String, Long> resumeAt = new TreeMap<>(lastSnapshot);
        assertThat(resumeAt).containsOnlyKeys("0-resumed", "1-resumed", "2-resumed");
        assertThat(resumeAt.get("1-resumed")).isBetween(1L, 120L);

        List<String> second = Collections.synchronizedList(new ArrayList<>());
        Runner.runMain(flow(second, "none"), options);

        for (int p = 0; p < 3; p++) {
            long from = resumeAt.get(p + "-resumed");
            TreeSet<Long> reread = offsetsOf(second, p);
            assertThat(reread).as("partition %d re-read from its snapshot, %d, to its end", p, from)
                    .containsExactlyElementsOf(range(from, 200));
            // Nothing lost: what the first run read before its snapshot and the second run read make the whole.
            TreeSet<Long> all = offsetsOf(first, p);
            all.removeIf(o -> o >= from);
            all.addAll(reread);
            assertThat(all).containsExactlyElementsOf(range(0, 200));
        }
    }

    private static Dataflow flow(List<String> seen, String failAt) {
        Dataflow flow = new Dataflow("resumed");
        KafkaOperators.input("inp", flow, KafkaSource.of(brokers, List.of("resumed")).tail(false).batchSize(5))
                .oks()
                .map("where", m -> "p" + m.partition() + "@" + m.offset())
                .inspect("fail", (id, where) -> {
                    if (where.equals(failAt)) {
                        throw new IllegalStateException("failing at " + where);
                    }
                })
                .output("out", new TestingSink<>(seen));
        return flow;
    }

    private static TreeSet<Long> offsetsOf(List<String> seen, int partition) {
        TreeSet<Long> offsets = new TreeSet<>();
        for (String where : seen) {
            if (where.startsWith("p" + partition + "@")) {
                offsets.add(Long.parseLong(where.substring(where.indexOf('@') + 1)));
            }
        }
        return offsets;
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    void malformedMessagesGoToErrsWithTopicPartitionAndOffset() throws Exception {
        Topics.create(broker.bootstrap(), "json", 3);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            values.add(i % 10 == 4 ? "{\"user\": \"u" + i : "{\"user\":\"u" + i + "\",\"n\":" + i + "}");
        }
        Topics.fill(broker.bootstrap(), "json", 3, values);
        List<Click> oks = Collections.synchronizedList(new ArrayList<>());
        List<KafkaError<byte[], byte[]>> errs = Collections.synchronizedList(new ArrayList<>());
        Dataflow flow = new Dataflow("json_in");
        var in = KafkaOperators.input("inp", flow, KafkaSource.of(brokers, List.of("json")).tail(false));
        var de = KafkaOperators.deserializeValue("de", in.oks(), JsonSerde.deserializer(Click.class));
        de.oks().map("value", KafkaSourceMessage::value).output("oks", new TestingSink<>(oks));
        de.errs().output("errs", new TestingSink<>(errs));
        Runner.runMain(flow);

        assertThat(oks).hasSize(27).contains(new Click("u0", 0), new Click("u29", 29));
        // Items 4, 14 and 24 are cut short: partitions 1, 2, 0 at offsets 1, 4, 8.
        assertThat(errs).extracting(e -> e.msg().topic() + "/" + e.msg().partition() + "/" + e.msg().offset())
                .containsExactlyInAnyOrder("json/1/1", "json/2/4", "json/0/8");
        assertThat(errs).allSatisfy(e -> {
            assertThat(e.error()).contains("step 'json_in.de' could not deserialize the value of the message at topic"
                    + " 'json' partition " + e.msg().partition() + " offset " + e.msg().offset());
            assertThat(e.error()).contains("must be a JSON Click; got '{\"user\": \"u");
            assertThat(new String(e.msg().value(), StandardCharsets.UTF_8)).startsWith("{\"user\": \"u");
        });
    }

    record Click(String user, int n) {
    }

    @Test
    void theSinkWritesKeysValuesAndHeadersAtLeastOnce() throws Exception {
        Topics.create(broker.bootstrap(), "sunk", 3);
        Dataflow flow = new Dataflow("to_kafka");
        var msgs = flow.input("inp", dev.eddy.testing.TestingSource.of(1, 2, 3))
                .map("msg", i -> new KafkaSinkMessage<>("k" + i, "v" + i, null, List.of(KafkaHeader.of("n", "" + i)),
                        i % 3, null));
        KafkaOperators.output("out", KafkaOperators.serialize("ser", msgs, Topics::bytes, Topics::bytes), brokers, "sunk",
                Map.of());
        Runner.runMain(flow);

        var records = Topics.readCommitted(broker.bootstrap(), "sunk");
        assertThat(records).extracting(r -> new String(r.key()) + "=" + new String(r.value()) + " p" + r.partition()
                + " " + new String(r.headers().lastHeader("n").value()))
                .containsExactlyInAnyOrder("k1=v1 p1 1", "k2=v2 p2 2", "k3=v3 p0 3");
    }
}
