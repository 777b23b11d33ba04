"""One function per chart: a tidy table in, a ``plotly.graph_objects.Figure`` out.

No statistics happen here. Every function draws the rows it is given, so the
CSV that :func:`toolkit.figures.export` writes next to a figure *is* the data
plotted (the split seaborn makes between its ``_statistics`` and plotting
code). Counting, shares, bootstrap intervals and classifiers live upstream
(:mod:`toolkit.report`, :mod:`toolkit.compare`, :mod:`toolkit.fingerprint`).

Conventions shared by all charts:

- the template is ``"mbt"`` (:mod:`toolkit.figures.theme`);
- a trace per outlet is coloured from ``colors`` (an outlet -> colour mapping,
  by default :func:`~toolkit.figures.theme.outlet_colors` of the outlets in the
  table; pass the corpus-wide mapping to keep colours fixed across figures);
- every label that comes from corpus text (outlet, actor, agent, event id) is
  passed through :func:`~toolkit.figures.theme.escape_html` once, here, before
  it reaches a tick label or hover label;
- an empty table gives an empty figure with its title and an annotation saying
  there is nothing to show, never an exception.

Examples
--------
>>> import pandas as pd
>>> shares = pd.DataFrame({"outlet": ["a", "a", "b"], "agency_class": ["named", "agentless",
...                        "agentless"], "share": [0.25, 0.75, 1.0], "n": [1, 3, 2]})
>>> fig = agency_ladder(shares, order=["named", "agentless"])
>>> [t.name for t in fig.data], list(fig.data[0].x), list(fig.data[0].y)
(['named', 'agentless'], [0.25], ['a'])
>>> fig.layout.barmode, fig.layout.template.layout.font.size
('stack', 14)
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from .theme import GREY, category_colors, escape_html, outlet_colors

__all__ = [
    "agency_ladder",
    "articles_per_event",
    "confusion_matrix",
    "coverage_timeline",
    "denials_paired",
    "feature_bars",
    "measure_dots",
    "named_counts",
    "verb_mix",
    "voice_share",
]


def _figure(title: str, *, x: str = "", y: str = "", **layout) -> go.Figure:
    fig = go.Figure()
    fig.update_layout(template="mbt", title=dict(text=escape_html(title)),
                      xaxis_title=escape_html(x), yaxis_title=escape_html(y), **layout)
    return fig


def _empty(fig: go.Figure, table: pd.DataFrame) -> bool:
    if len(table):
        return False
    fig.add_annotation(text="no rows to show", showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper", font=dict(size=16, color=GREY))
    return True


def _require(table: pd.DataFrame, cols: Sequence[str], chart: str) -> None:
    missing = [c for c in cols if c not in table.columns]
    if missing:
        raise ValueError(f"{chart}: table lacks column(s) {missing}; has {list(table.columns)}")


def _colors(table: pd.DataFrame, colors: Mapping[str, str] | None) -> Mapping[str, str]:
    return colors if colors is not None else outlet_colors(table["outlet"])


def _ordered(values, order: Sequence[str] | None) -> list:
    seen = list(dict.fromkeys(str(v) for v in values))
    if not order:
        return sorted(seen)
    return [o for o in order if o in seen] + sorted(v for v in seen if v not in order)


def _stacked(table: pd.DataFrame, *, part: str, order, title: str, x_title: str,
             legend: str) -> go.Figure:
    """Horizontal 100% bars: one row per outlet, one stacked segment per ``part`` value."""
    _require(table, ["outlet", part, "share", "n"], title)
    fig = _figure(title, x=x_title, y="outlet", barmode="stack", legend_title_text=legend,
                  legend_traceorder="normal")
    fig.update_xaxes(range=[0, 1], tickformat=".0%")
    if _empty(fig, table):
        return fig
    parts = _ordered(table[part], order)
    colors = category_colors(parts)
    outlets = sorted(table["outlet"].astype(str).unique(), reverse=True)
    fig.update_yaxes(categoryorder="array", categoryarray=[escape_html(o) for o in outlets])
    for p in parts:
        rows = table[table[part].astype(str) == p]
        fig.add_bar(name=escape_html(p), orientation="h", marker_color=colors[p],
                    x=rows["share"].tolist(), y=[escape_html(o) for o in rows["outlet"]],
                    customdata=rows["n"].tolist(),
                    hovertemplate=f"{escape_html(p)}: %{{x:.1%}} (n=%{{customdata}})"
                                  "<extra>%{y}</extra>")
    return fig


def agency_ladder(shares: pd.DataFrame, *, order: Sequence[str] | None = None,
                  title: str = "Who is made the doer of harm: agency ladder per outlet"
                  ) -> go.Figure:
    """Stacked shares of casualty mentions per agency class, one bar per outlet.

    ``shares``: columns ``outlet, agency_class, share, n`` (share of the outlet's
    casualty mentions in that class; n the count). ``order`` lists the rungs from
    most to least explicit agency (e.g. named active agent ... agentless).
    """
    return _stacked(shares, part="agency_class", order=order, title=title,
                    x_title="share of casualty mentions", legend="agency class")


def verb_mix(shares: pd.DataFrame, *, order: Sequence[str] | None = None,
             title: str = "Reporting verbs by class, per outlet") -> go.Figure:
    """Stacked shares of attributions per reporting-verb class, one bar per outlet.

    ``shares``: columns ``outlet, verb_class, share, n``.
    """
    return _stacked(shares, part="verb_class", order=order, title=title,
                    x_title="share of attributions", legend="verb class")


def _grouped(table: pd.DataFrame, *, item: str, value: str, colors, title: str,
             x_title: str, y_title: str, orientation: str = "v") -> go.Figure:
    fig = _figure(title, x=x_title, y=y_title, barmode="group", legend_title_text="outlet")
    if _empty(fig, table):
        return fig
    colors = _colors(table, colors)
    items = _ordered(table[item], None)
    for outlet in sorted(table["outlet"].astype(str).unique()):
        rows = table[table["outlet"].astype(str) == outlet]
        labels = [escape_html(v) for v in rows[item]]
        vals = rows[value].tolist()
        xy = dict(x=labels, y=vals) if orientation == "v" else dict(x=vals, y=labels)
        fig.add_bar(name=escape_html(outlet), marker_color=colors.get(outlet, GREY),
                    orientation=orientation, customdata=rows["n"].tolist(),
                    hovertemplate=f"{escape_html(outlet)}: %{{{'y' if orientation == 'v' else 'x'}}}"
                                  " (n=%{customdata})<extra></extra>", **xy)
    axis = fig.update_xaxes if orientation == "v" else fig.update_yaxes
    axis(categoryorder="array", categoryarray=[escape_html(i) for i in items])
    return fig


def voice_share(shares: pd.DataFrame, *, colors: Mapping[str, str] | None = None,
                title: str = "Who speaks: share of attributions per actor") -> go.Figure:
    """Grouped bars: for each actor, the share of each outlet's attributions it voices.

    ``shares``: columns ``actor, outlet, share, n``.
    """
    _require(shares, ["actor", "outlet", "share", "n"], "voice_share")
    fig = _grouped(shares, item="actor", value="share", colors=colors, title=title,
                   x_title="actor (source of the attribution)", y_title="share of attributions")
    fig.update_yaxes(tickformat=".0%")
    return fig


def named_counts(counts: pd.DataFrame, *, item: str = "agent",
                 colors: Mapping[str, str] | None = None,
                 title: str = "Named agents of harm, per outlet") -> go.Figure:
    """Horizontal grouped bars: how often each outlet names each ``item`` (agent, source).

    ``counts``: columns ``<item>, outlet, n``.
    """
    _require(counts, [item, "outlet", "n"], "named_counts")
    return _grouped(counts, item=item, value="n", colors=colors, title=title,
                    x_title="mentions", y_title=item, orientation="h")


def denials_paired(counts: pd.DataFrame, *,
                   title: str = "Whose denials are reported, and with the accusation?"
                   ) -> go.Figure:
    """Stacked bars per outlet x denying actor: denials paired with an accusation or not.

    ``counts``: columns ``outlet, actor, paired, n`` (``paired`` is a bool).
    """
    _require(counts, ["outlet", "actor", "paired", "n"], "denials_paired")
    fig = _figure(title, x="outlet / denying actor", y="denials", barmode="stack",
                  legend_title_text="accusation reported", legend_traceorder="normal")
    if _empty(fig, counts):
        return fig
    colors = {True: "#0072B2", False: "#D55E00"}
    ordered = counts.sort_values(["outlet", "actor"], kind="stable")
    for paired, label in ((True, "paired"), (False, "unpaired")):
        rows = ordered[ordered["paired"].astype(bool) == paired]
        fig.add_bar(name=label, marker_color=colors[paired],
                    x=[[escape_html(o) for o in rows["outlet"]],
                       [escape_html(a) for a in rows["actor"]]],
                    y=rows["n"].tolist(),
                    hovertemplate=f"{label}: %{{y}}<extra>%{{x}}</extra>")
    return fig


def coverage_timeline(counts: pd.DataFrame, *, colors: Mapping[str, str] | None = None,
                      title: str = "Coverage over time, per outlet") -> go.Figure:
    """Articles per publication day, one line per outlet.

    ``counts``: columns ``outlet, published, n_articles``.
    """
    _require(counts, ["outlet", "published", "n_articles"], "coverage_timeline")
    fig = _figure(title, x="publication date", y="articles", legend_title_text="outlet")
    if _empty(fig, counts):
        return fig
    colors = _colors(counts, colors)
    for outlet in sorted(counts["outlet"].astype(str).unique()):
        rows = counts[counts["outlet"].astype(str) == outlet].sort_values("published")
        fig.add_scatter(name=escape_html(outlet), mode="lines+markers",
                        line_color=colors.get(outlet, GREY),
                        x=rows["published"].astype(str).tolist(),
                        y=rows["n_articles"].tolist(),
                        hovertemplate=f"{escape_html(outlet)}: %{{y}} on %{{x}}<extra></extra>")
    fig.update_yaxes(rangemode="tozero")
    return fig


def articles_per_event(counts: pd.DataFrame, *, colors: Mapping[str, str] | None = None,
                       title: str = "Articles per event, by outlet") -> go.Figure:
    """Stacked bars: one bar per event, one segment per outlet.

    ``counts``: columns ``event_id, outlet, n_articles``.
    """
    _require(counts, ["event_id", "outlet", "n_articles"], "articles_per_event")
    fig = _figure(title, x="event", y="articles", barmode="stack", legend_title_text="outlet")
    if _empty(fig, counts):
        return fig
    colors = _colors(counts, colors)
    for outlet in sorted(counts["outlet"].astype(str).unique()):
        rows = counts[counts["outlet"].astype(str) == outlet]
        fig.add_bar(name=escape_html(outlet), marker_color=colors.get(outlet, GREY),
                    x=[escape_html(e) for e in rows["event_id"]], y=rows["n_articles"].tolist(),
                    hovertemplate=f"{escape_html(outlet)}: %{{y}}<extra>%{{x}}</extra>")
    fig.update_xaxes(categoryorder="category ascending")
    return fig


def measure_dots(estimates: pd.DataFrame, *, colors: Mapping[str, str] | None = None,
                 labels: Mapping[str, str] | None = None,
                 title: str = "Outlet measures with bootstrap confidence intervals"
                 ) -> go.Figure:
    """Dot plot: one row per measure, one dot per outlet, horizontal CI error bars.

    ``estimates``: :data:`toolkit.schema.ESTIMATES` columns (``outlet, measure,
    estimate, ci_low, ci_high, n_articles, small_n`` are used). Small-n cells
    (``small_n`` true) are drawn as hollow markers. ``labels`` renames measures.
    """
    _require(estimates, ["outlet", "measure", "estimate", "ci_low", "ci_high"], "measure_dots")
    fig = _figure(title, x="estimate (95% CI)", y="measure", legend_title_text="outlet")
    if _empty(fig, estimates):
        return fig
    colors = _colors(estimates, colors)
    labels = labels or {}
    outlets = sorted(estimates["outlet"].astype(str).unique())
    for outlet in outlets:
        rows = estimates[estimates["outlet"].astype(str) == outlet]
        est = rows["estimate"].astype(float)
        small = (rows["small_n"].fillna(False).astype(bool) if "small_n" in rows
                 else pd.Series(False, index=rows.index))
        n = rows["n_articles"].tolist() if "n_articles" in rows else [None] * len(rows)
        fig.add_scatter(
            name=escape_html(outlet), mode="markers", orientation="h",
            x=est.tolist(), y=[escape_html(labels.get(m, m)) for m in rows["measure"]],
            error_x=dict(type="data", symmetric=False,
                         array=(rows["ci_high"].astype(float) - est).tolist(),
                         arrayminus=(est - rows["ci_low"].astype(float)).tolist(),
                         color=colors.get(outlet, GREY), thickness=1.5, width=0),
            marker=dict(color=colors.get(outlet, GREY), size=10,
                        symbol=["circle-open" if s else "circle" for s in small]),
            customdata=n,
            hovertemplate=f"{escape_html(outlet)}: %{{x:.3f}} (n articles=%{{customdata}})"
                          "<extra>%{y}</extra>")
    fig.update_layout(scattermode="group", scattergap=0.3,
                      height=max(360, 110 + 45 * estimates["measure"].nunique()))
    fig.update_yaxes(autorange="reversed")
    return fig


def confusion_matrix(matrix: pd.DataFrame, *,
                     title: str = "Which outlet wrote it? Cross-validated confusion matrix"
                     ) -> go.Figure:
    """Heatmap of a long confusion table: columns ``true, predicted, n``."""
    _require(matrix, ["true", "predicted", "n"], "confusion_matrix")
    fig = _figure(title, x="predicted outlet", y="true outlet")
    if _empty(fig, matrix):
        return fig
    wide = matrix.pivot_table(index="true", columns="predicted", values="n", aggfunc="sum",
                              fill_value=0)
    labels = sorted(set(wide.index) | set(wide.columns))
    wide = wide.reindex(index=labels, columns=labels, fill_value=0)
    esc = [escape_html(v) for v in labels]
    fig.add_heatmap(z=wide.values.tolist(), x=esc, y=esc, colorscale="Blues",
                    text=wide.values.tolist(), texttemplate="%{text}",
                    hovertemplate="true %{y}, predicted %{x}: %{z}<extra></extra>")
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(showgrid=False)
    return fig


def feature_bars(weights: pd.DataFrame, *, colors: Mapping[str, str] | None = None,
                 title: str = "What tells the outlets apart: classifier weights"
                 ) -> go.Figure:
    """Horizontal grouped bars of per-outlet feature weights: columns ``feature, outlet, weight``."""
    _require(weights, ["feature", "outlet", "weight"], "feature_bars")
    table = weights.assign(n=weights["weight"].round(3)) if "n" not in weights else weights
    return _grouped(table, item="feature", value="weight", colors=colors, title=title,
                    x_title="weight (standardised features)", y_title="feature",
                    orientation="h")
