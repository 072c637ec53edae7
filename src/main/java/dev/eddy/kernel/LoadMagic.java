package dev.eddy.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code %load file.java}: runs a Java or JShell file as if it were a cell. */
final class LoadMagic implements MagicDispatcher.RawLineMagic {
    private static final Set<String> EXTENSIONS = Set.of(".java", ".jsh", ".jshell", ".ijava");

    @Override
    public EvalResult apply(String rest, MagicDispatcher.CodeRunner runner) throws Exception {
        String name = rest.strip();
        if (name.length() > 1 && (name.startsWith("\"") || name.startsWith("'"))) name = name.substring(1, name.length() - 1);
        Path file = Path.of(name);
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (EXTENSIONS.stream().noneMatch(lower::endsWith))
            throw new IllegalArgumentException("%load file must end with .java, .jsh, .jshell or .ijava; got '" + name + "' instead");
        if (!Files.isRegularFile(file))
            throw new IllegalArgumentException("%load file must exist; got '" + file.toAbsolutePath() + "' instead");
        return runner.run(Files.readString(file));
    }
}
