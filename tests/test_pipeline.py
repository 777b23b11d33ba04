"""pipeline.run: one pass per document, failures isolated into the errors table."""
from __future__ import annotations

import datetime
import sys
import types
from dataclasses import dataclass

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
