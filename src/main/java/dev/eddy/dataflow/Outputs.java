package dev.eddy.dataflow;

import java.util.Map;

/**
 * What an operator returns, seen as named output ports: a {@link Stream} is one port named
 * {@code down}, {@link BranchOut} has {@code trues} and {@code falses}. The flow's graph uses the
 * names to draw edges.
 *
 * <pre>{@code
 * var flow = new Dataflow("eg");
 * var parts = flow.input("inp", TestingSource.of(1, 2)).branch("even", x -> x % 2 == 0);
 * System.out.println(parts.downPorts().keySet());
 * // [trues, falses]
 * }</pre>
 */
public interface Outputs {

    /** The output ports, in a stable order, by name. */
    Map<String, Stream<?>> downPorts();

    /** An operator with no outputs, such as {@code output}. */
    static Outputs none() {
        return Map::of;
    }
}
