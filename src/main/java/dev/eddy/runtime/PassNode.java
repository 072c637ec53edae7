package dev.eddy.runtime;

import dev.eddy.dataflow.Step;
import java.util.List;

/** {@code merge} and {@code redistribute}: on one worker both pass items on in arrival order. */
final class PassNode extends Node {

    PassNode(Step step) {
        super(step);
    }

    @Override
    void activate(Activation activation) {
        passOn(drain());
        done = upsDone();
    }
}
