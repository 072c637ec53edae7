package dev.eddy.runtime;

import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** {@code flat_map_batch}: calls the mapper once with everything that arrived this activation. */
final class FlatMapBatchNode extends Node {

    private final Function<List<Object>, ? extends Iterable<?>> mapper;

    FlatMapBatchNode(Step step, Primitive.FlatMapBatch primitive) {
        super(step);
        this.mapper = primitive.mapper();
    }

    @Override
    void activate(Activation activation) {
        List<Object> items = drain();
        if (!items.isEmpty()) {
            Iterable<?> out = mapper.apply(items);
            if (out instanceof List<?> list) {
                emitAll(0, list);
            } else if (out instanceof Collection<?> collection) {
                emitAll(0, new ArrayList<>(collection));
            } else {
                for (Object item : out) {
                    emit(0, item);
                }
            }
        }
        done = upsDone();
    }
}
