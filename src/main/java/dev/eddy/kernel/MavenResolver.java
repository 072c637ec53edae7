package dev.eddy.kernel;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resolves Maven coordinates with their runtime dependencies, transitively, from Maven Central (the URL Maven's own
 * super POM names), caching artifacts in the user's local Maven repository.
 */
final class MavenResolver {
    private static final Pattern COORDINATES = Pattern.compile("[^:\\s]+:[^:\\s]+(:[^:\\s]+){1,3}");

    private final Path localRepository;
    private final boolean offline;
    private final RemoteRepository central;

    MavenResolver(Path localRepository, boolean offline) {
        this.localRepository = localRepository;
        this.offline = offline;
        this.central = new RemoteRepository.Builder("central", "default", centralUrl()).build();
    }

    /** The user's repository: {@code -Dmaven.repo.local}, else {@code ~/.m2/repository}. */
    static MavenResolver forUser() {
        String local = System.getProperty("maven.repo.local");
        Path repo = local != null ? Path.of(local) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        return new MavenResolver(repo, Boolean.getBoolean("eddy.maven.offline"));
    }

    /** The jars of {@code coordinates} ({@code group:artifact:version}) and everything they need at run time. */
    List<Path> resolve(String coordinates) {
        if (coordinates == null || !COORDINATES.matcher(coordinates).matches())
            throw new IllegalArgumentException("Maven coordinates must be group:artifact[:extension[:classifier]]:version;"
                    + " got '" + coordinates + "' instead; for example com.google.code.gson:gson:2.11.0");
        RepositorySystem system = new RepositorySystemSupplier().get();
        try (CloseableSession session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setOffline(offline)
                .build()) {
            CollectRequest collect = new CollectRequest(
                    new Dependency(new DefaultArtifact(coordinates), JavaScopes.RUNTIME), List.of(central));
            DependencyRequest request = new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            return system.resolveDependencies(session, request).getArtifactResults().stream()
                    .map(ArtifactResult::getArtifact)
                    .filter(Objects::nonNull)
                    .map(a -> a.getPath())
                    .collect(Collectors.toList());
        } catch (DependencyResolutionException e) {
            throw new IllegalStateException(coordinates + " must resolve from Maven Central or " + localRepository
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
