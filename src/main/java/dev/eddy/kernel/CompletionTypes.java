package dev.eddy.kernel;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What completion shows besides names: a member's parameter and return types, and which of Eddy's public types
 * to leave out because they are public only for Eddy's own plumbing (a windower's per-key state, a runtime's
 * helpers, the notebook's renderers); a notebook never names them.
 * <pre class="fragment">{@code
 * CompletionTypes.signature(Dataflow.class, "input(")   // "input(String stepId, Source<T> source) -> Stream<T>"
 * }</pre>
 */
final class CompletionTypes {

    /** The types hidden from completion; {@code CompletionTypesTest} checks that each exists. */
    static final Set<String> INTERNAL = Set.of(
            "dev.eddy.dataflow.AppendingMapper", "dev.eddy.dataflow.KeyOnMapper", "dev.eddy.dataflow.JoinState",
            "dev.eddy.dataflow.Primitive", "dev.eddy.dataflow.RunScoped",
            "dev.eddy.windowing.ClockLogic", "dev.eddy.windowing.EventClockState", "dev.eddy.windowing.Micros",
            "dev.eddy.windowing.SessionState", "dev.eddy.windowing.SlidingState", "dev.eddy.windowing.WindowIds",
            "dev.eddy.windowing.WindowSnapshot", "dev.eddy.windowing.WindowerLogic",
            "dev.eddy.io.FilePosition", "dev.eddy.runtime.SnapshotListener", "dev.eddy.runtime.OpenSourcePartition", "dev.eddy.runtime.RecoveryStore",
            "dev.eddy.notebook.HtmlTable", "dev.eddy.notebook.PlainTable", "dev.eddy.notebook.NotebookExtension",
            "dev.eddy.notebook.NotebookRenderers");
    private static final Set<String> INTERNAL_SIMPLE = INTERNAL.stream()
            .map(n -> n.substring(n.lastIndexOf('.') + 1)).collect(Collectors.toSet());
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z_][A-Za-z0-9_]*\\.)+(?=[A-Za-z_])");

    private CompletionTypes() {
    }

    /**
     * Whether completion leaves {@code match} out: a hidden type's name (or its constructor, {@code Name(}),
     * offered bare or after one of Eddy's package names.
     */
    static boolean hidden(String match, String qualifier) {
        String name = match.endsWith("()") ? match.substring(0, match.length() - 2)
                : match.endsWith("(") ? match.substring(0, match.length() - 1) : match;
        return INTERNAL_SIMPLE.contains(name) && (qualifier.isEmpty() || INTERNAL.contains(qualifier + name));
    }

    /**
     * A member's types, for a completion after a value of type {@code owner}: {@code name(P1 a, P2 b) -> R} for a
     * method, with {@code (+n overloads)} when there are more, and {@code name: T} for a field.
     */
    static Optional<String> signature(Class<?> owner, String match) {
        boolean call = match.endsWith("(") || match.endsWith("()");
        String name = match.replace("(", "").replace(")", "");
        if (!call) {
            return Arrays.stream(owner.getFields()).filter(f -> f.getName().equals(name)).findFirst()
                    .map(f -> name + ": " + simple(f.getGenericType()));
        }
        List<Method> methods = Arrays.stream(owner.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && !m.isSynthetic())
                .sorted((a, b) -> Integer.compare(a.getParameterCount(), b.getParameterCount()))
                .toList();
        if (methods.isEmpty()) return Optional.empty();
        Method first = methods.get(0);
        String params = Arrays.stream(first.getParameters()).map(CompletionTypes::parameter)
                .collect(Collectors.joining(", "));
        String more = methods.size() > 1 ? " (+" + (methods.size() - 1) + " overload"
                + (methods.size() > 2 ? "s" : "") + ")" : "";
        String stat = Modifier.isStatic(first.getModifiers()) ? "static " : "";
        return Optional.of(stat + name + "(" + params + ") -> " + simple(first.getGenericReturnType()) + more);
    }

    /** A variable's declared type as JShell spells it, without package names. */
    static String simple(String typeName) {
        return QUALIFIED.matcher(typeName).replaceAll("").replace('$', '.');
    }

    private static String simple(Type type) {
        return simple(type.getTypeName());
    }

    private static String parameter(Parameter p) {
        String type = p.isVarArgs() ? simple(p.getParameterizedType()).replace("[]", "...")
                : simple(p.getParameterizedType());
        return p.isNamePresent() ? type + " " + p.getName() : type;
    }

    /** The class JShell names {@code typeName} ({@code java.util.List<java.lang.Integer>}), if it can load it. */
    static Optional<Class<?>> load(String typeName, ClassLoader loader) {
        if (typeName == null || typeName.isBlank()) return Optional.empty();
        String raw = typeName.replaceAll("<.*", "").strip();
        if (raw.endsWith("[]") || raw.isEmpty()) return Optional.empty();
        for (String candidate = raw; ; ) {
            try {
                return Optional.of(Class.forName(candidate, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = candidate.lastIndexOf('.');
                if (dot < 0) return Optional.empty();
                candidate = candidate.substring(0, dot) + '$' + candidate.substring(dot + 1);   // a nested type
            }
        }
    }
}
