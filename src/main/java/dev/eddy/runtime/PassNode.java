package dev.eddy.runtime;

import dev.eddy.dataflow.Primitive;
import dev.eddy.dataflow.Step;

/**
 * {@code merge} and {@code redistribute}: both pass items on in arrival order. With several workers,
 * {@code redistribute} first deals items round-robin over the workers, each worker starting with itself
 * then the next, so a source read by one worker is spread over all.
 */
final class PassNode extends Node {

    private final boolean spreads;
    private int next = -1;

    PassNode(Step step) {
        super(step);
        this.spreads = step.primitive() instanceof Primitive.Redistribute;
    }

    @Override
    void activate(Activation activation) {
        passOn(drain());
        done = upsDone();
    }

    @Override
    boolean exchanges() {
        return spreads;
    }

    @Override
    int route(Object item, int workers, int self) {
        next = next < 0 ? self : (next + 1) % workers;
        return next;
    }
}
