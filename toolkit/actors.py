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
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .errors import CorpusError


@dataclass(frozen=True)
class Codebook:
    """Alias/pattern → actor mapping with optional side and group labels."""

    actors: dict = field(default_factory=dict)   # name -> {"side", "group", ...}
    version: str = ""
    sha256: str = ""
    path: str = ""
    _matchers: tuple = field(default=(), repr=False, compare=False)

    @classmethod
    def from_dict(cls, data: dict, *, path: str = "", sha256: str = "") -> "Codebook":
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
                                    + r"(?!\w)", re.I)
                    matchers.append((len(alias), rx, str(name)))
            for pat in spec.get("patterns") or []:
                try:
                    rx = re.compile(str(pat), re.I)
                except re.error as exc:
                    raise CorpusError(f"actor {name!r}: bad pattern {pat!r}: {exc}",
                                      path=where, field=f"actors.{name}.patterns") from exc
                matchers.append((len(str(pat)), rx, str(name)))
        matchers.sort(key=lambda m: -m[0])
        return cls(actors, str(data.get("version", "")), sha256, path, tuple(matchers))

    @classmethod
    def load(cls, path: str | Path) -> "Codebook":
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
    def empty(cls) -> "Codebook":
        return cls()

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping ``(start, end, actor)`` matches in ``text``, in order."""
        found: list[tuple[int, int, str]] = []
        for _, rx, actor in self._matchers:
            for m in rx.finditer(text):
                s, e = m.span()
                if e > s and not any(s < fe and fs < e for fs, fe, _ in found):
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
