package dev.eddy.kernel.api;

import io.github.spencerpark.jupyter.kernel.BaseKernel;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets a library hear a kernel's interrupts ({@code interrupt_request}, the front end's stop button), whether or not
 * a cell is running: work a cell left going in the background, such as a live flow, can stop with it.
 * <pre class="fragment">{@code
 * Interrupts.Registration r = Interrupts.onInterrupt(getKernelInstance(), () -> System.err.println("stop!"));
 * // the stop button now prints "stop!" to the kernel's log, until:
 * r.close();
 * }</pre>
 * The Eddy kernel calls {@link #interrupt} on every interrupt request. Another basekernel kernel (IJava) does not,
 * so there a listener hears only what its library triggers itself.
 */
public final class Interrupts {
    private static final Logger LOG = Logger.getLogger(Interrupts.class.getName());
    private static final Map<BaseKernel, Set<Runnable>> LISTENERS = Collections.synchronizedMap(new WeakHashMap<>());

    private Interrupts() {
    }

    /** Calls {@code listener} on every interrupt of {@code kernel} until the returned registration is closed. */
    public static Registration onInterrupt(BaseKernel kernel, Runnable listener) {
        Objects.requireNonNull(kernel, "kernel must not be null; got null instead; is a kernel running?");
        Objects.requireNonNull(listener, "interrupt listener must not be null; got null instead");
        Set<Runnable> listeners = listenersOf(kernel);
        Runnable own = listener::run; // a registration of its own, even when the same listener is added twice
        listeners.add(own);
        return () -> listeners.remove(own);
    }

    /**
     * Runs every listener registered on {@code kernel}; one that throws is logged and the rest still run. A
     * listener should only ask its work to stop, not wait for it.
     *
     * @return how many listeners ran
     */
    public static int interrupt(BaseKernel kernel) {
        List<Runnable> now = List.copyOf(listenersOf(kernel));
        for (Runnable listener : now) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an interrupt listener failed", e);
            }
        }
        return now.size();
    }

    private static Set<Runnable> listenersOf(BaseKernel kernel) {
        return LISTENERS.computeIfAbsent(kernel, k -> ConcurrentHashMap.newKeySet());
    }

    /** A listener's registration; closing it stops the listener hearing interrupts. Closing twice is harmless. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
