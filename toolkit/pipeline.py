"""Run the extractors over a corpus, one document at a time, isolating failures.

:func:`run` tags each article once and hands the processed document to every
requested extractor. A document that fails in any stage becomes a row of the
``errors`` table (doc_id, stage, error type, message) and the run goes on: a
batch never stops on one bad document and never drops one silently.

>>> from types import SimpleNamespace as A
>>> import datetime
>>> arts = [A(doc_id="a", outlet="x", event_id="e", published=datetime.date(2020, 1, 1),
...           title="T", text="Officials said 3 civilians were killed.", url=None)]
>>> tables = run(arts, features=())
>>> tables.articles[["doc_id", "n_words", "n_sentences"]].values.tolist()
[['a', 6, 1]]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

import pandas as pd

from . import schema
from .errors import DocumentError

DEFAULT_FEATURES = ("attribution", "agency", "denials")


@dataclass
class FeatureTables:
    """The result of a run: articles, one table per feature, and the errors table."""

    articles: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    errors: pd.DataFrame = field(default_factory=lambda: schema.empty_frame("errors"))

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def with_articles(self, name: str) -> pd.DataFrame:
        """Feature table ``name`` joined with outlet, event and date from ``articles``."""
        return with_articles(self.tables[name], self.articles)


def with_articles(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Join outlet/event_id/published onto an instance table (by doc_id)."""
    meta = articles[["doc_id", "outlet", "event_id", "published"]]
    return table.merge(meta, on="doc_id", how="left")


def _article_row(art, doc) -> dict:
    published = getattr(art, "published", None)
    return {
        "doc_id": art.doc_id,
        "outlet": getattr(art, "outlet", None),
        "event_id": getattr(art, "event_id", None),
        "published": published.isoformat() if hasattr(published, "isoformat") else published,
        "title": getattr(art, "title", "") or "",
        "n_words": sum(1 for s in doc.sentences for t in s.tokens
                       if doc.text[t.start].isalnum()) if doc else 0,
        "n_sentences": len(doc.sentences) if doc else 0,
        "url": getattr(art, "url", None),
    }


def run(articles: Iterable, features: Sequence[str] = DEFAULT_FEATURES, *,
        codebook=None, cache=True) -> FeatureTables:
    """Process ``articles`` and run each extractor in ``features`` on every document.

    Parameters
    ----------
    articles : iterable of Article (or a Corpus)
    features : names from :data:`toolkit.features.REGISTRY`
    codebook : :class:`toolkit.actors.Codebook` or None (spans stay unresolved)
    cache : bool or DocCache, passed to :func:`toolkit.text.process_article`

    Returns
    -------
    FeatureTables
        ``articles`` (schema.ARTICLES), ``tables[name]`` per feature, ``errors``.
    """
    from . import features as registry
    from .text import DocCache, _cache_enabled, process_article

    if cache is True:
        cache = DocCache() if _cache_enabled() else None
    mods = {name: registry.get(name) for name in features}
    rows: dict[str, list[pd.DataFrame]] = {name: [] for name in features}
    art_rows, errors = [], []
    for art in articles:
        try:
            doc = process_article(art, cache=cache)
        except Exception as exc:  # one bad document never stops the run
            errors.append({"doc_id": art.doc_id, "stage": "text",
                           "error_type": type(exc).__name__, "message": str(exc)})
            art_rows.append(_article_row(art, None))
            continue
        art_rows.append(_article_row(art, doc))
        for name, mod in mods.items():
            try:
                rows[name].append(mod.extract([doc], codebook=codebook))
            except Exception as exc:
                stage = exc.stage if isinstance(exc, DocumentError) else name
                errors.append({"doc_id": art.doc_id, "stage": stage,
                               "error_type": type(exc).__name__, "message": str(exc)})
    articles_df = pd.DataFrame(art_rows, columns=list(schema.ARTICLES))
    tables = {}
    for name, mod in mods.items():
        frames = [f for f in rows[name] if len(f)]
        tables[name] = (pd.concat(frames, ignore_index=True) if frames
                        else pd.DataFrame(columns=list(mod.COLUMNS)))
    err_df = pd.DataFrame(errors, columns=list(schema.ERRORS))
    return FeatureTables(articles_df, tables, err_df)
