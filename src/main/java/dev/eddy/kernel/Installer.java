package dev.eddy.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Installs the kernelspec: {@code kernel.json} with absolute paths, the logos, and a copy of the kernel jar, in
 * {@code <jupyter data dir>/kernels/<name>}. Needs no Python, except to find {@code sys.prefix} for
 * {@code --sys-prefix} outside an activated virtual environment.
 */
final class Installer {
    static final String JAR_NAME = "eddy-kernel.jar";
    /** What every kernel JVM runs with: System.exit is caught through a security manager; the serial collector. */
    static final List<String> BASE_JVM_OPTIONS = List.of("-Djava.security.manager=allow", "-XX:+UseSerialGC");
    /**
     * The kernel's heap limit unless {@code --java-opts} or {@code EDDY_JAVA_OPTS} say otherwise: without one the
     * JVM takes a quarter of the machine's memory and, after one cell ran out of it, keeps it all.
     */
    static final String DEFAULT_HEAP = "-Xmx2g";
    /**
     * The POSIX shell line {@code kernel.json} starts the kernel with: it puts {@code $EDDY_JAVA_OPTS} and
     * {@code $IJAVA_JVM_OPTS} (split at spaces) before {@code -jar}, after the installed options so they win, then
     * {@code exec}s the JVM, which keeps the shell's process id for Jupyter's signals. No second JVM starts.
     */
    static final String LAUNCHER = "set -f; n=$#; for a do if [ \"$a\" = -jar ]; then"
            + " set -- \"$@\" $EDDY_JAVA_OPTS $IJAVA_JVM_OPTS; fi; set -- \"$@\" \"$a\"; done; shift \"$n\"; exec \"$@\"";
    private static final String EXT = "/dev/eddy/kernel/ext/";

    private final Path jar;
    private final Path java;
    private final Map<String, String> env;
    private final boolean posix;

    Installer(Path jar, Path java, Map<String, String> env) {
        this(jar, java, env, !System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows"));
    }

    /** {@code posix}: whether {@code /bin/sh} starts the kernel, reading {@code EDDY_JAVA_OPTS}. */
    Installer(Path jar, Path java, Map<String, String> env, boolean posix) {
        this.jar = jar;
        this.java = java;
        this.env = env;
        this.posix = posix;
    }

    /** An installer for the jar this code runs from and the {@code java} running it. */
    static Installer forRunningJar() {
        Path jar;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the kernel's location must be a file path", e);
        }
        if (!Files.isRegularFile(jar))
            throw new IllegalStateException("install must run from the kernel jar; got " + jar + " instead; "
                    + "build it with mvn package and run java -jar target/" + JAR_NAME + " install");
        Path java = ProcessHandle.current().info().command().map(Path::of)
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        return new Installer(jar, java, System.getenv());
    }

    Path install(InstallOptions options) {
        Path dir = specDir(options);
        try {
            if (Files.exists(dir)) {
                if (!options.replace())
                    throw new IllegalStateException("kernelspec folder must not exist yet; got existing " + dir
                            + " instead; pass --replace to overwrite it");
                deleteTree(dir);
            }
            Files.createDirectories(dir);
            Path installedJar = dir.resolve(JAR_NAME);
            Files.copy(jar, installedJar, StandardCopyOption.REPLACE_EXISTING);
            copyFlinkLibrary(installedJar);
            for (String logo : new String[]{"logo-32x32.png", "logo-64x64.png"}) copyResource(logo, dir.resolve(logo));
            List<String> jvmOptions = jvmOptions(options.javaOptions());
            Optional<Path> archive = ClassArchive.create(java, installedJar, jvmOptions);
            if (archive.isPresent()) jvmOptions.add("-XX:SharedArchiveFile=" + archive.get().toAbsolutePath());
            Files.writeString(dir.resolve("kernel.json"), kernelJson(installedJar, options.displayName(), jvmOptions));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("kernelspec folder " + dir + " must be writable", e);
        }
    }

