"""Tests of the shared cue detector (toolkit.features.cues)."""
from __future__ import annotations

import csv

import pytest

from toolkit.features.cues import (
    VERB_CLASSES,
    Cue,
    find_attitude_cues,
    find_cues,
    find_headline_verbs,
    inflections,
    preposition_nouns,
)
from toolkit.lexicons import load_lexicon
from toolkit.text import process


def cues_of(sentence: str):
    doc = process(sentence, doc_id="t")
    out = []
    for s in doc.sentences:
        for c in find_cues(doc, s):
            out.append((c.text(doc.text), c.lemma, c.verb_class, c.kind))
    return out


@pytest.mark.parametrize("sentence, expected", [
    ("Rescuers there said 60,000 people had fled.", [("said", "say", "neutral", "verb")]),
    ('"It is over," said Abdullah Younis.', [("said", "say", "neutral", "verb")]),
    ("The man told Reuters he had left.", [("told", "tell", "neutral", "verb")]),
    ("Rebels concede most fighters have fled.",
     [("concede", "concede", "concessive", "verb")]),
    ("The minister claimed victory.", [("claimed", "claim", "distancing", "verb")]),
    ("She admitted the error.", [("admitted", "admit", "concessive", "verb")]),
    ("He insisted the raid was legal.", [("insisted", "insist", "distancing", "verb")]),
    ("Lavrov acknowledged the presence of troops.",
     [("acknowledged", "acknowledge", "endorsing", "verb")]),
    ("Damascus denounced the attack.", [("denounced", "denounce", "accusatory", "verb")]),
    ("Moscow has denied targeting hospitals.", [("denied", "deny", "denial", "verb")]),
    ("He pointed out that the town had fallen.",
     [("pointed out", "point out", "endorsing", "verb")]),
    ("Officials ruled it out.", [("ruled ... out", "rule out", "denial", "verb")]),
    ("It fell, according to Western sources.",
     [("according to", "according to", "neutral", "according_to")]),
    ("The Interfax news agency quoted him as saying so.",
     [("quoted ... as saying", "quote as saying", "neutral", "phrase")]),
    ("The ministry said in a statement that it would act.",
     [("said ... in a statement", "say", "neutral", "verb")]),
    ("She sighed that nothing had changed.", [("sighed", "sigh", "neutral", "verb")]),
    ("Residents fear more raids.", [("fear", "fear", "cognition", "verb")]),
    ("He rejected the allegation that troops fired.",
     [("rejected", "reject", "denial", "verb"), ("allegation", "allegation", "distancing",
                                                  "nominal")]),
    ("The claim that jets struck is false.", [("claim", "claim", "distancing", "nominal")]),
    # lexicon 1.1: a prepositional nominal cue and a survey frame
    ("His criticism of the deal was harsh.",
     [("criticism", "criticism", "accusatory", "nominal")]),
    ("In a new CBS News poll, she led.", [("In", "in", "neutral", "according_to")]),
    ("He was in the polls.", []),
    # negatives: no reporting cue at all
    ("Jets struck the town on Tuesday.", []),
    ("The convoy had not moved since the strike.", []),
    ("Thousands of people fled to the border.", []),
])
def test_find_cues(sentence, expected):
    assert cues_of(sentence) == expected


def test_spans_reproduce_and_negation():
    doc = process("The army did not deny the raid.", doc_id="n")
    (cue,) = find_cues(doc, doc.sentences[0])
    assert isinstance(cue, Cue)
    assert [doc.text[s:e] for s, e in cue.spans] == ["deny"]
    assert cue.negated and cue.head == 4


def test_title_segment_offsets_index_title():
    doc = process("Body text here.", doc_id="t", title="Kremlin denies strikes")
    (cue,) = find_cues(doc, doc.title_sentences[0], segment="title")
    assert doc.title[cue.start:cue.end] == "denies" and cue.verb_class == "denial"


def test_inflections():
    assert inflections("admit") >= {"admits", "admitted", "admitting"}
    assert inflections("tell") >= {"told", "tells", "telling"}
    assert inflections("concede") >= {"concedes", "conceded", "conceding"}


