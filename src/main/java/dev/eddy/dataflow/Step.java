package dev.eddy.dataflow;

import java.util.List;
import java.util.Map;

/**
 * One node of a flow's graph: a primitive, or a composite operator with the steps it is made of.
 * Ports map a port name to the ids of the streams on it; a stream's id is the id of the primitive
 * port that produces it, such as {@code eg.double.flat_map_batch.down}.
 *
 * <pre>{@code
 * var flow = new Dataflow("eg");
 * flow.input("inp", TestingSource.of(1)).filter("odd", x -> x % 2 == 1).inspect("out");
 * var filter = flow.steps().get(1);
 * System.out.println(filter.id() + " " + filter.operator() + " " + filter.substeps().size());
 * // eg.odd filter 1
 * }</pre>
 *
 * @param id the qualified id, {@code flow_id.outer.inner}
 * @param operator the operator's name in Bytewax's spelling, such as {@code flat_map}
 * @param upPorts the input ports, in order
 * @param downPorts the output ports, in order
 * @param substeps the steps a composite is made of; empty for a primitive
 * @param primitive what a runtime executes, or {@code null} for a composite
 */
public record Step(String id, String operator, Map<String, List<String>> upPorts,
                   Map<String, List<String>> downPorts, List<Step> substeps, Primitive primitive)
        implements java.io.Serializable {

    /** Whether a runtime executes this step itself. */
    public boolean isPrimitive() {
        return primitive != null;
    }

    /** The step id within its scope: the last part of {@link #id()}. */
    public String localId() {
        return id.substring(id.lastIndexOf('.') + 1);
    }

    /** The stream ids of every input port. */
    public List<String> upstreamIds() {
        return upPorts.values().stream().flatMap(List::stream).toList();
    }

    /** The stream ids of every output port. */
    public List<String> downstreamIds() {
        return downPorts.values().stream().flatMap(List::stream).toList();
    }
}
