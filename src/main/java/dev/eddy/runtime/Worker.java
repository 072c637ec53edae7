package dev.eddy.runtime;

import dev.eddy.dataflow.StepException;
import dev.eddy.io.WallClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

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
    /** The run's workers when there are several, else {@code null}. */
    private final Crew crew;
    /** This worker's index, from 0. */
    private final int index;
    /** Whether the thread was interrupted during the run; the flag is set again once every node is closed. */
    private boolean interrupted;

    /** The one worker of a run. */
    Worker(Plan plan, RunOptions options, AtomicBoolean stopRequested, RecoveryRun recovery) {
        this(plan, options, stopRequested, recovery, null, 0);
    }

    /** Worker {@code index} of {@code crew}, or the one worker when {@code crew} is {@code null}. */
    Worker(Plan plan, RunOptions options, AtomicBoolean stopRequested, RecoveryRun recovery, Crew crew, int index) {
        this.plan = plan;
        this.options = options;
        this.stopRequested = stopRequested;
        this.recovery = recovery;
        this.crew = crew;
        this.index = index;
    }

    /** Whether the worker's thread was interrupted during the run, which then stopped. */
    boolean wasInterrupted() {
        return interrupted;
    }

    void run() {
        RunClock clock = new RunClock(options.clock());
        try {
            WallClock.using(clock, () -> {
                if (crew == null) {
                    loop(clock);
                } else {
                    crewLoop(clock);
                }
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
        trackTouchedKeys(nodes);
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

    private void trackTouchedKeys(List<Node> nodes) {
        boolean snapshotting = recovery != null || options.snapshots() != SnapshotListener.NONE;
        for (Node node : nodes) {
            if (node instanceof StatefulNode stateful) {
                stateful.trackTouchedKeys(snapshotting);
            }
        }
    }

    /**
     * One of several workers: wires its copy of the plan, drives it in step with the others, and closes
     * every node whatever happens. Failures go to the crew, which names the worker; none is thrown here.
     */
    private void crewLoop(RunClock runClock) {
        List<Node> nodes = List.of();
        crew.register(index, Thread.currentThread());
        try {
            nodes = plan.wire(recovery, crew, index);
            trackTouchedKeys(nodes);
        } catch (Throwable e) {
            crew.fail(index, e);
        }
        try {
            crew.await(null);
            if (index == 0 && recovery != null) {
                // Every worker took its own resume states.
                recovery.release();
            }
            if (crew.failed()) {
                // Wiring failed on some worker; its failure is the run's.
            } else if (crew.free) {
                driveFree(nodes, runClock);
            } else {
                driveCrew(nodes, runClock);
            }
        } catch (Crew.Broken e) {
            // Another worker died outside the protocol; its failure is the run's.
        } catch (Throwable e) {
            crew.fail(index, e);
            crew.breakAll();
        }
        for (Node node : nodes) {
            noteInterrupt();
            try {
                node.close();
            } catch (Throwable e) {
                crew.fail(index, e instanceof StepException step ? step : StepException.withMessage(
                        "step '" + node.id() + "' failed while closing: " + e, node.id(), null, e));
            }
        }
    }

    /**
     * {@link #drive} in step with the other workers (see {@link Crew}). A failing step is recorded and the
     * rest of the activation runs, input steps aside, as on one worker; then every worker stops. An abort
     * skips the rest of this worker's activation (it still meets the others) and then stops every worker.
     */
    private void driveCrew(List<Node> nodes, RunClock runClock) {
        Activation activation = new Activation();
        activation.clock = runClock;
        while (true) {
            noteInterrupt();
            crew.await(crew::begin);
            if (crew.stop) {
                return;
            }
            if (crew.closing > 0 && !closeCrewEpoch(nodes, crew.closing)) {
                return;
            }
            activation.now = crew.now;
            activation.epoch = crew.epoch;
            activation.progress = false;
            activation.aborted = false;
            boolean failed = false;
            for (int i = 0, n = nodes.size(); i < n; i++) {
                Node node = nodes.get(i);
                noteInterrupt();
                if (node.exchange != null) {
                    try {
                        node.exchange.swap(node, !activation.aborted);
                    } catch (Crew.Broken e) {
                        throw e;
                    } catch (Throwable e) {
                        failed = true;
                        crew.fail(index, named(node, e));
                    }
                }
                if (activation.aborted || (failed && node instanceof InputNode)) {
                    continue;
                }
                try {
                    node.activate(activation);
                } catch (Throwable e) {
                    failed = true;
                    crew.fail(index, named(node, e));
                }
            }
            crew.report(index, allDone(nodes), activation.progress, activation.aborted, nextWake(nodes));
            crew.await(crew::end);
            if (crew.failed() || crew.anyAborted) {
                return;
            }
            if (crew.allDone) {
                closeCrewEpoch(nodes, activation.epoch);
                return;
            }
        }
    }

    /**
     * {@link #drive} at this worker's own pace (see {@link Crew#runsFree}): items reach other workers
     * through the exchanges' channels, and a worker with nothing to do rests until a channel brings it
     * something, a wake-up time comes or a stop. Its epochs follow its own clock, as each Bytewax worker's
     * inputs do; nothing is snapshotted. A failing step is recorded and the rest of the activation runs,
     * input steps aside, as on one worker; a failure or an abort on any worker halts every worker at its
     * next activation.
     */
    private void driveFree(List<Node> nodes, RunClock runClock) {
        WallClock clock = options.clock();
        Activation activation = new Activation();
        activation.clock = runClock;
        activation.epoch = crew.epoch;
        Instant epochEnd = WallClock.plusOrNever(clock.now(), options.epochInterval());
        while (true) {
            noteInterrupt();
            if (crew.halted()) {
                return;
            }
            activation.now = clock.now();
            activation.progress = false;
            if (!activation.now.isBefore(epochEnd)) {
                activation.epoch++;
                epochEnd = WallClock.plusOrNever(activation.now, options.epochInterval());
            }
            boolean failed = false;
            for (int i = 0, n = nodes.size(); i < n; i++) {
                Node node = nodes.get(i);
                noteInterrupt();
                if (node.exchange != null) {
                    try {
                        node.exchange.pass(node, true);
                    } catch (Crew.Broken e) {
                        throw e;
                    } catch (Throwable e) {
                        failed = true;
                        crew.fail(index, named(node, e));
                    }
                    activation.progress |= node.exchange.received;
                }
                if (failed && node instanceof InputNode) {
                    continue;
                }
                try {
                    node.activate(activation);
                } catch (Throwable e) {
                    failed = true;
                    crew.fail(index, named(node, e));
                }
                if (activation.aborted) {
                    crew.halt();
                    return;
                }
            }
            if (failed || allDone(nodes)) {
                return;
            }
            if (!activation.progress) {
                restFree(clock, nextWake(nodes), activation.now);
            }
        }
    }

    /**
     * Rests a free-running worker as {@link #rest(WallClock, Instant, Instant)} rests one worker on the
     * system clock, but parked, so that a chunk sent here or a halt wakes it at once.
     */
    private void restFree(WallClock clock, Instant wake, Instant now) {
        if (wake != null && !wake.isAfter(now)) {
            return;
        }
        Instant limit = WallClock.plusOrNever(now, MAX_REST);
        Instant until = wake == null || wake.isAfter(limit) ? limit : wake;
        long nanos = Duration.between(now, until).toNanos();
        if (nanos > 0) {
            LockSupport.parkNanos(this, nanos);
        }
    }

    /**
     * This worker's part of closing an epoch: its nodes' snapshots, stored with its frontier; once every
     * worker has stored its own, the store lets go of what no resume needs. Returns whether all went well.
     */
    private boolean closeCrewEpoch(List<Node> nodes, long epoch) {
        SnapshotListener listener = options.snapshots();
        if (recovery == null && listener == SnapshotListener.NONE) {
            return true;
        }
        List<RecoveryStore.Snapshot> mine = new ArrayList<>();
        SnapshotListener target = (stepId, key, at, state) -> {
            if (recovery != null) {
                mine.add(new RecoveryStore.Snapshot(stepId, key, at, state));
            }
            if (listener != SnapshotListener.NONE) {
                synchronized (crew) {
                    listener.onSnapshot(stepId, key, at, state);
                }
            }
        };
        try {
            snapshotAll(nodes, target, epoch);
            if (recovery != null) {
                recovery.write(index, epoch, mine);
            }
        } catch (Throwable e) {
            crew.fail(index, e);
        }
        crew.await(() -> {
            if (recovery != null && !crew.failed()) {
                recovery.commit(epoch);
            }
        });
        return !crew.failed();
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
        try {
            snapshotAll(nodes, target, epoch);
        } catch (RuntimeException e) {
            if (recovery != null) {
                recovery.dropEpoch();
            }
            throw e;
        }
        if (recovery != null) {
            recovery.writeEpoch(epoch);
        }
    }

    /** Every node's snapshot for {@code epoch}; a failure names its step. */
    private static void snapshotAll(List<Node> nodes, SnapshotListener target, long epoch) {
        for (Node node : nodes) {
            try {
                node.snapshot(target, epoch);
            } catch (Throwable e) {
                if (e instanceof StepException step) {
                    throw step;
                }
                throw StepException.withMessage("step '" + node.id() + "' failed taking its snapshot at the close of"
                        + " epoch " + epoch + ": " + e, node.id(), null, e);
            }
        }
    }

    private void rest(WallClock clock, List<Node> nodes, Instant now) {
        try {
            rest(clock, nextWake(nodes), now);
        } catch (InterruptedException e) {
            interrupted = true;
            stopRequested.set(true);
        }
    }

    /** The earliest wake-up time of any node, {@link Instant#MIN} for "now", or {@code null} for none. */
    private static Instant nextWake(List<Node> nodes) {
        Instant wake = null;
        for (Node node : nodes) {
            Instant next = node.nextWake();
            // Instant.MAX, the end of time, is never: a virtual clock must not jump there.
            if (next != null && !next.equals(Instant.MAX) && (wake == null || next.isBefore(wake))) {
                wake = next;
            }
        }
        return wake;
    }

    /**
     * Rests after an activation in which nothing moved: until {@code wake} (the earliest wake-up time,
     * or {@code null}), at most {@link #MAX_REST} on the real clock; a virtual clock is moved.
     */
    static void rest(WallClock clock, Instant wake, Instant now) throws InterruptedException {
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
        clock.sleepUntil(until);
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
