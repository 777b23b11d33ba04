"""Tests of toolkit.events: event grouping, overrides, wire-copy detection."""
from __future__ import annotations

import datetime

import pandas as pd
import pytest

from toolkit import compare, events

WIRE = ("Jets struck the central market in the city of Korvan on Wednesday morning, "
        "killing at least 14 people and wounding 37, the Health Ministry said. The Defence "
        "Ministry said its aircraft had hit a militia command post next to the market.")


@pytest.fixture
def three():
    """Two reports of a market strike, one of a flood: two events."""
    return pd.DataFrame({
        "doc_id": ["m1", "m2", "f1"],
        "outlet": ["x", "y", "x"],
        "published": ["2026-03-04", "2026-03-05", "2026-03-04"],
        "title": ["Jets strike Korvan market, killing 14",
                  "Fourteen dead as Korvan market is hit by jets",
                  "Floods close the Lindar bridge"],
        "text": ["Jets struck the central market in Korvan on Wednesday.",
                 "The central market of Korvan was hit by jets on Wednesday.",
                 "Floodwater closed the bridge at Lindar after days of rain."],
    })


def test_three_titles_two_events(three):
    g = events.group_events(three)
    ev = g.assignment.set_index("doc_id")["event_id"]
    assert ev["m1"] == ev["m2"] != ev["f1"]
    # ids follow the first date, then the smallest doc_id: f1 < m1 on the same day
    assert ev.tolist() == ["auto-002", "auto-002", "auto-001"]
    assert g.assignment.set_index("doc_id").loc["m1", "best_match"] == "m2"
    assert g.events["n_articles"].tolist() == [1, 2]
    assert "korvan" in g.events["top_terms"][1]
    assert g.events["outlets"].tolist() == ["x", "x, y"]
    linked = g.pairs[g.pairs["linked"]]
    assert linked[["doc_a", "doc_b"]].values.tolist() == [["m1", "m2"]]


def test_date_window_separates_same_words(three):
    far = three.assign(published=["2026-03-04", "2026-04-20", "2026-03-04"])
    g = events.group_events(far, window_days=3)
    ev = g.assignment.set_index("doc_id")["event_id"]
    assert ev["m1"] != ev["m2"]
    pair = g.pairs[(g.pairs["doc_a"] == "m1") & (g.pairs["doc_b"] == "m2")].iloc[0]
    assert pair["days_apart"] == 47 and not pair["linked"]     # reported as a near miss


def test_average_linkage_agrees_on_clear_case(three):
    g = events.group_events(three, method="average")
    ev = g.assignment.set_index("doc_id")["event_id"]
    assert ev["m1"] == ev["m2"] != ev["f1"]
    with pytest.raises(ValueError):
        events.group_events(three, method="nope")


def test_accepts_article_records(three):
    from toolkit.corpus.records import Article

    arts = [Article(r.doc_id, r.outlet, datetime.date.fromisoformat(r.published), r.title,
                    r.text) for r in three.itertuples()]
    g = events.group_events(arts)
    assert g.assignment["event_id"].tolist() == ["auto-002", "auto-002", "auto-001"]


def test_overrides_dict_and_yaml(three, tmp_path):
    g = events.group_events(three)
    fixed = events.apply_overrides(g.assignment, {"f1": "flood"})
    assert fixed.set_index("doc_id").loc["f1", ["event_id", "source"]].tolist() == [
        "flood", "override"]
    assert (fixed["source"] == "auto").sum() == 2
    y = tmp_path / "overrides.yml"
    y.write_text("overrides:\n  m2: other\n", encoding="utf-8")
    assert events.apply_overrides(g.assignment, y).set_index("doc_id").loc[
        "m2", "event_id"] == "other"
    with pytest.raises(KeyError, match="m9"):
        events.apply_overrides(g.assignment, {"m9": "x"})
    assert g.assignment["source"].eq("auto").all()                 # input untouched


def test_with_events_keeps_corpus_ids(three):
    arts = three.assign(event_id=["ev1", None, None])
    out = events.with_events(arts)
    assert out["event_id"].tolist()[0] == "ev1"
    assert out["event_source"].tolist() == ["corpus", "auto", "auto"]
    assert out["event_id"][1] == "auto-002" and out["event_id"][2] == "auto-001"


def _wire_frame():
    return pd.DataFrame({
        "doc_id": ["late-copy", "origin", "own", "trimmed"],
        "outlet": ["y", "wire", "x", "z"],
        "published": ["2026-03-05", "2026-03-04", "2026-03-04", "2026-03-06"],
        "title": ["Korvan market strike", "Korvan market strike", "Market hit", "Strike"],
        "text": [WIRE + " Our correspondent adds that shops stayed shut.",
                 WIRE,
                 ("Fourteen people died in Korvan when a market was hit, officials said; "
                  "the army said it had struck a command post."),
                 WIRE.split(". ")[0] + "."],
    })


def test_wire_copy_near_identical_flagged_earliest_is_origin():
    w = events.detect_wire_copy(_wire_frame())
    # every flagged pair names its earlier article as origin
    assert w.pairs[["origin", "copy"]].values.tolist() == [
        ["late-copy", "trimmed"], ["origin", "late-copy"], ["origin", "trimmed"]]
    pairs = w.pairs[w.pairs["origin"] == "origin"].set_index("copy")
    assert pairs.loc["late-copy", "similarity"] > 0.8
    assert pairs.loc["trimmed", "containment"] == 1.0    # all of its shingles are in the wire
    assert pairs.loc["trimmed", "days_apart"] == 2
    g = w.groups.set_index("doc_id")
    assert g["wire_group"].to_dict() == {"late-copy": "origin", "origin": "origin",
                                         "own": "own", "trimmed": "origin"}
    assert g.loc["origin", "is_origin"] and not g.loc["late-copy", "is_origin"]
    assert g.loc["origin", "group_size"] == 3 and g.loc["own", "group_size"] == 1


