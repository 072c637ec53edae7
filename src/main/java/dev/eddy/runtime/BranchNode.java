package dev.eddy.runtime;

import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import java.util.List;
import java.util.function.Predicate;

/** {@code branch}: port 0 gets the items the predicate accepts, port 1 the others. */
final class BranchNode extends Node {

    private final Predicate<Object> predicate;

    BranchNode(Step step, Primitive.Branch primitive) {
        super(step);
        this.predicate = primitive.predicate();
    }

    @Override
    void activate(Activation activation) {
        List<Object> items = drain();
        for (Object item : items) {
            emit(predicate.test(item) ? 0 : 1, item);
        }
        recycle(items);
        done = upsDone();
    }
}
