package dev.eddy.kernel;

import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.util.Map;

/** Hands JShell one {@link CellControl} and keeps it, so the evaluator can reach it. */
final class CellControlProvider implements ExecutionControlProvider {
    private final CellControl control;

    CellControlProvider(CellControl control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "eddy-cells";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return control;
    }
}
