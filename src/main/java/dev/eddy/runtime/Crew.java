package dev.eddy.runtime;

import dev.eddy.dataflow.StepException;
import dev.eddy.io.WallClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The workers of one run with several, and what they agree on. Two ways to go, chosen per run by
 * {@link #runsFree}:
 *
 * <p><b>Free</b> (the system clock, no snapshots): each worker runs its own activations and reads the time
 * itself; at each step that exchanges items it sends every other worker a chunk down a bounded
 * {@link Channel} and takes what has arrived (see {@link Exchange#pass}). A sender marks its channels once
 * its upstreams of the step have ended, after its last chunk: the marks are end of input for the step, as
 * timely's progress and Flink's end-of-partition markers are. A worker with nothing to do parks until a
 * chunk, a mark, a wake-up time or a halt. A failure or an abort halts every worker at its next
 * activation.
 *
 * <p><b>Lockstep</b> (a virtual clock, or epochs snapshotted): workers go through each activation in step,
 * as Bytewax's workers go through an epoch: they meet when it starts (where the time is read once for all,
 * an epoch closes for all or a stop is seen by all), at each step that exchanges items (where each worker
 * hands every other its items and learns whether every worker's upstream has ended), and when it ends
 * (where they learn whether all are done, whether any moved, and rest together until the earliest wake-up
 * time of any). So an epoch closes on every worker at the same point of the streams, a virtual clock moves
 * only while every worker rests, and what one worker sends another in an activation arrives in that
 * activation, in worker order: a key's items reach its owner in the order one upstream worker produced
 * them, batch for batch as on one worker.
 *
 * <p>Either way memory is bounded: in lockstep a worker hands on at most one activation's items before it
 * waits for the others; running free a channel holds at most {@link Channel#CAPACITY} chunks.
 */
final class Crew {

    /** Thrown from {@link #await} when another worker died outside the protocol; the worker just ends. */
    static final class Broken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Broken() {
            super("another worker of the run stopped", null, false, false);
        }
    }

    /**
     * A free-running crew's channel from one worker to another at one exchanging step: a bounded queue of
     * chunks (each what the sender dealt the receiver in one activation, in order), and the sender's mark
     * that its upstreams of the step have ended, set after its last chunk.
     */
    static final class Channel {
        /** How many chunks a channel holds before its sender waits: bounded, so memory is. */
        static final int CAPACITY = 4;

        final ArrayBlockingQueue<List<Object>> chunks = new ArrayBlockingQueue<>(CAPACITY);
        volatile boolean ended;
    }

    /**
     * One exchanging step's lanes, shared by every worker: {@code lanes[from][to]} for a crew in lockstep,
     * {@code channels[from][to]} for a free-running one.
     */
    static final class Point {
        final List<Object>[][] lanes;
        final boolean[] upsDone;
        final Channel[][] channels;

        @SuppressWarnings("unchecked")
        Point(int workers, boolean free) {
            lanes = new List[workers][workers];
            channels = free ? new Channel[workers][workers] : null;
            for (int from = 0; from < workers; from++) {
                for (int to = 0; to < workers; to++) {
                    lanes[from][to] = new ArrayList<>();
                    if (free && from != to) {
                        channels[from][to] = new Channel();
                    }
                }
            }
            upsDone = new boolean[workers];
        }
    }

    final int size;
    /**
     * Whether the workers run free instead of in lockstep: each at its own pace, handing items on through
     * bounded {@link Channel}s. Chosen for runs on the system clock with no snapshots taken (see
     * {@link #runsFree}).
     */
    final boolean free;
    /** Each worker's thread, so a sender can wake a resting receiver; set before the workers first meet. */
    private final Thread[] threads;
    /** Set when the run must end on every worker: a failure, an abort, a broken worker. */
    private volatile boolean halted;
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

    Crew(int size, int steps, RunOptions options, AtomicBoolean stopRequested, long firstEpoch, boolean free) {
        this.size = size;
        this.free = free;
        this.threads = new Thread[size];
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
            points[index] = new Point(size, free);
        }
        return points[index];
    }

    /**
     * Whether several workers of a run can run free. They must meet in lockstep when a virtual clock is
     * used, since such a clock moves only while every worker rests and every worker must read the same time
     * with the same items in hand (so per-key results equal one worker's, batch for batch); and when epochs
     * are snapshotted, since a snapshot of an epoch must hold the same items on every worker. On the system
     * clock without snapshots neither holds: time and batch boundaries already depend on the machine, and
     * only the order of a key's items from one upstream worker, which the channels keep, is promised.
     */
    static boolean runsFree(int workers, RunOptions options, boolean recovery) {
        return workers > 1 && options.clock() == WallClock.system() && !recovery
                && options.snapshots() == SnapshotListener.NONE;
    }

    /** Records worker {@code index}'s thread; called by the worker itself before the first meeting. */
    void register(int index, Thread thread) {
        threads[index] = thread;
    }

    /** Wakes worker {@code index} if it rests or waits for a channel; harmless otherwise. */
    void wake(int index) {
        Thread thread = threads[index];
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Whether the run must end on every worker: a failure, an abort, a stop or a broken worker. */
    boolean halted() {
        return halted || stopRequested.get();
    }

    /** Ends a free-running run on every worker without a failure, as an abort does; wakes them all. */
    void halt() {
        halted = true;
        for (int w = 0; w < size; w++) {
            wake(w);
        }
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
        halt();
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
        if (free) {
            halt();
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
