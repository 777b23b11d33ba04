"""Fake extractor ``number`` (digits), depending on no lexicon; see mbt_fake_features."""
from __future__ import annotations

import pandas as pd
from mbt_fake_features import COLUMNS, _rows

LEXICONS: tuple[str, ...] = ()


def extract(docs, *, codebook=None) -> pd.DataFrame:
    rows = [r for d in docs for r in _rows(d, lambda w: w[:1].isdigit())]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def json_rows(doc, *, codebook=None):
    for r in _rows(doc, lambda w: w[:1].isdigit()):
        yield {k: (sorted(v) if isinstance(v, frozenset) else v)
               for k, v in r.items() if k != "doc_id"}
