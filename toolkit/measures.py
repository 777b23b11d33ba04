"""Article-level measures: one row per article, one numeric column per measure.

The feature tables hold one row per *instance* (an attribution, a casualty
mention, a denial). Outlets are compared on *articles*, so this module turns the
instance tables into the ``measures`` table: one row per ``doc_id`` (every
article of ``articles``, also those with no instance at all), one column per
measure named ``<family>_<measure>``.

Three kinds of measure, recognised by the name's ending:

``<family>_count``
    instances of the family in the article (0 when there are none).
``<family>_per_1k``
    instances per 1,000 words of body text (``articles.n_words``); NaN when the
    article has no words.
``<family>_<what>_share``
    instances of the family that have a property, divided by **all instances of
    the family in the article** (``<family>_count``, the *denominator*). NaN,
    never 0, when the article has no instance of the family: an article that
    reports no denial has no share of paired denials, and a 0 would drag every
    mean toward zero. :func:`toolkit.compare.estimate` pools shares as a ratio
    of sums (numerator = share x denominator), which is why the denominator of
    every share is a column of the table.

Every share is defined by a row mask over its family's table
(:data:`SHARES`); :func:`instance_mask` exposes the same mask so that
:func:`toolkit.evidence.evidence` can list exactly the sentences that a share
counts.

>>> import pandas as pd
>>> arts = pd.DataFrame({"doc_id": ["a", "b"], "n_words": [500, 250]})
>>> att = pd.DataFrame({"doc_id": ["a", "a", "a"], "kind": ["direct", "indirect", "direct"],
...                     "source_kind": ["person", "anonymous", "official"]})
>>> m = article_measures({"articles": arts, "attribution": att})
>>> m[["doc_id", "attribution_count", "attribution_per_1k", "attribution_direct_share"]]
  doc_id  attribution_count  attribution_per_1k  attribution_direct_share
0      a                  3                 6.0                  0.666667
1      b                  0                 0.0                       NaN
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

#: Feature table -> measure family prefix.
FAMILIES: dict[str, str] = {"attribution": "attribution", "agency": "agency",
                            "denials": "denials"}

VERB_CLASSES = ("neutral", "endorsing", "distancing", "concessive", "denial", "accusatory",
                "cognition")
ATTRIBUTION_KINDS = ("direct", "indirect", "mixed", "according_to")
AGENCY_CLASSES = ("active_agent", "passive_agent", "passive_cause", "agentless_passive",
                  "intransitive", "nominal", "adjectival")
DENIAL_KINDS = ("denial", "minimisation", "no_comment", "counter_accusation")

Mask = Callable[[pd.DataFrame], pd.Series]


@dataclass(frozen=True)
class Share:
    """A share measure: the rows of ``table`` where ``mask`` holds, over all its rows."""

    name: str
    table: str
    mask: Mask
    definition: str


def _eq(col: str, value: str) -> Mask:
    def mask(t: pd.DataFrame) -> pd.Series:
        if col not in t.columns:
            return pd.Series(np.nan, index=t.index, dtype="float")
        return (t[col] == value).astype(float).where(t[col].notna())
    return mask


def _isin(col: str, values: tuple[str, ...]) -> Mask:
    def mask(t: pd.DataFrame) -> pd.Series:
        if col not in t.columns:
            return pd.Series(np.nan, index=t.index, dtype="float")
        return t[col].isin(values).astype(float).where(t[col].notna())
    return mask


def _nonempty(v: Any) -> bool:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return False
    if isinstance(v, (list, tuple, np.ndarray, str)):
        return len(v) > 0
    return bool(v)


def _agent_named(t: pd.DataFrame) -> pd.Series:
    """An agent span is present; without an ``agent`` column, the agentive classes."""
    if "agent" in t.columns:
        return t["agent"].map(_nonempty).astype(float)
    return _isin("agency_class", ("active_agent", "passive_agent"))(t)


def _doer_named(t: pd.DataFrame) -> pd.Series:
    """An agent or a cause span is present (who *or what* did the harm)."""
    has = pd.Series(False, index=t.index)
    found = False
    for col in ("agent", "cause"):
        if col in t.columns:
            has |= t[col].map(_nonempty).astype(bool)
            found = True
    if not found:
        return _isin("agency_class", ("active_agent", "passive_agent", "passive_cause"))(t)
    return has.astype(float)


def _truthy(col: str) -> Mask:
    def mask(t: pd.DataFrame) -> pd.Series:
        if col not in t.columns:
            return pd.Series(np.nan, index=t.index, dtype="float")
        return t[col].map(lambda v: np.nan if pd.isna(v) else float(bool(v)))
    return mask


def _flag(name: str) -> Mask:
    """Rows whose ``flags`` hold ``name``: a list or set, or a string as a CSV gives
    it back (a JSON list, as ``mbt extract --format csv`` writes it, or words joined
    by ``;``, ``,`` or spaces)."""
    def mask(t: pd.DataFrame) -> pd.Series:
        if "flags" not in t.columns:
            return pd.Series(np.nan, index=t.index, dtype="float")

        def has(v: Any) -> float:
            if v is None or (isinstance(v, float) and np.isnan(v)):
                return 0.0
            if isinstance(v, str):
                try:
                    v = json.loads(v) if v.lstrip().startswith("[") else v
                except ValueError:
                    pass
                if isinstance(v, str):
                    v = re.split(r"[;,\s]+", v)
            return float(name in set(v))
        return t["flags"].map(has).astype(float)
    return mask


def _share_specs() -> dict[str, Share]:
    specs = [
        Share("attribution_direct_share", "attribution", _isin("kind", ("direct", "mixed")),
              "attributions that quote the source's words (kind direct or mixed)"),
        Share("attribution_anonymous_share", "attribution", _eq("source_kind", "anonymous"),
              "attributions to an unnamed source (source_kind anonymous)"),
        Share("attribution_nested_share", "attribution", _flag("nested"),
              "second-hand attributions: the cue sits in the reported clause of another "
              "attribution ('Interfax reported that Lavrov acknowledged it'; flag nested)"),
    ]
    specs += [Share(f"attribution_kind_{k}_share", "attribution", _eq("kind", k),
                    f"attributions of kind {k}") for k in ATTRIBUTION_KINDS]
    specs += [Share(f"attribution_verb_{c}_share", "attribution", _eq("verb_class", c),
                    f"attributions whose reporting verb is of class {c}")
              for c in VERB_CLASSES]
    specs += [Share("agency_agent_named_share", "agency", _agent_named,
                    "casualty mentions that name who did the harm (a non-empty agent span: "
                    "a person, group or vehicle)"),
               Share("agency_doer_named_share", "agency", _doer_named,
                     "casualty mentions that name who or what did the harm (an agent or a "
                     "cause span: 'jets killed', 'the strike killed', 'killed by shelling')")]
    specs += [Share(f"agency_{c}_share", "agency", _eq("agency_class", c),
                    f"casualty mentions of agency class {c}") for c in AGENCY_CLASSES]
    specs += [Share(f"denials_{k}_share", "denials", _eq("kind", k),
                    f"denials of kind {k}") for k in DENIAL_KINDS]
    specs += [Share("denials_paired_share", "denials", _truthy("accusation_in_article"),
                    "denials whose accusation is also reported in the article")]
    return {s.name: s for s in specs}


#: Every share measure, by name.
SHARES: dict[str, Share] = _share_specs()


def measure_kind(name: str) -> str:
    """``"count"``, ``"rate"``, ``"share"`` or ``"value"``, from the measure's name.

    >>> measure_kind("agency_per_1k"), measure_kind("denials_paired_share")
    ('rate', 'share')
    """
    if name.endswith("_share"):
        return "share"
    if name.endswith("_per_1k"):
        return "rate"
    if name.endswith("_count"):
        return "count"
    return "value"


def denominator(name: str) -> str | None:
    """The count column a share is divided by (``<family>_count``), else None.

    >>> denominator("attribution_verb_distancing_share"), denominator("agency_per_1k")
    ('attribution_count', None)
    """
    if measure_kind(name) != "share":
        return None
    return name.split("_", 1)[0] + "_count"


def family_of(name: str) -> str:
    """The family prefix of a measure name (``"agency_per_1k"`` -> ``"agency"``)."""
    return name.split("_", 1)[0]


def instance_mask(table: pd.DataFrame, measure: str) -> pd.Series:
    """Boolean mask of the instance rows that a measure counts in its numerator.

    For a share, the rows with the property; for a count or rate, every row.

    >>> t = pd.DataFrame({"doc_id": ["a", "a"], "kind": ["denial", "no_comment"]})
    >>> instance_mask(t, "denials_no_comment_share").tolist()
    [False, True]
    """
    if measure in SHARES:
        return SHARES[measure].mask(table).fillna(0).astype(bool)
    if measure_kind(measure) in ("count", "rate"):
        return pd.Series(True, index=table.index)
    raise KeyError(f"unknown measure {measure!r}; known shares: {', '.join(SHARES)}")


def _parts(tables: Any) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """(articles, {feature: table}) from a FeatureTables or a mapping."""
    if hasattr(tables, "articles") and hasattr(tables, "tables"):
        return tables.articles, dict(tables.tables)
    if isinstance(tables, Mapping):
        if "articles" not in tables:
            raise KeyError("tables needs an 'articles' table (doc_id, n_words)")
        return tables["articles"], {k: v for k, v in tables.items() if k != "articles"}
    raise TypeError("expected a pipeline.FeatureTables or a mapping of tables, "
                    f"got {type(tables).__name__}")


def article_measures(tables: Any, *, families: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The measures table: one row per article, one column per measure.

    Parameters
    ----------
    tables : FeatureTables or mapping
        ``articles`` (needs ``doc_id``; ``n_words`` for rates) plus any of the
        feature tables ``attribution``, ``agency``, ``denials``. A missing
        feature table gives no columns for its family (not zeros: the feature
        was not measured); a missing optional column gives NaN shares.
    families : tuple of str, optional
        Restrict to these feature tables.

    Returns
    -------
    DataFrame
        ``doc_id`` (in ``articles`` order), then per family ``<f>_count``,
        ``<f>_per_1k`` and the ``<f>_..._share`` columns of :data:`SHARES`.
        Counts are ints, rates and shares floats (NaN where undefined).

    Notes
    -----
    Instances from the headline (``segment == "title"``) count like body
    instances; rates divide by body words only, so a headline adds to the rate.
    Use :func:`toolkit.evidence.placement` to tell them apart.
    """
    articles, feats = _parts(tables)
    out = pd.DataFrame({"doc_id": articles["doc_id"].astype(str).to_numpy()})
    words = (articles["n_words"].to_numpy(dtype=float) if "n_words" in articles.columns
             else np.full(len(articles), np.nan))
    words = np.where(words > 0, words, np.nan)
    for name, prefix in FAMILIES.items():
        if name not in feats or (families is not None and name not in families):
            continue
        t = feats[name]
        ids = t["doc_id"].astype(str) if len(t) else pd.Series([], dtype=str)
        counts = ids.value_counts().reindex(out["doc_id"], fill_value=0).to_numpy()
        out[f"{prefix}_count"] = counts.astype(int)
        out[f"{prefix}_per_1k"] = counts / words * 1000.0
        for share in SHARES.values():
            if share.table != name:
                continue
            if len(t):
                num = share.mask(t).groupby(ids.to_numpy()).sum(min_count=1)
                num = num.reindex(out["doc_id"]).to_numpy(dtype=float)
            else:
                num = np.full(len(out), np.nan)
            with np.errstate(invalid="ignore", divide="ignore"):
                out[share.name] = np.where(counts > 0, num / counts, np.nan)
    return out


