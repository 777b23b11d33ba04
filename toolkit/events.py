"""Events and wire copy: which articles report the same thing, and which are reprints.

Outlets can only be compared on the *same* events. A corpus usually names each
article's event (``event_id``); when it does not, :func:`group_events` proposes
a grouping from the text and returns tables a researcher can check before using
it, and :func:`apply_overrides` records the researcher's corrections.

Outlets also reprint agency copy (AP, Reuters, AFP) under their own name. A
reprinted wire report says nothing about the outlet's own framing, and counted
several times it makes outlets look alike. :func:`detect_wire_copy` finds
articles that share most of their text, and every comparison
(:func:`toolkit.compare.estimate`, :func:`toolkit.compare.permutation_test`,
:func:`toolkit.fingerprint.fingerprint`) can keep only the earliest article of
each wire group with ``exclude_wire=True``.

Both work on an articles table with text: a DataFrame with ``doc_id,
published, title, text`` (``outlet`` optional) or an iterable of
:class:`toolkit.corpus.Article`.

>>> import pandas as pd
>>> arts = pd.DataFrame({
...     "doc_id": ["a", "b", "c"], "published": ["2020-01-01", "2020-01-02", "2020-01-01"],
...     "title": ["Strike hits market in Korvan", "Korvan market strike kills 14",
...               "Floods close the Lindar bridge"],
...     "text": ["Jets hit the Korvan market.", "The Korvan market was hit by jets.",
...              "Floods closed the Lindar bridge."]})
>>> group_events(arts, threshold=0.2).assignment[["doc_id", "event_id"]].values.tolist()
[['a', 'auto-001'], ['b', 'auto-001'], ['c', 'auto-002']]
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import (
    CountVectorizer,
    TfidfTransformer,
    TfidfVectorizer,
)

_WORD = r"(?u)\b\w+\b"


# --------------------------------------------------------------------------- input


def as_frame(articles: Any) -> pd.DataFrame:
    """An articles table with ``doc_id, outlet, published (Timestamp), title, text``.

    Accepts a DataFrame or an iterable of records with those attributes.
    """
    if isinstance(articles, pd.DataFrame):
        df = articles.copy()
    else:
        rows = []
        for a in articles:
            rows.append({k: getattr(a, k, None) for k in
                         ("doc_id", "outlet", "event_id", "published", "title", "text")})
        df = pd.DataFrame(rows, columns=["doc_id", "outlet", "event_id", "published", "title",
                                         "text"])
    for col in ("title", "text"):
        if col not in df.columns:
            df[col] = ""
        df[col] = df[col].fillna("").astype(str)
    if "published" not in df.columns:
        df["published"] = pd.NaT
    df["published"] = pd.to_datetime(df["published"].astype("object"), errors="coerce")
    df["doc_id"] = df["doc_id"].astype(str)
    return df.reset_index(drop=True)


def lead(text: str, n_words: int = 80) -> str:
    """The first ``n_words`` words of ``text`` (the lede, in news writing).

    >>> lead("One two three. Four five.", 3)
    'One two three'
    """
    words = re.findall(r"\S+", text)[:n_words]
    return " ".join(words).rstrip(".,;:")


def _days_apart(dates: pd.Series, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
    d = dates.to_numpy(dtype="datetime64[ns]")
    diff = (d[ib] - d[ia]).astype("timedelta64[h]").astype(float) / 24.0
    return np.abs(diff)  # NaN where a date is missing


def _pairs_over(sim: csr_matrix, min_sim: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Upper-triangle pairs (i < j) of a similarity matrix with sim >= min_sim."""
    c = coo_matrix(sim)
    keep = (c.row < c.col) & (c.data >= min_sim)
    return c.row[keep], c.col[keep], c.data[keep]


# --------------------------------------------------------------------------- events


