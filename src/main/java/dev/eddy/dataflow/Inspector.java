package dev.eddy.dataflow;

/**
 * Receives every item that passes an {@code inspectDebug} step, with where and when it passed.
 *
 * <pre>{@code
 * Inspector<Integer> log = (stepId, item, epoch, worker) ->
 *     System.out.println(stepId + " saw " + item + " in epoch " + epoch);
 * }</pre>
 */
@FunctionalInterface
public interface Inspector<T> extends java.io.Serializable {

    /**
     * @param stepId the qualified id of the inspecting step
     * @param item the item
     * @param epoch the epoch the item is in, from 1
     * @param worker the index of the worker that saw it
     */
    void inspect(String stepId, T item, long epoch, int worker);
}
