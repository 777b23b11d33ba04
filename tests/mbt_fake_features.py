"""Two tiny extractors with the feature contract, for the cache and engine tests.

They stand in for the real features (built in parallel by other helpers) so the
cache/engine tests check *caching and scheduling*, not linguistics. ``capital``
declares a dependency on the ``reporting_verbs`` lexicon, ``number`` on none.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import pandas as pd

from toolkit.errors import DocumentError

COLUMNS = ("doc_id", "segment", "paragraph", "sentence", "span", "span_text", "flags", "note")
LEXICONS = ("reporting_verbs",)


def _rows(doc, pred) -> Iterator[dict]:
    if "BOOM" in doc.text:
        raise DocumentError(doc.doc_id, "fake", "asked to fail")
    for seg, src, sents in doc.segments():
        for s in sents:
            spans = [[t.start, t.end] for t in s.tokens if pred(src[t.start:t.end])]
            if spans:
                yield {"doc_id": doc.doc_id, "segment": seg, "paragraph": s.paragraph,
                       "sentence": s.index, "span": spans,
                       "span_text": " ".join(src[a:b] for a, b in spans),
                       "flags": frozenset({"many"} if len(spans) > 2 else set()),
                       "note": None if len(spans) % 2 else "even"}


def iter_capital(doc, *, lexicon=None, codebook=None):
    return _rows(doc, lambda w: w[:1].isupper())


def extract(docs: Iterable, *, codebook=None) -> pd.DataFrame:
    rows = [r for d in docs for r in iter_capital(d)]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def json_rows(doc, *, codebook=None):
    for r in iter_capital(doc):
        yield {k: (sorted(v) if isinstance(v, frozenset) else v)
               for k, v in r.items() if k != "doc_id"}
