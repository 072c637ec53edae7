"""IJava 1.3.0 notebooks on the Eddy kernel: a notebook using only IJava's documented API, run with nbclient; every
import line a notebook commonly has, through jupyter_client; the JVM options kernel.json reads from the environment."""
import os
import pathlib
import shutil

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel
from nbclient import NotebookClient

from conftest import KERNEL_NAME, run_cell, stdout_of
from maven_fixture import jar_of, make_repository

NOTEBOOK = pathlib.Path(__file__).with_name("ijava_compat.ipynb")


def plain(outputs):
    assert len(outputs) == 1, outputs
    return outputs[0]["data"]["text/plain"]


def test_a_notebook_written_for_ijava_runs_with_ijavas_outputs(tmp_path):
    repo = make_repository(tmp_path / "maven")
    work = tmp_path / "work"
    (work / "lib").mkdir(parents=True)
    shutil.copy(jar_of(repo, "extra"), work / "lib" / "extra.jar")
    (work / "helper.ijava").write_text("int triple(int x) { return 3 * x; }\n")
    (work / "pom.xml").write_text(
        "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version>"
        f"<repositories><repository><id>local</id><url>{repo.as_uri()}</url></repository></repositories>"
        "<dependencies><dependency><groupId>test.eddy</groupId><artifactId>greeter</artifactId><version>1.0</version>"
        "</dependency></dependencies></project>")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        cell.source = cell.source.replace("@REPO_URL@", repo.as_uri())
    # resolved artifacts are cached in a local repository of the test's own, not in ~/.m2
    env = dict(os.environ, EDDY_JAVA_OPTS=f"-Dmaven.repo.local={tmp_path / 'local-repo'}")
    # coalesce_streams: the Eddy kernel streams each write as it happens, IJava sends what a cell printed at once;
    # a front end shows both as the same text
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=120, coalesce_streams=True,
                   resources={"metadata": {"path": str(work)}}).execute(env=env)
    out = [cell.outputs for cell in nb.cells]

    assert plain(out[0]) == "3.30"
    assert plain(out[1]) == "true"
    assert plain(out[2]) == "{k=1}"
    assert plain(out[3]) == "input.csv /a/b"
    assert plain(out[4]) == "[a, b, c]"
    assert out[5][0].output_type == "display_data" and out[5][0].data["text/html"] == "<b>bold</b>"
    assert out[6][0].output_type == "execute_result" and out[6][0].data["text/markdown"] == "Hello from **IJava**"
    assert out[7] == [nbformat.v4.new_output("stream", name="stdout", text="1 + 2 = 3\n")]
    assert plain(out[8]) == "42"
    assert out[9] == [] and out[10] == [], "IJava's magics print nothing"
    assert plain(out[11]) == "hello from greeter and words"
    assert out[12] == []
    assert plain(out[13]) == "HI!"
    assert plain(out[14]) == "1"
    assert plain(out[15]) == "extra"
    assert out[16] == [] and out[17] == [] and out[18] == [] and out[19] == []
    assert plain(out[20]) == "15"
    assert out[21][0].output_type == "display_data"
    assert any((tmp_path / "local-repo").rglob("greeter-1.0.jar")), "resolved into the test's local repository"


IMPORT_LINES = [
    # the JDK packages a notebook commonly imports
    *(f"import {p}.*;" for p in (
        "java.util", "java.util.function", "java.util.stream", "java.time", "java.time.format", "java.io",
        "java.nio.file", "java.math", "java.net", "java.util.concurrent", "java.util.concurrent.atomic",
        "java.util.regex", "java.util.prefs", "java.nio.charset", "java.text")),
    "import static java.lang.Math.*;",
    "import java.util.List;", "import java.util.Map;", "import java.time.Duration;", "import java.time.Instant;",
    # a re-import of each startup package
    *(f"import {p}.*;" for p in (
        "dev.eddy.dataflow", "dev.eddy.windowing", "dev.eddy.testing", "dev.eddy.io", "dev.eddy.runtime",
        "dev.eddy.notebook")),
    "import static dev.eddy.kernel.api.Display.*;",
]


def test_every_common_import_line_leaves_the_dsl_display_and_arithmetic_working(kernel):
    _, kc = kernel
    for line in IMPORT_LINES:
        reply, outputs = run_cell(kc, line)
        assert reply["status"] == "ok", (line, outputs)
        assert outputs == [], (line, outputs)
    # each single-type import that clashes with a startup import wins for its name, with a one-line note
    for line, name in (("import java.util.stream.Stream;", "Stream"), ("import java.time.Clock;", "Clock")):
        reply, outputs = run_cell(kc, line)
        assert reply["status"] == "ok", outputs
        notes = [c["text"] for t, c in outputs if t == "stream" and c["name"] == "stderr"]
        assert len(notes) == 1 and notes[0].startswith(f"note: {name} now means java."), notes
        assert notes[0].count("\n") == 1
    assert plain_of(run_cell(kc, "Stream.of(1, 2, 3).count()")) == "3"
    assert plain_of(run_cell(kc, "Clock.systemUTC().getZone()")) == "Z"
    flow = """
    var flow = new Dataflow("imports");
    var nums = flow.input("in", TestingSource.of(1, 2, 3));
    var out = new ArrayList<Integer>();
    nums.map("double", x -> x * 2).output("out", new TestingSink<>(out));
    Runner.runMain(flow);
    out"""
    assert plain_of(run_cell(kc, flow)) == "[2, 4, 6]"
    reply, outputs = run_cell(kc, 'display("<i>shown</i>", "text/html");')
    assert [c["data"]["text/html"] for t, c in outputs if t == "display_data"] == ["<i>shown</i>"]
    assert plain_of(run_cell(kc, "1 + 1")) == "2"
    # Eddy's Stream back by importing it again
    run_cell(kc, "import dev.eddy.dataflow.Stream;")
    assert plain_of(run_cell(kc, 'Stream<Integer> s = new Dataflow("again").input("in", TestingSource.of(4));\n'
                                 "s.getClass().getSimpleName()")) == "Stream"


def plain_of(result):
    reply, outputs = result
    assert reply["status"] == "ok", outputs
    return [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"][0]


@pytest.mark.parametrize("variable", ["EDDY_JAVA_OPTS", "IJAVA_JVM_OPTS"])
def test_jvm_options_from_the_environment_reach_the_kernel_jvm(variable):
    env = dict(os.environ, **{variable: "-Xmx300m -Deddy.test.flag=on"})
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=60, env=env)
    try:
        mb = int(plain_of(run_cell(kc, "Runtime.getRuntime().maxMemory() / (1024 * 1024)")))
        assert 200 <= mb <= 300
        assert plain_of(run_cell(kc, 'System.getProperty("eddy.test.flag")')) == "on"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def test_the_kernel_jvm_has_a_heap_limit_by_default():
    env = {k: v for k, v in os.environ.items() if k not in ("EDDY_JAVA_OPTS", "IJAVA_JVM_OPTS")}
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=60, env=env)
    try:
        assert 1500 <= int(plain_of(run_cell(kc, "Runtime.getRuntime().maxMemory() / (1024 * 1024)"))) <= 2048
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
