"""Feature cache: exact round trip, incremental re-runs, per-feature invalidation, CLI."""
from __future__ import annotations

import datetime
import json
from types import SimpleNamespace

import pandas as pd
import pytest

from toolkit import featurecache as fc_mod
from toolkit import features, pipeline
from toolkit.featurecache import (
    FeatureCache,
    decode_frame,
    encode_frame,
    feature_fingerprint,
    feature_lexicons,
    frame_from_json,
    frame_to_json,
    read_parquet,
    write_parquet,
)


@pytest.fixture()
def fake_registry(monkeypatch):
    monkeypatch.setitem(features.REGISTRY, "capital", "mbt_fake_features")
    monkeypatch.setitem(features.REGISTRY, "number", "mbt_fake_numbers")
    return ("capital", "number")


def art(i: int, text: str | None = None):
    return SimpleNamespace(
        doc_id=f"d{i}", outlet="ap" if i % 2 else "rt", event_id="e1",
        published=datetime.date(2020, 1, 1 + i % 28), title=f"Headline {i}",
        text=text or f"Officials in Idlib said {i} people died on Tuesday. Rebels denied it.",
        url=None)


# --------------------------------------------------------------------------- codec


def test_frame_round_trip_keeps_python_types():
    df = pd.DataFrame({
        "doc_id": ["a", "b"], "sentence": [0, 3], "score": [0.5, float("nan")],
        "span": [[[0, 4], [6, 9]], []], "tup": [((1, 2),), ()],
        "flags": [frozenset({"x", "y"}), frozenset()], "opt": pd.Series([None, 7], dtype=object),
        "meta": [{"k": [1]}, {}], "ok": [True, False],
    })
    back = decode_frame(*encode_frame(df))
    pd.testing.assert_frame_equal(back, df)
    assert back.loc[0, "span"] == [[0, 4], [6, 9]] and isinstance(back.loc[0, "span"], list)
    assert back.loc[0, "tup"] == ((1, 2),) and isinstance(back.loc[0, "tup"], tuple)
    assert back.loc[1, "opt"] == 7 and back.loc[0, "opt"] is None


def test_empty_frame_round_trips_with_columns(tmp_path):
    df = pd.DataFrame(columns=["doc_id", "span", "flags"])
    write_parquet(df, tmp_path / "e.parquet")
    back = read_parquet(tmp_path / "e.parquet")
    assert list(back.columns) == ["doc_id", "span", "flags"] and len(back) == 0


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path):
    df = pd.DataFrame({"a": [1]})
    write_parquet(df, tmp_path / "x" / "t.parquet")
    write_parquet(pd.DataFrame({"a": [2]}), tmp_path / "x" / "t.parquet")
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["t.parquet"]
    assert read_parquet(tmp_path / "x" / "t.parquet")["a"].tolist() == [2]


def test_document_table_json_round_trip_keeps_dtypes():
    df = pd.DataFrame({"doc_id": ["a", "a"], "sentence": [0, 3], "note": ["x", None],
                       "span": [[[0, 4]], []], "flags": [frozenset({"f"}), frozenset()],
                       "ok": [True, False]})
    back = frame_from_json(frame_to_json(df))
    pd.testing.assert_frame_equal(back, df)
    empty = pd.DataFrame(columns=["doc_id", "span"])
    pd.testing.assert_frame_equal(frame_from_json(frame_to_json(empty)), empty)


def test_corrupt_segment_is_a_miss_not_an_error(tmp_path):
    fc = FeatureCache(tmp_path)
    with fc.session({"f": "a" * 64}) as s:
        s.put("f", "b" * 64, pd.DataFrame({"x": [1]}))
    (seg,) = fc.folder("f", "a" * 64).glob("seg-*.parquet")
    seg.write_bytes(b"PAR1 not really")
    s = fc.session({"f": "a" * 64})
    assert s.get("f", "b" * 64) is None
    assert s.misses == {"f": 1}


def test_segments_hold_many_documents(tmp_path):
    fc = FeatureCache(tmp_path, batch=4)
    with fc.session({"f": "a" * 64}) as s:
        for i in range(10):
            s.put("f", f"{i:064d}", pd.DataFrame({"x": [i]}))
    assert len(list(fc.folder("f", "a" * 64).glob("seg-*.parquet"))) == 3
    s = fc.session({"f": "a" * 64})
    assert [s.get("f", f"{i:064d}")["x"][0] for i in range(10)] == list(range(10))
    assert fc.info()[["feature", "documents", "segments"]].values.tolist() == [["f", 10, 3]]


# --------------------------------------------------------------------------- keys


def test_lexicon_dependencies_found(fake_registry):
    assert feature_lexicons("capital") == ("reporting_verbs",)
    assert feature_lexicons("number") == ()


def test_real_features_name_their_lexicons_in_source():
    try:
        deps = feature_lexicons("passive")
    except ImportError:
        pytest.skip("passive not built")
    assert "reporting_verbs" not in deps


