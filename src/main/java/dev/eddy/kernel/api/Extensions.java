package dev.eddy.kernel.api;

import io.github.spencerpark.jupyter.kernel.BaseKernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Finds {@link KernelExtension}s with {@link ServiceLoader} and installs each class at most once per kernel.
 * <pre class="fragment">{@code
 * List<String> installed = Extensions.installAll(getKernelInstance(), new Object(){}.getClass().getClassLoader());
 * }</pre>
 */
public final class Extensions {
    private static final Map<BaseKernel, Set<String>> INSTALLED = Collections.synchronizedMap(new WeakHashMap<>());

    private Extensions() {
    }

    /** Installs extensions visible from the calling thread's context class loader. */
    public static List<String> installAll(BaseKernel kernel) {
        return installAll(kernel, Thread.currentThread().getContextClassLoader());
    }

    /**
     * Installs every extension that {@code loader} can see and that was not installed on {@code kernel} before.
     *
     * @return the class names installed by this call, in discovery order
     * @throws ExtensionException naming the extension class, if one fails to load or to install;
     *                            extensions before it stay installed
     */
    public static List<String> installAll(BaseKernel kernel, ClassLoader loader) {
        Set<String> done = INSTALLED.computeIfAbsent(kernel, k -> Collections.synchronizedSet(new HashSet<>()));
        List<String> installedNow = new ArrayList<>();
        ServiceLoader<KernelExtension> services = ServiceLoader.load(KernelExtension.class, loader);
        for (ServiceLoader.Provider<KernelExtension> provider : iterate(services)) {
            String name = provider.type().getName();
            if (!done.add(name)) continue;
            try {
                provider.get().install(kernel);
            } catch (RuntimeException | LinkageError e) {
                throw new ExtensionException("kernel extension " + name + " must install cleanly; got "
                        + e + " instead", e);
            }
            installedNow.add(name);
        }
        return installedNow;
    }

    private static List<ServiceLoader.Provider<KernelExtension>> iterate(ServiceLoader<KernelExtension> services) {
        try {
            return services.stream().toList();
        } catch (ServiceConfigurationError e) {
            throw new ExtensionException("a META-INF/services/" + KernelExtension.class.getName()
                    + " entry must name a loadable KernelExtension; got " + e.getMessage() + " instead", e);
        }
    }

    /** An extension that could not be loaded or installed. */
    public static final class ExtensionException extends RuntimeException {
        ExtensionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
