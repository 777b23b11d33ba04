"""Scoring extractors against gold annotations (``mbt eval NAME``).

One module per scored feature (``attribution``, ``passive``, ``agency``,
``denials``), each with ``add_arguments(parser)`` and ``run(args) -> int``.
Shared here: span overlap and precision/recall/F1.

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
