"""pipeline.run: one pass per document, failures isolated into the errors table."""
from __future__ import annotations

import datetime
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from toolkit import features, pipeline
from toolkit.errors import DocumentError


@dataclass(frozen=True)
class Art:
    doc_id: str
    text: str
    outlet: str = "o"
    event_id: str | None = "e1"
    published: datetime.date = datetime.date(2020, 1, 2)
    title: str = ""
    url: str | None = None


@pytest.fixture()
def fake_feature(monkeypatch):
    mod = types.ModuleType("toolkit_test_fake_feature")
    mod.COLUMNS = ("doc_id", "segment", "paragraph", "sentence", "word")

    def extract(docs, *, codebook=None):
        rows = []
        for doc in docs:
            if "BOOM" in doc.text:
                raise DocumentError(doc.doc_id, "fake", "cannot handle BOOM")
            for s in doc.sentences:
                rows.append((doc.doc_id, "body", s.paragraph, s.index, doc.token_text(s.tokens[0])))
        return pd.DataFrame(rows, columns=list(mod.COLUMNS))

    mod.extract = extract
    monkeypatch.setitem(sys.modules, mod.__name__, mod)
    monkeypatch.setitem(features.REGISTRY, "fake", mod.__name__)
    return mod


def test_run_collects_rows_and_isolates_failures(fake_feature):
    arts = [Art("a", "One here. Two there."), Art("b", "BOOM goes it."), Art("c", "Third.")]
    out = pipeline.run(arts, features=("fake",), cache=False)
    assert out.articles["doc_id"].tolist() == ["a", "b", "c"]
    assert out.articles["n_sentences"].tolist() == [2, 1, 1]
    assert out["fake"]["word"].tolist() == ["One", "Two", "Third"]
    assert out.errors.to_dict("records") == [
        {"doc_id": "b", "stage": "fake", "error_type": "DocumentError",
         "message": "document 'b', stage 'fake': cannot handle BOOM"}]


def test_run_records_text_stage_failure_and_goes_on(fake_feature):
    arts = [Art("bad", None), Art("ok", "Fine text.")]  # type: ignore[arg-type]
    out = pipeline.run(arts, features=("fake",), cache=False)
    assert out.errors["doc_id"].tolist() == ["bad"]
    assert out.errors["stage"].tolist() == ["text"]
    assert out["fake"]["doc_id"].tolist() == ["ok"]
    assert out.articles["doc_id"].tolist() == ["bad", "ok"]


def test_empty_run_has_all_columns(fake_feature):
    out = pipeline.run([], features=("fake",), cache=False)
    assert list(out["fake"].columns) == list(fake_feature.COLUMNS)
    assert out.articles.empty and out.errors.empty


def test_with_articles_joins_metadata(fake_feature):
    out = pipeline.run([Art("a", "Hello there.", outlet="nyt")], features=("fake",), cache=False)
    joined = out.with_articles("fake")
    assert joined[["doc_id", "outlet", "event_id", "published"]].values.tolist() == [
        ["a", "nyt", "e1", "2020-01-02"]]


# --------------------------------------------------------------------------- batched tables


def _per_document_tables(docs, name):
    """What pipeline.run built before batching: concat of one extract() per document."""
    mod = features.get(name)
    frames = [f for f in (mod.extract([d]) for d in docs) if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=list(mod.COLUMNS))


@pytest.fixture(scope="module")
def demo_docs():
    from toolkit.corpus import load_corpus
    from toolkit.text import process_article

    arts = list(load_corpus(Path(__file__).resolve().parents[1] / "corpora" / "demo"))
    return arts, [process_article(a, cache=False) for a in arts]


@pytest.mark.parametrize("name", ["attribution", "passive", "agency", "denials"])
def test_table_api_matches_extract(demo_docs, name):
    # the row/frame pair (own or adapter) must give exactly extract()'s table
    _, docs = demo_docs
    rows, frame = pipeline.table_api(features.get(name))
    got = frame([r for d in docs[:8] for r in rows(d)])
    pd.testing.assert_frame_equal(got, features.get(name).extract(docs[:8]))


@pytest.mark.parametrize("name", ["attribution", "agency", "denials"])
def test_batched_tables_equal_per_document_concat(demo_docs, name):
    # dtypes included: a column all None in one document and str in another
    # comes out object, as concatenating per-document tables gave
    arts, docs = demo_docs
    out = pipeline.run(arts, features=(name,), cache=False)
    want = _per_document_tables(docs, name)
    pd.testing.assert_frame_equal(out[name], want)
    assert out[name]["doc_id"].tolist() == want["doc_id"].tolist()


def test_builder_groups_by_type_signature_and_restores_order():
    def frame(rows):
        return pd.DataFrame(rows, columns=["doc_id", "x"])

    b = pipeline._TableBuilder("t", ("doc_id", "x"), frame)
    b.add_rows(0, "a", [{"doc_id": "a", "x": None}])
    b.add_rows(1, "b", [{"doc_id": "b", "x": "s"}, {"doc_id": "b", "x": None}])
    b.add_rows(2, "c", [{"doc_id": "c", "x": None}])
    errors = []
    got = b.build(errors)
    want = pd.concat([frame([{"doc_id": "a", "x": None}]),
                      frame([{"doc_id": "b", "x": "s"}, {"doc_id": "b", "x": None}]),
                      frame([{"doc_id": "c", "x": None}])], ignore_index=True)
    pd.testing.assert_frame_equal(got, want)
    assert got["doc_id"].tolist() == ["a", "b", "b", "c"] and errors == []
    assert got["x"].tolist()[0] is None   # the all-None documents stay None, not NaN


def test_builder_isolates_a_document_pandas_rejects():
    def frame(rows):
        if any(r["x"] == "bad" for r in rows):
            raise ValueError("cannot store")
        return pd.DataFrame(rows, columns=["doc_id", "x"])

    b = pipeline._TableBuilder("t", ("doc_id", "x"), frame)
    b.add_rows(0, "a", [{"doc_id": "a", "x": "ok"}])
    b.add_rows(1, "b", [{"doc_id": "b", "x": "bad"}])
    errors = []
    got = b.build(errors)
    assert got["doc_id"].tolist() == ["a"]
    assert [(seq, e["doc_id"], e["stage"]) for seq, e in errors] == [(1, "b", "t")]


def test_jobs_2_gives_the_same_tables(demo_docs):
    arts, _ = demo_docs
    one = pipeline.run(arts[:6], features=("agency", "denials"), cache=False)
    two = pipeline.run(arts[:6], features=("agency", "denials"), cache=False, jobs=2,
                       chunksize=2)
    for name in ("agency", "denials"):
        pd.testing.assert_frame_equal(one[name], two[name])
    pd.testing.assert_frame_equal(one.articles, two.articles)


def test_run_leaves_the_garbage_collector_as_it_found_it(fake_feature):
    import gc

    assert gc.get_freeze_count() == 0
    pipeline.run([Art("a", "One here.")], features=("fake",), cache=False)
    assert gc.get_freeze_count() == 0
    gc.freeze()   # a caller's own freeze is left alone
    try:
        frozen = gc.get_freeze_count()
        pipeline.run([Art("a", "One here.")], features=("fake",), cache=False)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
