package dev.eddy.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstallerTest {
    @TempDir
    Path tmp;

    private Installer installer() throws Exception {
        Path jar = Files.writeString(tmp.resolve("built.jar"), "jar bytes");
        return new Installer(jar, Path.of("/opt/jdk 17/bin/java"), Map.of("VIRTUAL_ENV", tmp.resolve("venv").toString()));
    }

    @Test
    void installIntoAPrefixWritesKernelJsonWithAbsolutePathsLogosAndTheJar() throws Exception {
        Path dir = installer().install(InstallOptions.parse(List.of("--prefix", tmp.resolve("p").toString())));

        assertThat(dir).isEqualTo(tmp.resolve("p/share/jupyter/kernels/eddy"));
        assertThat(dir.resolve("eddy-kernel.jar")).hasContent("jar bytes");
        assertThat(dir.resolve("logo-32x32.png")).isNotEmptyFile();
        assertThat(dir.resolve("logo-64x64.png")).isNotEmptyFile();
        String json = Files.readString(dir.resolve("kernel.json"));
        assertThat(json).contains("\"/opt/jdk 17/bin/java\"", "\"" + dir.resolve("eddy-kernel.jar") + "\"",
                "\"{connection_file}\"", "\"display_name\": \"Java (Eddy)\"", "\"interrupt_mode\": \"message\"",
                "\"language\": \"java\"");
        assertThat(json).doesNotContainPattern("@[A-Z_]+@").as("no archive without a JVM to make it").doesNotContain("SharedArchive");
    }

    @Test
    void installCarriesFlinksJarsFromBesideTheBuiltJarIntoTheKernelspecSoAnInstalledKernelRunsOnFlink() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("flink-lib"));
        Files.writeString(lib.resolve("flink-core-2.3.0.jar"), "flink core");
        Files.writeString(lib.resolve("kryo-5.6.2.jar"), "kryo");
        Installer installer = installer();
        Path first = installer.install(InstallOptions.parse(List.of("--prefix", tmp.resolve("p").toString())));
        assertThat(first.resolve("flink-lib/flink-core-2.3.0.jar")).hasContent("flink core");
        assertThat(first.resolve("flink-lib/kryo-5.6.2.jar")).hasContent("kryo");

        Files.delete(lib.resolve("kryo-5.6.2.jar"));
        Path again = installer.install(InstallOptions.parse(List.of("--prefix", tmp.resolve("p").toString(), "--replace")));
        assertThat(again.resolve("flink-lib")).as("a reinstall holds what the build holds now")
                .isDirectoryNotContaining("glob:**/kryo-5.6.2.jar");
        assertThat(again.resolve("flink-lib/flink-core-2.3.0.jar")).hasContent("flink core");
    }

    @Test
    void installWithoutFlinksJarsBesideTheBuiltJarInstallsNoFlinkLibrary() throws Exception {
        Path dir = installer().install(InstallOptions.parse(List.of("--prefix", tmp.resolve("p").toString())));
        assertThat(dir.resolve("flink-lib")).doesNotExist();
    }

    @Test
    void theKernelJvmGetsTheDefaultHeapLimitThenTheInstallOptionsBeforeTheJar() throws Exception {
        List<String> options = Installer.jvmOptions(InstallOptions.parse(List.of("--java-opts", "-Xmx8g -ea")).javaOptions());
        assertThat(options).containsExactly("-Djava.security.manager=allow", "-XX:+UseSerialGC", "-Xmx2g", "-Xmx8g", "-ea");
        String json = installer().kernelJson(Path.of("/k/eddy-kernel.jar"), "Java (Eddy)", options);
        assertThat(json).containsSubsequence("\"/bin/sh\"", "\"-c\"", "\"eddy-kernel\"", "\"/opt/jdk 17/bin/java\"",
                "\"-Xmx2g\"", "\"-Xmx8g\"", "\"-ea\"", "\"-jar\"", "\"/k/eddy-kernel.jar\"", "\"{connection_file}\"");
        assertThat(new Installer(tmp, Path.of("java"), Map.of(), false).argv(Path.of("/k/e.jar"), List.of("-Xmx2g")))
                .as("without a POSIX shell, java itself").startsWith(Path.of("java").toAbsolutePath().toString(), "-Xmx2g");
    }

    @Test
    void javaOptsMustBeOptions() {
        assertThatThrownBy(() -> InstallOptions.parse(List.of("--java-opts", "-Xmx1g 2g")))
                .hasMessage("--java-opts must be JVM options each starting with '-'; got '2g' in '-Xmx1g 2g' instead");
    }

    /** Runs the kernelspec's argv with a jar whose main prints the JVM's heap limit in MB and its arguments. */
    private String launch(List<String> installed, Map<String, String> env) throws Exception {
        Path src = Files.writeString(Files.createDirectories(tmp.resolve("src")).resolve("Probe.java"),
                "public class Probe { public static void main(String[] a) {"
                        + " System.out.println(Runtime.getRuntime().maxMemory() / (1024 * 1024) + \" \" + String.join(\"|\", a)); } }");
        Path classes = tmp.resolve("classes");
        assertThat(javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.toString())).isZero();
        Path jar = tmp.resolve("a dir").resolve("probe.jar");
        Files.createDirectories(jar.getParent());
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, "Probe");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new java.util.jar.JarEntry("Probe.class"));
            out.write(Files.readAllBytes(classes.resolve("Probe.class")));
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> argv = new java.util.ArrayList<>(new Installer(jar, java, Map.of(), true)
                .argv(jar, Installer.jvmOptions(installed)));
        argv.set(argv.size() - 1, "/tmp/a connection file.json");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().remove("EDDY_JAVA_OPTS");
        pb.environment().remove("IJAVA_JVM_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void theLauncherAppliesTheHeapDefaultAndEddyJavaOptsWithoutASecondJvm() throws Exception {
        String plain = launch(List.of(), Map.of());
        assertThat(plain).endsWith(" /tmp/a connection file.json");
        assertThat(Long.parseLong(plain.split(" ")[0])).isBetween(1500L, 2048L);
        assertThat(Long.parseLong(launch(List.of(), Map.of("EDDY_JAVA_OPTS", "-Xmx300m -ea")).split(" ")[0]))
                .isBetween(200L, 300L);
        assertThat(Long.parseLong(launch(List.of("-Xmx1g"), Map.of("IJAVA_JVM_OPTS", "-Xmx200m")).split(" ")[0]))
                .as("the environment wins over the install options").isBetween(100L, 200L);
        assertThat(Long.parseLong(launch(List.of("-Xmx1g"), Map.of()).split(" ")[0])).isBetween(800L, 1024L);
    }

    @Test
    void sysPrefixMeansTheActiveVirtualEnvironment() throws Exception {
        Path dir = installer().install(InstallOptions.parse(List.of("--sys-prefix", "--name", "eddy-test")));
        assertThat(dir).isEqualTo(tmp.resolve("venv/share/jupyter/kernels/eddy-test"));
    }

    @Test
    void installRefusesToOverwriteWithoutReplace() throws Exception {
        Installer installer = installer();
        List<String> args = List.of("--prefix", tmp.toString());
        installer.install(InstallOptions.parse(args));
        assertThatThrownBy(() -> installer.install(InstallOptions.parse(args)))
                .hasMessageContaining("must not exist yet").hasMessageContaining("--replace");
        assertThat(installer.install(InstallOptions.parse(List.of("--prefix", tmp.toString(), "--replace")))).exists();
    }

    @Test
    void uninstallRemovesTheKernelspec() throws Exception {
        Installer installer = installer();
        InstallOptions options = InstallOptions.parse(List.of("--prefix", tmp.toString()));
        Path dir = installer.install(options);
        installer.uninstall(options);
        assertThat(dir).doesNotExist();
        assertThatThrownBy(() -> installer.uninstall(options)).hasMessageContaining("must find a kernelspec");
    }

    @Test
    void conflictingTargetsAreRejected() {
        assertThatThrownBy(() -> InstallOptions.parse(List.of("--user", "--sys-prefix")))
                .hasMessageContaining("one of --user, --prefix and --sys-prefix");
        assertThatThrownBy(() -> InstallOptions.parse(List.of("--prefix")))
                .hasMessage("--prefix must be followed by a value; got none instead");
    }
}
