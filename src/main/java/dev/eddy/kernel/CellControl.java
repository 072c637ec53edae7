package dev.eddy.kernel;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs JShell snippets in the kernel's process, each on a fresh worker thread of its own (in {@link ExitGuard#CELLS}),
 * and keeps each result as the real object, so a cell's value can be rendered richly.
 *
 * <p>{@link #interrupt()} marks the cell interrupted and wakes the thread waiting in {@link #invoke(Method)}, which
 * then interrupts the snippet's worker and waits for it to end; a snippet that JShell is still compiling is refused
 * when it reaches {@code invoke}. A worker that ignores the interrupt (a busy loop) is stopped with
 * {@code Thread.stop} after {@link #STOP_GRACE_MILLIS}, on JDKs that still have it. Because every snippet has its own
 * thread, stopping one can never hit a later snippet, and because {@code invoke} returns only once the worker is gone,
 * the next cell never runs beside the one it interrupted. An interrupted snippet always ends in an
 * {@link InterruptedException}, whatever the dying worker threw.
 */
final class CellControl extends DirectExecutionControl {
    static final long STOP_GRACE_MILLIS = 1_000;
    private static final long DEATH_WAIT_MILLIS = 2_000;
    private static final Logger LOG = Logger.getLogger(CellControl.class.getName());

    private final SnippetClassLoader loader;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong();
    private final AtomicInteger threadCount = new AtomicInteger();
    private final Object lock = new Object();
    private volatile boolean interrupted;
    private volatile Throwable lastThrown;
    private volatile Class<?> lastInvokedClass;

    private volatile Runnable onEachRun = () -> { };

    CellControl(SnippetClassLoader loader) {
        super(loader);
        this.loader = loader;
    }

    SnippetClassLoader loader() {
        return loader;
    }

    /** Forgets kept results and any interrupt aimed at an earlier cell. */
    void beginCell() {
        interrupted = false;
        results.clear();
        lastThrown = null;
    }

    boolean isInterrupted() {
        return interrupted;
    }

    /** The object a snippet returned, under the key JShell reported as its value; null if there is none. */
    Object takeResult(String key) {
        return key == null ? null : results.remove(key);
    }

    /** The exception the last snippet threw, as the real object; null if it threw none. */
    Throwable lastThrown() {
        return lastThrown;
    }

    /** The wrapper class of the snippet run last; JShell keeps a declared variable in its static field. */
    Class<?> lastInvokedClass() {
        return lastInvokedClass;
    }

    /**
     * JShell asks for a declared variable's value only to describe it, which a notebook never shows; answering
     * nothing spares a {@code toString} of every large value a cell declares.
     */
    @Override
    public String varValue(String className, String varName) {
        return "";
    }

    /** Runs {@code hook} as each snippet starts to run, after it compiled (for {@code IJAVA_TIMEOUT}). */
    void onEachRun(Runnable hook) {
        onEachRun = hook;
    }

    /** Interrupts the running snippet, or the next one this cell reaches; never blocks. */
    void interrupt() {
        synchronized (lock) {
            interrupted = true;
            lock.notifyAll();
        }
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        if (interrupted) throw new InvocationTargetException(interruption());
        onEachRun.run();
        lastInvokedClass = doit.getDeclaringClass();
        Run run = new Run(doit);
        Thread worker = new Thread(ExitGuard.CELLS, run, "eddy-cell-" + threadCount.incrementAndGet());
        worker.setDaemon(true);
        worker.setContextClassLoader(loader);
        synchronized (lock) {
            worker.start();
            while (!run.done && !interrupted) lock.wait();
            if (run.done && !interrupted) return keep(run);
        }
        endInterrupted(worker);
        lastThrown = interruption();
        throw new InvocationTargetException(lastThrown);
    }

    private String keep(Run run) throws InvocationTargetException {
        if (run.thrown != null) {
            lastThrown = run.thrown;
            throw new InvocationTargetException(run.thrown);
        }
        String key = "#eddy-result-" + nextKey.incrementAndGet();
        if (run.value != null) results.put(key, run.value);
        return key;
    }

    /** Interrupts the worker and waits for it to end, stopping it if it ignores the interrupt. */
    private static void endInterrupted(Thread worker) throws InterruptedException {
        worker.interrupt();
        worker.join(STOP_GRACE_MILLIS);
        if (!worker.isAlive()) return;
        if (!stop(worker)) return;
        worker.join(DEATH_WAIT_MILLIS);
        if (worker.isAlive())
            LOG.warning(() -> worker.getName() + " was stopped but still runs; it keeps running in the background");
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static boolean stop(Thread worker) {
        try {
            worker.stop();
            LOG.info(() -> "stopped " + worker.getName() + ": it ignored the interrupt");
            return true;
        } catch (UnsupportedOperationException e) {
            LOG.log(Level.WARNING, worker.getName() + " ignores interrupts and this JDK can't stop it; it keeps "
                    + "running in the background", e);
            return false;
        }
    }

    private static InterruptedException interruption() {
        return new InterruptedException("cell was interrupted");
    }

    /** One snippet's run on its own thread: its value or what it threw, then {@code done}. */
    private final class Run implements Runnable {
        private final Method doit;
        private Object value;
        private Throwable thrown;
        private boolean done;

        Run(Method doit) {
            this.doit = doit;
        }

        @Override
        public void run() {
            Object v = null;
            Throwable t = null;
            try {
                v = doit.invoke(null);
            } catch (InvocationTargetException e) {
                t = e.getCause();
            } catch (Throwable e) {
                t = e;
            }
            synchronized (lock) {
                value = v;
                thrown = t;
                done = true;
                lock.notifyAll();
            }
        }
    }
}
