package dev.eddy.kernel;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A Maven repository in a folder, made by a test: {@code test.eddy:greeter:1.0}, whose class
 * {@code test.eddy.greeter.Greeter.hello()} returns "hello from greeter " plus
 * {@code test.eddy:words:1.0}'s {@code test.eddy.words.Words.WORD}, a dependency of greeter.
 */
final class LocalMavenRepo {
    private LocalMavenRepo() {
    }

    static Path create(Path dir) throws IOException {
        Path repo = dir.resolve("repo");
        Path src = dir.resolve("src");
        write(src.resolve("test/eddy/words/Words.java"),
                "package test.eddy.words; public class Words { public static final String WORD = \"and words\"; }");
        write(src.resolve("test/eddy/greeter/Greeter.java"), "package test.eddy.greeter; public class Greeter {"
                + " public static String hello() { return \"hello from greeter \" + test.eddy.words.Words.WORD; } }");
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(),
                src.resolve("test/eddy/words/Words.java").toString(), src.resolve("test/eddy/greeter/Greeter.java").toString());
        if (status != 0) throw new IllegalStateException("the test library must compile; got javac status " + status);
        publish(repo, classes, "words", "test/eddy/words/Words.class", "");
        publish(repo, classes, "greeter", "test/eddy/greeter/Greeter.class",
                "<dependencies><dependency><groupId>test.eddy</groupId><artifactId>words</artifactId>"
                        + "<version>1.0</version></dependency></dependencies>");
        return repo;
    }

    private static void publish(Path repo, Path classes, String artifact, String classFile, String dependencies)
            throws IOException {
        Path dir = repo.resolve("test/eddy/" + artifact + "/1.0");
        Files.createDirectories(dir);
        try (OutputStream out = Files.newOutputStream(dir.resolve(artifact + "-1.0.jar"));
             JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry(classFile));
            jar.write(Files.readAllBytes(classes.resolve(classFile)));
            jar.closeEntry();
        }
        Files.writeString(dir.resolve(artifact + "-1.0.pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>test.eddy</groupId><artifactId>" + artifact + "</artifactId><version>1.0</version>"
                + dependencies + "</project>");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    public static void main(String[] args) throws IOException {
        System.out.println(create(Path.of(args[0])).toUri());
    }
}
