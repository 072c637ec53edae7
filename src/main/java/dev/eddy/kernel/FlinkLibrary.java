package dev.eddy.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Apache Flink's jars for notebook runs on Flink ({@code dev.eddy.flink.FlinkRunner}), found in a {@value #DIR}
 * folder beside the kernel jar ({@code mvn package} fills {@code target/flink-lib}; the installer copies it into
 * the kernelspec) or in {@code $EDDY_FLINK_LIB}. Nothing of it is opened when the kernel starts: the first cell
 * that touches a class of {@code dev.eddy.flink} or {@code org.apache.flink} creates one class loader over those
 * jars, which then defines Eddy's Flink runner and Flink itself. Its parent is the notebook's loader, so Flink's
 * tasks see the cells' classes; Flink's service files are visible through the notebook's loader, which is the
 * cells' context class loader.
 */
final class FlinkLibrary {
    static final String DIR = "flink-lib";
    static final String ENV = "EDDY_FLINK_LIB";
    /** The packages the Flink loader defines itself rather than asking its parent (which has Eddy's copy). */
    private static final List<String> OWN = List.of("dev.eddy.flink.", "org.apache.flink.");

    private final Path kernelJar;
    private final Path dir;
    private volatile Loader loader;

    FlinkLibrary(Path kernelJar, Path dir) {
        this.kernelJar = kernelJar;
        this.dir = dir;
    }

    /**
     * The library {@code $EDDY_FLINK_LIB} names, else the {@value #DIR} folder beside the jar the kernel runs
     * from; empty when the kernel does not run from a jar (tests, where Flink is on the class path already) or
     * no such folder exists.
     */
    static Optional<FlinkLibrary> find(Map<String, String> env) {
        Optional<Path> jar = runningJar();
        if (jar.isEmpty()) return Optional.empty();
        String custom = env.getOrDefault(ENV, "");
        Path dir = custom.isBlank() ? jar.get().resolveSibling(DIR) : Path.of(custom);
        return Files.isDirectory(dir) ? Optional.of(new FlinkLibrary(jar.get(), dir)) : Optional.empty();
    }

    /** The jar the kernel's classes come from; empty when they come from a folder. */
    private static Optional<Path> runningJar() {
        try {
            Path path = Path.of(FlinkLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code className} is defined by the Flink loader. */
    static boolean owns(String className) {
        for (String prefix : OWN) if (className.startsWith(prefix)) return true;
        return false;
    }

    /** The folder the jars are in. */
    Path dir() {
        return dir;
    }

    /** Whether the Flink loader exists yet, that is whether any cell asked for a Flink class. */
    boolean loaded() {
        return loader != null;
    }

    /** The Flink loader, created on the first call with {@code parent} as its parent. */
    ClassLoader loader(ClassLoader parent) {
        Loader l = loader;
        if (l != null) return l;
        synchronized (this) {
            if (loader == null) loader = new Loader(urls(), parent);
            return loader;
        }
    }

    /** The resources named {@code name} in Flink's jars, none before the loader exists. */
    Enumeration<URL> resources(String name) throws IOException {
        Loader l = loader;
        return l == null ? Collections.emptyEnumeration() : l.ownResources(name);
    }

    /** The resource named {@code name} in Flink's jars, {@code null} before the loader exists. */
    URL resource(String name) {
        Loader l = loader;
        if (l == null) return null;
        try {
            Enumeration<URL> all = l.ownResources(name);
            return all.hasMoreElements() ? all.nextElement() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Flink's jars, sorted by name, then the kernel jar (for Eddy's Flink runner). */
    private URL[] urls() {
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
            urls.add(kernelJar.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException("Flink library " + dir + " must hold file paths", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Flink library " + dir + " must be readable", e);
        }
        return urls.toArray(URL[]::new);
    }

    /** Child-first for {@link #OWN}, parent-first for everything else. */
    private final class Loader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final URL kernel;

        Loader(URL[] urls, ClassLoader parent) {
            super("eddy-flink", urls, parent);
            this.kernel = urls[urls.length - 1];
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!owns(name)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) c = findClass(name);
                if (resolve) resolveClass(c);
                return c;
            }
        }

        /** The parent already answers with Flink's resources (the notebook's loader adds them), so ask only it. */
        @Override
        public URL getResource(String name) {
            URL url = getParent().getResource(name);
            return url != null ? url : findResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return getParent().getResources(name);
        }

        /** This loader's resources outside the kernel jar, whose resources the parent has already. */
        Enumeration<URL> ownResources(String name) throws IOException {
            List<URL> own = new ArrayList<>();
            String kernelPrefix = "jar:" + kernel + "!";
            for (Enumeration<URL> all = findResources(name); all.hasMoreElements(); ) {
                URL url = all.nextElement();
                String at = url.toString();
                if (!at.startsWith(kernelPrefix) && !at.startsWith(kernel.toString())) own.add(url);
            }
            return Collections.enumeration(own);
        }
    }
}
