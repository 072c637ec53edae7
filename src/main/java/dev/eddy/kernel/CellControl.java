package dev.eddy.kernel;

import jdk.jshell.execution.DirectExecutionControl;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs JShell snippets in the kernel's process on worker threads (in {@link ExitGuard#CELLS}) and keeps each result
 * as the real object, so a cell's value can be rendered richly.
 *
 * <p>{@link #interrupt()} cancels the running snippet and marks the cell interrupted, so a snippet that JShell is
 * still compiling is refused when it reaches {@link #invoke(Method)}. A worker that ignores the interrupt (a busy
 * loop) is stopped with {@code Thread.stop} after {@link #STOP_GRACE_MILLIS}, on JDKs that still have it.
 */
final class CellControl extends DirectExecutionControl {
    static final long STOP_GRACE_MILLIS = 1_000;
    private static final Logger LOG = Logger.getLogger(CellControl.class.getName());

    private final SnippetClassLoader loader;
    private final ExecutorService workers = Executors.newCachedThreadPool(new CellThreads());
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong();
    private volatile boolean interrupted;
    private volatile Future<?> running;
    private volatile Thread runningThread;
    private volatile Throwable lastThrown;

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

    void interrupt() {
        interrupted = true;
        Future<?> f = running;
        Thread t = runningThread;
        if (f != null) f.cancel(true);
        if (t != null) stopLater(t);
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        if (interrupted) throw new InvocationTargetException(interruption());
        Future<Object> future = workers.submit(() -> {
            runningThread = Thread.currentThread();
            runningThread.setContextClassLoader(loader);
            try {
                return doit.invoke(null);
            } finally {
                runningThread = null;
                Thread.interrupted();
            }
        });
        running = future;
        try {
            Object value = future.get();
            String key = "#eddy-result-" + nextKey.incrementAndGet();
            if (value != null) results.put(key, value);
            return key;
        } catch (CancellationException | InterruptedException e) {
            lastThrown = interruption();
            throw new InvocationTargetException(lastThrown);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (interrupted) {
                lastThrown = interruption();
                throw new InvocationTargetException(lastThrown);
            }
            lastThrown = cause instanceof InvocationTargetException ite ? ite.getCause() : cause;
            if (cause instanceof Exception ex) throw ex;
            throw new InvocationTargetException(cause);
        } finally {
            running = null;
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        super.close();
    }

    private static InterruptedException interruption() {
        return new InterruptedException("cell was interrupted");
    }

    private void stopLater(Thread worker) {
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(STOP_GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (runningThread == worker) stop(worker);
        }, "eddy-cell-stopper");
        stopper.setDaemon(true);
        stopper.start();
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void stop(Thread worker) {
        try {
            worker.stop();
            LOG.info(() -> "stopped " + worker.getName() + ": it ignored the interrupt");
        } catch (UnsupportedOperationException e) {
            LOG.log(Level.WARNING, worker.getName() + " ignores interrupts and this JDK can't stop it; it keeps "
                    + "running in the background", e);
        }
    }

    private static final class CellThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(ExitGuard.CELLS, r, "eddy-cell-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
