"""Engines that run the extractors over many documents: a local process pool and Dask.

Extractors are pure functions of one processed document (DESIGN.md), so
scaling out is a matter of *where* documents are processed, never of how:

``local`` (:func:`map_ordered`)
    ``jobs`` worker processes (:class:`concurrent.futures.ProcessPoolExecutor`;
    ``fork`` when the caller runs no other thread, else ``spawn``, so no held
    lock is ever inherited). Articles
    are sent in chunks, at most ``2 * jobs`` chunks in flight, and results come
    back **in input order**: the tables are identical to a one-process run,
    whatever the number of workers or the order in which they finish. Memory
    stays flat because the input is consumed lazily.

``dask`` (:func:`run_dask`)
    The same per-document function mapped over *partitions* of a sharded corpus
    with ``dask.distributed`` (a ``LocalCluster`` on this machine, or any
    running scheduler given by address). A partition is one byte range of a
    JSONL shard (split at line boundaries, as Hadoop splits text files), one
    gzipped JSONL shard, one row group of a Parquet corpus file, or one whole
    corpus of another format. Each task writes its tables as Parquet files
    ``<out>/<table>/part-NNNNN.parquet`` (atomically); the driver then writes
    ``<out>/manifest.json``. :func:`read_table` (pandas) and :func:`read_dask`
    (lazy ``dask.dataframe``) read them back, with the span/flag columns decoded
    to exactly what :func:`toolkit.pipeline.run` returns.

The output folder is built under a temporary name beside ``out`` and renamed
at the end, so a run folder is complete or absent (DESIGN.md: immutable runs).

Examples
--------
>>> list(map_ordered(_square, range(5), jobs=1))
[0, 1, 4, 9, 16]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path

import pandas as pd

from .errors import ToolkitError


def _square(x):
    return x * x


# --------------------------------------------------------------------------- local pool


def _apply_chunk(fn: Callable, chunk: list, args: tuple) -> list:
    return [fn(item, *args) for item in chunk]


def _mp_context():
    """``fork`` where it is safe (POSIX, no other thread running), else ``spawn``.

    Forking copies the loaded tagger for free; with other threads alive (a Dask
    client, a Jupyter kernel's helpers) a fork can inherit a held lock, so a
    fresh ``spawn`` interpreter is used instead.
    """
    import multiprocessing as mp
    import threading

    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return mp.get_context("fork")
    return mp.get_context("spawn")


def map_ordered(fn: Callable, items: Iterable, *, jobs: int = 2, chunksize: int = 16,
                args: tuple = ()) -> Iterator:
    """``fn(item, *args)`` for every item, computed in ``jobs`` processes, in input order.

    ``fn`` must be a module-level function and ``items``/``args`` picklable. An
    exception raised by ``fn`` is re-raised here, at that item's position.
    """
    if jobs <= 1:
        for item in items:
            yield fn(item, *args)
        return
    it = iter(items)
    pending: deque = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context()) as pool:
        while True:
            while len(pending) < 2 * jobs:
                chunk = list(islice(it, chunksize))
                if not chunk:
                    break
                pending.append(pool.submit(_apply_chunk, fn, chunk, args))
            if not pending:
                return
            yield from pending.popleft().result()


# --------------------------------------------------------------------------- partitions


@dataclass(frozen=True)
class Partition:
    """One unit of Dask work: a byte range of a JSONL file, a Parquet row group, or a source."""

    kind: str            # "jsonl" | "parquet" | "source"
    path: str
    start: int = 0       # jsonl: first byte; parquet: row group index
    end: int = -1        # jsonl: last byte (exclusive; -1 = end of file)


def partitions(paths: Sequence[str | Path], *, blocksize: int = 32 << 20) -> list[Partition]:
    """Split the inputs into partitions (see the module notes), in a stable order.

    A folder of ``*.jsonl``/``*.jsonl.gz``/``*.parquet`` shards gives each shard;
    a corpus folder (``corpus.yml``) gives its articles file. Plain JSONL is
    split into byte ranges of about ``blocksize`` bytes.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.jsonl").write_text('{"x": 1}\\n' * 10)
    >>> [(p.kind, p.start, p.end) for p in partitions([d], blocksize=40)]
    [('jsonl', 0, 40), ('jsonl', 40, 80), ('jsonl', 80, 90)]
    """
    out: list[Partition] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise ToolkitError(f"{p}: no such file or folder")
        if p.is_dir():
            shards = sorted(f for f in p.iterdir() if f.is_file() and f.name.endswith(
                (".jsonl", ".jsonl.gz", ".ndjson", ".parquet")))
            if (p / "corpus.yml").exists() or not shards:
                from .corpus import source_kind

                if source_kind(p) == "folder":
                    from .corpus.folder import articles_file

                    af = articles_file(p)
                    if af.name.endswith((".jsonl", ".ndjson")):
                        out.extend(_jsonl_ranges(af, blocksize))
                        continue
                out.append(Partition("source", str(p)))
                continue
            for f in shards:
                out.extend(_file_partitions(f, blocksize))
        else:
            out.extend(_file_partitions(p, blocksize))
    return out


def _file_partitions(f: Path, blocksize: int) -> list[Partition]:
    if f.name.endswith((".jsonl", ".ndjson")):
        return _jsonl_ranges(f, blocksize)
    if f.name.endswith(".parquet"):
        import pyarrow.parquet as pq

        n = pq.ParquetFile(f).num_row_groups
        return [Partition("parquet", str(f), i) for i in range(max(n, 1))]
    return [Partition("source", str(f))]


def _jsonl_ranges(f: Path, blocksize: int) -> list[Partition]:
    size = f.stat().st_size
    starts = list(range(0, max(size, 1), max(blocksize, 1)))
    return [Partition("jsonl", str(f), s, min(s + blocksize, size)) for s in starts]


def load_partition(part: Partition) -> tuple[list, list[dict]]:
    """``(articles, error rows)`` of one partition; bad records become ``corpus`` errors.

    A JSONL byte range owns every line that *starts* inside it: it skips the
    partial line at its start (the previous range reads it) and reads past its
    end to finish its last line, so every line is read exactly once.
    """
    from .corpus.records import to_article
    from .errors import CorpusError

    arts, errors = [], []

    def bad(exc, where):
        errors.append({"doc_id": where, "stage": "corpus",
                       "error_type": type(exc).__name__, "message": str(exc)})

    if part.kind == "jsonl":
        with open(part.path, "rb") as fh:
            pos = part.start
            if pos > 0:
                fh.seek(pos - 1)
                if fh.read(1) != b"\n":
                    pos += len(fh.readline())
            fh.seek(pos)
            while part.end < 0 or pos < part.end:
                raw = fh.readline()
                if not raw:
                    break
                where = f"{part.path}@{pos}"
                line_start, pos = pos, pos + len(raw)
                if not raw.strip():
                    continue
                try:
                    rec = json.loads(raw.decode("utf-8"))
                    if not isinstance(rec, dict):
                        raise CorpusError(f"expected a JSON object, got {type(rec).__name__}",
                                          path=part.path)
                    arts.append(to_article(rec, path=f"{part.path}@byte{line_start}",
                                           line=None))
                except UnicodeDecodeError as exc:
                    bad(CorpusError(f"invalid UTF-8 at byte {line_start + exc.start}",
                                    path=part.path), where)
                except json.JSONDecodeError as exc:
                    bad(CorpusError(f"invalid or truncated JSON line at byte {line_start}: "
                                    f"{exc.msg}", path=part.path), where)
                except CorpusError as exc:
                    bad(exc, where)
    elif part.kind == "parquet":
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(part.path)
        if pf.num_row_groups:
            for i, rec in enumerate(pf.read_row_group(part.start).to_pylist()):
                where = f"{part.path}#rg{part.start}:{i}"
                rec = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                       for k, v in rec.items()}
                try:
                    arts.append(to_article(rec, path=where, line=None))
                except CorpusError as exc:
                    bad(exc, where)
    else:
        from .corpus import iter_articles

        problems: list = []
        arts = list(iter_articles(part.path, strict=False, problems=problems))
        for exc in problems:
            bad(exc, getattr(exc, "path", None) or part.path)
    return arts, errors


# --------------------------------------------------------------------------- Dask


TABLE_NAMES = ("articles", "errors")


def _run_partition(part: Partition, index: int, out: str, features: tuple, codebook,
                   feature_cache) -> dict:
    """Load one partition, run the pipeline, write its Parquet parts; return counts."""
    from .featurecache import write_parquet
    from .pipeline import run

    arts, corpus_errors = load_partition(part)
    tables = run(arts, features, codebook=codebook, feature_cache=feature_cache)
    errors = pd.concat([pd.DataFrame(corpus_errors, columns=list(tables.errors.columns)),
                        tables.errors], ignore_index=True) if corpus_errors else tables.errors
    name = f"part-{index:05d}.parquet"
    write_parquet(tables.articles, Path(out) / "articles" / name)
    write_parquet(errors, Path(out) / "errors" / name)
    for feat, df in tables.tables.items():
        write_parquet(df, Path(out) / feat / name)
    return {"partition": asdict(part), "index": index, "articles": len(tables.articles),
            "errors": len(errors), "tagged": tables.stats.get("tagged", 0),
            "rows": {f: len(df) for f, df in tables.tables.items()}}


def _client(scheduler: str | None, n_workers: int, processes: bool):
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=processes,
                           dashboard_address=":0")
    return Client(cluster), cluster


def run_dask(paths: Sequence[str | Path], out: str | Path,
             features: Sequence[str] = ("attribution", "agency", "denials"), *,
             scheduler: str | None = None, n_workers: int = 2, processes: bool = True,
             codebook=None, blocksize: int = 32 << 20, feature_cache=None,
             client=None) -> dict:
    """Run the extractors with Dask over a sharded corpus; write partitioned Parquet tables.

    Parameters
    ----------
    paths : corpus files or folders (JSONL shards, Parquet, a corpus folder ...)
    out : folder to create (must not exist or be empty); written atomically
    features : feature names (``"all"`` for every registered extractor)
    scheduler : address of a running ``dask-scheduler`` (``tcp://host:8786``);
        None starts a ``LocalCluster`` of ``n_workers`` workers
    processes : LocalCluster workers as processes (True) or threads (False)
    codebook : :class:`toolkit.actors.Codebook` shipped to every task
    blocksize : bytes per JSONL partition
    feature_cache : path of a feature cache shared by the workers (or None)
    client : an existing ``distributed.Client`` (overrides ``scheduler``)

    Returns
    -------
    dict
        The manifest also written to ``out/manifest.json``: partitions, counts,
        duplicate ``doc_id`` values found across partitions.
    """
    from .features.all import names as all_names

    feats = tuple(dict.fromkeys(
        n for f in features for n in (all_names() if f == "all" else [f])))
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise ToolkitError(f"{out}: output folder exists and is not empty")
    parts = partitions(paths, blocksize=blocksize)
    if feature_cache is True:
        from .text import default_cache_dir

        feature_cache = str(default_cache_dir())
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    own = None
    try:
        if client is None:
            client, own = _client(scheduler, n_workers, processes)
            close = True
        else:
            close = False
        try:
            futures = client.map(_run_partition, parts, range(len(parts)),
                                 out=str(tmp), features=feats, codebook=codebook,
                                 feature_cache=feature_cache, pure=False)
            summaries = client.gather(futures)
        finally:
            if close:
                client.close()
                if own is not None:
                    own.close()
        for name in (*TABLE_NAMES, *feats):  # a table with no partitions still exists
            (tmp / name).mkdir(exist_ok=True)
        ids = read_table(tmp, "articles", columns=["doc_id"])["doc_id"]
        dup = sorted(ids[ids.duplicated()].unique().tolist())
        manifest = {
            "engine": "dask", "features": list(feats), "partitions": len(parts),
            "articles": int(sum(s["articles"] for s in summaries)),
            "errors": int(sum(s["errors"] for s in summaries)),
            "rows": {f: int(sum(s["rows"].get(f, 0) for s in summaries)) for f in feats},
            "duplicate_doc_ids": dup, "summaries": summaries,
        }
        from .safeio import atomic_write_text

        atomic_write_text(tmp / "manifest.json", json.dumps(manifest, indent=2, sort_keys=True))
        if out.exists():
            out.rmdir()
        os.replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def read_table(out: str | Path, name: str, *, columns=None) -> pd.DataFrame:
    """Table ``name`` of a :func:`run_dask` output folder, as one pandas frame (input order).

    Only the requested ``columns`` are read from disk.
    """
    import pyarrow.parquet as pq

    from .featurecache import decode_frame

    folder = Path(out) / name
    files = sorted(folder.glob("part-*.parquet"))
    if not files:
        from . import schema

        return schema.empty_frame(name)
    frames = [decode_frame(pq.read_table(f, columns=columns)) for f in files]
    frames = [f for f in frames if len(f)] or frames[:1]
    return pd.concat(frames, ignore_index=True)


def read_dask(out: str | Path, name: str):
    """Table ``name`` as a lazy ``dask.dataframe`` (one partition per part file)."""
    import dask
    import dask.dataframe as dd

    files = sorted((Path(out) / name).glob("part-*.parquet"))
    meta = read_table(out, name).iloc[:0]
    dtypes = meta.dtypes.to_dict()
    parts = [dask.delayed(_read_part)(str(f), dtypes) for f in files]
    # keep the pandas dtypes the pipeline produces (Dask would convert strings to Arrow)
    with dask.config.set({"dataframe.convert-string": False}):
        return dd.from_delayed(parts, meta=meta)


def _read_part(path: str, dtypes: dict) -> pd.DataFrame:
    """One part file, cast to the table's dtypes (an empty part has object columns)."""
    from .featurecache import read_parquet

    df = read_parquet(path)
    for c, dt in dtypes.items():
        if c in df.columns and df[c].dtype != dt:
            try:
                df[c] = df[c].astype(dt)
            except (TypeError, ValueError):
                pass
    return df


# --------------------------------------------------------------------------- CLI helpers


def _cli_rows(item, module: str, codebook, options: dict | None = None
              ) -> tuple[str, list | None, str | None]:
    """One document's ``mbt extract`` rows: ``(label, rows, error message)``.

    ``module`` is the extractor's module path, resolved by the parent process;
    ``options`` the ``json_rows`` keywords of ``--lexicon`` / ``--source-kinds``.
    """
    import importlib

    from .errors import DocumentError
    from .text import process_article, process_cached

    kind, obj = item
    if kind == "txt":
        p = Path(obj)
        try:
            text = p.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ToolkitError(f"{p}: not UTF-8 (byte {exc.start}): {exc.reason}") from exc
        label, doc = str(p), process_cached(text, doc_id=str(p))
    else:
        label, doc = obj.doc_id, process_article(obj, with_title=False)  # as cli.extract_run
    try:
        rows = [{"doc": label, **r}
                for r in importlib.import_module(module).json_rows(doc, codebook=codebook,
                                                                    **(options or {}))]
    except DocumentError as exc:
        return label, None, str(exc)
    return label, rows, None


def _cli_items(paths: Iterable[str]) -> Iterator[tuple[str, object]]:
    from .corpus import iter_articles

    for path in paths:
        p = Path(path)
        if p.is_file() and p.suffix.lower() == ".txt":
            yield "txt", str(p)
        else:
            for art in iter_articles(str(p)):
                yield "article", art


def extract_run(args) -> int:
    """``mbt extract`` with ``--jobs K`` (local pool) or ``--engine dask``.

    The local pool prints exactly what the one-process command prints, in the
    same order. Dask writes partitioned Parquet tables to ``--out FOLDER``.
    """
    from .cli import _codebook_for, extract_options, write_extracted

    codebook = _codebook_for(args)
    options = extract_options(args)
    if getattr(args, "engine", "local") == "dask":
        if options:
            raise ToolkitError("--lexicon / --source-kinds are not supported with --engine "
                               "dask; use --engine local --jobs K")
        if not args.out:
            raise ToolkitError("--engine dask writes Parquet tables: give --out FOLDER")
        man = run_dask(args.paths, args.out, (args.feature,), scheduler=args.scheduler,
                       n_workers=max(args.jobs or 2, 1), codebook=codebook)
        print(f"wrote {args.out}: {man['articles']} articles in {man['partitions']} "
              f"partition(s), rows {man['rows']}, errors {man['errors']}", file=sys.stderr)
        if man["duplicate_doc_ids"]:
            print(f"warning: duplicate doc_id(s): {man['duplicate_doc_ids'][:10]}",
                  file=sys.stderr)
        return 1 if man["errors"] else 0
    from . import features

    module = features.get(args.feature).__name__
    results = map_ordered(_cli_rows, _cli_items(args.paths), jobs=args.jobs, chunksize=8,
                          args=(module, codebook, options))
    return 1 if write_extracted(results, args.out, args.format) else 0


def add_engine_arguments(p: argparse.ArgumentParser) -> None:
    """``--engine local|dask``, ``--jobs K``, ``--scheduler ADDRESS`` (for ``mbt extract``)."""
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local processes, or Dask (writes Parquet tables to --out FOLDER)")
    p.add_argument("--jobs", type=int, default=1,
                   help="worker processes (local) or LocalCluster workers (dask)")
    p.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://host:8786)")
