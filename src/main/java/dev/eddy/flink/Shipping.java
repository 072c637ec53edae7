package dev.eddy.flink;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * How a step's functions travel to Flink's TaskManagers: Java serialization, which every lambda written where
 * Eddy takes a function supports (Eddy's function types are {@link Serializable}), with two replacements on the
 * way. An object that is not {@link Serializable} (a record defined in a notebook cell, say) is copied with Kryo,
 * which Flink bundles; a {@link Path} travels as its absolute path. A lambda that is not serializable cannot be
 * copied by anything, so it fails here, before the job is submitted, naming its step.
 *
 * <p>Every class written is recorded, so that {@link JobJars} can ship the classes that live in no jar.
 */
final class Shipping {

    private Shipping() {
    }

    /** A value that cannot be shipped, with what to do about it. */
    static final class NotShippable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotShippable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The bytes of {@code value}, the function (or flow) of step {@code stepId}; the classes written go into
     * {@code classes}.
     *
     * @throws IllegalArgumentException naming the step, when something the value holds cannot be shipped
     */
    static byte[] freeze(String stepId, Object value, Set<Class<?>> classes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Out out = new Out(bytes, classes)) {
            out.writeObject(value);
        } catch (NotShippable e) {
            throw new IllegalArgumentException("step '" + stepId + "' must be shippable to Flink; got "
                    + e.getMessage(), e.getCause());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("step '" + stepId + "' must be shippable to Flink; got " + e
                    + " instead; " + HINT, e);
        }
        return bytes.toByteArray();
    }

    /** The value {@link #freeze} wrote, its classes loaded from {@code loader}. */
    static Object thaw(byte[] bytes, ClassLoader loader) {
        ClassLoader before = LOADER.get();
        LOADER.set(loader);
        try (In in = new In(new ByteArrayInputStream(bytes), loader)) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a shipped step must deserialize; got " + e + " instead", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a shipped step must find its classes; got " + e + " instead; the job's"
                    + " jars must hold every class the flow uses", e);
        } finally {
            LOADER.set(before);
            KRYO.remove();
        }
    }

    static final String HINT = "write lambdas where Eddy takes a function (its function types are Serializable), or"
            + " declare them with a type from dev.eddy.dataflow such as SerializableFunction; everything a function"
            + " captures must be serializable, a record or a plain object";

    /** The loader of the {@link #thaw} in progress on this thread, for the replacements' {@code readResolve}. */
    private static final ThreadLocal<ClassLoader> LOADER = new ThreadLocal<>();
    /** The Kryo of the {@link #thaw} in progress on this thread. */
    private static final ThreadLocal<Kryo> KRYO = new ThreadLocal<>();

    private static Kryo kryo(ClassLoader loader, Set<Class<?>> classes) {
        Kryo kryo = new Kryo(new DefaultClassResolver() {
            @Override
            public Registration registerImplicit(Class type) {
                if (classes != null) {
                    classes.add(type);
                }
                return super.registerImplicit(type);
            }
        }, new MapReferenceResolver());
        kryo.setRegistrationRequired(false);
        kryo.setReferences(true);
        kryo.setInstantiatorStrategy(new com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        UnmodifiableCollections.register(kryo);
        kryo.setClassLoader(loader);
        return kryo;
    }

    private static final class Out extends ObjectOutputStream {
        private final Set<Class<?>> classes;
        private final Set<Class<?>> checked = new HashSet<>();
        private Kryo kryo;

        Out(OutputStream out, Set<Class<?>> classes) throws IOException {
            super(out);
            this.classes = classes;
            enableReplaceObject(true);
        }

        @Override
        protected void annotateClass(Class<?> cl) {
            classes.add(cl);
        }

        @Override
        protected void annotateProxyClass(Class<?> cl) {
            classes.add(cl);
            classes.addAll(Arrays.asList(cl.getInterfaces()));
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (obj instanceof Path path) {
                return new ShippedPath(path.toAbsolutePath().toString());
            }
            if (obj instanceof Serializable) {
                return obj;
            }
            Class<?> type = obj.getClass();
            if (type.isHidden() || type.isSynthetic() || type.getName().contains("$$Lambda")) {
                throw new NotShippable("the lambda " + type.getName() + ", a "
                        + Arrays.stream(type.getInterfaces()).map(Class::getName).collect(Collectors.joining(" and "))
                        + " that is not Serializable, instead; " + HINT, null);
            }
            if (kryo == null) {
                kryo = kryo(Thread.currentThread().getContextClassLoader(), classes);
            }
            Output out = new Output(256, -1);
            try {
                kryo.writeClassAndObject(out, obj);
                kryo.reset();
                if (checked.add(type)) {
                    // Read the first of each type back here, so a copy that cannot be read fails now.
                    Kryo reader = kryo(type.getClassLoader() == null ? Shipping.class.getClassLoader()
                            : type.getClassLoader(), null);
                    reader.readClassAndObject(new Input(out.toBytes()));
                }
            } catch (RuntimeException | LinkageError e) {
                kryo = null;
                throw new NotShippable("a " + type.getName() + " that neither Java serialization nor Kryo can copy"
                        + " (" + e.getMessage() + ") instead; make it Serializable, or build it inside the function"
                        + " that uses it", e);
            }
            return new KryoCopy(out.toBytes());
        }
    }

    private static final class In extends ObjectInputStream {
        private final ClassLoader loader;

        In(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(desc.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(desc);
            }
        }
    }

    /** An object that is not {@link Serializable}, as Kryo wrote it. */
    private record KryoCopy(byte[] bytes) implements Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            Kryo kryo = KRYO.get();
            if (kryo == null) {
                ClassLoader loader = LOADER.get();
                kryo = kryo(loader != null ? loader : Shipping.class.getClassLoader(), null);
                KRYO.set(kryo);
            }
            try {
                return kryo.readClassAndObject(new Input(bytes));
            } finally {
                kryo.reset();
            }
        }
    }

    /** A {@link Path}, which is not {@link Serializable}, as its absolute path. */
    private record ShippedPath(String path) implements Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            return Path.of(path);
        }
    }
}
