package dev.eddy.flink;

import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A flow's primitive steps, each serialized for Flink before the job is built, and the classes they are made of.
 * An {@code output} step to a {@link ClientOutputs#isClientSide client-side} sink is not shipped: its items come
 * back to this JVM.
 */
record Shipment(Map<String, ShippedStep> steps, Set<Class<?>> classes) {

    /**
     * Serializes every step of {@code steps}.
     *
     * @throws IllegalArgumentException naming the first step that cannot be shipped
     */
    static Shipment of(List<Step> steps) {
        Map<String, ShippedStep> shipped = new LinkedHashMap<>();
        Set<Class<?>> classes = new HashSet<>();
        for (Step step : steps) {
            Primitive primitive = step.primitive();
            if (primitive instanceof Primitive.Output output && ClientOutputs.isClientSide(output.sink())) {
                continue;
            }
            shipped.put(step.id(), new ShippedStep(step.id(), Shipping.freeze(step.id(), primitive, classes)));
        }
        return new Shipment(shipped, classes);
    }

    /** The shipped form of step {@code stepId}. */
    ShippedStep step(String stepId) {
        return steps.get(stepId);
    }
}
