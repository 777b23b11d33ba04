"""Tests of the NLTK text pipeline: offsets, sentences, quotes, cache, resources."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import text as T
from toolkit.errors import ResourceMissing

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_477a7e3c0f523f6d.txt"


def _check_offsets(doc):
    for seg, src, sents in doc.segments():
        prev_end = 0
        for s in sents:
            assert s.start >= prev_end
            assert src[s.start:s.end].strip() == src[s.start:s.end]
            for tok in s.tokens:
                word = src[tok.start:tok.end]
                assert word and not word.isspace(), (seg, tok)
                assert s.start <= tok.start < tok.end <= s.end
            prev_end = s.end


@pytest.mark.parametrize("sentence, tokens", [
    ("Gen. Smith met U.N. envoys.", ["Gen.", "Smith", "met", "U.N.", "envoys", "."]),
    ("Russia's jets didn't stop.", ["Russia", "'s", "jets", "did", "n't", "stop", "."]),
    ("They can\u2019t leave al-Rahma.", ["They", "ca", "n\u2019t", "leave", "al-Rahma", "."]),
    ("At least 400,000 people fled.", ["At", "least", "400,000", "people", "fled", "."]),
    ("\u201cNo,\u201d he said.", ["\u201c", "No", ",", "\u201d", "he", "said", "."]),
    ("See https://example.org/a-b.", ["See", "https://example.org/a-b", "."]),
    # two apostrophes as a double quotation mark (New York Times style) are one token
    ("''No,'' he said.", ["''", "No", ",", "''", "he", "said", "."]),
    ("''Use 'old-school,''' he said.", ["''", "Use", "'", "old-school", ",", "'", "''",
                                         "he", "said", "."]),
])
def test_tokenize_keeps_offsets_and_ptb_splits(sentence, tokens):
    spans = T.tokenize(sentence)
    assert [sentence[s:e] for s, e in spans] == tokens


def test_sentences_respect_news_abbreviations_and_paragraphs():
    text = ("Mr. Lavrov met Gen. Petrov in Sept. 2019 at the U.N. headquarters. "
            "They spoke.\n\nA new paragraph.")
    doc = T.process(text)
    got = [doc.sentence_text(s) for s in doc.sentences]
    assert got == ["Mr. Lavrov met Gen. Petrov in Sept. 2019 at the U.N. headquarters.",
                   "They spoke.", "A new paragraph."]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1]


@pytest.mark.parametrize("text, sentences", [
    ("The S.E.C. said it would act. Lawmakers agreed.",
     ["The S.E.C. said it would act.", "Lawmakers agreed."]),
    ("The A.F.L.-C.I.O. endorsed her on Monday. She thanked it.",
     ["The A.F.L.-C.I.O. endorsed her on Monday.", "She thanked it."]),
    ("\u201cYou winning?\u201d asked Mr. Manafort. Nobody answered.",
     ["\u201cYou winning?\u201d asked Mr. Manafort.", "Nobody answered."]),
    ('"I\'m honored!" she said. "Thank you."', ['"I\'m honored!" she said.', '"Thank you."']),
    ("The case went to the F.B.I. Officials declined to comment.",
     ["The case went to the F.B.I.", "Officials declined to comment."]),
    ("Wow! Then he left.", ["Wow!", "Then he left."]),
    ('"Boeing and GE . . . pay zero taxes." He left . . . The end.',
     ['"Boeing and GE . . . pay zero taxes."', "He left . . .", "The end."]),
    ("It is over\u2026 or not. Yes.", ["It is over\u2026 or not.", "Yes."]),
    # a title or a middle initial never ends a sentence, a Roman numeral may
    ("It should have closed, Mr. Hedge said. He left.",
     ["It should have closed, Mr. Hedge said.", "He left."]),
    ("He beat his rivals, particularly Sens. Ted Cruz and Marco Rubio.",
     ["He beat his rivals, particularly Sens. Ted Cruz and Marco Rubio."]),
    ("Said J. J. Price, a firefighter. George W. Bush spoke. It ran through I. Yes.",
     ["Said J. J. Price, a firefighter.", "George W. Bush spoke.", "It ran through I.",
      "Yes."]),
    ("It was the start of World War I. The war ended.",
     ["It was the start of World War I.", "The war ended."]),
    ("Obama leaves the Oval Office.\u00a0Sen. John Cornyn told reporters.",
     ["Obama leaves the Oval Office.", "Sen. John Cornyn told reporters."]),
])
def test_sentence_breaks_punkt_makes_inside_a_sentence_are_undone(
        text, sentences):
    assert [text[s:e] for s, e in T.split_sentences(text)] == sentences


def test_two_apostrophe_quotations_pair_and_run_over_paragraphs():
    t = "''First part.\n\n''Second part,'' he said of the ''plan.''"
    assert [(q.text(t), q.balanced) for q in T.find_quotes(t)] == [
        ("''First part.\n\n''Second part,''", True), ("''plan.''", True)]
    # in "'''" the first apostrophe closes a nested single quotation
    t = "''Use the word 'old-school,''' he said."
    assert [q.text(t) for q in T.find_quotes(t)] == ["''Use the word 'old-school,'''"]


def test_a_closing_curly_mark_that_opens_a_paragraph_opens_a_quotation():
    t = "\u202a\u201dSorry Sarah, you lost!\u201d posted Sharon.\n\nShe said \u201cno\u201d."
    assert [q.text(t) for q in T.find_quotes(t)] == [
        "\u201dSorry Sarah, you lost!\u201d", "\u201cno\u201d"]


def test_pos_tags_quotes_and_verbs():
    doc = T.process('"We will stay," said the mayor.')
    tags = [(doc.token_text(t), t.tag) for t in doc.sentences[0].tokens]
    assert tags[0] == ('"', "``")
    assert ('"', "''") in tags
    assert ("said", "VBD") in tags
    # apostrophe quotes are shown to the tagger as PTB quotes: the verb after them
    # was tagged JJ after a lone "'" read as a possessive
    doc = T.process("He left.\n\n''You are wrong,'' tweeted Prince Alwaleed.")
    tags = [(doc.token_text(t), t.tag) for t in doc.sentences[1].tokens]
    assert tags[0] == ("''", "``") and ("''", "''") in tags and ("tweeted", "VBD") in tags


def test_single_newline_text_is_split_into_line_paragraphs():
    assert T.split_paragraphs("Title\nBody one.\nBody two.") == [(0, 5), (6, 15), (16, 25)]


@pytest.mark.parametrize("text, expected, balanced", [
    ('He said "yes" and "no".', ['"yes"', '"no"'], [True, True]),
    ("\u201cA.\u201d", ["\u201cA.\u201d"], [True]),
    ('"Open and never closed', ['"Open and never closed'], [False]),
    # a left curly mark typed in closing position closes the quotation
    ("\u201cNo,\u201c he said. \u201cWe lost.\u201d",
     ["\u201cNo,\u201c", "\u201cWe lost.\u201d"], [True, True]),
    ("He said \u201cno\u201d and \u201cyes.\u201d", ["\u201cno\u201d", "\u201cyes.\u201d"],
     [True, True]),
])
def test_find_quotes(text, expected, balanced):
    qs = T.find_quotes(text)
    assert [q.text(text) for q in qs] == expected
    assert [q.balanced for q in qs] == balanced


def test_quote_running_over_paragraphs_is_one_quote():
    text = ('"We stayed for weeks.\n\n"Then the shelling began," she said.')
    qs = T.find_quotes(text)
    assert len(qs) == 1 and qs[0].balanced
    assert qs[0].start == 0 and text[qs[0].end - 1] == '"'


def test_title_is_a_separate_segment():
    doc = T.process("Body text here.", title="3 killed in strike")
    segs = [(seg, [doc.sentence_text(s, seg) for s in sents]) for seg, _, sents in doc.segments()]
    assert segs == [("title", ["3 killed in strike"]), ("body", ["Body text here."])]
    _check_offsets(doc)


def test_empty_and_whitespace_documents():
    for text in ["", "   \n\n  "]:
        doc = T.process(text, doc_id="e")
        assert doc.sentences == () and doc.paragraphs == ()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_offsets_reproduce_original_text_on_arbitrary_unicode(text):
    doc = T.process(text)
    _check_offsets(doc)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["He said", "\u201cNo.\u201d", '"yes,"', "\u00a0", "\r\n", "\n\n",
                                 "U.N.", "Gen.", "killed", "\u2019s", "\u0627\u0644\u0633\u0644\u0627\u0645",
                                 "\U0001F600", ",", ".", "Mr.", "J.", "S.E.C.", "wow!", "?\u201d",
                                 ". . .", "\u2026", "said", "\u201dSo"]), max_size=40))
def test_offsets_on_news_like_fragments(parts):
    text = " ".join(parts)
    doc = T.process(text)
    _check_offsets(doc)
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(text)
    # the repaired sentences still cover every word of each paragraph, in order
    for ps, pe in doc.paragraphs:
        sents = T.split_sentences(text, ps, pe)
        assert "".join("".join(text[a:b].split()) for a, b in sents) == \
            "".join(text[ps:pe].split())


def test_seed_article_sentences_and_offsets():
    if not SEED.exists():
        pytest.skip("seed article not available (../shared/seeds)")
    text = SEED.read_text("utf-8")
    doc = T.process(text, doc_id="seed")
    _check_offsets(doc)
    sents = [doc.sentence_text(s) for s in doc.sentences]
    assert '"The flow of cars and vehicles leaving is not stopping," said Abdullah Younis ' \
           'from the city.' in sents
    assert any(s.startswith("Foreign Minister Sergei Lavrov acknowledged") for s in sents)
    assert len(doc.quotes) == 4 and all(q.balanced for q in doc.quotes)


def test_cache_round_trip(tmp_path):
    cache = T.DocCache(tmp_path)
    text = '"We left," said Ana. Hundreds of civilians were killed.'
    a = T.process_cached(text, doc_id="x", title="Head", cache=cache)
    b = T.process_cached(text, doc_id="x", title="Head", cache=cache)
    assert (cache.misses, cache.hits) == (1, 1)
    assert a == b
    assert cache.clear() == 1


def test_corrupt_cache_entry_is_ignored(tmp_path):
    cache = T.DocCache(tmp_path)
    key = T.cache_key("Some text.")
    path = cache._path(key)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not gzip")
    doc = T.process_cached("Some text.", cache=cache)
    assert len(doc.sentences) == 1


def test_missing_nltk_data_gives_one_clear_error(monkeypatch):
    import nltk

    def not_found(path, *a, **k):
        raise LookupError(path)

    monkeypatch.setattr(nltk.data, "find", not_found)
    with pytest.raises(ResourceMissing) as err:
        T.require_nltk_data()
    assert "mbt setup" in str(err.value) and "punkt_tab" in str(err.value)


def test_lemmatize():
    assert T.lemmatize("insisted", "VBD") == "insist"
    assert T.lemmatize("deaths", "NNS") == "death"
