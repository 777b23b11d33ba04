"""Write a figure as six citable files: html, svg, pdf, png, csv (the data) and json (provenance).

:func:`export` is the only place figures touch the disk. For a figure named
``<notebook>__<figure>[__<event_id>]`` it writes, into ``out_dir``::

    NAME.html  interactive (plotly.js loaded from a sibling plotly.min.js)
    NAME.svg NAME.pdf NAME.png   static, rendered by kaleido (headless Chromium)
    NAME.csv   the plotted table: sorted by its key columns, fixed float format, "\\n" endings
    NAME.json  the provenance dict (:mod:`toolkit.provenance`) + figure name + data_sha256

and appends one line to ``out_dir/figures.jsonl`` (name, status, files, reason),
which ``mbt batch`` copies into its manifest.

Guarantees
----------
- **Atomic**: every file is written under a temporary name and renamed, so a
  reader never sees half a file.
- **No frozen batch**: static rendering runs in a child process with a time
  limit (``timeout`` seconds, default ``$MBT_EXPORT_TIMEOUT`` or 120). A hang,
  a crash or a missing Chromium is killed/caught and becomes a ``"failed"``
  record with its reason; html/csv/json are still written.
- **Reproducible**: the csv and json are byte-identical across re-runs (no
  timestamps, sorted rows, fixed formats). Kaleido's SVG carries a random
  plotly id and its PDF a creation date; both are normalised after rendering
  (``docs/figures.md`` records what was tested).
- ``out_dir == ""`` is a no-op (a notebook run interactively writes nothing).

Chromium is found the way kaleido finds it (``choreographer``): ``$BROWSER_PATH``
first, then ``chromium``/``chrome`` on ``PATH`` (``/usr/bin/chromium`` here). Set
``MBT_STATIC_EXPORT=0`` to skip static formats (recorded as ``"skipped"``).

Starting Chromium costs about two seconds per figure. ``mbt batch`` therefore
sets ``MBT_STATIC_DEFER=1`` for its notebooks: :func:`export` then stores the
figure in ``out_dir/.static-pending/`` (status ``"pending"``), and the batch
runner renders all of them at the end with :func:`render_pending`, one Chromium
per chunk of figures, each chunk under its own time limit.

Examples
--------
>>> import pandas as pd, plotly.graph_objects as go
>>> export(go.Figure(), pd.DataFrame(), name="00_overview__x", out_dir="", provenance={}).status
'skipped'
>>> table_csv(pd.DataFrame({"outlet": ["b", "a"], "share": [0.5, 1 / 3]}))
b'outlet,share\\na,0.333333\\nb,0.500000\\n'
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import ExportError

FORMATS: tuple[str, ...] = ("html", "svg", "pdf", "png")
STATIC: tuple[str, ...] = ("svg", "pdf", "png")
#: Columns that identify a row, in sort priority, when present in a plotted table.
KEY_COLUMNS: tuple[str, ...] = ("event_id", "outlet", "measure", "actor", "agency_class",
                                "verb_class", "agent", "feature", "paired", "published",
                                "true", "predicted")
FLOAT_FORMAT = "%.6f"
#: Sub-folder of out_dir holding deferred static-export jobs (MBT_STATIC_DEFER=1).
PENDING_DIR = ".static-pending"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_CHILD = (
    "import json, sys\n"
    "import kaleido\n"
    "job = json.load(open(sys.argv[1], encoding='utf-8'))\n"
    "kaleido.write_fig_from_object_sync(job)\n"
)


@dataclass
class FigureRecord:
    """What happened to one figure: ``status`` is ok | failed | skipped | pending."""

    name: str
    status: str
    files: dict[str, str] = field(default_factory=dict)
    reason: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------- data


def key_columns(data: pd.DataFrame) -> list[str]:
    """The columns a plotted table is sorted by: known keys first, then other non-float ones."""
    known = [c for c in KEY_COLUMNS if c in data.columns]
    rest = [c for c in data.columns if c not in known
            and not pd.api.types.is_float_dtype(data[c])]
    return known + rest


def _cell(v):
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return v


def table_csv(data: pd.DataFrame) -> bytes:
    """The CSV bytes of a plotted table: sorted by key columns, ``%.6f`` floats, ``\\n``."""
    df = data.copy()
    for col in df.columns:
        if df[col].dtype == object:
            df[col] = df[col].map(_cell)
    keys = key_columns(df)
    if keys and len(df):
        order = df[keys].astype(str).apply(tuple, axis=1)
        df = df.iloc[sorted(range(len(df)), key=lambda i: order.iloc[i])]
    return df.to_csv(index=False, float_format=FLOAT_FORMAT, lineterminator="\n").encode("utf-8")


# --------------------------------------------------------------------------- files


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _ensure_plotlyjs(out: Path) -> None:
    target = out / "plotly.min.js"
    if not target.exists():
        from plotly.offline import get_plotlyjs

        _atomic_write(target, get_plotlyjs().encode("utf-8"))


def _html(fig, name: str) -> bytes:
    # a fixed div id (plotly's default is random) keeps the HTML reproducible
    return fig.to_html(include_plotlyjs="plotly.min.js", full_html=True,
                       div_id=re.sub(r"[^A-Za-z0-9_-]", "-", name)).encode("utf-8")


# --------------------------------------------------------------------------- static


def browser_path() -> str | None:
    """The Chromium/Chrome kaleido would use, or None (``$BROWSER_PATH`` first)."""
    try:
        from choreographer.browsers._chrome_constants import (
            chrome_names,
            chromium_names,
        )
        from choreographer.utils._which import get_browser_path

        return get_browser_path(list(chromium_names) + list(chrome_names))
    except Exception:  # an API change in choreographer must not break export
        import shutil

        return os.environ.get("BROWSER_PATH") or shutil.which("chromium") or \
            shutil.which("google-chrome")


def static_unavailable() -> str | None:
    """Why static export cannot run here, or None when it can."""
    if os.environ.get("MBT_STATIC_EXPORT", "1") == "0":
        return "static export disabled (MBT_STATIC_EXPORT=0)"
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return "static export unavailable: kaleido is not installed (pip install 'kaleido>=1')"
    if not browser_path():
        return ("static export unavailable: no Chromium/Chrome found; install chromium "
                "(apt-get install chromium) or set BROWSER_PATH to its executable")
    return None


def _normalise(fmt: str, data: bytes) -> bytes:
    """Remove the run-specific bytes kaleido embeds (see docs/figures.md)."""
    if fmt == "svg":
        m = re.search(rb'<defs id="defs-([0-9a-f]+)"', data)
        if m:
            data = re.sub(rb"(defs-|clip|legend|topdefs-)" + m.group(1), rb"\g<1>mbt000", data)
    elif fmt == "pdf":
        # same length, so the PDF's cross-reference offsets stay valid
        data = re.sub(rb"/(CreationDate|ModDate) \(D:\d{14}", rb"/\1 (D:19700101000000", data)
    return data


def _fig_dict(fig) -> dict:
    d = json.loads(fig.to_json())
    for i, trace in enumerate(d.get("data", [])):
        trace.setdefault("uid", f"t{i}")  # plotly.js would draw a random one per render
    return d


def render_many(jobs: list[tuple[dict, dict[str, Path]]], *, timeout: float) -> dict[str, str]:
    """Render figures (``(figure dict, {format: path})`` pairs) with ONE Chromium.

    Runs kaleido in a child process (its own session, so Chromium is killed with
    it on timeout); every file is written to a temporary folder, normalised
    (:func:`_normalise`) and renamed into place. Returns ``{str(path): reason}``
    for every file that could not be written (empty when all went well).
    """
    if not jobs:
        return {}
    out = next(iter(jobs[0][1].values())).parent
    tmpdir = Path(tempfile.mkdtemp(prefix=".static-", dir=out))
    failed: dict[str, str] = {}
    try:
        items, targets = [], []
        for i, (fig_dict, paths) in enumerate(jobs):
            for fmt, path in paths.items():
                tmp = tmpdir / f"f{i}.{fmt}"
                items.append({"fig": fig_dict, "path": str(tmp), "opts": {"format": fmt}})
                targets.append((fmt, tmp, Path(path)))
        (tmpdir / "job.json").write_text(json.dumps(items), encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(tmpdir / "job.json")],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
        why = ""
        try:
            _, err = proc.communicate(timeout=timeout)
            if proc.returncode != 0:
                last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
                why = f"static export failed (exit {proc.returncode}): {last[0]}"
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.communicate()
            why = (f"static export timed out after {timeout:g} s (Chromium hung?); "
                   "the child process was killed")
        for fmt, tmp, path in targets:
            if tmp.exists() and tmp.stat().st_size > 0:
                _atomic_write(path, _normalise(fmt, tmp.read_bytes()))
            else:
                failed[str(path)] = why or f"static export wrote no {fmt} file"
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return failed


def render_static(fig, paths: dict[str, Path], *, timeout: float) -> None:
    """Render one figure to each ``{format: path}``; ExportError on timeout or failure."""
    failed = render_many([(_fig_dict(fig), paths)], timeout=timeout)
    if failed:
        raise ExportError(next(iter(failed.values())))


def render_pending(folder: str | os.PathLike, *, timeout_per_figure: float = 30.0,
                   chunk: int = 12) -> list[dict]:
    """Render every deferred figure under ``folder`` (see ``MBT_STATIC_DEFER``).

    Figures are rendered ``chunk`` at a time, one Chromium per chunk, each chunk
    with a time limit of ``60 + timeout_per_figure * len(chunk)`` seconds, so a
    hang costs one chunk, never the batch. Each figure's ``figures.jsonl`` line
    is rewritten with its final status. Returns the updated records.
    """
    folder = Path(folder)
    pending = sorted(folder.rglob(f"{PENDING_DIR}/*.json"))
    results: dict[tuple[Path, str], dict] = {}
    for i in range(0, len(pending), chunk):
        part = pending[i:i + chunk]
        jobs = []
        for job_file in part:
            job = json.loads(job_file.read_text(encoding="utf-8"))
            out = job_file.parent.parent
            jobs.append((job["fig"], {f: out / f"{job['name']}.{f}" for f in job["formats"]}))
        failed = render_many(jobs, timeout=60 + timeout_per_figure * len(part))
        for job_file, (_, paths) in zip(part, jobs):
            name = job_file.stem
            bad = [failed[str(p)] for p in paths.values() if str(p) in failed]
            results[(job_file.parent.parent, name)] = {
                "status": "failed" if bad else "ok", "reason": bad[0] if bad else "",
                "files": {f: p.name for f, p in paths.items() if str(p) not in failed}}
    updated = []
    for out in sorted({k[0] for k in results}):
        log = out / "figures.jsonl"
        lines = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines() if x]
        for rec in lines:
            res = results.get((out, rec["name"]))
            if res is not None and rec["status"] == "pending":
                rec["status"], rec["reason"] = res["status"], res["reason"]
                rec["files"] = {**rec["files"], **res["files"]}
                updated.append(rec)
        _atomic_write(log, "".join(json.dumps(r, sort_keys=True) + "\n"
                                   for r in lines).encode("utf-8"))
        shutil.rmtree(out / PENDING_DIR, ignore_errors=True)
    return updated


# --------------------------------------------------------------------------- export


def export(fig, data: pd.DataFrame, *, name: str, out_dir: str | os.PathLike,
           provenance: dict, formats: Sequence[str] = FORMATS,
           timeout: float | None = None) -> FigureRecord:
    """Write ``fig`` and the table it plots as ``out_dir/name.{html,svg,pdf,png,csv,json}``.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        Its ``layout.meta`` is set to the provenance dict (so the HTML carries it).
    data : DataFrame
        Exactly the rows the figure draws (what :mod:`toolkit.figures.charts` was given).
    name : str
        ``<notebook>__<figure>[__<event_id>]``; letters, digits, ``_ . -`` only.
    out_dir : str or path
        Folder to write into (created); ``""`` writes nothing and returns a
        ``"skipped"`` record.
    provenance : dict
        From :func:`toolkit.provenance.provenance`; ``figure`` and ``data_sha256``
        are added here.
    formats : sequence of str
        Any of html, svg, pdf, png (csv and json are always written).
    timeout : float, optional
        Seconds allowed for static rendering (default ``$MBT_EXPORT_TIMEOUT`` or 120).

    Returns
    -------
    FigureRecord
        ``status`` ok, or failed with ``reason`` when a static format could not be
        rendered (the other files are written all the same).
    """
    if not out_dir:
        return FigureRecord(name, "skipped", reason="out_dir is empty: nothing written")
    if not _NAME.match(name):
        raise ExportError(f"figure name {name!r}: use letters, digits, '_', '.', '-' only")
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ExportError(f"unknown figure format(s) {sorted(unknown)}; known: {FORMATS}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    csv_bytes = table_csv(data)
    prov = {**provenance, "figure": name,
            "data_sha256": hashlib.sha256(csv_bytes).hexdigest()}
    fig.update_layout(meta=prov)
    files = {}
    _atomic_write(out / f"{name}.csv", csv_bytes)
    files["csv"] = f"{name}.csv"
    _atomic_write(out / f"{name}.json",
                  (json.dumps(prov, indent=2, sort_keys=True, default=str) + "\n").encode())
    files["json"] = f"{name}.json"
    if "html" in formats:
        _ensure_plotlyjs(out)
        _atomic_write(out / f"{name}.html", _html(fig, name))
        files["html"] = f"{name}.html"
    record = FigureRecord(name, "ok", files)
    static = [f for f in formats if f in STATIC]
    if static:
        why = static_unavailable()
        if why:
            record.status = "skipped" if "disabled" in why else "failed"
            record.reason = why
        elif os.environ.get("MBT_STATIC_DEFER", "0") == "1":
            pending = out / PENDING_DIR
            pending.mkdir(exist_ok=True)
            _atomic_write(pending / f"{name}.json", json.dumps(
                {"name": name, "formats": static, "fig": _fig_dict(fig)}).encode("utf-8"))
            record.status = "pending"
            record.reason = "static export deferred to the batch runner (render_pending)"
        else:
            if timeout is None:
                timeout = float(os.environ.get("MBT_EXPORT_TIMEOUT", "120"))
            try:
                render_static(fig, {f: out / f"{name}.{f}" for f in static}, timeout=timeout)
                files.update({f: f"{name}.{f}" for f in static})
            except ExportError as exc:
                record.status, record.reason = "failed", str(exc)
    with open(out / "figures.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record.to_dict(), sort_keys=True) + "\n")
    return record
