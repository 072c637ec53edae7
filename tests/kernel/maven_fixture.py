"""A Maven repository in a folder, made with the JDK's javac, so the Maven magics can be tested offline."""
import pathlib
import shutil
import subprocess
import zipfile

SOURCES = {
    "words": ("test/eddy/words/Words.java",
              'package test.eddy.words; public class Words { public static final String WORD = "and words"; }', ""),
    "greeter": ("test/eddy/greeter/Greeter.java",
                "package test.eddy.greeter; public class Greeter { public static String hello() "
                '{ return "hello from greeter " + test.eddy.words.Words.WORD; } }',
                "<dependencies><dependency><groupId>test.eddy</groupId><artifactId>words</artifactId>"
                "<version>1.0</version></dependency></dependencies>"),
    "shouter": ("test/eddy/shouter/Shouter.java",
                "package test.eddy.shouter; public class Shouter { public static String shout(String s) "
                '{ return s.toUpperCase() + "!"; } }', ""),
    "extra": ("test/eddy/extra/Extra.java",
              'package test.eddy.extra; public class Extra { public static final String NAME = "extra"; }', ""),
}


def make_repository(base):
    """Compiles the four artifacts test.eddy:{words,greeter,shouter,extra}:1.0 into base/repo; returns its path."""
    base = pathlib.Path(base)
    src, classes, repo = base / "src", base / "classes", base / "repo"
    files = []
    for path, text, _ in SOURCES.values():
        f = src / path
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(text)
        files.append(str(f))
    javac = shutil.which("javac")
    assert javac, "javac must be on PATH to build the test Maven repository"
    subprocess.run([javac, "-d", str(classes), *files], check=True)
    for artifact, (path, _, dependencies) in SOURCES.items():
        folder = repo / "test" / "eddy" / artifact / "1.0"
        folder.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(folder / f"{artifact}-1.0.jar", "w") as jar:
            class_file = path.replace(".java", ".class")
            jar.write(classes / class_file, class_file)
        (folder / f"{artifact}-1.0.pom").write_text(
            "<project><modelVersion>4.0.0</modelVersion><groupId>test.eddy</groupId>"
            f"<artifactId>{artifact}</artifactId><version>1.0</version>{dependencies}</project>")
    return repo


def jar_of(repo, artifact):
    return pathlib.Path(repo) / "test" / "eddy" / artifact / "1.0" / f"{artifact}-1.0.jar"
