package dev.eddy.dataflow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two streams of a {@code branch}: items for which the predicate held, and the others.
 *
 * <pre>{@code
 * var flow = new Dataflow("branch_eg");
 * var parts = flow.input("inp", TestingSource.of(1, 2, 3)).branch("even", x -> x % 2 == 0);
 * parts.trues().inspect("evens");
 * Runner.runMain(flow);
 * // branch_eg.evens: 2
 * }</pre>
 */
public record BranchOut<T>(Stream<T> trues, Stream<T> falses) implements Outputs {

    @Override
    public Map<String, Stream<?>> downPorts() {
        Map<String, Stream<?>> ports = new LinkedHashMap<>();
        ports.put("trues", trues);
        ports.put("falses", falses);
        return ports;
    }
}
