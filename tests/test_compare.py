"""Tests of toolkit.compare: pooled estimates, bootstrap by article, permutation tests."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from toolkit import compare, schema


@pytest.fixture
def data():
    arts = pd.DataFrame({
        "doc_id": ["x1", "x2", "x3", "x4", "y1", "y2", "y3"],
        "outlet": ["x", "x", "x", "x", "y", "y", "y"],
        "event_id": ["e1", "e1", "e2", None, "e1", "e2", "e2"],
    })
    m = pd.DataFrame({
        "doc_id": ["x1", "x2", "x3", "x4", "y1", "y2", "y3"],
        "agency_count": [4, 0, 1, 2, 2, 2, 1],
        "agency_per_1k": [8.0, 0.0, 2.0, 4.0, 1.0, np.nan, 3.0],
        "agency_nominal_share": [0.25, np.nan, 1.0, 0.5, 0.0, 0.5, 1.0],
    })
    return m, arts


def test_columns_follow_schema(data):
    est = compare.estimate(*data, n_boot=50)
    assert tuple(est.columns) == schema.ESTIMATES


def test_point_estimates_hand_computed(data):
    est = compare.estimate(*data, n_boot=0).set_index(["outlet", "event_id", "measure"])
    # rates: mean over articles with a defined value
    assert est.loc[("x", "ALL", "agency_per_1k"), "estimate"] == 3.5        # (8+0+2+4)/4
    assert est.loc[("y", "ALL", "agency_per_1k"), "estimate"] == 2.0        # NaN left out
    # shares: ratio of sums  (1 + 0 + 1 + 1) / (4 + 0 + 1 + 2) = 3/7, not mean of shares
    assert est.loc[("x", "ALL", "agency_nominal_share"), "estimate"] == pytest.approx(3 / 7)
    assert est.loc[("x", "e1", "agency_nominal_share"), "estimate"] == 0.25  # 1/4
    assert est.loc[("y", "e2", "agency_nominal_share"), "estimate"] == pytest.approx(2 / 3)
    assert est.loc[("x", "ALL", "agency_nominal_share"), "n_instances"] == 7
    assert est.loc[("x", "ALL", "agency_per_1k"), "n_articles"] == 4
    # an article without event counts only in ALL
    assert est.loc[("x", "e1", "agency_count"), "n_articles"] == 2
    assert ("x", "None", "agency_count") not in est.index
    assert math.isnan(est.loc[("x", "ALL", "agency_per_1k"), "ci_low"])     # n_boot=0


def test_small_n_flagged_not_dropped(data):
    est = compare.estimate(*data, n_boot=10, min_articles=3, min_instances=5)
    e = est.set_index(["outlet", "event_id", "measure"])
    assert e.loc[("x", "e2", "agency_count"), "small_n"]                    # 1 article
    assert not e.loc[("x", "ALL", "agency_count"), "small_n"]               # 4 articles
    assert not e.loc[("y", "ALL", "agency_nominal_share"), "small_n"]       # 3 art., 5 inst.
    assert e.loc[("x", "e1", "agency_nominal_share"), "small_n"]            # 2 articles
    e2 = compare.estimate(*data, n_boot=0, min_articles=1, min_instances=5)
    e2 = e2.set_index(["outlet", "event_id", "measure"])
    assert e2.loc[("y", "e2", "agency_nominal_share"), "small_n"]           # 3 instances
    assert not e2.loc[("y", "e2", "agency_per_1k"), "small_n"]              # not a share


def test_bootstrap_interval_contains_estimate_and_is_deterministic(data):
    a = compare.estimate(*data, n_boot=500, seed=3)
    b = compare.estimate(*data, n_boot=500, seed=3)
    pd.testing.assert_frame_equal(a, b)
    ok = a["estimate"].notna() & (a["n_articles"] > 1)
    assert (a.loc[ok, "ci_low"] <= a.loc[ok, "estimate"] + 1e-12).all()
    assert (a.loc[ok, "ci_high"] >= a.loc[ok, "estimate"] - 1e-12).all()
    assert (a["seed"] == 3).all() and (a["n_boot"] == 500).all()


def test_other_seed_other_interval():
    rng = np.random.default_rng(0)
    arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(50)], "outlet": "x"})
    m = pd.DataFrame({"doc_id": arts["doc_id"], "agency_per_1k": rng.normal(5, 2, 50)})
    a = compare.estimate(m, arts, by=("outlet",), n_boot=300, seed=1).iloc[0]
    b = compare.estimate(m, arts, by=("outlet",), n_boot=300, seed=2).iloc[0]
    assert a["estimate"] == b["estimate"] and a["ci_low"] != b["ci_low"]


def test_constant_measure_has_degenerate_interval():
    arts = pd.DataFrame({"doc_id": list("abcd"), "outlet": ["x"] * 4})
    m = pd.DataFrame({"doc_id": list("abcd"), "denials_per_1k": [2.0] * 4})
    e = compare.estimate(m, arts, by=("outlet",), n_boot=100).iloc[0]
    assert (e["estimate"], e["ci_low"], e["ci_high"]) == (2.0, 2.0, 2.0)
    assert e["event_id"] == "ALL"


def test_group_interval_independent_of_other_groups(data):
    m, arts = data
    alone = compare.estimate(m, arts[arts["outlet"] == "x"], n_boot=200, seed=1)
    both = compare.estimate(m, arts, n_boot=200, seed=1)
    pd.testing.assert_frame_equal(alone.reset_index(drop=True),
                                  both[both["outlet"] == "x"].reset_index(drop=True))


def test_interval_narrows_with_more_articles():
    rng = np.random.default_rng(0)
    def width(n):
        arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "outlet": "x"})
        m = pd.DataFrame({"doc_id": arts["doc_id"], "agency_per_1k": rng.normal(5, 2, n)})
        e = compare.estimate(m, arts, by=("outlet",), n_boot=400).iloc[0]
        return e["ci_high"] - e["ci_low"]
    assert width(400) < width(16) / 2


def test_measures_alias_and_selection(data):
    est = compare.estimate(*data, measures=["agency_count"], n_boot=0)
    assert set(est["measure"]) == {"agency_count"}
    with pytest.raises(KeyError):
        compare.estimate(*data, measures=["nope"], n_boot=0)


def test_exclude_wire_keeps_the_origin(data):
    m, arts = data
    arts = arts.assign(wire_group=["x1", "x1", "x3", "x4", "x1", "y2", "y3"])
    est = compare.estimate(m, arts, by=("outlet",), n_boot=0, exclude_wire=True)
    n = est[est["measure"] == "agency_count"].set_index("outlet")["n_articles"]
    assert n.to_dict() == {"x": 3, "y": 2}
    with pytest.raises(KeyError, match="wire_group"):
        compare.estimate(*data, exclude_wire=True)


def test_permutation_identical_groups_p_one():
    arts = pd.DataFrame({"doc_id": list("abcdefgh"), "outlet": list("xxxxyyyy")})
    m = pd.DataFrame({"doc_id": list("abcdefgh"),
                      "denials_count": [1, 2, 3, 4, 4, 3, 2, 1]})
    r = compare.permutation_test(m, arts, "denials_count", "x", "y", n_perm=500)
    assert r["difference"] == 0.0 and r["p_value"] == 1.0
    assert (r["n_a"], r["n_b"]) == (4, 4)


def test_permutation_separated_groups_small_p_and_deterministic():
    ids = [f"d{i}" for i in range(20)]
    arts = pd.DataFrame({"doc_id": ids, "outlet": ["x"] * 10 + ["y"] * 10})
    m = pd.DataFrame({"doc_id": ids, "agency_per_1k": list(range(10)) + list(range(50, 60))})
    r = compare.permutation_test(m, arts, "agency_per_1k", "x", "y", n_perm=999, seed=7)
    assert r["difference"] == -50.0
    assert r["p_value"] == pytest.approx(1 / 1000)   # no permutation as extreme (+1 rule)
    assert r == compare.permutation_test(m, arts, "agency_per_1k", "x", "y", n_perm=999,
                                         seed=7)


def test_permutation_share_uses_ratio_of_sums():
    arts = pd.DataFrame({"doc_id": list("abcd"), "outlet": list("xxyy")})
    m = pd.DataFrame({"doc_id": list("abcd"), "denials_count": [1, 3, 2, 2],
                      "denials_paired_share": [1.0, 0.0, 0.5, 0.5]})
    r = compare.permutation_test(m, arts, "denials_paired_share", "x", "y", n_perm=100)
    assert r["estimate_a"] == 0.25 and r["estimate_b"] == 0.5


def test_pairwise_tests_and_bh():
    ids = [f"d{i}" for i in range(9)]
    arts = pd.DataFrame({"doc_id": ids, "outlet": list("xxxyyyzzz")})
    m = pd.DataFrame({"doc_id": ids, "agency_per_1k": [1, 2, 3, 1, 2, 3, 9, 9, 9]})
    t = compare.pairwise_tests(m, arts, n_perm=200)
    assert t[["outlet_a", "outlet_b"]].values.tolist() == [["x", "y"], ["x", "z"], ["y", "z"]]
    assert (t["p_adjusted"] >= t["p_value"]).all()
    assert compare.benjamini_hochberg(np.array([0.01, 0.02])).tolist() == [0.02, 0.02]


# --------------------------------------------------------------------------- demo corpus

DEMO = __import__("pathlib").Path(__file__).resolve().parents[1] / "corpora" / "demo"


def _available(names):
    import importlib

    out = []
    for n in names:
        try:
            importlib.import_module(f"toolkit.features.{n}")
            out.append(n)
        except ImportError:
            pass
    return tuple(out)


@pytest.fixture(scope="module")
def demo():
    """Pipeline -> measures (+ voice by side) over the demo corpus, estimates by outlet."""
    if not (DEMO / "articles.jsonl").exists():
        pytest.skip("demo corpus not present")
    from toolkit import measures, pipeline
    from toolkit.actors import load_codebook
    from toolkit.corpus import load_corpus

    feats = _available(("attribution", "agency", "denials"))
    if not {"attribution", "denials"} <= set(feats):
        pytest.skip("attribution/denials extractors not available")
    cb = load_codebook(DEMO / "actors.yml")
    tables = pipeline.run(load_corpus(DEMO), features=feats, codebook=cb)
    assert tables.errors.empty, tables.errors
    m = measures.article_measures(tables).merge(
        measures.voice_measures(tables, codebook=cb, by="side"), on="doc_id")
    est = compare.estimate(m, tables.articles, n_boot=300, seed=0)
    overall = est[est["event_id"] == "ALL"].pivot(index="measure", columns="outlet",
                                                  values="estimate")
    return tables, m, est, overall


def test_demo_estimates_shape(demo):
    tables, m, est, _ = demo
    assert tuple(est.columns) == schema.ESTIMATES
    assert len(m) == len(tables.articles) == 24
    per_outlet = est[est["measure"] == "attribution_count"].groupby("outlet")["event_id"]
    assert per_outlet.apply(sorted).tolist()[0] == ["ALL", "ev1", "ev2", "ev3", "ev4", "ev5", "ev6"]
    ev = est[est["event_id"] != "ALL"]
    assert ev["small_n"].all() and (ev["n_articles"] == 1).all()   # one article each
    assert not est[(est["event_id"] == "ALL")
                   & (est["measure"] == "attribution_per_1k")]["small_n"].any()


def test_demo_courier_distances(demo):
    """README: the Courier uses distancing verbs (claimed, insisted, alleged) for both sides."""
    tables, m, _, o = demo
    d = o.loc["attribution_verb_distancing_share"]
    assert d["courier"] > 0.5
    assert d.drop("courier").max() < 0.2
    r = compare.permutation_test(m, tables.articles, "attribution_verb_distancing_share",
                                 "courier", "meridian", n_perm=999)
    assert r["p_value"] < 0.05


def test_demo_neutral_verbs_meridian_sentinel(demo):
    """README: the Meridian uses neutral reporting verbs (said, told, added, according to)."""
    _, _, _, o = demo
    n = o.loc["attribution_verb_neutral_share"]
    assert n["meridian"] > 0.8 and n["courier"] < 0.5


def test_demo_dispatch_foregrounds_denials(demo):
    """README: the Dispatch foregrounds denials and no-comment responses, sometimes unpaired."""
    tables, m, _, o = demo
    # README: "the most denials of any outlet (about half of all); the only outlet with
    # no_comment denials" -- in the gold, 33 of 66 denials, the next outlet 14
    rate = o.loc["denials_per_1k"]
    assert rate.idxmax() == "dispatch" and rate["dispatch"] > 2 * rate.drop("dispatch").max()
    assert o.loc["denials_no_comment_share"].idxmax() == "dispatch"
    assert o.loc["denials_paired_share", "dispatch"] < 1.0
    r = compare.permutation_test(m, tables.articles, "denials_per_1k", "dispatch", "meridian",
                                 n_perm=999)
    assert r["difference"] > 0 and r["p_value"] < 0.05


def test_demo_sentinel_quotes_one_side(demo):
    """README: the Sentinel quotes only Valdorian officials."""
    _, _, _, o = demo
    assert o.loc["voice_ostrea_share", "sentinel"] == 0.0
    assert o.loc["voice_ostrea_share", "meridian"] > 0.1
    assert o.loc["voice_valdoria_share"].idxmax() == "sentinel"


def test_demo_agency_styles(demo):
    """README: Meridian names agents, Courier uses agentless passives, Sentinel
    intransitive and nominal mentions."""
    tables, _, _, o = demo
    if "agency" not in tables.tables:
        pytest.skip("agency extractor not available")
    assert o.loc["agency_active_agent_share"].idxmax() == "meridian"
    assert o.loc["agency_agentless_passive_share"].idxmax() == "courier"
    intr = o.loc["agency_intransitive_share"] + o.loc["agency_nominal_share"]
    assert intr.idxmax() == "sentinel"


def test_demo_fingerprint_beats_majority(demo):
    from toolkit.fingerprint import fingerprint

    tables, m, _, _ = demo
    r = fingerprint(m, tables.articles, seed=0)
    assert r.baseline == 0.25 and r.accuracy >= 0.6


def test_demo_no_wire_copy_so_exclusion_changes_nothing(demo):
    from toolkit import events
    from toolkit.corpus import load_corpus

    tables, m, est, _ = demo
    w = events.detect_wire_copy(list(load_corpus(DEMO)))
    assert w.pairs.empty
    arts = events.with_wire_groups(tables.articles, w)
    again = compare.estimate(m, arts, n_boot=300, seed=0, exclude_wire=True)
    pd.testing.assert_frame_equal(again, est)


def test_inputs_untouched_and_no_event_column(data):
    m, arts = data
    m0, a0 = m.copy(), arts.copy()
    compare.estimate(m, arts, n_boot=20)
    compare.permutation_test(m, arts, "agency_count", "x", "y", n_perm=20)
    pd.testing.assert_frame_equal(m, m0)
    pd.testing.assert_frame_equal(arts, a0)
    est = compare.estimate(m, arts.drop(columns="event_id"), n_boot=0)
    assert set(est["event_id"]) == {"ALL"}


def test_unknown_outlet_gives_nan_not_error(data):
    r = compare.permutation_test(*data, "agency_count", "x", "nope", n_perm=10)
    assert r["n_b"] == 0 and math.isnan(r["p_value"]) and math.isnan(r["difference"])
