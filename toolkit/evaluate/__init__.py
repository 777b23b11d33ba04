"""Scoring extractors against gold annotations (``mbt eval NAME``).

One module per scored feature (``attribution``, ``passive``, ``agency``,
``denials``), each with ``add_arguments(parser)`` and ``run(args) -> int``.
Shared here: span overlap, precision/recall/F1 and a document-bootstrap interval
for F1.

>>> prf(8, 2, 2)
{'tp': 8, 'fp': 2, 'fn': 2, 'precision': 0.8, 'recall': 0.8, 'f1': 0.8}
>>> overlaps([(0, 5)], [(4, 9)]), overlaps([(0, 5)], [(5, 9)])
(True, False)
"""
from __future__ import annotations

import importlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType

SCORERS = ("attribution", "passive", "agency", "denials")


def shared_data_dir() -> Path:
    """``../shared/data`` beside the repository (where the real data sets live)."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


def demo_dir() -> Path:
    """The bundled demo corpus (``corpora/demo``), whose ``gold.jsonl`` the scorers read."""
    return Path(__file__).resolve().parents[2] / "corpora" / "demo"


def iter_demo_gold(feature: str, *, root: Path | None = None,
                   limit: int | None = None) -> Iterator[dict]:
    """Demo articles with their gold rows of one ``feature``, in corpus order.

    Yields ``{doc_id, text, title, gold}`` where ``gold`` holds the raw
    ``gold.jsonl`` rows (``feature == feature``) of that article; yields nothing
    when the corpus or its gold file is absent.
    """
    base = Path(root) if root else demo_dir()
    gpath, apath = base / "gold.jsonl", base / "articles.jsonl"
    if not gpath.exists() or not apath.exists():
        return
    gold: dict[str, list] = {}
    with open(gpath, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                r = json.loads(line)
                if r.get("feature") == feature:
                    gold.setdefault(r["doc_id"], []).append(r)
    with open(apath, encoding="utf-8") as fh:
        n = 0
        for line in fh:
            if not line.strip():
                continue
            if limit is not None and n >= limit:
                break
            n += 1
            a = json.loads(line)
            yield {"doc_id": a["doc_id"], "text": a["text"], "title": a.get("title") or "",
                   "gold": gold.get(a["doc_id"], [])}


def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4)}


def bootstrap_f1(per_doc: Sequence[Sequence[int]], *, resamples: int = 1000, seed: int = 0,
                 level: float = 0.95) -> dict | None:
    """Percentile interval for micro F1 when the documents are resampled.

    ``per_doc`` holds one ``(tp, fp, fn)`` triple per document. Each resample draws
    as many documents as there are, with replacement, sums their counts and takes
    F1 = 2tp / (2tp + fp + fn); the interval is the central ``level`` share of
    those F1 values (the percentile bootstrap, Efron & Tibshirani 1993, ch. 13).
    Documents, not relations, are resampled because errors cluster within an
    article (one annotator's habits, one writer's style); Koehn (2004) resamples
    the sentences of a test set the same way for corpus-level MT scores. The
    interval says how much a score could move on another sample of articles of
    the same kind: a held-out split, or a researcher's own corpus. The seed makes
    it reproducible. None when there are no documents or no counts.

    >>> bootstrap_f1([(4, 1, 1)] * 10)   # identical documents: no spread
    {'low': 0.8, 'high': 0.8, 'level': 0.95, 'resamples': 1000, 'seed': 0}
    >>> ci = bootstrap_f1([(9, 0, 1), (1, 5, 4), (5, 1, 1), (6, 2, 0)])
    >>> ci["low"] < prf(21, 8, 6)["f1"] < ci["high"]
    True
    """
    import numpy as np

    counts = np.asarray(per_doc, dtype=float).reshape(-1, 3)
    if not len(counts) or not counts.sum():
        return None
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(counts), size=(resamples, len(counts)))
    tp, fp, fn = counts[draws].sum(axis=1).T
    denom = 2 * tp + fp + fn
    f1 = 2 * tp[denom > 0] / denom[denom > 0]   # a draw of empty documents only has no F1
    if not len(f1):
        return None
    lo, hi = np.quantile(f1, [(1 - level) / 2, (1 + level) / 2])
    return {"low": round(float(lo), 4), "high": round(float(hi), 4), "level": level,
            "resamples": resamples, "seed": seed}


def format_interval(ci: dict | None, what: str = "cue F1") -> str | None:
    """One line for a :func:`bootstrap_f1` result (None when there is none).

    >>> format_interval({"low": 0.7712, "high": 0.8191, "level": 0.95, "resamples": 1000,
    ...                  "seed": 0})
    'cue F1 95% interval, documents resampled 1000 times (seed 0): 0.771-0.819'
    """
    if not ci:
        return None
    return (f"{what} {ci['level']:.0%} interval, documents resampled {ci['resamples']} times "
            f"(seed {ci['seed']}): {ci['low']:.3f}-{ci['high']:.3f}")


def overlaps(a: Sequence[Sequence[int]], b: Sequence[Sequence[int]]) -> bool:
    """True if any span of ``a`` shares at least one character with any span of ``b``."""
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def char_overlap_prf(pred: Sequence[Sequence[int]], gold: Sequence[Sequence[int]]) -> dict:
    """Character-level P/R/F1 between two span lists (token-free, offset-exact)."""
    ps = {i for s, e in pred for i in range(s, e)}
    gs = {i for s, e in gold for i in range(s, e)}
    return prf(len(ps & gs), len(ps - gs), len(gs - ps))


def get(name: str) -> ModuleType:
    if name not in SCORERS:
        raise KeyError(f"unknown scorer {name!r}; known: {', '.join(SCORERS)}")
    return importlib.import_module(f"toolkit.evaluate.{name}")
