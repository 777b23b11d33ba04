"""Actors codebook: map source, agent and denier spans to canonical actors.

A codebook is a per-corpus YAML file (``corpora/<name>/actors.yml``)::

    version: "1"
    actors:
      Russia:
        side: pro-government          # optional labels a study may group by
        group: state
        aliases: [Moscow, the Kremlin, Russian forces, Lavrov]
        patterns: ['\\bRussian (?:jets|warplanes|troops)\\b']   # regular expressions

Matching is case-insensitive on word boundaries; the longest alias wins where
two overlap ("Syrian army" before "Syrian"). A span naming several actors
("Moscow and Damascus") resolves to all of them, in textual order.

>>> cb = Codebook.from_dict({"actors": {"Russia": {"aliases": ["Moscow", "Kremlin"]},
...                                     "Syrian government": {"aliases": ["Damascus"]}}})
>>> cb.resolve_all("Moscow and Damascus")
['Russia', 'Syrian government']
>>> cb.resolve("a Kremlin spokesman"), cb.resolve("residents")
('Russia', None)

The same codebook serves all three features: attribution sources, casualty
agents and deniers. :func:`unresolved_report` (``mbt actors unresolved``) runs
the extractors over a corpus and lists the source/agent/denier spans the
codebook does not map, most frequent first, with an example sentence, so a
researcher can grow the file; see ``docs/codebooks.md``.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CorpusError, ToolkitError


@dataclass(frozen=True)
class Codebook:
    """Alias/pattern → actor mapping with optional side and group labels."""

    actors: dict = field(default_factory=dict)   # name -> {"side", "group", ...}
    version: str = ""
    sha256: str = ""
    path: str = ""
    _matchers: tuple = field(default=(), repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: dict, *, path: str = "", sha256: str = "") -> Codebook:
        where = path or "<codebook>"
        if not isinstance(data, dict) or not isinstance(data.get("actors", {}), dict):
            raise CorpusError("expected a mapping with an 'actors:' mapping", path=where,
                              field="actors")
        matchers = []
        actors = {}
        for name, spec in (data.get("actors") or {}).items():
            spec = spec or {}
            if isinstance(spec, list):
                spec = {"aliases": spec}
            if not isinstance(spec, dict):
                raise CorpusError(f"actor {name!r}: expected a mapping", path=where,
                                  field=f"actors.{name}")
            actors[str(name)] = {k: v for k, v in spec.items() if k not in ("aliases", "patterns")}
            for alias in [name, *(spec.get("aliases") or [])]:
                alias = str(alias).strip()
                if alias:
                    rx = re.compile(r"(?<!\w)" + re.escape(alias).replace(r"\ ", r"\s+")
                                    + r"(?!\w)", re.IGNORECASE)
                    matchers.append((len(alias), rx, str(name)))
            for pat in spec.get("patterns") or []:
                try:
                    rx = re.compile(str(pat), re.IGNORECASE)
                except re.error as exc:
                    raise CorpusError(f"actor {name!r}: bad pattern {pat!r}: {exc}",
                                      path=where, field=f"actors.{name}.patterns") from exc
                matchers.append((len(str(pat)), rx, str(name)))
        matchers.sort(key=lambda m: -m[0])
        return cls(actors, str(data.get("version", "")), sha256, path, tuple(matchers))

    @classmethod
    def load(cls, path: str | Path) -> Codebook:
        """Read a YAML codebook; errors name the file and what is wrong."""
        import yaml

        p = Path(path)
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise CorpusError(f"cannot read codebook: {exc.strerror}", path=str(p)) from exc
        try:
            data = yaml.safe_load(raw.decode("utf-8")) or {}
        except (UnicodeDecodeError, yaml.YAMLError) as exc:
            raise CorpusError(f"not a valid UTF-8 YAML codebook: {exc}", path=str(p)) from exc
        return cls.from_dict(data, path=str(p), sha256=hashlib.sha256(raw).hexdigest())

    @classmethod
    def empty(cls) -> Codebook:
        return cls()

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(start, end, actor)`` matches in ``text``, in order.

        The longest *matched text* wins where candidates overlap (an alias
        "Syrian military experts" beats a pattern matching "Syrian military"),
        then the earlier start, then the codebook order.

        >>> cb = Codebook.from_dict({"actors": {"A": ["Syrian military"],
        ...                                     "B": ["Syrian military experts"]}})
        >>> cb.matches("Syrian military experts say")
        [(0, 23, 'B')]
        """
        cands: list[tuple[int, int, int, str]] = []
        for order, (_, rx, actor) in enumerate(self._matchers):
            for m in rx.finditer(text):
                s, e = m.span()
                if e > s:
                    cands.append((s, e, order, actor))
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], c[2]))
        found: list[tuple[int, int, str]] = []
        for s, e, _, actor in cands:
            if not any(s < fe and fs < e for fs, fe, _ in found):
                found.append((s, e, actor))
        return sorted(found)

    def resolve_all(self, text: str | None) -> list[str]:
        """Every actor named in ``text``, in textual order, without repeats."""
        if not text:
            return []
        out: list[str] = []
        for _, _, actor in self.matches(text):
            if actor not in out:
                out.append(actor)
        return out

    def resolve(self, text: str | None) -> str | None:
        """The first actor named in ``text``, or None."""
        found = self.resolve_all(text)
        return found[0] if found else None

    def side(self, actor: str | None) -> str | None:
        """The ``side`` label of ``actor`` (None when unlabelled or unknown)."""
        return (self.actors.get(actor) or {}).get("side") if actor else None

    def group(self, actor: str | None) -> str | None:
        """The ``group`` label of ``actor`` (None when unlabelled or unknown)."""
        return (self.actors.get(actor) or {}).get("group") if actor else None

    def label(self, actor: str | None, key: str) -> str | None:
        """Any label of ``actor`` (``side``, ``group`` or a study's own key)."""
        return (self.actors.get(actor) or {}).get(key) if actor else None

    @property
    def names(self) -> list[str]:
        """Canonical actor names, in codebook order."""
        return list(self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def table(self):
        """The codebook as a table: one row per actor with its labels and alias count.

        >>> cb = Codebook.from_dict({"actors": {"Russia": {"side": "pro-government",
        ...                                                "aliases": ["Moscow"]}}})
        >>> cb.table().to_dict("records")
        [{'actor': 'Russia', 'side': 'pro-government', 'group': None, 'n_matchers': 2}]
        """
        import pandas as pd

        counts: dict[str, int] = {}
        for _, _, actor in self._matchers:
            counts[actor] = counts.get(actor, 0) + 1
        rows = [{"actor": a, "side": self.side(a), "group": self.group(a),
                 "n_matchers": counts.get(a, 0)} for a in self.actors]
        return pd.DataFrame(rows, columns=["actor", "side", "group", "n_matchers"])

    def actors_of_spans(self, text: str, spans) -> list[str]:
        """Actors named in the given ``[start, end]`` spans of ``text``, in order."""
        out: list[str] = []
        for s, e in spans or ():
            for a in self.resolve_all(text[s:e]):
                if a not in out:
                    out.append(a)
        return out

    def provenance(self) -> dict:
        return {"path": self.path, "version": self.version, "sha256": self.sha256}


def load_codebook(path: str | Path | None) -> Codebook:
    """A codebook from ``path``, or the empty codebook when ``path`` is None."""
    return Codebook.load(path) if path else Codebook.empty()


def unresolved(rows: Iterable[dict], *, text_key: str = "text", actor_key: str = "actor",
               example_key: str | None = None, top: int | None = None) -> list[dict]:
    """Unmapped span texts by frequency, with one example each (to grow a codebook)."""
    counts: dict[str, dict] = {}
    for row in rows:
        if row.get(actor_key):
            continue
        t = (row.get(text_key) or "").strip()
        if not t:
            continue
        key = " ".join(t.split()).lower()
        entry = counts.setdefault(key, {"text": " ".join(t.split()), "count": 0, "example": ""})
        entry["count"] += 1
        if example_key and not entry["example"]:
            entry["example"] = row.get(example_key) or ""
    out = sorted(counts.values(), key=lambda d: (-d["count"], d["text"]))
    return out[:top] if top else out


# --------------------------------------------------------------------------- corpus report

#: Per feature: the span column holding the actor mention (source, agent, denier).
ACTOR_SPAN_COLUMNS = {"attribution": ("source", "source_text"),
                      "agency": ("agent", "agent_text"),
                      "denials": ("denier", "denier_text")}
_PRONOUNS = frozenset([
    "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them",
    "this", "that", "these", "those", "who", "which", "one", "someone", "somebody",
    "anyone", "nobody", "his", "its", "their", "our", "my", "your"
])


_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})


