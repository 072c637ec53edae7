package dev.eddy.dataflow;

import dev.eddy.runtime.RunOptions;
import dev.eddy.runtime.Runner;
import dev.eddy.testing.TestingClock;
import dev.eddy.testing.TestingSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Shared setup for operator tests: run a flow and collect what reaches a stream's end. */
final class Flows {

    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private Flows() {
    }

    /** Adds an output to {@code stream}, runs its flow on a testing clock at {@link #T0}, returns the items. */
    static <T> List<T> run(Stream<T> stream) {
        return run(stream, TestingClock.at(T0));
    }

    static <T> List<T> run(Stream<T> stream, TestingClock clock) {
        List<T> out = new ArrayList<>();
        stream.output("collected", new TestingSink<>(out));
        Runner.runMain(stream.flow(), RunOptions.defaults().withClock(clock));
        return out;
    }
}
