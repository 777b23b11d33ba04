"""Outlet x event estimates with bootstrap intervals, and permutation tests.

The unit of resampling is the **article**: instances of one article are not
independent (one reporter, one editor, one style sheet), so an interval that
resampled instances would be too narrow. Every estimate is computed from the
``measures`` table (:mod:`toolkit.measures`, one row per article) joined with
``articles`` (outlet, event_id), never from the instance tables directly.

How a measure is pooled over a group of articles depends on its kind
(:func:`toolkit.measures.measure_kind`):

- counts, rates (``*_count``, ``*_per_1k``) and other values: the **mean over
  articles** (articles with an undefined value, NaN, are left out);
- shares (``*_share``): the **ratio of sums**, sum of numerators over sum of
  denominators (numerator = share x ``<family>_count``). This weights each
  article by its number of instances and never divides by zero for an article
  without instances; it is the share of all the group's instances.

Randomness is explicit: every function takes ``seed`` and draws from
``numpy.random.default_rng``. Each group gets its own generator, seeded from
``seed`` and the group's key, so a group's interval does not change when other
outlets or events are added to the corpus.

>>> import pandas as pd
>>> arts = pd.DataFrame({"doc_id": list("abcdef"), "outlet": list("xxxyyy"),
...                      "event_id": ["e1"] * 6})
>>> m = pd.DataFrame({"doc_id": list("abcdef"), "agency_count": [2, 0, 2, 1, 1, 2],
...                   "agency_nominal_share": [1.0, None, 0.5, 0.0, 0.0, 0.5]})
>>> est = estimate(m, arts, by=("outlet",), n_boot=200)
>>> est[["outlet", "measure", "estimate", "n_articles", "n_instances"]]
  outlet               measure  estimate  n_articles  n_instances
0      x          agency_count  1.333333           3            4
1      x  agency_nominal_share  0.750000           3            4
2      y          agency_count  1.333333           3            4
3      y  agency_nominal_share  0.250000           3            4
"""
from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from . import schema
from .measures import denominator, family_of, measure_kind

ALL = "ALL"


# --------------------------------------------------------------------------- helpers


def _group_rng(seed: int, *key: str) -> np.random.Generator:
    """A generator seeded from ``seed`` and a group key (stable across runs)."""
    return np.random.default_rng([int(seed)] + [zlib.crc32(str(k).encode()) for k in key])


def _measure_columns(measures: pd.DataFrame, names: Iterable[str] | None) -> list[str]:
    if names is None:
        return [c for c in measures.columns if c != "doc_id"
                and pd.api.types.is_numeric_dtype(measures[c])
                and not pd.api.types.is_bool_dtype(measures[c])]
    names = [names] if isinstance(names, str) else list(names)
    missing = [n for n in names if n not in measures.columns]
    if missing:
        raise KeyError(f"measures not in the table: {missing}")
    return names


def _join(measures: pd.DataFrame, articles: pd.DataFrame, exclude_wire: bool) -> pd.DataFrame:
    meta_cols = [c for c in ("doc_id", "outlet", "event_id", "wire_group")
                 if c in articles.columns]
    meta = articles[meta_cols].copy()
    meta["doc_id"] = meta["doc_id"].astype(str)
    if exclude_wire:
        meta = drop_wire_copies(meta)
    m = measures.copy()
    m["doc_id"] = m["doc_id"].astype(str)
    df = meta.merge(m, on="doc_id", how="inner", suffixes=("", "_m"))
    return df


def drop_wire_copies(articles: pd.DataFrame) -> pd.DataFrame:
    """Keep one article per wire group: the origin (the earliest).

    Needs the ``wire_group`` column from
    :func:`toolkit.events.with_wire_groups` (the origin's doc_id; an article that
    copies nothing is its own group).

    >>> a = pd.DataFrame({"doc_id": ["a", "b", "c"], "wire_group": ["a", "a", "c"]})
    >>> drop_wire_copies(a)["doc_id"].tolist()
    ['a', 'c']
    """
    if "wire_group" not in articles.columns:
        raise KeyError("exclude_wire=True needs a 'wire_group' column in articles: run "
                       "toolkit.events.detect_wire_copy(...) and "
                       "toolkit.events.with_wire_groups(articles, wire)")
    wg = articles["wire_group"]
    keep = wg.isna() | (wg.astype(str) == articles["doc_id"].astype(str))
    return articles[keep.to_numpy()]