def test_fingerprint_changes_with_codebook(fake_registry):
    from toolkit.actors import Codebook

    a = feature_fingerprint("capital")
    b = feature_fingerprint("capital", Codebook.from_dict({"actors": {}}, sha256="1" * 64))
    assert a != b and a == feature_fingerprint("capital")


# --------------------------------------------------------------------------- pipeline


def test_cached_run_equals_fresh_run(tmp_path, fake_registry):
    arts = [art(i) for i in range(4)]
    fresh = pipeline.run(arts, fake_registry, cache=False)
    first = pipeline.run(arts, fake_registry, cache=False, feature_cache=tmp_path)
    again = pipeline.run(arts, fake_registry, cache=False, feature_cache=tmp_path)
    assert first.stats["tagged"] == 4 and again.stats["tagged"] == 0
    assert again.stats["feature_cache_hits"] == {"capital": 4, "number": 4}
    for name in fake_registry:
        pd.testing.assert_frame_equal(again[name], fresh[name])
        pd.testing.assert_frame_equal(first[name], fresh[name])
    pd.testing.assert_frame_equal(again.articles, fresh.articles)
    row = again["capital"].iloc[0]
    assert row["span_text"] == "Headline"  # title row first; text[s:e] reproduced
    assert isinstance(row["flags"], frozenset)


def test_adding_ten_articles_processes_only_those_ten(tmp_path, fake_registry):
    base = [art(i) for i in range(30)]
    r1 = pipeline.run(base, fake_registry, cache=False, feature_cache=tmp_path)
    r2 = pipeline.run(base + [art(i) for i in range(30, 40)], fake_registry, cache=False,
                      feature_cache=tmp_path)
    assert (r1.stats["tagged"], r2.stats["tagged"]) == (30, 10)
    assert r2.articles["doc_id"].tolist() == [f"d{i}" for i in range(40)]
    # same id, edited text: that document (only) is processed again
    edited = base[:5] + [art(5, "A new text about Aleppo.")] + base[6:]
    assert pipeline.run(edited, fake_registry, cache=False,
                        feature_cache=tmp_path).stats["tagged"] == 1


def test_changing_a_lexicon_invalidates_only_its_feature(tmp_path, fake_registry, monkeypatch):
    arts = [art(i) for i in range(3)]
    pipeline.run(arts, fake_registry, cache=False, feature_cache=tmp_path)
    from toolkit import lexicons

    real = lexicons.load_lexicon

    def edited(name, path=None):
        lex = real(name, path)
        if name == "reporting_verbs":
            return lexicons.Lexicon(lex.name, "edited", "0" * 64, lex.rows)
        return lex

    monkeypatch.setattr(lexicons, "load_lexicon", edited)
    r = pipeline.run(arts, fake_registry, cache=False, feature_cache=tmp_path)
    assert r.stats["feature_cache_hits"] == {"number": 3}
    assert r.stats["tagged"] == 3
    info = FeatureCache(tmp_path).info()
    cap = info[info.feature == "capital"]
    assert len(cap) == 2 and cap["current"].sum() == 1  # the old version is now stale
    assert cap["documents"].tolist() == [3, 3]


def test_failed_documents_are_not_cached_and_reported_again(tmp_path, fake_registry):
    arts = [art(0), art(1, "BOOM goes the text.")]
    for _ in range(2):
        r = pipeline.run(arts, fake_registry, cache=False, feature_cache=tmp_path)
        assert r.errors[["doc_id", "stage"]].values.tolist() == [["d1", "fake"], ["d1", "fake"]]
        assert r.articles["doc_id"].tolist() == ["d0", "d1"]


def test_cache_cli_info_and_clear(tmp_path, fake_registry, capsys):
    from toolkit.cli import main

    pipeline.run([art(0), art(1)], fake_registry, cache=False, feature_cache=tmp_path)
    assert main(["cache", "info", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "capital" in out and "number" in out and "_articles" in out
    assert main(["cache", "clear", "--stale", "--dir", str(tmp_path)]) == 0
    assert "removed 0 cached document table(s)" in capsys.readouterr().out
    assert main(["cache", "clear", "--feature", "number", "--dir", str(tmp_path)]) == 0
    assert "removed 2 cached document table(s)" in capsys.readouterr().out
    assert main(["cache", "clear", "--dir", str(tmp_path)]) == 0
    assert FeatureCache(tmp_path).info()["documents"].sum() == 0


def test_mbt_cache_dir_env_is_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv("MBT_CACHE_DIR", str(tmp_path / "c"))
    assert FeatureCache().root == tmp_path / "c"


def test_only_json_and_parquet_are_read(tmp_path):
    """A pickle planted as a segment is never loaded (it is just not a valid segment)."""
    import pickle

    fc = FeatureCache(tmp_path)
    p = fc.folder("f", "a" * 64) / "seg-planted.parquet"
    p.parent.mkdir(parents=True)
    p.write_bytes(pickle.dumps(pd.DataFrame({"key": ["b" * 64], "payload": ["{}"]})))
    assert fc.session({"f": "a" * 64}).get("f", "b" * 64) is None
    assert json.loads(json.dumps(fc_mod.FORMAT_VERSION)) == "2"
