package dev.eddy.runtime;

import dev.eddy.dataflow.StepException;
import dev.eddy.io.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The activation loop of one worker: run every node in topological order, repeat until every node is
 * done, a source aborts, or a stop is asked for; rest while nothing is due.
 */
final class Worker {

    /** The longest a real-clock rest lasts before checking for a stop again. */
    private static final Duration MAX_REST = Duration.ofMillis(50);

    private final Plan plan;
    private final RunOptions options;
    private final AtomicBoolean stopRequested;

    Worker(Plan plan, RunOptions options, AtomicBoolean stopRequested) {
        this.plan = plan;
        this.options = options;
        this.stopRequested = stopRequested;
    }

    void run() {
        RunClock clock = new RunClock(options.clock());
        WallClock.using(clock, () -> {
            loop(clock);
            return null;
        });
    }

    private void loop(RunClock runClock) {
        List<Node> nodes = plan.wire();
        boolean snapshotting = options.snapshots() != SnapshotListener.NONE;
        for (Node node : nodes) {
            if (node instanceof StatefulNode stateful) {
                stateful.trackTouchedKeys(snapshotting);
            }
        }
        RuntimeException failure = null;
        try {
            drive(nodes, runClock);
        } catch (RuntimeException e) {
            failure = e;
        }
        // Close every node, sinks included, even after a failure: what was written stays written.
        for (Node node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                RuntimeException named = e instanceof StepException ? e : StepException.withMessage(
                        "step '" + node.id() + "' failed while closing: " + e, node.id(), null, e);
                if (failure == null) {
                    failure = named;
                } else {
                    failure.addSuppressed(named);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void drive(List<Node> nodes, RunClock runClock) {
        WallClock clock = options.clock();
        Activation activation = new Activation();
        activation.clock = runClock;
        activation.epoch = 1;
        Instant epochEnd = clock.now().plus(options.epochInterval());
        while (!stopRequested.get() && !Thread.currentThread().isInterrupted()) {
            activation.now = clock.now();
            activation.progress = false;
            // As Bytewax's inputs do, items read once the interval has passed belong to the next epoch.
            if (!activation.now.isBefore(epochEnd)) {
                closeEpoch(nodes, activation.epoch);
                activation.epoch++;
                epochEnd = activation.now.plus(options.epochInterval());
            }
            for (Node node : nodes) {
                node.activate(activation);
                if (activation.aborted) {
                    return;
                }
            }
            if (allDone(nodes)) {
                closeEpoch(nodes, activation.epoch);
                return;
            }
            if (!activation.progress) {
                rest(clock, nodes, activation.now);
            }
        }
    }

    private void closeEpoch(List<Node> nodes, long epoch) {
        SnapshotListener listener = options.snapshots();
        if (listener == SnapshotListener.NONE) {
            return;
        }
        for (Node node : nodes) {
            node.snapshot(listener, epoch);
        }
    }

    private void rest(WallClock clock, List<Node> nodes, Instant now) {
        Instant wake = null;
        for (Node node : nodes) {
            Instant next = node.nextWake();
            if (next != null && (wake == null || next.isBefore(wake))) {
                wake = next;
            }
        }
        boolean realClock = clock == WallClock.system();
        if (wake != null && !wake.isAfter(now)) {
            if (realClock) {
                return;
            }
            // Something is due but nothing moved: virtual time moves only while we rest, so let a
            // millisecond pass, as real time would between two busy steps.
            wake = now.plusMillis(1);
        }
        Instant limit = now.plus(MAX_REST);
        Instant until = wake == null ? limit : (realClock && wake.isAfter(limit) ? limit : wake);
        if (wake == null && !realClock) {
            // Nothing will ever be due and virtual time moves only when we move it: a source that
            // never ends and never names a wake-up time. Let a millisecond pass, as a cooldown would.
            until = now.plusMillis(1);
        }
        try {
            clock.sleepUntil(until);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean allDone(List<Node> nodes) {
        for (Node node : nodes) {
            if (!node.done) {
                return false;
            }
        }
        return true;
    }

    static void closeQuietly(Node node) {
        try {
            node.close();
        } catch (RuntimeException ignored) {
            // Opening another node failed; that failure is the one to report.
        }
    }
}
