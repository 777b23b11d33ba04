"""Run notebooks over parameter sets with papermill, into one immutable run folder.

``mbt batch`` (and ``mbt demo``, :mod:`toolkit.demo`) turn a list of
(notebook, parameters) into executed notebooks and figures::

    RUN/                       written as .RUN.tmp-XXXX, renamed when every run is over
      manifest.json            one entry per run (the only file with timestamps)
      index.html               links to every executed notebook and figure
      <run name>/              e.g. 40_event__ev2
        <run name>.ipynb       the executed notebook: the log of the run
        <figure>.{html,svg,pdf,png,csv,json}, figures.jsonl, plotly.min.js

Guarantees
----------
- Parameters are checked against :func:`papermill.inspect_notebook` before
  anything runs; an unknown name is an error (papermill itself only warns).
- Each run is a child process (papermill + its kernel) with a wall-clock time
  limit; a run over time is killed and recorded as ``"timeout"`` (the output
  notebook, saved by papermill after every cell, shows how far it got).
- One failing run never stops the others. On a
  :class:`papermill.PapermillExecutionError` the manifest records
  ``cell_index`` (papermill's, counting the executed cells, its injected
  parameters cell included), ``exec_count`` (the ``In [n]``), ``ename``,
  ``evalue`` and ``output_cell_index`` (the failed cell's index in the saved
  notebook, which also holds papermill's error banners), and the partial
  output notebook is kept: *the output notebook is the log*.
- The run folder appears only complete (temporary folder + rename) and is
  never overwritten: an existing ``RUN`` is an error. Interrupted (Ctrl-C or
  SIGTERM), the batch kills its running notebooks and removes the temporary
  folder.

Each run executes in its own folder with ``out_dir="."``, so the parameters in
the executed notebook and in every figure's provenance contain no temporary
path.

Examples
--------
>>> runs = plan(["notebooks/40_event.ipynb"], corpus="corpora/demo", events=["ev1", "ev2"])
>>> [(r.name, r.parameters["event_id"]) for r in runs]
[('40_event__ev1', 'ev1'), ('40_event__ev2', 'ev2')]
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ToolkitError
from .figures.theme import escape_html

_REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = _REPO / "notebooks"
DEFAULT_TIMEOUT = 900.0
_WORKER = "from toolkit.batch import _worker_main; _worker_main()"
#: Child processes of runs in progress (killed if the batch itself is interrupted).
_LIVE: set = set()


def _kill_live() -> None:
    for proc in list(_LIVE):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        _LIVE.discard(proc)


def _sigterm(signum, frame):  # turn `kill PID` into the same clean-up as Ctrl-C
    raise KeyboardInterrupt(f"signal {signum}")


@dataclass
class RunSpec:
    """One notebook execution: input notebook, parameters, and the run's folder name."""

    notebook: Path
    parameters: dict = field(default_factory=dict)
    name: str = ""

    def __post_init__(self):
        self.notebook = Path(self.notebook)
        if not self.name:
            ev = self.parameters.get("event_id")
            self.name = self.notebook.stem + (f"__{ev}" if ev else "")


# --------------------------------------------------------------------------- planning


def find_notebook(name: str | Path) -> Path:
    """A notebook path, or a name such as ``40_event`` looked up in ``notebooks/``."""
    p = Path(name)
    for cand in (p, p.with_suffix(".ipynb"), NOTEBOOKS / p.name,
                 NOTEBOOKS / f"{p.name}.ipynb"):
        if cand.suffix == ".ipynb" and cand.is_file():
            return cand
    known = ", ".join(sorted(q.stem for q in NOTEBOOKS.glob("*.ipynb")))
    raise ToolkitError(f"no notebook {str(name)!r}; known in {NOTEBOOKS}: {known}")


def corpus_events(corpus: str | Path) -> list[str]:
    """The sorted event ids of a corpus."""
    from .corpus import iter_articles
    from .report import resolve_corpus_path

    return sorted({a.event_id for a in iter_articles(resolve_corpus_path(corpus))
                   if a.event_id})


