package dev.eddy.dataflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Draws a flow's graph as Bytewax's {@code bytewax.visualize} does: Mermaid text of the top-level steps
 * ({@code to_mermaid}) and JSON of every step, nested ({@code to_json}). Each port is resolved to the
 * port that feeds it at the same nesting level, so edges connect the steps a reader sees.
 *
 * <pre>{@code
 * var flow = new Dataflow("test_df");
 * flow.input("inp", TestingSource.of(1, 2, 3)).map("add_one", x -> x + 1).output("out", new TestingSink<>(new ArrayList<>()));
 * System.out.println(FlowGraph.toMermaid(flow));
 * // flowchart TD
 * // subgraph "test_df (Dataflow)"
 * // test_df.inp["inp (input)"]
 * // test_df.add_one["add_one (map)"]
 * // test_df.inp -- "down → up" --> test_df.add_one
 * // test_df.out["out (output)"]
 * // test_df.add_one -- "down → up" --> test_df.out
 * // end
 * }</pre>
 */
public final class FlowGraph {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FlowGraph() {
    }

    /** A port with the ports (and streams) that feed it. */
    record Port(String name, String id, List<String> fromPortIds, List<String> fromStreamIds) {
    }

    /** A step with its ports resolved and its substeps rendered. */
    record Node(String operator, String name, String id, List<Port> inPorts, List<Port> outPorts,
                List<Node> substeps) {
    }

    /**
     * Mermaid flowchart text of the flow's top-level steps, line for line as Bytewax's {@code to_mermaid}:
     * one node per step labelled {@code "<step> (<operator>)"}, one edge per input labelled
     * {@code "<from port> → <to port>"}.
     */
    public static String toMermaid(Dataflow flow) {
        Objects.requireNonNull(flow, "flow can't be null");
        List<Node> steps = render(flow);
        Map<String, Port> portsById = new HashMap<>();
        Map<String, Node> stepsByPortId = new HashMap<>();
        for (Node step : steps) {
            for (List<Port> ports : List.of(step.inPorts(), step.outPorts())) {
                for (Port port : ports) {
                    portsById.put(port.id(), port);
                    stepsByPortId.put(port.id(), step);
                }
            }
        }
        StringBuilder out = new StringBuilder("flowchart TD\n");
        out.append("subgraph \"").append(flow.flowId()).append(" (Dataflow)\"\n");
        for (Node step : steps) {
            out.append(step.id()).append("[\"").append(step.name()).append(" (").append(step.operator())
                    .append(")\"]\n");
            for (Port port : step.inPorts()) {
                for (String from : port.fromPortIds()) {
                    Node fromStep = stepsByPortId.get(from);
                    if (fromStep != null) {
                        out.append(fromStep.id()).append(" -- \"").append(portsById.get(from).name())
                                .append(" → ").append(port.name()).append("\" --> ").append(step.id()).append('\n');
                    }
                }
            }
        }
        return out.append("end").toString();
    }

    /**
     * JSON of every step, substeps nested, in the shape and layout of Bytewax's {@code to_json}:
     * {@code RenderedDataflow}, {@code RenderedOperator} and {@code RenderedPort} objects, two-space indent.
     */
    public static String toJson(Dataflow flow) {
        Objects.requireNonNull(flow, "flow can't be null");
        ObjectNode root = JSON.createObjectNode();
        root.put("typ", "RenderedDataflow");
        root.put("flow_id", flow.flowId());
        ArrayNode substeps = root.putArray("substeps");
        render(flow).forEach(step -> substeps.add(json(step)));
        // Python's json.dumps(indent=2): "key": value, empty containers as [] and {}, "\n" line ends.
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        try {
            return JSON.writer(printer).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The top-level steps, rendered. */
    static List<Node> render(Dataflow flow) {
        Origins origins = new Origins(null);
        List<Node> out = new ArrayList<>();
        for (Step step : flow.steps()) {
            out.add(render(step, origins));
        }
        return out;
    }

    private static Node render(Step step, Origins origins) {
        List<Port> inPorts = new ArrayList<>();
        step.upPorts().forEach((name, streams) -> inPorts.add(new Port(name, step.id() + "." + name,
                streams.stream().map(origins::portOf).toList(), List.copyOf(streams))));
        step.downPorts().forEach((name, streams) -> streams.forEach(s -> origins.put(s, step.id() + "." + name)));
        // Inside the step, its inputs appear to come from its own input ports.
        Origins inner = new Origins(origins);
        step.upPorts().forEach((name, streams) -> streams.forEach(s -> inner.put(s, step.id() + "." + name)));
        List<Node> substeps = new ArrayList<>();
        for (Step substep : step.substeps()) {
            substeps.add(render(substep, inner));
        }
        boolean composite = !substeps.isEmpty();
        List<Port> outPorts = new ArrayList<>();
        step.downPorts().forEach((name, streams) -> outPorts.add(new Port(name, step.id() + "." + name,
                composite ? streams.stream().map(inner::portOf).toList() : List.of(),
                composite ? List.copyOf(streams) : List.of())));
        return new Node(step.operator(), step.localId(), step.id(), inPorts, outPorts, substeps);
    }

    private static ObjectNode json(Node step) {
        ObjectNode node = JSON.createObjectNode();
        node.put("typ", "RenderedOperator");
        node.put("op_type", step.operator());
        node.put("step_name", step.name());
        node.put("step_id", step.id());
        ArrayNode in = node.putArray("inp_ports");
        step.inPorts().forEach(p -> in.add(json(p)));
        ArrayNode out = node.putArray("out_ports");
        step.outPorts().forEach(p -> out.add(json(p)));
        ArrayNode substeps = node.putArray("substeps");
        step.substeps().forEach(s -> substeps.add(json(s)));
        return node;
    }

    private static ObjectNode json(Port port) {
        ObjectNode node = JSON.createObjectNode();
        node.put("typ", "RenderedPort");
        node.put("port_name", port.name());
        node.put("port_id", port.id());
        ArrayNode fromPorts = node.putArray("from_port_ids");
        port.fromPortIds().forEach(fromPorts::add);
        ArrayNode fromStreams = node.putArray("from_stream_ids");
        port.fromStreamIds().forEach(fromStreams::add);
        return node;
    }

    /** Which port a stream appears to come from, per nesting level; inner levels shadow outer ones. */
    private static final class Origins {
        private final Origins parent;
        private final Map<String, String> ports = new HashMap<>();

        Origins(Origins parent) {
            this.parent = parent;
        }

        void put(String streamId, String portId) {
            ports.put(streamId, portId);
        }

        String portOf(String streamId) {
            for (Origins level = this; level != null; level = level.parent) {
                String port = level.ports.get(streamId);
                if (port != null) {
                    return port;
                }
            }
            return streamId;
        }
    }
}
