"""The BASIL release in its native layout: ``articles/<year>/<triplet-uuid>_<n>.json``.

BASIL (Fan et al., EMNLP 2019) ships one JSON file per article with ``title``,
``date``, ``url``, ``source``, ``triplet-uuid`` and ``body-paragraphs`` (a list of
paragraphs, each a list of sentences). The reader turns one file into one
Article exactly as the normalised ``basil.jsonl.gz`` of the shared data does:

- ``doc_id``: the file stem (``<triplet-uuid>_<n>``);
- ``outlet``: ``source`` lower-cased (``fox``, ``nyt``, ``hpo``; a few release
  files say ``FOX``/``NYT``/``HPO``);
- ``event_id``: ``triplet-uuid`` (the three outlets' articles on one event);
- ``published``: ``date``; ``title``, ``url`` as released;
- ``text``: sentences joined by one space within a paragraph, paragraphs by a
  blank line (``"\\n\\n"``). The title is not part of ``text``.

The other release keys (``main-event``, ``main-entities``, ``keywords``,
``word-count``, ``uuid``) are kept in ``annotations`` with ``-`` turned into
``_``. Annotation files (``annotations/``) are not read here: their offsets are
sentence-relative; use ``basil.jsonl.gz`` for gold spans.

References
----------
Fan, L., White, M., Sharma, E., Su, R., Choubey, P. K., Huang, R., & Wang, L. (2019).
In Plain Sight: Media Bias Through the Lens of Factual Reporting. EMNLP-IJCNLP.

>>> basil_text([["One.", "Two."], ["Three."]])
'One. Two.\\n\\nThree.'
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import CorpusError
from .records import Article, to_article

_KEEP = ("main-event", "main-entities", "keywords", "word-count", "uuid")


def is_basil_release(folder: str | Path) -> bool:
    """True if ``folder`` has ``articles/<year>/*.json`` (the native BASIL layout)."""
    arts = Path(folder) / "articles"
    return arts.is_dir() and any(
        p.is_dir() and p.name.isdigit() and any(p.glob("*.json"))
        for p in arts.iterdir()
    )


def basil_files(folder: str | Path) -> list[Path]:
    """The release's article files in year, then file-name order."""
    arts = Path(folder) / "articles"
    return sorted(p for p in arts.glob("*/*.json") if p.parent.name.isdigit())


def basil_text(paragraphs: list) -> str:
    """``body-paragraphs`` -> text: sentences joined by a space, paragraphs by ``\\n\\n``."""
    return "\n\n".join(" ".join(sentences) for sentences in paragraphs)


def _record(data: dict, stem: str, where: str) -> dict:
    paras = data.get("body-paragraphs")
    if not isinstance(paras, list) or not all(
        isinstance(p, list) and all(isinstance(s, str) for s in p) for p in paras
    ):
        raise CorpusError(
            "expected 'body-paragraphs' to be a list of lists of sentences",
            path=where,
            field="body-paragraphs",
        )
    source = data.get("source")
    rec = {
        "doc_id": stem,
        "outlet": source.lower() if isinstance(source, str) else source,
        "event_id": data.get("triplet-uuid"),
        "published": data.get("date"),
        "title": data.get("title"),
        "text": basil_text(paras),
        "url": data.get("url"),
    }
    ann = {k.replace("-", "_"): data[k] for k in _KEEP if k in data}
    ann["dataset"] = "basil"
    rec["annotations"] = ann
    return rec


def read_basil(folder: str | Path) -> Iterator[tuple[Article, str, None] | CorpusError]:
    """Yield ``(article, path, None)`` per release file, or the CorpusError raised."""
    for p in basil_files(folder):
        where = str(p)
        try:
            data = json.loads(p.read_bytes().decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield CorpusError(
                f"invalid UTF-8 at file byte offset {exc.start}", path=where
            )
            continue
        except json.JSONDecodeError as exc:
            yield CorpusError(
                f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}",
                path=where,
                line=exc.lineno,
            )
            continue
        except OSError as exc:
            yield CorpusError(f"cannot read file: {exc.strerror or exc}", path=where)
            continue
        if not isinstance(data, dict):
            yield CorpusError("expected a JSON object", path=where)
            continue
        try:
            rec = _record(data, p.stem, where)
            yield to_article(rec, path=where, line=None), where, None
        except CorpusError as exc:
            yield exc
