"""Accusation pairing for denials: is the denied accusation voiced in the article?

A lexical-overlap heuristic (see :func:`_pair` and ``docs/evaluation.md``): the
denied content's key words (content-word lemmas, light verbs and report nouns
removed, war-reporting paraphrases folded together by :data:`_EQUIV`) are looked
up in the other sentences; generic content ("denied the allegation") is paired
with an accusatory cue nearby; and a sentence that names the denier as the doer
of harm, voiced by somebody else, pairs too. ``accusers`` are the codebook actors
of those sentences' sources.

>>> sorted(_keywords_of_text("indiscriminate bombing of civilian areas"))
['area', 'attack', 'civilian', 'indiscriminate']
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..text import ProcessedDoc, Sentence, lemmatize
from ._denial_grammar import (
    _SAY,
    ACCUSATION_NOUNS,
    _postposed_sayer,
    _subject,
    _Tok,
    _tokens,
)

_ACCUSE = frozenset({"accuse", "blame", "allege", "accusation", "allegation", "charge",
                     "finger", "responsible", "culprit", "blamed"})
_LIGHT = frozenset([
    "be", "have", "do", "make", "take", "get", "carry", "use", "say", "go", "come",
    "give", "put", "include", "any", "such", "other", "own", "also", "very", "more",
    "most", "some"
])
# Equivalence classes for pairing: war reporting paraphrases one act many ways.
_EQUIV = {}
for _cls, _words in {
    "attack": "bomb bombing bombard bombardment raid strike airstrike shell shelling "
              "attack hit assault barrel",
    "kill": "kill killing death dead die casualty massacre",
    "civilian": "civilian resident family child people",
    "hospital": "hospital clinic medical",
    "chemical": "chemical gas sarin chlorine toxic poison",
    "target": "target targeting",
}.items():
    for _w in _words.split():
        _EQUIV[_w] = _cls


_HARM = frozenset({"attack", "kill", "target", "fire", "force", "drive", "block", "loot",
                   "mine", "shoot", "torture", "detain", "abduct", "displace", "expel"})
_PRONOUN_WORDS = frozenset([
    "it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us",
    "our", "i", "me", "spokesman", "spokeswoman", "spokesperson", "official",
    "officials"
])


@lru_cache(maxsize=32768)
def _key(lemma: str) -> str:
    w = lemma.lower()
    for suf in ("ings", "ing", "ed", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            base = w[: -len(suf)]
            if base in _EQUIV:
                w = base
                break
    return _EQUIV.get(w, w)


def _keywords(src: str, toks: Iterable) -> set[str]:
    out = set()
    for t in toks:
        if not t.tag.startswith(("NN", "VB", "JJ")):
            continue
        w = src[t.start:t.end].lower()
        lem = lemmatize(w, t.tag)
        if lem in _LIGHT or len(lem) < 3 or lem in ACCUSATION_NOUNS and lem not in ("role",):
            continue
        out.add(_key(lem))
        if t.tag == "VBG" or t.tag.startswith("NN"):
            vb = lemmatize(w, "VB")
            if vb != w:   # "bombing" -> "bomb"; "areas" is no verb
                out.add(_key(vb))
    return out


def _sources(src: str, toks: list[_Tok], codebook) -> tuple[str, ...]:
    spans = []
    for k, t in enumerate(toks):
        if t.lemma in _SAY and t.tag.startswith("VB"):
            subj = _subject(toks, k)
            if subj:
                spans.append(subj)
    post = _postposed_sayer(toks)
    if post:
        spans.append(post)
    actors: list[str] = []
    for a, b in spans:
        text = src[toks[a].start:toks[b - 1].end]
        for name in (codebook.resolve_all(text) if codebook is not None else []):
            if name not in actors:
                actors.append(name)
    return tuple(actors)


_NEUTRAL = frozenset({None, "", "neutral", "none"})


def _accusatory(src: str, toks) -> bool:
    return any(lemmatize(src[t.start:t.end].lower(), t.tag) in _ACCUSE or
               lemmatize(src[t.start:t.end].lower(), "VB") in _ACCUSE for t in toks)


#: Sentences on each side of a denial searched for its accusation. Covers any
#: news article whole; it bounds the cost on book-length input (linear, not
#: quadratic, in the number of sentences).
PAIRING_WINDOW = 150


def _window(doc: ProcessedDoc, segment: str, sent: Sentence):
    """Segments with their sentences within :data:`PAIRING_WINDOW` of ``sent``."""
    for seg, s_src, sents in doc.segments():
        if seg == segment:
            lo = max(0, sent.index - PAIRING_WINDOW)
            sents = sents[lo:sent.index + PAIRING_WINDOW + 1]
        elif len(sents) > 2 * PAIRING_WINDOW:
            sents = sents[:PAIRING_WINDOW]
        yield seg, s_src, sents


def _pair(doc: ProcessedDoc, segment: str, sent: Sentence, raw, codebook,
          denier_actors: tuple[str, ...], cache: dict, memo=None
          ) -> tuple[bool, tuple, tuple]:
    """Is the denied accusation voiced elsewhere in the article, and by whom?

    Specific content ("indiscriminate bombing of civilian areas") is matched by
    key-word overlap anywhere in the article; generic content ("denied the
    allegation", "denied any involvement", no content) only by an accusatory
    cue in the same sentence or the two sentences before it.
    """
    src = doc.title if segment == "title" else doc.text
    dtoks = [t for t in sent.tokens if any(s <= t.start < e for s, e in raw.denied)]
    key = _keywords(src, dtoks)
    own = (*raw.denied, *raw.cue, *raw.denier)
    same_toks = [t for t in sent.tokens if not any(s <= t.start < e for s, e in own)]
    found: list[tuple[str, str, Sentence]] = []
    if key:
        need = 1 if len(key) <= 2 else 2
        for seg, s_src, sents in _window(doc, segment, sent):
            for other in sents:
                if seg == segment and other.index == sent.index:
                    # the same sentence can voice the accusation outside the denial
                    if not _accusatory(s_src, same_toks):
                        continue
                    words, accusatory = _keywords(s_src, same_toks), True
                else:
                    ck = (seg, other.index)
                    if ck not in cache:
                        cache[ck] = (_keywords(s_src, other.tokens),
                                     _accusatory(s_src, other.tokens))
                    words, accusatory = cache[ck]
                shared = key & words
                if len(shared) >= need or (shared and accusatory):
                    found.append((seg, s_src, other))
    else:
        sents = doc.title_sentences if segment == "title" else doc.sentences
        before = [t for t in same_toks if t.start < raw.cue[0][0]]
        if _accusatory(src, before):
            found.append((segment, src, sent))
        for other in sents[max(0, sent.index - 2):sent.index]:
            if _accusatory(src, other.tokens):
                found.append((segment, src, other))
    # the denier named as the doer of harm elsewhere, by somebody else
    head = ""
    if raw.denier:
        s0, e0 = raw.denier[0]
        words = src[s0:e0].split()
        head = words[-1].lower() if words and words[-1].lower() not in _PRONOUN_WORDS else ""
    if denier_actors or head:
        seen = {id(o) for _, _, o in found}
        head_rx = re.compile(r"\b" + re.escape(head) + r"\b", re.IGNORECASE) if head else None
        for seg, s_src, sents in _window(doc, segment, sent):
            for other in sents:
                if seg == segment and other.index == sent.index:
                    continue
                if id(other) in seen:
                    continue
                text = s_src[other.start:other.end]
                rk = ("actors", seg, other.index)
                if codebook is not None and rk not in cache:
                    cache[rk] = set(codebook.resolve_all(text))
                named = (codebook is not None and cache[rk] & set(denier_actors)) or \
                    (head_rx is not None and head_rx.search(text))
                if not named:
                    continue
                hk = ("harm", seg, other.index)
                if hk not in cache:
                    otoks = memo.tokens(s_src, other) if memo is not None else \
                        _tokens(s_src, other)
                    harm = any(_key(x.lemma) in _HARM or _key(lemmatize(x.word, "VB")) in _HARM
                               for x in otoks)
                    cache[hk] = (_accusatory(s_src, other.tokens),
                                 set(_sources(s_src, otoks, codebook)) if harm else set())
                accusatory, harm_sources = cache[hk]
                if accusatory or harm_sources - set(denier_actors):
                    found.append((seg, s_src, other))
    accusers: list[str] = []
    # an ally does not accuse: drop sources on the denier's own (non-neutral) side
    own_sides = {codebook.side(a) for a in denier_actors} - _NEUTRAL if codebook else set()
    for seg, s_src, other in found:
        otoks = memo.tokens(s_src, other) if memo is not None else _tokens(s_src, other)
        for a in _sources(s_src, otoks, codebook):
            if a not in accusers and a not in denier_actors and \
                    not (own_sides and codebook.side(a) in own_sides):
                accusers.append(a)
    hits = tuple(sorted({o.index for seg, _, o in found if seg == "body"}))
    return bool(found), tuple(accusers), hits


# --------------------------------------------------------------------------- public API


def _keywords_of_text(text: str) -> set[str]:
    """Key words of a piece of text (for inspection and doctests)."""
    from ..text import process

    doc = process(text)
    return _keywords(doc.text, [t for s in doc.sentences for t in s.tokens])
