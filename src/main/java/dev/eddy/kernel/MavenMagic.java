package dev.eddy.kernel;

import io.github.spencerpark.jupyter.kernel.magic.registry.LineMagicFunction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;

/** {@code %maven group:artifact:version ...}: resolves each with its dependencies and adds the jars. */
final class MavenMagic implements LineMagicFunction<Void> {
    private final MavenResolver resolver;
    private final Consumer<List<Path>> classpath;

    MavenMagic(MavenResolver resolver, Consumer<List<Path>> classpath) {
        this.resolver = resolver;
        this.classpath = classpath;
    }

    @Override
    public Void execute(List<String> coordinates) {
        if (coordinates.isEmpty())
            throw new IllegalArgumentException("%maven must name group:artifact:version; got nothing instead;"
                    + " for example %maven com.google.code.gson:gson:2.11.0");
        LinkedHashSet<Path> jars = new LinkedHashSet<>();
        for (String c : coordinates) {
            List<Path> resolved = resolver.resolve(c);
            jars.addAll(resolved);
            System.out.println("Resolved " + c + ": " + resolved.size() + " jar" + (resolved.size() == 1 ? "" : "s"));
        }
        classpath.accept(new ArrayList<>(jars));
        return null;
    }
}
