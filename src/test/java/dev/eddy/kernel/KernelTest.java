package dev.eddy.kernel;

import dev.eddy.kernel.api.Interrupts;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.DisplayDataRenderable;
import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KernelTest {
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
    void startupImportsAreInPlaceBeforeTheFirstCell() throws Exception {
        assertThat(kernel.evalRaw("LocalDate.of(2024, 1, 2).plusDays(1)").toString()).isEqualTo("2024-01-03");
        assertThat(kernel.evalRaw("IntStream.rangeClosed(1, 2).map(x -> x * 10).boxed().collect(Collectors.toList())"))
                .isEqualTo(List.of(10, 20));
        assertThat(kernel.evalRaw("new Dataflow(\"first_cell\")").toString()).startsWith("Dataflow(first_cell");
    }

    @Test
    void streamAndClockNameEddysTypesInCells() throws Exception {
        assertThat(kernel.evalRaw("Stream.class.getName()")).isEqualTo("dev.eddy.dataflow.Stream");
        assertThat(kernel.evalRaw("Clock.class.getName()")).isEqualTo("dev.eddy.windowing.Clock");
        assertThat(kernel.evalRaw("java.util.stream.Stream.of(3).count()")).isEqualTo(1L);
    }

    @Test
    void displayHelpersAreImportedStatically() throws Exception {
        DisplayData html = (DisplayData) kernel.evalRaw("render(\"<i>x</i>\", \"text/html\")");
        assertThat(html.getData(MIMEType.TEXT_HTML)).isEqualTo("<i>x</i>");
    }

    @Test
    void isCompleteAnswersWithBasekernelsWords() {
        assertThat(kernel.isComplete("int a = 1;")).isEqualTo("complete");
        assertThat(kernel.isComplete("int a = ;")).isEqualTo("invalid");
        assertThat(kernel.isComplete("void f() {")).isEqualTo("    ");
    }

    @Test
    void completionOfMagicNames() {
        ReplacementOptions options = kernel.complete("%mav", 4);
        assertThat(options.getReplacements()).containsExactly("maven", "mavenRepo");
        assertThat(options.getSourceStart()).isEqualTo(1);
    }

    @Test
    void inspectGivesPlainTextAndEscapedHtml() throws Exception {
        DisplayData doc = kernel.inspect("Math.max(", 6, false);
        assertThat((String) doc.getData(MIMEType.TEXT_PLAIN)).contains("max(int");
        assertThat((String) doc.getData(MIMEType.TEXT_HTML)).startsWith("<pre>");
    }

    @Test
    void lineMagicsRunBetweenJavaLines() {
        EvalResult r = kernel.runCell("int before = 1;\n%lsmagic\n", "In[1]");
        assertThat(((EvalResult.Value) r).value().toString()).contains("%maven", "%classpath", "%%time");
    }

    @Test
    void timeMagicRunsTheCodeAndKeepsItsValue() {
        EvalResult line = kernel.runCell("%time 20 + 22", "In[1]");
        assertThat(((EvalResult.Value) line).value()).isEqualTo(42);
        EvalResult cell = kernel.runCell("%%time\nint t = 2;\nt * 3", "In[2]");
        assertThat(((EvalResult.Value) cell).value()).isEqualTo(6);
    }

    @Test
    void timeMagicTellsCompileTimeFromRunTime() {
        var out = new java.io.ByteArrayOutputStream();
        var was = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            kernel.runCell("%%time\nThread.sleep(300);\nint slept = 1;", "In[1]");
        } finally {
            System.setOut(was);
        }
        var times = java.util.regex.Pattern.compile("Wall time: ([0-9.]+) (ms|s) \\(compile [0-9.]+ (µs|ms|s), run ([0-9.]+) (ms|s)\\)")
                .matcher(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(times.find()).as("a %%time line in: " + out).isTrue();
        double run = Double.parseDouble(times.group(4)) * (times.group(5).equals("s") ? 1000 : 1);
        double wall = Double.parseDouble(times.group(1)) * (times.group(2).equals("s") ? 1000 : 1);
        assertThat(run).isGreaterThanOrEqualTo(300).isLessThanOrEqualTo(wall);
    }

    @Test
    void loadMagicRunsAJavaFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("Helper.java"), "int triple(int x) { return 3 * x; }\n");
        kernel.runCell("%load " + file, "In[1]");
        assertThat(kernel.evalRaw("triple(5)")).isEqualTo(15);
    }

    @Test
    void unknownMagicIsAnError() {
        EvalResult r = kernel.runCell("%nosuchmagic", "In[1]");
        assertThat(r).isInstanceOf(EvalResult.Thrown.class);
    }

    @Test
    void duplicateMagicNameIsRejected() {
        assertThatThrownBy(() -> kernel.getMagics().registerLineMagic("maven", args -> null))
                .hasMessageContaining("magic name must be unique; got %maven a second time");
    }

    @Test
    void mavenMagicNamesAMissingArtifactClearly(@TempDir Path repo) {
        MavenResolver offline = new MavenResolver(repo, true);
        assertThatThrownBy(() -> offline.resolve("dev.eddy.example:does-not-exist:1.0"))
                .hasMessageContaining("dev.eddy.example:does-not-exist:1.0 must resolve from Maven Central")
                .hasMessageContaining("offline");
        assertThatThrownBy(() -> offline.resolve("not-coordinates"))
                .hasMessageContaining("Maven coordinates must be group:artifact");
    }

    @Test
    void mavenResolvesTransitivelyFromTheLocalRepository(@TempDir Path dir) throws Exception {
        Path repo = LocalMavenRepo.create(dir);     // the test's own repository, so ~/.m2 plays no part
        List<Path> jars = new MavenResolver(repo, true).resolve("test.eddy:greeter:1.0");
        assertThat(jars).extracting(p -> p.getFileName().toString()).containsExactly("greeter-1.0.jar", "words-1.0.jar");
        assertThat(jars).allMatch(p -> p.startsWith(repo));
    }

    @Test
    void mavenResolvesTransitivelyFromAnAddedRepository(@TempDir Path dir) throws Exception {
        MavenResolver resolver = new MavenResolver(dir.resolve("local"), false);
        resolver.addRepository("files", LocalMavenRepo.create(dir).toUri().toString());
        assertThat(resolver.resolve("test.eddy:greeter:1.0")).extracting(p -> p.getFileName().toString())
                .containsExactly("greeter-1.0.jar", "words-1.0.jar");
        assertThatThrownBy(() -> resolver.addRepository("central", "https://example.org/"))
                .hasMessageContaining("a Maven repository id must be a word other than 'central'");
        assertThatThrownBy(() -> resolver.addRepository("x", "ftp://example.org/"))
                .hasMessageContaining("Maven repository x must have an http, https or file URL; got 'ftp://example.org/'");
    }

    @Test
    void centralUrlComesFromMavensSuperPom() {
        assertThat(MavenResolver.centralUrl()).startsWith("https://").contains("maven2");
    }

    @Test
    void aValueWhoseToStringRecursesFailsTheCellNamingTheValueAndTheKernelCarriesOn() throws Exception {
        DisplayData data = kernel.renderValue(new Cyclic());
        assertThat(data).isInstanceOf(RenderFailure.class);
        ErrorLines error = ((RenderFailure) data).errorLines();
        assertThat(error.name()).isEqualTo("StackOverflowError");
        assertThat(error.value()).contains("a " + Cyclic.class.getName(), "Cyclic.toString", "cyclic references?");
        assertThat(kernel.evalRaw("6 * 7")).isEqualTo(42);
    }

    @Test
    void aValueWhoseToStringThrowsFailsTheCellNamingTheValueAndTheException() {
        DisplayData data = kernel.renderValue(new Throwing());
        assertThat(data).isInstanceOf(RenderFailure.class);
        ErrorLines error = ((RenderFailure) data).errorLines();
        assertThat(error.name()).isEqualTo("IllegalStateException");
        assertThat(error.value()).contains("a " + Throwing.class.getName(), "IllegalStateException (no text)",
                "Throwing.toString");
        assertThat(error.traceback().get(0)).contains("java.lang.IllegalStateException");
    }

    @Test
    void anExceptionWhoseGetMessageThrowsStillGivesErrorLines() {
        RuntimeException odd = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new UnsupportedOperationException();
            }
        };
        ErrorLines error = ErrorLines.of(new EvalResult.Thrown(odd, List.of("odd")), "In[1]");
        assertThat(error.value()).isEqualTo("(its getMessage threw UnsupportedOperationException)");
    }

    @Test
    void anInterruptReachesTheRegisteredListenersEvenWithNoCellRunning() throws Exception {
        AtomicInteger heard = new AtomicInteger();
        Interrupts.Registration registration = Interrupts.onInterrupt(kernel, heard::incrementAndGet);
        kernel.interrupt();
        assertThat(heard).hasValue(1);
        registration.close();
        kernel.interrupt();
        assertThat(heard).as("a closed registration hears nothing").hasValue(1);
        assertThat(kernel.evalRaw("1 + 2")).as("an interrupt with no cell running spares the next cell").isEqualTo(3);
    }

    /** Shows itself as HTML and leaves text/plain to its toString, which runs round a cycle forever. */
    static final class Cyclic implements DisplayDataRenderable {
        private final Cyclic next = this;

        @Override
        public Set<MIMEType> getPreferredRenderTypes() {
            return Set.of(MIMEType.TEXT_HTML);
        }

        @Override
        public void render(RenderContext context) {
            context.renderIfRequested(MIMEType.TEXT_HTML, () -> "<b>cyclic</b>");
        }

        @Override
        public String toString() {
            return "Cyclic -> " + next;
        }
    }

    /** Shows itself as HTML and leaves text/plain to its toString, which throws. */
    static final class Throwing implements DisplayDataRenderable {
        @Override
        public Set<MIMEType> getPreferredRenderTypes() {
            return Set.of(MIMEType.TEXT_HTML);
        }

        @Override
        public void render(RenderContext context) {
            context.renderIfRequested(MIMEType.TEXT_HTML, () -> "<b>throwing</b>");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("no text");
        }
    }
}
