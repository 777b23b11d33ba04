"""Scraped articles saved as ``.txt`` in the common "title / By / date / body" layout.

The layout (the seed article ``../shared/seeds/000_*.txt`` is an example)::

    Tens of Thousands Flee Russian-Led Attack on Syrian Opposition Enclave

    By Reuters

    August 21, 2019

    Anas Alkharboutli / dpa / TASS          <- photo credit (dropped)

    Ten of thousands of people have fled ...

    Related article: Why a Military ...     <- promo line (dropped)

    "The flow of cars ..."

    Original url:

    https://www.themoscowtimes.com/2019/08/21/...

Parsing rules (each one is what makes ``text`` reproducible byte for byte):

1. Blank lines are ignored for structure. The first non-blank line is the
   **title**; the next must be ``By <outlet>`` (the **outlet** is the rest of
   the line, e.g. ``Reuters``); the next is the **date** (``August 21, 2019``,
   ``Aug. 21, 2019``, ``21 August 2019`` or ``2019-08-21``).
2. A **photo credit** is the first line after the date when it is short (at
   most 10 words and 80 characters), has no sentence-final punctuation, and
   looks like a credit: it contains ``/`` or ``©``, or a word such as *photo*,
   *Getty*, *AP*, *AFP*, *Reuters*, *TASS*, *EPA*. It is dropped from ``text``
   and kept in ``annotations["photo_credit"]``.
3. **Promo lines** starting ``Related article:`` (or ``Related articles:``)
   are dropped from ``text`` and kept, in order, in
   ``annotations["related_articles"]``.
4. ``Original url:`` ends the body; the **URL** is the rest of that line or
   the next non-blank line.
5. Every other non-blank line, stripped of surrounding whitespace, is one
   body **paragraph**; ``text`` is the paragraphs joined by ``"\\n\\n"``. Short
   subheadings ("Mercenaries") stay in the body as paragraphs.

``doc_id`` is the file stem; ``event_id`` and ``byline`` are null. Nothing else
is changed: no quote straightening, no whitespace folding inside a line.

>>> raw = ("T\\n\\nBy AP\\n\\nMay 2, 2020\\n\\nJane Doe / AP\\n\\nOne.\\n\\n"
...        "Related article: X\\n\\nTwo.\\n\\nOriginal url:\\n\\nhttps://e.org/a")
>>> art = parse_scraped(raw, doc_id="a1")
>>> art.outlet, art.published, art.text, art.url
('AP', datetime.date(2020, 5, 2), 'One.\\n\\nTwo.', 'https://e.org/a')
>>> art.annotations["photo_credit"], art.annotations["related_articles"]
('Jane Doe / AP', ['Related article: X'])
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import CorpusError
from .records import Article, find_html, to_article

_BY_RE = re.compile(r"^By\s+(\S.*)$")
_RELATED_RE = re.compile(r"^Related articles?\s*:", re.IGNORECASE)
_URL_RE = re.compile(r"^Original url\s*:\s*(.*)$", re.IGNORECASE)
_CREDIT_WORDS = re.compile(
    r"(?:/|©|\(c\)|\b(?:photo|photos|image|images|getty|credit|courtesy|afp|ap|epa|reuters|"
    r"tass|dpa|sputnik|ria|anadolu|xinhua|shutterstock|pool|handout)\b)",
    re.IGNORECASE,
)
_DATE_FORMATS = (
    "%B %d, %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y-%m-%d",
    "%B %d %Y",
)


def parse_date_line(line: str) -> _dt.date:
    """A date from a scraped date line.

    >>> parse_date_line("August 21, 2019"), parse_date_line("Sept. 3, 2019")
    (datetime.date(2019, 8, 21), datetime.date(2019, 9, 3))
    """
    s = re.sub(r"\s+", " ", line.strip())
    s = re.sub(
        r"^Sept\.?\s", "Sep. ", s
    )  # AP style "Sept." is not a strptime abbreviation
    for fmt in _DATE_FORMATS:
        try:
            return _dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise ValueError(line)


def is_photo_credit(line: str) -> bool:
    """Whether a line right after the date is a photo credit (see rule 2).

    >>> is_photo_credit("Anas Alkharboutli / dpa / TASS")
    True
    >>> is_photo_credit("Rebels fled.")
    False
    """
    s = line.strip()
    return (
        len(s) <= 80
        and len(s.split()) <= 10
        and not re.search(r"[.!?:\"”’]$", s)
        and bool(_CREDIT_WORDS.search(s))
    )


def parse_scraped(text: str, *, doc_id: str, path: str | None = None) -> Article:
    """Parse one decoded scraped article; raise CorpusError naming the line."""
    lines = [(i, ln.strip()) for i, ln in enumerate(text.splitlines(), start=1)]
    nonblank = [(i, ln) for i, ln in lines if ln]

    def err(msg: str, line: int | None, fld: str) -> CorpusError:
        return CorpusError(msg, path=path, line=line, field=fld)

    if not nonblank:
        raise err(
            "empty file (expected title, 'By <outlet>', date, body)", None, "title"
        )
    if len(nonblank) < 3:
        raise err(
            "too short for the layout (title, 'By <outlet>', date, body)",
            nonblank[-1][0],
            "text",
        )
    (_, title), (by_no, by_line), (date_no, date_line) = nonblank[:3]
    m = _BY_RE.match(by_line)
    if not m:
        raise err(
            f"expected 'By <outlet>' on the second non-blank line, got {by_line!r}",
            by_no,
            "outlet",
        )
    outlet = m.group(1).strip()
    try:
        published = parse_date_line(date_line)
    except ValueError:
        raise err(
            f"unparseable date line {date_line!r} (expected e.g. 'August 21, 2019')",
            date_no,
            "published",
        ) from None
    body = nonblank[3:]
    ann: dict = {"layout": "scraped_txt"}
    if body and is_photo_credit(body[0][1]):
        ann["photo_credit"] = body[0][1]
        body = body[1:]
    paragraphs: list[str] = []
    related: list[str] = []
    url = None
    for k, (i, ln) in enumerate(body):
        um = _URL_RE.match(ln)
        if um:
            url = um.group(1).strip() or (body[k + 1][1] if k + 1 < len(body) else None)
            if not url:
                raise err("'Original url:' is not followed by a URL", i, "url")
            break
        if _RELATED_RE.match(ln):
            related.append(ln)
        else:
            hit = find_html(ln)
            if hit:  # caught by to_article too, but here the file line is known
                raise err(
                    f"HTML left in text: {hit[1]!r} (strip markup before loading)",
                    i,
                    "text",
                )
            paragraphs.append(ln)
    if related:
        ann["related_articles"] = related
    rec = {
        "doc_id": doc_id,
        "outlet": outlet,
        "published": published.isoformat(),
        "title": title,
        "text": "\n\n".join(paragraphs),
        "url": url,
    }
    if not paragraphs:
        raise err("no body text after the date line", date_no, "text")
    art = to_article(rec, path=path, line=None)
    art.annotations.update(ann)
    return art


def read_txt(
    path: str | Path,
) -> Iterator[tuple[Article, str, int | None] | CorpusError]:
    """Yield the one article of a scraped ``.txt`` file, or the CorpusError it raises.

    Bytes that are not UTF-8 are reported with their line and byte offset; a
    leading byte-order mark is ignored.
    """
    path = Path(path)
    where = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield CorpusError(f"cannot read file: {exc.strerror or exc}", path=where)
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        yield CorpusError(
            f"invalid UTF-8 byte {raw[exc.start : exc.start + 1]!r} at byte "
            f"{exc.start - line_start} of the line (file byte offset "
            f"{exc.start}); re-encode the file as UTF-8",
            path=where,
            line=line,
        )
        return
    try:
        yield parse_scraped(text, doc_id=path.stem, path=where), where, None
    except CorpusError as exc:
        yield exc


def iter_txt_folder(
    folder: str | Path,
) -> Iterator[tuple[Article, str, int | None] | CorpusError]:
    """Every ``*.txt`` directly in ``folder``, in file-name order."""
    for p in sorted(Path(folder).glob("*.txt")):
        if p.is_file():
            yield from read_txt(p)
