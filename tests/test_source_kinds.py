"""Tests of source-kind classification (toolkit.features.source_kinds)."""
from __future__ import annotations

import pytest

from toolkit.features.source_kinds import SOURCE_KINDS, source_kind
from toolkit.text import process


def kind(phrase: str) -> str:
    doc = process(phrase + " said it.", doc_id="k")
    toks = doc.sentences[0].tokens[:-3]
    return source_kind([doc.text[t.start:t.end] for t in toks], [t.tag for t in toks])


@pytest.mark.parametrize("phrase, expected", [
    ("Abdullah Younis", "person"),
    ("Foreign Minister Sergei Lavrov", "official"),
    ("The president", "official"),
    ("A senior Turkish security official", "anonymous"),
    ("Western intelligence sources", "anonymous"),
    ("Two officials", "anonymous"),
    ("State media", "media"),
    ("The Interfax news agency", "media"),
    ("Reuters", "media"),
    ("The defence ministry", "institution"),
    ("Damascus", "institution"),
    ("The Syrian Network for Human Rights", "institution"),
    ("Residents", "collective"),
    ("Medics, NGOs and the United Nations", "collective"),
    ("Rescuers", "collective"),
    ("The report", "other"),
    ("Human Rights Watch", "institution"),
    ("Amnesty International", "institution"),
    # organisation names with no institution word (source_kind_words 1.1)
    ("Hamas", "institution"),
    ("The IDF", "institution"),
    ("The Houthis", "collective"),
    ("The Syrian Arab Red Crescent", "institution"),
    ("Doctors at the hospital", "collective"),
    ("One doctor", "anonymous"),
    ("A resident", "anonymous"),
    ("Secretary-General Antonio Guterres", "official"),
    ("Iran's foreign minister", "official"),
    ("His spokesman", "official"),
    ("President Bashar al-Assad's government", "institution"),
    ("The 30-year-old mother", "person"),
    ("Sources close to the investigation", "anonymous"),
    ("The monitor", "institution"),
    ("The opposition-run civil defence", "institution"),
])
def test_source_kind(phrase, expected):
    assert kind(phrase) == expected


def test_pronouns_and_empty():
    assert source_kind(["he"], ["PRP"]) == "person"
    assert source_kind(["they"], ["PRP"]) == "collective"
    assert source_kind([], []) == "other"
    assert set(SOURCE_KINDS) >= {"person", "official", "institution", "anonymous",
                                 "collective", "media", "other"}


def test_capitalised_noun_is_a_name():
    # NLTK tags a sentence-initial name as NN ("Putin/NN at a rally said")
    assert source_kind(["Putin"], ["NN"]) == "person"
    assert source_kind(["authority"], ["NN"]) == "institution"
    assert source_kind(["thing"], ["NN"]) == "other"


def test_word_lists_are_data_and_overridable(tmp_path):
    from toolkit.errors import CorpusError
    from toolkit.features.attribution import iter_attributions
    from toolkit.features.source_kinds import WORD_LISTS, word_lists

    w = word_lists()
    assert "reuters" in w.media and "moscow" in w.metonym and "sources" in w.anonymous_head
    assert {r for r in WORD_LISTS} == set(w.__dataclass_fields__)
    # a study's own file: Tamarod is an institution there
    own = tmp_path / "kinds.csv"
    own.write_text("word,list\ntamarod,institution\n", encoding="utf-8")
    doc = process("Tamarod said the talks had failed.", doc_id="h")
    assert [a.source_kind for a in iter_attributions(doc)] == ["person"]
    assert [a.source_kind for a in iter_attributions(doc, source_kinds=own)] == ["institution"]
    bad = tmp_path / "bad.csv"
    bad.write_text("# note\nword,list\nhamas,group\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad.csv:3: field 'list'"):
        source_kind(["Hamas"], ["NNP"], bad)
