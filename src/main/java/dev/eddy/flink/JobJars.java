package dev.eddy.flink;

import dev.eddy.dataflow.Dataflow;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The jars a job needs on a cluster: Eddy's own jar (a jar of its classes directory when Eddy runs from one), the
 * jars that hold the flow's classes, and one jar of the classes that live in no jar, such as the classes of
 * JShell snippets, which the kernel's class loader serves as resources. Which classes a flow needs is found from
 * the classes its serialized steps name, then from every class each of those refers to in its bytecode; the JDK's,
 * Flink's and what Flink itself ships (Kryo, logging) are left to the cluster.
 */
final class JobJars {

    private JobJars() {
    }

    /** Packages a Flink cluster has itself: the JDK, Flink, and the libraries of Flink's own class path. */
    private static final List<String> CLUSTER_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "org.apache.flink.", "com.esotericsoftware.", "org.objenesis.", "org.slf4j.", "org.apache.logging.log4j.",
            "org.apache.log4j.", "scala.");

    private static final Map<Path, Path> DIRECTORY_JARS = new LinkedHashMap<>();

    /** What a job built from {@code classes} needs: the jars to ship, and the loose classes' bytes by entry name. */
    record Contents(List<Path> jars, Map<String, byte[]> looseClasses) {
    }

    /** Finds the jars and loose classes that {@code classes}, and every class they refer to, come from. */
    static Contents of(Set<Class<?>> classes) {
        return of(classes, null);
    }

    /**
     * {@link #of}, leaving out every class {@code visible} already finds (for a MiniCluster in this JVM, whose
     * jobs see this JVM's class path), or nothing when {@code visible} is {@code null}.
     */
    static Contents of(Set<Class<?>> classes, ClassLoader visible) {
        Path eddy = location(Dataflow.class);
        Set<Path> jars = new LinkedHashSet<>();
        if (visible == null) {
            jars.add(eddy);
        }
        Map<String, byte[]> loose = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Deque<Pending> todo = new ArrayDeque<>();
        for (Class<?> c : classes) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (!c.isPrimitive() && c.getClassLoader() != null) {
                todo.add(new Pending(c.getName(), c.getClassLoader()));
            }
        }
        while (!todo.isEmpty()) {
            Pending p = todo.pop();
            if (!seen.add(p.name()) || onCluster(p.name())) {
                continue;
            }
            String entry = p.name().replace('.', '/') + ".class";
            URL url = p.loader().getResource(entry);
            if (url == null || (visible != null && visible.getResource(entry) != null)) {
                continue;
            }
            byte[] bytes;
            try (InputStream in = url.openStream()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("class " + p.name() + " must be readable to ship it; got " + e
                        + " instead", e);
            }
            Path from = origin(url, entry);
            if (from == null || (Files.isDirectory(from) && !from.equals(eddy))) {
                loose.put(entry, bytes);
            } else {
                jars.add(from);
            }
            for (String ref : classRefs(bytes)) {
                todo.add(new Pending(ref, p.loader()));
            }
        }
        List<Path> out = new ArrayList<>();
        for (Path jar : jars) {
            out.add(Files.isDirectory(jar) ? jarOfDirectory(jar) : jar);
        }
        return new Contents(out, loose);
    }

    /** The job jars for {@code classes}: {@link #of}'s jars, plus a jar of the loose classes when there are any. */
    static List<Path> jarsFor(Set<Class<?>> classes, List<Path> extra) {
        return jarsFor(of(classes), extra);
    }

    /** The jars of {@code contents}, with its loose classes in a jar of their own, and {@code extra}. */
    static List<Path> jarsFor(Contents contents, List<Path> extra) {
        List<Path> out = new ArrayList<>(contents.jars());
        if (!contents.looseClasses().isEmpty()) {
            try {
                Path jar = Files.createTempFile("eddy-classes-", ".jar");
                jar.toFile().deleteOnExit();
                try (OutputStream file = Files.newOutputStream(jar);
                     JarOutputStream out2 = new JarOutputStream(file, manifest(null))) {
                    for (Map.Entry<String, byte[]> e : contents.looseClasses().entrySet()) {
                        put(out2, e.getKey(), e.getValue());
                    }
                }
                out.add(jar);
            } catch (IOException e) {
                throw new UncheckedIOException("the job's jar of loose classes must be written; got " + e
                        + " instead", e);
            }
        }
        for (Path jar : extra) {
            if (!out.contains(jar)) {
                out.add(jar);
            }
        }
        return out;
    }

    private record Pending(String name, ClassLoader loader) {
    }

    private static boolean onCluster(String name) {
        for (String prefix : CLUSTER_PACKAGES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Where a class's bytes come from: a jar, a classes directory, or {@code null} for neither. */
    private static Path origin(URL url, String entry) {
        try {
            if (url.getProtocol().equals("jar")) {
                return Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
            }
            if (url.getProtocol().equals("file")) {
                Path file = Path.of(url.toURI());
                Path root = file;
                for (int i = 0; i < entry.split("/").length && root != null; i++) {
                    root = root.getParent();
                }
                return root;
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /** The jar or directory that holds {@code type}. */
    static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException(type.getName() + " must come from a jar or a directory to ship it; got "
                    + e + " instead", e);
        }
    }

    /** A jar of everything under {@code dir}, built once per directory and JVM. */
    static synchronized Path jarOfDirectory(Path dir) {
        Path jar = DIRECTORY_JARS.get(dir);
        if (jar != null) {
            return jar;
        }
        try {
            jar = Files.createTempFile("eddy-" + dir.getFileName() + "-", ".jar");
            jar.toFile().deleteOnExit();
            try (OutputStream file = Files.newOutputStream(jar);
                 JarOutputStream out = new JarOutputStream(file, manifest(null));
                 Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    String name = dir.relativize(f).toString().replace('\\', '/');
                    if (!name.equals("META-INF/MANIFEST.MF")) {
                        put(out, name, Files.readAllBytes(f));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a jar of " + dir + " must be written to ship it; got " + e + " instead", e);
        }
        DIRECTORY_JARS.put(dir, jar);
        return jar;
    }

    /**
     * Writes one jar of everything {@code contents} lists (the jars' entries merged, the first of each name
     * kept, signatures dropped) plus {@code resources}, with {@code mainClass} as its Main-Class.
     */
    static void writeFatJar(Path target, Contents contents, Map<String, byte[]> resources, String mainClass) {
        Set<String> names = new HashSet<>();
        try (OutputStream file = Files.newOutputStream(target);
             JarOutputStream out = new JarOutputStream(file, manifest(mainClass))) {
            names.add("META-INF/MANIFEST.MF");
            for (Map.Entry<String, byte[]> e : resources.entrySet()) {
                names.add(e.getKey());
                put(out, e.getKey(), e.getValue());
            }
            for (Map.Entry<String, byte[]> e : contents.looseClasses().entrySet()) {
                if (names.add(e.getKey())) {
                    put(out, e.getKey(), e.getValue());
                }
            }
            for (Path jar : contents.jars()) {
                try (JarFile in = new JarFile(jar.toFile())) {
                    for (JarEntry entry : (Iterable<JarEntry>) in.stream()::iterator) {
                        String name = entry.getName();
                        if (entry.isDirectory() || signature(name) || !names.add(name)) {
                            continue;
                        }
                        try (InputStream bytes = in.getInputStream(entry)) {
                            put(out, name, bytes.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("job jar " + target + " must be written; got " + e + " instead", e);
        }
    }

    private static boolean signature(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("META-INF/") && (upper.endsWith(".SF") || upper.endsWith(".DSA")
                || upper.endsWith(".RSA") || upper.endsWith(".EC") || upper.equals("META-INF/INDEX.LIST"));
    }

    private static Manifest manifest(String mainClass) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        return manifest;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        JarEntry entry = new JarEntry(name);
        entry.setTime(0);
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }

    /** The binary names of the classes a class file's constant pool refers to. */
    static Set<String> classRefs(byte[] classFile) {
        Set<String> out = new LinkedHashSet<>();
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile))) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classNames = new ArrayList<>();
            List<Integer> descriptors = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNames.add(in.readUnsignedShort());
                    case 16 -> descriptors.add(in.readUnsignedShort());
                    case 8, 19, 20 -> in.readUnsignedShort();
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            for (int index : classNames) {
                String name = utf8[index];
                if (name != null) {
                    if (name.startsWith("[")) {
                        descriptorClasses(name, out);
                    } else {
                        out.add(name.replace('/', '.'));
                    }
                }
            }
            // Every other UTF-8 entry may be a descriptor or signature naming classes (fields, methods, lambdas).
            for (String s : utf8) {
                if (s != null && s.indexOf('L') >= 0 && s.indexOf(';') > 0) {
                    descriptorClasses(s, out);
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static void descriptorClasses(String descriptor, Set<String> out) {
        int i = 0;
        while ((i = descriptor.indexOf('L', i)) >= 0) {
            int end = descriptor.indexOf(';', i);
            if (end < 0) {
                return;
            }
            String name = descriptor.substring(i + 1, end);
            int generic = name.indexOf('<');
            int next = end + 1;
            if (generic >= 0) {
                name = name.substring(0, generic);
                next = i + 1 + generic;
            }
            if (!name.isEmpty() && name.chars().allMatch(ch -> Character.isJavaIdentifierPart(ch) || ch == '/'
                    || ch == '$')) {
                out.add(name.replace('/', '.'));
            }
            i = next;
        }
    }
}
