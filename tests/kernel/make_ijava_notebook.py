"""Writes tests/kernel/ijava_compat.ipynb: cells using only IJava 1.3.0's documented API (its README, docs/display.md
and docs/magics.md): default imports, display/render/updateDisplay, printf, eval, lineMagic, the magics and
IJava.getKernelInstance(). @REPO_URL@ is replaced by the test with a file: Maven repository it makes."""
from make_notebook import write_notebook

CELLS = [
    'new BigDecimal("1.10").add(new BigDecimal("2.20"))',
    'Pattern.compile("a+b").matcher("caab").find()',
    'Map<String, Integer> counts = new ConcurrentHashMap<>();\ncounts.merge("k", 1, Integer::sum);\ncounts',
    'new File("data/input.csv").getName() + " " + URI.create("file:/a/b").getPath()',
    'List<String> names = new ArrayList<>(Arrays.asList("b", "c", "a"));\nCollections.sort(names);\nnames',
    'display("<b>bold</b>", "text/html");',
    'String md = "Hello from **IJava**";\n\nrender(md, "text/markdown")',
    'printf("%d + %d = %d%n", 1, 2, 3);',
    'eval("6 * 7")',
    "%mavenRepo local @REPO_URL@",
    "%maven test.eddy:greeter:1.0",
    "test.eddy.greeter.Greeter.hello()",
    "%%loadFromPOM\n<repository>\n  <id>local</id>\n  <url>@REPO_URL@</url>\n</repository>\n\n<dependency>\n"
    "  <groupId>test.eddy</groupId>\n  <artifactId>shouter</artifactId>\n  <version>1.0</version>\n</dependency>",
    'test.eddy.shouter.Shouter.shout("hi")',
    "List<String> addedJars = %jars lib/*.jar\naddedJars.size()",
    "test.eddy.extra.Extra.NAME",
    "%loadFromPOM pom.xml",
    "import io.github.spencerpark.ijava.IJava;\n"
    'IJava.getKernelInstance().getMagics().applyLineMagic("addMavenDependency", List.of("test.eddy:words:1.0"));',
    'lineMagic("mavenRepo", List.of("again", "@REPO_URL@"));\n'
    'getKernelInstance().getMavenResolver().addRemoteRepo("third", "@REPO_URL@");',
    "%load helper.ijava",
    "triple(5)",
    'String id = display("before");\nupdateDisplay(id, "after");',
]

write_notebook(CELLS, "ijava_compat.ipynb")