def plan(notebooks: Iterable[str | Path], *, corpus: str | Path,
         events: Sequence[str] | None = None, outlets: Sequence[str] = (),
         parameters: dict | None = None) -> list[RunSpec]:
    """Parameter sets: each notebook once, or once per event when ``events`` is given.

    ``events`` may be ``["all"]`` (every event of the corpus). ``corpus`` is made
    absolute so runs do not depend on their working folder.
    """
    from .report import resolve_corpus_path

    corpus_abs = str(resolve_corpus_path(corpus).resolve())
    base = {"corpus_path": corpus_abs, **(parameters or {})}
    if outlets:
        base["outlets"] = list(outlets)
    evs: list[str] = []
    if events:
        evs = corpus_events(corpus) if list(events) == ["all"] else list(events)
    runs = []
    for nb in notebooks:
        path = find_notebook(nb)
        for ev in evs or [None]:
            params = dict(base) if ev is None else {**base, "event_id": ev}
            runs.append(RunSpec(path, params))
    return runs


def validate(run: RunSpec) -> None:
    """Raise :class:`ToolkitError` if a parameter is not declared by the notebook."""
    import papermill as pm

    declared = pm.inspect_notebook(str(run.notebook))
    unknown = sorted(set(run.parameters) - set(declared))
    if unknown:
        raise ToolkitError(f"{run.notebook.name}: unknown parameter(s) {unknown}; the "
                           f"notebook declares: {', '.join(declared) or '(none)'}")


def check_kernel(kernel_name: str) -> None:
    """Raise a clear error when the Jupyter kernel is not installed."""
    from jupyter_client.kernelspec import KernelSpecManager

    if kernel_name not in KernelSpecManager().find_kernel_specs():
        raise ToolkitError(f"Jupyter kernel {kernel_name!r} not found; install it with "
                           "`python -m ipykernel install --user --name python3`")


# --------------------------------------------------------------------------- one run


def _worker_main() -> None:
    """Child process: execute one notebook and write ``result.json`` (never raises)."""
    job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    result = {"status": "ok", "error": None}
    try:
        import papermill as pm

        pm.execute_notebook(job["input"], job["output"], parameters=job["parameters"],
                            kernel_name=job["kernel_name"], cwd=job["cwd"],
                            progress_bar=False, log_output=False,
                            execution_timeout=job.get("cell_timeout"))
    except Exception as exc:  # every failure is recorded, none escapes
        result["status"] = "failed"
        result["error"] = {"cell_index": getattr(exc, "cell_index", None),
                           "exec_count": getattr(exc, "exec_count", None),
                           "ename": getattr(exc, "ename", type(exc).__name__),
                           "evalue": str(getattr(exc, "evalue", exc))[:2000],
                           "output_cell_index": _error_cell(job["output"])}
    Path(job["result"]).write_text(json.dumps(result), encoding="utf-8")


def _error_cell(path: str) -> int | None:
    """Index of the first cell with an error output in the saved (partial) notebook.

    papermill's ``cell_index`` counts cells as executed; the saved notebook also
    holds the red error banners papermill inserts, so the two indices differ.
    """
    try:
        import nbformat

        nb = nbformat.read(path, as_version=4)
    except Exception:
        return None
    for i, cell in enumerate(nb.cells):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return i
    return None


