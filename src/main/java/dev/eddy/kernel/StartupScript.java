package dev.eddy.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Runs the imports in {@code kernel-ext/startup.jshell} (one statement a line) before the first cell. A line that
 * fails, such as an import of a package that is not on the classpath, is logged and skipped.
 */
final class StartupScript {
    static final String RESOURCE = "/dev/eddy/kernel/ext/startup.jshell";
    private static final Logger LOG = Logger.getLogger(StartupScript.class.getName());

    private StartupScript() {
    }

    /** Runs each statement of the bundled script; returns the lines that were skipped. */
    static List<String> run(Evaluator evaluator) {
        return runLines(evaluator, read());
    }

    /**
     * Runs the statements of {@code script}: all at once when they are all imports and all compile (one compilation
     * for the on-demand imports instead of one a line, which is most of the kernel's start-up), else one by one,
     * skipping those that fail. Either way imports are declared as startup imports, which a user's import of the same
     * name replaces without losing the others.
     */
    static List<String> runLines(Evaluator evaluator, String script) {
        List<String> statements = new ArrayList<>();
        for (String line : script.split("\n")) {
            String statement = line.strip();
            if (!statement.isEmpty() && !statement.startsWith("//")) statements.add(statement);
        }
        List<String> skipped = new ArrayList<>();
        if (statements.stream().allMatch(StartupScript::isImport) && evaluator.importAll(statements)) return skipped;
        for (String statement : statements) {
            if (isImport(statement)) {
                if (!evaluator.importAll(List.of(statement))) skip(skipped, statement, "it does not compile");
                continue;
            }
            EvalResult result = evaluator.eval(statement, "startup");
            if (!(result instanceof EvalResult.Value)) skip(skipped, statement, describe(result));
        }
        return skipped;
    }

    private static boolean isImport(String statement) {
        return statement.startsWith("import ") && statement.endsWith(";");
    }

    private static void skip(List<String> skipped, String statement, String why) {
        skipped.add(statement);
        LOG.warning(() -> "startup statement skipped: " + statement + " (" + why + ")");
    }

    private static String describe(EvalResult result) {
        if (result instanceof EvalResult.CompileError e && !e.diagnostics().isEmpty())
            return e.diagnostics().get(0).message();
        return result.toString();
    }

    private static String read() {
        try (InputStream in = StartupScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                LOG.warning("no startup script at " + RESOURCE + "; cells start without default imports");
                return "";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
