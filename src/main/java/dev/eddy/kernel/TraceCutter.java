package dev.eddy.kernel;

import jdk.jshell.EvalException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns a snippet's exception into trace lines a notebook user can read: for each exception of the cause chain, its
 * real class and message, then its frames down to the last one in notebook code (JShell and executor frames
 * dropped), each notebook frame given as the cell and its line, such as {@code at f(In[3] line 2)}. Eddy's own frames
 * (its packages, and the JDK frames they called) are cut too, wherever they are, also on a run's own thread, each
 * run of them replaced by a line such as {@code ... 12 frames inside Eddy cut (dev.eddy.runtime)}.
 */
final class TraceCutter {
    private static final Pattern WRAPPER = Pattern.compile("^REPL\\.\\$JShell\\$\\d+[A-Z]?\\$?");

    private record Place(String label, int firstLine) {
    }

    private final Map<String, Place> places = new ConcurrentHashMap<>();

    /** Records that snippet {@code id} starts at line {@code firstLine} of cell {@code label}. */
    void remember(String id, String label, int firstLine) {
        places.put(id, new Place(label, firstLine));
    }

    /** Forgets snippet {@code id}, which JShell dropped. */
    void forget(String id) {
        places.remove(id);
    }

    /** A class name as a notebook user wrote it: {@code REPL.$JShell$6$Loop} becomes {@code Loop}. */
    static String userName(String className) {
        return WRAPPER.matcher(className).replaceFirst("");
    }

    /** The trace lines of {@code e}, JShell's copy of what a snippet threw. */
    List<String> cut(EvalException e) {
        return cut(e, null);
    }

    /**
     * The trace lines of {@code e}, JShell's copy of {@code real}, the exception the snippet threw (or {@code null}).
     * JShell names notebook frames by snippet but trims each stack after its last one; {@code real}'s untrimmed
     * stacks give the frames past it (the Eddy frames that called a user's function on a run's own thread).
     */
    List<String> cut(EvalException e, Throwable real) {
        List<String> lines = new ArrayList<>();
        Throwable t = e;
        Throwable r = real;
        boolean first = true;
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (t != null && seen.add(t)) {
            lines.add((first ? "" : "Caused by: ") + headline(t));
            lines.addAll(frames(untrimmed(t.getStackTrace(), r)));
            t = t.getCause();
            r = r == null ? null : r.getCause();
            first = false;
        }
        return lines;
    }

    /** {@code copy}, a trimmed copy of {@code real}'s stack, followed by the frames of {@code real}'s past it. */
    private static StackTraceElement[] untrimmed(StackTraceElement[] copy, Throwable real) {
        if (real == null) return copy;
        StackTraceElement[] full = real.getStackTrace();
        if (full.length <= copy.length) return copy;
        StackTraceElement[] out = java.util.Arrays.copyOf(copy, full.length);
        System.arraycopy(full, copy.length, out, copy.length, full.length - copy.length);
        return out;
    }

    private static String headline(Throwable t) {
        String name = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }

    /** Who a frame's code belongs to, for cutting. */
    private enum Owner { USER, EDDY, NONE }

    /**
     * The frames to show of one stack: those down to the last notebook frame, less Eddy's own (and the JDK and
     * library frames Eddy called), each run of those given as one line with its count; past the last notebook frame,
     * Eddy's frames (a run's own thread) are counted in one line, and the rest (JShell's executor) dropped.
     */
    private List<String> frames(StackTraceElement[] stack) {
        Owner[] owners = new Owner[stack.length];
        Owner caller = Owner.NONE;
        int lastNotebook = -1;
        for (int i = stack.length - 1; i >= 0; i--) {
            if (isNotebookFrame(stack[i])) {
                caller = Owner.USER;
                if (lastNotebook < 0) lastNotebook = i;
            } else if (isEddyFrame(stack[i])) {
                caller = Owner.EDDY;
            }
            owners[i] = caller;  // a JDK or library frame belongs to whoever called it
        }
        List<String> out = new ArrayList<>();
        Cut cut = new Cut();
        for (int i = 0; i < stack.length; i++) {
            boolean shown = i <= lastNotebook && owners[i] == Owner.USER;
            if (shown) {
                cut.flushInto(out);
                out.add("    at " + describe(stack[i]));
            } else if (owners[i] == Owner.EDDY) {
                cut.add(stack[i]);
            }
        }
        cut.flushInto(out);
        return out;
    }

    /** A run of Eddy frames left out, shown as one line with their count and packages. */
    private static final class Cut {
        private int count;
        private final java.util.Set<String> packages = new java.util.LinkedHashSet<>();

        void add(StackTraceElement f) {
            count++;
            if (isEddyFrame(f)) packages.add(packageOf(f.getClassName()));
        }

        void flushInto(List<String> out) {
            if (count == 0) return;
            out.add("    ... " + count + (count == 1 ? " frame" : " frames") + " inside Eddy cut ("
                    + String.join(", ", packages) + ")");
            count = 0;
            packages.clear();
        }
    }

    /** Eddy's library code, which a user's trace leaves out; the kernel's frames lie past the cell's and go anyway. */
    private static boolean isEddyFrame(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("dev.eddy.") && !c.startsWith("dev.eddy.kernel.");
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(0, dot);
    }

    private static boolean isNotebookFrame(StackTraceElement f) {
        return f.getFileName() != null && f.getFileName().startsWith("#");
    }

    private String describe(StackTraceElement f) {
        if (!isNotebookFrame(f)) return f.toString();
        Place place = places.get(f.getFileName().substring(1));
        String where = place == null ? "snippet " + f.getFileName() + " line " + f.getLineNumber()
                : place.label() + " line " + (place.firstLine() + Math.max(f.getLineNumber(), 1) - 1);
        String owner = userName(f.getClassName());
        String method = f.getMethodName();
        if (method.isEmpty() || method.equals("do_it$")) return where;
        return (owner.isEmpty() ? "" : owner + ".") + method + "(" + where + ")";
    }
}
