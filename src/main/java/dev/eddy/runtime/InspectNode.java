package dev.eddy.runtime;

import dev.eddy.dataflow.Inspector;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import java.util.List;

/** {@code inspect_debug}: shows each item with its epoch and worker, then passes it on. */
final class InspectNode extends Node {

    private final Inspector<Object> inspector;

    InspectNode(Step step, Primitive.InspectDebug primitive) {
        super(step);
        this.inspector = primitive.inspector();
    }

    @Override
    void activate(Activation activation) {
        List<Object> items = drain();
        for (int i = 0, n = items.size(); i < n; i++) {
            try {
                inspector.inspect(id(), items.get(i), activation.epoch, worker);
            } catch (Throwable e) {
                // The items before the failing one were seen, so they go on.
                emitAll(0, items.subList(0, i));
                throw e;
            }
        }
        emitAll(0, items);
        recycle(items);
        done = upsDone();
    }
}
