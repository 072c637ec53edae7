package dev.eddy.kernel;

import java.util.List;

/** What evaluating a cell came to. Only the kernel turns it into Jupyter messages. */
sealed interface EvalResult {

    /**
     * The cell ran. {@code value} is the last expression's real object when {@code hasValue}; a cell ending with
     * {@code ;}, or ending with a statement or declaration, has none.
     */
    record Value(Object value, boolean hasValue) implements EvalResult {
        static final Value NONE = new Value(null, false);
    }

    /** The cell ends in the middle of a construct, such as an unclosed {@code {}. */
    record Incomplete(String remaining) implements EvalResult {
    }

    /** A snippet did not compile; {@code diagnostics} point into the cell. */
    record CompileError(String source, List<Diagnostic> diagnostics) implements EvalResult {
    }

    /**
     * A snippet threw {@code exception} (the real object). {@code trace} is its stack cut to the notebook's own frames,
     * one line each, with cell line numbers.
     */
    record Thrown(Throwable exception, List<String> trace) implements EvalResult {
    }

    /** One compiler message, with its span as offsets into {@link CompileError#source()}; line is 1-based in the cell. */
    record Diagnostic(String message, boolean isError, int line, int start, int end) {
    }
}
