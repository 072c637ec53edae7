package dev.eddy.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's import lines against the startup imports, each test in a kernel of its own. */
class StartupImportsTest {
    private EddyKernel kernel;

    @BeforeEach
    void start() {
        kernel = new EddyKernel(KernelConfig.defaults());
    }

    @AfterEach
    void stop() {
        kernel.onShutdown(false);
    }

    private Object value(String code) {
        EvalResult r = kernel.runCell(code, "In[1]");
        assertThat(r).as(code).isInstanceOf(EvalResult.Value.class);
        return ((EvalResult.Value) r).value();
    }

    /** Runs {@code code} and returns what it wrote to standard error. */
    private String stderrOf(String code) {
        value("0"); // the kernel has started and logged what it logs
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            value(code);
        } finally {
            System.setErr(before);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void reImportingTheFirstStartupPackageKeepsEveryOtherStartupImport() {
        value("List<Integer> before = List.of(7);");
        value("LocalDate day = LocalDate.of(2024, 5, 6);");
        value("import java.time.*;");
        value("import java.util.*;");
        assertThat(value("before.get(0)")).as("a variable declared before the import").isEqualTo(7);
        assertThat(value("day.getDayOfMonth()")).isEqualTo(6);
        assertThat(value("List.of(1, 2).size()")).isEqualTo(2);
        assertThat(value("new Dataflow(\"f\").toString()").toString()).startsWith("Dataflow(f");
        assertThat(value("getKernelInstance() == dev.eddy.kernel.api.Display.getKernelInstance()")).isEqualTo(true);
        assertThat(value("Clock.class.getName()")).isEqualTo("dev.eddy.windowing.Clock");
        assertThat(value("LocalDate.of(2024, 1, 2).toString()")).isEqualTo("2024-01-02");
    }

    @Test
    void reImportingEachStartupPackageKeepsTheOthers() {
        for (String pkg : List.of("java.time", "java.util", "java.util.function", "java.util.stream", "java.io",
                "java.math", "java.net", "java.util.concurrent", "java.util.prefs", "java.util.regex",
                "dev.eddy.dataflow", "dev.eddy.windowing", "dev.eddy.testing", "dev.eddy.io", "dev.eddy.runtime",
                "dev.eddy.notebook"))
            value("import " + pkg + ".*;");
        value("import static dev.eddy.kernel.api.Display.*;");
        assertThat(value("List.of(1).size() + IntStream.of(2).sum()")).isEqualTo(3);
        assertThat(value("Stream.class.getName()")).isEqualTo("dev.eddy.dataflow.Stream");
        assertThat(value("Clock.class.getName()")).isEqualTo("dev.eddy.windowing.Clock");
        assertThat(value("new Dataflow(\"g\").toString()").toString()).startsWith("Dataflow(g");
    }

    @Test
    void aUsersImportOfJavasStreamWinsForThatNameWithANoteAndBreaksNoOtherCell() {
        String note = stderrOf("import java.util.stream.Stream;");
        assertThat(note).contains("note: Stream now means java.util.stream.Stream")
                .contains("dev.eddy.dataflow.Stream");
        assertThat(note.strip().lines()).hasSize(1);
        assertThat(value("1 + 1")).isEqualTo(2);
        assertThat(value("Stream.of(1, 2, 3).count()")).isEqualTo(3L);
        assertThat(value("new Dataflow(\"h\").toString()").toString()).startsWith("Dataflow(h");
        value("import dev.eddy.dataflow.Stream;");
        assertThat(value("Stream.class.getName()")).isEqualTo("dev.eddy.dataflow.Stream");
    }

    @Test
    void aUsersImportOfJavasClockWinsForThatName() {
        assertThat(stderrOf("import java.time.Clock;")).contains("note: Clock now means java.time.Clock");
        assertThat(value("Clock.systemUTC().getZone().toString()")).isEqualTo("Z");
        assertThat(value("List.of(4).get(0)")).isEqualTo(4);
    }

    @Test
    void reImportingEddysOwnStreamPrintsNoNote() {
        assertThat(stderrOf("import dev.eddy.dataflow.Stream;")).isEmpty();
        assertThat(value("Stream.class.getName()")).isEqualTo("dev.eddy.dataflow.Stream");
    }

    @Test
    void ijavasDefaultImportsAreThere() {
        assertThat(value("new BigDecimal(\"1.50\").add(BigDecimal.ONE).toString()")).isEqualTo("2.50");
        assertThat(value("Pattern.compile(\"a+\").matcher(\"caaat\").find()")).isEqualTo(true);
        assertThat(value("new File(\"x.txt\").getName()")).isEqualTo("x.txt");
        assertThat(value("new ConcurrentHashMap<String, Integer>(Map.of(\"a\", 1)).get(\"a\")")).isEqualTo(1);
        assertThat(value("URL.class.getName() + URI.create(\"http://h/p\").getPath()")).isEqualTo("java.net.URL/p");
        assertThat(value("Preferences.class.getSimpleName()")).isEqualTo("Preferences");
        assertThat(value("new BigInteger(\"12\").intValue() + new CountDownLatch(1).getCount()")).isEqualTo(13L);
    }

    @Test
    void pathsAndFilesNeedNoImport() {
        assertThat(value("Files.exists(Path.of(\"no-such-file.csv\")) + \" \" + Paths.get(\"a\", \"b\")"))
                .isEqualTo("false a/b");
    }

    @Test
    void javasStreamOfUnderEddysStreamGetsAOneLineHint() {
        value("import java.util.stream.*;");
        EvalResult r = kernel.runCell("Stream.of(1, 2, 3).count()", "In[2]");
        assertThat(r).isInstanceOf(EvalResult.CompileError.class);
        String message = ((EvalResult.CompileError) r).diagnostics().get(0).message();
        assertThat(message).startsWith("cannot find symbol")
                .contains("hint: Stream here is Eddy's dev.eddy.dataflow.Stream; write java.util.stream.Stream.of(...)");
        assertThat(message.lines().filter(l -> l.startsWith("hint:"))).hasSize(1);
    }

    @Test
    void javasClockUnderEddysClockGetsAHintToo() {
        EvalResult r = kernel.runCell("Clock.systemUTC()", "In[1]");
        String message = ((EvalResult.CompileError) r).diagnostics().get(0).message();
        assertThat(message).contains("hint: Clock here is Eddy's dev.eddy.windowing.Clock; write java.time.Clock.systemUTC(...)");
    }

    @Test
    void aJavaStreamAssignedToEddysStreamGetsTheHint() {
        EvalResult r = kernel.runCell("Stream<Integer> s = List.of(1).stream();", "In[1]");
        String message = ((EvalResult.CompileError) r).diagnostics().get(0).message();
        assertThat(message).contains("incompatible types").contains("hint: Stream here is Eddy's dev.eddy.dataflow.Stream");
    }

    @Test
    void aMistakeWithEddysStreamItselfGetsNoHint() {
        EvalResult r = kernel.runCell("var flow = new Dataflow(\"f\");\nflow.input(\"in\", TestingSource.of(1)).nope()",
                "In[1]");
        String message = ((EvalResult.CompileError) r).diagnostics().get(0).message();
        assertThat(message).startsWith("cannot find symbol").doesNotContain("hint:");
    }
}
