package dev.eddy.kernel;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;

import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Javadoc of Eddy's types and members, for inspect (Shift-Tab): JShell finds Javadoc only in the JDK's own
 * sources, so the jar carries Eddy's sources as resources under {@value #ROOT} (see {@code pom.xml}) and this reads
 * the comment of the type, method or constructor a JShell signature names, such as
 * {@code dev.eddy.notebook.Capture dev.eddy.notebook.Capture.of(dev.eddy.dataflow.Dataflow flow)}. Overloads are
 * told apart by their number of parameters; a constructor without a comment of its own gets its type's.
 */
final class EddyJavadoc {
    static final String ROOT = "dev/eddy/kernel/javadoc/";

    private record Source(CompilationUnitTree unit, DocTrees trees) {
    }

    private final Map<String, Optional<Source>> sources = new ConcurrentHashMap<>();

    /** The Javadoc of what {@code signature} names, if it is Eddy's and has one. */
    Optional<String> of(String signature) {
        int open = signature.indexOf('(');
        String head = withoutGenerics(open < 0 ? signature : signature.substring(0, open)).replace("..", ".").strip();
        String name = head.substring(head.lastIndexOf(' ') + 1);
        if (!name.startsWith("dev.eddy.")) return Optional.empty();
        String[] parts = name.split("\\.");
        String last = parts[parts.length - 1];
        boolean member = open >= 0 && !Character.isUpperCase(last.charAt(0));
        boolean constructor = open >= 0 && !member;
        int typeEnd = member ? parts.length - 1 : parts.length;
        int outer = 0;
        while (outer < typeEnd && !Character.isUpperCase(parts[outer].charAt(0))) outer++;
        if (outer == typeEnd) return Optional.empty();
        String path = String.join("/", List.of(parts).subList(0, outer + 1)) + ".java";
        Optional<Source> source = sources.computeIfAbsent(path, EddyJavadoc::parse);
        if (source.isEmpty()) return Optional.empty();
        ClassTree type = find(source.get().unit(), List.of(parts).subList(outer, typeEnd));
        if (type == null) return Optional.empty();
        String typeDoc = doc(source.get(), type);
        if (!member && !constructor) return Optional.ofNullable(typeDoc);
        int params = parameterCount(signature.substring(open + 1, Math.max(open + 1, signature.lastIndexOf(')'))));
        String wanted = constructor ? "<init>" : last;
        for (Tree t : type.getMembers()) {
            if (t instanceof MethodTree m && m.getName().contentEquals(wanted) && m.getParameters().size() == params) {
                String d = doc(source.get(), m);
                if (d != null) return Optional.of(d);
            }
        }
        return constructor ? Optional.ofNullable(typeDoc) : Optional.empty();
    }

    private static String doc(Source source, Tree tree) {
        String d = source.trees().getDocComment(TreePath.getPath(source.unit(), tree));
        if (d == null || d.isBlank()) return null;
        return d.strip().replaceAll("\n ", "\n");  // the space after each line's '*'
    }

    private static ClassTree find(CompilationUnitTree unit, List<String> names) {
        List<? extends Tree> scope = unit.getTypeDecls();
        ClassTree found = null;
        for (String n : names) {
            found = null;
            for (Tree t : scope) {
                if (t instanceof ClassTree c && c.getSimpleName().contentEquals(n)) {
                    found = c;
                    break;
                }
            }
            if (found == null) return null;
            scope = found.getMembers();
        }
        return found;
    }

    private static Optional<Source> parse(String path) {
        String text;
        try (InputStream in = EddyJavadoc.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            if (in == null) return Optional.empty();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        try {
            JavacTask task = (JavacTask) ToolProvider.getSystemJavaCompiler()
                    .getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(file));
            DocTrees trees = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) return Optional.of(new Source(unit, trees));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code s} without its {@code <...>} parts, nested ones included. */
    static String withoutGenerics(String s) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '<') depth++;
            else if (c == '>') depth = Math.max(0, depth - 1);
            else if (depth == 0) out.append(c);
        }
        return out.toString();
    }

    static int parameterCount(String params) {
        String flat = withoutGenerics(params);
        if (flat.isBlank()) return 0;
        return (int) flat.chars().filter(c -> c == ',').count() + 1;
    }
}
