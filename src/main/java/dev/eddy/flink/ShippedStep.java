package dev.eddy.flink;

import dev.eddy.dataflow.Primitive;
import java.io.Serializable;

/**
 * What a Flink function carries of its Eddy step: the step's id and its primitive, serialized once when the job
 * is built ({@link Shipping}). Flink ships the function to each task, in this JVM or on a TaskManager; the task
 * deserializes the primitive the first time it asks for it (in {@code open}), with the job's class loader, so every
 * subtask gets its own copy of the step's functions, sources and sinks.
 */
final class ShippedStep implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String stepId;
    private final byte[] primitive;
    private transient Primitive thawed;

    ShippedStep(String stepId, byte[] primitive) {
        this.stepId = stepId;
        this.primitive = primitive;
    }

    /** The step's qualified id. */
    String stepId() {
        return stepId;
    }

    /** The step's primitive, as the flow described it; this task's own copy. */
    Primitive primitive() {
        if (thawed == null) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            thawed = (Primitive) Shipping.thaw(primitive, loader != null ? loader : ShippedStep.class.getClassLoader());
        }
        return thawed;
    }
}