@dataclass
class EventGrouping:
    """The result of :func:`group_events`.

    Attributes
    ----------
    assignment : DataFrame
        ``doc_id, event_id, n_in_event, best_match, best_similarity, source``:
        one row per article; ``best_match`` is the most similar article of the
        same event (a low ``best_similarity`` marks a doubtful member);
        ``source`` is ``"auto"`` (or ``"override"`` after
        :func:`apply_overrides`).
    events : DataFrame
        ``event_id, n_articles, outlets, first, last, top_terms, titles``: one row
        per event, to read through.
    pairs : DataFrame
        ``doc_a, doc_b, similarity, days_apart, linked, same_event``: every
        pair with similarity >= half the threshold; ``linked`` when the pair
        itself passes threshold and window, ``same_event`` when the grouping
        put both in one event. Near misses and pairs cut by the date window
        can be checked here.
    params : dict
        The parameters used.
    """

    assignment: pd.DataFrame
    events: pd.DataFrame
    pairs: pd.DataFrame
    params: dict = field(default_factory=dict)


def group_events(articles: Any, *, threshold: float = 0.15, window_days: float = 3,
                 lead_words: int = 60, method: str = "average",
                 ngram_range: tuple[int, int] = (1, 1)) -> EventGrouping:
    """Group articles into events by the similarity of headline + lede.

    Parameters
    ----------
    articles : DataFrame or iterable of Article
        Needs ``doc_id, title, text``; ``published`` for the date window.
    threshold : float
        Minimum cosine similarity of two articles' TF-IDF vectors to link them.
    window_days : float
        Two articles more than this many days apart are never linked. An
        article without a date is not constrained by the window.
    lead_words : int
        Words of the body taken as the lede.
    ngram_range : (int, int)
        Word n-grams of the TF-IDF vectors (unigrams by default: outlets word
        the same event differently, so shared bigrams are rare).
    method : {"average", "components"}
        ``average`` (default): average-linkage agglomerative clustering with
        distance 1 - similarity (pairs outside the date window at distance 1),
        cut at 1 - threshold: an article joins an event when it is similar to
        its members *on average*. ``components``: events are the connected
        components of the link graph (single linkage: one chain of links joins
        two articles; sparse, for large corpora, but it chains across events
        when the date window does not separate them).

    Notes
    -----
    Headline and lede carry the who, what, where and when of a news report (the
    inverted pyramid), so they identify the event better than the full text,
    whose later paragraphs are background shared across events. Vectors are
    TF-IDF over words, English stop words removed, sublinear tf.
    """
    df = as_frame(articles)
    n = len(df)
    params = {"threshold": threshold, "window_days": window_days, "lead_words": lead_words,
              "method": method}
    if n == 0:
        empty = pd.DataFrame(columns=["doc_id", "event_id", "n_in_event", "best_match",
                                      "best_similarity", "source"])
        return EventGrouping(empty, pd.DataFrame(columns=["event_id", "n_articles", "outlets",
                                                          "first", "last", "top_terms",
                                                          "titles"]),
                             pd.DataFrame(columns=["doc_a", "doc_b", "similarity",
                                                   "days_apart", "linked", "same_event"]),
                             params)
    docs = (df["title"] + ". " + df["text"].map(lambda t: lead(t, lead_words))).tolist()
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=ngram_range,
                          token_pattern=_WORD)
    try:
        X = vec.fit_transform(docs)
    except ValueError:  # empty vocabulary: nothing to link
        X = csr_matrix((n, 1))
    sim = (X @ X.T).tocsr()
    ia, ib, s = _pairs_over(sim, threshold / 2.0)
    days = _days_apart(df["published"], ia, ib)
    in_window = ~(days > window_days)  # NaN dates: not constrained
    linked = (s >= threshold) & in_window
    if method == "components":
        graph = coo_matrix((np.ones(linked.sum()), (ia[linked], ib[linked])), shape=(n, n))
        _, labels = connected_components(graph, directed=False)
    elif method == "average":
        from sklearn.cluster import AgglomerativeClustering

        dense = np.ones((n, n))
        dense[ia[in_window], ib[in_window]] = 1.0 - s[in_window]
        dense[ib[in_window], ia[in_window]] = 1.0 - s[in_window]
        np.fill_diagonal(dense, 0.0)
        if n == 1:
            labels = np.zeros(1, dtype=int)
        else:
            labels = AgglomerativeClustering(
                n_clusters=None, metric="precomputed", linkage="average",
                distance_threshold=1.0 - threshold + 1e-9).fit_predict(dense)
    else:
        raise ValueError(f"method must be 'components' or 'average', not {method!r}")
    # stable ids: events ordered by first date, then smallest doc_id
    order = (pd.DataFrame({"label": labels, "published": df["published"], "doc_id": df["doc_id"]})
             .groupby("label").agg(first=("published", "min"), doc=("doc_id", "min"))
             .sort_values(["first", "doc"], na_position="last"))
    width = max(3, len(str(len(order))))
    names = {lab: f"auto-{k + 1:0{width}d}" for k, lab in enumerate(order.index)}
    event_ids = np.array([names[lab] for lab in labels], dtype=object)
    # best match inside the event
    best = np.full(n, -1)
    best_s = np.zeros(n)
    same = labels[ia] == labels[ib]
    for a, b, v in zip(ia[same], ib[same], s[same]):
        if v > best_s[a]:
            best[a], best_s[a] = b, v
        if v > best_s[b]:
            best[b], best_s[b] = a, v
    assignment = pd.DataFrame({
        "doc_id": df["doc_id"], "event_id": event_ids,
        "n_in_event": pd.Series(event_ids).map(pd.Series(event_ids).value_counts()).to_numpy(),
        "best_match": [df["doc_id"][k] if k >= 0 else None for k in best],
        "best_similarity": np.where(best >= 0, best_s, np.nan),
        "source": "auto",
    })
    pairs = pd.DataFrame({"doc_a": df["doc_id"].to_numpy()[ia],
                          "doc_b": df["doc_id"].to_numpy()[ib],
                          "similarity": s, "days_apart": days, "linked": linked,
                          "same_event": labels[ia] == labels[ib]})
    pairs = pairs.sort_values("similarity", ascending=False, ignore_index=True)
    events = _event_summary(df, event_ids, X, vec)
    return EventGrouping(assignment, events, pairs, params)


