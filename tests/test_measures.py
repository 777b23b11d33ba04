"""Tests of toolkit.measures: counts, rates, shares and their denominators."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from toolkit import measures as M


@pytest.fixture
def tables():
    articles = pd.DataFrame({"doc_id": ["a", "b", "c"], "n_words": [400, 200, 0]})
    attribution = pd.DataFrame({
        "doc_id": ["a", "a", "a", "a", "b"],
        "kind": ["direct", "indirect", "mixed", "according_to", "indirect"],
        "verb_class": ["neutral", "distancing", "neutral", None, "distancing"],
        "source_kind": ["person", "anonymous", "official", "institution", "anonymous"],
        "actor": ["army", "army", None, "un", "un"],
    })
    agency = pd.DataFrame({
        "doc_id": ["a", "b", "b", "b"],
        "agency_class": ["active_agent", "agentless_passive", "passive_agent", "nominal"],
        "agent": [[[0, 5]], [], [[10, 14]], None],
    })
    denials = pd.DataFrame({
        "doc_id": ["b", "b"], "kind": ["denial", "no_comment"],
        "accusation_in_article": [True, False],
    })
    return {"articles": articles, "attribution": attribution, "agency": agency,
            "denials": denials}


def test_one_row_per_article_in_order_with_zero_counts(tables):
    m = M.article_measures(tables)
    assert m["doc_id"].tolist() == ["a", "b", "c"]
    assert m["attribution_count"].tolist() == [4, 1, 0]
    assert m["agency_count"].tolist() == [1, 3, 0]
    assert m["denials_count"].tolist() == [0, 2, 0]


def test_rates_per_1000_words_nan_without_words(tables):
    m = M.article_measures(tables)
    assert m["attribution_per_1k"].tolist()[:2] == [10.0, 5.0]   # 4/400, 1/200
    assert m["denials_per_1k"].tolist()[:2] == [0.0, 10.0]
    assert math.isnan(m["attribution_per_1k"][2])                 # 0 words


def test_shares_hand_computed(tables):
    m = M.article_measures(tables).set_index("doc_id")
    assert m.loc["a", "attribution_direct_share"] == 0.5          # direct + mixed of 4
    assert m.loc["a", "attribution_anonymous_share"] == 0.25
    assert m.loc["b", "attribution_anonymous_share"] == 1.0
    assert m.loc["a", "attribution_kind_according_to_share"] == 0.25
    # a None verb class counts in the denominator (the attribution exists) but not
    # as any class
    assert m.loc["a", "attribution_verb_neutral_share"] == 0.5
    assert m.loc["a", "attribution_verb_distancing_share"] == 0.25
    assert m.loc["b", "agency_agent_named_share"] == pytest.approx(1 / 3)
    assert m.loc["a", "agency_agent_named_share"] == 1.0
    assert m.loc["b", "agency_agentless_passive_share"] == pytest.approx(1 / 3)
    # agent or cause: the nominal's None agent and the agentless passive name no doer
    assert m.loc["b", "agency_doer_named_share"] == pytest.approx(1 / 3)
    assert m.loc["b", "denials_no_comment_share"] == 0.5
    assert m.loc["b", "denials_paired_share"] == 0.5


def test_nested_share_reads_the_flags_as_list_set_or_string():
    t = {"articles": pd.DataFrame({"doc_id": ["a", "b"], "n_words": [100, 100]}),
         "attribution": pd.DataFrame({
             "doc_id": ["a", "a", "a", "b"], "kind": ["indirect"] * 4,
             "flags": [["nested", "subject"], frozenset({"subject"}), None, "nested;subject"]})}
    m = M.article_measures(t).set_index("doc_id")
    assert m.loc["a", "attribution_nested_share"] == pytest.approx(1 / 3)
    assert m.loc["b", "attribution_nested_share"] == 1.0
    mask = M.instance_mask(t["attribution"], "attribution_nested_share")
    assert mask.tolist() == [True, False, False, True]
    # as `mbt extract --format csv` writes the list
    csv_like = pd.DataFrame({"flags": ['["nested", "subject"]', '["subject"]', "[]"]})
    assert M.instance_mask(csv_like, "attribution_nested_share").tolist() == [
        True, False, False]


def test_share_is_nan_not_zero_without_instances(tables):
    m = M.article_measures(tables).set_index("doc_id")
    assert math.isnan(m.loc["a", "denials_paired_share"])
    assert math.isnan(m.loc["c", "agency_agent_named_share"])
    assert m.loc["b", "denials_denial_share"] == 0.5


def test_missing_optional_column_gives_nan_share():
    t = {"articles": pd.DataFrame({"doc_id": ["a"], "n_words": [100]}),
         "attribution": pd.DataFrame({"doc_id": ["a"], "kind": ["direct"]})}
    m = M.article_measures(t)
    assert m["attribution_direct_share"][0] == 1.0
    assert math.isnan(m["attribution_anonymous_share"][0])


def test_agent_named_falls_back_to_classes_without_agent_column():
    t = {"articles": pd.DataFrame({"doc_id": ["a"], "n_words": [100]}),
         "agency": pd.DataFrame({"doc_id": ["a", "a"],
                                 "agency_class": ["passive_agent", "intransitive"]})}
    assert M.article_measures(t)["agency_agent_named_share"][0] == 0.5
    assert M.article_measures(t)["agency_doer_named_share"][0] == 0.5


def test_doer_named_counts_causes():
    t = {"articles": pd.DataFrame({"doc_id": ["a"], "n_words": [100]}),
         "agency": pd.DataFrame({"doc_id": ["a", "a", "a"],
                                 "agency_class": ["active_agent", "active_agent",
                                                  "agentless_passive"],
                                 "agent": [[[0, 4]], [], []],
                                 "cause": [[], [[5, 15]], []]})}
    m = M.article_measures(t)
    assert m["agency_agent_named_share"][0] == pytest.approx(1 / 3)
    assert m["agency_doer_named_share"][0] == pytest.approx(2 / 3)


def test_missing_feature_table_gives_no_columns_and_empty_table_gives_zeros():
    arts = pd.DataFrame({"doc_id": ["a"], "n_words": [10]})
    m = M.article_measures({"articles": arts,
                            "denials": pd.DataFrame(columns=["doc_id", "kind"])})
    assert not any(c.startswith("attribution") for c in m.columns)
    assert m["denials_count"].tolist() == [0]
    assert math.isnan(m["denials_paired_share"][0])


def test_pure_does_not_mutate(tables):
    before = {k: v.copy() for k, v in tables.items()}
    M.article_measures(tables)
    for k in tables:
        pd.testing.assert_frame_equal(tables[k], before[k])


def test_instance_mask_matches_share_numerator(tables):
    t = tables["attribution"]
    mask = M.instance_mask(t, "attribution_anonymous_share")
    assert t[mask]["doc_id"].tolist() == ["a", "b"]
    assert M.instance_mask(t, "attribution_per_1k").all()
    with pytest.raises(KeyError):
        M.instance_mask(t, "nonsense_share")


def test_every_share_has_a_count_denominator(tables):
    m = M.article_measures(tables)
    info = M.measure_table(m)
    shares = info[info["kind"] == "share"]
    assert set(shares["denominator"]) <= set(m.columns)
    assert (shares["definition"] != "").all()


def test_voice_share_sums_to_one(tables):
    v = M.voice_share(tables)
    assert v.columns.tolist() == ["doc_id", "actor", "n", "share"]
    a = v[v["doc_id"] == "a"].set_index("actor")
    assert a.loc["army", "n"] == 2 and a.loc["army", "share"] == 0.5
    assert a.loc["(unresolved)", "share"] == 0.25
    assert v.groupby("doc_id")["share"].sum().tolist() == [1.0, 1.0]
    assert "c" not in set(v["doc_id"])


def test_voice_measures_wide(tables):
    w = M.voice_measures(tables).set_index("doc_id")
    assert w.loc["b", "voice_un_share"] == 1.0
    assert w.loc["b", "voice_army_share"] == 0.0
    assert np.isnan(w.loc["c", "voice_army_share"])
    assert w["voice_count"].tolist() == [4, 1, 0]


def test_accepts_feature_tables_object(tables):
    from toolkit.pipeline import FeatureTables

    ft = FeatureTables(tables["articles"], {k: v for k, v in tables.items() if k != "articles"})
    pd.testing.assert_frame_equal(M.article_measures(ft), M.article_measures(tables))


def test_voice_by_side(tables):
    from toolkit.actors import Codebook

    class Book:                     # the one method voice_share uses
        def side(self, actor):
            return {"army": "valdoria"}.get(actor)

    v = M.voice_share(tables, codebook=Book(), by="side")
    a = v[v["doc_id"] == "a"].set_index("actor")["n"].to_dict()
    assert a == {"valdoria": 2, "(no side)": 1, "(unresolved)": 1}
    w = M.voice_measures(tables, codebook=Book(), by="side").set_index("doc_id")
    assert w.loc["a", "voice_valdoria_share"] == 0.5
    with pytest.raises(ValueError):
        M.voice_share(tables, by="side")
    assert Codebook  # the real class has .side(actor) with this meaning


def test_long_form_keeps_nan_and_joins_metadata(tables):
    m = M.article_measures(tables)
    arts = tables["articles"].assign(outlet=["x", "y", "x"])
    long = M.long_form(m, arts)
    assert long.columns.tolist() == ["doc_id", "outlet", "measure", "value"]
    assert len(long) == 3 * (m.shape[1] - 1)
    row = long[(long["doc_id"] == "c") & (long["measure"] == "denials_paired_share")]
    assert row["value"].isna().all() and row["outlet"].tolist() == ["x"]
