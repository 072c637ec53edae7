package dev.eddy.notebook;

import dev.eddy.kernel.api.KernelExtension;
import io.github.spencerpark.jupyter.kernel.BaseKernel;

/**
 * Installs Eddy's notebook display into a kernel: found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.eddy.kernel.api.KernelExtension}.
 * <pre>{@code
 * new NotebookExtension().install(getKernelInstance());   // the Eddy kernel does this at startup
 * }</pre>
 */
public final class NotebookExtension implements KernelExtension {

    @Override
    public void install(BaseKernel kernel) {
        NotebookRenderers.registerAll(kernel.getRenderer(), kernel::display);
    }
}
