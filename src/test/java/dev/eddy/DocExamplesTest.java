package dev.eddy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the examples in the Javadoc of {@code src/main/java}, so they can't drift from the code.
 *
 * <p>Each {@code <pre>{@code ...}</pre>} block whose last lines start with {@code "// "} is run in
 * JShell, and what it prints must equal those lines. A block without such lines is compiled as the
 * body of a method that is never called: it must compile, and it runs nothing. A block that is a
 * fragment on purpose (an expression inside a call, a snippet using names it doesn't define) is
 * written {@code <pre class="fragment">{@code ...}</pre>}; this test skips those, and Javadoc shows
 * them the same. Snippets see {@code dev.eddy.*} packages, {@code java.util}, {@code java.util.function},
 * {@code java.time} and {@code java.nio.file}; a block may import more in its first lines. One
 * in-process JShell serves every block; the snippets of one block are dropped before the next, so no
 * block sees another's names or imports.
 */
class DocExamplesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern BLOCK = Pattern.compile("<pre>\\{@code\\s*\\n(.*?)}</pre>", Pattern.DOTALL);
    private static final Pattern COMMENT_MARGIN = Pattern.compile("(?m)^\\s*\\* ?");

    private static JShell shell;
    private static final java.util.Set<String> baseImports = new java.util.HashSet<>();
    private static final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    record Example(String where, String code, List<String> expected) {
    }

    @TestFactory
    Stream<DynamicTest> everyJavadocExampleRunsAndPrintsWhatItSays() {
        return examples().stream().map(e -> DynamicTest.dynamicTest(e.where(), () -> check(e)));
    }

    @AfterAll
    static void closeShell() {
        if (shell != null) {
            shell.close();
        }
    }

    static List<Example> examples() {
        List<Example> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String text = Files.readString(file);
                Matcher m = BLOCK.matcher(text);
                while (m.find()) {
                    int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                    String code = COMMENT_MARGIN.matcher(m.group(1)).replaceAll("");
                    out.add(new Example(SOURCES.relativize(file) + ":" + line, code, expectedOutput(code)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The block's closing run of {@code // } lines. */
    static List<String> expectedOutput(String code) {
        List<String> lines = new ArrayList<>(code.strip().lines().toList());
        List<String> expected = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && lines.get(i).strip().startsWith("// "); i--) {
            expected.add(0, lines.get(i).strip().substring(3));
        }
        return expected;
    }

    private static void check(Example example) {
        JShell jshell = shell();
        try {
            List<String> lines = example.code().lines().toList();
            int body = 0;
            while (body < lines.size() && lines.get(body).startsWith("import ")) {
                eval(jshell, example, lines.get(body++));
            }
            String code = String.join("\n", lines.subList(body, lines.size()));
            if (example.expected().isEmpty()) {
                eval(jshell, example, "void example$() throws Exception {\n" + code + "\n}");
            } else {
                String printed = run(jshell, example, code);
                assertThat(printed.lines().map(String::stripTrailing).toList())
                        .as("what the example at %s prints", example.where())
                        .isEqualTo(example.expected());
            }
        } finally {
            jshell.snippets().filter(s -> !baseImports.contains(s.id())).forEach(jshell::drop);
        }
    }

    private static String run(JShell jshell, Example example, String code) {
        PrintStream original = System.out;
        captured.reset();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        try {
            SourceCodeAnalysis analysis = jshell.sourceCodeAnalysis();
            String remaining = code;
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    break;
                }
                if (!info.completeness().isComplete()) {
                    fail("example at %s ends in an incomplete snippet: %s", example.where(), remaining);
                }
                eval(jshell, example, info.source());
                remaining = info.remaining();
            }
        } finally {
            capture.flush();
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static void eval(JShell jshell, Example example, String source) {
        for (SnippetEvent event : jshell.eval(source)) {
            if (event.exception() != null) {
                Throwable e = event.exception();
                String name = e instanceof EvalException eval ? eval.getExceptionClassName() : e.getClass().getName();
                fail("example at %s threw %s: %s%nin: %s", example.where(), name, e.getMessage(), source);
            }
            if (event.causeSnippet() == null && event.status() != Snippet.Status.VALID) {
                String problems = jshell.diagnostics(event.snippet())
                        .map(d -> d.getMessage(null)).collect(Collectors.joining("; "));
                List<String> unresolved = event.snippet() instanceof jdk.jshell.DeclarationSnippet declaration
                        ? jshell.unresolvedDependencies(declaration).toList() : List.of();
                fail("example at %s doesn't compile (%s): %s %s%nin: %s", example.where(), event.status(),
                        problems, unresolved.isEmpty() ? "" : "unresolved " + unresolved, source);
            }
        }
    }

    private static JShell shell() {
        if (shell == null) {
            PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
            shell = JShell.builder().executionEngine("local").out(out).err(System.err).build();
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            for (String entry : classPath.split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    shell.addToClasspath(entry);
                }
            }
            List<String> imports = new ArrayList<>(List.of("java.util", "java.util.function", "java.time",
                    "java.nio.file"));
            try (Stream<Path> packages = Files.list(SOURCES.resolve("dev/eddy"))) {
                packages.filter(Files::isDirectory).sorted()
                        .forEach(p -> imports.add("dev.eddy." + p.getFileName()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String pkg : imports) {
                shell.eval("import " + pkg + ".*;").forEach(e -> baseImports.add(e.snippet().id()));
            }
        }
        return shell;
    }
}
