package dev.eddy.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluatorTest {
    private static Evaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = new Evaluator(List.of());
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static Object valueOf(String code) {
        EvalResult result = evaluator.eval(code, "In[1]");
        assertThat(result).isInstanceOf(EvalResult.Value.class);
        return ((EvalResult.Value) result).value();
    }

    @Test
    void startupImportsCompileTogetherAndOneThatFailsIsSkipped() {
        List<String> skipped = StartupScript.runLines(evaluator,
                "// comment\nimport java.util.concurrent.atomic.*;\nimport no.such.pkg.*;\nimport java.util.regex.*;\n");
        assertThat(skipped).containsExactly("import no.such.pkg.*;");
        assertThat(valueOf("new AtomicInteger(4).get() + Pattern.compile(\"a+\").pattern().length()")).isEqualTo(6);
    }

    @Test
    void aValueShownByACellIsNotKeptAliveAfterIt() {
        java.lang.ref.WeakReference<Object> shown = new java.lang.ref.WeakReference<>(valueOf("new int[1_000]"));
        valueOf("1");
        System.gc();
        assertThat(shown.get()).as("the cell's temporary $n no longer holds the value").isNull();
    }

    @Test
    void aRedeclaredVariableKeepsItsNewValue() {
        for (int i = 0; i < 5; i++) valueOf("int r = " + i + "; r + 1");
        assertThat(valueOf("r")).isEqualTo(4);
    }

    @Test
    void lastExpressionOfAManySnippetCellIsItsValue() {
        assertThat(valueOf("int a = 1 + 2;\nint b = a * 2;\nb + 1")).isEqualTo(7);
    }

    @Test
    void valueIsTheRealObjectNotItsString() {
        assertThat(valueOf("java.util.List.of(1, 2, 3)")).isEqualTo(List.of(1, 2, 3));
        assertThat(valueOf("new StringBuilder(\"ab\")")).isInstanceOf(StringBuilder.class);
    }

    @Test
    void bareVariableIsAValue() {
        evaluator.eval("String greeting = \"hi\";", "In[1]");
        assertThat(valueOf("greeting")).isEqualTo("hi");
    }

    @Test
    void trailingSemicolonSuppressesTheValue() {
        EvalResult result = evaluator.eval("String.valueOf(42);", "In[1]");
        assertThat(result).isEqualTo(EvalResult.Value.NONE);
    }

    @Test
    void declarationsHaveNoValue() {
        assertThat(evaluator.eval("int declared = 5;", "In[1]")).isEqualTo(EvalResult.Value.NONE);
        assertThat(evaluator.eval("void nothing() { }", "In[1]")).isEqualTo(EvalResult.Value.NONE);
    }

    @Test
    void unclosedBlockIsIncomplete() {
        assertThat(evaluator.eval("for (int i = 0; i < 3; i++) {", "In[1]"))
                .isInstanceOf(EvalResult.Incomplete.class);
    }

    @Test
    void compileErrorPointsAtTheOffendingSpanInTheCell() {
        String cell = "int ok = 1;\nString s = 42;";
        EvalResult result = evaluator.eval(cell, "In[2]");
        assertThat(result).isInstanceOf(EvalResult.CompileError.class);
        EvalResult.Diagnostic d = ((EvalResult.CompileError) result).diagnostics().get(0);
        assertThat(d.line()).isEqualTo(2);
        assertThat(cell.substring(d.start(), d.end())).isEqualTo("42");
        assertThat(d.message()).contains("incompatible types");
    }

    @Test
    void exceptionKeepsItsRealClassAndACellTrace() {
        evaluator.eval("void explode(String why) {\n  throw new IllegalStateException(why);\n}", "In[3]");
        EvalResult result = evaluator.eval("int x = 1;\nexplode(\"boom\");", "In[4]");
        assertThat(result).isInstanceOf(EvalResult.Thrown.class);
        EvalResult.Thrown thrown = (EvalResult.Thrown) result;
        assertThat(thrown.exception()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
        assertThat(thrown.trace()).containsExactly(
                "java.lang.IllegalStateException: boom",
                "    at explode(In[3] line 2)",
                "    at In[4] line 2");
    }

    @Test
    void aStepFailureTraceKeepsTheMessageCauseChainAndUserFramesAndCountsTheEddyFramesItCuts() {
        evaluator.eval("int invert(int x) {\n  return 1 / x;\n}", "In[5]");
        EvalResult result = evaluator.eval("""
                var flow = new dev.eddy.dataflow.Dataflow("eg");
                flow.input("inp", dev.eddy.testing.TestingSource.of(1, 0)).map("invert", x -> invert(x))
                    .output("out", new dev.eddy.testing.TestingSink<Integer>(new java.util.ArrayList<>()));
                dev.eddy.runtime.Runner.runMain(flow);""", "In[6]");
        assertThat(result).isInstanceOf(EvalResult.Thrown.class);
        List<String> trace = ((EvalResult.Thrown) result).trace();
        assertThat(trace).hasSize(6);
        assertThat(trace.get(0)).isEqualTo("dev.eddy.dataflow.StepException: map step 'eg.invert' failed on item 0: "
                + "java.lang.ArithmeticException: / by zero");
        assertThat(trace.get(1)).matches("    \\.\\.\\. \\d+ frames inside Eddy cut \\(dev\\.eddy\\..*\\)")
                .contains("dev.eddy.runtime");
        assertThat(trace.subList(2, 4)).containsExactly(
                "Caused by: java.lang.ArithmeticException: / by zero",
                "    at invert(In[5] line 2)");
        // The cell's lambda is serializable (Eddy's function types are), so javac names it with a hash.
        assertThat(trace.get(4)).matches("    at lambda\\$do_it\\$\\$[0-9a-f]+\\$\\d+\\(In\\[6\\] line 2\\)");
        assertThat(trace.get(5)).matches("    \\.\\.\\. \\d+ frames inside Eddy cut \\(dev\\.eddy\\..*\\)")
                .contains("dev.eddy.runtime");
        assertThat(trace).noneMatch(line -> line.contains("at dev.eddy.") || line.contains("at java.lang.Thread"));
    }

    @Test
    void anErrorEddyRaisesInTheCellsThreadShowsTheCellsLineWithTheEddyFramesCounted() {
        EvalResult result = evaluator.eval("""
                var lonely = new dev.eddy.dataflow.Dataflow("lonely");
                lonely.input("inp", dev.eddy.testing.TestingSource.of(1));
                dev.eddy.runtime.Runner.runMain(lonely);""", "In[7]");
        List<String> trace = ((EvalResult.Thrown) result).trace();
        assertThat(trace.get(0)).startsWith("java.lang.IllegalArgumentException: flow 'lonely' must have");
        assertThat(trace.get(1)).matches("    \\.\\.\\. \\d+ frames inside Eddy cut \\(dev\\.eddy\\.runtime\\)");
        assertThat(trace.subList(2, trace.size())).containsExactly("    at In[7] line 3");
    }

    @Test
    void inspectShowsTheJavadocOfEddysTypesMethodsAndConstructors() {
        String method = "dev.eddy.notebook.Capture.of(";
        assertThat(evaluator.inspect(method, method.length()).orElseThrow().javadoc())
                .isEqualTo("Starts capturing streams of {@code flow}.");
        String type = "dev.eddy.notebook.Capture";
        assertThat(evaluator.inspect(type, type.length()).orElseThrow().javadoc())
                .startsWith("Keeps what chosen streams of a flow produce");
        String overload = "dev.eddy.notebook.Capture.of(null).run(dev.eddy.runtime.RunOptions.defaults())";
        assertThat(evaluator.inspect(overload, overload.indexOf("run(") + 2).orElseThrow().javadoc())
                .contains("run(dev.eddy.runtime.RunOptions options)\nRuns the flow to its end in this thread with {@code options}",
                        "run()\nRuns the flow to its end in this thread with the system clock",
                        "{@code options}, and returns what was captured. When the\nthread is interrupted");
        String constructor = "new dev.eddy.windowing.TumblingWindower(";
        assertThat(evaluator.inspect(constructor, constructor.length()).orElseThrow().javadoc())
                .startsWith("Back-to-back windows of one length");
    }

    @Test
    void systemExitInACellThrowsInsteadOfEndingTheKernel() {
        EvalResult result = evaluator.eval("System.exit(3);", "In[1]");
        assertThat(result).isInstanceOf(EvalResult.Thrown.class);
        assertThat(((EvalResult.Thrown) result).exception()).isInstanceOf(SecurityException.class)
                .hasMessageStartingWith("System.exit(3) must not be called in a notebook");
        assertThat(valueOf("1 + 1")).isEqualTo(2);
    }

    @Test
    void runtimeHaltAndRuntimeExitInACellAreNamedAsWhatTheCellCalled() {
        assertThat(((EvalResult.Thrown) evaluator.eval("Runtime.getRuntime().halt(4);", "In[1]")).exception())
                .isInstanceOf(SecurityException.class)
                .hasMessageStartingWith("Runtime.halt(4) must not be called in a notebook");
        assertThat(((EvalResult.Thrown) evaluator.eval("Runtime.getRuntime().exit(5);", "In[2]")).exception())
                .hasMessageStartingWith("Runtime.exit(5) must not be called in a notebook");
        assertThat(valueOf("1 + 1")).isEqualTo(2);
    }

    @Test
    void outOfMemoryLeavesTheEvaluatorUsable() {
        EvalResult result = evaluator.eval("long[] huge = new long[Integer.MAX_VALUE];", "In[1]");
        assertThat(((EvalResult.Thrown) result).exception()).isInstanceOf(OutOfMemoryError.class);
        assertThat(valueOf("\"still here\"")).isEqualTo("still here");
    }

    @Test
    void isCompleteTellsTheThreeStatesApart() {
        assertThat(evaluator.isComplete("int a = 1;")).isEqualTo(Evaluator.Completeness.COMPLETE);
        assertThat(evaluator.isComplete("1 + 2")).isEqualTo(Evaluator.Completeness.COMPLETE);
        assertThat(evaluator.isComplete("int a = 1;\nint b = 2;")).isEqualTo(Evaluator.Completeness.COMPLETE);
        assertThat(evaluator.isComplete("for (int i = 0; i < 3; i++) {")).isEqualTo(Evaluator.Completeness.INCOMPLETE);
        assertThat(evaluator.isComplete("void f() {")).isEqualTo(Evaluator.Completeness.INCOMPLETE);
        assertThat(evaluator.isComplete("int a = ;")).isEqualTo(Evaluator.Completeness.INVALID);
        assertThat(evaluator.isComplete("}")).isEqualTo(Evaluator.Completeness.INVALID);
    }

    @Test
    void completionOffersMembers() {
        Evaluator.Completion c = evaluator.complete("System.out.prin", 15);
        assertThat(c.matches()).contains("print(", "printf(", "println(");
        assertThat(c.start()).isEqualTo(11);
        assertThat(c.end()).isEqualTo(15);
    }

    @Test
    void completionOffersTypesAndNotebookVariables() {
        evaluator.eval("int completeMe = 1;", "In[1]");
        assertThat(evaluator.complete("complete", 8).matches()).contains("completeMe");
        assertThat(evaluator.complete("StringBu", 8).matches()).contains("StringBuilder");
        assertThat(evaluator.complete("import java.util.concurrent.Concurrent", 38).matches())
                .contains("ConcurrentHashMap");
    }

    @Test
    void inspectGivesTheSignatureOfAMethod() {
        assertThat(evaluator.inspect("Math.max(", 6)).get()
                .extracting(Evaluator.Documentation::signature).asString().contains("max(int", "max(double");
        assertThat(evaluator.inspect("Math.max", 8)).get()
                .extracting(Evaluator.Documentation::signature).asString().contains("max(long");
    }

    @Test
    void inspectOfANotebookVariableGivesItsType() {
        evaluator.eval("var inspected = new java.util.ArrayList<String>();", "In[1]");
        assertThat(evaluator.inspect("inspected", 4)).get()
                .extracting(Evaluator.Documentation::signature).asString().contains("inspected", "ArrayList<java.lang.String>");
    }

    @Test
    void aSnippetClassServesItsBytesAsAResourceSoItCanBeShippedToAnotherJvm() {
        valueOf("record Shipped(String name) {}\n1");
        Object size = valueOf("var in = Shipped.class.getClassLoader().getResourceAsStream("
                + "Shipped.class.getName().replace('.', '/') + \".class\");\nin == null ? -1 : in.readAllBytes().length");
        assertThat((Integer) size).isGreaterThan(100);
        assertThat(valueOf("new String(Shipped.class.getClassLoader().getResourceAsStream("
                + "Shipped.class.getName().replace('.', '/') + \".class\").readNBytes(4), java.nio.charset.StandardCharsets.ISO_8859_1)"
                + ".equals(\"\\u00ca\\u00fe\\u00ba\\u00be\")")).isEqualTo(true);
    }
}
