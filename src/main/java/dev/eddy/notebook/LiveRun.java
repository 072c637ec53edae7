package dev.eddy.notebook;

import dev.eddy.kernel.api.Interrupts;
import dev.eddy.runtime.FlowRun;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A flow running in the background of a notebook, its latest results shown in one output that is updated in
 * place at most once per period. Several can run at once; each stops when its input ends, on {@link #stop()}, or
 * when the kernel is interrupted (the stop button), whether a cell is running then or not.
 * <pre class="fragment">{@code
 * LiveRun live = Capture.of(flow).window("counts", counts).live(Duration.ofSeconds(1));
 * // … later, in any cell:
 * live.stop();
 * System.out.println(live.isRunning());
 * // false
 * }</pre>
 */
public final class LiveRun {

    /** Updates never come faster than this, whatever period is asked for. */
    static final Duration MIN_PERIOD = Duration.ofMillis(100);
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Capture capture;
    private final FlowRun execution;
    private final DisplaySurface surface;
    private final String displayId;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ScheduledExecutorService ticker;
    private final AtomicInteger updates = new AtomicInteger();
    private volatile long shownVersion = -1;
    /** The engine's line about the run when last shown, such as a Flink job's status. */
    private volatile String shownWhere;
    private volatile Throwable failure;
    private volatile Interrupts.Registration interrupts = () -> { };

    private LiveRun(Capture capture, FlowRun execution, DisplaySurface surface) {
        this.capture = capture;
        this.execution = execution;
        this.surface = surface;
        this.displayId = surface.show(capture.results());
        int n = COUNT.incrementAndGet();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "eddy-live-" + n + "-display"));
    }

    static LiveRun start(Capture capture, FlowRun execution, Duration every, DisplaySurface surface) {
        if (every == null || every.compareTo(MIN_PERIOD) < 0) {
            throw new IllegalArgumentException("live update period must be at least " + MIN_PERIOD.toMillis()
                    + " ms; got " + every + " instead");
        }
        LiveRun live = new LiveRun(capture, execution, surface);
        live.interrupts = surface.onInterrupt(execution::stop);
        live.ticker.scheduleAtFixedRate(live::refresh, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        daemon(live::runFlow, "eddy-live-" + capture.flow().flowId()).start();
        return live;
    }

    /** Stops the flow at its next activation and waits until its last results are shown. */
    public void stop() {
        execution.stop();
        awaitQuietly();
    }

    /**
     * Waits for the flow to end; an interrupt of the waiting cell stops the flow.
     *
     * @throws IllegalStateException carrying the flow's failure, if it failed
     */
    public void join() {
        try {
            finished.await();
        } catch (InterruptedException e) {
            execution.stop();
            awaitQuietly();
            Thread.currentThread().interrupt();
        }
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("live run of flow '" + capture.flow().flowId() + "' failed: " + f, f);
        }
    }

    /** Whether the flow is still running. */
    public boolean isRunning() {
        return finished.getCount() > 0;
    }

    /** The latest results, as the display shows them. */
    public Results results() {
        return capture.results(!isRunning() && execution.isStopRequested());
    }

    /** The id of the display this run updates. */
    public String displayId() {
        return displayId;
    }

    /** How many times the display was updated. */
    public int updates() {
        return updates.get();
    }

    /** The flow's failure, or {@code null}. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public String toString() {
        return "LiveRun(" + capture.flow().flowId() + ", " + (isRunning() ? "running" : "finished") + ", "
                + updates.get() + " updates)";
    }

    private void runFlow() {
        try {
            execution.run();
        } catch (Throwable t) {
            failure = t;
        } finally {
            interrupts.close();
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            show(capture.results(execution.isStopRequested()));
            finished.countDown();
        }
    }

    private void refresh() {
        long version = capture.version();
        String where = execution.where();
        if (version == shownVersion && java.util.Objects.equals(where, shownWhere)) return;
        shownVersion = version;
        shownWhere = where;
        show(capture.results());
    }

    private synchronized void show(Results results) {
        try {
            surface.update(displayId, results);
            updates.incrementAndGet();
        } catch (RuntimeException e) {
            if (failure == null) failure = e;
        }
    }

    private void awaitQuietly() {
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