def _read_figures(root: Path, name: str) -> list[dict]:
    """The figure records a run's notebook logged (paths made relative to the run folder)."""
    fj = root / name / "figures.jsonl"
    if not fj.exists():
        return []
    figures = [json.loads(line) for line in fj.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    for fig in figures:
        fig["files"] = {k: f"{name}/{v}" for k, v in sorted(fig["files"].items())}
    return figures


def _env(defer_static: bool = True) -> dict:
    env = dict(os.environ)
    if defer_static:
        env["MBT_STATIC_DEFER"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(_REPO), env.get("PYTHONPATH")) if p)
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def execute(run: RunSpec, root: Path, *, timeout: float = DEFAULT_TIMEOUT,
            kernel_name: str = "python3", defer_static: bool = True) -> dict:
    """Execute ``run`` in ``root/run.name/`` in a child process; return its manifest entry."""
    folder = root / run.name
    folder.mkdir(parents=True)
    out_nb = folder / f"{run.name}.ipynb"
    params = {**run.parameters, "out_dir": "."}
    job = {"input": str(run.notebook.resolve()), "output": str(out_nb), "parameters": params,
           "kernel_name": kernel_name, "cwd": str(folder), "cell_timeout": timeout,
           "result": str(root / f".{run.name}.result.json")}
    job_file = root / f".{run.name}.job.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    started = _dt.datetime.now(_dt.timezone.utc)
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", _WORKER, str(job_file)],
                            env=_env(defer_static),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    _LIVE.add(proc)
    try:
        _, err = proc.communicate(timeout=timeout)
        result_file = Path(job["result"])
        if result_file.exists():
            result = json.loads(result_file.read_text(encoding="utf-8"))
        else:
            tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            result = {"status": "failed", "error": {
                "cell_index": None, "exec_count": None, "ename": "WorkerDied",
                "evalue": f"exit {proc.returncode}: {tail[0]}", "output_cell_index": None}}
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        _LIVE.discard(proc)
        result = {"status": "timeout", "error": {
            "cell_index": None, "exec_count": None, "ename": "Timeout",
            "evalue": f"run exceeded {timeout:g} s and was killed", "output_cell_index": None}}
    _LIVE.discard(proc)
    seconds = round(time.monotonic() - t0, 2)
    for f in (job_file, Path(job["result"])):
        if f.exists():
            f.unlink()
    figures = _read_figures(root, run.name)
    return {"name": run.name, "notebook": run.notebook.name, "parameters": run.parameters,
            "status": result["status"], "seconds": seconds,
            "started": started.isoformat(timespec="seconds"),
            "error": result["error"],
            "output_notebook": f"{run.name}/{out_nb.name}" if out_nb.exists() else None,
            "figures": figures}


# --------------------------------------------------------------------------- batch


def warm(runs: Sequence[RunSpec], *, jobs: int = 2, log=None) -> float:
    """Fill the feature cache for every corpus the runs use (see :func:`toolkit.report.warm_cache`).

    A failure here is only logged: the notebooks then extract for themselves and
    report any error in their own output.
    """
    from .report import warm_cache

    t0 = time.monotonic()
    for corpus in dict.fromkeys(r.parameters["corpus_path"] for r in runs
                                if r.parameters.get("corpus_path")):
        try:
            stats = warm_cache(corpus, jobs=jobs)
        except Exception as exc:  # the notebooks will meet (and record) the same problem
            if log:
                log(f"warm-up of {corpus} failed: {type(exc).__name__}: {exc}")
            continue
        if log:
            log(f"   warm  {time.monotonic() - t0:7.1f} s  feature cache for {corpus} {stats}")
    return round(time.monotonic() - t0, 2)