def test_wire_copy_ties_broken_by_doc_id():
    df = pd.DataFrame({"doc_id": ["b", "a"], "published": ["2026-03-04"] * 2,
                       "title": ["", ""], "text": [WIRE, WIRE]})
    w = events.detect_wire_copy(df)
    assert w.pairs[["origin", "copy"]].values.tolist() == [["a", "b"]]


def test_exclude_wire_in_estimates():
    df = _wire_frame()
    w = events.detect_wire_copy(df)
    arts = events.with_wire_groups(df.drop(columns=["text"]), w)
    m = pd.DataFrame({"doc_id": df["doc_id"], "denials_count": [1, 1, 0, 1]})
    est = compare.estimate(m, arts, by=("outlet",), n_boot=0, exclude_wire=True)
    assert sorted(est["outlet"]) == ["wire", "x"]           # copies of y and z left out
    summary = events.wire_summary(w, df)
    assert summary.values.tolist() == [["origin", 3, "wire, y, z"]]


def test_no_text_no_pairs():
    w = events.detect_wire_copy(pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"]}))
    assert w.pairs.empty and w.groups["wire_group"].tolist() == ["a", "b"]
    assert events.group_events(pd.DataFrame(columns=["doc_id", "text"])).assignment.empty


def test_grouping_agreement_hand_computed():
    a = pd.DataFrame({"doc_id": list("abcd"), "event_id": ["1", "1", "2", "2"]})
    r = pd.DataFrame({"doc_id": list("abcde"), "event_id": ["x", "x", "y", "y", None]})
    assert events.grouping_agreement(a, r) == {"precision": 1.0, "recall": 1.0, "f1": 1.0,
                                                "ari": 1.0, "n_articles": 4}
    one = a.assign(event_id="1")                       # everything in one event
    s = events.grouping_agreement(one, r)
    assert (s["precision"], s["recall"]) == (pytest.approx(2 / 6), 1.0)


DEMO = __import__("pathlib").Path(__file__).resolve().parents[1] / "corpora" / "demo"


@pytest.mark.parametrize("window_days", [3, 1e9])
def test_demo_events_recovered(window_days):
    """The 24 demo articles (6 events x 4 outlets, differently worded) are grouped back
    into the corpus's events, with and without the help of the date window."""
    if not (DEMO / "articles.jsonl").exists():
        pytest.skip("demo corpus not present")
    from toolkit.corpus import load_corpus

    arts = list(load_corpus(DEMO))
    ref = pd.DataFrame({"doc_id": [a.doc_id for a in arts],
                        "event_id": [a.event_id for a in arts]})
    g = events.group_events(arts, window_days=window_days)
    score = events.grouping_agreement(g.assignment, ref)
    assert score["n_articles"] == 24 and score["f1"] == 1.0
    assert len(g.events) == 6 and (g.events["n_articles"] == 4).all()
    # single linkage without the window chains everything together: why average is default
    if window_days > 100:
        chained = events.group_events(arts, window_days=window_days, method="components")
        assert events.grouping_agreement(chained.assignment, ref)["precision"] < 0.5


# --------------------------------------------------------------------------- real data


def _shared(rel):
    from toolkit.evaluate import shared_data_dir

    path = shared_data_dir() / rel
    if not path.exists():
        pytest.skip(f"{path} not present")
    import gzip
    import json

    with gzip.open(path, "rt", encoding="utf-8") as f:
        return pd.DataFrame([json.loads(line) for line in f])


def test_basil_events_recovered():
    """BASIL: 50 events x (fox, nyt, hpo), each outlet writing its own story."""
    df = _shared("basil/basil.jsonl.gz")
    s = events.grouping_agreement(events.group_events(df).assignment,
                                  df[["doc_id", "event_id"]])
    assert s["n_articles"] == 150
    assert s["precision"] >= 0.95 and s["f1"] >= 0.9


def test_fakes_wire_copies_found_and_basil_has_none():
    """FA-KES reprints agency copy across outlets; BASIL's outlets write their own."""
    fk = _shared("fakes/fakes.jsonl.gz")
    w = events.detect_wire_copy(fk)
    outlet = fk.set_index("doc_id")["outlet"]
    cross = (w.pairs["origin"].map(outlet) != w.pairs["copy"].map(outlet)).sum()
    assert len(w.pairs) >= 15 and cross >= 10
    assert (w.pairs["containment"] >= 0.5).all()
    basil = _shared("basil/basil.jsonl.gz")
    assert events.detect_wire_copy(basil).pairs.empty


def test_cli_events_report_and_json(tmp_path, capsys):
    import argparse
    import json

    corpus = tmp_path / "articles.jsonl"
    rows = _wire_frame().assign(event_id=None)
    with corpus.open("w", encoding="utf-8") as f:
        for r in rows.to_dict("records"):
            f.write(json.dumps(r) + "\n")
    p = argparse.ArgumentParser()
    events.add_arguments(p)
    assert events.run(p.parse_args([str(corpus)])) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 articles,")
    assert "wire copy: 3 pairs" in out and "origin (wire) -> late-copy (y)" in out
    assert events.run(p.parse_args([str(corpus), "--json"])) == 0
    recs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["doc_id"] for r in recs] == rows["doc_id"].tolist()
    assert {r["wire_group"] for r in recs} == {"origin", "own"}
    from toolkit import cli

    assert cli.COMMANDS["events"][0] == "toolkit.events"