def _event_summary(df: pd.DataFrame, event_ids: np.ndarray, X, vec) -> pd.DataFrame:
    try:
        vocab = np.asarray(vec.get_feature_names_out())
    except (AttributeError, ValueError):  # not fitted: empty vocabulary
        vocab = np.array([])
    rows = []
    for ev in sorted(set(event_ids)):
        idx = np.flatnonzero(event_ids == ev)
        g = df.iloc[idx]
        terms = ""
        if len(vocab):
            weight = np.asarray(X[idx].sum(axis=0)).ravel()
            top = np.argsort(-weight, kind="stable")[:5]
            terms = ", ".join(vocab[top][weight[top] > 0])
        outlets = (", ".join(sorted(map(str, g["outlet"].dropna().unique())))
                   if "outlet" in g.columns else "")
        rows.append({"event_id": ev, "n_articles": len(idx), "outlets": outlets,
                     "first": g["published"].min(), "last": g["published"].max(),
                     "top_terms": terms, "titles": " | ".join(g["title"].tolist())})
    return pd.DataFrame(rows, columns=["event_id", "n_articles", "outlets", "first", "last",
                                       "top_terms", "titles"])


def apply_overrides(assignment: pd.DataFrame, overrides: Mapping[str, str] | str | Path
                    ) -> pd.DataFrame:
    """Set the event of some articles by hand (a researcher's corrections).

    Parameters
    ----------
    assignment : DataFrame
        ``doc_id, event_id`` (e.g. ``EventGrouping.assignment``).
    overrides : mapping or path
        ``doc_id -> event_id``, or a YAML file holding that mapping (optionally
        under a top-level ``overrides:`` key).

    Returns
    -------
    DataFrame
        A copy with those rows' ``event_id`` replaced and ``source ==
        "override"``.

    Raises
    ------
    KeyError
        An override names a doc_id that is not in the assignment (a typo would
        otherwise be silently ignored).

    >>> a = pd.DataFrame({"doc_id": ["a", "b"], "event_id": ["auto-001", "auto-001"]})
    >>> apply_overrides(a, {"b": "hospital"}).values.tolist()
    [['a', 'auto-001', 'auto'], ['b', 'hospital', 'override']]
    """
    if isinstance(overrides, (str, Path)):
        import yaml

        data = yaml.safe_load(Path(overrides).read_text(encoding="utf-8")) or {}
        if isinstance(data, dict) and isinstance(data.get("overrides"), dict):
            data = data["overrides"]
        if not isinstance(data, dict):
            raise TypeError(f"{overrides}: expected a mapping doc_id: event_id")
        overrides = data
    out = assignment.copy()
    out["doc_id"] = out["doc_id"].astype(str)
    if "source" not in out.columns:
        out["source"] = "auto"
    unknown = sorted(set(map(str, overrides)) - set(out["doc_id"]))
    if unknown:
        raise KeyError(f"overrides name unknown doc_ids: {unknown}")
    for doc_id, ev in overrides.items():
        hit = out["doc_id"] == str(doc_id)
        out.loc[hit, "event_id"] = str(ev)
        out.loc[hit, "source"] = "override"
    return out


