package dev.eddy.dataflow;

import java.io.Serializable;
import java.util.function.BinaryOperator;

/**
 * A {@link BinaryOperator} that is also {@link Serializable}, so that a lambda or method reference written where Eddy takes
 * one compiles to a serializable lambda and the flow can be shipped to a cluster ({@code FlinkRunner.remote}).
 * Anything the lambda captures must be serializable too, or a record or plain object Eddy can copy.
 *
 * <pre>{@code
 * SerializableBinaryOperator<Integer> max = Math::max;
 * System.out.println(max.apply(2, 3));
 * // 3
 * }</pre>
 */
@FunctionalInterface
public interface SerializableBinaryOperator<T> extends BinaryOperator<T>, Serializable {
}
