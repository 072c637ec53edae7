package dev.eddy.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notebook's loader over Flink's jars: nothing until a cell asks for a Flink class, then one loader for all. */
class FlinkLibraryTest {

    @TempDir
    Path tmp;

    /** A flink-lib folder holding the Flink jars of this test's class path, as mvn package makes it. */
    private FlinkLibrary library() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve(FlinkLibrary.DIR));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (jar.getFileName().toString().startsWith("flink-") && entry.endsWith(".jar")) {
                Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar);
            }
        }
        Path classes = Path.of(FlinkLibrary.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new FlinkLibrary(classes, lib);
    }

    @Test
    void eddyAndJdkClassesLeaveFlinkUnloadedAndTheFirstFlinkClassMakesOneLoaderForRunnerAndFlink() throws Exception {
        FlinkLibrary flink = library();
        try (SnippetClassLoader notebook = new SnippetClassLoader(FlinkLibraryTest.class.getClassLoader(), flink)) {
            notebook.loadClass("dev.eddy.dataflow.Dataflow");
            notebook.loadClass("java.util.List");
            assertThat(flink.loaded()).as("no Flink loader before a Flink class is asked for").isFalse();

            Class<?> runner = notebook.loadClass("dev.eddy.flink.FlinkRunner");
            Class<?> env = notebook.loadClass("org.apache.flink.streaming.api.environment.StreamExecutionEnvironment");
            assertThat(flink.loaded()).isTrue();
            assertThat(runner.getClassLoader().getName()).isEqualTo("eddy-flink");
            assertThat(env.getClassLoader()).isSameAs(runner.getClassLoader());
            assertThat(runner.getClassLoader().loadClass("dev.eddy.dataflow.Dataflow"))
                    .as("Eddy's core is the notebook's, shared with the cells").isSameAs(Class.forName(
                            "dev.eddy.dataflow.Dataflow"));
            List<URL> services = Collections.list(notebook.getResources(
                    "META-INF/services/org.apache.flink.core.execution.PipelineExecutorFactory"));
            assertThat(services).as("Flink's executors, found through the cells' context loader")
                    .anySatisfy(url -> assertThat(url.toString()).contains(FlinkLibrary.DIR));
        }
    }

    @Test
    void aKernelNotRunFromAJarHasNoFlinkLibrary() {
        assertThat(FlinkLibrary.find(Map.of())).isEmpty();
    }
}
