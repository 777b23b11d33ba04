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
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import CorpusError


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


def packaged_data_file(name: str) -> dict | None:
    """``{"version", "sha256"}`` of a packaged non-CSV data file (e.g. ``cue_model.json``)."""
    for ext in ("json", "yml", "csv"):
        f = resources.files(__package__).joinpath(f"{name}.{ext}")
        if f.is_file():
            return {"version": _packaged_versions().get(name, "unversioned"),
                    "sha256": hashlib.sha256(f.read_bytes()).hexdigest()}
    return None
