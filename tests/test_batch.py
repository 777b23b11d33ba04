"""Batch runs with papermill: manifest, kept partial notebooks, validation, immutability."""
from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from toolkit import batch
from toolkit.errors import ToolkitError


def _notebook(path: Path, *cells: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    params = nbformat.v4.new_code_cell('label: str = "x"  # a label\nout_dir: str = ""  # out')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params] + [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, path)
    return path


GOOD = ('import pandas as pd\nimport toolkit.figures as f\n'
        'data = pd.DataFrame({"outlet": ["a", label], "share": [0.5, 0.25]})\n'
        'fig = f.charts._figure("t")\n'
        'f.export(fig, data, name="good__fig", out_dir=out_dir, provenance={"label": label})')
BROKEN_BEFORE = 'print("before the failure")'
BROKEN = 'raise ValueError("deliberate failure for " + label)'


@pytest.fixture
def notebooks(tmp_path, monkeypatch):
    monkeypatch.setenv("MBT_STATIC_EXPORT", "0")
    return {"good": _notebook(tmp_path / "good.ipynb", GOOD),
            "broken": _notebook(tmp_path / "broken.ipynb", BROKEN_BEFORE, BROKEN, "x = 1")}


def test_failing_run_is_recorded_with_partial_notebook_and_others_succeed(tmp_path, notebooks):
    runs = [batch.RunSpec(notebooks["broken"], {"label": "b"}),
            batch.RunSpec(notebooks["good"], {"label": "<script>"})]
    out = tmp_path / "run1"
    m = batch.run_batch(runs, out, jobs=2, timeout=120)
    assert m["counts"] == {"ok": 1, "failed": 1, "timeout": 0}
    broken, good = m["runs"]
    assert broken["status"] == "failed"
    # index in the executed notebook, which has papermill's injected-parameters cell
    assert broken["error"]["cell_index"] == 3
    assert broken["error"]["ename"] == "ValueError"
    assert broken["error"]["evalue"] == "deliberate failure for b"
    assert broken["error"]["exec_count"] == 4
    partial = nbformat.read(out / broken["output_notebook"], 4)
    failed = partial.cells[broken["error"]["output_cell_index"]]
    assert failed.source == BROKEN and failed.outputs[0]["ename"] == "ValueError"
    before = [c for c in partial.cells if c.source == BROKEN_BEFORE][0]
    assert before.outputs[0]["text"] == "before the failure\n"  # the log is kept
    assert good["status"] == "ok" and good["error"] is None
    assert good["figures"][0]["name"] == "good__fig"
    assert good["figures"][0]["files"]["csv"] == "good/good__fig.csv"
    assert (out / "good" / "good__fig.csv").read_text() == "outlet,share\n<script>,0.250000\na,0.500000\n"
    on_disk = json.loads((out / "manifest.json").read_text())
    assert on_disk["runs"][0]["error"]["ename"] == "ValueError"
    index = (out / "index.html").read_text()
    assert "good/good.ipynb" in index and "broken/broken.ipynb" in index
    assert "good/good__fig.html" in index
    assert "<script>" not in index and "&lt;script&gt;" in index
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".run1.tmp")]


def test_unknown_parameter_is_rejected_before_anything_runs(tmp_path, notebooks):
    with pytest.raises(ToolkitError, match=r"unknown parameter\(s\) \['lable'\]"):
        batch.run_batch([batch.RunSpec(notebooks["good"], {"lable": "x"})], tmp_path / "r")
    assert not (tmp_path / "r").exists()


def test_existing_run_folder_is_never_overwritten(tmp_path, notebooks):
    (tmp_path / "r").mkdir()
    with pytest.raises(ToolkitError, match="never overwritten"):
        batch.run_batch([batch.RunSpec(notebooks["good"], {})], tmp_path / "r")


def test_run_over_time_is_killed_and_recorded(tmp_path, notebooks):
    slow = _notebook(tmp_path / "slow.ipynb", "import time\ntime.sleep(120)")
    m = batch.run_batch([batch.RunSpec(slow, {})], tmp_path / "r", timeout=10)
    entry = m["runs"][0]
    assert entry["status"] == "timeout" and entry["error"]["ename"] == "Timeout"
    assert entry["seconds"] < 60


def test_plan_per_event_and_names(tmp_path, notebooks):
    runs = batch.plan([notebooks["good"]], corpus=tmp_path, events=["e1", "e2"],
                      outlets=["a"])
    assert [r.name for r in runs] == ["good__e1", "good__e2"]
    assert runs[0].parameters == {"corpus_path": str(tmp_path.resolve()), "outlets": ["a"],
                                  "event_id": "e1"}
    with pytest.raises(ToolkitError, match="no notebook"):
        batch.find_notebook("99_nothing")


def test_cli_parses_batch_arguments():
    from toolkit.cli import build_parser

    args = build_parser().parse_args(
        ["batch", "--corpus", "c", "--notebook", "40_event", "--events", "all", "--out", "o",
         "-p", "n_boot=10", "-p", "exclude_wire=true"])
    assert args.events == ["all"] and args.param == [("n_boot", 10), ("exclude_wire", True)]
    assert build_parser().parse_args(["demo", "--jobs", "1"]).jobs == 1


@pytest.mark.skipif(__import__("toolkit.figures.export", fromlist=["x"]).static_unavailable()
                    is not None, reason="static export unavailable (no Chromium/kaleido)")
def test_static_figures_are_rendered_after_the_runs(tmp_path, monkeypatch):
    monkeypatch.delenv("MBT_STATIC_EXPORT", raising=False)
    nb = _notebook(tmp_path / "good.ipynb", GOOD)
    m = batch.run_batch([batch.RunSpec(nb, {"label": "z"})], tmp_path / "r", timeout=120)
    fig = m["runs"][0]["figures"][0]
    assert fig["status"] == "ok", fig["reason"]
    assert sorted(fig["files"]) == ["csv", "html", "json", "pdf", "png", "svg"]
    assert (tmp_path / "r" / fig["files"]["png"]).read_bytes().startswith(b"\x89PNG")
    assert not list((tmp_path / "r").rglob(".static-pending"))
    assert m["static_seconds"] is not None


def test_plotlyjs_copies_are_hard_linked(tmp_path):
    for run in ("a", "b"):
        (tmp_path / run).mkdir()
        (tmp_path / run / "plotly.min.js").write_text("js")
    batch._share_plotlyjs(tmp_path)
    assert (tmp_path / "a" / "plotly.min.js").stat().st_ino == \
        (tmp_path / "b" / "plotly.min.js").stat().st_ino


def test_interrupted_batch_leaves_no_temporary_folder(tmp_path, notebooks, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "execute", interrupted)
    with pytest.raises(KeyboardInterrupt):
        batch.run_batch([batch.RunSpec(notebooks["good"], {})], tmp_path / "r")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.ipynb", "good.ipynb"]