def voice_share(tables: Any, *, codebook: Any = None, by: str = "actor") -> pd.DataFrame:
    """Who gets to speak: attributions per actor (or side) and article, long form.

    Parameters
    ----------
    tables : FeatureTables or mapping with ``articles`` and ``attribution``
    codebook : toolkit.actors.Codebook, optional
        Needed for ``by="side"``: each actor is mapped to ``codebook.side(actor)``
        (``"(no side)"`` when the codebook gives none).
    by : {"actor", "side"}

    Returns
    -------
    DataFrame
        ``doc_id, actor, n, share``, one row per article and actor with at least
        one attribution; ``share = n / attributions in the article``, so the
        shares of an article sum to 1. Sources the codebook did not resolve
        appear as actor ``"(unresolved)"``. Articles with no attribution have no
        rows (their share is undefined, not 0).

    >>> att = pd.DataFrame({"doc_id": ["a", "a", "a"], "actor": ["army", None, "army"]})
    >>> voice_share({"articles": pd.DataFrame({"doc_id": ["a"]}), "attribution": att})
      doc_id         actor  n     share
    0      a  (unresolved)  1  0.333333
    1      a          army  2  0.666667
    """
    _, feats = _parts(tables)
    cols = ["doc_id", "actor", "n", "share"]
    t = feats.get("attribution")
    if t is None or not len(t):
        return pd.DataFrame({c: pd.Series(dtype="object" if c in cols[:2] else "float")
                             for c in cols})
    actor = (t["actor"] if "actor" in t.columns else pd.Series(None, index=t.index))
    actor = actor.where(actor.notna() & (actor.astype(str) != ""), None)
    if by == "side":
        if codebook is None:
            raise ValueError("by='side' needs the codebook (toolkit.actors.load_codebook)")
        actor = actor.map(lambda a: codebook.side(a) or "(no side)", na_action="ignore")
    elif by != "actor":
        raise ValueError(f"by must be 'actor' or 'side', not {by!r}")
    df = pd.DataFrame({"doc_id": t["doc_id"].astype(str),
                       "actor": actor.where(actor.notna(), "(unresolved)").astype(str)})
    n = df.groupby(["doc_id", "actor"]).size().rename("n").reset_index()
    n["share"] = n["n"] / n.groupby("doc_id")["n"].transform("sum")
    return n.sort_values(["doc_id", "actor"], ignore_index=True)[cols]


