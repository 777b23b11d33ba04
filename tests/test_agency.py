"""Casualty agency: hand-checked sentences per class, the seed article, counts,
attribution matching, aggregates, lexicons and the demo-gold scorer."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.actors import Codebook
from toolkit.evaluate import agency as ev
from toolkit.features import agency as A
from toolkit.lexicons import load_lexicon
from toolkit.text import process

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / \
    "000_477a7e3c0f523f6d.txt"
CODEBOOK = Codebook.from_dict({"actors": {
    "Russia": {"aliases": ["Russian jets", "Moscow"]},
    "Syrian government": {"aliases": ["Damascus", "Syrian army"]}}})


def _rows(text: str, **kw) -> list[tuple]:
    doc = process(text, doc_id="t")
    return [(m.trigger_text, m.agency_class, m.harm, m.victim_text, m.count, m.agent_text,
             m.cause_text) for m in A.iter_agency(doc, **kw)]


# (sentence, [(trigger, class, harm, victim, count, agent, cause), ...])
CASES = [
    ("Russian jets killed 14 civilians.",
     [("killed", "active_agent", "death", "14 civilians", 14, "Russian jets", "")]),
    ("Fourteen civilians were killed by Russian jets.",
     [("killed", "passive_agent", "death", "Fourteen civilians", 14, "Russian jets", "")]),
    ("Two people were killed by shelling from army positions.",
     [("killed", "passive_agent", "death", "Two people", 2, "army positions", "shelling")]),
    ("Five aid workers were wounded in the attack.",
     [("wounded", "passive_cause", "injury", "Five aid workers", 5, "", "the attack")]),
    ("Dozens of people were injured.",
     [("injured", "agentless_passive", "injury", "Dozens of people", None, "", "")]),
    ("Three people died in a blast at the hospital.",
     [("died", "intransitive", "death", "Three people", 3, "", "a blast")]),
    ("About 30,000 residents have fled.",
     [("fled", "intransitive", "displacement", "About 30,000 residents", 30000, "", "")]),
    ("The death toll rose to 64.",
     [("death toll", "nominal", "death", "", 64, "", "")]),
    ("Monitors recorded more than 600 civilian deaths.",
     [("deaths", "nominal", "death", "civilian", 600, "", "")]),
    ("Doctors treated the wounded.",
     [("wounded", "adjectival", "injury", "the wounded", None, "", "")]),
    ("The clinic had treated 58 wounded people.",
     [("wounded", "adjectival", "injury", "58 wounded people", 58, "", "")]),
    ("A missile struck a school, killing nine people.",
     [("struck", "active_agent", "attack", "a school", None, "", "A missile"),
      ("killing", "active_agent", "death", "nine people", 9, "", "A missile")]),
    ("The drone fired two missiles at the convoy.",
     [("fired", "active_agent", "attack", "the convoy", None, "", "The drone")]),
    ("Two patients and a nurse were killed.",
     [("killed", "agentless_passive", "death", "Two patients and a nurse", 3, "", "")]),
]

# look-alikes that are not harm to people or places
NEGATIVES = [
    "Oil prices hit a record high on Monday.",
    "The two sides struck a deal late on Tuesday.",
    "The ministry denies targeting civilians.",
    "Officials evacuated the building as a precaution.",
    "The strike was condemned by rights groups.",
]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_agency_cases(sentence, expected):
    assert _rows(sentence) == expected


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_not_casualty_mentions(sentence):
    assert _rows(sentence) == []


def test_actor_from_agent_then_cause():
    doc = process("Civilians were killed by Russian jets. "
                  "Civilians were killed in the Syrian army offensive.", doc_id="d")
    ms = list(A.iter_agency(doc, codebook=CODEBOOK))
    assert [(m.actor, sorted(m.flags)) for m in ms] == [
        ("Russia", []), ("Syrian government", ["actor_from_cause"])]


def test_headline_mentions():
    doc = process("Body.", doc_id="h", title="Three die as convoy is hit, army says")
    ms = list(A.iter_agency(doc))
    assert [(m.segment, m.trigger_text, m.agency_class, m.victim_text) for m in ms] == [
        ("title", "die", "intransitive", "Three"),
        ("title", "hit", "agentless_passive", "convoy")]


@pytest.mark.parametrize("words,expected", [
    ("at least 843 civilians", (843, {"approximate"})),
    ("196 children", (196, set())),
    ("hundreds of civilians", (None, {"vague_count"})),
    ("tens of thousands of people", (None, {"vague_count"})),
    ("400,000 people", (400000, set())),
    ("two patients and a nurse", (3, set())),
    ("the town", (None, set())),
])
def test_parse_count(words, expected):
    assert A.parse_count(words.split()) == expected


def test_attributed_to_by_span_containment():
    text = "Medics said 12 people were killed. Jets hit the town."
    doc = process(text, doc_id="d")
    s = text.index("12")
    attributions = pd.DataFrame({"doc_id": ["d"], "content": [[[s, text.index(".")]]],
                                 "source_text": ["Medics"], "actor": [None]})
    ms = list(A.iter_agency(doc, attributions=attributions))
    assert [(m.trigger_text, m.attributed_to) for m in ms] == [("killed", "Medics"),
                                                               ("hit", None)]


def test_extract_columns_offsets_and_empty():
    text = "Russian jets killed 14 civilians. The dead were buried."
    df = A.extract([process(text, doc_id="d")], codebook=CODEBOOK)
    assert list(df.columns) == list(A.COLUMNS)
    assert df["agency_class"].tolist() == ["active_agent", "adjectival"]
    assert df["actor"].tolist() == ["Russia", None]
    for _, row in df.iterrows():
        for col in ("trigger", "victim", "agent", "cause"):
            assert row[f"{col}_text"] == " ".join(text[s:e] for s, e in row[col])
    empty = A.extract([process("", doc_id="e")])
    assert list(empty.columns) == list(A.COLUMNS) and len(empty) == 0


def test_json_rows_keys():
    rows = list(A.json_rows(process("Jets struck the hospital.", doc_id="d")))
    assert rows[0]["trigger"] == [[5, 11]] and rows[0]["agency"] == "active_agent"
    assert {"victim", "agent", "cause", "harm", "count", "actor", "attributed_to"} <= set(rows[0])


def test_pure_and_deterministic():
    doc = process("Jets struck the hospital, killing 3 people.", doc_id="d")
    a, b = A.extract([doc]), A.extract([doc])
    pd.testing.assert_frame_equal(a, b)


def test_article_measures_and_agents_named():
    df = A.extract([process("Russian jets killed 14 civilians. Three people died.",
                            doc_id="a"),
                    process("Civilians were killed.", doc_id="b")], codebook=CODEBOOK)
    m = A.article_measures(df)
    assert m["agency_count"].tolist() == [2, 1]
    assert m["agency_agent_named_share"].tolist() == [0.5, 0.0]
    assert m["agency_agentless_passive_share"].tolist() == [0.0, 1.0]
    named = A.agents_named(df)
    assert named.values.tolist() == [["Russia", "Russian jets", 1, 1]]


def test_lexicons_are_clean():
    harm = load_lexicon("harm_triggers")
    vic = load_lexicon("victims")
    assert harm.version == "1.0" and vic.version == "1.0"
    keys = [(r["lemma"], r["pos"]) for r in harm.rows]
    assert len(keys) == len(set(keys))
    assert {r["harm"] for r in harm.rows} == {"death", "injury", "displacement", "attack"}
    assert {r["kind"] for r in harm.rows} <= {"transitive", "intransitive", "phrasal",
                                              "nominal", "adjectival"}
    assert all(r["source"] and r["lemma"] == r["lemma"].lower() for r in harm.rows + vic.rows)
    lemmas = [r["lemma"] for r in vic.rows]
    assert len(lemmas) == len(set(lemmas))


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article_casualty_sentences():
    doc = process(SEED.read_text(encoding="utf-8"), doc_id="seed")
    ms = {(m.trigger_text, m.victim_text): m for m in A.iter_agency(doc)}
    k = ms[("killed", "Hundreds of civilians")]
    assert (k.agency_class, k.harm, k.victim_head, k.count) == (
        "agentless_passive", "death", "civilians", None)
    d = ms[("displaced", "at least 400,000 people")]
    assert (d.agency_class, d.harm, d.count) == ("agentless_passive", "displacement", 400000)
    r = ms[("killed", "the 843 civilians")]
    assert (r.agency_class, r.count, r.cause_text) == (
        "passive_cause", 843, "the Russian and Syrian raids")
    h = ms[("struck", "the al-Rahma hospital")]
    assert (h.agency_class, h.harm, h.agent_text) == ("agentless_passive", "attack", "")
    assert "reduced" in h.flags
    assert ("targeting", "hospitals") not in ms   # "deny ... targeting": an accusation
    # the raids are the cause of the deaths, not a separate attack mention
    assert ("raids", "Syrian") not in ms


def test_demo_gold_scorer():
    gold_path = ev.demo_dir() / "gold.jsonl"
    if not gold_path.exists():
        pytest.skip("demo gold not built")
    gold = ev.load_gold(gold_path)
    res = ev.score(ev.predict(), gold)
    # measured figures (docs/evaluation.md); the demo was used in development
    assert res["detection"]["f1"] >= 0.9
    assert res["class_accuracy"]["accuracy"] >= 0.9


@pytest.mark.parametrize("sentence,expected", [
    ("Armed settlers shot dead three Palestinians.",
     [("shot", "active_agent", "death", "three Palestinians", 3, "Armed settlers", "")]),
    ("The attack left more than 1,400 people dead.",
     [("dead", "adjectival", "death", "more than 1,400 people", 1400, "", "")]),
    ("His son was among the first killed.",
     [("killed", "agentless_passive", "death", "first", None, "", "")]),
])
def test_news_constructions(sentence, expected):
    assert _rows(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("Hamas gunmen killed and kidnapped hundreds of Israelis.",
     [("killed", "active_agent", "death", "hundreds of Israelis", None, "Hamas gunmen", "")]),
    ("The Israelis whom Hamas murdered were civilians.",
     [("murdered", "active_agent", "death", "The Israelis", None, "Hamas", "")]),
    ("Babies slaughtered.",
     [("slaughtered", "agentless_passive", "death", "Babies", None, "", "")]),
    ("Its forces hit civilian areas.",
     [("hit", "active_agent", "attack", "civilian areas", None, "Its forces", "")]),
])
def test_object_and_subject_recovery(sentence, expected):
    assert _rows(sentence) == expected


def test_json_rows_use_the_attribution_extractor_when_present():
    pytest.importorskip("toolkit.features.attribution")
    doc = process("Fourteen people were killed, officials said.", doc_id="d")
    rows = list(A.json_rows(doc))
    assert [(r["trigger_text"], r["attributed_to"]) for r in rows] == [("killed", "officials")]
