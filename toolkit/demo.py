"""``mbt demo``: every notebook over the demo corpus, in one run folder.

The whole analysis in one command (the ``make all`` of the project): notebooks
``00``-``30`` and ``50`` once over the demo corpus, ``40_event`` once per event,
through :func:`toolkit.batch.run_batch`; it ends by printing where
``index.html`` is. Figures and run folders are outputs, never committed.

>>> [r.name for r in demo_runs()][:2]
['00_overview', '10_attribution']
"""
from __future__ import annotations

import argparse
import datetime as _dt
from pathlib import Path

from .batch import _REPO, DEFAULT_TIMEOUT, NOTEBOOKS, RunSpec, plan, report, run_batch

DEMO_CORPUS = _REPO / "corpora" / "demo"
PER_EVENT = ("40_event",)


def demo_runs(corpus: str | Path = DEMO_CORPUS, **parameters) -> list[RunSpec]:
    """Every notebook in ``notebooks/`` once; per-event notebooks once per event."""
    names = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    once = [n for n in names if n not in PER_EVENT]
    each = [n for n in names if n in PER_EVENT]
    return (plan(once, corpus=corpus, parameters=parameters)
            + plan(each, corpus=corpus, events=["all"], parameters=parameters))


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", help="run folder to create (default runs/demo-<UTC time>)")
    p.add_argument("--jobs", type=int, default=2, help="runs at a time (default 2)")
    p.add_argument("--corpus", default=str(DEMO_CORPUS),
                   help="run the same set of notebooks on another corpus (default: demo)")
    p.add_argument("--n-boot", type=int, default=1000, help="bootstrap replicates")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help="seconds per run before it is killed")


def run(args) -> int:
    out = Path(args.out or f"runs/demo-{_dt.datetime.now(_dt.timezone.utc):%Y%m%d-%H%M%S}")
    runs = demo_runs(args.corpus, n_boot=args.n_boot)
    print(f"mbt demo: {len(runs)} notebook run(s), {args.jobs} at a time -> {out}", flush=True)
    manifest = run_batch(runs, out, jobs=args.jobs, timeout=args.timeout,
                         log=lambda s: print(s, flush=True))
    return report(manifest, out)
