package dev.eddy.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KernelConfigTest {
    @Test
    void ijavasVariablesAreReadBesideEddysOwn() {
        KernelConfig config = KernelConfig.fromEnvironment(Map.of(
                "EDDY_CLASSPATH", "a.jar", "IJAVA_CLASSPATH", "lib/*.jar" + File.pathSeparator + "b.jar",
                "EDDY_COMPILER_OPTS", "-Xlint", "IJAVA_COMPILER_OPTS", "-parameters \"-Aa b\"",
                "EDDY_STARTUP_SCRIPT", "int e = 1;", "IJAVA_STARTUP_SCRIPT", "int i = 2;",
                "IJAVA_STARTUP_SCRIPTS_PATH", "init/*.jshell",
                "IJAVA_TIMEOUT", "30 SECONDS"));
        assertThat(config.classpath()).containsExactly("a.jar", "lib/*.jar", "b.jar");
        assertThat(config.compilerOptions()).containsExactly("-Xlint", "-parameters", "-Aa b");
        assertThat(config.startupCode()).containsExactly("int e = 1;", "int i = 2;");
        assertThat(config.startupScripts()).containsExactly("init/*.jshell");
        assertThat(config.timeout()).contains(Duration.ofSeconds(30));
    }

    @Test
    void aTimeoutIsMillisecondsByDefaultAndNoneBelowOne() {
        assertThat(KernelConfig.timeout("250")).contains(Duration.ofMillis(250));
        assertThat(KernelConfig.timeout("2 minutes")).contains(Duration.ofMinutes(2));
        assertThat(KernelConfig.timeout("-1")).isEmpty();
        assertThat(KernelConfig.timeout("0")).isEmpty();
        assertThat(KernelConfig.fromEnvironment(Map.of()).timeout()).isEmpty();
        assertThatThrownBy(() -> KernelConfig.timeout("soon"))
                .hasMessage("IJAVA_TIMEOUT must be a number of milliseconds or a number and a TimeUnit such as"
                        + " '30 SECONDS'; got 'soon' instead");
    }

    @Test
    void startupScriptFilesAndCodeRunBeforeTheFirstCell(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.jshell"), "int fromFile = 40;\n");
        KernelConfig config = KernelConfig.fromEnvironment(Map.of(
                "IJAVA_STARTUP_SCRIPTS_PATH", dir.toString().replace('\\', '/') + "/*.jshell",
                "IJAVA_STARTUP_SCRIPT", "int fromCode = fromFile + 2;"));
        EddyKernel kernel = new EddyKernel(config);
        try {
            assertThat(kernel.evalRaw("fromCode")).isEqualTo(42);
        } finally {
            kernel.onShutdown(false);
        }
    }

    @Test
    void aStatementOverTheTimeoutStopsTheCellWithATimeoutError() throws Exception {
        EddyKernel kernel = new EddyKernel(KernelConfig.fromEnvironment(Map.of("IJAVA_TIMEOUT", "300")));
        try {
            EvalResult r = kernel.runCell("int done = 0;\nThread.sleep(20_000);\ndone = 1;", "In[1]");
            assertThat(r).isInstanceOf(EvalResult.Thrown.class);
            ErrorLines error = ErrorLines.of(r, "In[1]");
            assertThat(error.name()).isEqualTo("TimeoutException");
            assertThat(error.value()).isEqualTo("a statement must finish within IJAVA_TIMEOUT; got still running"
                    + " after 300 milliseconds instead");
            assertThat(kernel.evalRaw("done")).as("the cell stopped at the statement").isEqualTo(0);
            assertThat(kernel.evalRaw("List.of(1, 2).size()")).isEqualTo(2);
        } finally {
            kernel.onShutdown(false);
        }
    }
}
