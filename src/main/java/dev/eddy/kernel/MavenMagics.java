package dev.eddy.kernel;

import io.github.spencerpark.jupyter.kernel.magic.registry.Magics;
import org.eclipse.aether.repository.RemoteRepository;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * IJava 1.3.0's Maven magics, on Maven Resolver: {@code %maven} (also {@code %addMavenDependency} and
 * {@code %addMavenDependencies}) {@code group:artifact:version... [--from repo]}, {@code %mavenRepo} (also
 * {@code %addMavenRepo}) {@code id url}, {@code %loadFromPOM pom.xml [scopes...]} and {@code %%loadFromPOM [scopes...]}
 * with a POM or loose {@code <dependency>} and {@code <repository>} tags as its body. Also what
 * {@code getMavenResolver()} returns to IJava notebooks.
 */
final class MavenMagics extends io.github.spencerpark.ijava.magics.MavenResolver {
    private final MavenResolver resolver;
    private final Consumer<List<Path>> classpath;

    MavenMagics(MavenResolver resolver, Consumer<List<Path>> classpath) {
        this.resolver = resolver;
        this.classpath = classpath;
    }

    void register(Magics magics) {
        for (String name : List.of("maven", "addMavenDependency", "addMavenDependencies"))
            magics.registerLineMagic(name, args -> {
                addMavenDependencies(args);
                return null;
            });
        for (String name : List.of("mavenRepo", "addMavenRepo"))
            magics.registerLineMagic(name, args -> {
                addMavenRepo(args);
                return null;
            });
        magics.registerLineMagic("loadFromPOM", args -> {
            loadFromPOM(args);
            return null;
        });
        magics.registerCellMagic("loadFromPOM", (args, body) -> {
            loadFromPOM(args, body);
            return null;
        });
    }

    @Override
    public void addRemoteRepo(String name, String url) {
        resolver.addRepository(name, url);
    }

    @Override
    public List<File> resolveMavenDependency(String canonical, Set<String> repos, int verbosity) {
        return resolver.resolve(canonical, repositories(repos)).stream().map(Path::toFile).toList();
    }

    /** All repositories when {@code names} is null; else those named (by id) and the URLs given. */
    private List<RemoteRepository> repositories(Set<String> names) {
        List<RemoteRepository> all = resolver.repositories();
        if (names == null) return all;
        List<RemoteRepository> chosen = new ArrayList<>();
        for (String name : names) {
            all.stream().filter(r -> r.getId().equalsIgnoreCase(name)).findFirst().ifPresentOrElse(chosen::add, () -> {
                if (!name.matches("(?i)(https?|file):.+"))
                    throw new IllegalArgumentException("--from must name an added repository or a URL; got '" + name
                            + "' instead; repositories: " + all.stream().map(RemoteRepository::getId).toList());
                chosen.add(new RemoteRepository.Builder("from-" + chosen.size(), "default", name).build());
            });
        }
        return chosen;
    }

    @Override
    public void addJarsToClasspath(Iterable<String> jars) {
        List<Path> paths = new ArrayList<>();
        jars.forEach(j -> paths.add(Path.of(j)));
        classpath.accept(paths);
    }

