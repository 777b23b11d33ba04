"""JSON Lines articles: ``articles.jsonl``, any ``.jsonl``, and gzipped ``.jsonl.gz``.

One JSON object per line, UTF-8. The file is read **line by line** from bytes,
so a corpus larger than memory streams, and a problem is pinned to its line:

- bytes that are not UTF-8: the line number and the byte offset (within the line
  and within the file) of the first bad byte; only that line is lost in lenient
  mode;
- a line that is not valid JSON, or that ends before the object does (a
  truncated write): the line and column;
- a line that is JSON but not an object;
- a gzip stream that is cut off or corrupt: the line after the last good one
  (reading stops there).

Blank (whitespace-only) lines are not records and are skipped. The shared data
schema (``doc_id, outlet, event_id, published, title, text, url, dataset,
annotations``) is read as is: ``annotations`` stays on the Article and
``dataset`` is kept in ``annotations["dataset"]``.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
>>> _ = p.write_text('{"doc_id": "d1", "outlet": "ap", "published": "2019-08-21", '
...                  '"title": "T", "text": "Body."}\\n{"doc_id": "d2", "outl\\n')
>>> items = list(read_jsonl(p))
>>> items[0][0].doc_id, str(items[1]).endswith("before the JSON object is complete")
('d1', True)
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import CorpusError
from .records import Article, to_article


def _open(path: Path):
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def read_jsonl(path: str | Path) -> Iterator[tuple[Article, str, int] | CorpusError]:
    """Yield ``(article, path, line)`` for good records and a CorpusError for bad ones.

    A CorpusError that ends the file (unreadable, corrupt gzip) is yielded last.
    """
    path = Path(path)
    where = str(path)
    try:
        fh = _open(path)
    except OSError as exc:
        yield CorpusError(f"cannot read file: {exc.strerror or exc}", path=where)
        return
    lineno = 0
    offset = 0
    with fh:
        while True:
            try:
                raw = fh.readline()
            except (EOFError, OSError, zlib.error, gzip.BadGzipFile) as exc:
                yield CorpusError(
                    f"compressed stream is truncated or corrupt ({exc}); "
                    "records after this point were not read",
                    path=where,
                    line=lineno + 1,
                )
                return
            if not raw:
                return
            lineno += 1
            start, offset = offset, offset + len(raw)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield CorpusError(
                    f"invalid UTF-8 byte {raw[exc.start : exc.start + 1]!r} at "
                    f"byte {exc.start} of the line (file byte offset "
                    f"{start + exc.start}); re-encode the file as UTF-8",
                    path=where,
                    line=lineno,
                )
                continue
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                stripped = len(line.rstrip())
                if exc.pos >= stripped or exc.msg.startswith("Unterminated string"):
                    msg = (
                        f"truncated record: the line ends (column {stripped}) before "
                        "the JSON object is complete"
                    )
                else:
                    msg = f"invalid JSON at column {exc.colno}: {exc.msg}"
                yield CorpusError(msg, path=where, line=lineno)
                continue
            if not isinstance(rec, dict):
                yield CorpusError(
                    f"expected a JSON object per line, got {type(rec).__name__}",
                    path=where,
                    line=lineno,
                )
                continue
            try:
                yield to_article(rec, path=where, line=lineno), where, lineno
            except CorpusError as exc:
                yield exc


def write_jsonl_line(fh, article: Article) -> None:
    """Write one article as a JSON line (UTF-8, no ASCII escaping, ``\\n`` ending)."""
    fh.write(json.dumps(article.to_record(), ensure_ascii=False) + "\n")
