package dev.eddy.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ename}, {@code evalue} and {@code traceback} of a failed cell. Colours are red and bold only, readable
 * on light and dark themes.
 */
record ErrorLines(String name, String value, List<String> traceback) {
    private static final String RED = "\u001b[31m";
    private static final String BOLD_RED = "\u001b[1;31m";
    private static final String RESET = "\u001b[0m";

    static ErrorLines of(EvalResult result, String label) {
        if (result instanceof EvalResult.CompileError e) return compileError(e, label);
        if (result instanceof EvalResult.Thrown t) return thrown(t);
        if (result instanceof EvalResult.Incomplete i)
            return new ErrorLines("IncompleteInput", "a cell must end with complete Java; got an unfinished '"
                    + firstLine(i.remaining()) + "' instead",
                    List.of(BOLD_RED + "Incomplete input:" + RESET, i.remaining().strip()));
        throw new IllegalArgumentException("only failures have error lines; got " + result + " instead");
    }

    private static ErrorLines thrown(EvalResult.Thrown t) {
        Throwable e = t.exception();
        return of(e.getClass().getSimpleName(), message(e), t.trace());
    }

    /** An error named {@code name}, its first trace line in bold red. */
    static ErrorLines of(String name, String value, List<String> trace) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < trace.size(); i++)
            lines.add(i == 0 ? BOLD_RED + trace.get(i) + RESET : trace.get(i));
        return new ErrorLines(name, value, lines);
    }

    /** The exception's message, or a note when its {@code getMessage} itself fails. */
    private static String message(Throwable e) {
        try {
            return e.getMessage() == null ? "" : e.getMessage();
        } catch (RuntimeException | StackOverflowError failed) {
            return "(its getMessage threw " + failed.getClass().getSimpleName() + ")";
        }
    }

    private static ErrorLines compileError(EvalResult.CompileError e, String label) {
        List<String> lines = new ArrayList<>();
        String[] source = e.source().split("\n", -1);
        for (EvalResult.Diagnostic d : e.diagnostics()) {
            lines.add(BOLD_RED + (d.isError() ? "error" : "warning") + " in " + label + " line " + d.line() + ": "
                    + d.message() + RESET);
            int lineStart = e.source().lastIndexOf('\n', Math.max(0, d.start() - 1)) + 1;
            if (d.start() > 0 && e.source().charAt(d.start() - 1) == '\n') lineStart = d.start();
            String text = d.line() - 1 < source.length ? source[d.line() - 1] : "";
            int from = Math.max(0, d.start() - lineStart);
            int to = Math.max(from + 1, Math.min(text.length(), d.end() - lineStart));
            lines.add(text);
            lines.add(" ".repeat(Math.min(from, text.length())) + RED + "^".repeat(Math.max(1, to - from)) + RESET);
        }
        String first = e.diagnostics().isEmpty() ? "" : e.diagnostics().get(0).message();
        return new ErrorLines("CompilationError", first, lines);
    }

    private static String firstLine(String s) {
        return s.strip().lines().findFirst().orElse("");
    }
}
