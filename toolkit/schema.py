"""Column contracts of every table the toolkit produces.

Instance tables (one row per detected instance) are declared by their feature
module's ``COLUMNS``; the tables declared here are the ones around them.
:func:`empty_frame` builds a table with all columns and no rows;
:func:`check_frame` asserts a table has exactly the declared columns in order,
and that every ``*_text`` column equals the slices of its span column.

>>> empty_frame("errors").columns.tolist()
['doc_id', 'stage', 'error_type', 'message']
"""
from __future__ import annotations

import pandas as pd

ARTICLES = ("doc_id", "outlet", "event_id", "published", "title", "n_words", "n_sentences",
            "url")
ERRORS = ("doc_id", "stage", "error_type", "message")
ESTIMATES = ("outlet", "event_id", "measure", "estimate", "ci_low", "ci_high", "n_articles",
             "n_instances", "small_n", "n_boot", "seed")

_TABLES = {"articles": ARTICLES, "errors": ERRORS, "estimates": ESTIMATES}


def columns(name: str) -> tuple[str, ...]:
    """Declared columns of table ``name`` (a table above, or a registered feature)."""
    if name in _TABLES:
        return _TABLES[name]
    from . import features

    return tuple(features.get(name).COLUMNS)


def empty_frame(name: str) -> pd.DataFrame:
    """A table with all of ``name``'s columns and no rows."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns(name)})


def check_frame(df: pd.DataFrame, name: str, texts: dict[str, str] | None = None) -> None:
    """Raise ``AssertionError`` unless ``df`` follows the contract of table ``name``.

    With ``texts`` (doc_id -> text; titles under ``(doc_id, "title")`` keys), every
    ``X_text`` column is checked against the slices of span column ``X``.
    """
    expected = list(columns(name))
    got = list(df.columns)
    assert got[: len(expected)] == expected, f"{name}: columns {got} != {expected}"
    if texts is None:
        return
    for col in expected:
        if not col.endswith("_text") or col[:-5] not in df.columns:
            continue
        span_col = col[:-5]
        for _, row in df.iterrows():
            key = (row["doc_id"], "title") if row.get("segment") == "title" else row["doc_id"]
            src = texts[key]
            spans = row[span_col] or []
            joined = " ".join(src[s:e] for s, e in spans)
            assert (row[col] or "") == joined, (
                f"{name}: {col} {row[col]!r} != slices {joined!r} in {row['doc_id']}")
