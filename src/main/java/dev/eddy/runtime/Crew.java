package dev.eddy.runtime;

import dev.eddy.dataflow.StepException;
import dev.eddy.io.WallClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The workers of one run with several, and what they agree on. Workers go through each activation in
 * step, as Bytewax's workers go through an epoch: they meet when it starts (where the time is read once
 * for all, an epoch closes for all or a stop is seen by all), at each step that exchanges items (where
 * each worker hands every other its items and learns whether every worker's upstream has ended), and
 * when it ends (where they learn whether all are done, whether any moved, and rest together until the
 * earliest wake-up time of any). So an epoch closes on every worker at the same point of the streams, a
 * virtual clock moves only while every worker rests, and what one worker sends another in an activation
 * arrives in that activation, in worker order: a key's items reach its owner in the order one upstream
 * worker produced them.
 *
 * <p>Nothing waits on a queue that can grow: a worker hands on at most one activation's items before it
 * waits for the others, so memory is bounded as it is on one worker.
 */
final class Crew {

    /** Thrown from {@link #await} when another worker died outside the protocol; the worker just ends. */
    static final class Broken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Broken() {
            super("another worker of the run stopped", null, false, false);
        }
    }

    /** One exchanging step's lanes, shared by every worker: {@code lanes[from][to]}. */
    static final class Point {
        final List<Object>[][] lanes;
        final boolean[] upsDone;

        @SuppressWarnings("unchecked")
        Point(int workers) {
            lanes = new List[workers][workers];
            for (List<Object>[] row : lanes) {
                for (int to = 0; to < workers; to++) {
                    row[to] = new ArrayList<>();
                }
            }
            upsDone = new boolean[workers];
        }
    }

    final int size;
    private final RunOptions options;
    private final AtomicBoolean stopRequested;
    private final Point[] points;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private int arrived;
    private long generation;
    private volatile boolean broken;

    /** The first failure and the worker it happened on; later ones are added to it as suppressed. */
    private RuntimeException failure;
    private int failedWorker = -1;

    // Decided when an activation starts, read by every worker after the meeting.
    Instant now;
    long epoch;
    /** The epoch that closes before this activation, or 0. */
    long closing;
    boolean stop;
    private Instant epochEnd;

    // Each worker's report when an activation ends, and what they add up to.
    private final boolean[] done;
    private final boolean[] progress;
    private final Instant[] wakes;
    private final boolean[] aborted;
    boolean allDone;
    boolean anyAborted;

    Crew(int size, int steps, RunOptions options, AtomicBoolean stopRequested, long firstEpoch) {
        this.size = size;
        this.options = options;
        this.stopRequested = stopRequested;
        this.points = new Point[steps];
        this.epoch = firstEpoch;
        this.done = new boolean[size];
        this.progress = new boolean[size];
        this.wakes = new Instant[size];
        this.aborted = new boolean[size];
    }

    /** The lanes of the step at {@code index} in the plan, made by the first worker that asks. */
    synchronized Point point(int index) {
        if (points[index] == null) {
            points[index] = new Point(size);
        }
        return points[index];
    }

    /**
     * Which worker is each name's primary: the names sorted, then dealt round-robin, so every worker
     * (and every run with as many workers) computes the same. Indexes follow {@code names}' order.
     */
    static int[] owners(List<String> names, int workers) {
        TreeMap<String, Integer> sorted = new TreeMap<>();
        for (String name : names) {
            sorted.put(name, 0);
        }
        int next = 0;
        for (var entry : sorted.entrySet()) {
            entry.setValue(next++ % workers);
        }
        int[] owners = new int[names.size()];
        for (int i = 0; i < owners.length; i++) {
            owners[i] = sorted.get(names.get(i));
        }
        return owners;
    }

    /**
     * Waits until every worker has arrived; the last to arrive runs {@code action} (if any) before the
     * others go on, so they all see what it decided.
     *
     * @throws Broken when a worker died outside the protocol
     */
    void await(Runnable action) {
        lock.lock();
        try {
            if (broken) {
                throw new Broken();
            }
            long arrivedIn = generation;
            if (++arrived < size) {
                while (arrivedIn == generation && !broken) {
                    advanced.awaitUninterruptibly();
                }
                if (arrivedIn == generation) {
                    throw new Broken();
                }
                return;
            }
            if (action != null) {
                try {
                    action.run();
                } catch (Throwable e) {
                    breakAll();
                    throw e;
                }
            }
            arrived = 0;
            generation++;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting worker with {@link Broken}: one worker can't keep to the protocol any more. */
    void breakAll() {
        lock.lock();
        try {
            broken = true;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Records a failure on {@code worker}: every worker stops when the activation ends. */
    synchronized void fail(int worker, Throwable e) {
        RuntimeException named = e instanceof RuntimeException r ? r : new IllegalStateException(e.toString(), e);
        if (failure == null) {
            failure = named;
            failedWorker = worker;
        } else if (failure != named) {
            failure.addSuppressed(named);
        }
    }

    synchronized boolean failed() {
        return failure != null;
    }

    /**
     * The run's failure naming the worker it happened on, or {@code null}. A {@link StepException} stays
     * one, with its step, item and cause, and says which worker.
     */
    synchronized RuntimeException failure() {
        if (failure == null) {
            return null;
        }
        String where = " (on worker W" + failedWorker + " of " + size + ")";
        RuntimeException named;
        if (failure instanceof StepException step) {
            named = StepException.withMessage(step.getMessage() + where, step.stepId(), step.item(), step.getCause());
        } else {
            named = new IllegalStateException(failure.getMessage() + where, failure.getCause() == null ? failure
                    : failure.getCause());
        }
        named.setStackTrace(failure.getStackTrace());
        for (Throwable suppressed : failure.getSuppressed()) {
            named.addSuppressed(suppressed);
        }
        return named;
    }

    /** The start of an activation, run once for all: the time, a closing epoch, a stop. */
    void begin() {
        WallClock clock = options.clock();
        now = clock.now();
        stop = stopRequested.get() || failed();
        closing = 0;
        if (epochEnd == null) {
            epochEnd = WallClock.plusOrNever(now, options.epochInterval());
        } else if (!now.isBefore(epochEnd)) {
            closing = epoch;
            epoch++;
            epochEnd = WallClock.plusOrNever(now, options.epochInterval());
        }
    }

    /** A worker's report at the end of an activation. */
    void report(int worker, boolean isDone, boolean moved, boolean abort, Instant wake) {
        done[worker] = isDone;
        progress[worker] = moved;
        aborted[worker] = abort;
        wakes[worker] = wake;
    }

    /** The end of an activation, run once for all: adds up the reports and rests when nothing moved. */
    void end() {
        boolean all = true;
        boolean moved = false;
        boolean abort = false;
        Instant wake = null;
        for (int w = 0; w < size; w++) {
            all &= done[w];
            moved |= progress[w];
            abort |= aborted[w];
            if (wakes[w] != null && (wake == null || wakes[w].isBefore(wake))) {
                wake = wakes[w];
            }
        }
        allDone = all;
        anyAborted = abort;
        Arrays.fill(wakes, null);
        if (!all && !moved && !abort && !failed() && !stopRequested.get()) {
            try {
                Worker.rest(options.clock(), wake, now);
            } catch (InterruptedException e) {
                stopRequested.set(true);
            }
        }
    }
}
