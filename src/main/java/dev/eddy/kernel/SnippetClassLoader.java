package dev.eddy.kernel;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;
import jdk.jshell.spi.ExecutionControl.NotImplementedException;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader of everything a notebook defines or adds: snippet classes, and jars from {@code %classpath} and
 * {@code %maven}. Its parent is the kernel's loader, so notebook code shares basekernel and Eddy classes with the
 * kernel. It is also the loader {@link dev.eddy.kernel.api.Extensions} searches for extensions.
 */
final class SnippetClassLoader extends URLClassLoader implements LoaderDelegate {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> pending = new ConcurrentHashMap<>();
    /** The bytes of every snippet class defined, by resource name ({@code REPL/$JShell$12$Trade.class}). */
    private final Map<String, byte[]> defined = new ConcurrentHashMap<>();
    /** Flink's jars, loaded by a loader of their own on the first Flink class a cell asks for; or {@code null}. */
    private final FlinkLibrary flink;

    SnippetClassLoader(ClassLoader parent) {
        this(parent, null);
    }

    SnippetClassLoader(ClassLoader parent, FlinkLibrary flink) {
        super("eddy-notebook", new URL[0], parent);
        this.flink = flink;
    }

    /** Eddy's Flink runner and Flink come from the Flink loader, when the kernel has Flink's jars. */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (flink != null && FlinkLibrary.owns(name)) return flink.loader(this).loadClass(name);
        return super.loadClass(name, resolve);
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException {
        boolean[] loaded = new boolean[classes.length];
        for (ClassBytecodes c : classes) pending.put(c.name(), c.bytecodes());
        try {
            for (int i = 0; i < classes.length; i++) {
                loadClass(classes[i].name());
                loaded[i] = true;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ClassInstallException("snippet class must load; got " + e + " instead", loaded);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] classes) {
        // JShell only calls this after a successful redefine, which this loader never offers.
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            try {
                addURL(new File(entry).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new InternalException("classpath entry must be a file path; got " + entry + " instead");
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) return loaded;
        byte[] bytes = pending.remove(name);
        if (bytes != null) {
            defined.put(name.replace('.', '/') + ".class", bytes);
            return defineClass(name, bytes, 0, bytes.length);
        }
        return super.findClass(name);
    }

    /**
     * A snippet class's bytes as a resource, as a class from a jar has them, so that whatever ships a notebook's
     * classes elsewhere (a job jar for a Flink cluster) can read them by name; other resources as usual, then
     * Flink's once a cell used Flink (Flink finds its services through the context loader).
     */
    @Override
    public URL findResource(String name) {
        byte[] bytes = defined.get(name);
        if (bytes != null) return snippetResource(name, bytes);
        URL url = super.findResource(name);
        return url != null || flink == null ? url : flink.resource(name);
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
        List<URL> all = new ArrayList<>();
        byte[] bytes = defined.get(name);
        if (bytes != null) all.add(snippetResource(name, bytes));
        all.addAll(Collections.list(super.findResources(name)));
        if (flink != null && flink.loaded()) all.addAll(Collections.list(flink.resources(name)));
        return Collections.enumeration(all);
    }

    private static URL snippetResource(String name, byte[] bytes) {
        try {
            return new URL(null, "eddy-snippet:/" + name, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL url) {
                    return new URLConnection(url) {
                        @Override
                        public void connect() {
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(bytes);
                        }
                    };
                }
            });
        } catch (MalformedURLException e) {
            throw new IllegalStateException("snippet class resource must have a URL; got " + e + " instead", e);
        }
    }
}
