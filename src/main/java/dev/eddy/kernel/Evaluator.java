package dev.eddy.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Suggestion;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Evaluates cells with an in-process JShell: splits a cell into snippets, runs them in order on a worker thread, and
 * answers completion, inspection and completeness questions. It knows nothing of Jupyter messages.
 */
final class Evaluator implements AutoCloseable {
    /** How complete a piece of code is, for {@code is_complete}. */
    enum Completeness { COMPLETE, INCOMPLETE, INVALID }

    /**
     * Replacement options for the text between {@code start} and {@code end}, each with its kind in {@code types}
     * (Jupyter's {@code function}, {@code class}, {@code instance}, {@code keyword}, {@code module}) and its types
     * in {@code signatures} ({@code input(String stepId, Source<T> source) -> Stream<T>}, a variable's type, or
     * {@code ""} when unknown).
     */
    record Completion(List<String> matches, List<String> types, List<String> signatures, int start, int end) {

        Completion(List<String> matches, List<String> types, int start, int end) {
            this(matches, types, matches.stream().map(m -> "").toList(), start, end);
        }
    }

    /** {@code Object}'s methods no one means after a dot: offered only once their name is being typed. */
    private static final Set<String> OBJECT_HIDDEN = Set.of("wait(", "notify()", "notifyAll()");
    /** {@code Object}'s other methods, offered after the type's own members. */
    private static final Set<String> OBJECT_LAST = Set.of("equals(", "getClass()", "hashCode()", "toString()");
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "var", "record", "yield", "true", "false", "null");
    private static final Pattern PACKAGE_LIKE = Pattern.compile("(?:[a-z_][a-z0-9_]*\\.)+");

    /** What JShell knows about the name at a cursor. */
    record Documentation(String signature, String javadoc) {
    }

    private static final Set<Snippet.SubKind> VALUE_KINDS = Set.of(Snippet.SubKind.VAR_VALUE_SUBKIND,
            Snippet.SubKind.OTHER_EXPRESSION_SUBKIND, Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);

    private final CellControl control;
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final TraceCutter traces = new TraceCutter();
    private final EddyJavadoc eddyJavadoc = new EddyJavadoc();
    private final AtomicInteger depth = new AtomicInteger();
    private final List<Snippet> dropAtCellEnd = new ArrayList<>();
    private final List<Field> clearAtCellEnd = new ArrayList<>();
    /** The startup's import snippets, each with the import statements it declares. */
    private final Map<Snippet, List<String>> startupImports = new HashMap<>();
    private final Optional<Duration> timeout;
    private final ScheduledExecutorService alarms;
    private volatile boolean timedOut;
    private volatile ScheduledFuture<?> alarm;

    Evaluator(List<String> compilerOptions) {
        this(compilerOptions, Optional.empty());
    }

    /** {@code timeout}, if any, is how long one top-level statement may run before its cell is stopped. */
    Evaluator(List<String> compilerOptions, Optional<Duration> timeout) {
        this(compilerOptions, timeout, Optional.empty());
    }

    /** {@code flink}, if any, holds Flink's jars, which cells load from on their first Flink class. */
    Evaluator(List<String> compilerOptions, Optional<Duration> timeout, Optional<FlinkLibrary> flink) {
        this.timeout = timeout;
        this.alarms = timeout.map(t -> Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "eddy-cell-timeout");
            thread.setDaemon(true);
            return thread;
        })).orElse(null);
        ExitGuard.install();
        this.control = new CellControl(new SnippetClassLoader(Evaluator.class.getClassLoader(), flink.orElse(null)));
        if (alarms != null) control.onEachRun(this::armAlarm);
        this.shell = JShell.builder()
                .executionEngine(new CellControlProvider(control), Map.of())
                .compilerOptions(compilerOptions.toArray(String[]::new))
                .build();
        this.analysis = shell.sourceCodeAnalysis();
    }

    /** How long snippets have run, in all, since the kernel started, not counting their compiling. */
    long runNanos() {
        return control.runNanos();
    }

    /** The loader of notebook classes and of jars added at runtime. */
    ClassLoader notebookClassLoader() {
        return control.loader();
    }

    /** Evaluates {@code code}; {@code label} (such as {@code In[3]}) names the cell in stack traces. */
    EvalResult eval(String code, String label) {
        boolean outermost = depth.getAndIncrement() == 0;
        if (outermost) control.beginCell(label);
        try {
            return evalSnippets(code, label);
        } finally {
            depth.decrementAndGet();
            if (outermost) forgetCellSnippets();
        }
    }

    private EvalResult evalSnippets(String code, String label) {
        EvalResult last = EvalResult.Value.NONE;
        String rest = code;
        while (!rest.isBlank()) {
            if (control.isInterrupted()) return interrupted();
            CompletionInfo info = analysis.analyzeCompletion(rest);
            SourceCodeAnalysis.Completeness completeness = info.completeness();
            if (completeness == SourceCodeAnalysis.Completeness.EMPTY) break;
            if (completeness == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE)
                return new EvalResult.Incomplete(rest);
            boolean whole = completeness == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE
                    || completeness == SourceCodeAnalysis.Completeness.UNKNOWN;
            String source = whole || info.source() == null ? rest : info.source();
            String remaining = whole ? "" : info.remaining();
            String raw = rest.substring(0, rest.length() - remaining.length());
            int contentStart = code.length() - rest.length() + leadingWhitespace(raw);
            int sourceStart = Math.max(0, contentStart - leadingWhitespace(source));
            last = evalSnippet(source, code, sourceStart, lineOf(code, contentStart), label,
                    raw.stripTrailing().endsWith(";"));
            if (!(last instanceof EvalResult.Value)) return last;
            rest = remaining;
        }
        return last;
    }

    private EvalResult evalSnippet(String source, String cell, int start, int firstLine, String label,
                                   boolean suppressed) {
        if (isStartupImport(source)) return EvalResult.Value.NONE;
        List<SnippetEvent> events;
        timedOut = false;
        try {
            events = shell.eval(source);
        } finally {
            ScheduledFuture<?> armed = alarm;
            if (armed != null && depth.get() == 1) {
                armed.cancel(false);
                alarm = null;
            }
        }
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null && event.status() == Snippet.Status.OVERWRITTEN)
                startupImportReplaced(event.snippet(), event.causeSnippet());
        }
        EvalResult result = outcome(events, cell, start, firstLine, label, suppressed);
        return timedOut ? timedOutResult() : result;
    }

    private EvalResult outcome(List<SnippetEvent> events, String cell, int start, int firstLine, String label,
                               boolean suppressed) {
        EvalResult result = EvalResult.Value.NONE;
        for (SnippetEvent event : events) {
            Snippet snippet = event.snippet();
            if (event.causeSnippet() != null) {
                if (event.status() == Snippet.Status.OVERWRITTEN) dropAtCellEnd.add(snippet);
                continue;
            }
            traces.remember(snippet.id(), label, firstLine);
            if (event.status() == Snippet.Status.REJECTED) {
                dropAtCellEnd.add(snippet);
                return compileError(snippet, cell, start);
            }
            if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) forgetTempVar((VarSnippet) snippet);
            if (event.exception() != null) return thrown(event.exception());
            if (event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) warnUnresolved(snippet);
            if (VALUE_KINDS.contains(snippet.subKind()) && !suppressed) {
                Object value = control.takeResult(event.value());
                result = new EvalResult.Value(value, true);
            }
        }
        return result;
    }

    /**
     * A temporary {@code $n} variable is invisible in a notebook (the cell shows its value, not its name), so it is
     * dropped when its cell ends and the static field that holds its value is cleared, letting the value be collected.
     */
    private void forgetTempVar(VarSnippet snippet) {
        dropAtCellEnd.add(snippet);
        Class<?> wrapper = control.lastInvokedClass();
        if (wrapper == null) return;
        try {
            Field field = wrapper.getDeclaredField(snippet.name());
            if (Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                field.setAccessible(true);
                clearAtCellEnd.add(field);
            }
        } catch (NoSuchFieldException | RuntimeException e) {
            // the value stays reachable from its wrapper class; only memory is at stake
        }
    }

    private EvalResult compileError(Snippet snippet, String cell, int start) {
        List<EvalResult.Diagnostic> diagnostics = shell.diagnostics(snippet)
                .map(d -> diagnostic(d, cell, start))
                .collect(Collectors.toList());
        if (diagnostics.isEmpty())
            diagnostics = List.of(new EvalResult.Diagnostic("this code can't be compiled as a Java snippet", true,
                    lineOf(cell, start), start, start + snippet.source().length()));
        return new EvalResult.CompileError(cell, diagnostics);
    }

    private static EvalResult.Diagnostic diagnostic(Diag d, String cell, int start) {
        String raw = d.getMessage(Locale.ROOT);
        String message = raw.lines()
                .filter(l -> !l.strip().startsWith("location:"))
                .collect(Collectors.joining("\n"))
                + shadowHint(raw).map(h -> "\n" + h).orElse("");
        int from = Math.min(cell.length(), start + (int) Math.max(0, d.getStartPosition()));
        int to = Math.min(cell.length(), Math.max(from, start + (int) Math.max(0, d.getEndPosition())));
        return new EvalResult.Diagnostic(message, d.isError(), lineOf(cell, from), from, to);
    }

    /** A startup import that gives a JDK type's simple name to an Eddy type. */
    private record Shadowing(String simpleName, String eddyType, Class<?> jdkType) {
    }

    private static final List<Shadowing> SHADOWINGS = List.of(
            new Shadowing("Stream", "dev.eddy.dataflow.Stream", java.util.stream.Stream.class),
            new Shadowing("Clock", "dev.eddy.windowing.Clock", java.time.Clock.class));
    private static final Pattern MISSING_METHOD = Pattern.compile("symbol:\\s+method (\\w+)\\(");

    /**
     * A one-line hint when javac's {@code raw} message comes from code meant for the JDK's {@code Stream} or
     * {@code Clock} meeting Eddy's: a method only the JDK type has ({@code Stream.of}), or a JDK stream given where
     * Eddy's is declared.
     */
    static Optional<String> shadowHint(String raw) {
        for (Shadowing s : SHADOWINGS) {
            String jdk = s.jdkType().getName();
            String lead = "hint: " + s.simpleName() + " here is Eddy's " + s.eddyType() + "; write " + jdk;
            String tail = " in full, or import " + jdk + "; to make " + s.simpleName() + " mean the JDK's";
            Matcher method = MISSING_METHOD.matcher(raw);
            if (raw.startsWith("cannot find symbol") && raw.matches("(?s).*location: (class|interface) "
                    + Pattern.quote(s.eddyType()) + "\\b.*") && method.find()
                    && Arrays.stream(s.jdkType().getMethods()).anyMatch(m -> m.getName().equals(method.group(1))))
                return Optional.of(lead + "." + method.group(1) + "(...)" + tail);
            if (raw.startsWith("incompatible types") && raw.contains(s.eddyType()) && raw.contains(jdk))
                return Optional.of(lead + tail);
        }
        return Optional.empty();
    }

    private EvalResult thrown(JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            String missing = String.join(", ", shell.unresolvedDependencies(unresolved.getSnippet()).toList());
            IllegalStateException e = new IllegalStateException(unresolved.getSnippet().source().strip()
                    + " must have all it uses declared before it runs; got undeclared " + missing + " instead");
            return new EvalResult.Thrown(e, List.of(e.toString()));
        }
        Throwable real = control.lastThrown();
        if (real instanceof InterruptedException && control.isInterrupted())
            return new EvalResult.Thrown(real, List.of(real.toString()));
        EvalException eval = (EvalException) exception;
        Throwable shown = real != null ? real : eval;
        return new EvalResult.Thrown(shown, traces.cut(eval, real));
    }

    /** Starts the timeout of the top-level statement that starts to run now (not of one a cell's code evaluates). */
    private void armAlarm() {
        if (depth.get() == 1 && alarm == null)
            alarm = alarms.schedule(this::timeUp, timeout.orElseThrow().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void timeUp() {
        timedOut = true;
        control.interrupt();
    }

    /** What a statement that ran past {@code IJAVA_TIMEOUT} ends in; its cell stops there. */
    private EvalResult timedOutResult() {
        long millis = timeout.orElseThrow().toMillis();
        TimeoutException e = new TimeoutException("a statement must finish within IJAVA_TIMEOUT; got still running"
                + " after " + millis + " milliseconds instead");
        return new EvalResult.Thrown(e, List.of(e.toString()));
    }

    /** What a cell that was interrupted ends in. */
    static EvalResult interrupted() {
        InterruptedException e = new InterruptedException("cell was interrupted");
        return new EvalResult.Thrown(e, List.of("java.lang.InterruptedException: cell was interrupted"));
    }

    private void warnUnresolved(Snippet snippet) {
        String missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet)
                .collect(Collectors.joining(", "));
        System.err.println("note: " + snippet.source().lines().findFirst().orElse("").strip()
                + " can't be used until " + missing + " is declared");
    }

    /**
     * Drops what this cell made unreachable: declarations it overwrote, snippets that failed to compile and its
     * temporary {@code $n} values. Only this cell's snippets are touched, so the cost of a cell does not grow with
     * the number of cells before it, and no temporary value stays alive for later declarations to recompile against.
     */
    private void forgetCellSnippets() {
        for (Snippet s : dropAtCellEnd) {
            shell.drop(s);
            traces.forget(s.id());
        }
        dropAtCellEnd.clear();
        for (Field f : clearAtCellEnd) {
            try {
                f.set(null, null);
            } catch (IllegalAccessException | RuntimeException e) {
                // the value stays reachable from its wrapper class; only memory is at stake
            }
        }
        clearAtCellEnd.clear();
    }

    /**
     * Declares the startup's {@code imports} (each a whole {@code import} statement): the on-demand ones
     * ({@code pkg.*}) as one snippet, which JShell compiles once instead of once an import, and each single-type
     * import as a snippet of its own, so that a user's import of the same simple name replaces only that one. Returns
     * whether they all compiled; if not, nothing is declared.
     */
    boolean importAll(List<String> imports) {
        List<String> onDemand = imports.stream().filter(Evaluator::isOnDemand).toList();
        List<List<String>> snippets = new ArrayList<>();
        if (!onDemand.isEmpty()) snippets.add(onDemand);
        imports.stream().filter(i -> !isOnDemand(i)).forEach(i -> snippets.add(List.of(i)));
        List<Snippet> declared = new ArrayList<>();
        for (List<String> lines : snippets) {
            Optional<Snippet> snippet = declareImports(lines);
            if (snippet.isEmpty()) {
                declared.forEach(this::dropStartupImport);
                return false;
            }
            declared.add(snippet.get());
        }
        return true;
    }

    private static boolean isOnDemand(String importStatement) {
        return importStatement.replace(" ", "").endsWith(".*;");
    }

    private Optional<Snippet> declareImports(List<String> lines) {
        for (SnippetEvent event : shell.eval(String.join("\n", lines))) {
            if (event.causeSnippet() != null) continue;
            Snippet snippet = event.snippet();
            if (snippet.kind() == Snippet.Kind.IMPORT && event.status() == Snippet.Status.VALID) {
                startupImports.put(snippet, lines);
                return Optional.of(snippet);
            }
            shell.drop(snippet);
            return Optional.empty();
        }
        return Optional.empty();
    }

    private void dropStartupImport(Snippet snippet) {
        startupImports.remove(snippet);
        shell.drop(snippet);
    }

    /**
     * Whether {@code source} is an import the startup imports already declare, such as {@code import java.util.*;}. Such
     * a line is skipped: JShell files a snippet of imports under its first import, so {@code import java.time.*;} would
     * replace every startup import of that snippet, and any new import snippet recompiles the declarations using the
     * types it could name, which resets their variables.
     */
    private boolean isStartupImport(String source) {
        if (!source.contains("import")) return false;
        List<Snippet> snippets;
        try {
            snippets = analysis.sourceToSnippets(source);
        } catch (RuntimeException e) {
            return false;
        }
        if (snippets.size() != 1 || !(snippets.get(0) instanceof ImportSnippet user)) return false;
        String name = (user.isStatic() ? "static " : "") + user.fullname();
        return startupImports.values().stream().flatMap(List::stream).map(Evaluator::importedName).anyMatch(name::equals);
    }

    /** {@code java.time.*} for {@code import java.time.*;}, {@code static a.B.*} for {@code import static a.B.*;}. */
    private static String importedName(String importStatement) {
        String rest = importStatement.strip().substring("import".length()).strip();
        boolean isStatic = rest.startsWith("static ");
        if (isStatic) rest = rest.substring("static".length());
        return (isStatic ? "static " : "") + rest.replace(";", "").replaceAll("\\s+", "");
    }

    /**
     * A user's import replaced a startup import snippet: one of Eddy's single-type imports ({@code Stream},
     * {@code Clock}) replaced by another type of that name is said in a one-line note.
     */
    private void startupImportReplaced(Snippet replaced, Snippet cause) {
        List<String> lines = startupImports.remove(replaced);
        if (lines == null || lines.size() > 1) return;
        if (replaced instanceof ImportSnippet old && cause instanceof ImportSnippet now
                && !old.fullname().equals(now.fullname())) {
            System.err.println("note: " + now.name() + " now means " + now.fullname() + ", as your import says; "
                    + old.fullname() + " (a startup import) needs its full name until you import it again");
        }
    }

    /** Whether {@code code} could run as it is, needs more lines, or can never compile. */
    Completeness isComplete(String code) {
        String rest = code;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case EMPTY:
                    return Completeness.COMPLETE;
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    rest = info.remaining();
                    break;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return Completeness.INCOMPLETE;
                default:
                    return Completeness.INVALID;
            }
        }
        return Completeness.COMPLETE;
    }

    /** Names that could replace the identifier before {@code cursor}: members, types, variables, imports. */
    Completion complete(String code, int cursor) {
        int[] anchor = {cursor};
        List<Suggestion> suggestions = analysis.completionSuggestions(code, cursor, anchor);
        List<String> found = suggestions.stream()
                .sorted(Comparator.comparing((Suggestion s) -> !s.matchesType()))
                .map(Suggestion::continuation)
                .collect(Collectors.toCollection(LinkedHashSet::new))
                .stream().toList();
        int start = anchor[0];
        boolean member = start > 0 && code.charAt(start - 1) == '.';
        boolean typing = start < cursor;
        List<String> matches = new ArrayList<>();
        List<String> last = new ArrayList<>();
        String qualifier = member ? qualifierBefore(code, start - 1) : "";
        for (String m : found) {
            if (member && OBJECT_HIDDEN.contains(m) && !typing) continue;
            if (CompletionTypes.hidden(m, qualifier)) continue;
            (member && OBJECT_LAST.contains(m) ? last : matches).add(m);
        }
        matches.addAll(last);
        Map<String, String> variables = member ? Map.of() : shell.variables()
                .collect(Collectors.toMap(VarSnippet::name, v -> CompletionTypes.simple(v.typeName()), (a, b) -> b));
        List<String> types = matches.stream().map(m -> kindOf(m, member, qualifier, variables.keySet())).toList();
        Optional<Class<?>> owner = member ? ownerType(code, start - 1) : Optional.empty();
        List<String> signatures = matches.stream()
                .map(m -> owner.flatMap(o -> CompletionTypes.signature(o, m)).orElse(variables.getOrDefault(m, "")))
                .toList();
        return new Completion(matches, types, signatures, start, cursor);
    }

    /** The class of the expression before the dot at {@code dot}, as the compiler sees it, when it can load it. */
    private Optional<Class<?>> ownerType(String code, int dot) {
        String before = code.substring(0, dot);
        String expression = before.substring(expressionStart(before)).strip();
        if (expression.startsWith("return ")) expression = expression.substring(7).strip();
        if (expression.isEmpty() || PACKAGE_LIKE.matcher(expression + ".").matches()) return Optional.empty();
        try {
            String type = analysis.analyzeType(expression, expression.length());
            if (type == null || type.isBlank()) return Optional.empty();
            String raw = type.replaceAll("<.*", "").strip();
            // JShell names imported types by their simple names: find them as the imports do, single-type first.
            List<String> candidates = new ArrayList<>();
            candidates.add(raw);
            if (raw.indexOf('.') < 0) {
                shell.imports().filter(i -> !i.isStatic() && i.fullname().endsWith("." + raw))
                        .forEach(i -> candidates.add(0, i.fullname()));
                shell.imports().filter(i -> !i.isStatic() && i.fullname().endsWith(".*"))
                        .forEach(i -> candidates.add(i.fullname().replaceAll("\\.\\*$", "") + "." + raw));
                candidates.add("java.lang." + raw);
            }
            return candidates.stream().map(c -> CompletionTypes.load(c, control.loader()))
                    .flatMap(Optional::stream).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Where the expression ending at the end of {@code code} starts: after the last {@code ; { }}, assignment,
     * or argument separator outside brackets, or after the bracket it sits in.
     */
    private static int expressionStart(String code) {
        int depth = 0;
        for (int i = code.length() - 1; i >= 0; i--) {
            char c = code.charAt(i);
            if (c == ')' || c == ']') depth++;
            else if (c == '(' || c == '[') {
                if (depth == 0) return i + 1;
                depth--;
            } else if (depth == 0) {
                if (c == ';' || c == '{' || c == '}' || c == ',') return i + 1;
                if (c == '=' && (i == 0 || "=<>!+-*/&|^%".indexOf(code.charAt(i - 1)) < 0)
                        && (i + 1 >= code.length() || code.charAt(i + 1) != '=')) return i + 1;
            }
        }
        return 0;
    }

    /** The dotted name before the dot at {@code dot}, such as {@code java.util}. */
    private static String qualifierBefore(String code, int dot) {
        int i = dot;
        while (i > 0 && (Character.isJavaIdentifierPart(code.charAt(i - 1)) || code.charAt(i - 1) == '.')) i--;
        return code.substring(i, dot + 1);
    }

    /** Jupyter's kind of a completion: a method, a type, a variable or field, a keyword or a package. */
    private static String kindOf(String match, boolean member, String qualifier, Set<String> variables) {
        boolean upper = !match.isEmpty() && Character.isUpperCase(match.charAt(0));
        if (match.endsWith("(") || match.endsWith("()")) return upper ? "class" : "function";
        if (KEYWORDS.contains(match)) return "keyword";
        if (upper) return "class";
        if (!member) return variables.contains(match) ? "instance" : "module";
        return PACKAGE_LIKE.matcher(qualifier).matches() ? "module" : "instance";
    }

    Optional<Documentation> inspect(String code, int cursor) {
        int end = Math.min(Math.max(cursor, 0), code.length());
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        String upTo = code.substring(0, end);
        List<SourceCodeAnalysis.Documentation> docs = new ArrayList<>();
        if (end < code.length() && code.charAt(end) == '(') docs.addAll(analysis.documentation(code, end + 1, true));
        if (docs.isEmpty()) docs.addAll(analysis.documentation(upTo, upTo.length(), true));
        if (docs.isEmpty()) docs.addAll(analysis.documentation(upTo + "(", upTo.length() + 1, true));
        if (docs.isEmpty()) return variable(upTo);
        String signatures = docs.stream().map(SourceCodeAnalysis.Documentation::signature)
                .distinct().collect(Collectors.joining("\n"));
        // Each signature's Javadoc (JShell's for the JDK, Eddy's from its sources); overloads with different ones
        // each show theirs under their signature.
        Map<String, String> bySignature = new java.util.LinkedHashMap<>();
        for (SourceCodeAnalysis.Documentation d : docs) {
            String j = d.javadoc() != null && !d.javadoc().isBlank() ? d.javadoc().strip()
                    : eddyJavadoc.of(d.signature()).orElse("");
            if (!j.isEmpty()) bySignature.putIfAbsent(d.signature(), j);
        }
        String javadoc = bySignature.values().stream().distinct().count() <= 1
                ? bySignature.values().stream().findFirst().orElse("")
                : bySignature.entrySet().stream().map(e -> e.getKey() + "\n" + e.getValue())
                        .collect(Collectors.joining("\n\n"));
        return Optional.of(new Documentation(signatures, javadoc));
    }

    private Optional<Documentation> variable(String upTo) {
        int from = upTo.length();
        while (from > 0 && Character.isJavaIdentifierPart(upTo.charAt(from - 1))) from--;
        String name = upTo.substring(from);
        return shell.variables()
                .filter(v -> v.name().equals(name))
                .reduce((a, b) -> b)
                .map(v -> new Documentation(v.typeName() + " " + v.name(), ""));
    }

    /** Adds jars and class folders to what cells compile against and load from, in one batch. */
    void addToClasspath(List<Path> entries) {
        if (entries.isEmpty()) return;
        shell.addToClasspath(entries.stream().map(p -> p.toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator)));
    }

    /** Interrupts the running cell; a cell still compiling stops before its next snippet runs. */
    void interrupt() {
        control.interrupt();
    }

    @Override
    public void close() {
        if (alarms != null) alarms.shutdownNow();
        shell.close();
    }

    private static int leadingWhitespace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }
}
