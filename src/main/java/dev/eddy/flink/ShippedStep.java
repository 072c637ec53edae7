package dev.eddy.flink;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a Flink function carries of its Eddy step: the run it belongs to and the step's id, never the step's
 * functions themselves. A local run keeps its flow in this JVM's registry for as long as the job runs, and each
 * task looks its step up there when Flink has deserialized the function, so no lambda needs to be serializable.
 */
record ShippedStep(String runKey, String stepId) implements Serializable {

    private static final Map<String, Map<String, Step>> RUNS = new ConcurrentHashMap<>();

    /** Registers the primitive steps of {@code flow} under {@code runKey} until {@link #forget}. */
    static void register(String runKey, Dataflow flow) {
        Map<String, Step> steps = new ConcurrentHashMap<>();
        for (Step step : flow.primitiveSteps()) {
            steps.put(step.id(), step);
        }
        RUNS.put(runKey, steps);
    }

    static void forget(String runKey) {
        RUNS.remove(runKey);
    }

    /** The step's primitive, as the flow described it. */
    Primitive primitive() {
        Map<String, Step> steps = RUNS.get(runKey);
        if (steps == null) {
            throw new IllegalStateException("Flink task for step '" + stepId + "' must run in the JVM that started"
                    + " its local run; got no flow registered under " + runKey + " instead");
        }
        return steps.get(stepId).primitive();
    }
}
