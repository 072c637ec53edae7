package dev.eddy.dataflow;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A {@link Supplier} that is also {@link Serializable}, so that a lambda or method reference written where Eddy takes
 * one compiles to a serializable lambda and the flow can be shipped to a cluster ({@code FlinkRunner.remote}).
 * Anything the lambda captures must be serializable too, or a record or plain object Eddy can copy.
 *
 * <pre>{@code
 * SerializableSupplier<List<String>> empty = ArrayList::new;
 * System.out.println(empty.get());
 * // []
 * }</pre>
 */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable {
}
