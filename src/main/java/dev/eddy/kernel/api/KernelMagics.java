package dev.eddy.kernel.api;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.magic.registry.CellMagicFunction;
import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagicFunction;
import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;

import java.lang.reflect.Method;
import java.util.Objects;

/**
 * Registers magics on any basekernel 2.3.0 kernel that has a public {@code getMagics()} (Eddy's kernel, IJava's
 * {@code JavaKernel}). {@code BaseKernel} itself has no such method, so it is looked up reflectively. <pre class="fragment">{@code
 * KernelMagics.registerLineMagic(getKernelInstance(), "shout", args -> String.join(" ", args).toUpperCase());
 * // then, in a cell: %shout hello   ->  HELLO
 * }</pre>
 */
public final class KernelMagics {
    private KernelMagics() {
    }

    /** The magics registry of {@code kernel}; throws if the kernel has none. */
    public static Magics magics(BaseKernel kernel) {
        Objects.requireNonNull(kernel, "kernel must not be null; got null instead; is a kernel running?");
        try {
            Method getter = kernel.getClass().getMethod("getMagics");
            Object magics = getter.invoke(kernel);
            if (magics instanceof Magics registry) return registry;
            throw new IllegalStateException("kernel " + kernel.getClass().getName()
                    + " must return a basekernel Magics from getMagics(); got " + magics + " instead");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("kernel " + kernel.getClass().getName()
                    + " must have a public getMagics() to register magics; got none instead", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("getMagics() of " + kernel.getClass().getName() + " failed", e);
        }
    }

    /** Registers a line magic {@code %name args}. */
    public static void registerLineMagic(BaseKernel kernel, String name, LineMagicFunction<?> magic) {
        magics(kernel).registerLineMagic(name, magic);
    }

    /** Registers a cell magic {@code %%name args} whose body is the rest of the cell. */
    public static void registerCellMagic(BaseKernel kernel, String name, CellMagicFunction<?> magic) {
        magics(kernel).registerCellMagic(name, magic);
    }
}
