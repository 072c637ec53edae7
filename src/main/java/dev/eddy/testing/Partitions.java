package dev.eddy.testing;

import dev.eddy.io.EndOfInput;
import dev.eddy.io.StatefulSourcePartition;
import dev.eddy.io.StatelessSourcePartition;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads source partitions directly, without a flow: for unit tests of your own sources, as Bytewax's
 * {@code poll_next_batch} is. Waits for no {@code nextAwake}; call it on partitions that don't pause.
 *
 * <pre>{@code
 * var part = TestingSource.of("a", "b").buildPart("eg.inp", "iterable", null);
 * System.out.println(Partitions.drain(part) + " " + part.snapshot());
 * // [a, b] 2
 * }</pre>
 */
public final class Partitions {

    private Partitions() {
    }

    /** Every item the partition hands out until it ends. */
    public static <T> List<T> drain(StatefulSourcePartition<T, ?> part) {
        return drain(part::nextBatch);
    }

    /** Every item the partition hands out until it ends. */
    public static <T> List<T> drain(StatelessSourcePartition<T> part) {
        List<T> items = new ArrayList<>();
        try {
            while (true) {
                items.addAll(part.nextBatch());
            }
        } catch (EndOfInput end) {
            return items;
        }
    }
}
