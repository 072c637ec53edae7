package dev.eddy.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Cells written for IJava 1.3.0 (its README and docs/magics.md) in a kernel of their own, offline. */
class IJavaCompatibilityTest {
    @TempDir
    Path tmp;
    private EddyKernel kernel;
    private Path repo;
    private String repoUrl;

    @BeforeEach
    void start() throws Exception {
        repo = LocalMavenRepo.create(tmp);
        repoUrl = repo.toUri().toString();
        kernel = new EddyKernel(KernelConfig.defaults(), new MavenResolver(tmp.resolve("local"), false));
    }

    @AfterEach
    void stop() {
        kernel.onShutdown(false);
    }

    private Object value(String code) {
        EvalResult r = kernel.runCell(code, "In[1]");
        assertThat(r).as(code + " gave " + r).isInstanceOf(EvalResult.Value.class);
        return ((EvalResult.Value) r).value();
    }

    @Test
    void ijavasKernelInstanceOffersItsMethods() {
        value("import io.github.spencerpark.ijava.IJava;");
        assertThat(value("IJava.getKernelInstance() == getKernelInstance()")).isEqualTo(true);
        assertThat(value("IJava.getKernelInstance().getMagics() != null")).isEqualTo(true);
        assertThat(value("getKernelInstance().getMavenResolver() == IJava.getKernelInstance().getMavenResolver()"))
                .as("IJava's statically imported getKernelInstance() has the same methods").isEqualTo(true);
        assertThat(value("io.github.spencerpark.ijava.JavaKernel k = IJava.getKernelInstance(); k.evalRaw(\"6 * 7\")"))
                .isEqualTo(42);
    }

    @Test
    void addToClasspathTakesAPathString() throws Exception {
        Path jar = LocalMavenRepo.create(tmp.resolve("again")).resolve("test/eddy/words/1.0/words-1.0.jar");
        value("io.github.spencerpark.ijava.IJava.getKernelInstance().addToClasspath(\""
                + jar.toString().replace("\\", "\\\\") + "\");");
        assertThat(value("test.eddy.words.Words.WORD")).isEqualTo("and words");
    }

    @Test
    void mavenRepoThenMavenResolvesTransitively() {
        value("%mavenRepo local " + repoUrl);
        value("%maven test.eddy:greeter:1.0");
        assertThat(value("test.eddy.greeter.Greeter.hello()")).isEqualTo("hello from greeter and words");
    }

    @Test
    void addMavenRepoAndAddMavenDependencyAreTheLongNames() {
        value("%addMavenRepo local " + repoUrl);
        value("%addMavenDependency test.eddy:greeter:1.0");
        assertThat(value("test.eddy.greeter.Greeter.hello()")).isEqualTo("hello from greeter and words");
    }

    @Test
    void theMavenResolverIsReachableFromTheKernel() {
        value("var resolver = io.github.spencerpark.ijava.IJava.getKernelInstance().getMavenResolver();");
        value("resolver.addRemoteRepo(\"local\", \"" + repoUrl + "\");");
        value("resolver.addMavenDependencies(List.of(\"test.eddy:greeter:1.0\"));");
        assertThat(value("test.eddy.greeter.Greeter.hello()")).isEqualTo("hello from greeter and words");
    }

    @Test
    void loadFromPomCellMagicTakesLooseRepositoryAndDependencyTags() {
        value("%%loadFromPOM\n<repository>\n  <id>local</id>\n  <url>" + repoUrl + "</url>\n</repository>\n\n"
                + "<dependency>\n  <groupId>test.eddy</groupId>\n  <artifactId>greeter</artifactId>\n"
                + "  <version>1.0</version>\n</dependency>\n");
        assertThat(value("test.eddy.greeter.Greeter.hello()")).isEqualTo("hello from greeter and words");
    }

    @Test
    void loadFromPomLineMagicReadsAPomFileWithProperties() throws Exception {
        Path pom = Files.writeString(tmp.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>g</groupId><artifactId>a</artifactId><version>1</version>"
                + "<properties><greeter.version>1.0</greeter.version></properties>"
                + "<repositories><repository><id>local</id><url>" + repoUrl + "</url></repository></repositories>"
                + "<dependencies><dependency><groupId>test.eddy</groupId><artifactId>greeter</artifactId>"
                + "<version>${greeter.version}</version></dependency>"
                + "<dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version>"
                + "<scope>test</scope></dependency></dependencies></project>");
        value("%loadFromPOM " + pom);
        assertThat(value("test.eddy.greeter.Greeter.hello()")).isEqualTo("hello from greeter and words");
    }

    @Test
    void aLineMagicAssignedToAVariableGivesItsResult() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.copy(repo.resolve("test/eddy/words/1.0/words-1.0.jar"), lib.resolve("words.jar"));
        value("List<String> addedJars = %jars " + lib + "/*.jar");
        assertThat((List<?>) value("addedJars")).hasSize(1);
        assertThat(value("test.eddy.words.Words.WORD")).isEqualTo("and words");
    }

    @Test
    void aLineMagicAloneShowsNoValueAsInIJava() {
        assertThat(kernel.runCell("%mavenRepo local " + repoUrl, "In[1]")).isEqualTo(EvalResult.Value.NONE);
    }

    @Test
    void lineMagicAndCellMagicAreCallableAsFunctions() {
        value("lineMagic(\"mavenRepo\", List.of(\"local\", \"" + repoUrl + "\"));");
        value("lineMagic(\"maven\", List.of(\"test.eddy:words:1.0\"));");
        assertThat(value("test.eddy.words.Words.WORD")).isEqualTo("and words");
    }
}
