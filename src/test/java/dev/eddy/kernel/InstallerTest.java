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
        assertThat(json).doesNotContain("@");
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
