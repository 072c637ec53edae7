package dev.eddy.runtime;

import dev.eddy.dataflow.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One primitive step, wired for execution. Each activation the worker calls {@link #activate} on every
 * node in topological order; a node takes everything that arrived in its inbox and pushes its outputs
 * into the inboxes of the nodes downstream, so every step sees a whole batch at once.
 */
abstract class Node {

    final Step step;
    final List<Node> ups = new ArrayList<>();
    /** Per output port, the nodes that consume it. */
    final List<List<Node>> downs = new ArrayList<>();
    private ArrayList<Object> inbox = new ArrayList<>();
    /** An emptied inbox handed back by {@link #recycle}, reused by the next {@link #drain}. */
    private ArrayList<Object> spare;
    /** What a step emits for several consumers (or none) before {@link #sendOutbox} copies it. */
    private ArrayList<Object> outbox;
    boolean done;
    /** With several workers, the exchange that deals this step's items to their workers first; else {@code null}. */
    Exchange exchange;
    /** The worker running this node, from 0. */
    int worker;

    Node(Step step) {
        this.step = step;
        for (int i = 0; i < step.downPorts().size(); i++) {
            downs.add(new ArrayList<>());
        }
    }

    String id() {
        return step.id();
    }

    /** Processes what arrived; sets {@link #done} once every upstream is done and all is processed. */
    abstract void activate(Activation activation);

    /** The earliest system time at which this node has work without new input, or {@code null}. */
    Instant nextWake() {
        return null;
    }

    /** Reports the node's state at an epoch's close. */
    void snapshot(SnapshotListener listener, long epoch) {
    }

    /**
     * Whether, with several workers, this step's items must first go to the worker that owns them: their
     * key's, their sink partition's, or any, to spread them.
     */
    boolean exchanges() {
        return false;
    }

    /**
     * The worker, from 0 to {@code workers - 1}, that {@code item} goes to before this step runs. A step that
     * does not {@linkplain #exchanges() exchange} keep every item where it is; an item an exchanging step will refuse stays with
     * {@code self}, which then fails naming it.
     */
    int route(Object item, int workers, int self) {
        return self;
    }

    /** Releases sources and flushes sinks; called once, whether the run ended well or not. */
    void close() {
    }

    /**
     * Whether every upstream has ended and all it sent has arrived: on every worker, for a step whose
     * items are exchanged between workers.
     */
    final boolean upsDone() {
        return exchange != null ? exchange.allUpsDone : localUpsDone();
    }

    /** Whether this worker's upstreams have ended. */
    final boolean localUpsDone() {
        for (Node up : ups) {
            if (!up.done) {
                return false;
            }
        }
        return true;
    }

    /** Everything that arrived since the last call; the node owns the returned list. */
    final List<Object> drain() {
        if (inbox.isEmpty()) {
            return List.of();
        }
        ArrayList<Object> items = inbox;
        if (spare != null) {
            inbox = spare;
            spare = null;
        } else {
            inbox = new ArrayList<>(Math.max(16, items.size()));
        }
        return items;
    }

    /**
     * Hands back a list from {@link #drain} once nothing refers to it any more, so the next activation
     * reuses it. Only nodes that never pass the list itself to user code (a mapper, a sink) may do so.
     */
    final void recycle(List<Object> drained) {
        if (drained instanceof ArrayList<Object> list && list != inbox) {
            list.clear();
            spare = list;
        }
    }

    /**
     * Passes a list from {@link #drain} on unchanged: to a single consumer whose inbox is empty it is handed
     * over as that inbox, without a copy; otherwise copied as {@link #emitAll} does, then recycled. Only for
     * a node that passes its items through and keeps no reference to the list.
     */
    final void passOn(List<Object> drained) {
        List<Node> consumers = downs.get(0);
        if (consumers.size() == 1 && drained instanceof ArrayList<Object> list && list != inbox) {
            Node next = consumers.get(0);
            if (next.inbox.isEmpty()) {
                ArrayList<Object> empty = next.inbox;
                next.inbox = list;
                if (spare == null) {
                    spare = empty;
                }
                return;
            }
        }
        emitAll(0, drained);
        recycle(drained);
    }

    final void receive(Object item) {
        inbox.add(item);
    }

    final void receiveAll(List<?> items) {
        inbox.addAll(items);
    }

    /**
     * Where a step appends what it emits on {@code port}: the inbox of its single consumer, so nothing is
     * copied, or else a list that {@link #sendOutbox} copies to every consumer.
     */
    final List<Object> outbox(int port) {
        List<Node> consumers = downs.get(port);
        if (consumers.size() == 1) {
            return consumers.get(0).inbox;
        }
        if (outbox == null) {
            outbox = new ArrayList<>();
        }
        return outbox;
    }

    /** Delivers what was appended to {@link #outbox}, if it was not already a consumer's inbox. */
    final void sendOutbox(int port) {
        if (downs.get(port).size() != 1 && outbox != null) {
            emitAll(port, outbox);
            outbox.clear();
        }
    }

    final void emit(int port, Object item) {
        List<Node> consumers = downs.get(port);
        for (int i = 0, n = consumers.size(); i < n; i++) {
            consumers.get(i).receive(item);
        }
    }

    final void emitAll(int port, List<?> items) {
        if (items.isEmpty()) {
            return;
        }
        List<Node> consumers = downs.get(port);
        for (int i = 0, n = consumers.size(); i < n; i++) {
            consumers.get(i).receiveAll(items);
        }
    }
}