    @Override
    public void addMavenDependencies(List<String> args) {
        List<String> coordinates = new ArrayList<>();
        Set<String> from = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--from")) {
                if (i + 1 >= args.size())
                    throw new IllegalArgumentException("--from must be followed by a repository id or URL; got none instead");
                if (from == null) from = new LinkedHashSet<>();
                from.add(args.get(++i));
            } else if (arg.startsWith("--from=")) {
                if (from == null) from = new LinkedHashSet<>();
                from.add(arg.substring("--from=".length()));
            } else if (!arg.matches("-v+|--verbose")) {
                coordinates.add(arg);
            }
        }
        if (coordinates.isEmpty())
            throw new IllegalArgumentException("%maven must name group:artifact:version; got nothing instead;"
                    + " for example %maven com.google.code.gson:gson:2.11.0");
        LinkedHashSet<Path> jars = new LinkedHashSet<>();
        List<RemoteRepository> repositories = repositories(from);
        for (String c : coordinates) jars.addAll(resolver.resolve(c, repositories));
        classpath.accept(new ArrayList<>(jars));
    }

    @Override
    public void addMavenRepo(List<String> args) {
        if (args.size() != 2)
            throw new IllegalArgumentException("%mavenRepo must get an id and a URL; got " + args + " instead;"
                    + " for example %mavenRepo snapshots https://example.org/maven2/");
        resolver.addRepository(args.get(0), args.get(1));
    }

    @Override
    public void loadFromPOM(List<String> args) {
        List<String> rest = args.stream().filter(a -> !a.matches("-v+|--verbose")).toList();
        if (rest.isEmpty())
            throw new IllegalArgumentException("%loadFromPOM must name a POM file; got nothing instead;"
                    + " for example %loadFromPOM pom.xml");
        Path pom = Path.of(rest.get(0));
        if (!Files.isRegularFile(pom))
            throw new IllegalArgumentException("%loadFromPOM file must exist; got '" + pom.toAbsolutePath() + "' instead");
        classpath.accept(resolver.resolvePom(pom, rest.subList(1, rest.size())));
    }

    @Override
    public void loadFromPOM(List<String> args, String body) throws IOException {
        Path pom = Files.createTempFile("eddy-cell-", ".pom");
        try {
            Files.writeString(pom, completePom(body));
            List<String> withPom = new ArrayList<>();
            withPom.add(pom.toString());
            withPom.addAll(args);
            loadFromPOM(withPom);
        } finally {
            Files.deleteIfExists(pom);
        }
    }

    /**
     * {@code body} as a whole POM: kept as it is when it is one {@code <project>}; else its {@code <dependency>} and
     * {@code <repository>} tags, loose or in {@code <dependencies>}/{@code <repositories>}, are gathered into a project
     * whose coordinates default to {@code eddy.notebook:cell:1}.
     */
    static String completePom(String body) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Element root = builder.parse(new InputSource(new StringReader("<cell>" + body + "</cell>"))).getDocumentElement();
            List<Element> children = elements(root.getChildNodes());
            if (children.size() == 1 && children.get(0).getTagName().equals("project")) return write(children.get(0));
            Document pom = builder.newDocument();
            Element project = (Element) pom.appendChild(pom.createElement("project"));
            Element dependencies = pom.createElement("dependencies");
            Element repositories = pom.createElement("repositories");
            Set<String> given = new LinkedHashSet<>();
            for (Element child : children) {
                switch (child.getTagName()) {
                    case "dependency" -> dependencies.appendChild(pom.importNode(child, true));
                    case "repository" -> repositories.appendChild(pom.importNode(child, true));
                    case "dependencies" -> elements(child.getChildNodes()).forEach(d -> dependencies.appendChild(pom.importNode(d, true)));
                    case "repositories" -> elements(child.getChildNodes()).forEach(r -> repositories.appendChild(pom.importNode(r, true)));
                    default -> {
                        given.add(child.getTagName());
                        project.appendChild(pom.importNode(child, true));
                    }
                }
            }
            String[][] defaults = {{"modelVersion", "4.0.0"}, {"groupId", "eddy.notebook"}, {"artifactId", "cell"},
                    {"version", "1"}};
            for (String[] d : defaults) {
                if (given.contains(d[0])) continue;
                project.appendChild(pom.createElement(d[0])).setTextContent(d[1]);
            }
            project.appendChild(dependencies);
            project.appendChild(repositories);
            return write(project);
        } catch (SAXException e) {
            throw new IllegalArgumentException("%%loadFromPOM's body must be a POM or <dependency> and <repository>"
                    + " tags; got XML that does not parse instead: " + e.getMessage(), e);
        } catch (ParserConfigurationException | TransformerException | IOException e) {
            throw new IllegalStateException("the JDK's XML parser must be usable", e);
        }
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) if (nodes.item(i) instanceof Element e) out.add(e);
        return out;
    }

    private static String write(Node node) throws TransformerException {
        Transformer t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.INDENT, "yes");
        StringWriter out = new StringWriter();
        t.transform(new DOMSource(node), new StreamResult(out));
        return out.toString();
    }
}
