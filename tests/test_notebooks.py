"""Notebooks: stripped, paired, thin, and each one runs under papermill on a small corpus."""
from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import jupytext
import nbformat
import pandas as pd
import papermill as pm
import pytest

ROOT = Path(__file__).resolve().parents[1]
NB_DIR = ROOT / "notebooks"
DEMO = ROOT / "corpora" / "demo"
NAMES = ["00_overview", "10_attribution", "20_casualty_agency", "30_denials", "40_event",
         "50_fingerprint"]
PARAMETERS = {"corpus_path": "str", "event_id": "str", "outlets": "list", "out_dir": "str",
              "seed": "int", "n_boot": "int", "exclude_wire": "bool"}
MAX_LINES = 8


def _read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NB_DIR / f"{name}.ipynb", as_version=4)


def _code(nb) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def test_the_six_notebooks_are_paired():
    assert sorted(p.stem for p in NB_DIR.glob("*.ipynb")) == NAMES
    assert sorted(p.stem for p in NB_DIR.glob("*.py")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_committed_without_outputs(name):
    for cell in _code(_read(name)):
        assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("name", NAMES)
def test_pair_in_sync(name):
    a = jupytext.read(NB_DIR / f"{name}.ipynb")
    b = jupytext.read(NB_DIR / f"{name}.py")
    assert [(c.cell_type, c.source) for c in a.cells] == \
        [(c.cell_type, c.source) for c in b.cells]


@pytest.mark.parametrize("name", NAMES)
def test_parameters_cell_first_typed_and_commented(name):
    nb = _read(name)
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert nb.cells[tagged[0]] is _code(nb)[0]
    for line in nb.cells[tagged[0]].source.splitlines():
        assert re.fullmatch(r"\w+: \w+ = .+  # .+", line), line
    declared = pm.inspect_notebook(str(NB_DIR / f"{name}.ipynb"))
    assert {k: v["inferred_type_name"] for k, v in declared.items()} == PARAMETERS
    assert all(v["help"] for v in declared.values())


@pytest.mark.parametrize("name", NAMES)
def test_second_cell_imports_toolkit_only(name):
    tree = ast.parse(_code(_read(name))[1].source)
    assert all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body)
    assert ast.unparse(tree.body[0]) == "import toolkit as tk"
    mods = {a.name for n in tree.body for a in n.names}
    assert all(m == "toolkit" or m.startswith("toolkit.") for m in mods)


BANNED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.For, ast.AsyncFor,
          ast.While, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
          ast.With, ast.Try)


@pytest.mark.parametrize("name", NAMES)
def test_cells_are_thin(name):
    nb = _read(name)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        lines = [ln for ln in cell.source.splitlines() if ln.strip()]
        assert len(lines) <= MAX_LINES, f"cell {i} has {len(lines)} lines"
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, BANNED), f"cell {i}: {type(node).__name__}"
        if "tk.figures." in cell.source:  # every figure is introduced by prose
            assert nb.cells[i - 1].cell_type == "markdown", f"cell {i} has no markdown before"


# --------------------------------------------------------------------------- execution


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """All six notebooks run by `toolkit.batch` on 8 demo articles (2 events x 4 outlets)."""
    if not (DEMO / "articles.jsonl").exists():
        pytest.skip("demo corpus not built")
    from toolkit import batch
    from toolkit.corpus import load_corpus, write_corpus

    tmp = tmp_path_factory.mktemp("nb")
    demo = load_corpus(DEMO)
    small = [a for a in demo if a.event_id in ("ev1", "ev2")]
    assert len(small) == 8
    corpus = tmp / "small"
    write_corpus(small, corpus, meta={"name": "small", "description": "8 demo articles"})
    shutil.copy(DEMO / "actors.yml", corpus / "actors.yml")
    mp = pytest.MonkeyPatch()
    mp.setenv("MBT_STATIC_EXPORT", "0")  # static export is tested in test_figures.py
    mp.setenv("MBT_CACHE_DIR", str(tmp / "cache"))  # a cold, private feature cache
    try:
        runs = [batch.RunSpec(NB_DIR / f"{n}.ipynb",
                              {"corpus_path": str(corpus), "n_boot": 50,
                               **({"event_id": "ev2"} if n == "40_event" else {})})
                for n in NAMES]
        manifest = batch.run_batch(runs, tmp / "run", jobs=2, timeout=300)
    finally:
        mp.undo()
    return tmp / "run", {r["name"]: r for r in manifest["runs"]}


def test_every_notebook_runs(executed):
    _, runs = executed
    failed = {n: r["error"] for n, r in runs.items() if r["status"] != "ok"}
    assert not failed
    assert sorted(runs) == sorted(NAMES[:4] + ["40_event__ev2", "50_fingerprint"])


def _figures(executed, run_name):
    folder, runs = executed
    return {f["name"]: f for f in runs[run_name]["figures"]}, folder


def test_overview_outputs(executed):
    figs, folder = _figures(executed, "00_overview")
    assert sorted(figs) == ["00_overview__events", "00_overview__timeline"]
    assert all(f["status"] == "skipped" and "MBT_STATIC_EXPORT" in f["reason"]
               for f in figs.values())
    events = (folder / figs["00_overview__events"]["files"]["csv"]).read_text()
    assert events.splitlines() == ["event_id,outlet,n_articles"] + [
        f"{e},{o},1" for e in ("ev1", "ev2")
        for o in ("courier", "dispatch", "meridian", "sentinel")]
    nb = nbformat.read(folder / "00_overview" / "00_overview.ipynb", 4)
    summary = nb.cells[4].outputs[0]["data"]["text/plain"]
    assert "meridian" in summary and "sentinel" in summary


def test_feature_notebooks_write_their_figures(executed):
    expected = {
        "10_attribution": ["measures", "verbs", "voice"],
        "20_casualty_agency": ["agents", "ladder", "measures"],
        "30_denials": ["measures", "paired"],
        "50_fingerprint": ["confusion", "profile", "weights"],
    }
    for run, figs in expected.items():
        got, folder = _figures(executed, run)
        assert sorted(got) == [f"{run}__{f}" for f in figs]
        for f in got.values():
            assert sorted(f["files"]) == ["csv", "html", "json"]
            assert (folder / f["files"]["json"]).exists()


def test_event_notebook_names_figures_by_event(executed):
    figs, folder = _figures(executed, "40_event__ev2")
    assert sorted(figs) == [f"40_event__{f}__ev2" for f in
                            ("denials", "ladder", "measures", "verbs")]
    prov = pd.read_json(folder / figs["40_event__ladder__ev2"]["files"]["json"], typ="series")
    assert prov["parameters"]["event_id"] == "ev2"
    assert prov["corpus"]["name"] == "small"


def test_fingerprint_confusion_covers_all_outlets(executed):
    figs, folder = _figures(executed, "50_fingerprint")
    cm = pd.read_csv(folder / figs["50_fingerprint__confusion"]["files"]["csv"])
    assert len(cm) == 16 and cm["n"].sum() == 8
