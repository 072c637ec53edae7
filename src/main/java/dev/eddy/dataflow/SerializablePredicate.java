package dev.eddy.dataflow;

import java.io.Serializable;
import java.util.function.Predicate;

/**
 * A {@link Predicate} that is also {@link Serializable}, so that a lambda or method reference written where Eddy takes
 * one compiles to a serializable lambda and the flow can be shipped to a cluster ({@code FlinkRunner.remote}).
 * Anything the lambda captures must be serializable too, or a record or plain object Eddy can copy.
 *
 * <pre>{@code
 * SerializablePredicate<Integer> odd = x -> x % 2 == 1;
 * System.out.println(odd.test(3));
 * // true
 * }</pre>
 */
@FunctionalInterface
public interface SerializablePredicate<T> extends Predicate<T>, Serializable {
}