def _span_texts(row: dict, text: str, col: str, text_col: str) -> list[str]:
    spans = row.get(col)
    if isinstance(spans, (list, tuple)) and spans and all(
            isinstance(sp, (list, tuple)) and len(sp) == 2 for sp in spans):
        return [text[s:e] for s, e in spans]
    t = row.get(text_col)
    return [p for p in str(t).split(" | ")] if isinstance(t, str) and t else []


def unresolved_report(docs, *, codebook: Codebook | None = None,
                      features: Iterable[str] = ("attribution", "agency", "denials"),
                      top: int | None = None):
    """Source / agent / denier spans the codebook does not map, by frequency.

    Runs each feature's ``extract`` over ``docs`` (processed documents; a
    feature whose module does not exist yet is skipped) and re-resolves every
    actor span through ``codebook``, span by span, so "Moscow and the militia"
    reports "the militia" even though the row has an actor. Pronouns ("he",
    "they") and possessive phrases ("its forces") are left out: they point back
    to an earlier mention, and no alias can map them.

    Returns a DataFrame with columns ``feature, text, count, doc_id, example``
    (one row per distinct lower-cased span text and feature; ``example`` is the
    first sentence it occurred in), most frequent first.

    >>> from toolkit.text import process
    >>> doc = process("The militia denied the report. Moscow denied it.", doc_id="d")
    >>> cb = Codebook.from_dict({"actors": {"Russia": ["Moscow"]}})
    >>> unresolved_report([doc], codebook=cb, features=["denials"]).to_dict("records")
    [{'feature': 'denials', 'text': 'The militia', 'count': 1, 'doc_id': 'd', 'example': 'The militia denied the report.'}]
    """
    import importlib

    import pandas as pd

    cb = codebook or Codebook.empty()
    docs = list(docs)
    counts: dict[tuple[str, str], dict] = {}
    for feat in features:
        try:
            mod = importlib.import_module(f"toolkit.features.{feat}")
        except ImportError:
            continue
        col, text_col = ACTOR_SPAN_COLUMNS.get(feat, ("", ""))
        for doc in docs:
            try:
                table = mod.extract([doc], codebook=cb)
            except ToolkitError:  # one broken document must not stop the report
                continue
            for row in table.to_dict("records"):
                seg = row.get("segment", "body")
                src = doc.title if seg == "title" else doc.text
                for t in _span_texts(row, src, col, text_col):
                    t = " ".join(t.split())
                    first = t.split()[0].lower() if t else ""
                    if not t or t.lower() in _PRONOUNS or first in _POSSESSIVES or \
                            cb.resolve_all(t):
                        continue   # "its forces", "Its spokeswoman" point back: no alias helps
                    key = (feat, t.lower())
                    e = counts.setdefault(key, {"feature": feat, "text": t, "count": 0,
                                                "doc_id": doc.doc_id, "example": ""})
                    e["count"] += 1
                    if not e["example"]:
                        sents = doc.title_sentences if seg == "title" else doc.sentences
                        i = row.get("sentence")
                        if isinstance(i, int) and 0 <= i < len(sents):
                            e["example"] = " ".join(src[sents[i].start:sents[i].end].split())
    out = sorted(counts.values(), key=lambda d: (-d["count"], d["feature"], d["text"].lower()))
    cols = ["feature", "text", "count", "doc_id", "example"]
    frame = pd.DataFrame(out, columns=cols)
    return frame.head(top).reset_index(drop=True) if top else frame


