package dev.eddy.kernel;

import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagicFunction;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@code %classpath} and {@code %jars}: adds jars and folders matching globs such as {@code lib/*.jar}. */
final class ClasspathMagic implements LineMagicFunction<List<String>> {
    private final Consumer<List<Path>> classpath;

    ClasspathMagic(Consumer<List<Path>> classpath) {
        this.classpath = classpath;
    }

    @Override
    public List<String> execute(List<String> globs) throws Exception {
        if (globs.isEmpty())
            throw new IllegalArgumentException("%classpath must name at least one jar, folder or glob; got none instead;"
                    + " for example %classpath lib/*.jar");
        List<Path> paths = new ArrayList<>();
        for (String glob : globs) {
            int before = paths.size();
            for (Path p : new GlobFinder(glob).computeMatchingPaths()) paths.add(p.toAbsolutePath());
            if (paths.size() == before)
                throw new IllegalArgumentException("%classpath glob must match a file or folder; got no match for '"
                        + glob + "' instead (relative to " + Path.of("").toAbsolutePath() + ")");
        }
        classpath.accept(paths);
        return paths.stream().map(Path::toString).toList();
    }
}
