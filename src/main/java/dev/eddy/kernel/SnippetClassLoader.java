package dev.eddy.kernel;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;
import jdk.jshell.spi.ExecutionControl.NotImplementedException;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
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

    SnippetClassLoader(ClassLoader parent) {
        super("eddy-notebook", new URL[0], parent);
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
        if (bytes != null) return defineClass(name, bytes, 0, bytes.length);
        return super.findClass(name);
    }
}
