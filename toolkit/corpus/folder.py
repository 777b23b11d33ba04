"""Corpus folders: ``corpus.yml`` + ``articles.jsonl`` (+ ``actors.yml``).

``corpus.yml`` holds what a study cites about its data::

    name: demo
    description: Constructed articles on a fictional conflict.
    licence: CC-BY-4.0
    provenance: constructed by the media-bias-toolkit developers
    outlets:                       # optional; list of {id, ...} or mapping id -> {...}
      - {id: herald, name: The Daily Herald}
    events:                        # optional; same two shapes, `date` is YYYY-MM-DD
      - {id: ev1, title: Shelling of Marven, date: 2024-03-02}
    actors: actors.yml             # optional codebook path, relative to the folder

When ``outlets:`` or ``events:`` are given, every article's ``outlet`` /
``event_id`` must be one of their ids (a typo in an id would otherwise split an
outlet into two). ``name``, ``description``, ``licence`` and ``provenance`` are
recommended: :func:`~toolkit.corpus.validate` reports them when missing, loading
does not require them.

Writing is atomic: everything goes to a temporary folder beside ``dest`` that is
renamed into place at the end, so a failed or interrupted write never leaves a
half-written corpus under the real name.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import CorpusError
from .jsonl import write_jsonl_line
from .records import Article, DuplicateCheck, to_article

META_FILE = "corpus.yml"
#: Article files a corpus folder may hold, in order of preference.
ARTICLE_FILES: tuple[str, ...] = ("articles.jsonl", "articles.jsonl.gz", "articles.csv")
#: Keys ``validate`` asks for in ``corpus.yml``.
RECOMMENDED_META: tuple[str, ...] = ("name", "description", "licence", "provenance")


def is_corpus_folder(folder: str | Path) -> bool:
    folder = Path(folder)
    return (folder / META_FILE).is_file() or any(
        (folder / n).is_file() for n in ARTICLE_FILES
    )


def articles_file(folder: str | Path) -> Path:
    """The folder's article file (``articles.jsonl`` unless only another exists)."""
    folder = Path(folder)
    for n in ARTICLE_FILES:
        if (folder / n).is_file():
            return folder / n
    return folder / ARTICLE_FILES[0]


