"""The publication template ``"mbt"``, stable outlet colours and the one escaping helper.

Every figure the toolkit draws uses the plotly template registered here as
``plotly.io.templates["mbt"]``: a white background, a readable sans-serif font
at sizes that survive being printed in a two-column paper, light grid lines,
and the Okabe-Ito palette, which stays distinguishable under the common forms
of colour-vision deficiency (Okabe & Ito 2008).

Outlets keep one colour across every figure of a report: :func:`outlet_colors`
assigns palette entries in sorted order of outlet id, so the same set of
outlets always gives the same mapping. Pass the *full* outlet list of a corpus
(not just the outlets present in one table) to keep colours fixed when a
figure shows a subset.

Any corpus text shown in a hover label or a table cell goes through
:func:`escape_html` (:func:`toolkit.evidence.escape_html`, re-exported here; nowhere
else escapes ad hoc): plotly renders hover
text as HTML, so an article containing ``<script>`` or ``&amp;`` must be
escaped once, here.

References
----------
Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures
and presentations that are friendly to colorblind people. J*FLY.

Examples
--------
>>> outlet_colors(["sentinel", "courier", "meridian"])
{'courier': '#E69F00', 'meridian': '#56B4E9', 'sentinel': '#009E73'}
>>> escape_html('<b>"Rebels" & co</b>')
'&lt;b&gt;&quot;Rebels&quot; &amp; co&lt;/b&gt;'
>>> import plotly.io as pio
>>> "mbt" in pio.templates
True
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

# the toolkit's one escaping helper lives with the evidence tables; figures re-use it
from ..evidence import escape_html  # noqa: F401

#: Okabe-Ito palette (black moved last: it reads as "text", not as a series).
OKABE_ITO: tuple[str, ...] = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2",
                              "#D55E00", "#CC79A7", "#000000")
#: Colour for "other" / missing categories.
GREY = "#999999"
FONT = "Arial, Helvetica, 'Liberation Sans', sans-serif"
WIDTH, HEIGHT = 900, 520


def outlet_colors(outlets: Iterable[str]) -> dict[str, str]:
    """Map each distinct outlet id to a palette colour, in sorted order of id.

    Beyond eight outlets the palette repeats (a figure with more outlets than
    distinguishable colours should facet, not colour).
    """
    ids = sorted({str(o) for o in outlets if not pd.isna(o)})
    return {o: OKABE_ITO[i % len(OKABE_ITO)] for i, o in enumerate(ids)}


def category_colors(categories: Iterable[str]) -> dict[str, str]:
    """Colours for an ordered list of categories (ladder rungs, verb classes), in given order."""
    out: dict[str, str] = {}
    for c in categories:
        if c not in out:
            out[c] = OKABE_ITO[len(out) % len(OKABE_ITO)]
    return out


def _template() -> go.layout.Template:
    axis = dict(showgrid=True, gridcolor="#E5E5E5", zeroline=False, linecolor="#444444",
                ticks="outside", tickcolor="#444444", title=dict(standoff=8),
                automargin=True)
    return go.layout.Template(layout=go.Layout(
        font=dict(family=FONT, size=14, color="#222222"),
        title=dict(font=dict(size=18), x=0.0, xanchor="left"),
        colorway=list(OKABE_ITO),
        paper_bgcolor="white", plot_bgcolor="white",
        xaxis=axis, yaxis=axis,
        legend=dict(title=dict(font=dict(size=13)), font=dict(size=13)),
        hoverlabel=dict(font=dict(family=FONT, size=13)),
        margin=dict(l=70, r=30, t=70, b=60),
        width=WIDTH, height=HEIGHT,
    ))


pio.templates["mbt"] = _template()
