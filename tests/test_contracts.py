"""One contract for every registered extractor (HOUSE_STYLE §8, scikit-learn's
``parametrize_with_checks`` idea): empty input, offsets, determinism, purity, schema."""
from __future__ import annotations

import copy
import importlib

import pandas as pd
import pytest

from toolkit import features, schema
from toolkit.text import process

TEXT = (
    'Hundreds of civilians were killed in air strikes on Tuesday, residents said.\n\n'
    '"We have nothing left," said Mara Voss, a teacher. Officials denied targeting '
    'hospitals, and the ministry declined to comment.\n\n'
    'According to the health ministry, 12 people died and the army killed three fighters.'
)
TITLE = "3 killed in strike, officials say"


def _modules():
    out = []
    for name, path in sorted(features.REGISTRY.items()):
        if name == "all":
            continue
        try:
            out.append(pytest.param(importlib.import_module(path), id=name))
        except ImportError as exc:
            out.append(pytest.param(None, id=name, marks=pytest.mark.skip(f"not built: {exc}")))
    return out


@pytest.fixture(scope="module")
def doc():
    return process(TEXT, doc_id="d1", title=TITLE)


@pytest.mark.parametrize("mod", _modules())
def test_empty_document_gives_empty_frame_with_all_columns(mod):
    out = mod.extract([process("", doc_id="empty")])
    assert list(out.columns)[: len(mod.COLUMNS)] == list(mod.COLUMNS)
    assert len(out) == 0


@pytest.mark.parametrize("mod", _modules())
def test_spans_reproduce_text(mod, doc):
    out = mod.extract([doc])
    assert len(out) > 0
    schema.check_frame(out, _name(mod), {"d1": doc.text, ("d1", "title"): doc.title})
    for _, row in out.iterrows():
        src = doc.title if row["segment"] == "title" else doc.text
        for col in mod.COLUMNS:
            val = row[col]
            if isinstance(val, list) and val and isinstance(val[0], (list, tuple)):
                for s, e in val:
                    assert 0 <= s < e <= len(src), (col, s, e)


@pytest.mark.parametrize("mod", _modules())
def test_deterministic_and_pure(mod, doc):
    before = copy.deepcopy(doc)
    a = mod.extract([doc])
    b = mod.extract([process(TEXT, doc_id="d1", title=TITLE)])
    assert doc == before
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("mod", _modules())
def test_json_rows_have_span_lists(mod, doc):
    rows = list(mod.json_rows(doc))
    assert rows
    for row in rows:
        assert "doc" not in row
        for key, val in row.items():
            if isinstance(val, list) and val and isinstance(val[0], list):
                assert all(len(p) == 2 and p[0] < p[1] for p in val), key


def _name(mod):
    return next(n for n, p in features.REGISTRY.items() if p == mod.__name__)
