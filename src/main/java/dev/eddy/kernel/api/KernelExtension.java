package dev.eddy.kernel.api;

import io.github.spencerpark.jupyter.kernel.BaseKernel;

/**
 * A library's hook into a Jupyter kernel built on jupyter-jvm-basekernel 2.3.0: register renderers and magics.
 *
 * <p>List the implementation in {@code META-INF/services/dev.eddy.kernel.api.KernelExtension}. The Eddy kernel finds
 * it with {@link java.util.ServiceLoader} over the notebook's class loader at startup and after every classpath change,
 * and installs each class once. In an IJava 1.3.0 kernel, call {@code Extensions.installAll(getKernelInstance())}
 * after adding the jar. <pre class="fragment">{@code
 * public final class MoneyJupyter implements KernelExtension {
 *     public void install(BaseKernel kernel) {
 *         kernel.getRenderer().createRegistration(Money.class).preferring(MIMEType.TEXT_HTML)
 *               .register((m, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> "<b>" + m + "</b>"));
 *         KernelMagics.registerLineMagic(kernel, "money", args -> Money.parse(String.join(" ", args)));
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface KernelExtension {
    /** Registers this library's renderers and magics on {@code kernel}; called once per kernel. */
    void install(BaseKernel kernel);
}