def run_batch(runs: Sequence[RunSpec], out: str | Path, *, jobs: int = 2,
              timeout: float = DEFAULT_TIMEOUT, kernel_name: str = "python3",
              defer_static: bool = True, warm_cache: bool = True, log=None) -> dict:
    """Execute every run (``jobs`` at a time) into the new run folder ``out``.

    Returns the manifest dict (also written to ``out/manifest.json``). With
    ``defer_static`` (default) notebooks write html/csv/json and queue their
    static figures, which are rendered after the last run, ``jobs`` chunks at a
    time, one Chromium per chunk (:func:`toolkit.figures.export.render_pending`).
    With ``warm_cache`` (default) the features of each run's ``corpus_path`` are
    extracted once, ``jobs`` processes, before the notebooks start (:func:`warm`).
    Raises :class:`ToolkitError` before running anything when ``out`` exists, a
    run name repeats, a parameter is unknown or the kernel is missing.
    """
    out = Path(out)
    if out.exists():
        raise ToolkitError(f"{out} exists; a run folder is never overwritten: choose a new --out")
    names = [r.name for r in runs]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ToolkitError(f"run names repeat: {dup}")
    for r in runs:
        validate(r)
    check_kernel(kernel_name)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    old_handler = None
    if threading.current_thread() is threading.main_thread():
        old_handler = signal.signal(signal.SIGTERM, _sigterm)
    started = _dt.datetime.now(_dt.timezone.utc)
    t0 = time.monotonic()
    try:
        warm_seconds = warm(runs, jobs=jobs, log=log) if warm_cache else None

        def one(r: RunSpec) -> dict:
            entry = execute(r, tmp, timeout=timeout, kernel_name=kernel_name,
                            defer_static=defer_static)
            if log:
                log(f"{entry['status']:>7}  {entry['seconds']:7.1f} s  {entry['name']}"
                    + (f"  ({entry['error']['ename']}: {entry['error']['evalue'][:80]})"
                       if entry["error"] else ""))
            return entry

        pool = ThreadPoolExecutor(max_workers=max(1, int(jobs)))
        try:
            entries = list(pool.map(one, runs))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            _kill_live()
            raise
        pool.shutdown()
        if defer_static:
            static_seconds = _render_static(tmp, entries, jobs=jobs, log=log)
        _share_plotlyjs(tmp)
        from . import __version__
        from .provenance import git_commit

        manifest = {
            "toolkit_version": __version__, "git_commit": git_commit(),
            "started": started.isoformat(timespec="seconds"),
            "finished": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "seconds": round(time.monotonic() - t0, 2), "jobs": int(jobs),
            "timeout": timeout, "kernel_name": kernel_name,
            "warm_seconds": warm_seconds,
            "static_seconds": static_seconds if defer_static else None,
            "counts": {s: sum(e["status"] == s for e in entries)
                       for s in ("ok", "failed", "timeout")},
            "runs": entries,
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2, default=str) + "\n",
                                           encoding="utf-8")
        (tmp / "index.html").write_text(index_html(manifest, title=out.name), encoding="utf-8")
        os.chmod(tmp, 0o755)
        os.rename(tmp, out)
    except BaseException:
        _kill_live()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if old_handler is not None:
            signal.signal(signal.SIGTERM, old_handler)
    return manifest


def _share_plotlyjs(root: Path) -> None:
    """Hard-link every run's ``plotly.min.js`` (4.6 MB each) to one copy, where possible."""
    copies = sorted(root.glob("*/plotly.min.js"))
    for p in copies[1:]:
        try:
            tmp = p.with_name(".plotly.min.js.link")
            os.link(copies[0], tmp)
            os.replace(tmp, p)
        except OSError:  # a file system without hard links keeps the copies
            return


def _render_static(root: Path, entries: list[dict], *, jobs: int, log=None) -> float:
    """Render the queued static figures of every run, then refresh the entries' figures."""
    from .figures.export import PENDING_DIR, render_pending

    t0 = time.monotonic()
    folders = [root / e["name"] for e in entries if (root / e["name"] / PENDING_DIR).is_dir()]
    if folders:
        with ThreadPoolExecutor(max_workers=max(1, int(jobs))) as pool:
            list(pool.map(render_pending, folders))
    for e in entries:
        e["figures"] = _read_figures(root, e["name"])
    seconds = round(time.monotonic() - t0, 2)
    if log and folders:
        n = sum(len(e["figures"]) for e in entries)
        log(f"static  {seconds:7.1f} s  {n} figure(s) rendered to svg/pdf/png")
    return seconds