def voice_measures(tables: Any, *, codebook: Any = None, by: str = "actor") -> pd.DataFrame:
    """Voice shares in the wide ``measures`` shape, for :func:`toolkit.compare.estimate`.

    One row per article: ``voice_count`` (attributions) and one
    ``voice_<actor>_share`` column per actor (NaN for articles without
    attributions), so an outlet's share of voice per actor is pooled as a ratio
    of sums like any other share. ``codebook`` and ``by="side"`` give one
    column per side instead (see :func:`voice_share`).

    >>> att = pd.DataFrame({"doc_id": ["a", "a"], "actor": ["army", "un"]})
    >>> voice_measures({"articles": pd.DataFrame({"doc_id": ["a", "b"]}),
    ...                 "attribution": att}).columns.tolist()
    ['doc_id', 'voice_count', 'voice_army_share', 'voice_un_share']
    """
    articles, _ = _parts(tables)
    long = voice_share(tables, codebook=codebook, by=by)
    out = pd.DataFrame({"doc_id": articles["doc_id"].astype(str).to_numpy()})
    total = long.groupby("doc_id")["n"].sum() if len(long) else pd.Series(dtype=float)
    out["voice_count"] = total.reindex(out["doc_id"], fill_value=0).to_numpy().astype(int)
    if len(long):
        wide = long.pivot(index="doc_id", columns="actor", values="share")
        for actor in sorted(wide.columns):
            col = wide[actor].reindex(out["doc_id"]).to_numpy(dtype=float)
            has = out["voice_count"].to_numpy() > 0
            out[f"voice_{_slug(actor)}_share"] = np.where(has, np.nan_to_num(col), np.nan)
    return out


