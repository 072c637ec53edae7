package dev.eddy.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class KernelExtensionDiscoveryTest {
    private static EddyKernel kernel;

    @BeforeAll
    static void start() {
        kernel = new EddyKernel(KernelConfig.defaults());
    }

    @AfterAll
    static void stop() {
        kernel.onShutdown(false);
    }

    @Test
    void extensionInAJarAddedAtRuntimeRegistersItsRendererAndMagicOnce(@TempDir Path dir) throws Exception {
        Path jar = buildExtensionJar(dir);
        kernel.getMagics().applyLineMagic("classpath", List.of(jar.toString()));

        DisplayData shown = kernel.eval("new demo.lib.Money(5)");
        assertThat(shown.getData(MIMEType.TEXT_HTML)).isEqualTo("<b>5 EUR</b>");
        assertThat((Object) kernel.getMagics().applyLineMagic("money", List.of("7"))).hasToString("7 EUR");

        kernel.addToClasspath(List.of(jar)); // a second classpath change re-runs discovery
        assertThat(kernel.evalRaw("demo.lib.MoneyJupyter.installs")).isEqualTo(1);
    }

    private static Path buildExtensionJar(Path dir) throws IOException {
        Path src = dir.resolve("src/demo/lib");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Money.java"), """
                package demo.lib;
                public record Money(int amount) { public String toString() { return amount + " EUR"; } }
                """);
        Files.writeString(src.resolve("MoneyJupyter.java"), """
                package demo.lib;
                import dev.eddy.kernel.api.*;
                import io.github.spencerpark.jupyter.kernel.BaseKernel;
                import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
                public final class MoneyJupyter implements KernelExtension {
                    public static int installs;
                    public void install(BaseKernel kernel) {
                        installs++;
                        kernel.getRenderer().createRegistration(Money.class).preferring(MIMEType.TEXT_HTML)
                              .register((m, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> "<b>" + m + "</b>"));
                        KernelMagics.registerLineMagic(kernel, "money", args -> new Money(Integer.parseInt(args.get(0))));
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("Money.java").toString(), src.resolve("MoneyJupyter.java").toString());
        assertThat(rc).isZero();
        Path jar = dir.resolve("moneylib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.eddy.kernel.api.KernelExtension"));
            write(out, "demo.lib.MoneyJupyter\n");
            out.closeEntry();
        }
        return jar;
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
