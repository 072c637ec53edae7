"""./eddy lab opens JupyterLab on a working folder of the user's, not the repository's notebooks/: new notebooks
land there, the tutorials are reachable in its tutorials/ folder, and a tutorial changed there is kept."""
import json
import pathlib
import subprocess
import tempfile
import urllib.request

from frontend import jupyter_lab

ROOT = pathlib.Path(__file__).parents[2]


def lab_folder(env):
    out = subprocess.run(["bash", str(ROOT / "scripts" / "lab-folder.sh")], env=env, check=True,
                         capture_output=True, text=True).stdout.strip()
    return pathlib.Path(out)


def test_lab_folder_new_notebooks_land_in_the_user_s_folder_with_the_tutorials_beside_them():
    tutorials = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    committed = {p: p.read_bytes() for p in (ROOT / "notebooks").glob("*.ipynb")}
    with tempfile.TemporaryDirectory() as home:
        env = {"HOME": home, "PATH": "/usr/bin:/bin"}
        folder = lab_folder(env)
        assert folder == pathlib.Path(home) / "eddy-notebooks"
        assert sorted(p.name for p in (folder / "tutorials").glob("*.ipynb")) == tutorials

        edited = folder / "tutorials" / tutorials[0]
        edited.write_text('{"edited": true}')
        assert lab_folder(env) == folder and edited.read_text() == '{"edited": true}', "a user's copy is kept"

        data = pathlib.Path(home) / "jupyter"
        data.mkdir()
        with jupyter_lab(folder, data) as url:
            listing = json.load(urllib.request.urlopen(url + "/api/contents/tutorials"))
            assert {c["name"] for c in listing["content"]} >= set(tutorials)
            request = urllib.request.Request(url + "/api/contents", data=json.dumps({"type": "notebook"}).encode(),
                                             method="POST", headers={"Content-Type": "application/json"})
            created = json.load(urllib.request.urlopen(request))
        assert (folder / created["path"]).is_file(), "File > New > Notebook lands in the working folder"
    assert {p: p.read_bytes() for p in (ROOT / "notebooks").glob("*.ipynb")} == committed
    assert "lab-folder.sh" in (ROOT / "eddy").read_text(), "./eddy lab opens that folder"


def test_lab_folder_eddy_notebooks_names_another_folder():
    with tempfile.TemporaryDirectory() as home:
        chosen = pathlib.Path(home) / "work" / "streams"
        assert lab_folder({"HOME": home, "PATH": "/usr/bin:/bin", "EDDY_NOTEBOOKS": str(chosen)}) == chosen
        assert list((chosen / "tutorials").glob("01-*.ipynb"))