def _slug(s: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in s.lower()).strip("_") or "unresolved"


def measure_table(measures: pd.DataFrame) -> pd.DataFrame:
    """One row per measure column: ``measure, family, kind, denominator, definition``.

    >>> m = pd.DataFrame({"doc_id": ["a"], "agency_count": [1], "agency_nominal_share": [1.0]})
    >>> measure_table(m)[["measure", "kind", "denominator"]].values.tolist()
    [['agency_count', 'count', ''], ['agency_nominal_share', 'share', 'agency_count']]
    """
    rows = []
    for col in measures.columns:
        if col == "doc_id":
            continue
        kind = measure_kind(col)
        if col in SHARES:
            definition = SHARES[col].definition
        elif kind == "count":
            definition = f"{family_of(col)} instances in the article"
        elif kind == "rate":
            definition = f"{family_of(col)} instances per 1,000 body words"
        elif col.startswith("voice_"):
            definition = "attributions to this actor"
        else:
            definition = ""
        rows.append({"measure": col, "family": family_of(col), "kind": kind,
                     "denominator": denominator(col) or "", "definition": definition})
    return pd.DataFrame(rows, columns=["measure", "family", "kind", "denominator",
                                       "definition"])


def long_form(measures: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The measures table melted to ``doc_id, [outlet, event_id,] measure, value``.

    One row per article and measure, NaN values kept (an undefined share stays
    visible as undefined), for per-article plots such as strip or box plots.

    >>> m = pd.DataFrame({"doc_id": ["a"], "agency_count": [2], "agency_nominal_share": [0.5]})
    >>> long_form(m, pd.DataFrame({"doc_id": ["a"], "outlet": ["x"], "event_id": ["e"]}))
      doc_id outlet event_id               measure  value
    0      a      x        e          agency_count    2.0
    1      a      x        e  agency_nominal_share    0.5
    """
    cols = [c for c in measures.columns if c != "doc_id"]
    out = measures.melt(id_vars="doc_id", value_vars=cols, var_name="measure",
                        value_name="value")
    out["value"] = out["value"].astype(float)
    order = {c: i for i, c in enumerate(cols)}
    out = out.assign(_o=out["measure"].map(order))
    if articles is not None:
        meta = [c for c in ("doc_id", "outlet", "event_id") if c in articles.columns]
        out = out.astype({"doc_id": str}).merge(articles[meta].astype({"doc_id": str}),
                                                on="doc_id", how="left")
    out = out.sort_values(["doc_id", "_o"], kind="stable", ignore_index=True).drop(columns="_o")
    front = [c for c in ("doc_id", "outlet", "event_id") if c in out.columns]
    return out[front + ["measure", "value"]]
