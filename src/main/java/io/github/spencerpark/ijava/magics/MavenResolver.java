package io.github.spencerpark.ijava.magics;

import java.io.File;
import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.Set;

/**
 * The public methods of IJava 1.3.0's {@code MavenResolver} that a notebook reaches through
 * {@code IJava.getKernelInstance().getMavenResolver()}; the Eddy kernel implements them with Maven Resolver. The
 * {@code List<String>} methods are the magics' own: {@code %maven}, {@code %mavenRepo}, {@code %loadFromPOM}.
 */
public abstract class MavenResolver {
    /** Adds the Maven repository {@code url} under {@code name} to those {@code %maven} resolves from. */
    public abstract void addRemoteRepo(String name, String url);

    /**
     * The jars of {@code canonical} ({@code group:artifact[:packaging[:classifier]]:version}) and its runtime
     * dependencies; {@code repos}, if not null, names the repositories (by name or URL) to resolve from. Adds nothing.
     */
    public abstract List<File> resolveMavenDependency(String canonical, Set<String> repos, int verbosity)
            throws IOException, ParseException;

    /** Adds each of {@code jars} (paths) to the notebook's class path. */
    public abstract void addJarsToClasspath(Iterable<String> jars);

    /** {@code %maven coordinates... [--from repo]}: resolves each and adds its jars. */
    public abstract void addMavenDependencies(List<String> args);

    /** {@code %mavenRepo id url}. */
    public abstract void addMavenRepo(List<String> args);

    /** {@code %loadFromPOM pom.xml [scopes...]}: the dependencies of a POM file. */
    public abstract void loadFromPOM(List<String> args);

    /** {@code %%loadFromPOM [scopes...]} with a POM, or loose {@code <dependency>}/{@code <repository>} tags. */
    public abstract void loadFromPOM(List<String> args, String body) throws Exception;
}