    /**
     * Puts Flink's jars from the {@value FlinkLibrary#DIR} folder beside the built jar ({@code mvn package} fills
     * {@code target/flink-lib}) beside the installed jar, where the kernel looks for them on its first Flink cell;
     * hard links where the file system allows, copies elsewhere. Nothing when the build has no such folder.
     */
    private void copyFlinkLibrary(Path installedJar) throws IOException {
        Path from = jar.resolveSibling(FlinkLibrary.DIR);
        if (!Files.isDirectory(from)) return;
        Path to = Files.createDirectories(installedJar.resolveSibling(FlinkLibrary.DIR));
        try (Stream<Path> jars = Files.list(from)) {
            for (Path each : jars.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(each.getFileName().toString());
                try {
                    Files.createLink(target, each);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(each, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The kernel JVM's options: {@link #BASE_JVM_OPTIONS}, {@link #DEFAULT_HEAP}, then {@code javaOptions}. */
    static List<String> jvmOptions(List<String> javaOptions) {
        List<String> options = new ArrayList<>(BASE_JVM_OPTIONS);
        options.add(DEFAULT_HEAP);
        options.addAll(javaOptions);
        return options;
    }

    /** The kernelspec's argv: {@code java}, {@code jvmOptions}, the jar; through {@link #LAUNCHER} on POSIX. */
    List<String> argv(Path installedJar, List<String> jvmOptions) {
        List<String> argv = new ArrayList<>();
        if (posix) argv.addAll(List.of("/bin/sh", "-c", LAUNCHER, "eddy-kernel"));
        argv.add(java.toAbsolutePath().toString());
        argv.addAll(jvmOptions);
        argv.addAll(List.of("-jar", installedJar.toAbsolutePath().toString(), "{connection_file}"));
        return argv;
    }

    Path uninstall(InstallOptions options) {
        Path dir = specDir(options);
        if (!Files.isRegularFile(dir.resolve("kernel.json")))
            throw new IllegalStateException("uninstall must find a kernelspec; got no " + dir.resolve("kernel.json")
                    + " instead");
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    String kernelJson(Path installedJar, String displayName, List<String> jvmOptions) {
        String argv = argv(installedJar, jvmOptions).stream().map(Installer::json)
                .collect(Collectors.joining(",\n    ", "[\n    ", "\n  ]"));
        return resource("kernel.json").replace("\"@ARGV@\"", argv).replace("\"@DISPLAY_NAME@\"", json(displayName));
    }

    Path specDir(InstallOptions options) {
        Path data = switch (options.target()) {
            case USER -> userDataDir();
            case PREFIX -> options.prefix().toAbsolutePath().resolve("share").resolve("jupyter");
            case SYS_PREFIX -> sysPrefix().resolve("share").resolve("jupyter");
        };
        return data.resolve("kernels").resolve(options.name());
    }

    private Path userDataDir() {
        String custom = env.get("JUPYTER_DATA_DIR");
        if (custom != null && !custom.isBlank()) return Path.of(custom);
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) return Path.of(home, "Library", "Jupyter");
        if (os.contains("win")) return Path.of(env.getOrDefault("APPDATA", home), "jupyter");
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("jupyter");
    }

    private Path sysPrefix() {
        String venv = env.get("VIRTUAL_ENV");
        if (venv != null && !venv.isBlank()) return Path.of(venv);
        String conda = env.get("CONDA_PREFIX");
        if (conda != null && !conda.isBlank()) return Path.of(conda);
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.prefix)").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty()) return Path.of(out);
            throw new IllegalStateException("--sys-prefix must find python3's sys.prefix; got '" + out + "' instead");
        } catch (IOException e) {
            throw new IllegalStateException("--sys-prefix must find python3 on PATH or $VIRTUAL_ENV; got neither "
                    + "instead; activate the environment or use --prefix", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking python3 for sys.prefix", e);
        }
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = Installer.class.getResourceAsStream(EXT + name)) {
            if (in == null) throw new IllegalStateException("the kernel jar must contain " + EXT + name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String resource(String name) {
        try (InputStream in = Installer.class.getResourceAsStream(EXT + name)) {
            if (in == null) throw new IllegalStateException("the kernel jar must contain " + EXT + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
