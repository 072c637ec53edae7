package dev.eddy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.flink.FlinkRunner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link KafkaSource} and the Kafka sinks on {@link FlinkRunner}, through its generic source and sink adapters,
 * against a real broker: each of the source's partitions is read by one subtask, each of a partitioned sink's
 * partitions written by one.
 */
class KafkaOnFlinkTest extends BrokerPerClass {

    @Test
    void aWindowedFlowFromATopicIntoAnExactlyOnceSinkRunsOnFlinkAtParallelismTwo() throws Exception {
        int count = 6_000;
        Topics.windowedFlowTopics(broker.bootstrap(), "flink_in", "flink_out", 2, count);

        FlinkRunner.local(WindowedKafkaFlow.flow(brokers, "flink_in", "flink_out", 0, -1, null, 2))
                .withParallelism(2).run();

        List<String> lines = Topics.values(Topics.readCommitted(broker.bootstrap(), "flink_out"));
        assertThat(lines).doesNotHaveDuplicates();
        assertThat(ExactlyOnceSinkTest.counts(lines)).isEqualTo(WindowedKafkaFlow.expected(count));
        // Both sink partitions, so both transactional producers, wrote.
        assertThat(Topics.readCommitted(broker.bootstrap(), "flink_out").stream().map(r -> r.partition()).distinct())
                .hasSize(2);
    }

    @Test
    void messagesGoFromATopicThroughAMapIntoAnotherWithTheAtLeastOnceSinkOnFlink() throws Exception {
        Topics.create(broker.bootstrap(), "flink_copy_in", 3);
        Topics.create(broker.bootstrap(), "flink_copy_out", 1);
        List<String> values = WindowedKafkaFlow.events(900);
        Topics.fill(broker.bootstrap(), "flink_copy_in", 3, values);

        Dataflow flow = new Dataflow("kafka_copy");
        var in = KafkaOperators.input("inp", flow, KafkaSource.of(brokers, List.of("flink_copy_in")).tail(false));
        var out = in.oks().map("upper", m -> KafkaSinkMessage.of(m.key(),
                ("v" + new String(m.value(), StandardCharsets.UTF_8) + "@" + m.partition()).getBytes(StandardCharsets.UTF_8)));
        KafkaOperators.output("out", out, brokers, "flink_copy_out", Map.of());
        FlinkRunner.local(flow).withParallelism(2).run();

        Map<Integer, Long> perPartition = new TreeMap<>();
        List<String> copied = Topics.values(Topics.readCommitted(broker.bootstrap(), "flink_copy_out"));
        for (String line : copied) {
            perPartition.merge(Integer.parseInt(line.substring(line.indexOf('@') + 1)), 1L, Long::sum);
        }
        assertThat(copied).hasSize(900).doesNotHaveDuplicates();
        assertThat(copied.stream().map(s -> s.substring(1, s.indexOf('@')))).containsExactlyInAnyOrderElementsOf(values);
        assertThat(perPartition).isEqualTo(Map.of(0, 300L, 1, 300L, 2, 300L));
    }
}
