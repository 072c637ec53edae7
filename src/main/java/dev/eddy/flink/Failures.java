package dev.eddy.flink;

import dev.eddy.dataflow.StepException;

/** Names the step in a failure from user code, as the local runtime does. */
final class Failures {

    private Failures() {
    }

    static RuntimeException inStep(String what, String stepId, Object item, Throwable cause) {
        if (cause instanceof StepException named) {
            return named;
        }
        return StepException.withMessage(what + " step '" + stepId + "' failed"
                + (item == null ? "" : " on " + StepException.shorten(item)) + ": " + cause, stepId, item, cause);
    }
}
