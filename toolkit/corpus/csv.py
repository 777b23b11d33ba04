"""CSV articles: a header row with the article columns, one article per record.

Columns: ``doc_id, outlet, published, title, text`` are required in the header;
``event_id, url, byline`` are optional. Column order does not matter. An empty
cell in an optional column reads as null (CSV cannot tell "" from missing); an
empty cell in a required column is an error like any other. Other columns are
kept in ``annotations`` as strings. A quoted field may span several lines
(paragraph breaks inside ``text``); errors name the physical line where the
record starts.

Non-UTF-8 bytes are reported with their line and byte offset, and only the
record containing them is skipped in lenient mode (the file is decoded with
``surrogateescape`` so the CSV parser stays aligned, and any record containing
an undecodable byte is rejected, never repaired).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
>>> _ = p.write_text('doc_id,outlet,published,title,text\\n'
...                  'd1,ap,2019-08-21,T,"One.\\n\\nTwo."\\n')
>>> [(a.doc_id, a.text, line) for a, _, line in read_csv(p)]
[('d1', 'One.\\n\\nTwo.', 2)]
"""

from __future__ import annotations

import csv as _csv
from collections.abc import Iterator
from pathlib import Path

from ..errors import CorpusError
from .records import FIELDS, OPTIONAL, Article, to_article

#: Columns a CSV header must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("doc_id", "outlet", "published", "title", "text")


def read_csv(path: str | Path) -> Iterator[tuple[Article, str, int] | CorpusError]:
    """Yield ``(article, path, line)`` per good record, a CorpusError per bad one."""
    path = Path(path)
    where = str(path)
    bad_bytes: dict[
        int, tuple[int, int, bytes]
    ] = {}  # line -> (offset in line, in file, byte)

    def lines(fh) -> Iterator[str]:
        offset = 0
        for lineno, raw in enumerate(fh, start=1):
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                bad_bytes[lineno] = (
                    exc.start,
                    offset + exc.start,
                    raw[exc.start : exc.start + 1],
                )
                yield raw.decode("utf-8", "surrogateescape")
            offset += len(raw)

    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed by the with below)
    except OSError as exc:
        yield CorpusError(f"cannot read file: {exc.strerror or exc}", path=where)
        return
    with fh:
        reader = _csv.reader(lines(fh))
        try:
            header = next(reader)
        except StopIteration:
            yield CorpusError(
                "empty CSV file (expected a header row)", path=where, line=1
            )
            return
        except _csv.Error as exc:
            yield CorpusError(f"unreadable CSV header: {exc}", path=where, line=1)
            return
        if header and header[0].startswith("\ufeff"):
            header[0] = header[0][
                1:
            ]  # a byte-order mark is encoding, not a column name
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            yield CorpusError(
                f"CSV header lacks column(s) {', '.join(missing)}; found "
                f"{', '.join(header) or 'nothing'}",
                path=where,
                line=1,
                field=missing[0],
            )
            return
        dupes = sorted({c for c in header if header.count(c) > 1})
        if dupes:
            yield CorpusError(
                f"CSV header repeats column(s) {', '.join(dupes)}",
                path=where,
                line=1,
                field=dupes[0],
            )
            return
        prev_end = reader.line_num
        while True:
            start = prev_end + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except _csv.Error as exc:
                yield CorpusError(
                    f"unreadable CSV record: {exc}", path=where, line=start
                )
                return
            prev_end = reader.line_num
            bad = [ln for ln in range(start, prev_end + 1) if ln in bad_bytes]
            if bad:
                in_line, in_file, byte = bad_bytes[bad[0]]
                yield CorpusError(
                    f"invalid UTF-8 byte {byte!r} at byte {in_line} of line "
                    f"{bad[0]} (file byte offset {in_file}); re-encode the file "
                    "as UTF-8",
                    path=where,
                    line=bad[0],
                )
                continue
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line is not a record
            if len(row) != len(header):
                yield CorpusError(
                    f"record has {len(row)} fields, the header has {len(header)}",
                    path=where,
                    line=start,
                )
                continue
            rec: dict = dict(zip(header, row))
            for key in OPTIONAL:
                if rec.get(key) == "":
                    rec[key] = None
            others = {k: v for k, v in rec.items() if k not in FIELDS}
            rec = {k: v for k, v in rec.items() if k in FIELDS}
            try:
                art = to_article(rec, path=where, line=start)
            except CorpusError as exc:
                yield exc
                continue
            if others:
                art.annotations.update(others)
            yield art, where, start


def write_csv(articles, dest: str | Path) -> None:
    """Write articles as CSV, columns :data:`~toolkit.corpus.records.FIELDS`."""
    with open(dest, "w", encoding="utf-8", newline="") as fh:
        w = _csv.writer(fh)
        w.writerow(FIELDS)
        for a in articles:
            rec = a.to_record()
            w.writerow(["" if rec[k] is None else rec[k] for k in FIELDS])