def with_events(articles: pd.DataFrame, grouping: EventGrouping | None = None, *,
                overrides: Mapping[str, str] | str | Path | None = None,
                **group_kwargs) -> pd.DataFrame:
    """The articles table with every ``event_id`` filled.

    The corpus's own ``event_id`` wins where present; articles without one get
    the event proposed by ``grouping`` (computed with :func:`group_events` and
    ``group_kwargs`` when not given); ``overrides`` win over both. A column
    ``event_source`` says which (``corpus``, ``auto``, ``override``).

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "event_id": ["ev1", None],
    ...                      "title": ["x", "y"], "text": ["x", "y"]})
    >>> with_events(arts, overrides={"b": "ev1"})[["event_id", "event_source"]].values.tolist()
    [['ev1', 'corpus'], ['ev1', 'override']]
    """
    out = articles.copy()
    if "event_id" not in out.columns:
        out["event_id"] = None
    has = out["event_id"].notna() & (out["event_id"].astype(str).str.strip() != "")
    out["event_source"] = np.where(has, "corpus", "auto")
    missing = ~has
    if missing.any():
        if grouping is None:
            grouping = group_events(out, **group_kwargs)
        auto = grouping.assignment.set_index("doc_id")["event_id"]
        out.loc[missing, "event_id"] = out.loc[missing, "doc_id"].astype(str).map(auto)
    if overrides is not None:
        fixed = apply_overrides(out[["doc_id", "event_id"]], overrides)
        out["event_id"] = fixed["event_id"].to_numpy()
        out.loc[(fixed["source"] == "override").to_numpy(), "event_source"] = "override"
    return out


# --------------------------------------------------------------------------- wire copy


@dataclass
class WireCopy:
    """The result of :func:`detect_wire_copy`.

    Attributes
    ----------
    pairs : DataFrame
        ``doc_a, doc_b, similarity, containment, days_apart, origin, copy``: one
        row per flagged pair; ``origin`` is the earlier article (ties: the
        smaller doc_id), ``copy`` the other.
    groups : DataFrame
        ``doc_id, wire_group, is_origin, group_size``: one row per article;
        ``wire_group`` is the doc_id of the group's origin (an article that
        copies nothing is its own group of size 1).
    params : dict
    """

    pairs: pd.DataFrame
    groups: pd.DataFrame
    params: dict = field(default_factory=dict)