# --------------------------------------------------------------------------- CLI


def add_arguments(parser) -> None:
    """``mbt actors unresolved SOURCE [--actors CODEBOOK] [--top N]``."""
    sub = parser.add_subparsers(dest="actors_command", required=True, metavar="ACTION")
    p = sub.add_parser("unresolved", help="list unmapped sources/agents/deniers by frequency")
    p.add_argument("source", help="a corpus folder, JSONL/CSV file, or .txt file")
    p.add_argument("--actors", help="actors codebook (default: SOURCE's actors.yml)")
    p.add_argument("--top", type=int, default=30, help="show this many (0 = all)")
    p.add_argument("--features", default="attribution,agency,denials",
                   help="comma-separated features to run")
    p.add_argument("--json", action="store_true", help="print JSON lines instead of a table")


def _docs(source: str):
    from .cli import _docs_from_paths

    return (doc for _, doc in _docs_from_paths([source]))


def run(args) -> int:
    import json

    path = args.actors
    if not path:
        p = Path(args.source)
        cand = p / "actors.yml" if p.is_dir() else p.parent / "actors.yml"
        path = str(cand) if cand.exists() else None
    cb = load_codebook(path)
    feats = [f.strip() for f in args.features.split(",") if f.strip()]
    table = unresolved_report(_docs(args.source), codebook=cb, features=feats,
                              top=args.top or None)
    if args.json:
        for row in table.to_dict("records"):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    print(f"codebook: {path or '(none)'} ({len(cb)} actors); "
          f"{len(table)} unresolved span texts shown")
    for row in table.to_dict("records"):
        ex = row["example"] if len(row["example"]) <= 100 else row["example"][:97] + "..."
        print(f"{row['count']:5d}  {row['feature']:<11} {row['text']}")
        print(f"       e.g. [{row['doc_id']}] {ex}")
    return 0
