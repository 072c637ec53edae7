package dev.eddy.dataflow;

import java.io.Serializable;
import java.util.function.BiConsumer;

/**
 * A {@link BiConsumer} that is also {@link Serializable}, so that a lambda or method reference written where Eddy takes
 * one compiles to a serializable lambda and the flow can be shipped to a cluster ({@code FlinkRunner.remote}).
 * Anything the lambda captures must be serializable too, or a record or plain object Eddy can copy.
 *
 * <pre>{@code
 * SerializableBiConsumer<String, Integer> show = (id, x) -> System.out.println(id + ": " + x);
 * show.accept("eg.out", 1);
 * // eg.out: 1
 * }</pre>
 */
@FunctionalInterface
public interface SerializableBiConsumer<T, U> extends BiConsumer<T, U>, Serializable {
}
