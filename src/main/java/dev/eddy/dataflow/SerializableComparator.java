package dev.eddy.dataflow;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A {@link Comparator} that is also {@link Serializable}, so that a flow that orders values (such as
 * {@code maxFinal}) can be shipped to a cluster. {@link #comparing} builds one from a serializable key getter, as
 * {@link Comparator#comparing} does.
 *
 * <pre>{@code
 * SerializableComparator<String> byLength = SerializableComparator.comparing(String::length);
 * System.out.println(byLength.compare("ab", "abc") < 0);
 * // true
 * }</pre>
 */
@FunctionalInterface
public interface SerializableComparator<T> extends Comparator<T>, Serializable {

    /** Orders values by the key {@code key} gets from each. */
    static <T, U extends Comparable<? super U>> SerializableComparator<T> comparing(
            SerializableFunction<? super T, ? extends U> key) {
        return (a, b) -> key.apply(a).compareTo(key.apply(b));
    }
}
