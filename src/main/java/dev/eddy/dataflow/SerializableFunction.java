package dev.eddy.dataflow;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that is also {@link Serializable}, so that a lambda or method reference written where Eddy takes
 * one compiles to a serializable lambda and the flow can be shipped to a cluster ({@code FlinkRunner.remote}).
 * Anything the lambda captures must be serializable too, or a record or plain object Eddy can copy.
 *
 * <pre>{@code
 * SerializableFunction<String, Integer> length = String::length;
 * System.out.println(length.apply("eddy"));
 * // 4
 * }</pre>
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}
