"""Incremental extraction: feature tables cached on disk as Parquet, one file per document.

Re-running a notebook or ``mbt`` over a corpus that grew by ten articles should
tag and extract only those ten. :class:`FeatureCache` stores, for every
(feature, document), the rows the extractor produced, under a key that changes
whenever anything the rows depend on changes:

- the **document**: ``toolkit.text.cache_key(text, title)`` (SHA-256 of the text
  and headline, the text-pipeline version and the NLTK version) and its
  ``doc_id`` (rows carry it);
- the **extractor**: the toolkit version, the SHA-256 of the feature module's
  source and of the ``toolkit.features`` modules it imports (``cues``,
  ``passive`` ...), and its ``VERSION`` attribute if it declares one;
- the **lexicons it uses**: the SHA-256 of each packaged lexicon the feature
  reads (its ``LEXICONS`` attribute if declared, else every packaged lexicon
  whose name appears in its source or its imports), so editing
  ``harm_triggers.csv`` invalidates ``agency`` and nothing else;
- the **codebook**: its SHA-256 (``Codebook.sha256``), or ``none``.

Layout (``mbt cache info`` prints it)::

    $MBT_CACHE_DIR/features/<feature>/<fingerprint[:16]>/seg-<uuid>.parquet   (key, payload)
    $MBT_CACHE_DIR/features/_articles/stats-1/seg-<uuid>.parquet        (n_words, n_sentences)

A segment holds up to ``batch`` documents of one run (one Parquet file per
document would cost more to write than to recompute). Files are written
atomically (temporary file + rename), so a killed run never leaves a
half-written segment; an unreadable segment is a miss, never an error. Only
Parquet and JSON are read back, never pickle, so a cache folder from elsewhere
cannot run code. Each document's rows are stored as JSON text with type-tagged
cells (:func:`rows_to_json`; a feature with only ``extract`` stores its table with
its dtypes, :func:`frame_to_json`), so a table built from the cache is *equal* to
a fresh one: lists stay lists, tuples tuples, frozensets frozensets, ``None``
``None``.

>>> import pandas as pd
>>> df = pd.DataFrame({"doc_id": ["d"], "n": [1], "cue": [[[0, 4]]],
...                    "flags": [frozenset({"b", "a"})]})
>>> frame_from_json(frame_to_json(df)).equals(df)
True
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import shutil
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .safeio import atomic_path

#: Bumped when the on-disk format of an entry changes.
FORMAT_VERSION = "2"

# --------------------------------------------------------------------------- cell codec


def _enc(v):
    """JSON-ready value with type tags for the containers JSON lacks."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return v if math.isfinite(v) else {"~float": repr(v)}
    if isinstance(v, list):
        return [_enc(x) for x in v]
    if isinstance(v, tuple):
        return {"~t": [_enc(x) for x in v]}
    if isinstance(v, (frozenset, set)):
        items = sorted((_enc(x) for x in v), key=lambda x: json.dumps(x, sort_keys=True))
        return {"~f" if isinstance(v, frozenset) else "~s": items}
    if isinstance(v, dict):
        return {"~d": [[_enc(k), _enc(x)] for k, x in v.items()]}
    item = getattr(v, "item", None)  # numpy scalars
    if callable(item) and not hasattr(v, "__len__"):
        return _enc(item())
    if hasattr(v, "tolist"):  # numpy arrays (e.g. from a Parquet round trip)
        return _enc(v.tolist())
    if v is pd.NA or v is pd.NaT:
        return {"~na": 1}
    if hasattr(v, "isoformat"):
        return {"~iso": [type(v).__name__, v.isoformat()]}
    raise TypeError(f"cannot cache a value of type {type(v).__name__}")


