"""Everything a notebook needs, in one call: corpus -> features -> measures -> estimates.

Notebooks stay thin (HOUSE_STYLE §6): they call :func:`prepare` once and then
one :class:`Report` method per table they plot. All the logic a notebook would
otherwise grow (filtering by event and outlet, dropping wire copies, joining
metadata, counting per outlet) lives here, where it is tested.

The tabulation methods only *count and divide* the instance tables, per outlet
(shares are pooled over all instances of the outlet: the ratio of sums, the
same pooling :func:`toolkit.compare.estimate` uses for share measures). Bootstrap
intervals come from :func:`toolkit.compare.estimate` (``Report.estimates``).

Examples
--------
>>> rep = prepare("corpora/demo", features=(), n_boot=0)  # doctest: +SKIP
>>> rep.event_counts().head(2)  # doctest: +SKIP
  event_id   outlet  n_articles
0      ev1  courier           1
1      ev1 dispatch           1
"""
from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import schema
from .errors import ToolkitError

FEATURES: tuple[str, ...] = ("attribution", "agency", "denials")
UNRESOLVED = "(unresolved)"
NO_CUE = "(no cue: floating quote)"
_REPO = Path(__file__).resolve().parents[1]


def resolve_corpus_path(path: str | Path) -> Path:
    """``path`` as given, or relative to the repository root when it is not found.

    A notebook opened in JupyterLab runs in ``notebooks/``, where the default
    ``"corpora/demo"`` does not exist; the repository root is tried next.

    >>> resolve_corpus_path("corpora/demo").name
    'demo'
    """
    p = Path(path).expanduser()
    if p.exists() or p.is_absolute():
        return p
    alt = _REPO / p
    return alt if alt.exists() else p


def available_features(names: Sequence[str] = FEATURES) -> list[str]:
    """The feature extractors that are installed (importable), in the given order."""
    from . import features

    out = []
    for n in names:
        mod = features.REGISTRY.get(n)
        if mod and importlib.util.find_spec(mod) is not None:
            out.append(n)
    return out


def _first(v: Any) -> str | None:
    if isinstance(v, (list, tuple)):
        return str(v[0]) if v else None
    if v is None or v == "" or (isinstance(v, float) and pd.isna(v)):
        return None
    return str(v)


def _truthy(v: Any) -> bool:
    if isinstance(v, (list, tuple, set, frozenset)):
        return bool(v)
    return bool(v) and not (isinstance(v, float) and pd.isna(v))


def _shares(df: pd.DataFrame, part: str) -> pd.DataFrame:
    """``outlet, <part>, share, n``: share of the outlet's rows in each ``part`` value."""
    cols = ["outlet", part, "share", "n"]
    if not len(df):
        return pd.DataFrame({c: pd.Series(dtype="float" if c == "share" else "object")
                             for c in cols})
    n = df.groupby(["outlet", part]).size().rename("n").reset_index()
    n["share"] = n["n"] / n.groupby("outlet")["n"].transform("sum")
    return n.sort_values(["outlet", part], ignore_index=True)[cols]


