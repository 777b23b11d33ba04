"""Figures: the ``"mbt"`` plotly template, one function per chart, and export with provenance.

``import toolkit.figures`` registers the template, so every chart function and
``plotly.io.templates["mbt"]`` are ready to use::

    fig = tk.figures.agency_ladder(shares)
    tk.figures.export(fig, shares, name="20_casualty_agency__ladder",
                      out_dir=out_dir, provenance=prov)

>>> import toolkit.figures as f
>>> sorted(f.outlet_colors(["b", "a"]))
['a', 'b']
"""
from __future__ import annotations

from .charts import (
                     agency_ladder,
                     articles_per_event,
                     confusion_matrix,
                     coverage_timeline,
                     denials_paired,
                     feature_bars,
                     measure_dots,
                     named_counts,
                     verb_mix,
                     voice_share,
)
from .export import FigureRecord, export, static_unavailable, table_csv
from .theme import OKABE_ITO, escape_html, outlet_colors

__all__ = [
                     "OKABE_ITO",
                     "FigureRecord",
                     "agency_ladder",
                     "articles_per_event",
                     "confusion_matrix",
                     "coverage_timeline",
                     "denials_paired",
                     "escape_html",
                     "export",
                     "feature_bars",
                     "measure_dots",
                     "named_counts",
                     "outlet_colors",
                     "static_unavailable",
                     "table_csv",
                     "verb_mix",
                     "voice_share",
]
