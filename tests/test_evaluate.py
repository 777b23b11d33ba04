"""Shared scoring helpers of ``toolkit.evaluate``: P/R/F1, overlap, bootstrap interval."""
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.evaluate import bootstrap_f1, overlaps, prf


def test_prf_and_overlap():
    assert prf(8, 2, 2)["f1"] == 0.8
    assert prf(0, 0, 0)["f1"] == 0.0
    assert overlaps([(0, 5)], [(4, 9)]) and not overlaps([(0, 5)], [(5, 9)])


def test_bootstrap_identical_documents_have_no_spread():
    ci = bootstrap_f1([(3, 1, 0)] * 20)
    assert (ci["low"], ci["high"]) == (prf(3, 1, 0)["f1"], prf(3, 1, 0)["f1"])


def test_bootstrap_is_reproducible_and_seeded():
    docs = [(9, 0, 1), (1, 5, 4), (5, 1, 1), (6, 2, 0), (0, 3, 2)]
    assert bootstrap_f1(docs) == bootstrap_f1(docs)
    assert bootstrap_f1(docs)["seed"] == 0 and bootstrap_f1(docs, seed=1)["seed"] == 1
    narrow = bootstrap_f1(docs, level=0.5)
    wide = bootstrap_f1(docs, level=0.99)
    assert wide["low"] <= narrow["low"] <= narrow["high"] <= wide["high"]


def test_bootstrap_two_extreme_documents():
    # a perfect document and a wholly wrong one: resamples range from 0 to 1
    ci = bootstrap_f1([(5, 0, 0), (0, 5, 5)])
    assert (ci["low"], ci["high"]) == (0.0, 1.0)


def test_bootstrap_nothing_to_score():
    assert bootstrap_f1([]) is None
    assert bootstrap_f1([(0, 0, 0), (0, 0, 0)]) is None
    # a draw of empty documents only has no F1 and does not pull the interval to 0
    assert bootstrap_f1([(0, 0, 0), (4, 0, 0)]) == bootstrap_f1([(4, 0, 0)])
    # many empty documents: resamples that draw none of the scored one are left out
    assert bootstrap_f1([(0, 0, 0)] * 50 + [(2, 1, 0)], resamples=5)["low"] == 0.8


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 3)),
                min_size=1, max_size=25))
def test_bootstrap_interval_is_ordered_and_within_the_document_range(docs):
    ci = bootstrap_f1(docs, resamples=200)
    if ci is None:
        assert all(sum(d) == 0 for d in docs)
        return
    per_doc = [prf(*d)["f1"] for d in docs if sum(d)]
    assert 0.0 <= ci["low"] <= ci["high"] <= 1.0
    # pooled F1 of any resample lies between the worst and best document's F1
    assert min(per_doc) - 1e-4 <= ci["low"] and ci["high"] <= max(per_doc) + 1e-4
