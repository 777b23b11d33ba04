"""toolkit.report: the per-outlet tables notebooks plot, on small hand-made tables."""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from toolkit import report
from toolkit.errors import ToolkitError


@pytest.fixture
def rep():
    articles = pd.DataFrame({
        "doc_id": ["a1", "a2", "b1"], "outlet": ["a", "a", "b"],
        "event_id": ["e1", "e2", "e1"],
        "published": ["2026-03-04", "2026-03-05", "2026-03-04"], "title": ["", "", ""],
        "n_words": [100, 200, 50], "n_sentences": [5, 9, 3], "url": [None] * 3,
        "wire_group": ["a1", "a2", "b1"]})
    attribution = pd.DataFrame({
        "doc_id": ["a1", "a1", "a2", "b1"], "verb_class": ["neutral", "distancing", "neutral",
                                                          None],
        "actor": ["Army", None, "Army", "UN"]})
    agency = pd.DataFrame({
        "doc_id": ["a1", "a2", "b1", "b1"],
        "agency_class": ["active_agent", "nominal", "nominal", "agentless_passive"],
        "agent_text": ["jets", "", "", ""], "actor": ["Air force", None, None, None]})
    denials = pd.DataFrame({
        "doc_id": ["a1", "b1", "b1"], "actors": [["Army"], [], ["Army"]],
        "accusation_in_article": [True, False, None]})
    wire = SimpleNamespace(groups=pd.DataFrame({
        "doc_id": ["a1", "a2", "b1"], "wire_group": ["a1", "a2", "a1"],
        "is_origin": [True, True, False], "group_size": [2, 1, 2]}))
    est = pd.DataFrame({
        "outlet": ["a", "a", "a"], "event_id": ["ALL", "ALL", "e1"],
        "measure": ["agency_nominal_share", "agency_count", "agency_nominal_share"],
        "estimate": [0.5, 1.0, 0.0], "ci_low": [0.0] * 3, "ci_high": [1.0] * 3})
    return report.Report(corpus=None, notebook="20_x", out_dir="", parameters={"seed": 0},
                         articles=articles, tables={"attribution": attribution,
                                                    "agency": agency, "denials": denials},
                         measures=pd.DataFrame(), estimates=est, wire=wire,
                         colors={"a": "#E69F00", "b": "#56B4E9"})


def test_verb_shares_pool_instances_per_outlet(rep):
    got = rep.verb_shares()
    assert got.values.tolist() == [["a", "distancing", 1 / 3, 1], ["a", "neutral", 2 / 3, 2],
                                   ["b", "(no cue: floating quote)", 1.0, 1]]


def test_voice_groups_unresolved_sources(rep):
    assert rep.voice().values.tolist() == [["(unresolved)", "a", 1 / 3, 1],
                                           ["Army", "a", 2 / 3, 2], ["UN", "b", 1.0, 1]]


def test_agency_shares_and_named_agents(rep):
    assert rep.agency_shares()[["outlet", "agency_class", "n"]].values.tolist() == [
        ["a", "active_agent", 1], ["a", "nominal", 1], ["b", "agentless_passive", 1],
        ["b", "nominal", 1]]
    assert rep.named_agents().values.tolist() == [["Air force", "a", 1]]


def test_denial_counts_pair_and_unresolved(rep):
    assert rep.denial_counts().values.tolist() == [
        ["a", "Army", True, 1], ["b", "(unresolved)", False, 1], ["b", "Army", False, 1]]


def test_overview_tables(rep):
    assert rep.event_counts().values.tolist() == [["e1", "a", 1], ["e1", "b", 1],
                                                  ["e2", "a", 1]]
    assert rep.coverage().values.tolist() == [["a", "2026-03-04", 1], ["a", "2026-03-05", 1],
                                              ["b", "2026-03-04", 1]]
    assert rep.wire_flags().values.tolist() == [["a1", "a", "a1", 2], ["b1", "b", "a1", 2]]


def test_dots_select_family_kind_and_event(rep):
    assert rep.dots("agency")["measure"].tolist() == ["agency_nominal_share"]
    assert rep.dots("agency", kind="count")["estimate"].tolist() == [1.0]
    rep.event_id = "e1"
    assert rep.dots("agency")["estimate"].tolist() == [0.0]
    assert rep.figure_name("ladder") == "20_x__ladder__e1"


def test_fingerprint_tables_empty_without_a_model(rep):
    assert rep.confusion().empty and rep.weights().empty
    assert list(rep.confusion().columns) == ["true", "predicted", "n"]


def test_export_is_a_noop_without_out_dir(rep):
    assert rep.export(None, pd.DataFrame(), "x").status == "skipped"


def test_resolve_corpus_path_falls_back_to_the_repository(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert report.resolve_corpus_path("corpora/demo") == report._REPO / "corpora" / "demo"
    assert report.resolve_corpus_path("nowhere/x").as_posix() == "nowhere/x"


def test_unknown_event_or_outlet_is_a_clear_error():
    demo = report._REPO / "corpora" / "demo"
    if not (demo / "articles.jsonl").exists():
        pytest.skip("demo corpus not built")
    with pytest.raises(ToolkitError, match="event 'nope' not in corpus 'demo'"):
        report.prepare(demo, event_id="nope", features=())
    with pytest.raises(ToolkitError, match=r"outlet\(s\) \['nope'\]"):
        report.prepare(demo, outlets=["nope"], features=())
