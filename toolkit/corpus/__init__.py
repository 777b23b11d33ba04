"""Load, validate, summarise and convert news corpora into :class:`Article` records.

Accepted sources (:func:`iter_articles` detects which from the path):

============================  ===================================================
source                        read by
============================  ===================================================
corpus folder                 ``corpus.yml`` + ``articles.jsonl`` (:mod:`.folder`)
``*.jsonl`` / ``*.jsonl.gz``  one JSON object per line (:mod:`.jsonl`), incl. the
                              shared data schema of ``../shared/data/*/*.jsonl.gz``
``*.csv``                     header row with the article columns (:mod:`.csv`)
BASIL release folder          ``articles/<year>/*.json`` (:mod:`.basil`)
folder of ``*.txt``           scraped "title / By / date / body" layout
single ``*.txt``              (:mod:`.scraped_txt`)
============================  ===================================================

Every record passes the same checks (:mod:`.records`); problems are
:class:`~toolkit.errors.CorpusError` naming file, line or record, and field.
``strict=True`` raises at the first problem; ``strict=False`` collects every
problem in a list and goes on, so no record disappears without a trace. Nothing
is repaired or normalised silently. The format is documented in
``docs/corpus-format.md``.

Examples
--------
>>> import datetime, tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()) / "tiny"
>>> arts = [Article("a1", "ap", datetime.date(2020, 1, 2), "T", "Rebels said so."),
...         Article("a2", "afp", datetime.date(2020, 1, 3), "U", "Two words",
...                 event_id="e1")]
>>> _ = write_corpus(arts, d, meta={"description": "two articles"})
>>> c = load_corpus(d)
>>> c.name, len(c), c.get("a2").event_id, list(c) == arts
('tiny', 2, 'e1', True)
>>> summarize(d)["outlets"], summarize(d)["tokens"]["total"]
({'afp': 1, 'ap': 1}, 5)
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..errors import CorpusError
from . import basil as _basil
from . import folder as _folder
from .csv import read_csv
from .jsonl import read_jsonl
from .records import Article, DuplicateCheck, find_html, parse_date, to_article
from .scraped_txt import iter_txt_folder, parse_scraped, read_txt

__all__ = [
    "Article",
    "Corpus",
    "CorpusError",
    "convert",
    "find_html",
    "iter_articles",
    "load_corpus",
    "parse_date",
    "parse_scraped",
    "source_kind",
    "summarize",
    "to_article",
    "validate",
    "write_corpus",
]

write_corpus = _folder.write_corpus

#: Source kinds :func:`source_kind` can return.
KINDS = ("folder", "jsonl", "csv", "basil", "txt_folder", "txt")


def source_kind(source: str | Path) -> str:
    """Which reader handles ``source`` (one of :data:`KINDS`); CorpusError if none.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for n in ("a.jsonl.gz", "b.csv", "c.txt"):
    ...     _ = (d / n).write_bytes(b"")
    >>> [source_kind(d / n) for n in ("a.jsonl.gz", "b.csv", "c.txt")], source_kind(d)
    (['jsonl', 'csv', 'txt'], 'txt_folder')
    >>> source_kind(d / "no.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.CorpusError: /.../no.csv: no such file
    """
    p = Path(source)
    name = p.name.lower()
    if p.is_dir():
        if _folder.is_corpus_folder(p):
            return "folder"
        if _basil.is_basil_release(p):
            return "basil"
        if any(p.glob("*.txt")):
            return "txt_folder"
        raise CorpusError(
            "folder has no corpus.yml/articles.jsonl, no BASIL articles/<year>/ "
            "and no .txt files",
            path=str(p),
        )
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        kind = "jsonl"
    elif name.endswith(".csv"):
        kind = "csv"
    elif name.endswith(".txt"):
        kind = "txt"
    else:
        raise CorpusError(
            "unknown source type: expected a corpus folder, .jsonl, .jsonl.gz, "
            ".csv, a BASIL release folder, a folder of .txt or a .txt file",
            path=str(p),
        )
    if not p.exists():
        raise CorpusError("no such file", path=str(p))
    return kind


def _items(source: Path, kind: str):
    """Raw items of a source: ``(article, path, line)`` tuples or CorpusErrors."""
    if kind == "folder":
        try:
            meta = _folder.read_meta(source)
            tables = _folder.TableCheck(meta, path=str(source / _folder.META_FILE))
        except CorpusError as exc:
            yield exc
            tables = None
        af = _folder.articles_file(source)
        reader = read_csv if af.name.endswith(".csv") else read_jsonl
        for item in reader(af):
            if tables is not None and not isinstance(item, CorpusError):
                try:
                    tables.check(item[0], path=item[1], line=item[2])
                except CorpusError as exc:
                    item = exc
            yield item
    elif kind == "jsonl":
        yield from read_jsonl(source)
    elif kind == "csv":
        yield from read_csv(source)
    elif kind == "basil":
        yield from _basil.read_basil(source)
    elif kind == "txt_folder":
        yield from iter_txt_folder(source)
    else:
        yield from read_txt(source)


def iter_articles(
    source: str | Path, *, strict: bool = True, problems: list | None = None
) -> Iterator[Article]:
    """Stream the articles of ``source``, checking every record.

    Parameters
    ----------
    source : path
        A corpus folder, ``.jsonl``, ``.jsonl.gz``, ``.csv``, a BASIL release
        folder, a folder of scraped ``.txt`` files or one ``.txt`` file.
    strict : bool, default True
        Raise :class:`~toolkit.errors.CorpusError` at the first bad record. With
        ``False``, append each problem to ``problems`` and go on with the next
        record (a warning is issued per problem if ``problems`` is None).
    problems : list, optional
        Receives the CorpusErrors in lenient mode.

    Yields
    ------
    Article, in file order. JSONL is read line by line, so memory does not
    grow with the corpus (only the set of doc_ids seen is kept, to report
    duplicates).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = p.write_text('{"doc_id": "d1", "outlet": "ap", "published": "2020-01-02", '
    ...                  '"title": "", "text": "<p>Hi</p>"}\\n')
    >>> found = []
    >>> list(iter_articles(p, strict=False, problems=found)), found[0].field
    ([], 'text')
    """

    def report(exc: CorpusError) -> None:
        if strict:
            raise exc
        if problems is None:
            warnings.warn(str(exc), stacklevel=3)
        else:
            problems.append(exc)

    try:
        kind = source_kind(source)
    except CorpusError as exc:
        report(exc)
        return
    seen = DuplicateCheck()
    for item in _items(Path(source), kind):
        if isinstance(item, CorpusError):
            report(item)
            continue
        art, path, line = item
        try:
            seen.check(art.doc_id, path=path, line=line)
        except CorpusError as exc:
            report(exc)
            continue
        yield art


def checksum(source: str | Path) -> str:
    """SHA-256 identifying a source's content, for provenance.

    - corpus folder: over the bytes of ``articles.jsonl`` then ``corpus.yml``;
    - a file: over its bytes;
    - a folder of ``.txt`` or a BASIL release: over each file's relative name
      and bytes, in sorted order.
    """
    p = Path(source)
    kind = source_kind(p)
    if kind == "folder":
        files = [
            f for f in (_folder.articles_file(p), p / _folder.META_FILE) if f.is_file()
        ]
        return _folder.file_sha256(*files)
    if kind == "txt_folder":
        return _folder.file_sha256(*sorted(p.glob("*.txt")), names=True, root=p)
    if kind == "basil":
        return _folder.file_sha256(*_basil.basil_files(p), names=True, root=p)
    return _folder.file_sha256(p)


def _default_name(p: Path) -> str:
    name = p.name
    for suffix in (".gz", ".jsonl", ".ndjson", ".csv", ".txt"):
        name = name.removesuffix(suffix)
    return name or p.resolve().name


class Corpus:
    """A loaded corpus: its articles (in file order), metadata and load problems.

    Attributes
    ----------
    name : str
        ``name`` from ``corpus.yml``, else the folder or file name.
    meta : dict
        ``corpus.yml`` ({} for other sources).
    path : Path
    articles : list of Article
    problems : list of CorpusError (empty after a strict load)
    checksum : str
        See :func:`checksum`.
    codebook_path : Path or None
        ``actors:`` from ``corpus.yml``, else ``actors.yml`` beside it if present.
    """

    def __init__(
        self,
        path: Path,
        articles: list[Article],
        *,
        meta: dict | None = None,
        problems: list | None = None,
        checksum: str = "",
        codebook_path: Path | None = None,
    ):
        self.path = Path(path)
        self.meta = meta or {}
        self.name = str(self.meta.get("name") or _default_name(self.path))
        self.articles = articles
        self.problems = problems or []
        self.checksum = checksum
        self.codebook_path = codebook_path
        self._index: dict[str, Article] | None = None

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def __repr__(self) -> str:
        return (
            f"Corpus(name={self.name!r}, articles={len(self.articles)}, "
            f"problems={len(self.problems)})"
        )

    def get(self, doc_id: str) -> Article:
        """The article with ``doc_id`` (KeyError naming the corpus if absent)."""
        if self._index is None:
            self._index = {a.doc_id: a for a in self.articles}
        try:
            return self._index[doc_id]
        except KeyError:
            raise KeyError(f"no article {doc_id!r} in corpus {self.name!r}") from None

    @property
    def outlets(self) -> dict[str, dict]:
        """The ``outlets:`` table of corpus.yml as ``{id: entry}`` ({} if none)."""
        return _folder.table(self.meta, "outlets")

    @property
    def events(self) -> dict[str, dict]:
        """The ``events:`` table of corpus.yml as ``{id: entry}`` ({} if none)."""
        return _folder.table(self.meta, "events")

    def articles_frame(self):
        """One row per article.

        Columns: ``doc_id, outlet, event_id, published, title, n_words, url``.

        ``published`` is a pandas datetime (midnight of the publication day);
        ``n_words`` counts whitespace-separated words of ``text``.
        """
        import pandas as pd

        cols = ["doc_id", "outlet", "event_id", "published", "title", "n_words", "url"]
        df = pd.DataFrame(
            [
                (
                    a.doc_id,
                    a.outlet,
                    a.event_id,
                    a.published,
                    a.title,
                    len(a.text.split()),
                    a.url,
                )
                for a in self.articles
            ],
            columns=cols,
        )
        df["published"] = pd.to_datetime(df["published"])
        df["n_words"] = df["n_words"].astype("int64")
        return df


def load_corpus(source: str | Path, *, strict: bool = True) -> Corpus:
    """Load every article of ``source`` into a :class:`Corpus`.

    With ``strict=False`` the problems are in ``corpus.problems`` and the good
    articles are loaded.
    """
    p = Path(source)
    problems: list[CorpusError] = []
    meta: dict = {}
    cb = None
    if p.is_dir() and _folder.is_corpus_folder(p):
        try:
            meta = _folder.read_meta(p)
            cb = _folder.codebook_path(p, meta)
        except CorpusError as exc:
            if strict:
                raise
            problems.append(exc)
    articles = list(iter_articles(p, strict=strict, problems=problems))
    try:
        digest = checksum(p)
    except CorpusError:
        digest = ""
    # read_meta problems also surface through iter_articles; report each once
    seen: set[str] = set()
    problems = [e for e in problems if not (str(e) in seen or seen.add(str(e)))]
    return Corpus(
        p, articles, meta=meta, problems=problems, checksum=digest, codebook_path=cb
    )


def validate(source: str | Path) -> list[CorpusError]:
    """Every problem in ``source`` (lenient pass; an empty list means valid).

    For a corpus folder this includes ``corpus.yml`` problems and missing
    recommended keys (``name``, ``description``, ``licence``, ``provenance``).
    """
    problems: list[CorpusError] = []
    p = Path(source)
    if p.is_dir() and _folder.is_corpus_folder(p):
        problems.extend(_folder.meta_problems(p, recommended=True))
    for _ in iter_articles(p, strict=False, problems=problems):
        pass
    seen: set[str] = set()
    return [e for e in problems if not (str(e) in seen or seen.add(str(e)))]


def summarize(source: str | Path) -> dict:
    """A JSON-able overview of ``source``, computed in one streaming pass.

    Returns
    -------
    dict with ``name``, ``kind``, ``checksum``, ``articles`` (count), ``outlets``
    ({outlet: count}), ``events`` ({event_id: count}; articles without one are
    counted in ``articles_without_event``), ``dates`` ({min, max, by_month
    {"YYYY-MM": count}}), ``tokens`` ({total, by_outlet}; whitespace words of
    ``text``) and ``problems`` (messages, lenient mode).
    """
    p = Path(source)
    problems: list[CorpusError] = []
    meta: dict = {}
    if p.is_dir() and _folder.is_corpus_folder(p):
        problems.extend(_folder.meta_problems(p))
        try:
            meta = _folder.read_meta(p)
        except CorpusError:
            meta = {}
    n = 0
    outlets: Counter = Counter()
    events: Counter = Counter()
    months: Counter = Counter()
    tokens: Counter = Counter()
    no_event = 0
    first: _dt.date | None = None
    last: _dt.date | None = None
    for a in iter_articles(p, strict=False, problems=problems):
        n += 1
        outlets[a.outlet] += 1
        if a.event_id is None:
            no_event += 1
        else:
            events[a.event_id] += 1
        months[a.published.strftime("%Y-%m")] += 1
        tokens[a.outlet] += len(a.text.split())
        first = a.published if first is None or a.published < first else first
        last = a.published if last is None or a.published > last else last
    try:
        kind, digest = source_kind(p), checksum(p)
    except CorpusError:
        kind, digest = None, None
    seen: set[str] = set()
    msgs = [m for m in map(str, problems) if not (m in seen or seen.add(m))]
    return {
        "name": str(meta.get("name") or _default_name(p)),
        "kind": kind,
        "checksum": digest,
        "articles": n,
        "outlets": dict(sorted(outlets.items())),
        "events": dict(sorted(events.items())),
        "articles_without_event": no_event,
        "dates": {
            "min": first.isoformat() if first else None,
            "max": last.isoformat() if last else None,
            "by_month": dict(sorted(months.items())),
        },
        "tokens": {
            "total": sum(tokens.values()),
            "by_outlet": dict(sorted(tokens.items())),
        },
        "problems": msgs,
    }


def convert(
    source: str | Path,
    dest: str | Path,
    *,
    name: str | None = None,
    overwrite: bool = False,
    strict: bool = True,
    problems: list | None = None,
) -> Path:
    """Convert any accepted source into a corpus folder (corpus.yml + articles.jsonl).

    A corpus folder keeps its ``corpus.yml`` (``name`` replaced when given) and
    its codebook. Other sources get a ``corpus.yml`` named ``name`` (default: the
    destination folder's name) that records where they came from (path, format,
    checksum); fill in ``description`` and ``licence``. The
    write is atomic and refuses a non-empty ``dest`` unless ``overwrite=True``.
    With ``strict=False`` bad records are left out and listed in ``problems``.
    """
    src = Path(source)
    kind = source_kind(src)
    files: dict = {}
    if kind == "folder":
        meta = dict(_folder.read_meta(src))
        cb = _folder.codebook_path(src, meta)
        if cb is not None:
            files[cb.name] = cb
            if "actors" in meta:
                meta["actors"] = cb.name
    else:
        from .. import __version__

        meta = {
            "name": name or Path(dest).name,
            "description": f"Converted from {src.name} by media-bias-toolkit "
            f"{__version__}.",
            "licence": "unknown: see the licence of the source",
            "provenance": {"source": str(src), "format": kind, "sha256": checksum(src)},
        }
    if name:
        meta["name"] = name
    arts = iter_articles(src, strict=strict, problems=problems)
    return write_corpus(arts, dest, meta=meta, overwrite=overwrite, files=files)