def _arrays(df: pd.DataFrame, cols: Sequence[str]):
    """Per measure: numerator matrix, denominator matrix (n_articles x n_measures).

    For a mean measure the "numerator" is the value (0 where NaN) and the
    "denominator" is 1 where the value is defined, so mean = sum / sum for all
    kinds and one matrix product serves every measure.
    """
    n = len(df)
    num = np.zeros((n, len(cols)))
    den = np.zeros((n, len(cols)))
    inst = np.zeros(len(cols))
    for j, col in enumerate(cols):
        v = pd.to_numeric(df[col], errors="coerce").to_numpy(dtype=float)
        dcol = denominator(col)
        if dcol is not None and dcol in df.columns:
            d = pd.to_numeric(df[dcol], errors="coerce").to_numpy(dtype=float)
            d = np.where(np.isnan(v) | np.isnan(d), 0.0, d)
            num[:, j] = np.where(d > 0, np.nan_to_num(v) * d, 0.0)
            den[:, j] = d
            inst[j] = d.sum()
        else:
            ok = ~np.isnan(v)
            num[:, j] = np.where(ok, v, 0.0)
            den[:, j] = ok.astype(float)
            ccol = f"{family_of(col)}_count"
            inst[j] = (pd.to_numeric(df[ccol], errors="coerce").fillna(0).sum()
                       if ccol in df.columns else np.nan)
    return num, den, inst


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def _bootstrap(num, den, n_boot: int, rng: np.random.Generator, ci: float):
    """Percentile interval of sum(num)/sum(den) over articles resampled with replacement."""
    n, m = num.shape
    if n_boot <= 0 or n == 0:
        return np.full(m, np.nan), np.full(m, np.nan)
    # weights[b, i] = how often article i is drawn in replicate b
    weights = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot).astype(float)
    reps = _ratio(weights @ num, weights @ den)  # (n_boot, m)
    alpha = (1.0 - ci) / 2.0
    lo = np.full(m, np.nan)
    hi = np.full(m, np.nan)
    ok = ~np.all(np.isnan(reps), axis=0)
    if ok.any():
        q = np.nanquantile(reps[:, ok], [alpha, 1.0 - alpha], axis=0)
        lo[ok], hi[ok] = q[0], q[1]
    return lo, hi


# --------------------------------------------------------------------------- estimate


