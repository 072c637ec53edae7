package dev.eddy.runtime;

import dev.eddy.dataflow.Dataflow;
import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A flow checked and ready to wire: its primitive steps in topological order, each input port
 * resolved to the step and port that produce it.
 */
final class Plan {

    /** Where a stream comes from: a step's index in {@link #steps} and the output port's index. */
    record Producer(int step, int port) {
    }

    final Dataflow flow;
    final List<Step> steps;
    /** Per step, the producers of its inputs, in port order. */
    final List<List<Producer>> inputs;

    private Plan(Dataflow flow, List<Step> steps, List<List<Producer>> inputs) {
        this.flow = flow;
        this.steps = steps;
        this.inputs = inputs;
    }

    static Plan of(Dataflow flow) {
        List<Step> steps = flow.primitiveSteps();
        if (steps.stream().noneMatch(s -> s.primitive() instanceof Primitive.Input)) {
            throw new IllegalArgumentException("flow '" + flow.flowId() + "' must have at least one input step;"
                    + " got none; add one with flow.input(\"inp\", source)");
        }
        if (steps.stream().noneMatch(s -> s.primitive() instanceof Primitive.Output
                || s.primitive() instanceof Primitive.InspectDebug)) {
            throw new IllegalArgumentException("flow '" + flow.flowId() + "' must have at least one output or"
                    + " inspect step; got none, so nothing it computes would be seen; add .output(...) or"
                    + " .inspect(...)");
        }
        Map<String, Producer> producers = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            int port = 0;
            for (List<String> streamIds : steps.get(i).downPorts().values()) {
                for (String streamId : streamIds) {
                    producers.put(streamId, new Producer(i, port));
                }
                port++;
            }
        }
        List<List<Producer>> inputs = new ArrayList<>();
        for (Step step : steps) {
            List<Producer> ins = new ArrayList<>();
            for (String streamId : step.upstreamIds()) {
                Producer producer = producers.get(streamId);
                if (producer == null) {
                    throw new IllegalArgumentException("step '" + step.id() + "' reads stream '" + streamId
                            + "', which no step of flow '" + flow.flowId() + "' produces");
                }
                ins.add(producer);
            }
            inputs.add(ins);
        }
        return new Plan(flow, steps, inputs);
    }

    /** Opens every source and sink and connects the nodes, each from its resume states when {@code recovery} has them. */
    List<Node> wire(RecoveryRun recovery) {
        return wire(recovery, null, 0);
    }

    /**
     * Wires worker {@code worker}'s copy of the plan: with a crew (several workers), each node opens only
     * the source and sink partitions this worker is primary for, takes only its own keys' resume states,
     * and every step that exchanges items gets its {@link Exchange}. {@code key_on} is fused when running
     * free (the exchange then calls the key function to route each raw item); in lockstep it is not, so
     * each item's key is computed once, as on one worker.
     */
    List<Node> wire(RecoveryRun recovery, Crew crew, int worker) {
        int workers = crew == null ? 1 : crew.size;
        List<Node> nodes = new ArrayList<>(steps.size());
        try {
            for (Step step : steps) {
                Map<Object, Object> resume = recovery == null ? Map.of()
                        : crew == null ? recovery.take(step.id()) : recovery.peek(step.id());
                Node node = node(step, resume, worker, workers);
                node.worker = worker;
                nodes.add(node);
            }
        } catch (Throwable e) {
            nodes.forEach(Worker::closeQuietly);
            throw e;
        }
        for (int i = 0; i < steps.size(); i++) {
            Node consumer = nodes.get(i);
            for (Producer producer : inputs.get(i)) {
                Node up = nodes.get(producer.step());
                consumer.ups.add(up);
                up.downs.get(producer.port()).add(consumer);
            }
        }
        if (crew == null || crew.free) {
            fuseKeyOn(nodes);
        }
        if (crew != null) {
            List<Exchange> exchanges = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i).exchanges()) {
                    nodes.get(i).exchange = new Exchange(crew, crew.point(i), worker);
                    exchanges.add(nodes.get(i).exchange);
                }
            }
            for (Exchange exchange : exchanges) {
                exchange.siblings = exchanges;
            }
        }
        return nodes;
    }

    /**
     * Lets a stateful step key its items itself when it is the only consumer of a {@code key_on} step that
     * runs just before it and feeds it alone, so no {@code KV} is made per item. Nothing else sees the keyed
     * items, the key function is called on the same items in the same order, and a failing key function
     * fails in the same activation with the same error.
     */
    private static void fuseKeyOn(List<Node> nodes) {
        for (int i = 0; i + 1 < nodes.size(); i++) {
            if (nodes.get(i) instanceof FlatMapBatchNode keyOn && keyOn.keyOnMapper() != null
                    && nodes.get(i + 1) instanceof StatefulNode stateful
                    && keyOn.downs.size() == 1 && keyOn.downs.get(0).size() == 1
                    && keyOn.downs.get(0).get(0) == stateful && stateful.ups.size() == 1) {
                keyOn.deferKeying();
                stateful.keyWith(keyOn.keyOnMapper());
            }
        }
    }

    private static Node node(Step step, Map<Object, Object> resume, int worker, int workers) {
        Primitive primitive = step.primitive();
        if (primitive instanceof Primitive.Input input) {
            return new InputNode(step, input.source(), resume, worker, workers);
        } else if (primitive instanceof Primitive.Output output) {
            return new OutputNode(step, output.sink(), resume, worker, workers);
        } else if (primitive instanceof Primitive.FlatMapBatch flatMapBatch) {
            return new FlatMapBatchNode(step, flatMapBatch, workers > 1);
        } else if (primitive instanceof Primitive.StatefulBatch statefulBatch) {
            return new StatefulNode(step, statefulBatch, workers == 1 ? resume : owned(step, resume, worker, workers));
        } else if (primitive instanceof Primitive.Branch branch) {
            return new BranchNode(step, branch);
        } else if (primitive instanceof Primitive.InspectDebug inspect) {
            return new InspectNode(step, inspect);
        } else if (primitive instanceof Primitive.Merge || primitive instanceof Primitive.Redistribute) {
            return new PassNode(step);
        }
        throw new IllegalArgumentException("step '" + step.id() + "' has a primitive this runtime doesn't know: "
                + primitive);
    }

    /** The resume states of the keys {@code worker} owns: a run with another worker count routes each anew. */
    private static Map<Object, Object> owned(Step step, Map<Object, Object> resume, int worker, int workers) {
        Map<Object, Object> mine = new HashMap<>();
        for (Map.Entry<Object, Object> e : resume.entrySet()) {
            if (StatefulNode.owner(step.id(), e.getKey(), workers, null) == worker) {
                mine.put(e.getKey(), e.getValue());
            }
        }
        return mine;
    }
}
