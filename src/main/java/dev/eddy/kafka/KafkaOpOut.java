package dev.eddy.kafka;

import dev.eddy.dataflow.Outputs;
import dev.eddy.dataflow.Stream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two streams of a Kafka operator, as Bytewax's {@code KafkaOpOut}: messages that went through, and
 * {@link KafkaError}s for those that did not, each naming its topic, partition and offset.
 *
 * @param oks the messages that went through
 * @param errs the errors
 * @param <T> the message type
 * @param <E> the error type
 */
public record KafkaOpOut<T, E>(Stream<T> oks, Stream<E> errs) implements Outputs {

    @Override
    public Map<String, Stream<?>> downPorts() {
        Map<String, Stream<?>> ports = new LinkedHashMap<>();
        ports.put("oks", oks);
        ports.put("errs", errs);
        return ports;
    }
}