def estimate(measures: pd.DataFrame, articles: pd.DataFrame, /, *,
             by: Sequence[str] = ("outlet", "event_id"),
             measure_names: Iterable[str] | None = None, n_boot: int = 1000, seed: int = 0,
             ci: float = 0.95, min_articles: int = 3, min_instances: int = 5,
             exclude_wire: bool = False, **kwargs) -> pd.DataFrame:
    """Estimate every measure per outlet and event, with a bootstrap interval.

    Parameters
    ----------
    measures : DataFrame
        The measures table (``doc_id`` + one column per measure).
    articles : DataFrame
        ``doc_id, outlet, event_id`` (and ``wire_group`` for ``exclude_wire``).
    by : ("outlet", "event_id") or ("outlet",)
        With ``event_id``, one row per outlet x event plus one per outlet over
        all its articles (``event_id == "ALL"``); without, only the latter.
        Articles with no event_id count only in ``ALL``.
    measure_names : list of str, optional
        Measures to estimate (default: every numeric column). ``measures=`` is
        accepted as an alias.
    n_boot : int
        Bootstrap replicates (0: no interval, ``ci_low``/``ci_high`` NaN).
    seed : int
        Seed; the same seed gives the same intervals.
    ci : float
        Interval level (percentile interval).
    min_articles, min_instances : int
        ``small_n`` is True when the group has fewer articles, or (for a share)
        fewer instances in the denominator. Small groups are flagged, never
        dropped.
    exclude_wire : bool
        Keep one article per wire group (the earliest), see
        :func:`drop_wire_copies`.

    Notes
    -----
    A share is pooled as a ratio of sums only when its denominator column
    (``<family>_count``) is in ``measures``; without it the shares are averaged
    over articles, which weights an article with one instance like one with
    twenty. Bootstrap replicates in which a share is undefined (no instance
    drawn) are left out of the percentiles.

    Returns
    -------
    DataFrame
        Columns :data:`toolkit.schema.ESTIMATES`, sorted by outlet, event_id
        (``ALL`` last) and measure order. ``n_instances`` is the number of
        instances behind the estimate (the share's denominator, or the family's
        instance count for counts and rates).
    """
    if "measures" in kwargs:
        measure_names = kwargs.pop("measures")
    if kwargs:
        raise TypeError(f"unexpected arguments: {sorted(kwargs)}")
    by = tuple(by)
    if by not in (("outlet",), ("outlet", "event_id")):
        raise ValueError("by must be ('outlet',) or ('outlet', 'event_id')")
    cols = _measure_columns(measures, measure_names)
    df = _join(measures, articles, exclude_wire)
    groups: list[tuple[str, str, pd.DataFrame]] = []
    for outlet, g in df.groupby("outlet", sort=True):
        if "event_id" in by and "event_id" in g.columns:
            ev = g["event_id"]
            for event_id, ge in g[ev.notna()].groupby(ev[ev.notna()].astype(str), sort=True):
                groups.append((str(outlet), event_id, ge))
        groups.append((str(outlet), ALL, g))
    rows = []
    for outlet, event_id, g in groups:
        num, den, inst = _arrays(g, cols)
        point = _ratio(num.sum(axis=0), den.sum(axis=0))
        lo, hi = _bootstrap(num, den, n_boot, _group_rng(seed, outlet, event_id), ci)
        n_art = len(g)
        for j, col in enumerate(cols):
            n_inst = inst[j]
            small = n_art < min_articles or (
                measure_kind(col) == "share" and not (n_inst >= min_instances))
            rows.append((outlet, event_id, col, point[j], lo[j], hi[j], n_art,
                         n_inst, bool(small), int(n_boot), int(seed)))
    out = pd.DataFrame(rows, columns=list(schema.ESTIMATES))
    out["n_instances"] = out["n_instances"].round().astype("Int64")
    for c in ("estimate", "ci_low", "ci_high"):
        out[c] = out[c].astype(float)
    return out


# --------------------------------------------------------------------------- tests


