"""Versioned lexicons (data files) and their loader.

Each lexicon is a CSV file with a header row in this folder (or a path given by
the user to override it per study). Its version is the ``version`` recorded in
``README.md`` here (``<name>: <version>`` lines) and its SHA-256; both go into
cache keys and figure provenance.

>>> lex = load_lexicon("reporting_verbs")  # doctest: +SKIP
>>> lex.name, lex.version  # doctest: +SKIP
('reporting_verbs', '1.1')
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from ..errors import CorpusError

T = TypeVar("T")


@dataclass(frozen=True)
class Lexicon:
    """A loaded lexicon: rows as dicts, plus name, version and checksum."""

    name: str
    version: str
    sha256: str
    rows: tuple[dict, ...]
    path: str = ""
    #: the file line of each row (1-based, comment lines counted), for error messages
    lines: tuple[int, ...] = ()

    def line(self, i: int) -> int | None:
        """The file line of row ``i`` (None when unknown)."""
        return self.lines[i] if i < len(self.lines) else None

    def column(self, key: str) -> list[str]:
        return [r[key] for r in self.rows]

    def by(self, key: str) -> dict[str, dict]:
        """Index rows by ``key`` (later rows win)."""
        return {r[key]: r for r in self.rows}

    def provenance(self) -> dict:
        return {"version": self.version, "sha256": self.sha256}


def _packaged_versions() -> dict[str, str]:
    try:
        readme = resources.files(__package__).joinpath("README.md").read_text("utf-8")
    except (FileNotFoundError, OSError):
        return {}
    return dict(re.findall(r"^- `?([a-z_]+)`?: version ([\w.\-]+)", readme, re.M))


def load_lexicon(name: str, path: str | Path | None = None) -> Lexicon:
    """Load the packaged lexicon ``name`` or, when ``path`` is given, a user's file.

    Raises :class:`CorpusError` naming the file and line for a malformed row.
    """
    if path is None:
        raw = resources.files(__package__).joinpath(f"{name}.csv").read_bytes()
        where = f"toolkit/lexicons/{name}.csv"
        version = _packaged_versions().get(name, "unversioned")
    else:
        raw = Path(path).read_bytes()
        where = str(path)
        version = "user:" + hashlib.sha256(raw).hexdigest()[:12]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"not UTF-8 ({exc.reason} at byte {exc.start})", path=where) from exc
    kept = [(k, ln) for k, ln in enumerate(text.splitlines(), start=1) if not ln.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(ln for _, ln in kept)))
    rows, lines = [], []
    for row in reader:
        # reader.line_num counts lines of the comment-free text; map back to the file
        line = kept[reader.line_num - 1][0] if reader.line_num <= len(kept) else None
        if None in row or any(v is None for v in row.values()):
            raise CorpusError("wrong number of columns", path=where, line=line)
        rows.append({k.strip(): (v or "").strip() for k, v in row.items()})
        lines.append(line)
    return Lexicon(name, version, hashlib.sha256(raw).hexdigest(), tuple(rows), where,
                   tuple(lines))


_HERE = Path(__file__).resolve().parent
_LOADED: dict[tuple[str, str], list] = {}    # key -> [stamp, Lexicon, checked at]
_DERIVED: dict[tuple, Any] = {}
#: Seconds between two checks of a cached lexicon's file (a stat per call costs
#: more than the per-sentence work of an extractor).
RECHECK_SECONDS = 1.0


def file_stamp(*files: str | Path) -> tuple:
    """``(mtime_ns, size)`` of each file: a cached copy is stale when this changes.
    Raises :class:`OSError` for a file that is not there."""
    return tuple((st.st_mtime_ns, st.st_size) for st in map(os.stat, files))


def cached_lexicon(name: str, path: str | Path | None = None) -> Lexicon:
    """:func:`load_lexicon`, read again only when the file (or the README) changed.

    Extractors call this per sentence, so a lexicon is parsed once; a researcher
    who edits a lexicon file in a running notebook gets the edit within
    :data:`RECHECK_SECONDS`, as the feature cache's fingerprint (the file's
    SHA-256) does. A packaged file that is not a plain file (zipped install) is
    read every time.

    >>> cached_lexicon("physical_verbs") is cached_lexicon("physical_verbs")
    True
    """
    key = (name, str(path) if path is not None else "")
    hit = _LOADED.get(key)
    now = time.monotonic()
    if hit is not None and now - hit[2] < RECHECK_SECONDS:
        return hit[1]
    files = (str(path),) if path is not None else (str(_HERE / f"{name}.csv"),
                                                  str(_HERE / "README.md"))
    try:
        stamp = file_stamp(*files)
    except OSError:
        return load_lexicon(name, path)
    if hit is None or hit[0] != stamp:
        hit = _LOADED[key] = [stamp, load_lexicon(name, path), now]
    hit[2] = now
    return hit[1]


def derived(build: Callable[..., T], *lexicons: Lexicon) -> T:
    """``build(*lexicons)``, computed once per lexicon content (SHA-256 and path).

    For the lookup tables extractors build from a lexicon (an index of verb
    forms, a ``{lemma: class}`` dict): an edited file has a new checksum, so its
    table is rebuilt. ``build`` should be a module-level function (it is part of
    the cache key).

    >>> def size(lex): return len(lex.rows)
    >>> derived(size, cached_lexicon("physical_verbs")) == len(load_lexicon("physical_verbs").rows)
    True
    """
    if len(lexicons) == 1:      # the common case, called per sentence
        key: tuple = (build, lexicons[0].sha256, lexicons[0].path)
    else:
        key = (build, *[(x.sha256, x.path) for x in lexicons])
    if key not in _DERIVED:
        _DERIVED[key] = build(*lexicons)
    return _DERIVED[key]


def packaged_data_file(name: str) -> dict | None:
    """``{"version", "sha256"}`` of a packaged non-CSV data file (e.g. ``cue_model.json``)."""
    for ext in ("json", "yml", "csv"):
        f = resources.files(__package__).joinpath(f"{name}.{ext}")
        if f.is_file():
            return {"version": _packaged_versions().get(name, "unversioned"),
                    "sha256": hashlib.sha256(f.read_bytes()).hexdigest()}
    return None