@dataclass
class Report:
    """A prepared corpus: tables, estimates and the helpers notebooks call.

    Attributes
    ----------
    corpus : toolkit.corpus.Corpus
    notebook, out_dir : str
        Used to name (``<notebook>__<figure>[__<event_id>]``) and place exports.
    parameters : dict
        The notebook parameters, recorded in every figure's provenance.
    articles : DataFrame
        :data:`toolkit.schema.ARTICLES` + ``wire_group``, after the event/outlet filter.
    tables : dict of DataFrame
        Feature tables restricted to ``articles`` (wire copies dropped when
        ``exclude_wire``).
    measures, estimates : DataFrame
        :func:`toolkit.measures.article_measures` and :func:`toolkit.compare.estimate`.
    wire : toolkit.events.WireCopy
    colors : dict
        Outlet -> colour over the *whole* corpus, so colours match across notebooks.
    missing_features : list of str
        Requested extractors that are not installed (their tables are empty).
    errors : DataFrame
        Documents that failed (:data:`toolkit.schema.ERRORS`).
    """

    corpus: Any
    notebook: str
    out_dir: str
    parameters: dict
    articles: pd.DataFrame
    tables: dict
    measures: pd.DataFrame
    estimates: pd.DataFrame
    wire: Any
    colors: dict
    codebook: Any = None
    event_id: str = ""
    missing_features: list = field(default_factory=list)
    errors: pd.DataFrame = field(default_factory=lambda: schema.empty_frame("errors"))
    records: list = field(default_factory=list)

    # ------------------------------------------------------------------ output

    def provenance(self, figure: str = "") -> dict:
        """The provenance dict of a figure of this report (:mod:`toolkit.provenance`)."""
        from .provenance import provenance

        return provenance(corpus=self.corpus, codebook=self.codebook, notebook=self.notebook,
                          parameters=self.parameters, figure=figure)

    def figure_name(self, figure: str) -> str:
        """``<notebook>__<figure>[__<event_id>]``."""
        name = f"{self.notebook}__{figure}" if self.notebook else figure
        return f"{name}__{self.event_id}" if self.event_id else name

    def export(self, fig, data: pd.DataFrame, figure: str):
        """Export ``fig`` and its data under this report's name and out_dir (no-op if "")."""
        from .figures import export

        name = self.figure_name(figure)
        rec = export(fig, data, name=name, out_dir=self.out_dir,
                     provenance=self.provenance(name))
        self.records.append(rec)
        return rec

    def summary(self) -> pd.DataFrame:
        """Articles, words and instances per outlet (plus errors and missing extractors)."""
        a = self.articles
        out = a.groupby("outlet").agg(articles=("doc_id", "size"), words=("n_words", "sum"),
                                      events=("event_id", "nunique"))
        for name, t in self.tables.items():
            per = (t.merge(a[["doc_id", "outlet"]], on="doc_id")
                   .groupby("outlet").size() if len(t) else pd.Series(dtype=int))
            out[name] = per.reindex(out.index, fill_value=0).astype(int)
        out.attrs["missing_features"] = list(self.missing_features)
        out.attrs["errors"] = len(self.errors)
        return out.reset_index()

    # ------------------------------------------------------------------ overview

    def _with_outlet(self, name: str) -> pd.DataFrame:
        t = self.tables.get(name)
        if t is None or not len(t):
            return pd.DataFrame(columns=["doc_id", "outlet"])
        return t.merge(self.articles[["doc_id", "outlet", "event_id"]], on="doc_id",
                       how="inner")

    def coverage(self) -> pd.DataFrame:
        """``outlet, published, n_articles``: articles per outlet and publication day."""
        a = self.articles.assign(published=self.articles["published"].astype(str))
        return (a.groupby(["outlet", "published"]).size().rename("n_articles")
                .reset_index().sort_values(["outlet", "published"], ignore_index=True))

    def event_counts(self) -> pd.DataFrame:
        """``event_id, outlet, n_articles`` (articles without an event are left out)."""
        a = self.articles[self.articles["event_id"].notna()]
        return (a.groupby(["event_id", "outlet"]).size().rename("n_articles")
                .reset_index().sort_values(["event_id", "outlet"], ignore_index=True))

    def wire_flags(self) -> pd.DataFrame:
        """Articles flagged as wire copy: ``doc_id, outlet, wire_group, group_size``."""
        g = self.wire.groups
        g = g[g["group_size"] > 1].merge(self.articles[["doc_id", "outlet"]], on="doc_id")
        return g[["doc_id", "outlet", "wire_group", "group_size"]].sort_values(
            ["wire_group", "doc_id"], ignore_index=True)

    # ------------------------------------------------------------------ features

    def verb_shares(self) -> pd.DataFrame:
        """``outlet, verb_class, share, n``: attributions per reporting-verb class."""
        t = self._with_outlet("attribution")
        if "verb_class" not in t:
            return _shares(pd.DataFrame(columns=["outlet", "verb_class"]), "verb_class")
        # floating quotations have no cue of their own, so no verb class: name them
        cls = t["verb_class"].fillna("").replace("", NO_CUE)
        return _shares(t.assign(verb_class=cls), "verb_class")

    def voice(self) -> pd.DataFrame:
        """``actor, outlet, share, n``: share of each outlet's attributions voiced by an actor."""
        t = self._with_outlet("attribution")
        actor = t["actor"] if "actor" in t else pd.Series(None, index=t.index, dtype=object)
        t = t.assign(actor=actor.map(_first).fillna(UNRESOLVED))
        return _shares(t, "actor")[["actor", "outlet", "share", "n"]]

    def agency_shares(self) -> pd.DataFrame:
        """``outlet, agency_class, share, n``: casualty mentions per agency class."""
        t = self._with_outlet("agency")
        if "agency_class" not in t:
            return _shares(pd.DataFrame(columns=["outlet", "agency_class"]), "agency_class")
        return _shares(t.assign(agency_class=t["agency_class"].fillna("(none)")),
                       "agency_class")

    def named_agents(self, top: int = 12) -> pd.DataFrame:
        """``agent, outlet, n``: the ``top`` most often named agents of harm.

        The agent is the codebook actor when resolved, else the agent's text.
        """
        t = self._with_outlet("agency")
        cols = ["agent", "outlet", "n"]
        if not len(t):
            return pd.DataFrame(columns=cols)
        text = t["agent_text"] if "agent_text" in t else pd.Series("", index=t.index)
        actor = t["actor"].map(_first) if "actor" in t else pd.Series(None, index=t.index)
        agent = actor.where(actor.notna(), text.where(text.astype(bool), None))
        t = t.assign(agent=agent).dropna(subset=["agent"])
        if not len(t):
            return pd.DataFrame(columns=cols)
        n = t.groupby(["agent", "outlet"]).size().rename("n").reset_index()
        keep = n.groupby("agent")["n"].sum().sort_values(ascending=False, kind="stable")
        keep = sorted(keep.index[:top])
        return n[n["agent"].isin(keep)].sort_values(["agent", "outlet"], ignore_index=True)

    def denial_counts(self) -> pd.DataFrame:
        """``outlet, actor, paired, n``: denials per denying actor, with/without the accusation."""
        t = self._with_outlet("denials")
        cols = ["outlet", "actor", "paired", "n"]
        if not len(t):
            return pd.DataFrame(columns=cols)
        actor = t["actors"] if "actors" in t else t.get("actor", pd.Series(None, index=t.index))
        paired = (t["accusation_in_article"] if "accusation_in_article" in t
                  else pd.Series(False, index=t.index))
        t = t.assign(actor=actor.map(_first).fillna(UNRESOLVED), paired=paired.map(_truthy))
        return (t.groupby(["outlet", "actor", "paired"]).size().rename("n").reset_index()
                .sort_values(["outlet", "actor", "paired"], ignore_index=True)[cols])

    def dots(self, family: str | Sequence[str], *, kind: str = "share") -> pd.DataFrame:
        """Estimates of one measure family (``kind`` share/count/rate/all) for the dot plot.

        Rows for this report's event (``event_id``), or over all articles (``ALL``).
        """
        from .measures import measure_kind

        est = self.estimates
        fams = (family,) if isinstance(family, str) else tuple(family)
        ev = self.event_id or "ALL"
        m = est["measure"].astype(str)
        keep = (est["event_id"].astype(str) == ev) & m.str.startswith(tuple(f + "_" for f in fams))
        if kind != "all":
            keep &= m.map(measure_kind) == kind
        return est[keep & est["estimate"].notna()].reset_index(drop=True)

    def evidence(self, feature: str, span_col: str, *, measure: str | None = None,
                 width: int = 60) -> pd.DataFrame:
        """Keyword-in-context rows (:func:`toolkit.evidence.evidence`) of one feature table.

        Text is raw; a DataFrame shown in Jupyter is escaped by pandas, and
        :func:`toolkit.evidence.to_html` escapes for any other HTML.
        """
        from .evidence import evidence

        t = self.tables.get(feature)
        keep = set(self.articles["doc_id"].astype(str))
        arts = [a for a in self.corpus if a.doc_id in keep]
        if t is None or not len(t) or span_col not in t:
            return pd.DataFrame(columns=["doc_id", "outlet", "event_id", "left", "match",
                                         "right"])
        return evidence(t, arts, self.articles, span_col=span_col, measure=measure,
                        width=width)

    def fingerprint(self, **kwargs) -> pd.DataFrame:
        """Fit :func:`toolkit.fingerprint.fingerprint` and return its one-row summary.

        Too few articles (fewer than two outlets with two articles each) gives a
        summary row with the ``reason`` instead of an exception, and empty
        :meth:`confusion` / :meth:`weights` tables.
        """
        from .fingerprint import fingerprint

        seed = self.parameters.get("seed", 0)
        try:
            self._fp = fingerprint(self.measures, self.articles, seed=seed, **kwargs)
        except ValueError as exc:
            self._fp = None
            return pd.DataFrame([{"accuracy": float("nan"), "baseline": float("nan"),
                                  "n_articles": len(self.articles), "reason": str(exc)}])
        return self._fp.summary()

    def confusion(self) -> pd.DataFrame:
        """``true, predicted, n``: the fingerprint's out-of-fold confusion matrix, long form."""
        fp = getattr(self, "_fp", None)
        if fp is None:
            return pd.DataFrame(columns=["true", "predicted", "n"])
        c = fp.confusion.copy()
        c.index.name, c.columns.name = "true", "predicted"
        return (c.stack().rename("n").reset_index()
                .astype({"true": str, "predicted": str, "n": int}))

    def weights(self, k: int = 5) -> pd.DataFrame:
        """``feature, outlet, weight``: the ``k`` largest coefficients per outlet."""
        fp = getattr(self, "_fp", None)
        if fp is None:
            return pd.DataFrame(columns=["feature", "outlet", "weight"])
        top = fp.top_features(k)
        return pd.DataFrame({"feature": top["measure"].astype(str),
                             "outlet": top["outlet"].astype(str),
                             "weight": top["coefficient"].astype(float)})


