"""The :class:`Article` record and the checks every loader applies to a raw record.

Every format (corpus folder, JSONL, CSV, BASIL, scraped ``.txt``) is first turned
into a plain ``dict`` with the article fields, then passed through
:func:`to_article`, so one set of rules decides what a valid article is, and one
set of error messages reports what is wrong. Nothing is repaired: a value that
breaks a rule raises :class:`~toolkit.errors.CorpusError` naming the file, the
line (or record number) and the field.

Rules
-----
- ``doc_id``, ``outlet``, ``published``, ``text``: required, non-empty strings.
- ``title``: required string, may be empty (some sources have no headline).
- ``url``, ``event_id``, ``byline``: optional; a string or null.
- ``published``: ``YYYY-MM-DD`` or a full ISO 8601 date-time (the date part is
  kept, as the publication *day* is what event comparison needs).
- ``text`` and ``title`` must not contain HTML left over from scraping: tags such
  as ``<p>``, ``<br/>``, ``<script>`` or character references such as ``&nbsp;``,
  ``&amp;``, ``&#8217;``. Text features compute character offsets into ``text``, so
  markup would shift every span and leak into token counts.
- ``annotations``: optional JSON object, kept as is (dataset-specific gold).

>>> a = to_article({"doc_id": "d1", "outlet": "ap", "published": "2019-08-21T10:00:00Z",
...                 "title": "", "text": "Rebels said so."}, path="x.jsonl", line=1)
>>> a.published, a.url
(datetime.date(2019, 8, 21), None)
>>> to_article({"doc_id": "d1", "outlet": "ap", "published": "21/08/2019",
...             "title": "", "text": "x"}, path="x.jsonl", line=4)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
toolkit.errors.CorpusError: x.jsonl:4: field 'published': unparseable date '21/08/2019' ...
"""

from __future__ import annotations

import datetime as _dt
import html.entities
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import CorpusError

#: Fields of an article, in the order they are written.
FIELDS: tuple[str, ...] = (
    "doc_id",
    "outlet",
    "event_id",
    "published",
    "title",
    "text",
    "url",
    "byline",
)
#: Fields that must be present and non-empty.
REQUIRED: tuple[str, ...] = ("doc_id", "outlet", "published", "text")
#: Fields that may be null or absent.
OPTIONAL: tuple[str, ...] = ("event_id", "url", "byline")


@dataclass(frozen=True)
class Article:
    """One news article: metadata plus the plain text that offsets index.

    ``annotations`` carries dataset-specific extras (gold spans, the source's
    own labels); it does not take part in equality, so two loads of the same
    article compare equal whatever their annotations.

    >>> import datetime
    >>> a = Article("d1", "ap", datetime.date(2019, 8, 21), "Title", "Body.")
    >>> b = Article("d1", "ap", datetime.date(2019, 8, 21), "Title", "Body.",
    ...             annotations={"x": 1})
    >>> a.event_id is None, a == b
    (True, True)
    """

    doc_id: str
    outlet: str
    published: _dt.date
    title: str
    text: str
    url: str | None = None
    event_id: str | None = None
    byline: str | None = None
    annotations: dict = field(default_factory=dict, compare=False, repr=False)

    def to_record(self) -> dict:
        """The JSON-able dict written to ``articles.jsonl`` (in :data:`FIELDS` order).

        ``annotations`` is included only when non-empty.

        >>> import datetime
        >>> a = Article("d1", "ap", datetime.date(2019, 8, 21), "T", "B.")
        >>> a.to_record()["published"]
        '2019-08-21'
        """
        rec: dict[str, Any] = {
            "doc_id": self.doc_id,
            "outlet": self.outlet,
            "event_id": self.event_id,
            "published": self.published.isoformat(),
            "title": self.title,
            "text": self.text,
            "url": self.url,
            "byline": self.byline,
        }
        if self.annotations:
            rec["annotations"] = self.annotations
        return rec


# Tags: only real HTML element names, so "<Reuters>" or "a < b > c" do not trip it.
_HTML_TAGS = (
    "a|abbr|article|aside|b|blockquote|body|br|button|caption|center|cite|code|dd|div|dl|dt|"
    "em|embed|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|"
    "input|label|li|link|main|meta|nav|noscript|object|ol|option|p|picture|pre|q|s|script|"
    "section|select|small|source|span|strong|style|sub|sup|svg|table|tbody|td|textarea|tfoot|"
    "th|thead|time|title|tr|u|ul|video"
)
_TAG_RE = re.compile(r"</?(?:" + _HTML_TAGS + r")(?:\s[^<>]*)?/?>", re.IGNORECASE)
_ENTITY_RE = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|([A-Za-z][A-Za-z0-9]{1,31}));"
)
_KNOWN_ENTITIES = frozenset(html.entities.name2codepoint)


_SURROGATE = re.compile("[\ud800-\udfff]")


def find_html(text: str) -> tuple[int, str] | None:
    """The first HTML tag or character reference in ``text`` as ``(offset, match)``.

    Named references count only when HTML defines them, so "AT&T;" is not flagged.

    >>> find_html("Rebels<p>said"), find_html("a&nbsp;b"), find_html("AT&T; x < y > z")
    ((6, '<p>'), (1, '&nbsp;'), None)
    """
    found = []
    m = _TAG_RE.search(text)
    if m:
        found.append((m.start(), m.group()))
    for m in _ENTITY_RE.finditer(text):
        if m.group(1) is None or m.group(1) in _KNOWN_ENTITIES:
            found.append((m.start(), m.group()))
            break
    return min(found) if found else None


