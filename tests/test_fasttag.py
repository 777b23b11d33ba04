"""The fast perceptron tagger must give exactly NLTK's tags."""
from __future__ import annotations

from pathlib import Path

from nltk.tag.perceptron import PerceptronTagger

from toolkit.fasttag import FastPerceptronTagger
from toolkit.text import _tag_view, split_sentences, tokenize

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / \
    "000_477a7e3c0f523f6d.txt"
TEXT = ("Hundreds of civilians have been killed and at least 400,000 people displaced, "
        "medics, NGOs and the United Nations say. Ten of thousands of people have fled "
        "to Syria's border with Turkey. \u201cThe flow of cars is not stopping,\u201d he "
        "said. Xyzzy quuxed the frobnicator's 12.5% glorp -- didn't it?")


def test_fast_tagger_equals_nltk():
    base = PerceptronTagger()
    fast = FastPerceptronTagger(base)
    texts = [TEXT] + ([SEED.read_text(encoding="utf-8")] if SEED.exists() else [])
    n = 0
    for text in texts:
        for s, e in split_sentences(text):
            view = _tag_view(text, tokenize(text, s, e))
            assert fast.tag(view) == base.tag(view)
            n += len(view)
    assert n > 40
    assert fast.tag([]) == []
