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

import gc
import importlib
from collections import deque
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

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
    stats: dict = field(default_factory=dict)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def with_articles(self, name: str) -> pd.DataFrame:
        """Feature table ``name`` joined with outlet, event and date from ``articles``."""
        return with_articles(self.tables[name], self.articles)


def with_articles(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Join outlet/event_id/published onto an instance table (by doc_id)."""
    meta = articles[["doc_id", "outlet", "event_id", "published"]]
    return table.merge(meta, on="doc_id", how="left")


def _article_row(art, doc, stats: dict | None = None) -> dict:
    published = getattr(art, "published", None)
    return {
        "doc_id": art.doc_id,
        "outlet": getattr(art, "outlet", None),
        "event_id": getattr(art, "event_id", None),
        "published": published.isoformat() if hasattr(published, "isoformat") else published,
        "title": getattr(art, "title", "") or "",
        "n_words": stats["n_words"] if stats else sum(
            1 for s in doc.sentences for t in s.tokens if doc.text[t.start].isalnum())
        if doc else 0,
        "n_sentences": stats["n_sentences"] if stats else len(doc.sentences) if doc else 0,
        "url": getattr(art, "url", None),
    }


def _attribution_api():
    from .features import attribution as m

    def rows(doc, codebook=None):
        return [a.as_dict() for a in m.iter_attributions(doc, codebook=codebook)]

    def frame(rows):
        if not rows:
            return pd.DataFrame({c: pd.Series(dtype="object") for c in m.COLUMNS})
        return pd.DataFrame(rows, columns=list(m.COLUMNS))
    return rows, frame


def _passive_api():
    from .features import passive as m

    def rows(doc, codebook=None):
        return [m._row(p) for p in m.iter_passive(doc)]

    def frame(rows):
        return pd.DataFrame(rows, columns=list(m.COLUMNS))
    return rows, frame


#: Row/frame pairs for extractors that do not define ``table_rows``/``frame``
#: themselves; each restates that module's ``extract`` (tests/test_pipeline.py
#: checks they give the same table as ``extract`` on the demo corpus).
_ADAPTERS = {"toolkit.features.attribution": _attribution_api,
             "toolkit.features.passive": _passive_api}


def table_api(mod) -> tuple | None:
    """``(rows, frame)`` of a feature module, or None when it only has ``extract``.

    ``rows(doc, codebook=None)`` gives one document's rows as dicts and
    ``frame(rows)`` the table of any list of such rows, so that
    ``frame(rows(d1) + rows(d2))`` is ``extract([d1, d2])``. Modules declare
    them as ``table_rows`` and ``frame``; attribution and passive go through
    :data:`_ADAPTERS`.

    >>> from toolkit.features import agency
    >>> rows, frame = table_api(agency)
    >>> from toolkit.text import process
    >>> frame(rows(process("Jets struck the hospital.", doc_id="a")))["trigger_text"].tolist()
    ['struck']
    """
    rows, frame = getattr(mod, "table_rows", None), getattr(mod, "frame", None)
    if callable(rows) and callable(frame):
        return (lambda doc, codebook=None: rows(doc, codebook=codebook)), frame
    adapter = _ADAPTERS.get(getattr(mod, "__name__", ""))
    return adapter() if adapter is not None else None


def _run_one(task, codebook, cache, modules: dict | None = None
             ) -> tuple[dict | None, dict, list, bool]:
    """Process one article and run the extractors named in ``task = (art, names, need)``.

    ``modules`` maps feature names to module paths (resolved by the caller, so
    worker processes use the same registry as the parent). With no names and
    ``need`` False (everything came from the feature cache) nothing is done.

    Returns ``(article row or None, {feature: rows}, error rows, tagged)``, where
    a feature's rows are a list of dicts when the module has a :func:`table_api`
    (the caller builds one table per batch) and its ``extract([doc])`` table
    otherwise.
    """
    from . import features as registry
    from .text import process_article

    art, names, need = task
    if not names and not need:
        return None, {}, [], False
    errors: list[dict] = []
    out: dict[str, list | pd.DataFrame] = {}
    try:
        doc = process_article(art, cache=cache)
    except Exception as exc:  # one bad document never stops the run
        errors.append({"doc_id": art.doc_id, "stage": "text",
                       "error_type": type(exc).__name__, "message": str(exc)})
        return _article_row(art, None), {}, errors, True
    for name in names:
        try:
            mod = (importlib.import_module(modules[name]) if modules
                   else registry.get(name))
            api = _api(mod)
            out[name] = (api[0](doc, codebook=codebook) if api is not None
                         else mod.extract([doc], codebook=codebook))
        except Exception as exc:
            stage = exc.stage if isinstance(exc, DocumentError) else name
            errors.append({"doc_id": art.doc_id, "stage": stage,
                           "error_type": type(exc).__name__, "message": str(exc)})
    return _article_row(art, doc), out, errors, True


@contextmanager
def _gc_frozen():
    """Leave the objects that exist now (tagger weights, lexicons, caches: half a
    million of them once the models are loaded) out of garbage collection until
    the block ends.

    Python's full collections walk every tracked object; during a run they would
    re-walk the models again and again for nothing (about 0.3 s per 1,000
    articles here). :func:`gc.freeze` moves the existing objects to a permanent
    generation and :func:`gc.unfreeze` gives them back: objects created during
    the run are collected as usual, nothing is lost, and the output does not
    change.
    """
    if gc.get_freeze_count():   # the caller manages freezing itself: leave it alone
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


_API_CACHE: dict[int, tuple] = {}


def _api(mod):
    key = id(mod)
    hit = _API_CACHE.get(key)
    if hit is None or hit[0] is not mod:
        hit = _API_CACHE[key] = (mod, table_api(mod))
    return hit[1]


class _TableBuilder:
    """One feature's table from many documents' rows, built with few DataFrames.

    The table equals ``pd.concat`` of the per-document tables ``frame(rows)``
    (what the pipeline used to build, one DataFrame per document and feature,
    1-2 ms each). pandas infers a column's dtype from the Python types of its
    values, so documents whose columns hold the same *sets of types* give
    per-document tables of the same dtypes: their rows are built together as
    one table per type signature, the pieces concatenated, and the rows put
    back in document order. A piece whose construction fails falls back to one
    table per document, so a document pandas cannot take is isolated.
    """

    def __init__(self, name: str, columns, frame=None):
        self.name, self.columns, self.frame = name, tuple(columns), frame
        self.groups: dict[tuple, tuple[list, list, list]] = {}
        self.pieces: list[tuple[pd.DataFrame, list[int]]] = []

    def add_rows(self, seq: int, doc_id, rows: list) -> None:
        if not rows:
            return
        sig = tuple(frozenset(map(type, [r[c] for r in rows])) for c in self.columns)
        g = self.groups.get(sig)
        if g is None:
            g = self.groups[sig] = ([], [], [])
        g[0].extend(rows)
        g[1].extend([seq] * len(rows))
        g[2].append((seq, doc_id, len(rows)))

    def add_frame(self, seq: int, df: pd.DataFrame) -> None:
        if len(df):
            self.pieces.append((df, [seq] * len(df)))

    def build(self, errors: list) -> pd.DataFrame:
        for rows, seqs, docs in self.groups.values():
            try:
                self.pieces.append((self.frame(rows), seqs))
            except Exception:  # noqa: BLE001 -- isolate the document pandas cannot take
                at = 0
                for seq, doc_id, n in docs:
                    try:
                        self.pieces.append((self.frame(rows[at:at + n]), [seq] * n))
                    except Exception as exc:  # noqa: BLE001
                        errors.append((seq, {"doc_id": doc_id, "stage": self.name,
                                             "error_type": type(exc).__name__,
                                             "message": str(exc)}))
                    at += n
        self.groups = {}
        if not self.pieces:
            return pd.DataFrame(columns=list(self.columns))
        if len(self.pieces) == 1:
            return pd.concat([self.pieces[0][0]], ignore_index=True)
        import numpy as np

        frames = [f for f, _ in self.pieces]
        keys = np.fromiter((k for _, ks in self.pieces for k in ks), dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        out = pd.concat(frames, ignore_index=True)
        if (order != np.arange(len(order))).any():
            out = out.take(order).reset_index(drop=True)
        return out


def run(articles: Iterable, features: Sequence[str] = DEFAULT_FEATURES, *,
        codebook=None, cache=True, jobs: int = 1, feature_cache=None,
        chunksize: int = 16) -> FeatureTables:
    """Process ``articles`` and run each extractor in ``features`` on every document.

    Parameters
    ----------
    articles : iterable of Article (or a Corpus)
    features : names from :data:`toolkit.features.REGISTRY`
    codebook : :class:`toolkit.actors.Codebook` or None (spans stay unresolved)
    cache : bool or DocCache, passed to :func:`toolkit.text.process_article`
    jobs : int, default 1
        Worker processes (:func:`toolkit.engine.map_ordered`). Results are the
        same for any ``jobs``: rows stay in document order, then extractor order.
    feature_cache : None, True, path or :class:`toolkit.featurecache.FeatureCache`
        Reuse per-document feature tables from disk; only documents (or
        features) not cached under the current extractor, lexicon and codebook
        versions are processed. ``True`` uses ``$MBT_CACHE_DIR``.
    chunksize : int
        Articles per task when ``jobs > 1``.

    Returns
    -------
    FeatureTables
        ``articles`` (schema.ARTICLES), ``tables[name]`` per feature, ``errors``;
        ``stats`` counts documents, those actually tagged, and cache hits.
    """
    from . import features as registry
    from .text import DocCache, _cache_enabled

    if cache is True:
        cache = DocCache() if _cache_enabled() else None
    if "all" in features:  # the pseudo-feature: every registered extractor
        from .features.all import names as _all_names

        features = tuple(dict.fromkeys(
            n for f in features for n in (_all_names() if f == "all" else [f])))
    session = None
    if feature_cache is not None and feature_cache is not False:
        from .featurecache import FeatureCache, doc_key, feature_fingerprint

        if not isinstance(feature_cache, FeatureCache):
            feature_cache = FeatureCache(None if feature_cache is True else feature_cache)
        session = feature_cache.session(
            {name: feature_fingerprint(name, codebook) for name in features})
    mods = {name: registry.get(name) for name in features}
    paths = {name: mod.__name__ for name, mod in mods.items()}
    builders = {}
    for name, mod in mods.items():
        api = _api(mod)
        builders[name] = _TableBuilder(name, mod.COLUMNS, api[1] if api else None)
    art_rows, errors = [], []   # errors: (document number, row), sorted at the end
    n_tagged = 0
    hits: dict[str, int] = {}
    names = tuple(features)
    lookups: deque = deque()  # (article, key, cached frames, stats), in input order

    def tasks():
        for art in articles:
            key, cached, stats = None, {}, None
            if session is not None:
                try:
                    key = doc_key(art.doc_id, art.text, getattr(art, "title", "") or "")
                except Exception:  # noqa: BLE001 -- e.g. text not a str: processing reports it
                    key = None
            if key is not None:
                stats = session.get_stats(key)
                for name in names:
                    b = builders[name]
                    got = (session.get_rows(name, key, b.columns) if b.frame is not None
                           else session.get(name, key))
                    if got is not None:
                        cached[name] = got
            lookups.append((art, key, cached, stats))
            yield art, tuple(n for n in names if n not in cached), stats is None

    with _gc_frozen():   # the models are long-lived: keep full collections off them
        if jobs and jobs > 1:
            from .engine import map_ordered

            results = map_ordered(_run_one, tasks(), jobs=jobs, chunksize=chunksize,
                                  args=(codebook, cache, paths))
        else:
            results = (_run_one(t, codebook, cache, paths) for t in tasks())
        for seq, (art_row, found, errs, tagged) in enumerate(results):
            art, key, cached, stats = lookups.popleft()
            if art_row is None:
                art_row = _article_row(art, None, stats)
            art_rows.append(art_row)
            errors.extend((seq, e) for e in errs)
            n_tagged += bool(tagged)
            for name in cached:
                hits[name] = hits.get(name, 0) + 1
            if key is not None and stats is None and \
                    not any(e["stage"] == "text" for e in errs):
                session.put_stats(key, {"n_words": int(art_row["n_words"]),
                                        "n_sentences": int(art_row["n_sentences"])})
            for name in names:
                b = builders[name]
                got = cached.get(name)
                if got is None:
                    if name not in found:
                        continue
                    got = found[name]
                    if key is not None:  # rows (or an extract-only module's table) per document
                        if isinstance(got, pd.DataFrame):
                            session.put(name, key, got)
                        else:
                            session.put_rows(name, key, got, b.columns)
                if isinstance(got, pd.DataFrame):
                    b.add_frame(seq, got)
                else:
                    b.add_rows(seq, art.doc_id, got)
        if session is not None:
            session.flush()
        articles_df = pd.DataFrame(art_rows, columns=list(schema.ARTICLES))
        tables = {name: builders[name].build(errors) for name in names}
    errors.sort(key=lambda e: e[0])
    err_df = pd.DataFrame([e for _, e in errors], columns=list(schema.ERRORS))
    stats = {"documents": len(art_rows), "tagged": n_tagged,
             "feature_cache_hits": hits}
    return FeatureTables(articles_df, tables, err_df, stats)
