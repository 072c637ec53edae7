package dev.eddy.runtime;

import dev.eddy.dataflow.StepException;
import dev.eddy.io.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The activation loop of one worker: run every node in topological order, repeat until every node is
 * done, a source aborts, a step fails, or a stop is asked for; rest while nothing is due.
 *
 * <p>An interrupt of the worker's thread is a stop: the loop ends at the next activation, and the flag is
 * cleared before each node runs and while the nodes close, so that an interruptible channel a sink writes
 * to is not closed under it, then set again when the run ends. When a step fails, the rest of that
 * activation still runs, input steps aside: what the steps before it emitted, and what the failing step
 * emitted for the items before the failing one, reaches the sinks. Every node is closed in every case.
 */
final class Worker {

    /** The longest a real-clock rest lasts before checking for a stop again. */
    private static final Duration MAX_REST = Duration.ofMillis(50);

    private final Plan plan;
    private final RunOptions options;
    private final AtomicBoolean stopRequested;
    /** The run's recovery store and resume states, or {@code null} when the run has no recovery. */
    private final RecoveryRun recovery;
    /** Whether the thread was interrupted during the run; the flag is set again once every node is closed. */
    private boolean interrupted;

    Worker(Plan plan, RunOptions options, AtomicBoolean stopRequested, RecoveryRun recovery) {
        this.plan = plan;
        this.options = options;
        this.stopRequested = stopRequested;
        this.recovery = recovery;
    }

    /** Whether the worker's thread was interrupted during the run, which then stopped. */
    boolean wasInterrupted() {
        return interrupted;
    }

    void run() {
        RunClock clock = new RunClock(options.clock());
        try {
            WallClock.using(clock, () -> {
                loop(clock);
                return null;
            });
        } finally {
            noteInterrupt();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop(RunClock runClock) {
        List<Node> nodes = plan.wire(recovery);
        boolean snapshotting = recovery != null || options.snapshots() != SnapshotListener.NONE;
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
            noteInterrupt();
            try {
                node.close();
            } catch (Throwable e) {
                RuntimeException named = e instanceof StepException step ? step : StepException.withMessage(
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

    /** Clears the thread's interrupt flag, remembering it as a stop. */
    private void noteInterrupt() {
        if (Thread.interrupted()) {
            interrupted = true;
            stopRequested.set(true);
        }
    }

    private void drive(List<Node> nodes, RunClock runClock) {
        WallClock clock = options.clock();
        Activation activation = new Activation();
        activation.clock = runClock;
        // A resumed run goes on with the epoch after the last one its store holds whole.
        activation.epoch = recovery == null ? 1 : recovery.resumeFrom.epoch();
        Instant epochEnd = WallClock.plusOrNever(clock.now(), options.epochInterval());
        while (true) {
            noteInterrupt();
            if (stopRequested.get()) {
                return;
            }
            activation.now = clock.now();
            activation.progress = false;
            // As Bytewax's inputs do, items read once the interval has passed belong to the next epoch.
            if (!activation.now.isBefore(epochEnd)) {
                closeEpoch(nodes, activation.epoch);
                activation.epoch++;
                epochEnd = WallClock.plusOrNever(activation.now, options.epochInterval());
            }
            for (int i = 0, n = nodes.size(); i < n; i++) {
                Node node = nodes.get(i);
                noteInterrupt();
                try {
                    node.activate(activation);
                } catch (Throwable e) {
                    RuntimeException failure = named(node, e);
                    finishActivation(nodes, i + 1, activation, failure);
                    throw failure;
                }
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

    /**
     * Runs the nodes after a failed one, input steps aside, so what reached their inboxes this activation
     * goes on to the sinks; their own failures are added to {@code failure}.
     */
    private void finishActivation(List<Node> nodes, int from, Activation activation, RuntimeException failure) {
        for (int i = from, n = nodes.size(); i < n; i++) {
            Node node = nodes.get(i);
            if (node instanceof InputNode) {
                continue;
            }
            noteInterrupt();
            try {
                node.activate(activation);
            } catch (Throwable e) {
                failure.addSuppressed(named(node, e));
            }
        }
    }

    /** A failure that names its step: a {@link StepException} as it is, anything else wrapped. */
    private static RuntimeException named(Node node, Throwable e) {
        return e instanceof StepException step ? step
                : StepException.withMessage("step '" + node.id() + "' failed: " + e, node.id(), null, e);
    }

    /**
     * Takes every node's snapshot at an epoch's close and, with recovery, stores them with the frontier in
     * one call. Only a finished epoch gets here (after a whole activation, or at end of input): an abort, a
     * stop or a failure leaves the epoch under way unwritten, as a crash would, and a resume replays it.
     */
    private void closeEpoch(List<Node> nodes, long epoch) {
        SnapshotListener listener = options.snapshots();
        if (recovery == null && listener == SnapshotListener.NONE) {
            return;
        }
        SnapshotListener target = recovery == null ? listener : recovery.collector(listener);
        for (Node node : nodes) {
            try {
                node.snapshot(target, epoch);
            } catch (Throwable e) {
                if (recovery != null) {
                    recovery.dropEpoch();
                }
                if (e instanceof StepException step) {
                    throw step;
                }
                throw StepException.withMessage("step '" + node.id() + "' failed taking its snapshot at the close of"
                        + " epoch " + epoch + ": " + e, node.id(), null, e);
            }
        }
        if (recovery != null) {
            recovery.writeEpoch(epoch);
        }
    }

    private void rest(WallClock clock, List<Node> nodes, Instant now) {
        Instant wake = null;
        for (Node node : nodes) {
            Instant next = node.nextWake();
            // Instant.MAX, the end of time, is never: a virtual clock must not jump there.
            if (next != null && !next.equals(Instant.MAX) && (wake == null || next.isBefore(wake))) {
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
            wake = WallClock.plusOrNever(now, Duration.ofMillis(1));
        }
        Instant limit = WallClock.plusOrNever(now, MAX_REST);
        Instant until = wake == null ? limit : (realClock && wake.isAfter(limit) ? limit : wake);
        if (wake == null && !realClock) {
            // Nothing will ever be due and virtual time moves only when we move it: a source that
            // never ends and never names a wake-up time. Let a millisecond pass, as a cooldown would.
            until = WallClock.plusOrNever(now, Duration.ofMillis(1));
        }
        try {
            clock.sleepUntil(until);
        } catch (InterruptedException e) {
            interrupted = true;
            stopRequested.set(true);
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
        } catch (Throwable ignored) {
            // Opening another node failed; that failure is the one to report.
        }
    }
}
