package dev.eddy.runtime;

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
        WallClock.using(options.clock(), () -> {
            loop();
            return null;
        });
    }

    private void loop() {
        List<Node> nodes = plan.wire();
        RuntimeException failure = null;
        try {
            drive(nodes);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Node node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void drive(List<Node> nodes) {
        WallClock clock = options.clock();
        Activation activation = new Activation();
        activation.epoch = 1;
        Instant epochStart = clock.now();
        while (!stopRequested.get() && !Thread.currentThread().isInterrupted()) {
            activation.now = clock.now();
            activation.progress = false;
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
            if (Duration.between(epochStart, activation.now).compareTo(options.epochInterval()) >= 0) {
                closeEpoch(nodes, activation.epoch);
                activation.epoch++;
                epochStart = activation.now;
            }
            if (!activation.progress) {
                rest(clock, nodes, activation.now);
            }
        }
    }

    private void closeEpoch(List<Node> nodes, long epoch) {
        SnapshotListener listener = options.snapshots();
        for (Node node : nodes) {
            if (listener == SnapshotListener.NONE) {
                if (node instanceof StatefulNode stateful) {
                    stateful.forgetTouched();
                }
            } else {
                node.snapshot(listener, epoch);
            }
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
        if (wake != null && !wake.isAfter(now)) {
            return;
        }
        Instant limit = now.plus(MAX_REST);
        boolean realClock = clock == WallClock.system();
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