def test_lexicon_is_wide_and_clean():
    lex = load_lexicon("reporting_verbs")
    lemmas = lex.column("lemma")
    assert len(lemmas) >= 150
    # one row per lemma and part of speech: "praise" is a verb row and a noun row
    keys = [(r["lemma"], r["note"].startswith("noun")) for r in lex.rows]
    assert len(keys) == len(set(keys))
    assert all(lm == lm.lower() and lm.strip() == lm for lm in lemmas)
    assert {r["class"] for r in lex.rows} <= set(VERB_CLASSES)
    assert all(r["source"] for r in lex.rows)
    assert lex.version != "unversioned"


def test_custom_lexicon_path(tmp_path):
    p = tmp_path / "mine.csv"
    with open(p, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["lemma", "class", "multiword", "note", "source"])
        w.writerow(["grumble", "accusatory", "no", "", "test"])
    doc = process("He said they grumbled about it.", doc_id="c")
    found = [(c.lemma, c.verb_class) for c in find_cues(doc, doc.sentences[0], lexicon=p)]
    assert found == [("grumble", "accusatory")]


def test_preposition_nouns_come_from_the_lexicon_note(tmp_path):
    assert {"criticism", "endorsement", "praise"} <= preposition_nouns()
    assert "statement" not in preposition_nouns()
    p = tmp_path / "mine.csv"
    p.write_text("lemma,class,multiword,note,source\n"
                 "gripe,accusatory,no,noun: also with a preposition,test\n")
    assert preposition_nouns(p) == frozenset({"gripe"})


def test_empty_sentence_tokens():
    doc = process("", doc_id="e")
    assert doc.sentences == ()


@pytest.mark.parametrize("sentence, expected", [
    # stance nouns and adjectives count only before a listed complement word
    ("Republicans raised questions about his taxes.",
     [("questions about", "question about", "neutral", "nominal")]),
    ("Opposition to trade deals has grown.",
     [("Opposition to", "opposition to", "cognition", "nominal")]),
    ("Trump was critical of the deal.",
     [("critical of", "critical of", "accusatory", "adjective")]),
    ("The party is eager to tap his donors.",
     [("eager to", "eager to", "cognition", "adjective")]),
    # evidential prepositions: a survey NP after "in", a sentence-initial "For X,"
    ("Trump has a lead in the latest NBC News poll.",
     [("in", "in", "neutral", "according_to")]),
    ("For South Carolina voters, terrorism is the top issue.",
     [("For", "for", "cognition", "according_to")]),
    ("Cuccinelli reportedly left.", [("reportedly", "reportedly", "distancing", "adverb")]),
    # negatives
    ("For years, he lied.", []),
    ("He had questions.", []),
    ("The question of timing matters.", []),
    ("He was in the room with pollsters.", []),
])
def test_find_attitude_cues(sentence, expected):
    doc = process(sentence, doc_id="a")
    got = [(c.text(doc.text), c.lemma, c.verb_class, c.kind)
           for c in find_attitude_cues(doc, doc.sentences[0])]
    assert got == expected


def test_attitude_cues_skip_taken_tokens_and_lexicon_is_clean():
    doc = process("Trump was critical of the deal.", doc_id="a")
    assert find_attitude_cues(doc, doc.sentences[0], taken=frozenset({2})) == []
    lex = load_lexicon("attitude_cues")
    assert lex.version != "unversioned"
    keys = [(r["lemma"], r["pos"]) for r in lex.rows]
    assert len(keys) == len(set(keys))
    assert {r["pos"] for r in lex.rows} == {"noun", "adj", "prep", "adv"}
    assert {r["class"] for r in lex.rows} <= set(VERB_CLASSES)
    assert all(r["complements"] and r["source"] for r in lex.rows)
    # the shared detector (used by denials) does not read this lexicon
    doc = process("Trump was critical of the deal.", doc_id="a")
    assert find_cues(doc, doc.sentences[0]) == []


def test_headline_verbs_only_in_title_case():
    doc = process("Howard Dean Tells Democratic Convention Guns Are A Crisis.", doc_id="h")
    assert [(c.text(doc.text), c.lemma, c.kind)
            for c in find_headline_verbs(doc, doc.sentences[0])] == [("Tells", "tell", "verb")]
    # an ordinary sentence: the noun "reports" stays a noun
    doc = process("The reports of the committee were long and detailed.", doc_id="h")
    assert find_headline_verbs(doc, doc.sentences[0]) == []
    # the shared detector (denials) is unchanged
    doc = process("Bellwether County Says Trump Should Win.", doc_id="h")
    assert find_cues(doc, doc.sentences[0]) == []