def load(corpus_path: str | Path):
    """``(corpus, codebook)``: the corpus at ``corpus_path`` and its codebook (or the empty one)."""
    from .actors import load_codebook
    from .corpus import load_corpus

    corpus = load_corpus(resolve_corpus_path(corpus_path))
    return corpus, load_codebook(corpus.codebook_path if corpus.codebook_path else None)


def warm_cache(corpus_path: str | Path, *, jobs: int = 1,
               features: Sequence[str] = FEATURES) -> dict:
    """Extract every feature of a corpus into the on-disk feature cache, ``jobs`` processes.

    Run once before many notebooks over the same corpus (``mbt batch`` does), so
    each notebook's :func:`prepare` reads the tables instead of tagging again.
    Returns the pipeline's ``stats`` (documents, tagged, cache hits).
    """
    from . import pipeline

    corpus, codebook = load(corpus_path)
    tables = pipeline.run(corpus, features=available_features(features), codebook=codebook,
                          feature_cache=True, jobs=jobs)
    return dict(getattr(tables, "stats", {}) or {})


def prepare(corpus_path: str | Path, *, notebook: str = "", out_dir: str = "",
            event_id: str = "", outlets: Sequence[str] = (), exclude_wire: bool = False,
            seed: int = 0, n_boot: int = 1000, features: Sequence[str] = FEATURES,
            first_event: bool = False, feature_cache: Any = True) -> Report:
    """Load a corpus, run the extractors, and compute measures and estimates.

    Parameters
    ----------
    corpus_path : path
        Any source :func:`toolkit.corpus.load_corpus` reads (a corpus folder, a
        ``.jsonl.gz`` such as BASIL's). The corpus's codebook is used when it
        has one; otherwise actors stay unresolved.
    notebook, out_dir : str
        Figure names and destination (see :meth:`Report.export`).
    event_id : str
        Keep only this event ("" = all). With ``first_event`` and no
        ``event_id``, the first event id in sorted order is used.
    outlets : list of str
        Keep only these outlets ([] = all).
    exclude_wire : bool
        Drop wire copies (keep the earliest article of each wire group) from
        tables and estimates.
    seed, n_boot : int
        Bootstrap seed and replicates for :func:`toolkit.compare.estimate`.
    features : names of extractors to run (those not installed are listed in
        ``missing_features`` and give empty tables).
    feature_cache : True, None or path
        Passed to :func:`toolkit.pipeline.run`: per-document feature tables are
        reused from the on-disk cache (``$MBT_CACHE_DIR``), keyed by extractor,
        lexicon and codebook versions, so the many runs of a batch tag each
        article once. None turns it off.
    """
    from . import compare, events, measures, pipeline

    corpus, codebook = load(corpus_path)
    known_events = sorted({a.event_id for a in corpus if a.event_id})
    if first_event and not event_id and known_events:
        event_id = known_events[0]
    if event_id and event_id not in known_events:
        raise ToolkitError(f"event {event_id!r} not in corpus {corpus.name!r}; known: "
                           f"{', '.join(known_events[:20])}")
    all_outlets = sorted({a.outlet for a in corpus})
    unknown = [o for o in outlets if o not in all_outlets]
    if unknown:
        raise ToolkitError(f"outlet(s) {unknown} not in corpus {corpus.name!r}; known: "
                           f"{', '.join(all_outlets)}")
    selected = [a for a in corpus if (not event_id or a.event_id == event_id)
                and (not outlets or a.outlet in outlets)]
    wanted = list(features)
    have = available_features(wanted)
    tables = pipeline.run(selected, features=have, codebook=codebook,
                          feature_cache=feature_cache)
    for name in wanted:
        if name not in tables.tables:
            tables.tables[name] = pd.DataFrame(columns=["doc_id"])
    wire = events.detect_wire_copy(selected)
    articles = events.with_wire_groups(tables.articles, wire)
    if exclude_wire:
        articles = compare.drop_wire_copies(articles)
    keep = set(articles["doc_id"].astype(str))
    feats = {k: v[v["doc_id"].astype(str).isin(keep)].reset_index(drop=True)
             for k, v in tables.tables.items()}
    meas = measures.article_measures({"articles": articles, **{k: feats[k] for k in have}})
    est = compare.estimate(meas, articles, n_boot=n_boot, seed=seed)
    params = {"corpus_path": str(corpus_path), "event_id": event_id, "outlets": list(outlets),
              "exclude_wire": bool(exclude_wire), "seed": int(seed), "n_boot": int(n_boot)}
    from .figures import outlet_colors

    return Report(corpus=corpus, notebook=notebook, out_dir=out_dir, parameters=params,
                  articles=articles.reset_index(drop=True), tables=feats, measures=meas,
                  estimates=est, wire=wire, colors=outlet_colors(all_outlets),
                  codebook=codebook, event_id=event_id,
                  missing_features=[f for f in wanted if f not in have], errors=tables.errors)
