package dev.eddy.dataflow;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A {@link BiFunction} that is also {@link Serializable}, so that a lambda or method reference written where Eddy takes
 * one compiles to a serializable lambda and the flow can be shipped to a cluster ({@code FlinkRunner.remote}).
 * Anything the lambda captures must be serializable too, or a record or plain object Eddy can copy.
 *
 * <pre>{@code
 * SerializableBiFunction<Integer, Integer, Integer> add = Integer::sum;
 * System.out.println(add.apply(2, 3));
 * // 5
 * }</pre>
 */
@FunctionalInterface
public interface SerializableBiFunction<T, U, R> extends BiFunction<T, U, R>, Serializable {
}
