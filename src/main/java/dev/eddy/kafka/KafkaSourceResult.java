package dev.eddy.kafka;

/**
 * What a {@link KafkaSource} emits: a {@link KafkaSourceMessage}, or a {@link KafkaError} when the source
 * was made with {@code raiseOnErrors(false)}. {@link KafkaOperators#input} splits them into {@code oks}
 * and {@code errs}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public sealed interface KafkaSourceResult<K, V> permits KafkaSourceMessage, KafkaError {
}
