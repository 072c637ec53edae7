package dev.eddy.dataflow;

import dev.eddy.io.Source;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A dataflow: the description of a streaming computation, built step by step. Building runs nothing;
 * a runtime such as {@code Runner.runMain(flow)} executes it.
 *
 * <pre>{@code
 * var flow = new Dataflow("eg");
 * flow.input("inp", TestingSource.of(1, 2, 3)).map("square", x -> x * x).inspect("out");
 * Runner.runMain(flow);
 * // eg.out: 1
 * // eg.out: 4
 * // eg.out: 9
 * }</pre>
 */
public final class Dataflow {

    private final String flowId;
    private final Scope root;
    private final Deque<Scope> scopes = new ArrayDeque<>();

    /**
     * An empty flow.
     *
     * @param flowId the flow's id: not blank, no dots; it prefixes every step id
     */
    public Dataflow(String flowId) {
        checkId("flow id", flowId, null);
        this.flowId = flowId;
        this.root = new Scope(flowId);
        scopes.push(root);
    }

    /** The flow's id. */
    public String flowId() {
        return flowId;
    }

    /**
     * Adds an input step that reads {@code source}; the start of every flow.
     *
     * @param stepId unique within the flow, no dots
     */
    public <T> Stream<T> input(String stepId, Source<T> source) {
        Objects.requireNonNull(source, () -> "input step '" + qualify(stepId) + "': source can't be null");
        return addPrimitive(stepId, "input", List.of(), new Primitive.Input(source));
    }

    /**
     * Runs {@code body} as the inside of a composite operator: the steps it adds get ids nested under
     * {@code stepId}, and the graph shows one step with those as substeps. This is how every
     * non-primitive operator, windowing included, is built; use it for operators of your own.
     *
     * @param stepId the composite's id in the current scope
     * @param operator the operator's name, shown in the graph
     * @param ups the composite's input streams
     * @param body builds the inner steps and returns the composite's outputs
     */
    public <R extends Outputs> R composite(String stepId, String operator, List<? extends Stream<?>> ups,
                                           Supplier<R> body) {
        return composite(stepId, operator, defaultUpPort(ups), ups, body);
    }

    /**
     * Like {@link #composite(String, String, List, Supplier)}, naming the input port as the operator's
     * signature does: Bytewax names a variadic port after its parameter, such as {@code sides} for
     * {@code join}, and the graph shows edges as {@code down → sides}.
     *
     * @param upPort the name of the input port
     */
    public <R extends Outputs> R composite(String stepId, String operator, String upPort,
                                           List<? extends Stream<?>> ups, Supplier<R> body) {
        String qualified = qualify(stepId);
        Objects.requireNonNull(upPort, () -> operator + " step '" + qualified + "': upPort can't be null");
        Objects.requireNonNull(body, () -> operator + " step '" + qualified + "': body can't be null");
        checkUps(qualified, operator, ups);
        Scope parent = scopes.peek();
        parent.claim(stepId, operator);
        Scope inner = new Scope(qualified);
        scopes.push(inner);
        R out;
        try {
            out = body.get();
        } finally {
            scopes.pop();
        }
        Objects.requireNonNull(out, () -> operator + " step '" + qualified + "': body returned null");
        Map<String, List<String>> downs = new LinkedHashMap<>();
        out.downPorts().forEach((name, stream) -> downs.put(name, List.of(stream.id())));
        parent.steps.add(new Step(qualified, operator, upPorts(upPort, ups), Collections.unmodifiableMap(downs),
                List.copyOf(inner.steps), null));
        return out;
    }

    /**
     * Takes away the top-level output step {@code id} (qualified, such as {@code flow.out}), which no other step
     * can read, and frees its id: for a tool that adds an output for one run and leaves the flow as it found it
     * after, as the notebook's {@code Capture} does.
     *
     * @throws IllegalArgumentException when {@code id} names no top-level output step
     */
    public void removeOutput(String id) {
        for (int i = root.steps.size() - 1; i >= 0; i--) {
            Step step = root.steps.get(i);
            if (step.id().equals(id)) {
                if (!(step.primitive() instanceof Primitive.Output)) {
                    break;
                }
                root.steps.remove(i);
                root.ids.remove(step.localId());
                return;
            }
        }
        String what = root.steps.stream().filter(s -> s.id().equals(id)).map(Step::operator).findFirst()
                .orElse("no such step");
        throw new IllegalArgumentException("removeOutput must name a top-level output step of flow '" + flowId
                + "'; got '" + id + "' (" + what + ") instead");
    }

    /** The top-level steps, in the order they were added. */
    public List<Step> steps() {
        return List.copyOf(root.steps);
    }

