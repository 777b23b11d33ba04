"""Tests of toolkit.fingerprint: the cross-validated outlet classifier."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.fingerprint import default_measures, fingerprint


def _synthetic(n_per=15, separation=0.6, seed=0, outlets=("a", "b", "c")):
    rng = np.random.default_rng(seed)
    rows, arts = [], []
    for k, o in enumerate(outlets):
        for i in range(n_per):
            doc = f"{o}{i}"
            rows.append({"doc_id": doc,
                         "agency_count": int(rng.integers(0, 9)),
                         "agency_agent_named_share": float(np.clip(
                             rng.normal(0.2 + separation * (k == 0), 0.08), 0, 1)),
                         "attribution_verb_distancing_share": float(np.clip(
                             rng.normal(0.1 + separation * (k == 1), 0.08), 0, 1)),
                         "denials_per_1k": float(rng.normal(2, 1)),
                         "denials_paired_share": np.nan})           # all NaN: dropped
            arts.append({"doc_id": doc, "outlet": o})
    return pd.DataFrame(rows), pd.DataFrame(arts)


def test_separable_outlets_beat_majority():
    m, arts = _synthetic()
    r = fingerprint(m, arts, seed=0)
    assert r.baseline == pytest.approx(1 / 3)
    assert r.accuracy > 0.9 > r.baseline
    assert r.cv == 5 and len(r.fold_accuracy) == 5
    assert r.confusion.shape == (3, 3)
    assert int(r.confusion.to_numpy().sum()) == 45
    assert np.trace(r.confusion.to_numpy()) == round(r.accuracy * 45)
    assert "agency_count" not in r.measures and "denials_paired_share" not in r.measures
    top = r.top_features(1).set_index("outlet")
    assert top.loc["a", "measure"] == "agency_agent_named_share"
    assert top.loc["a", "coefficient"] > 0
    assert top.loc["b", "measure"] == "attribution_verb_distancing_share"
    s = r.summary().iloc[0]
    assert s["n_articles"] == 45 and s["n_outlets"] == 3 and s["lift"] > 0.5


def test_indistinguishable_outlets_near_baseline():
    m, arts = _synthetic(n_per=30, separation=0.0, outlets=("a", "b"))
    r = fingerprint(m, arts, seed=0)
    assert r.accuracy < 0.75


def test_deterministic_under_seed():
    m, arts = _synthetic()
    a = fingerprint(m, arts, seed=3)
    b = fingerprint(m, arts, seed=3)
    assert a.accuracy == b.accuracy
    pd.testing.assert_frame_equal(a.predictions, b.predictions)
    pd.testing.assert_frame_equal(a.coefficients, b.coefficients)


def test_cv_reduced_for_small_outlets_and_singletons_dropped():
    m, arts = _synthetic(n_per=3, separation=0.8)
    m = pd.concat([m, m.iloc[[0]].assign(doc_id="z0")])
    arts = pd.concat([arts, pd.DataFrame({"doc_id": ["z0"], "outlet": ["z"]})])
    r = fingerprint(m, arts, seed=0, cv=5)
    assert r.cv == 3 and r.dropped == ["z"]
    assert len(r.predictions) == 9


def test_needs_two_outlets():
    m, arts = _synthetic(n_per=4, outlets=("a",))
    with pytest.raises(ValueError, match="two outlets"):
        fingerprint(m, arts)


def test_binary_coefficients_mirror():
    m, arts = _synthetic(n_per=10, outlets=("a", "b"))
    r = fingerprint(m, arts)
    c = r.coefficients.pivot(index="measure", columns="outlet", values="coefficient")
    assert np.allclose(c["a"], -c["b"])


def test_default_measures_are_rates_and_shares():
    m, _ = _synthetic(n_per=1)
    assert default_measures(m) == ["agency_agent_named_share",
                                   "attribution_verb_distancing_share", "denials_per_1k",
                                   "denials_paired_share"]


def test_permutation_p_value():
    m, arts = _synthetic(n_per=6, separation=0.8, outlets=("a", "b"))
    r = fingerprint(m, arts, seed=0, cv=3, n_permutations=9)
    assert r.accuracy == 1.0
    assert r.p_value == pytest.approx(1 / 10)       # no shuffled labelling does as well
    assert r.summary()["n_permutations"][0] == 9
    assert np.isnan(fingerprint(m, arts, seed=0).p_value)
