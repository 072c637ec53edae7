package dev.eddy.io;

/**
 * A source that opens one stateless partition per worker and keeps no resume state, as Bytewax's
 * {@code DynamicSource}.
 *
 * <pre>{@code
 * DynamicSource<Long> ticks = (stepId, worker, workers) -> new StatelessSourcePartition<>() {
 *     long n = 0;
 *     public List<Long> nextBatch() { if (n == 3) throw new EndOfInput(); return List.of(n++); }
 * };
 * }</pre>
 *
 * @param <T> the item type
 */
@FunctionalInterface
public non-sealed interface DynamicSource<T> extends Source<T> {

    /**
     * Opens this worker's partition.
     *
     * @param stepId the qualified id of the input step, for error messages
     * @param workerIndex this worker's index, from 0
     * @param workerCount how many workers run the flow
     */
    StatelessSourcePartition<T> build(String stepId, int workerIndex, int workerCount);
}
