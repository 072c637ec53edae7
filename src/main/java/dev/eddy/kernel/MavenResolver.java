package dev.eddy.kernel;

import org.apache.maven.model.Model;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves Maven coordinates with their runtime dependencies, transitively, from Maven Central (the URL Maven's own
 * super POM names) and the repositories added with {@link #addRepository}, caching artifacts in the user's local
 * Maven repository; and the dependencies a POM declares, from the repositories it names.
 */
final class MavenResolver {
    private static final Pattern COORDINATES = Pattern.compile("[^:\\s]+:[^:\\s]+(:[^:\\s]*){1,3}");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    /** The scopes {@code %loadFromPOM} keeps when none are given, as IJava documents. */
    static final List<String> POM_SCOPES = List.of("compile", "runtime", "system", "import");

    private final Path localRepository;
    private final boolean offline;
    private final RemoteRepository central;
    private final List<RemoteRepository> added = new CopyOnWriteArrayList<>();

    MavenResolver(Path localRepository, boolean offline) {
        this.localRepository = localRepository;
        this.offline = offline;
        this.central = new RemoteRepository.Builder("central", "default", centralUrl()).build();
    }

    /** Adds repository {@code url} (http, https or file) under {@code id} to those {@link #resolve} searches. */
    void addRepository(String id, String url) {
        if (id == null || id.isBlank() || id.equals("central"))
            throw new IllegalArgumentException("a Maven repository id must be a word other than 'central'; got '"
                    + id + "' instead");
        if (url == null || !url.matches("(?i)(https?|file):.+"))
            throw new IllegalArgumentException("Maven repository " + id + " must have an http, https or file URL; got '"
                    + url + "' instead; for example %mavenRepo snapshots https://example.org/maven2/");
        added.removeIf(r -> r.getId().equals(id));
        added.add(new RemoteRepository.Builder(id, "default", url).build());
    }

    /** Central, then the added repositories in the order they were added. */
    List<RemoteRepository> repositories() {
        List<RemoteRepository> all = new ArrayList<>();
        all.add(central);
        all.addAll(added);
        return all;
    }

    /** The user's repository: {@code -Dmaven.repo.local}, else {@code ~/.m2/repository}. */
    static MavenResolver forUser() {
        String local = System.getProperty("maven.repo.local");
        Path repo = local != null ? Path.of(local) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return new MavenResolver(repo, Boolean.getBoolean("eddy.maven.offline"));
    }

    /** The jars of {@code coordinates} ({@code group:artifact:version}) and everything they need at run time. */
    List<Path> resolve(String coordinates) {
        return resolve(coordinates, repositories());
    }

    /** Like {@link #resolve(String)}, from {@code repositories} only. */
    List<Path> resolve(String coordinates, List<RemoteRepository> repositories) {
        if (coordinates == null || !COORDINATES.matcher(coordinates).matches())
            throw new IllegalArgumentException("Maven coordinates must be group:artifact[:extension[:classifier]]:version;"
                    + " got '" + coordinates + "' instead; for example com.google.code.gson:gson:2.11.0");
        String[] parts = coordinates.split(":", -1);
        DefaultArtifact artifact = parts.length == 4
                ? new DefaultArtifact(parts[0], parts[1], "", parts[2].isEmpty() ? "jar" : parts[2], parts[3])
                : new DefaultArtifact(coordinates);
        return resolveAll(List.of(new Dependency(artifact, JavaScopes.RUNTIME)), repositories, coordinates);
    }

    /**
     * The jars of the dependencies {@code pom} declares in {@code scopes} (all of {@link #POM_SCOPES} when empty) and
     * of what they need at run time, from the POM's repositories and Central. {@code ${name}} in a version, group or
     * artifact is the POM's property {@code name}; parent POMs are not read.
     */
    List<Path> resolvePom(Path pom, List<String> scopes) {
        Model model;
        try (InputStream in = Files.newInputStream(pom)) {
            model = new MavenXpp3Reader().read(in, false);
        } catch (IOException | XmlPullParserException e) {
            throw new IllegalArgumentException("a POM must be readable Maven XML; got " + pom + " with "
                    + rootMessage(e) + " instead", e);
        }
        Properties properties = model.getProperties();
        List<String> kept = scopes.isEmpty() ? POM_SCOPES : scopes;
        List<Dependency> dependencies = new ArrayList<>();
        for (org.apache.maven.model.Dependency d : model.getDependencies()) {
            String scope = d.getScope() == null ? JavaScopes.COMPILE : d.getScope();
            if (!kept.contains(scope)) continue;
            DefaultArtifact artifact = new DefaultArtifact(interpolate(d.getGroupId(), properties),
                    interpolate(d.getArtifactId(), properties), interpolate(d.getClassifier(), properties),
                    d.getType() == null ? "jar" : interpolate(d.getType(), properties),
                    interpolate(d.getVersion(), properties));
            List<Exclusion> exclusions = d.getExclusions().stream()
                    .map(x -> new Exclusion(x.getGroupId(), x.getArtifactId(), "*", "*")).toList();
            dependencies.add(new Dependency(artifact, JavaScopes.RUNTIME, false, exclusions));
        }
        List<RemoteRepository> repositories = new ArrayList<>();
        repositories.add(central);
        for (org.apache.maven.model.Repository r : model.getRepositories())
            repositories.add(new RemoteRepository.Builder(r.getId(), "default", interpolate(r.getUrl(), properties)).build());
        return resolveAll(dependencies, repositories, pom.toString());
    }

    private static String interpolate(String value, Properties properties) {
        if (value == null) return "";
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = properties.getProperty(m.group(1));
            if (replacement == null)
                throw new IllegalArgumentException("a POM property must be defined in its <properties>; got ${"
                        + m.group(1) + "} undefined instead");
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(out).toString();
    }

    private List<Path> resolveAll(List<Dependency> dependencies, List<RemoteRepository> repositories, String what) {
        if (dependencies.isEmpty()) return List.of();
        RepositorySystem system = new RepositorySystemSupplier().get();
        try (CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setOffline(offline)
                .build()) {
            CollectRequest collect = new CollectRequest(dependencies, List.of(), repositories);
            DependencyRequest request = new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            return system.resolveDependencies(session, request).getArtifactResults().stream()
                    .map(ArtifactResult::getArtifact)
                    .filter(Objects::nonNull)
                    .map(a -> a.getPath())
                    .collect(Collectors.toList());
        } catch (DependencyResolutionException e) {
            String names = repositories.stream()
                    .map(r -> r == central ? "Maven Central" : r.getId() + " (" + r.getUrl() + ")")
                    .collect(Collectors.joining(", "));
            throw new IllegalStateException(what + " must resolve from " + names + " or " + localRepository
                    + "; got " + rootMessage(e) + " instead; check the coordinates"
                    + (offline ? " (resolution is offline)" : " and the network"), e);
        } finally {
            system.shutdown();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** Maven Central's URL, read from the super POM that ships in maven-model-builder. */
    static String centralUrl() {
        try (InputStream in = MavenResolver.class.getResourceAsStream("/org/apache/maven/model/pom-4.0.0.xml")) {
            if (in == null) throw new IllegalStateException("maven-model-builder's super POM must be on the classpath");
            String pom = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("<repository>.*?<url>([^<]+)</url>", Pattern.DOTALL).matcher(pom);
            if (!m.find()) throw new IllegalStateException("the super POM must name a repository URL; found none");
            return m.group(1).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
