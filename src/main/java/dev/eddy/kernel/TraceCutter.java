package dev.eddy.kernel;

import jdk.jshell.EvalException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Turns a snippet's exception into trace lines a notebook user can read: the real class and message, then the
 * frames down to the last one in notebook code (JShell and executor frames dropped), each notebook frame given as
 * the cell and its line, such as {@code at f(In[3] line 2)}.
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

    List<String> cut(EvalException e) {
        List<String> lines = new ArrayList<>();
        Throwable t = e;
        boolean first = true;
        while (t != null) {
            lines.add((first ? "" : "Caused by: ") + headline(t));
            lines.addAll(frames(t.getStackTrace()));
            t = t.getCause();
            first = false;
        }
        return lines;
    }

    private static String headline(Throwable t) {
        String name = t instanceof EvalException ee ? ee.getExceptionClassName() : t.getClass().getName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }

    private List<String> frames(StackTraceElement[] stack) {
        int last = -1;
        for (int i = 0; i < stack.length; i++) if (isNotebookFrame(stack[i])) last = i;
        List<String> out = new ArrayList<>();
        for (int i = 0; i <= last; i++) out.add("    at " + describe(stack[i]));
        return out;
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
