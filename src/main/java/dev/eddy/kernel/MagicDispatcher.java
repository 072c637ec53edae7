package dev.eddy.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs a cell that may contain magics: a cell starting with {@code %%name args} goes to that cell magic with the
 * rest as its body; each line starting with {@code %name} runs that line magic between the Java code around it.
 * Magics in {@code raw} get the rest of their line unsplit (for {@code %time <code>}).
 */
final class MagicDispatcher {
    /** Runs Java code as a cell would. */
    interface CodeRunner {
        EvalResult run(String code);
    }

    /** A line magic that takes the rest of its line as written. */
    interface RawLineMagic {
        EvalResult apply(String rest, CodeRunner runner) throws Exception;
    }

    /** A cell magic that runs its body through the kernel. */
    interface RawCellMagic {
        EvalResult apply(List<String> args, String body, CodeRunner runner) throws Exception;
    }

    private final MagicRegistry registry;
    private final Map<String, RawLineMagic> rawLine;
    private final Map<String, RawCellMagic> rawCell;
    private final Set<String> quiet;

    MagicDispatcher(MagicRegistry registry, Map<String, RawLineMagic> rawLine, Map<String, RawCellMagic> rawCell) {
        this(registry, rawLine, rawCell, Set.of());
    }

    /** Line magics named in {@code quiet} show no value when they stand alone on their line. */
    MagicDispatcher(MagicRegistry registry, Map<String, RawLineMagic> rawLine, Map<String, RawCellMagic> rawCell,
                    Set<String> quiet) {
        this.registry = registry;
        this.rawLine = rawLine;
        this.rawCell = rawCell;
        this.quiet = quiet;
    }

    EvalResult run(String cell, CodeRunner runner) {
        try {
            String trimmed = cell.stripLeading();
            if (trimmed.startsWith("%%")) return runCellMagic(trimmed.substring(2), runner);
            return runLines(cell, runner);
        } catch (Exception e) {
            return new EvalResult.Thrown(e, List.of(e.getClass().getName() + ": " + e.getMessage()));
        }
    }

    private EvalResult runCellMagic(String text, CodeRunner runner) throws Exception {
        int newline = text.indexOf('\n');
        String header = newline < 0 ? text : text.substring(0, newline);
        String body = newline < 0 ? "" : text.substring(newline + 1);
        String name = firstWord(header);
        List<String> args = tokenize(header.substring(name.length()));
        RawCellMagic raw = rawCell.get(name);
        if (raw != null) return raw.apply(args, body, runner);
        return asValue(registry.applyCellMagic(name, args, body));
    }

    private EvalResult runLines(String cell, CodeRunner runner) throws Exception {
        if (cell.lines().noneMatch(l -> isLineMagic(l) || ASSIGNED_MAGIC.matcher(l).matches())) return runner.run(cell);
        EvalResult last = EvalResult.Value.NONE;
        StringBuilder code = new StringBuilder();
        for (String line : cell.split("\n", -1)) {
            if (!isLineMagic(line)) {
                code.append(assignedMagic(line)).append('\n');
                continue;
            }
            if (!code.toString().isBlank()) {
                last = runner.run(code.toString());
                if (!(last instanceof EvalResult.Value)) return last;
            }
            code.setLength(0);
            last = runLineMagic(line.strip().substring(1), runner);
            if (!(last instanceof EvalResult.Value)) return last;
        }
        if (!code.toString().isBlank()) last = runner.run(code.toString());
        return last;
    }

    private EvalResult runLineMagic(String text, CodeRunner runner) throws Exception {
        String name = firstWord(text);
        String rest = text.substring(name.length());
        RawLineMagic raw = rawLine.get(name);
        if (raw != null) return raw.apply(rest.strip(), runner);
        Object result = registry.applyLineMagic(name, tokenize(rest));
        return quiet.contains(name) ? EvalResult.Value.NONE : asValue(result);
    }

    private static EvalResult asValue(Object result) {
        return result == null ? EvalResult.Value.NONE : new EvalResult.Value(result, true);
    }

    /** {@code List<String> jars = %jars lib/*.jar}: a line magic whose result a Java line assigns, as in IJava. */
    private static final Pattern ASSIGNED_MAGIC =
            Pattern.compile("([^\"'%]*[^=!<>\"'%]=)\\s*%([A-Za-z_][\\w.-]*)(.*)");

    /** {@code line} with a line magic after its {@code =} turned into a call of {@code Display.lineMagic}. */
    static String assignedMagic(String line) {
        Matcher m = ASSIGNED_MAGIC.matcher(line);
        if (!m.matches()) return line;
        String args = tokenize(m.group(3)).stream().map(MagicDispatcher::javaString).collect(Collectors.joining(", "));
        return m.group(1) + " dev.eddy.kernel.api.Display.lineMagic(" + javaString(m.group(2))
                + ", java.util.List.of(" + args + "));";
    }

    private static String javaString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static boolean isLineMagic(String line) {
        String s = line.stripLeading();
        return s.startsWith("%") && !s.startsWith("%%") && s.length() > 1
                && Character.isJavaIdentifierStart(s.charAt(1));
    }

    private static String firstWord(String text) {
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) end++;
        return text.substring(0, end);
    }

    /** Splits on whitespace; single or double quotes keep a word together and are dropped. */
    static List<String> tokenize(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0;
                else word.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(word.toString());
        return words;
    }
}