def parse_date(value: str) -> _dt.date:
    """A date from ``YYYY-MM-DD`` or an ISO 8601 date-time (the date part).

    >>> parse_date("2019-08-21"), parse_date("2019-08-21T23:10:00+03:00")
    (datetime.date(2019, 8, 21), datetime.date(2019, 8, 21))
    """
    s = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return _dt.date.fromisoformat(s)
    if re.match(r"\d{4}-\d{2}-\d{2}[T ]", s):
        return _dt.datetime.fromisoformat(
            s.replace("Z", "+00:00").replace("z", "+00:00")
        ).date()
    raise ValueError(s)


def _type_name(v: Any) -> str:
    return (
        "null"
        if v is None
        else {
            dict: "object",
            list: "array",
            bool: "boolean",
            int: "number",
            float: "number",
        }.get(type(v), type(v).__name__)
    )


def to_article(
    rec: dict, *, path: str | None, line: int | None, extra: str = "annotations"
) -> Article:
    """Check a raw record and build an :class:`Article`; raise the first problem found.

    Parameters
    ----------
    rec : dict
        Field name -> value as read from the source (strings, or JSON types).
    path, line : where the record came from, for the error message.
    extra : {"annotations", "ignore"}
        What to do with keys that are not article fields: keep them in
        ``annotations`` (the default; e.g. the shared schema's ``dataset``) or
        ignore them.

    Raises
    ------
    CorpusError
        Missing or empty required field, wrong type, unparseable date, HTML in
        ``text``/``title``.
    """

    def err(msg: str, fld: str) -> CorpusError:
        return CorpusError(msg, path=path, line=line, field=fld)

    for key in REQUIRED:
        if key not in rec or rec[key] is None:
            raise err("missing required field", key)
        if not isinstance(rec[key], str):
            raise err(
                f"expected a string, got {_type_name(rec[key])} {rec[key]!r}", key
            )
        if not rec[key].strip():
            raise err("required field is empty", key)
    if "title" not in rec or rec["title"] is None:
        raise err('missing field (use "" for an article without a headline)', "title")
    if not isinstance(rec["title"], str):
        raise err(
            f"expected a string, got {_type_name(rec['title'])} {rec['title']!r}",
            "title",
        )
    for key in OPTIONAL:
        v = rec.get(key)
        if v is not None and not isinstance(v, str):
            raise err(f"expected a string or null, got {_type_name(v)} {v!r}", key)
    try:
        published = parse_date(rec["published"])
    except ValueError:
        raise err(
            f"unparseable date {rec['published']!r} (use YYYY-MM-DD or an ISO 8601 "
            "date-time)",
            "published",
        ) from None
    for key in ("doc_id", "outlet", "text", "title"):
        bad = _SURROGATE.search(rec[key])
        if bad:
            raise err(
                f"lone surrogate U+{ord(bad.group()):04X} at character {bad.start()} is not "
                "Unicode text (a broken \\u escape in the source?)",
                key,
            )
    for key in ("text", "title"):
        hit = find_html(rec[key])
        if hit:
            raise err(
                f"HTML left in {key} at character {hit[0]}: {hit[1]!r} (strip markup "
                "before loading; offsets index the stored text)",
                key,
            )
    ann = rec.get("annotations")
    if ann is None:
        ann = {}
    elif not isinstance(ann, dict):
        raise err(f"expected a JSON object, got {_type_name(ann)}", "annotations")
    if extra == "annotations":
        others = {
            k: v for k, v in rec.items() if k not in FIELDS and k != "annotations"
        }
        if others:
            ann = {**others, **ann}
    return Article(
        doc_id=rec["doc_id"],
        outlet=rec["outlet"],
        published=published,
        title=rec["title"],
        text=rec["text"],
        url=rec.get("url"),
        event_id=rec.get("event_id"),
        byline=rec.get("byline"),
        annotations=ann,
    )


class DuplicateCheck:
    """Remembers where each ``doc_id`` was first seen (ids and places, not articles).

    >>> seen = DuplicateCheck()
    >>> seen.check("d1", path="a.jsonl", line=1)
    >>> seen.check("d1", path="a.jsonl", line=7)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    toolkit.errors.CorpusError: a.jsonl:7: field 'doc_id': duplicate ... (first at a.jsonl:1)
    """

    def __init__(self) -> None:
        # (path, line) tuples share the path string: memory per id stays small
        self._seen: dict[str, tuple[str | None, int | None]] = {}

    def check(self, doc_id: str, *, path: str | None, line: int | None) -> None:
        first = self._seen.get(doc_id)
        if first is not None:
            where = (first[0] or "<input>") + (
                f":{first[1]}" if first[1] is not None else ""
            )
            raise CorpusError(
                f"duplicate doc_id {doc_id!r} (first at {where})",
                path=path,
                line=line,
                field="doc_id",
            )
        self._seen[doc_id] = (path, line)
