package dev.eddy.dataflow;

import java.util.ArrayList;
import java.util.List;

/**
 * The batch mapper of Eddy's own per-item steps ({@code map}, {@code filter}, {@code key_on} and the
 * like): it appends its output to a list the caller gives and keeps no reference to either list, so a
 * runtime may write straight into the next step's input and reuse the batch it passed in. A user's
 * {@code flatMapBatch} mapper is never one: it may keep or return the lists it sees.
 *
 * <pre>{@code
 * var flow = new Dataflow("appending_mapper_eg");
 * flow.input("inp", TestingSource.of(1)).map("double", x -> x * 2).inspect("out");
 * for (Step step : flow.primitiveSteps()) {
 *     if (step.primitive() instanceof Primitive.FlatMapBatch f && f.mapper() instanceof AppendingMapper m) {
 *         List<Object> out = new ArrayList<>(List.of("kept"));
 *         m.mapInto(List.of(3, 4), out);
 *         System.out.println(step.id() + ": " + out);
 *     }
 * }
 * // appending_mapper_eg.double.flat_map_batch: [kept, 6, 8]
 * }</pre>
 */
public interface AppendingMapper extends SerializableFunction<List<Object>, List<Object>> {

    /** Appends what {@code batch} maps to onto {@code out}, in order; a failure leaves {@code out} partly filled. */
    void mapInto(List<Object> batch, List<Object> out);

    /** The mapped batch as a new list. */
    @Override
    default List<Object> apply(List<Object> batch) {
        List<Object> out = new ArrayList<>(batch.size());
        mapInto(batch, out);
        return out;
    }
}