def read_meta(folder: str | Path) -> dict:
    """``corpus.yml`` as a dict ({} when absent).

    Raises CorpusError when it is unreadable or not a mapping.
    """
    import yaml

    p = Path(folder) / META_FILE
    if not p.is_file():
        return {}
    try:
        data = yaml.safe_load(p.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"invalid UTF-8 at byte offset {exc.start}", path=str(p)
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CorpusError(
            f"invalid YAML: {getattr(exc, 'problem', None) or exc}",
            path=str(p),
            line=mark.line + 1 if mark else None,
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CorpusError(
            f"expected a mapping of keys (name, description, ...), got "
            f"{type(data).__name__}",
            path=str(p),
        )
    return data


def table(meta: dict, key: str, *, path: str | None = None) -> dict[str, dict]:
    """The ``outlets:`` or ``events:`` table of ``meta`` as ``{id: entry}``.

    Accepts a list of mappings with an ``id`` or a mapping ``id -> entry``.

    >>> table({"outlets": [{"id": "a", "name": "A"}]}, "outlets")
    {'a': {'id': 'a', 'name': 'A'}}
    >>> table({"events": {"ev1": {"title": "T"}}}, "events")
    {'ev1': {'title': 'T', 'id': 'ev1'}}
    """
    raw = meta.get(key)
    if raw is None:
        return {}
    if isinstance(raw, dict):
        items = [(k, v if isinstance(v, dict) else {"name": v}) for k, v in raw.items()]
        items = [(k, {**v, "id": k}) for k, v in items]
    elif isinstance(raw, list):
        items = []
        for i, v in enumerate(raw):
            if not isinstance(v, dict) or "id" not in v:
                raise CorpusError(
                    f"entry {i} must be a mapping with an 'id'",
                    path=path,
                    field=f"{key}[{i}]",
                )
            items.append((v["id"], v))
    else:
        raise CorpusError(
            "expected a list of {id: ...} mappings or a mapping id -> entry",
            path=path,
            field=key,
        )
    out: dict[str, dict] = {}
    for k, v in items:
        if not isinstance(k, str):
            raise CorpusError(
                f"id {k!r} must be a string (quote it in YAML)",
                path=path,
                field=f"{key}.id",
            )
        if k in out:
            raise CorpusError(f"duplicate id {k!r}", path=path, field=f"{key}.id")
        d = v.get("date")
        if d is not None and not isinstance(d, _dt.date):
            try:
                _dt.date.fromisoformat(str(d))
            except ValueError:
                raise CorpusError(
                    f"{k}: unparseable date {d!r} (use YYYY-MM-DD)",
                    path=path,
                    field=f"{key}.{k}.date",
                ) from None
        out[k] = v
    return out


def codebook_path(folder: str | Path, meta: dict) -> Path | None:
    """The codebook named by ``actors:`` in ``meta``, else ``actors.yml`` if present."""
    folder = Path(folder)
    name = meta.get("actors")
    if name is None:
        p = folder / "actors.yml"
        return p if p.is_file() else None
    if not isinstance(name, str):
        raise CorpusError(
            "expected a file name relative to the corpus folder",
            path=str(folder / META_FILE),
            field="actors",
        )
    p = folder / name
    if not p.is_file():
        raise CorpusError(
            f"codebook {name!r} not found in {folder}",
            path=str(folder / META_FILE),
            field="actors",
        )
    return p


def meta_problems(
    folder: str | Path, *, recommended: bool = False
) -> list[CorpusError]:
    """Every problem with ``corpus.yml`` (structure; optionally recommended keys)."""
    where = str(Path(folder) / META_FILE)
    try:
        meta = read_meta(folder)
    except CorpusError as exc:
        return [exc]
    out: list[CorpusError] = []
    for key in ("outlets", "events"):
        try:
            table(meta, key, path=where)
        except CorpusError as exc:
            out.append(exc)
    try:
        codebook_path(folder, meta)
    except CorpusError as exc:
        out.append(exc)
    if recommended:
        if not (Path(folder) / META_FILE).is_file():
            out.append(
                CorpusError(
                    "no corpus.yml (name, description, licence, provenance)", path=where
                )
            )
        else:
            for key in RECOMMENDED_META:
                if not meta.get(key):
                    out.append(
                        CorpusError(
                            "recommended key is missing or empty", path=where, field=key
                        )
                    )
    return out


class TableCheck:
    """Checks an article's ``outlet`` and ``event_id`` against the corpus.yml tables."""

    def __init__(self, meta: dict, *, path: str | None = None):
        self.outlets = set(table(meta, "outlets", path=path))
        self.events = set(table(meta, "events", path=path))

    def check(self, art: Article, *, path: str | None, line: int | None) -> None:
        if self.outlets and art.outlet not in self.outlets:
            raise CorpusError(
                f"outlet {art.outlet!r} is not in the outlets table of "
                f"corpus.yml ({', '.join(sorted(self.outlets))})",
                path=path,
                line=line,
                field="outlet",
            )
        if self.events and art.event_id is not None and art.event_id not in self.events:
            raise CorpusError(
                f"event_id {art.event_id!r} is not in the events table of corpus.yml",
                path=path,
                line=line,
                field="event_id",
            )


def file_sha256(*paths: Path, names: bool = False, root: Path | None = None) -> str:
    """SHA-256 over the bytes of ``paths`` in the order given.

    With ``names=True`` each file contributes ``<relative name>\\0<bytes>\\0`` so that
    renaming a file changes the checksum (used for folders of many files).
    """
    h = hashlib.sha256()
    for p in paths:
        if names:
            h.update(
                str(p.relative_to(root) if root else p.name).encode("utf-8") + b"\0"
            )
        with open(p, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        if names:
            h.update(b"\0")
    return h.hexdigest()


def _checked(articles: Iterable[Article], meta: dict, where: str) -> Iterator[Article]:
    seen = DuplicateCheck()
    tables = TableCheck(meta, path=where)
    for n, art in enumerate(articles, start=1):
        if not isinstance(art, Article):
            raise CorpusError(
                f"expected an Article, got {type(art).__name__}", path=where, line=n
            )
        # The same rules as reading, so whatever is written loads again.
        checked = to_article(art.to_record(), path=where, line=n)
        seen.check(checked.doc_id, path=where, line=n)
        tables.check(checked, path=where, line=n)
        yield art


def write_corpus(
    articles: Iterable[Article],
    dest: str | Path,
    *,
    meta: dict,
    overwrite: bool = False,
    files: dict | None = None,
) -> Path:
    """Write a corpus folder (``corpus.yml`` + ``articles.jsonl``) atomically.

    Parameters
    ----------
    articles : iterable of Article
        Streamed: written one line at a time, never held in memory.
    dest : path
        The corpus folder to create. An existing non-empty folder is refused
        unless ``overwrite=True`` (then it is replaced as a whole, never mixed).
    meta : dict
        The ``corpus.yml`` content; ``name`` defaults to the folder name.
    files : dict, optional
        Extra files to copy in, ``{name in folder: source path}`` (e.g. a codebook).

    Returns
    -------
    Path of the written folder.

    Raises
    ------
    CorpusError
        ``dest`` exists and is not empty; an article breaks a rule (record number
        = its position in ``articles``); ``meta`` tables are malformed.

    Examples
    --------
    >>> import datetime, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()) / "tiny"
    >>> a = Article("d1", "ap", datetime.date(2020, 1, 2), "T", "Body.")
    >>> write_corpus([a], d, meta={"licence": "CC0-1.0"}).name
    'tiny'
    >>> sorted(p.name for p in d.iterdir())
    ['articles.jsonl', 'corpus.yml']
    """
    import yaml

    dest = Path(dest)
    if dest.exists():
        if not dest.is_dir():
            raise CorpusError("destination exists and is not a folder", path=str(dest))
        if any(dest.iterdir()) and not overwrite:
            raise CorpusError(
                "destination folder exists and is not empty; choose another "
                "name or pass overwrite=True",
                path=str(dest),
            )
    meta = {"name": dest.name, **dict(meta or {})}
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))
    try:
        where = str(dest / ARTICLE_FILES[0])
        with open(tmp / ARTICLE_FILES[0], "w", encoding="utf-8", newline="\n") as fh:
            for art in _checked(articles, meta, where):
                write_jsonl_line(fh, art)
        with open(tmp / META_FILE, "w", encoding="utf-8", newline="\n") as fh:
            yaml.safe_dump(meta, fh, sort_keys=False, allow_unicode=True, width=88)
        for name, src in (files or {}).items():
            shutil.copyfile(src, tmp / name)
        if dest.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
            os.rmdir(old)
            dest.rename(old)
            tmp.rename(dest)
            shutil.rmtree(old)
        else:
            tmp.rename(dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return dest
