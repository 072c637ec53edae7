package dev.eddy.kernel;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * {@code Thread.stop} after {@link #STOP_GRACE_MILLIS}, up to {@link #STOP_ATTEMPTS} times, on JDKs that still have
 * it. Because every snippet has its own thread, stopping one can never hit a later snippet, and because
 * {@code invoke} returns only once the worker is gone, the next cell never runs beside the one it interrupted. An
 * interrupted snippet whose worker dies of the interrupt ends in an {@link InterruptedException}, whatever the dying
 * worker threw; one whose worker returns normally after the interrupt (it stopped early and returned what it had,
 * as {@code Capture.run()} does) gives its value, with a note on stderr, and the cell's later snippets do not run.
 *
 * <p>A worker that survives all that (it catches {@code ThreadDeath} in a loop, or the JDK can't stop threads) is never
 * reported as ended: the cell's {@code InterruptedException} says that its thread still runs in the background and
 * how to end it, and every later cell starts with a note on stderr while the thread lives, and one once it ends.
 */
final class CellControl extends DirectExecutionControl {
    static final long STOP_GRACE_MILLIS = 1_000;
    static final int STOP_ATTEMPTS = 3;
    private static final long DEATH_WAIT_MILLIS = 500;
    private static final Logger LOG = Logger.getLogger(CellControl.class.getName());

    private final SnippetClassLoader loader;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong();
    private final AtomicInteger threadCount = new AtomicInteger();
    private final Object lock = new Object();
    private volatile boolean interrupted;
    private volatile Throwable lastThrown;
    private volatile Class<?> lastInvokedClass;
    private volatile String cellLabel = "a cell";
    private final List<Runaway> runaways = new CopyOnWriteArrayList<>();

    /** The thread of an interrupted cell that would not end. */
    private record Runaway(Thread thread, String cell, LocalTime interruptedAt) {
        String describe() {
            return "thread " + thread.getName() + " of " + cell + " (interrupted at " + interruptedAt + ")";
        }
    }

    private volatile Runnable onEachRun = () -> { };
    /** Nanoseconds spent running snippets since the kernel started (compiling them is not counted). */
    private final java.util.concurrent.atomic.AtomicLong runNanos = new java.util.concurrent.atomic.AtomicLong();

    CellControl(SnippetClassLoader loader) {
        super(loader);
        this.loader = loader;
    }

    SnippetClassLoader loader() {
        return loader;
    }

    /**
     * Forgets kept results and any interrupt aimed at an earlier cell, and notes on stderr each thread of an
     * interrupted cell that still runs, or that has ended since the last cell.
     */
    void beginCell(String label) {
        interrupted = false;
        results.clear();
        lastThrown = null;
        cellLabel = label;
        for (Runaway r : runaways) {
            if (r.thread().isAlive()) {
                System.err.println("note: " + r.describe() + " is still running in the background; "
                        + "restart the kernel to end it");
            } else {
                runaways.remove(r);
                System.err.println("note: " + r.describe() + " has ended");
            }
        }
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

    /** How long snippets have run, in all, since the kernel started: {@code %time} tells run from compile time. */
    long runNanos() {
        return runNanos.get();
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        long start = System.nanoTime();
        try {
            return invokeTimed(doit);
        } finally {
            runNanos.addAndGet(System.nanoTime() - start);
        }
    }

    private String invokeTimed(Method doit) throws Exception {
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
        boolean ended = endInterrupted(worker);
        if (ended) {
            synchronized (lock) {
                if (run.done && run.thrown == null) return keepInterrupted(run);
            }
        }
        lastThrown = ended ? interruption() : runaway(worker);
        throw new InvocationTargetException(lastThrown);
    }

    /**
     * The value of a snippet that returned normally although interrupted (a flow that stops on the interrupt and
     * returns what arrived): it is the cell's value, with a note, and the cell's later snippets do not run.
     */
    private String keepInterrupted(Run run) throws InvocationTargetException {
        System.err.println("note: " + cellLabel + " was interrupted; the statement it was running returned "
                + "normally, so its value is shown and the statements after it did not run");
        return keep(run);
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

    /**
     * Interrupts the worker and waits for it to end, stopping it up to {@link #STOP_ATTEMPTS} times if it ignores the
     * interrupt; whether it has ended.
     */
    private static boolean endInterrupted(Thread worker) throws InterruptedException {
        worker.interrupt();
        worker.join(STOP_GRACE_MILLIS);
        for (int attempt = 1; attempt <= STOP_ATTEMPTS && worker.isAlive(); attempt++) {
            if (!stop(worker, attempt)) break;
            worker.join(DEATH_WAIT_MILLIS);
        }
        return !worker.isAlive();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static boolean stop(Thread worker, int attempt) {
        try {
            worker.stop();
            LOG.info(() -> "stopped " + worker.getName() + " (attempt " + attempt + "): it ignored the interrupt");
            return true;
        } catch (UnsupportedOperationException e) {
            LOG.log(Level.WARNING, worker.getName() + " ignores interrupts and this JDK can't stop it", e);
            return false;
        }
    }

    /** Remembers a worker that would not end, and says so in the cell's {@link InterruptedException}. */
    private InterruptedException runaway(Thread worker) {
        Runaway r = new Runaway(worker, cellLabel, LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
        runaways.add(r);
        String why = canStop() ? "it caught the interrupt and " + STOP_ATTEMPTS + " Thread.stop calls"
                : "it ignored the interrupt, and Java " + Runtime.version().feature() + " can't stop a thread";
        String message = "cell was interrupted, but its thread " + worker.getName() + " is still running in the "
                + "background: " + why + "; it may keep a core busy and change what later cells see; restart the "
                + "kernel to end it";
        LOG.warning(() -> r.describe() + ": " + message);
        return new InterruptedException(message);
    }

    private static boolean canStop() {
        return Runtime.version().feature() < 20;
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
