package dev.eddy.io;

/**
 * A sink that opens one stateless partition per worker, as Bytewax's {@code DynamicSink}.
 *
 * <pre>{@code
 * DynamicSink<String> printer = (stepId, worker, workers) -> items -> items.forEach(System.out::println);
 * }</pre>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public non-sealed interface DynamicSink<T> extends Sink<T> {

    /**
     * Opens this worker's partition.
     *
     * @param stepId the qualified id of the output step
     * @param workerIndex this worker's index, from 0
     * @param workerCount how many workers run the flow
     */
    StatelessSinkPartition<T> build(String stepId, int workerIndex, int workerCount);
}
