"""Evidence and placement: the sentences behind every number, and where they sit.

An estimate such as "outlet X names the agent in 40 % of casualty mentions"
must be checkable against the text. :func:`evidence` turns any instance table
(or the rows a measure counts, via ``measure=``) into keyword-in-context rows
in the shape of textacy's ``keyword_in_context``: ``left``, ``match``,
``right``, with the article's outlet and event and the instance's class
columns, so a reader can sort, filter and read them. :func:`escape_html` is the
one helper that makes article text safe to show in HTML (figures' hovers,
evidence tables).

Placement matters as much as frequency: a denial in the headline is read by
everyone, one in paragraph twelve by few (the inverted pyramid of news
writing). :func:`placement` adds where each instance sits, and
:func:`placement_summary` compares outlets on it.

>>> import pandas as pd
>>> text = "Officials said 14 people were killed. The army denied it."
>>> t = pd.DataFrame({"doc_id": ["a"], "segment": ["body"], "paragraph": [0], "sentence": [1],
...                   "cue": [[[47, 53]]], "kind": ["denial"]})
>>> arts = pd.DataFrame({"doc_id": ["a"], "outlet": ["x"], "event_id": ["e1"]})
>>> rows = evidence(t, {"a": text}, arts, span_col="cue", width=10)
>>> rows[["outlet", "left", "match", "right", "kind"]].iloc[0].tolist()
['x', ' The army ', 'denied', ' it.', 'denial']
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from .measures import instance_mask

#: The position columns every instance table starts with.
POSITION = ("doc_id", "segment", "paragraph", "sentence")


def escape_html(text: Any) -> str:
    """Article text made safe for HTML (``&``, ``<``, ``>``, quotes); None -> "".

    >>> escape_html('He said "<b>no</b>" & left')
    'He said &quot;&lt;b&gt;no&lt;/b&gt;&quot; &amp; left'
    """
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return ""
    return html.escape(str(text), quote=True)


def _is_span_list(v: Any) -> bool:
    if not isinstance(v, (list, tuple)) or not v:
        return False
    return all(isinstance(p, (list, tuple)) and len(p) == 2
               and all(isinstance(x, (int, np.integer)) for x in p) for p in v)


def span_columns(table: pd.DataFrame) -> list[str]:
    """Columns holding lists of ``[start, end]`` pairs (judged on their first non-empty value)."""
    cols = []
    for c in table.columns:
        for v in table[c]:
            if isinstance(v, (list, tuple)) and v:
                if _is_span_list(v):
                    cols.append(c)
                break
    return cols


def _texts(docs_or_texts: Any, articles: pd.DataFrame | None) -> tuple[dict, dict]:
    """(doc_id -> body text, doc_id -> title) from docs, articles or a mapping of texts."""
    bodies: dict[str, str] = {}
    titles: dict[str, str] = {}
    items = docs_or_texts.items() if isinstance(docs_or_texts, Mapping) else \
        ((getattr(d, "doc_id", None), d) for d in docs_or_texts)
    for key, d in items:
        if isinstance(d, str):
            bodies[str(key)] = d
        else:
            doc_id = str(getattr(d, "doc_id", key))
            bodies[doc_id] = getattr(d, "text", "")
            if getattr(d, "title", None) is not None:
                titles[doc_id] = d.title
    if articles is not None and "title" in articles.columns:
        for doc_id, title in zip(articles["doc_id"].astype(str), articles["title"]):
            titles.setdefault(doc_id, "" if title is None else str(title))
    return bodies, titles


def _flat(s: str) -> str:
    return s.replace("\r", " ").replace("\n", " ")


def evidence(table: pd.DataFrame, docs_or_texts: Any, articles: pd.DataFrame | None = None,
             *, span_col: str, measure: str | None = None, width: int = 60) -> pd.DataFrame:
    """Keyword-in-context rows for the instances of a feature table.

    Parameters
    ----------
    table : DataFrame
        An instance table (attribution, agency, denials).
    docs_or_texts : mapping or iterable
        ``doc_id -> text``, ``doc_id -> ProcessedDoc``/``Article``, or an
        iterable of ProcessedDoc/Article. Headline rows (``segment ==
        "title"``) are cut from the title: from the docs, or else from
        ``articles.title``.
    articles : DataFrame, optional
        ``doc_id, outlet, event_id`` (and ``title``).
    span_col : str
        The span column shown as ``match`` (e.g. ``"cue"``, ``"source"``,
        ``"trigger"``). Several spans (a quote over two paragraphs) are shown
        from the first start to the last end.
    measure : str, optional
        Keep only the rows a measure counts (its numerator), e.g.
        ``"agency_agentless_passive_share"``; see
        :func:`toolkit.measures.instance_mask`.
    width : int
        Characters of context on each side. Line breaks are shown as spaces.

    Returns
    -------
    DataFrame
        ``doc_id, outlet, event_id, segment, paragraph, sentence, start, end,
        left, match, right`` and then the table's other scalar columns (class
        columns such as ``kind``, ``verb_class``, ``actor``). Rows without a
        span in ``span_col`` are left out. Text is raw: escape it with
        :func:`escape_html` (or use :func:`to_html`) before writing HTML.
    """
    if span_col not in table.columns:
        raise KeyError(f"no span column {span_col!r}; span columns: {span_columns(table)}")
    t = table
    if measure is not None:
        t = t[instance_mask(t, measure).to_numpy()]
    bodies, titles = _texts(docs_or_texts, articles)
    spans = set(span_columns(table)) | {span_col}
    extra = [c for c in t.columns if c not in POSITION and c not in spans
             and not c.endswith("_text")]
    meta = {}
    if articles is not None:
        for row in articles.astype({"doc_id": str}).to_dict("records"):
            meta[row["doc_id"]] = (row.get("outlet"), row.get("event_id"))
    rows = []
    for rec in t.to_dict("records"):
        sp = rec[span_col]
        if not _is_span_list(sp):
            continue
        doc_id = str(rec["doc_id"])
        seg = rec.get("segment", "body")
        src = titles.get(doc_id) if seg == "title" else bodies.get(doc_id)
        if src is None:
            raise KeyError(f"no {'title' if seg == 'title' else 'text'} for document {doc_id!r}")
        s, e = int(sp[0][0]), int(sp[-1][1])
        outlet, event_id = meta.get(doc_id, (None, None))
        row = {"doc_id": doc_id, "outlet": outlet, "event_id": event_id, "segment": seg,
               "paragraph": rec.get("paragraph"), "sentence": rec.get("sentence"),
               "start": s, "end": e, "left": _flat(src[max(0, s - width):s]),
               "match": _flat(src[s:e]), "right": _flat(src[e:e + width])}
        row.update({c: rec[c] for c in extra})
        rows.append(row)
    cols = ["doc_id", "outlet", "event_id", "segment", "paragraph", "sentence", "start", "end",
            "left", "match", "right"] + extra
    return pd.DataFrame(rows, columns=cols)


#: The span shown by :func:`trace` for each family, and for measures about another span.
DEFAULT_SPAN: dict[str, str] = {"attribution": "cue", "agency": "trigger", "denials": "cue",
                                "attribution_anonymous_share": "source",
                                "attribution_direct_share": "content"}


def trace(tables: Any, docs_or_texts: Any, articles: pd.DataFrame, *, measure: str,
          outlet: str | None = None, event_id: str = "ALL", span_col: str | None = None,
          width: int = 60) -> pd.DataFrame:
    """The evidence rows behind one estimate (one row of ``compare.estimate``).

    Parameters
    ----------
    tables : FeatureTables or mapping of feature name -> instance table
    docs_or_texts, articles, width : as in :func:`evidence`
    measure : str
        A measure name; its family picks the table (``attribution_*``,
        ``agency_*``, ``denials_*``) and, for a share, its numerator rows.
    outlet, event_id : str
        The estimate's group (``None`` / ``"ALL"``: every outlet / event).
    span_col : str, optional
        The span shown (default :data:`DEFAULT_SPAN`).

    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "segment": ["body"] * 2, "paragraph": [0, 0],
    ...                   "sentence": [0, 0], "cue": [[[0, 6]], [[0, 6]]],
    ...                   "kind": ["denial", "no_comment"]})
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["x", "x"], "event_id": ["e", "e"]})
    >>> trace({"denials": t}, {"a": "denied it", "b": "declined to comment"}, arts,
    ...       measure="denials_no_comment_share", outlet="x")[["doc_id", "match"]].values.tolist()
    [['b', 'declin']]
    """
    from .measures import family_of

    feats = tables.tables if hasattr(tables, "tables") else tables
    family = family_of(measure)
    if family not in feats:
        raise KeyError(f"no {family!r} table for measure {measure!r}; have {sorted(feats)}")
    t = feats[family]
    meta = articles.astype({"doc_id": str})
    keep = pd.Series(True, index=meta.index)
    if outlet is not None:
        keep &= meta["outlet"].astype(str) == str(outlet)
    if event_id not in (None, "ALL"):
        keep &= meta["event_id"].astype(str) == str(event_id)
    t = t[t["doc_id"].astype(str).isin(set(meta.loc[keep, "doc_id"]))]
    col = span_col or DEFAULT_SPAN.get(measure) or DEFAULT_SPAN[family]
    return evidence(t, docs_or_texts, articles, span_col=col, measure=measure, width=width)


def to_html(rows: pd.DataFrame, *, columns: Iterable[str] = ("outlet", "doc_id")) -> str:
    """An HTML table of evidence rows, every text cell escaped, the match in ``<mark>``.

    >>> r = pd.DataFrame({"outlet": ["x"], "doc_id": ["a"], "left": ["<i>"],
    ...                   "match": ["said"], "right": [" & "]})
    >>> print(to_html(r))
    <table class="mbt-evidence">
    <tr><th>outlet</th><th>doc_id</th><th>context</th></tr>
    <tr><td>x</td><td>a</td><td>&lt;i&gt;<mark>said</mark> &amp; </td></tr>
    </table>
    """
    columns = list(columns)
    head = "".join(f"<th>{escape_html(c)}</th>" for c in columns) + "<th>context</th>"
    lines = ['<table class="mbt-evidence">', f"<tr>{head}</tr>"]
    for rec in rows.to_dict("records"):
        cells = "".join(f"<td>{escape_html(rec.get(c))}</td>" for c in columns)
        kwic = (f"{escape_html(rec['left'])}<mark>{escape_html(rec['match'])}</mark>"
                f"{escape_html(rec['right'])}")
        lines.append(f"<tr>{cells}<td>{kwic}</td></tr>")
    lines.append("</table>")
    return "\n".join(lines)


# --------------------------------------------------------------------------- placement


def _n_paragraphs(articles_or_docs: Any) -> dict[str, int]:
    if isinstance(articles_or_docs, pd.DataFrame):
        if "n_paragraphs" not in articles_or_docs.columns:
            raise KeyError("placement needs n_paragraphs per document: pass the ProcessedDocs, "
                           "a mapping doc_id -> n_paragraphs, or a table with n_paragraphs")
        return dict(zip(articles_or_docs["doc_id"].astype(str),
                        articles_or_docs["n_paragraphs"].astype(int)))
    if isinstance(articles_or_docs, Mapping):
        out = {}
        for k, v in articles_or_docs.items():
            out[str(k)] = len(v.paragraphs) if hasattr(v, "paragraphs") else int(v)
        return out
    return {str(d.doc_id): len(d.paragraphs) for d in articles_or_docs}


def placement(table: pd.DataFrame, articles_or_docs: Any) -> pd.DataFrame:
    """Add where each instance sits in its article.

    Parameters
    ----------
    table : DataFrame
        An instance table with ``doc_id, segment, paragraph, sentence``.
    articles_or_docs : iterable of ProcessedDoc, mapping, or DataFrame
        The paragraph count per document: ProcessedDocs, a mapping
        ``doc_id -> n_paragraphs`` (or ``-> ProcessedDoc``), or a table with
        ``doc_id, n_paragraphs``.

    Returns
    -------
    DataFrame
        A copy of ``table`` with ``headline`` (bool: in the headline),
        ``lede`` (bool: in the first body paragraph), ``lede_sentence`` (bool:
        the first body sentence), ``paragraph_rank`` (1-based body paragraph;
        NaN in the headline), ``n_paragraphs``, ``relative_position``
        (0-based paragraph / n_paragraphs: 0 at the top, toward 1 at the end;
        NaN in the headline) and ``position`` (``"headline"``, ``"lede"`` or
        ``"body"``).

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "a"], "segment": ["title", "body", "body"],
    ...                   "paragraph": [0, 0, 3], "sentence": [0, 0, 5]})
    >>> placement(t, {"a": 4})[["position", "paragraph_rank", "relative_position"]]
       position  paragraph_rank  relative_position
    0  headline             NaN                NaN
    1      lede             1.0               0.00
    2      body             4.0               0.75
    """
    n_par = _n_paragraphs(articles_or_docs)
    out = table.copy()
    seg = out["segment"] if "segment" in out.columns else pd.Series("body", index=out.index)
    head = (seg == "title").to_numpy()
    par = pd.to_numeric(out["paragraph"], errors="coerce").to_numpy(dtype=float)
    sent = pd.to_numeric(out["sentence"], errors="coerce").to_numpy(dtype=float)
    npar = out["doc_id"].astype(str).map(n_par).to_numpy(dtype=float)
    out["headline"] = head
    out["lede"] = ~head & (par == 0)
    out["lede_sentence"] = ~head & (sent == 0)
    out["paragraph_rank"] = np.where(head, np.nan, par + 1)
    out["n_paragraphs"] = npar
    with np.errstate(invalid="ignore", divide="ignore"):
        out["relative_position"] = np.where(head | ~(npar > 0), np.nan, par / npar)
    out["position"] = np.where(head, "headline", np.where(out["lede"], "lede", "body"))
    return out


def placement_summary(placed: pd.DataFrame, articles: pd.DataFrame, *, by: str = "outlet",
                      measure: str | None = None) -> pd.DataFrame:
    """Compare outlets on where their instances sit.

    Parameters
    ----------
    placed : DataFrame
        The output of :func:`placement`.
    articles : DataFrame
        ``doc_id`` and the ``by`` column.
    by : str
        Grouping column of ``articles`` (``"outlet"``, ``"event_id"``).
    measure : str, optional
        Keep only the instances a measure counts, e.g. ``"agency_agent_named_share"``
        for "share of named agents placed in the headline or lede".

    Returns
    -------
    DataFrame
        One row per group: ``n_instances, n_articles``, ``headline_share``,
        ``lede_share``, ``top_share`` (headline or lede), all over the
        group's instances; ``median_paragraph_rank`` and
        ``mean_relative_position`` over its body instances.

    >>> p = placement(pd.DataFrame({"doc_id": ["a", "a", "b"], "segment": ["title", "body", "body"],
    ...                             "paragraph": [0, 2, 0], "sentence": [0, 4, 0]}), {"a": 4, "b": 2})
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["x", "y"]})
    >>> placement_summary(p, arts)[["outlet", "n_instances", "headline_share", "top_share",
    ...                             "median_paragraph_rank"]]
      outlet  n_instances  headline_share  top_share  median_paragraph_rank
    0      x            2             0.5        0.5                    3.0
    1      y            1             0.0        1.0                    1.0
    """
    p = placed
    if measure is not None:
        p = p[instance_mask(p, measure).to_numpy()]
    p = p.assign(doc_id=p["doc_id"].astype(str)).merge(
        articles[["doc_id", by]].astype({"doc_id": str}), on="doc_id", how="left")
    p["top"] = p["headline"] | p["lede"]
    g = p.groupby(by, sort=True)
    out = pd.DataFrame({
        "n_instances": g.size(),
        "n_articles": g["doc_id"].nunique(),
        "headline_share": g["headline"].mean(),
        "lede_share": g["lede"].mean(),
        "top_share": g["top"].mean(),
        "median_paragraph_rank": g["paragraph_rank"].median(),
        "mean_relative_position": g["relative_position"].mean(),
    }).reset_index()
    return out
