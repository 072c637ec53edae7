package dev.eddy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The connectors are plain settings, so a runner that ships sources and sinks to other JVMs (Flink's task
 * managers) can serialize them; clients are made only when a partition is built.
 */
class KafkaShippingTest {

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void aSourceASinkAndAnExactlyOnceSinkComeBackEqualFromJavaSerialization() throws Exception {
        var brokers = List.of("127.0.0.1:9092");
        var config = Map.of("security.protocol", "SASL_SSL");
        KafkaSource source = KafkaSource.of(brokers, List.of("a", "b")).tail(false).batchSize(7).config(config);
        KafkaSink sink = new KafkaSink(brokers, "out", config);
        ExactlyOnceKafkaSink<Integer> exactlyOnce = sink.<Integer>exactlyOnce("flow.out").parts(3);

        assertThat(roundTrip(source)).isEqualTo(source);
        assertThat(roundTrip(sink)).isEqualTo(sink);
        assertThat(roundTrip(exactlyOnce)).isEqualTo(exactlyOnce);
    }
}