def _stat(num: np.ndarray, den: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Ratio of sums in group ``mask`` minus the rest; mask may be (n,) or (k, n)."""
    a = _ratio(mask @ num, mask @ den)
    b = _ratio((1 - mask) @ num, (1 - mask) @ den)
    return a - b


def permutation_test(measures: pd.DataFrame, articles: pd.DataFrame, measure: str,
                     outlet_a: str, outlet_b: str, *, event_id: str | None = None,
                     n_perm: int = 5000, seed: int = 0,
                     exclude_wire: bool = False) -> dict:
    """Two-sided permutation test of the difference of a measure between two outlets.

    The outlet labels of the pooled articles are shuffled ``n_perm`` times; the
    statistic is the difference of the pooled estimates (mean or ratio of sums,
    as in :func:`estimate`). The p-value counts the permutations at least as
    extreme as the observed difference, with the +1 correction
    ``(1 + #{|d*| >= |d|}) / (n_perm + 1)``, so it is never 0.

    Returns
    -------
    dict
        ``measure, outlet_a, outlet_b, event_id, estimate_a, estimate_b,
        difference`` (a - b), ``p_value, n_a, n_b, n_perm, seed``.

    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": list("abcdef"), "outlet": list("xxxyyy")})
    >>> m = pd.DataFrame({"doc_id": list("abcdef"), "denials_count": [1, 2, 3, 1, 2, 3]})
    >>> r = permutation_test(m, arts, "denials_count", "x", "y", n_perm=999)
    >>> r["difference"], r["p_value"]
    (0.0, 1.0)
    """
    df = _join(measures, articles, exclude_wire)
    if event_id is not None:
        df = df[df["event_id"].astype(str) == str(event_id)]
    df = df[df["outlet"].isin([outlet_a, outlet_b])]
    label = (df["outlet"] == outlet_a).to_numpy(dtype=float)
    num, den, _ = _arrays(df, [measure])
    n_a, n_b = int(label.sum()), int(len(label) - label.sum())
    obs = float(_stat(num, den, label)[0]) if n_a and n_b else float("nan")
    est_a = float(_ratio(label @ num, label @ den)[0]) if n_a else float("nan")
    est_b = float(_ratio((1 - label) @ num, (1 - label) @ den)[0]) if n_b else float("nan")
    p = float("nan")
    if n_a and n_b and not np.isnan(obs) and n_perm > 0:
        rng = _group_rng(seed, measure, outlet_a, outlet_b, event_id or ALL)
        perms = rng.permuted(np.tile(label, (n_perm, 1)), axis=1)
        d = _stat(num, den, perms)[:, 0]
        # a permuted split with an undefined statistic counts as not extreme
        extreme = np.sum(np.abs(d) >= abs(obs) - 1e-12 * max(1.0, abs(obs)))
        p = float((1 + extreme) / (n_perm + 1))
    return {"measure": measure, "outlet_a": outlet_a, "outlet_b": outlet_b,
            "event_id": event_id if event_id is not None else ALL,
            "estimate_a": est_a, "estimate_b": est_b, "difference": obs, "p_value": p,
            "n_a": n_a, "n_b": n_b, "n_perm": int(n_perm), "seed": int(seed)}


def pairwise_tests(measures: pd.DataFrame, articles: pd.DataFrame, *,
                   measure_names: Iterable[str] | None = None,
                   outlets: Sequence[str] | None = None, event_id: str | None = None,
                   n_perm: int = 2000, seed: int = 0,
                   exclude_wire: bool = False) -> pd.DataFrame:
    """Permutation tests for every pair of outlets and every measure, in one table.

    Adds ``p_adjusted``, the Benjamini-Hochberg adjusted p-value over all rows of
    the table (the false discovery rate when many measures and pairs are read
    at once).

    >>> import pandas as pd
    >>> arts = pd.DataFrame({"doc_id": list("abcdef"), "outlet": list("xxxyyy")})
    >>> m = pd.DataFrame({"doc_id": list("abcdef"), "denials_count": [1, 2, 3, 1, 2, 3]})
    >>> pairwise_tests(m, arts, n_perm=99)[["outlet_a", "outlet_b", "p_value", "p_adjusted"]]
      outlet_a outlet_b  p_value  p_adjusted
    0        x        y      1.0         1.0
    """
    cols = _measure_columns(measures, measure_names)
    outs = sorted(map(str, articles["outlet"].dropna().unique())) if outlets is None \
        else list(outlets)
    rows = [permutation_test(measures, articles, c, a, b, event_id=event_id,
                             n_perm=n_perm, seed=seed, exclude_wire=exclude_wire)
            for c in cols for i, a in enumerate(outs) for b in outs[i + 1:]]
    out = pd.DataFrame(rows, columns=["measure", "outlet_a", "outlet_b", "event_id",
                                      "estimate_a", "estimate_b", "difference", "p_value",
                                      "n_a", "n_b", "n_perm", "seed"])
    out["p_adjusted"] = benjamini_hochberg(out["p_value"].to_numpy(dtype=float))
    return out


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (NaN stay NaN).

    >>> benjamini_hochberg(np.array([0.01, 0.04, 0.03, np.nan])).round(3).tolist()
    [0.03, 0.04, 0.04, nan]
    """
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if not ok.any():
        return out
    q = p[ok]
    order = np.argsort(q)
    ranked = q[order] * len(q) / np.arange(1, len(q) + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    adj = np.empty_like(q)
    adj[order] = np.minimum(ranked, 1.0)
    out[ok] = adj
    return out