def index_html(manifest: dict, *, title: str = "run") -> str:
    """The run folder's index page: one section per run, every file linked, all text escaped."""
    e = escape_html
    css = ("body{font-family:Arial,Helvetica,sans-serif;max-width:1100px;margin:2em auto;"
           "color:#222}td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;"
           "vertical-align:top}.ok{color:#009E73}.failed,.timeout{color:#D55E00}"
           "img{max-width:320px;border:1px solid #eee}code{font-size:90%}")
    c = manifest.get("counts", {})
    parts = [(f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{e(title)}</title>"
              f"<style>{css}</style></head><body>"),
             f"<h1>{e(title)}</h1>",
             (f"<p>toolkit {e(manifest.get('toolkit_version'))}, commit "
              f"<code>{e(manifest.get('git_commit'))}</code>; started {e(manifest.get('started'))};"
              f" {e(manifest.get('seconds'))} s with {e(manifest.get('jobs'))} job(s); "
              f"{e(c.get('ok', 0))} ok, {e(c.get('failed', 0))} failed, "
              f"{e(c.get('timeout', 0))} timed out. "
              "<a href='manifest.json'>manifest.json</a></p>"),
             "<table><tr><th>run</th><th>status</th><th>seconds</th><th>parameters</th></tr>"]
    for r in manifest["runs"]:
        params = ", ".join(f"{k}={v}" for k, v in r["parameters"].items() if k != "corpus_path")
        parts.append(f"<tr><td><a href='#{e(r['name'])}'>{e(r['name'])}</a></td>"
                     f"<td class='{e(r['status'])}'>{e(r['status'])}</td>"
                     f"<td>{e(r['seconds'])}</td><td><code>{e(params)}</code></td></tr>")
    parts.append("</table>")
    for r in manifest["runs"]:
        parts.append(f"<h2 id='{e(r['name'])}'>{e(r['name'])} "
                     f"<span class='{e(r['status'])}'>{e(r['status'])}</span></h2>")
        if r.get("output_notebook"):
            parts.append(f"<p>executed notebook: <a href='{e(r['output_notebook'])}'>"
                         f"{e(r['output_notebook'])}</a></p>")
        if r.get("error"):
            err = r["error"]
            parts.append(f"<p class='failed'>cell {e(err.get('cell_index'))}: "
                         f"<code>{e(err.get('ename'))}: {e(err.get('evalue'))}</code></p>")
        for fig in r.get("figures", []):
            files = fig.get("files", {})
            links = " ".join(f"<a href='{e(p)}'>{e(ext)}</a>" for ext, p in sorted(files.items()))
            thumb = (f"<a href='{e(files['html'])}'><img src='{e(files['png'])}' alt=''></a>"
                     if "png" in files and "html" in files else "")
            reason = f" <span class='failed'>{e(fig.get('reason'))}</span>" \
                if fig.get("reason") else ""
            parts.append(f"<div><h3>{e(fig['name'])} <small class='{e(fig['status'])}'>"
                         f"{e(fig['status'])}</small></h3>{thumb}<p>{links}{reason}</p></div>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


# --------------------------------------------------------------------------- CLI


def _param(text: str) -> tuple[str, object]:
    import yaml

    if "=" not in text:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    k, v = text.split("=", 1)
    return k.strip(), yaml.safe_load(v)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--corpus", required=True, help="corpus folder or .jsonl(.gz) file")
    p.add_argument("--notebook", nargs="+", required=True, metavar="NB",
                   help="notebook path(s) or name(s) from notebooks/, e.g. 40_event")
    p.add_argument("--events", nargs="+", metavar="ID",
                   help="run each notebook once per event: 'all' or event ids")
    p.add_argument("--outlets", nargs="+", default=[], metavar="ID", help="subset of outlets")
    p.add_argument("-p", "--param", action="append", type=_param, default=[],
                   metavar="NAME=VALUE", help="another notebook parameter (YAML value)")
    p.add_argument("--jobs", type=int, default=2, help="runs at a time (default 2)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help=f"seconds per run before it is killed (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--kernel", default="python3", help="Jupyter kernel name")
    p.add_argument("--out", required=True, help="run folder to create (must not exist)")


def report(manifest: dict, out: Path) -> int:
    """Print the summary line and where index.html is; exit status 1 if any run failed."""
    c = manifest["counts"]
    nfig = sum(len(r["figures"]) for r in manifest["runs"])
    badfig = sum(f["status"] == "failed" for r in manifest["runs"] for f in r["figures"])
    print(f"{len(manifest['runs'])} run(s) in {manifest['seconds']} s: {c['ok']} ok, "
          f"{c['failed']} failed, {c['timeout']} timed out; {nfig} figure(s), "
          f"{badfig} with failed static export")
    print(f"index: {(out / 'index.html').resolve()}")
    return 0 if c["ok"] == len(manifest["runs"]) else 1


def run(args) -> int:
    runs = plan(args.notebook, corpus=args.corpus, events=args.events, outlets=args.outlets,
                parameters=dict(args.param))
    manifest = run_batch(runs, args.out, jobs=args.jobs, timeout=args.timeout,
                         kernel_name=args.kernel, log=lambda s: print(s, flush=True))
    return report(manifest, Path(args.out))
