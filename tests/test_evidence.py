"""Tests of toolkit.evidence: KWIC evidence rows, HTML escaping, placement."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from toolkit import evidence as E

TEXT = ("Jets killed 14 people in Korvan, officials said.\n\n"
        "The army denied the report.\n\n"
        "Officials said the <market> was full & busy.")
TITLE = "Army denies strike"


def _span(s, sub, k=1):
    i = -1
    for _ in range(k):
        i = s.index(sub, i + 1)
    return [[i, i + len(sub)]]


@pytest.fixture
def table():
    return pd.DataFrame({
        "doc_id": ["a", "a", "a"],
        "segment": ["body", "title", "body"],
        "paragraph": [0, 0, 1],
        "sentence": [0, 0, 1],
        "cue": [_span(TEXT, "said"), _span(TITLE, "denies"), _span(TEXT, "denied")],
        "cue_text": ["said", "denies", "denied"],
        "kind": ["indirect", "denial", "denial"],
        "actors": [["officials"], ["army"], ["army"]],
    })


@pytest.fixture
def arts():
    return pd.DataFrame({"doc_id": ["a"], "outlet": ["x"], "event_id": ["e1"],
                         "title": [TITLE]})


def test_kwic_rows_reproduce_text(table, arts):
    rows = E.evidence(table, {"a": TEXT}, arts, span_col="cue", width=12)
    assert rows.columns.tolist()[:11] == ["doc_id", "outlet", "event_id", "segment",
                                          "paragraph", "sentence", "start", "end", "left",
                                          "match", "right"]
    assert rows["match"].tolist() == ["said", "denies", "denied"]
    assert rows[["start", "end"]].values.tolist() == [[43, 47], [5, 11], [59, 65]]
    # hand-checked contexts; line breaks shown as spaces
    assert rows.iloc[0][["left", "right"]].tolist() == [", officials ", ".  The army "]
    assert rows.iloc[1][["left", "right"]].tolist() == ["Army ", " strike"]
    assert rows.iloc[2]["left"] == ".  The army "
    assert rows["outlet"].eq("x").all() and rows["event_id"].eq("e1").all()
    # class columns follow, span and *_text columns do not
    assert rows.columns.tolist()[11:] == ["kind", "actors"]
    for r in rows.itertuples():
        src = TITLE if r.segment == "title" else TEXT
        assert src[r.start:r.end] == r.match


def test_measure_filter_lists_numerator_rows(table, arts):
    rows = E.evidence(table, {"a": TEXT}, arts, span_col="cue",
                      measure="denials_denial_share")
    assert rows["match"].tolist() == ["denies", "denied"]


def test_processed_docs_as_input(table, arts):
    from toolkit.text import process

    doc = process(TEXT, doc_id="a", title=TITLE)
    rows = E.evidence(table, [doc], None, span_col="cue")
    assert rows["match"].tolist() == ["said", "denies", "denied"]
    assert rows["outlet"].isna().all()
    placed = E.placement(table, [doc])
    assert placed["n_paragraphs"].tolist() == [3, 3, 3]


def test_missing_text_and_bad_span_column(table, arts):
    with pytest.raises(KeyError, match="'b'"):
        E.evidence(table.assign(doc_id="b"), {"a": TEXT}, arts, span_col="cue")
    with pytest.raises(KeyError, match="span"):
        E.evidence(table, {"a": TEXT}, arts, span_col="source")


def test_rows_without_span_are_skipped(table, arts):
    t = table.copy()
    t.at[0, "cue"] = []
    assert len(E.evidence(t, {"a": TEXT}, arts, span_col="cue")) == 2


def test_escape_and_html(table, arts):
    assert E.escape_html("<script>alert('x')</script>") == (
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;")
    assert E.escape_html(None) == ""
    t = table.copy()
    t.at[0, "cue"] = _span(TEXT, "said", 2)
    rows = E.evidence(t, {"a": TEXT}, arts, span_col="cue", width=40)
    html = E.to_html(rows)
    assert "<market>" not in html and "&lt;market&gt;" in html and "&amp; busy" in html
    assert html.count("<mark>") == 3


def test_placement_columns(table):
    p = E.placement(table, {"a": 3})
    assert p["position"].tolist() == ["lede", "headline", "body"]
    assert p["headline"].tolist() == [False, True, False]
    assert p["lede"].tolist() == [True, False, False]
    assert p["lede_sentence"].tolist() == [True, False, False]
    assert p["paragraph_rank"].tolist()[0::2] == [1.0, 2.0]
    assert math.isnan(p["paragraph_rank"][1])
    assert p["relative_position"][2] == pytest.approx(1 / 3)
    assert "position" not in table.columns                         # input untouched


def test_placement_needs_paragraph_counts(table, arts):
    with pytest.raises(KeyError, match="n_paragraphs"):
        E.placement(table, arts)
    p = E.placement(table, arts.assign(n_paragraphs=3))
    assert p["n_paragraphs"].tolist() == [3, 3, 3]


def test_placement_summary_by_outlet():
    t = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "b"],
                      "segment": ["title", "body", "body", "body", "body"],
                      "paragraph": [0, 0, 5, 2, 4], "sentence": [0, 0, 9, 3, 6],
                      "kind": ["denial", "denial", "no_comment", "denial", "denial"]})
    arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["x", "y"]})
    s = E.placement_summary(E.placement(t, {"a": 6, "b": 5}), arts).set_index("outlet")
    assert s.loc["x", "n_instances"] == 3 and s.loc["x", "n_articles"] == 1
    assert s.loc["x", "headline_share"] == pytest.approx(1 / 3)
    assert s.loc["x", "top_share"] == pytest.approx(2 / 3)
    assert s.loc["x", "median_paragraph_rank"] == 3.5              # ranks 1 and 6
    assert s.loc["y", "median_paragraph_rank"] == 4.0              # ranks 3 and 5
    assert s.loc["y", "top_share"] == 0.0
    only = E.placement_summary(E.placement(t, {"a": 6, "b": 5}), arts,
                               measure="denials_no_comment_share").set_index("outlet")
    assert only.index.tolist() == ["x"] and only.loc["x", "median_paragraph_rank"] == 6.0


def test_demo_dispatch_puts_denials_on_top():
    """Demo README: the Dispatch *foregrounds* denials ("Valdoria, which denies targeting
    civilians, ..."): more of its denials sit in the headline or lede than elsewhere."""
    from pathlib import Path

    demo = Path(__file__).resolve().parents[1] / "corpora" / "demo"
    if not (demo / "articles.jsonl").exists():
        pytest.skip("demo corpus not present")
    from toolkit import pipeline, text
    from toolkit.corpus import load_corpus

    try:
        import toolkit.features.denials  # noqa: F401
    except ImportError:
        pytest.skip("denials extractor not available")
    arts = list(load_corpus(demo))
    tables = pipeline.run(arts, features=("denials",))
    docs = [text.process_article(a) for a in arts]
    den = tables["denials"]
    s = E.placement_summary(E.placement(den, docs), tables.articles).set_index("outlet")
    assert s["top_share"].idxmax() == "dispatch" and s.loc["dispatch", "top_share"] > 0.25
    assert s.loc["dispatch", "headline_share"] > 0
    rows = E.evidence(den, arts, tables.articles, span_col="cue")
    assert len(rows) == len(den)
    for r in rows.itertuples():
        a = next(x for x in arts if x.doc_id == r.doc_id)
        assert (a.title if r.segment == "title" else a.text)[r.start:r.end] == r.match


def test_trace_selects_group_and_numerator(table, arts):
    arts2 = pd.concat([arts, pd.DataFrame({"doc_id": ["b"], "outlet": ["y"],
                                           "event_id": ["e2"], "title": ["B"]})])
    t = pd.concat([table, table.iloc[[2]].assign(doc_id="b")], ignore_index=True)
    texts = {"a": TEXT, "b": TEXT}
    rows = E.trace({"denials": t}, texts, arts2, measure="denials_denial_share", outlet="x")
    assert rows["doc_id"].tolist() == ["a", "a"]
    rows = E.trace({"denials": t}, texts, arts2, measure="denials_per_1k", event_id="e2")
    assert rows["doc_id"].tolist() == ["b"] and rows["match"].tolist() == ["denied"]
    with pytest.raises(KeyError, match="agency"):
        E.trace({"denials": t}, texts, arts2, measure="agency_per_1k")
