"""Denials: hand-checked sentences (positives and look-alikes), the seed article, pairing."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.actors import Codebook
from toolkit.errors import DocumentError
from toolkit.evaluate import denials as ev
from toolkit.features import denials
from toolkit.text import process

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_477a7e3c0f523f6d.txt"
SYRIA = ROOT / "corpora" / "syria" / "actors.yml"


def rows(text: str, **kw) -> list[dict]:
    return denials.extract([process(text, doc_id="t")], **kw).to_dict("records")


# (sentence, expected rows as text: (kind, cue_text, denier_text, denied_text))
POSITIVES = [
    ("Moscow denied any involvement in the raids.",
     [("denial", "denied", "Moscow", "any involvement in the raids")]),
    (("Moscow and Damascus, who deny indiscriminate bombing of civilian areas, say they "
      "are fighting militants."),
     [("denial", "deny", "Moscow | Damascus", "indiscriminate bombing of civilian areas")]),
    ("The claim was swiftly denied by Brussels.",
     [("denial", "denied", "Brussels", "The claim")]),
    ("Residents dismissed the reports as lies.",
     [("denial", "dismissed", "Residents", "the reports")]),
    ("A senior official denied that the convoy had been attacked.",
     [("denial", "denied", "A senior official", "the convoy had been attacked")]),
    ("The brigade denied having any presence in the area.",
     [("denial", "denied", "The brigade", "having any presence in the area")]),
    ("Syria and its ally Russia deny Damascus carried out any such attack.",
     [("denial", "deny", "Syria | its ally Russia", "Damascus carried out any such attack")]),
    ("Russia has previously downplayed its direct role in the advance.",
     [("minimisation", "downplayed", "Russia", "its direct role in the advance")]),
    ("The ministry declined to comment on the report.",
     [("no_comment", "declined to comment", "The ministry", "the report")]),
    ("A spokesman for the ministry did not respond to a request for comment.",
     [("no_comment", "did not respond to a request for comment",
       "A spokesman for the ministry", "")]),
    ("The army said it was not responsible for the explosion.",
     [("denial", "was not responsible", "The army", "the explosion")]),
    ("Damascus denied responsibility and blamed rebels.",
     [("denial", "denied", "Damascus", "responsibility"),
      ("counter_accusation", "blamed", "Damascus", "rebels")]),
    ("The militia told reporters it had no fighters in the market area.",
     [("denial", "told", "The militia", "it had no fighters in the market area")]),
    ("The Syrian Observatory reported 40 dead, a figure the government disputes.",
     [("minimisation", "disputes", "the government", "40 dead")]),
    ("It is an accusation the group has denied.",
     [("denial", "denied", "the group", "It is")]),
    ("Evidence contradicts repeated denials by the defence ministry.",
     [("denial", "denials", "the defence ministry", "")]),
    ("The ministry called the allegations baseless.",
     [("denial", "called the allegations baseless", "The ministry", "the allegations")]),
    ("Trump denied during the debate that he had ever done so.",
     [("denial", "denied", "Trump", "he had ever done so")]),
    ("The senator said he could not confirm, deny or comment on the case.",
     [("no_comment", "could not confirm, deny", "The senator", "")]),
    ("Aides to the governor declined to say whether he would attend.",
     [("no_comment", "declined to say", "Aides to the governor", "")]),
    ("Officials insisted their forces were only firing at militia positions.",
     [("minimisation", "insisted", "Officials", "their forces were only firing at militia positions")]),
    ("The ministry claimed the monitor was exaggerating the toll.",
     [("minimisation", "claimed", "The ministry", "the monitor was exaggerating the toll")]),
    ("The brigade told reporters that none of its members had been near the road.",
     [("denial", "told", "The brigade", "none of its members had been near the road")]),
    ("The allegations were false, the ministry said.",
     [("denial", "The allegations were false", "the ministry", "The allegations")]),
    ("He pleaded not guilty to the charges.",
     [("denial", "pleaded not guilty", "He", "to the charges")]),
]

LOOKALIKES = [
    "Republicans hope a strong turnout will deny Democrats a landslide.",
    "The district kept denying her assignments for months.",
    "Nor have they outright denied that the meeting took place.",
    "The ministry did not deny that strikes had been carried out.",
    "The minister stopped short of denying the report.",
    "Lawmakers rejected the plan by a wide margin.",
    "Rebels have rejected the government's offer.",
    "A judge dismissed the lawsuit on Monday.",
    "The general was dismissed last week.",
    "Aid trucks were denied permission to enter the city.",
    "Officials rebuffed calls to resign.",
    "The strikes were executed to deny the militants the ability to move.",
    "The company could refute the claims at a trial, the judge said.",
    "He said he did not know who fired the shells.",
    "The government said it would not hesitate to respond.",
    "Critics called the plan ridiculous.",
    "He was in his right to refuse to answer questions.",
    "He resigned because he refused to say the words in public.",
    "The findings of the inquiry refute the minister's assertions.",
    "Their asylum claim was rejected.",
    "In a statement, they said his presence does not serve the national interest.",
    "The company said it only learned of the problem last week.",
    "He said he wasn't sure the plan would work.",
    "The allegations are baseless.",
    "Critics said the reports were accurate.",
]


@pytest.mark.parametrize("sentence,expected", POSITIVES, ids=[p[0][:40] for p in POSITIVES])
def test_reported_denials(sentence, expected):
    got = [(r["kind"], r["cue_text"], r["denier_text"], r["denied_text"]) for r in rows(sentence)]
    assert got == expected


@pytest.mark.parametrize("sentence", LOOKALIKES, ids=[s[:40] for s in LOOKALIKES])
def test_lookalikes_are_not_denials(sentence):
    assert rows(sentence) == []


def test_neither_confirm_nor_deny_is_a_non_answer():
    got = rows("The agency would neither confirm nor deny the existence of the program.")
    assert [(r["kind"], r["cue_text"], r["denier_text"]) for r in got] == [
        ("no_comment", "would neither confirm nor deny", "The agency")]


def test_counter_accusation_with_staged():
    got = rows("The ministry said the rebels had staged the attack.")
    assert [(r["kind"], r["cue_text"], r["denier_text"], r["denied_text"]) for r in got] == [
        ("counter_accusation", "staged", "The ministry", "the rebels had staged the attack")]


def test_offsets_reproduce_every_span():
    text = ("Moscow and Damascus, who deny bombing hospitals, say they fight militants. "
            "The ministry declined to comment.\n\nA figure the army disputes was published.")
    doc = process(text, doc_id="o", title="Kremlin denies role in strike")
    out = denials.extract([doc])
    assert len(out) >= 3
    for r in out.to_dict("records"):
        src = doc.title if r["segment"] == "title" else doc.text
        assert r["cue_text"] == " ".join(src[s:e] for s, e in r["cue"])
        assert r["denier_text"] == " | ".join(src[s:e] for s, e in r["denier"])
        assert r["denied_text"] == " ".join(src[s:e] for s, e in r["denied"])
    title = out[out["segment"] == "title"].to_dict("records")
    assert [(r["cue_text"], r["denier_text"], r["denied_text"]) for r in title] == [
        ("denies", "Kremlin", "role in strike")]


def test_empty_and_schema():
    out = denials.extract([process("", doc_id="e")])
    assert list(out.columns) == list(denials.COLUMNS) and len(out) == 0


def test_broken_document_raises_document_error():
    with pytest.raises(DocumentError):
        list(denials.iter_denials("not a doc"))


def test_actors_and_pairing_with_codebook():
    cb = Codebook.from_dict({"actors": {
        "Russia": ["Moscow"], "Syrian government": ["Damascus"], "UN": ["the United Nations"]}})
    text = ("Hundreds of civilians have been killed in the bombing of hospitals, "
            "the United Nations says. Moscow and Damascus deny bombing hospitals.")
    (r,) = rows(text, codebook=cb)
    assert r["actors"] == ["Russia", "Syrian government"]
    assert r["accusation_in_article"] is True
    assert r["accusers"] == ["UN"]
    assert r["accusation_sentences"] == [0]


def test_generic_denial_paired_with_accusation_nearby():
    text = "Russia accused Belgium of killing six civilians. Brussels denied the claim."
    (r,) = rows(text)
    assert (r["denier_text"], r["denied_text"], r["accusation_in_article"]) == (
        "Brussels", "the claim", True)
    assert r["accusation_sentences"] == [0]


def test_unpaired_denial():
    (r,) = rows("The weather was fine. The company denied the allegation.")
    assert r["accusation_in_article"] is False and r["accusers"] == []


def test_json_rows_keys():
    doc = process("Moscow denied the reports.", doc_id="j")
    (row,) = denials.json_rows(doc)
    assert {"cue", "denier", "denied", "kind", "actors", "accusation_in_article",
            "accusers"} <= set(row)
    assert row["cue"] == [[7, 13]] and row["denier"] == [[0, 6]] and row["denied"] == [[14, 25]]


def test_outlet_actor_table_counts():
    d = pd.DataFrame({"doc_id": ["a", "a", "b", "c"],
                      "actors": [["Russia"], ["Russia", "Syria"], ["Russia"], []],
                      "accusers": [["UN"], [], [], ["Russia"]],
                      "accusation_in_article": [True, False, True, True]})
    arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["x", "y", "y"]})
    t = denials.outlet_actor_table(d, arts)
    got = {(r["outlet"], r["actor"]): (r["denials"], r["accusations"], r["pairs"], r["articles"])
           for r in t.to_dict("records")}
    assert got == {("x", "Russia"): (2, 0, 1, 1), ("x", "Syria"): (1, 0, 0, 1),
                   ("x", "UN"): (0, 1, 0, 0), ("y", "Russia"): (1, 1, 1, 1)}


def test_custom_lexicon_path(tmp_path):
    lex = tmp_path / "cues.csv"
    lex.write_text("pattern,kind,cue_type,object_rule,note,source\n"
                   "deny,denial,verb,default_accept,only deny,test\n", encoding="utf-8")
    assert [r["cue_text"] for r in rows("Moscow denied the reports and played down the raid.",
                                        lexicon=str(lex))] == ["denied"]


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present (../shared/seeds)")
def test_seed_article():
    cb = Codebook.load(SYRIA)
    doc = process(SEED.read_text(encoding="utf-8"), doc_id="seed")
    out = denials.extract([doc], codebook=cb).to_dict("records")
    got = [(r["kind"], r["cue_text"], r["denier_text"], r["denied_text"], r["actors"])
           for r in out]
    assert got == [
        ("minimisation", "downplayed", "Russia", "its direct role in the advance", ["Russia"]),
        ("denial", "deny", "Moscow | Damascus",
         "indiscriminate bombing of civilians areas or targeting hospitals",
         ["Russia", "Syrian government"]),
    ]
    deny = out[1]
    assert deny["accusation_in_article"] is True
    # the raids with the hospital struck (residents) and the SNHR count are the accusations
    sents = {doc.sentence_text(doc.sentences[i]).split(",")[0] for i in deny["accusation_sentences"]}
    assert "On Tuesday" in sents
    assert "Local witnesses" in deny["accusers"] and "Rights groups" in deny["accusers"]
    assert "Russia" not in deny["accusers"]


def test_check_set_scores():
    res = ev.score_check()
    assert res["positives"] == 27
    assert res["cue"]["recall"] >= 0.9 and res["cue"]["precision"] >= 0.9


def test_score_docs_interval_over_documents():
    denied = {"doc_id": "a", "title": "", "text": "Moscow denied bombing the hospital.",
              "gold": [{"segment": "body", "cue": [[7, 13]], "kind": "denial"}]}
    quiet = {"doc_id": "b", "title": "", "text": "The hospital was hit on Tuesday.",
             "gold": [{"segment": "body", "cue": [[17, 20]], "kind": "denial"}]}
    res = ev.score_docs([denied, quiet])
    assert (res["cue"]["tp"], res["cue"]["fp"], res["cue"]["fn"]) == (1, 0, 1)
    # resamples of the first document alone score 1.0, of the second alone 0.0
    assert (res["cue_f1_interval"]["low"], res["cue_f1_interval"]["high"]) == (0.0, 1.0)


def test_match_is_one_to_one():
    assert ev.match([[[0, 10]], [[2, 3]]], [[[1, 4]]]) == [(0, 0)]


def test_denial_cues_lexicon_lint():
    import re

    from toolkit.features.cues import lexicon_classes
    from toolkit.lexicons import load_lexicon

    lex = load_lexicon("denial_cues")
    assert lex.version == "1.0"
    rules = {"verb": {"default_accept", "accusation_object", "any_object"},
             "nominal": {"nominal"},
             "phrase": {"content_after", "comment_on", "evaluative"},
             "counter": {"say_frame", "after_denial"}}
    classes = lexicon_classes()
    patterns = [r["pattern"] for r in lex.rows]
    assert len(patterns) == len(set(patterns))
    for r in lex.rows:
        assert r["kind"] in denials.KINDS, r
        assert r["object_rule"] in rules[r["cue_type"]], r
        assert r["source"], r
        if r["cue_type"] == "phrase":
            re.compile(r["pattern"])
        if r["cue_type"] == "verb":
            # one cue detector: every verb here is a denial-class verb of reporting_verbs.csv
            first = r["pattern"].split()[0]
            assert r["pattern"] == r["pattern"].lower()
            assert classes.get(r["pattern"], classes.get(first)) == "denial" or \
                " " in r["pattern"], r


def test_pronoun_denier_resolved_through_codebook():
    cb = Codebook.from_dict({"actors": {"Syrian government": ["the government"],
                                        "UN": ["the United Nations"]}})
    text = ("The United Nations blamed the government for the attack, though it denied "
            "any responsibility.")
    (r,) = rows(text, codebook=cb)
    assert (r["denier_text"], r["actors"]) == ("it", ["Syrian government"])
    assert "pronoun_resolved" in r["flags"] and r["accusers"] == ["UN"]
    (r,) = rows("The government was blamed. It denied the report.", codebook=cb)
    assert r["actors"] == ["Syrian government"]


def test_counter_accusation_by_the_denier_later_in_the_article():
    text = ("The brigade denied any presence in the area. "
            "“Whatever happened there is their responsibility,” the brigade told reporters. "
            "The brigade said the weather was bad.")
    got = [(r["kind"], r["cue_text"], r["denier_text"], r["denied_text"]) for r in rows(text)]
    assert got == [
        ("denial", "denied", "The brigade", "any presence in the area"),
        ("counter_accusation", "told", "the brigade", "Whatever happened there is their responsibility"),
    ]


def test_allies_are_not_accusers():
    cb = Codebook.from_dict({"actors": {
        "Russia": {"aliases": ["Moscow"], "side": "pro-government"},
        "State media": {"aliases": ["state media"], "side": "pro-government"},
        "Residents": {"aliases": ["residents"], "side": "neutral"}}})
    text = ("Jets bombed the hospital on Tuesday, residents said. State media said the "
            "hospital was bombed by militants. Moscow denied bombing the hospital.")
    (r,) = rows(text, codebook=cb)
    assert r["actors"] == ["Russia"] and r["accusation_in_article"] is True
    assert r["accusers"] == ["Residents"]


# --------------------------------------------------------------------------- speed-ups stay exact


def test_fast_screen_equals_the_ignorecase_search():
    # the lower-cased ASCII screen must give the IGNORECASE regex's answer, also at
    # sentence starts preceded by a word character (where \b looks back) and on
    # text with characters whose case folding differs (long s, dotted I, Kelvin sign)
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from toolkit.features.denials import _SCREEN, _screen

    pieces = st.sampled_from(["no", "Not", "DENIED", "x", "role", "\u017f", "_", "a", "N'T",
                              "n\u2019t", "Lie", "belief", " ", ".", "\n\n", "\u0130",
                              "\u212a", "call", "Bno", "7"])

    class Sent:
        def __init__(self, start, end):
            self.start, self.end = start, end

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, max_size=25).map("".join), st.integers(0, 40), st.integers(0, 40))
    def check(text, a, b):
        s = Sent(min(a, b), max(a, b))
        assert _screen(text, s) == bool(_SCREEN.search(text, s.start, s.end))

    check()


def test_memo_gives_fresh_token_lists():
    # the cue rules re-tag tokens in place; a memo must never hand out its own list
    from toolkit.features._denial_grammar import DocMemo, _tokens
    from toolkit.text import process

    doc = process("The ministry denied that allegation on Monday.", doc_id="m")
    memo = DocMemo(doc)
    first = memo.tokens(doc.text, doc.sentences[0])
    first[0] = None
    assert memo.tokens(doc.text, doc.sentences[0]) == _tokens(doc.text, doc.sentences[0])