    /** Every primitive step, depth first in the order added: what a runtime executes. */
    public List<Step> primitiveSteps() {
        List<Step> out = new ArrayList<>();
        collectPrimitives(root.steps, out);
        return out;
    }

    /** The qualified ids of the input steps. */
    public List<String> inputIds() {
        return primitiveSteps().stream().filter(s -> s.primitive() instanceof Primitive.Input).map(Step::id).toList();
    }

    /** The qualified ids of the output and inspect steps. */
    public List<String> outputIds() {
        return root.steps.stream().filter(s -> s.downPorts().isEmpty() || s.operator().startsWith("inspect"))
                .map(Step::id).toList();
    }

    @Override
    public String toString() {
        return "Dataflow(" + flowId + ": " + root.steps.size() + " steps, in " + inputIds() + ", out " + outputIds() + ")";
    }

    // Package-private plumbing for Stream and KeyedStream.

    <T> Stream<T> addPrimitive(String stepId, String operator, List<? extends Stream<?>> ups, Primitive primitive) {
        return addPrimitive(stepId, operator, defaultUpPort(ups), ups, primitive, List.of("down")).get(0).cast();
    }

    List<Stream<Object>> addPrimitive(String stepId, String operator, String upPort, List<? extends Stream<?>> ups,
                                      Primitive primitive, List<String> downNames) {
        String qualified = qualify(stepId);
        checkUps(qualified, operator, ups);
        Scope scope = scopes.peek();
        scope.claim(stepId, operator);
        Map<String, List<String>> downs = new LinkedHashMap<>();
        List<Stream<Object>> streams = new ArrayList<>();
        for (String name : downNames) {
            String streamId = qualified + "." + name;
            downs.put(name, List.of(streamId));
            streams.add(new Stream<>(this, streamId));
        }
        scope.steps.add(new Step(qualified, operator, upPorts(upPort, ups), Collections.unmodifiableMap(downs), List.of(),
                primitive));
        return streams;
    }

    /** The qualified id a step named {@code stepId} gets when added now, such as {@code flow.op.step}. */
    public String qualify(String stepId) {
        return scopes.peek().prefix + "." + stepId;
    }

    private static String defaultUpPort(List<? extends Stream<?>> ups) {
        return ups != null && ups.size() > 1 ? "ups" : "up";
    }

    private static Map<String, List<String>> upPorts(String name, List<? extends Stream<?>> ups) {
        if (ups.isEmpty()) {
            return Map.of();
        }
        return Map.of(name, ups.stream().map(Stream::id).toList());
    }

    private void checkUps(String qualified, String operator, List<? extends Stream<?>> ups) {
        Objects.requireNonNull(ups, () -> operator + " step '" + qualified + "': upstreams can't be null");
        for (Stream<?> up : ups) {
            Objects.requireNonNull(up, () -> operator + " step '" + qualified + "': upstream can't be null");
            if (up.flow() != this) {
                throw new IllegalArgumentException(operator + " step '" + qualified + "' must take streams of flow '"
                        + flowId + "'; got stream '" + up.id() + "' of flow '" + up.flow().flowId
                        + "' instead; build each flow from its own input steps");
            }
        }
    }

    private static void collectPrimitives(List<Step> steps, List<Step> out) {
        for (Step step : steps) {
            if (step.isPrimitive()) {
                out.add(step);
            } else {
                collectPrimitives(step.substeps(), out);
            }
        }
    }

    static void checkId(String what, String id, String where) {
        String context = where == null ? "" : " in " + where;
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(what + context + " must be a non-blank string; got "
                    + (id == null ? "null" : "\"" + id + "\"") + " instead");
        }
        if (id.contains(".")) {
            throw new IllegalArgumentException(what + " '" + id + "'" + context
                    + " must not contain a dot; got \"" + id + "\" instead; dots separate nested step ids,"
                    + " try '" + id.replace('.', '_') + "'");
        }
    }

    /** The steps being added at one nesting level, and the ids already used there. */
    private static final class Scope {
        final String prefix;
        final List<Step> steps = new ArrayList<>();
        final Set<String> ids = new HashSet<>();

        Scope(String prefix) {
            this.prefix = prefix;
        }

        void claim(String stepId, String operator) {
            checkId(operator + " step id", stepId, "'" + prefix + "'");
            if (!ids.add(stepId)) {
                throw new IllegalArgumentException("step '" + prefix + "." + stepId
                        + "' already exists; do you have two steps with the same id? In a notebook, re-running a"
                        + " cell adds its steps again: re-run the cell that makes the Dataflow (new Dataflow(\""
                        + prefix.split("\\.", 2)[0] + "\")) first, then the cells that add steps to it");
            }
        }
    }
}