def detect_wire_copy(articles: Any, *, threshold: float = 0.8, containment: float = 0.5,
                     shingle: int = 5) -> WireCopy:
    """Flag articles that reprint the same report or share most of their text.

    Parameters
    ----------
    articles : DataFrame or iterable of Article
        Needs ``doc_id, text``; ``published`` decides the origin.
    threshold : float
        Flag a pair whose cosine similarity is at least this: TF-IDF-weighted
        vectors of the ``shingle``-word sequences of title and text, so only
        shared passages, not shared vocabulary, make two articles similar.
    containment : float
        Also flag a pair when at least this share of the shorter article's
        ``shingle``-word sequences occurs in the other (a copy trimmed, or
        rewritten around the wire report's sentences: the cosine drops, the
        containment does not). The default 0.5 reads "most of the shorter
        article's text is in the other": on FA-KES, pairs from 0.41 up to 0.98
        were, on inspection, rewrites of the same agency report, while
        the most similar reports of the same event by different outlets in
        BASIL and SEESAW (shared quotations) reach 0.34 and 0.42.
    shingle : int
        Length of the word sequences (shingles) compared.

    Notes
    -----
    Only pairs that share at least one shingle are compared, so the cost grows
    with the number of shared passages, not with n^2. Shingles are lowercased
    word sequences; punctuation and spacing differences do not matter.
    Containment follows Broder (1997), "On the resemblance and containment of
    documents".

    >>> arts = pd.DataFrame({"doc_id": ["wire", "copy", "own"],
    ...     "published": ["2020-01-01", "2020-01-02", "2020-01-01"], "title": ["", "", ""],
    ...     "text": ["Jets struck the central market in Korvan on Wednesday, killing 14.",
    ...              "Jets struck the central market in Korvan on Wednesday, killing 14 people.",
    ...              "Fourteen people died in Korvan when a market was hit, officials said."]})
    >>> w = detect_wire_copy(arts)
    >>> w.pairs[["origin", "copy"]].values.tolist()
    [['wire', 'copy']]
    >>> w.groups["wire_group"].tolist()
    ['wire', 'wire', 'own']
    """
    df = as_frame(articles)
    n = len(df)
    params = {"threshold": threshold, "containment": containment, "shingle": shingle}
    pair_cols = ["doc_a", "doc_b", "similarity", "containment", "days_apart", "origin", "copy"]
    full = (df["title"] + "\n" + df["text"]).tolist()
    ia = ib = np.array([], dtype=int)
    cont = sims = np.array([])
    if n > 1:
        shv = CountVectorizer(ngram_range=(shingle, shingle), token_pattern=_WORD,
                              lowercase=True)
        try:
            counts = shv.fit_transform(full).tocsr()
        except ValueError:  # no text long enough for one shingle
            counts = csr_matrix((n, 1))
        S = (counts > 0).astype(float)
        inter = (S @ S.T).tocsr()
        ia, ib, shared = _pairs_over(inter, 1.0)
        size = np.asarray(S.sum(axis=1)).ravel()
        with np.errstate(invalid="ignore", divide="ignore"):
            cont = shared / np.minimum(size[ia], size[ib])
        # cosine of TF-IDF-weighted shingle vectors: same sparsity as the overlap,
        # so one sparse product gives every candidate pair's similarity
        T = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
        cos = (T @ T.T).tocsr()
        sims = np.asarray(cos[ia, ib]).ravel() if len(ia) else np.array([])
    flag = (sims >= threshold) | (cont >= containment)
    ia, ib, sims, cont = ia[flag], ib[flag], sims[flag], cont[flag]
    dates = df["published"]
    days = _days_apart(dates, ia, ib) if len(ia) else np.array([])
    key = list(zip(dates.fillna(pd.Timestamp.max), df["doc_id"]))
    a_first = np.array([key[a] <= key[b] for a, b in zip(ia, ib)], dtype=bool)
    ids = df["doc_id"].to_numpy()
    pairs = pd.DataFrame({
        "doc_a": ids[ia], "doc_b": ids[ib], "similarity": sims, "containment": cont,
        "days_apart": days, "origin": np.where(a_first, ids[ia], ids[ib]),
        "copy": np.where(a_first, ids[ib], ids[ia])}, columns=pair_cols)
    graph = coo_matrix((np.ones(len(ia)), (ia, ib)), shape=(n, n))
    _, labels = connected_components(graph, directed=False) if n else (0, np.array([], int))
    origin_of = {}
    for lab in np.unique(labels):
        members = np.flatnonzero(labels == lab)
        origin_of[lab] = ids[min(members, key=lambda k: key[k])]
    wire_group = np.array([origin_of[lab] for lab in labels], dtype=object)
    groups = pd.DataFrame({"doc_id": ids, "wire_group": wire_group,
                           "is_origin": wire_group == ids})
    groups["group_size"] = groups["wire_group"].map(groups["wire_group"].value_counts())
    return WireCopy(pairs.sort_values(["origin", "copy"], ignore_index=True), groups, params)