def _dec(v):
    if isinstance(v, list):
        return [_dec(x) for x in v]
    if isinstance(v, dict):
        (tag, x), = v.items()
        if tag == "~t":
            return tuple(_dec(y) for y in x)
        if tag == "~f":
            return frozenset(_dec(y) for y in x)
        if tag == "~s":
            return {_dec(y) for y in x}
        if tag == "~d":
            return {_dec(k): _dec(y) for k, y in x}
        if tag == "~float":
            return float(x)
        if tag == "~na":
            return pd.NA
        if tag == "~iso":
            import datetime as dt

            kind, s = x
            cls = {"date": dt.date, "datetime": dt.datetime, "Timestamp": pd.Timestamp}[kind]
            return cls.fromisoformat(s) if kind != "Timestamp" else pd.Timestamp(s)
        raise ValueError(f"unknown tag {tag!r}")
    return v


def encode_frame(df: pd.DataFrame):
    """``(pyarrow.Table, json_columns)``: object columns as JSON text, others native."""
    import pyarrow as pa

    json_cols = [c for c in df.columns if df[c].dtype == object]
    out = {}
    for c in df.columns:
        if c in json_cols:
            out[c] = pd.Series([json.dumps(_enc(v), ensure_ascii=False, sort_keys=True)
                                for v in df[c]], dtype=object)
        else:
            out[c] = df[c].reset_index(drop=True)
    table = pa.Table.from_pandas(pd.DataFrame(out, columns=list(df.columns)),
                                 preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[b"mbt:json_columns"] = json.dumps(json_cols).encode()
    meta[b"mbt:dtypes"] = json.dumps({c: str(df[c].dtype) for c in df.columns
                                      if c not in json_cols}).encode()
    meta[b"mbt:format"] = FORMAT_VERSION.encode()
    return table.replace_schema_metadata(meta), json_cols


def decode_frame(table, json_cols=None) -> pd.DataFrame:
    """Inverse of :func:`encode_frame` (reads the JSON column list from the schema)."""
    if json_cols is None:
        raw = (table.schema.metadata or {}).get(b"mbt:json_columns", b"[]")
        json_cols = json.loads(raw)
    dtypes = json.loads((table.schema.metadata or {}).get(b"mbt:dtypes", b"{}"))
    df = table.to_pandas()
    for c in (c for c in json_cols if c in df.columns):
        df[c] = pd.Series([_dec(json.loads(v)) for v in df[c]], dtype=object, index=df.index)
    for c, dt in dtypes.items():  # the writer's dtypes, whatever pandas options are in force
        if c in df.columns and str(df[c].dtype) != dt:
            try:
                df[c] = df[c].astype(dt)
            except (TypeError, ValueError):
                pass
    return df


def write_parquet(df: pd.DataFrame, path: str | Path) -> None:
    """Write ``df`` to ``path`` as Parquet (object columns JSON-encoded), atomically."""
    import pyarrow.parquet as pq

    table, _ = encode_frame(df)
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")


def read_parquet(path: str | Path, columns=None) -> pd.DataFrame:
    """Read a file or folder written by :func:`write_parquet` back into the same frame."""
    import pyarrow.parquet as pq

    return decode_frame(pq.read_table(path, columns=columns))


# --------------------------------------------------------------------------- fingerprints


_FEATURES_DIR = Path(__file__).resolve().parent / "features"
_LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
_IMPORT_RE = re.compile(
    r"^\s*(?:from\s+(?:\.|toolkit\.features\.?)(\w*)\s+import\s+([\w, ()]+)"
    r"|import\s+toolkit\.features\.(\w+))", re.MULTILINE)


def _feature_sources(module_name: str) -> list[Path]:
    """Source files of feature module ``module_name`` and the features modules it imports."""
    import importlib

    mod = importlib.import_module(module_name)
    first = Path(mod.__file__)
    seen, todo = [], [first]
    while todo:
        p = todo.pop()
        if p in seen or not p.exists():
            continue
        seen.append(p)
        src = p.read_text("utf-8")
        for m in _IMPORT_RE.finditer(src):
            names = [m.group(1)] if m.group(1) else []
            if m.group(2) and not m.group(1):
                names = [n.strip(" ()") for n in m.group(2).split(",")]
            if m.group(3):
                names = [m.group(3)]
            for n in names:
                cand = _FEATURES_DIR / f"{n}.py"
                if n and cand.exists():
                    todo.append(cand)
    return sorted(seen)


def _lexicon_names() -> list[str]:
    return sorted({p.stem for ext in ("*.csv", "*.json") for p in _LEXICON_DIR.glob(ext)})


def feature_lexicons(name: str) -> tuple[str, ...]:
    """Packaged lexicons feature ``name`` depends on (declared, or found in its source)."""
    from . import features

    mod = features.get(name)
    declared = getattr(mod, "LEXICONS", None)
    if declared is not None:
        return tuple(sorted(declared))
    text = "\n".join(p.read_text("utf-8") for p in _feature_sources(mod.__name__))
    return tuple(n for n in _lexicon_names()
                 if re.search(rf"['\"]{n}(?:\.csv|\.json)?['\"]", text))


@lru_cache(maxsize=64)
def _file_sha(path: str, mtime: float, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _sha(path: Path) -> str:
    st = path.stat()
    return _file_sha(str(path), st.st_mtime, st.st_size)


def codebook_fingerprint(codebook) -> str:
    """``none``, the codebook's file SHA-256, or a hash of its in-memory content."""
    if codebook is None:
        return "none"
    sha = getattr(codebook, "sha256", "") or ""
    return sha or "mem:" + hashlib.sha256(repr(codebook).encode()).hexdigest()


def feature_fingerprint(name: str, codebook=None) -> str:
    """The version part of feature ``name``'s cache key (see the module notes).

    Changes when the toolkit version, the feature's source (or a features module
    it imports), a lexicon it uses, or the codebook changes.
    """
    from . import __version__, features
    from .lexicons import load_lexicon

    mod = features.get(name)
    h = hashlib.sha256()
    parts = [FORMAT_VERSION, __version__, name, str(getattr(mod, "VERSION", ""))]
    for p in _feature_sources(mod.__name__):
        parts.append(f"{p.name}:{_sha(p)}")
    for lex in feature_lexicons(name):
        csv_path = _LEXICON_DIR / f"{lex}.csv"
        sha = load_lexicon(lex).sha256 if csv_path.exists() else _sha(_LEXICON_DIR / f"{lex}.json")
        parts.append(f"lexicon:{lex}:{sha}")
    parts.append("codebook:" + codebook_fingerprint(codebook))
    h.update("\n".join(parts).encode())
    return h.hexdigest()


def doc_key(doc_id: str, text: str, title: str = "") -> str:
    """Key of one document's entries: its id plus :func:`toolkit.text.cache_key`."""
    from .text import cache_key

    return hashlib.sha256(
        (str(doc_id) + "\x00" + cache_key(text, title)).encode("utf-8", "surrogatepass")
    ).hexdigest()


# --------------------------------------------------------------------------- the cache


def frame_to_json(df: pd.DataFrame) -> str:
    """One document's table as JSON text: columns, dtypes and tagged cell values."""
    return json.dumps({"c": [str(c) for c in df.columns],
                       "t": {str(c): str(dt) for c, dt in df.dtypes.items()},
                       "r": [[_enc(v) for v in row]
                             for row in df.itertuples(index=False, name=None)]},
                      ensure_ascii=False, separators=(",", ":"))


def frame_from_json(text: str) -> pd.DataFrame:
    """Inverse of :func:`frame_to_json` (same columns, dtypes and Python values)."""
    d = json.loads(text)
    cols, types = d["c"], d["t"]
    values = list(zip(*d["r"])) if d["r"] else [()] * len(cols)
    data = {}
    for c, vals in zip(cols, values):
        vals = [_dec(v) for v in vals]
        try:
            data[c] = pd.Series(vals, dtype=types.get(c, "object"))
        except (TypeError, ValueError):
            data[c] = pd.Series(vals, dtype=object)
    return pd.DataFrame(data, columns=cols)


def rows_to_json(rows: list[dict], columns) -> str:
    """One document's rows (dicts, as an extractor's ``table_rows`` gives them) as JSON text.

    Only the values of ``columns`` are kept, type-tagged like :func:`frame_to_json`,
    so :func:`rows_from_json` gives back dicts whose values have the same Python
    types; a table built from them equals one built from the fresh rows. Storing
    rows rather than a per-document table lets a cache hit join the one table the
    pipeline builds per run instead of costing a DataFrame per document.

    >>> rows = [{"doc_id": "d", "cue": [[0, 4]], "flags": frozenset({"x"}), "n": None}]
    >>> rows_from_json(rows_to_json(rows, ["doc_id", "cue", "flags", "n"]),
    ...                ["doc_id", "cue", "flags", "n"]) == rows
    True
    """
    columns = [str(c) for c in columns]
    return json.dumps({"rows": columns,
                       "r": [[_enc(r[c]) for c in columns] for r in rows]},
                      ensure_ascii=False, separators=(",", ":"))


def rows_from_json(text: str, columns) -> list[dict] | None:
    """Inverse of :func:`rows_to_json`; None when the payload holds other columns."""
    d = json.loads(text)
    cols = d.get("rows") if isinstance(d, dict) else None
    if cols != [str(c) for c in columns]:
        return None
    return [dict(zip(cols, map(_dec, r))) for r in d["r"]]


STATS = "_articles"  #: pseudo-feature holding per-document counts (n_words, n_sentences)
_STATS_VERSION = "stats-1"


@dataclass
class FeatureCache:
    """On-disk cache of per-document feature tables, in Parquet *segments*.

    One Parquet file per (feature, version, run batch) holds one row per document:
    ``key`` (:func:`doc_key`) and ``payload`` (the document's rows as JSON text,
    :func:`rows_to_json`, or its table, :func:`frame_to_json`). A run reads only the ``key`` column of the current
    version's segments to know what is cached, and a segment's payloads only when
    one of its documents is needed; new tables are written as new segments of up
    to ``batch`` documents (atomically, unique names), so concurrent runs never
    write the same file. Per-file overhead is paid once per batch, not per
    document. Counts per document (for the ``articles`` table) are kept the same
    way under the pseudo-feature ``_articles``.

    Parameters
    ----------
    root : path, default :func:`toolkit.text.default_cache_dir` (``$MBT_CACHE_DIR``)
    batch : documents per segment file

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> fc = FeatureCache(tempfile.mkdtemp())
    >>> df = pd.DataFrame({"doc_id": ["d1"], "sentence": [0], "cue": [[[0, 4]]]})
    >>> with fc.session({"attribution": "f" * 64}) as s:
    ...     s.put("attribution", "k" * 64, df)
    >>> fc.session({"attribution": "f" * 64}).get("attribution", "k" * 64).equals(df)
    True
    >>> fc.session({"attribution": "0" * 64}).get("attribution", "k" * 64) is None
    True
    """

    root: Path = None  # type: ignore[assignment]
    batch: int = 512

    def __post_init__(self):
        if self.root is None:
            from .text import default_cache_dir

            self.root = default_cache_dir()
        self.root = Path(self.root)

    @property
    def base(self) -> Path:
        return self.root / "features"

    def folder(self, feature: str, fingerprint: str) -> Path:
        from .safeio import safe_filename

        return self.base / safe_filename(feature) / fingerprint[:16]

    def session(self, fingerprints: dict[str, str]) -> CacheSession:
        """A read/write view of the cache for one run (feature -> fingerprint)."""
        return CacheSession(self, dict(fingerprints))

    def info(self) -> pd.DataFrame:
        """One row per (feature, version): documents, bytes, and whether it is current."""
        import pyarrow.parquet as pq

        from . import features

        current = {STATS: _STATS_VERSION[:16]}
        for name in features.REGISTRY:
            if name == "all":
                continue
            try:
                current[name] = feature_fingerprint(name)[:16]
            except Exception:  # noqa: BLE001 -- a feature that cannot load is just not current
                current[name] = None
        rows = []
        if self.base.exists():
            for fdir in sorted(p for p in self.base.iterdir() if p.is_dir()):
                for g in sorted(p for p in fdir.iterdir() if p.is_dir()):
                    files = sorted(g.glob("seg-*.parquet"))
                    n = 0
                    for f in files:
                        try:
                            n += pq.ParquetFile(f).metadata.num_rows
                        except Exception:  # noqa: BLE001, S110 -- unreadable segment: counted as 0
                            pass
                    rows.append({"feature": fdir.name, "fingerprint": g.name,
                                 "documents": n, "segments": len(files),
                                 "bytes": sum(f.stat().st_size for f in g.iterdir()
                                              if f.is_file()),
                                 "current": current.get(fdir.name) == g.name})
        return pd.DataFrame(rows, columns=["feature", "fingerprint", "documents", "segments",
                                           "bytes", "current"])

    def clear(self, feature: str | None = None, *, stale_only: bool = False) -> int:
        """Delete versions (all, one feature's, or only stale ones); return documents removed."""
        n = 0
        for row in self.info().itertuples():
            if feature and row.feature != feature:
                continue
            if stale_only and row.current:
                continue
            n += row.documents
            shutil.rmtree(self.base / row.feature / row.fingerprint, ignore_errors=True)
        return n


class CacheSession:
    """What one run sees of a :class:`FeatureCache`: lookups, then new segments on flush.

    Use as a context manager (or call :meth:`flush`) so buffered tables are written.
    """

    def __init__(self, cache: FeatureCache, fingerprints: dict[str, str]):
        self.cache = cache
        self.fingerprints = {**fingerprints, STATS: _STATS_VERSION}
        self._index: dict[str, dict[str, Path]] = {}
        self._loaded: dict[Path, dict[str, str]] = {}
        self._pending: dict[str, list[tuple[str, str]]] = {}
        self.hits: dict[str, int] = {}
        self.misses: dict[str, int] = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.flush()

    def _keys(self, feature: str) -> dict[str, Path]:
        if feature not in self._index:
            import pyarrow.parquet as pq

            idx: dict[str, Path] = {}
            folder = self.cache.folder(feature, self.fingerprints[feature])
            if folder.exists():
                for f in sorted(folder.glob("seg-*.parquet")):
                    try:
                        keys = pq.read_table(f, columns=["key"]).column("key").to_pylist()
                    except Exception:  # noqa: BLE001, S112 -- a broken segment is a miss
                        continue
                    idx.update(dict.fromkeys(keys, f))
            self._index[feature] = idx
        return self._index[feature]

    def _payload(self, feature: str, key: str) -> str | None:
        seg = self._keys(feature).get(key)
        if seg is None:
            return None
        if seg not in self._loaded:
            import pyarrow.parquet as pq

            if len(self._loaded) >= 8:  # keep a few decoded segments, not the whole cache
                self._loaded.pop(next(iter(self._loaded)))
            try:
                t = pq.read_table(seg, columns=["key", "payload"])
                self._loaded[seg] = dict(zip(t.column("key").to_pylist(),
                                             t.column("payload").to_pylist()))
            except Exception:  # noqa: BLE001 -- a broken segment is a miss
                self._loaded[seg] = {}
        return self._loaded[seg].get(key)

    def get(self, feature: str, key: str) -> pd.DataFrame | None:
        """The cached table of ``feature`` for document ``key``, or None."""
        text = self._payload(feature, key)
        df = None
        if text is not None:
            try:
                df = frame_from_json(text)
            except (ValueError, KeyError, TypeError):
                df = None
        counter = self.hits if df is not None else self.misses
        counter[feature] = counter.get(feature, 0) + 1
        return df

    def get_rows(self, feature: str, key: str, columns) -> list[dict] | None:
        """The cached rows of ``feature`` for document ``key`` (:func:`rows_to_json`), or None."""
        text = self._payload(feature, key)
        rows = None
        if text is not None:
            try:
                rows = rows_from_json(text, columns)
            except (ValueError, KeyError, TypeError):
                rows = None
        counter = self.hits if rows is not None else self.misses
        counter[feature] = counter.get(feature, 0) + 1
        return rows

    def put_rows(self, feature: str, key: str, rows: list[dict], columns) -> None:
        """Buffer one document's rows; a value that cannot be encoded only costs time later."""
        try:
            self._buffer(feature, key, rows_to_json(rows, columns))
        except (TypeError, ValueError, KeyError):
            pass

    def put(self, feature: str, key: str, df: pd.DataFrame) -> None:
        """Buffer ``df``; a value that cannot be encoded only costs time later."""
        try:
            self._buffer(feature, key, frame_to_json(df))
        except (TypeError, ValueError):
            pass

    def get_stats(self, key: str) -> dict | None:
        text = self._payload(STATS, key)
        return json.loads(text) if text else None

    def put_stats(self, key: str, stats: dict) -> None:
        self._buffer(STATS, key, json.dumps(stats, sort_keys=True))

    def _buffer(self, feature: str, key: str, payload: str) -> None:
        buf = self._pending.setdefault(feature, [])
        buf.append((key, payload))
        if len(buf) >= self.cache.batch:
            self._write(feature)

    def _write(self, feature: str) -> None:
        import uuid

        import pyarrow as pa
        import pyarrow.parquet as pq

        buf = self._pending.pop(feature, [])
        if not buf:
            return
        folder = self.cache.folder(feature, self.fingerprints[feature])
        path = folder / f"seg-{uuid.uuid4().hex}.parquet"
        table = pa.table({"key": [k for k, _ in buf], "payload": [p for _, p in buf]})
        try:
            with atomic_path(path) as tmp:
                pq.write_table(table, tmp, compression="zstd")
        except (OSError, ValueError):
            return  # a cache that cannot be written only costs time
        idx = self._keys(feature)
        for k, _ in buf:
            idx[k] = path

    def flush(self) -> None:
        """Write every buffered table as new segments."""
        for feature in list(self._pending):
            self._write(feature)


# --------------------------------------------------------------------------- CLI


def add_arguments(p: argparse.ArgumentParser) -> None:
    """``mbt cache info|clear [--feature F] [--stale] [--dir D]``."""
    p.add_argument("action", choices=["info", "clear"])
    p.add_argument("--feature", help="only this feature's entries")
    p.add_argument("--stale", action="store_true",
                   help="clear only entries of outdated extractor/lexicon/codebook versions")
    p.add_argument("--dir", help="cache folder (default: $MBT_CACHE_DIR or ~/.cache/...)")


def run(args) -> int:
    from .text import DocCache

    fc = FeatureCache(args.dir)
    if args.action == "info":
        info = fc.info()
        print(f"cache: {fc.root}")
        docs = list((fc.root / "processed").rglob("*.json.gz")) \
            if (fc.root / "processed").exists() else []
        print(f"processed documents: {len(docs)} "
              f"({sum(f.stat().st_size for f in docs) / 1e6:.1f} MB)")
        if info.empty:
            print("feature tables: none")
        else:
            print(info.to_string(index=False))
        return 0
    n = fc.clear(args.feature, stale_only=args.stale)
    msg = f"removed {n} cached document table(s)"
    if not args.feature and not args.stale:
        msg += f" and {DocCache(fc.root).clear()} processed document(s)"
    print(f"{msg} from {fc.root}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run(argparse.Namespace(action="info", feature=None, stale=False,
                                    dir=os.environ.get("MBT_CACHE_DIR"))))
