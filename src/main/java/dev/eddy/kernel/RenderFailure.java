package dev.eddy.kernel;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.ArrayList;
import java.util.List;

/**
 * A cell's value that could not be shown: its {@code toString} or a renderer threw, or recursed until the stack ran
 * out (cyclic references). The cell then fails with this as its error, naming the value's class and where rendering
 * broke, and the kernel carries on.
 */
final class RenderFailure extends DisplayData {
    private static final int FRAMES_SHOWN = 6;

    private final Throwable cause;
    private final String valueClass;

    RenderFailure(Throwable cause, Object value) {
        this.cause = cause;
        this.valueClass = value == null ? "null" : TraceCutter.userName(value.getClass().getName());
    }

    /** The failure as a cell error: the real exception class, a message naming the value, the top frames. */
    ErrorLines errorLines() {
        List<String> trace = new ArrayList<>();
        trace.add(cause.getClass().getName() + ": " + message());
        StackTraceElement[] stack = cause.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES_SHOWN, stack.length); i++) trace.add("    at " + stack[i]);
        if (stack.length > FRAMES_SHOWN) trace.add("    ... " + (stack.length - FRAMES_SHOWN) + " more");
        return ErrorLines.of(cause.getClass().getSimpleName(), message(), trace);
    }

    Throwable cause() {
        return cause;
    }

    String message() {
        String hint = cause instanceof StackOverflowError
                ? "; its toString or renderer recursed too deep (cyclic references?)"
                : "";
        return "the cell's value (a " + valueClass + ") must render for display; got " + describe(cause)
                + (at() == null ? "" : " at " + at()) + " instead" + hint;
    }

    /** The frame rendering failed in: the first one outside the JDK and basekernel, else the top one. */
    private String at() {
        StackTraceElement[] stack = cause.getStackTrace();
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("io.github.spencerpark."))
                return TraceCutter.userName(c) + "." + f.getMethodName();
        }
        return stack.length == 0 ? null : stack[0].getClassName() + "." + stack[0].getMethodName();
    }

    /** {@code Class: message}, even when the exception's own {@code getMessage} throws. */
    static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        try {
            String message = t.getMessage();
            return message == null ? name : name + " (" + message + ")";
        } catch (RuntimeException | StackOverflowError e) {
            return name;
        }
    }
}