def with_wire_groups(articles: pd.DataFrame, wire: WireCopy) -> pd.DataFrame:
    """The articles table with a ``wire_group`` column (for ``exclude_wire=True``).

    >>> arts = pd.DataFrame({"doc_id": ["a", "b"]})
    >>> w = WireCopy(pd.DataFrame(), pd.DataFrame({"doc_id": ["a", "b"], "wire_group": ["a", "a"]}))
    >>> with_wire_groups(arts, w)["wire_group"].tolist()
    ['a', 'a']
    """
    out = articles.drop(columns=[c for c in ("wire_group",) if c in articles.columns])
    wg = wire.groups.set_index("doc_id")["wire_group"]
    out["wire_group"] = out["doc_id"].astype(str).map(wg)
    return out


def wire_summary(wire: WireCopy, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Wire groups larger than one, with their outlets: ``wire_group, group_size, outlets``."""
    g = wire.groups[wire.groups["group_size"] > 1]
    if articles is not None and "outlet" in articles.columns:
        g = g.merge(articles[["doc_id", "outlet"]].astype({"doc_id": str}), on="doc_id",
                    how="left")
        return (g.groupby("wire_group")
                .agg(group_size=("doc_id", "size"),
                     outlets=("outlet", lambda s: ", ".join(sorted(map(str, s.dropna())))))
                .reset_index())
    return g.groupby("wire_group").size().rename("group_size").reset_index()


def grouping_agreement(assignment: pd.DataFrame, reference: pd.DataFrame) -> dict:
    """How well a proposed grouping matches a reference one (e.g. the corpus's event_id).

    Pairwise scores: a pair of articles is *positive* when both are in the same
    event. ``precision`` is the share of proposed same-event pairs that are
    same-event in the reference, ``recall`` the share of reference pairs that
    were found; ``ari`` is the adjusted Rand index (1 = identical partitions,
    about 0 = chance). Articles without a reference event are left out.

    >>> a = pd.DataFrame({"doc_id": list("abcd"), "event_id": ["1", "1", "1", "2"]})
    >>> r = pd.DataFrame({"doc_id": list("abcd"), "event_id": ["x", "x", "y", "y"]})
    >>> {k: round(v, 3) for k, v in grouping_agreement(a, r).items()}
    {'precision': 0.333, 'recall': 0.5, 'f1': 0.4, 'ari': 0.0, 'n_articles': 4}
    """
    from sklearn.metrics import adjusted_rand_score

    ref = reference[["doc_id", "event_id"]].dropna().astype(str)
    m = assignment[["doc_id", "event_id"]].astype(str).merge(ref, on="doc_id",
                                                              suffixes=("", "_ref"))
    got = m["event_id"].to_numpy()
    want = m["event_id_ref"].to_numpy()
    iu = np.triu_indices(len(m), k=1)
    same_got = got[iu[0]] == got[iu[1]]
    same_want = want[iu[0]] == want[iu[1]]
    tp = float(np.sum(same_got & same_want))
    p = float(tp / same_got.sum()) if same_got.sum() else float("nan")
    r = float(tp / same_want.sum()) if same_want.sum() else float("nan")
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return {"precision": p, "recall": r, "f1": f,
            "ari": float(adjusted_rand_score(want, got)) if len(m) else float("nan"),
            "n_articles": len(m)}


# --------------------------------------------------------------------------- command line


def add_arguments(parser) -> None:
    """``mbt events SOURCE``: propose events and list wire copies, for checking."""
    parser.add_argument("source", help="a corpus folder, JSONL/CSV file (anything "
                        "toolkit.corpus reads)")
    parser.add_argument("--threshold", type=float, default=0.15,
                        help="event grouping: cosine similarity cut (default 0.15)")
    parser.add_argument("--window-days", type=float, default=3,
                        help="never group articles further apart (default 3)")
    parser.add_argument("--method", choices=("average", "components"), default="average",
                        help="clustering (default average linkage)")
    parser.add_argument("--lead-words", type=int, default=60,
                        help="words of the body used with the headline (default 60)")
    parser.add_argument("--overrides", help="YAML file doc_id: event_id applied last")
    parser.add_argument("--containment", type=float, default=0.5,
                        help="wire copy: shared share of the shorter text (default 0.5)")
    parser.add_argument("--wire-threshold", type=float, default=0.8,
                        help="wire copy: shingle cosine similarity (default 0.8)")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object per article instead of the report")


def _clip(s: Any, n: int) -> str:
    s = "" if s is None else str(s)
    return s if len(s) <= n else s[: n - 3] + "..."


def run(args) -> int:
    """Print the event proposal, its agreement with the corpus's events, and wire copies."""
    import json

    from .corpus import iter_articles

    arts = as_frame(list(iter_articles(args.source)))
    g = group_events(arts, threshold=args.threshold, window_days=args.window_days,
                     lead_words=args.lead_words, method=args.method)
    assignment = g.assignment
    if args.overrides:
        assignment = apply_overrides(assignment, args.overrides)
    wire = detect_wire_copy(arts, threshold=args.wire_threshold,
                            containment=args.containment)
    table = (assignment.merge(arts[["doc_id", "outlet", "event_id", "published"]]
                              .rename(columns={"event_id": "corpus_event_id"}), on="doc_id")
             .merge(wire.groups[["doc_id", "wire_group"]], on="doc_id"))
    if args.json:
        for rec in table.to_dict("records"):
            rec["published"] = None if pd.isna(rec["published"]) else str(rec["published"].date())
            rec = {k: (None if isinstance(v, float) and np.isnan(v) else v)
                   for k, v in rec.items()}
            print(json.dumps(rec, ensure_ascii=False, default=str))
        return 0
    print(f"{len(arts)} articles, {len(g.events)} proposed events "
          f"(method={args.method}, threshold={args.threshold}, "
          f"window_days={args.window_days:g})")
    named = arts["event_id"].notna().sum()
    if named:
        s = grouping_agreement(assignment, arts[["doc_id", "event_id"]])
        print(f"corpus names events for {named} articles; agreement with them: "
              f"P={s['precision']:.2f} R={s['recall']:.2f} F1={s['f1']:.2f} "
              f"ARI={s['ari']:.2f}")
    print("\nevent      n  first       outlets / top terms / titles")
    for ev in g.events.to_dict("records"):
        first = "" if pd.isna(ev["first"]) else str(ev["first"].date())
        print(f"{ev['event_id']:<9} {ev['n_articles']:>2}  {first:<10}  {_clip(ev['outlets'], 60)}")
        print(f"{'':24}{_clip(ev['top_terms'], 60)}")
        print(f"{'':24}{_clip(ev['titles'], 100)}")
    weak = assignment[(assignment["n_in_event"] > 1)
                      & (assignment["best_similarity"] < args.threshold)]
    if len(weak):
        print("\nweakly attached (best match in its event below the threshold):")
        for r in weak.to_dict("records"):
            print(f"  {r['doc_id']} -> {r['event_id']} (best {r['best_match']}, "
                  f"{r['best_similarity']:.2f})")
    print(f"\nwire copy: {len(wire.pairs)} pairs (containment >= {args.containment}, "
          f"or similarity >= {args.wire_threshold})")
    outlet = arts.set_index("doc_id")["outlet"]
    for r in wire.pairs.to_dict("records"):
        print(f"  {r['origin']} ({outlet.get(r['origin'])}) -> {r['copy']} "
              f"({outlet.get(r['copy'])}): similarity {r['similarity']:.2f}, "
              f"containment {r['containment']:.2f}")
    return 0
