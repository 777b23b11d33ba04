"""Denials voiced as plain reported speech, and counter-accusations by a denier.

Two rule families of :mod:`toolkit.features.denials` that work on saying verbs
(found by the shared detector :func:`toolkit.features.cues.find_cues`) rather
than on denial verbs:

- :func:`_negated_report_cues` -- self-exculpation ("told reporters it had no
  fighters in the area") and minimising reports ("insisted its forces had fired
  only at an artillery base", "said the toll was inflated");
- :func:`_denier_counters` -- a party reported denying in the article who puts
  the blame on someone else ("Whatever happened there is their responsibility,"
  Reske told VTV).

Pronoun deniers get codebook actors from :func:`_pronoun_actors`.

>>> from toolkit.text import process
>>> doc = process("The brigade told reporters that none of its members had been near the road.")
>>> [(r.kind, r.cue_lemma) for r in _negated_report_cues(doc, doc.sentences[0], "body",
...                                                     _tokens(doc.text, doc.sentences[0]))]
[('denial', 'tell')]
"""
from __future__ import annotations

from collections.abc import Iterator

from ..text import ProcessedDoc, lemmatize
from ._denial_grammar import (
    INANIMATE,
    _conjuncts,
    _content_end,
    _np_right,
    _postposed_sayer,
    _Raw,
    _span,
    _subject,
    _tokens,
)
from .denial_pairing import _key

_REPORT_LEMMAS = frozenset([
    "say", "tell", "insist", "claim", "maintain", "state", "stress", "assert",
    "reiterate", "add", "argue"
])
_SELF_SUBJ = frozenset({"it", "they", "we", "he", "she", "i"})
# "his/her" often refer to somebody else ("they said his presence does not ...")
_SELF_POSS = frozenset({"its", "their", "our"})
# "said it had no information / did not know / would not hesitate" are not denials
_NOT_DENIAL = frozenset([
    "information", "comment", "detail", "plan", "intention", "choice", "option",
    "alternative", "word", "sign", "indication", "time", "way", "immediate", "further",
    "more", "idea", "reason", "need", "doubt", "problem", "objection", "know", "expect",
    "plan", "intend", "want", "need", "see", "believe", "think", "hesitate", "allow",
    "tolerate", "accept", "stop", "rule", "wish", "seek", "comment", "confirm", "clear",
    "sure", "aware", "conclude", "certain"
])
# What a self-exculpation denies: an act one can be accused of, or presence/involvement.
_ACTS = frozenset([
    "attack", "target", "fire", "shoot", "strike", "bomb", "shell", "kill", "use",
    "carry", "order", "launch", "hit", "break", "violate", "commit", "fighter",
    "member", "troop", "force", "soldier", "weapon", "depot", "presence", "involvement",
    "role", "knowledge", "wrong", "wrongdoing", "responsible", "involve", "behind",
    "collude", "collusion", "cheat", "lie", "steal", "harass", "abuse", "torture",
    "detain", "mine", "plant", "stage", "fabricate", "bribe", "leak"
])
_EXAGGERATE = ("exaggerat", "overstat", "inflat", "overblown", "overplay")
_STATE_NEG = frozenset({"no", "not", "n't", "never", "none", "nothing"})
_STATE_AUX = frozenset({"had", "has", "have", "did", "does", "do", "was", "were", "is", "are",
                        "been"})


def _negated_report_cues(doc, sent, segment, toks, memo=None) -> Iterator[_Raw]:
    """Self-exculpation and minimisation in reported speech.

    ``denial``: a saying verb (say, tell, insist, claim ...) whose content clause
    has the sayer itself as subject (a pronoun "it/they/we", or "its/their/our
    ...", "none of its ...", or existential "there" after insist/maintain) and a
    negated *state or past act* ("had no", "did not", "was not", "never"; not
    "would not", which is a threat or refusal), or, after insist/maintain/claim,
    a subject "no soldiers/fighters/target ..." ("insisted that no soldiers had
    been in the area"). The negated predicate must be an act one can be accused
    of (fire, attack, presence, involvement, wrongdoing ...); content about
    knowledge or plans ("did not know", "no plans") is left out.

    ``minimisation``: the sayer's own side "only" did something ("insisted its
    forces had fired only at an artillery base"), or the content calls a report
    exaggerated/inflated/overstated ("claimed Brisk was exaggerating the scale").
    """
    from .cues import find_cues

    n = len(toks)
    end_of = {t.end: t.i for t in toks}
    for c in (memo.cues(sent, segment) if memo is not None
              else find_cues(doc, sent, segment=segment)):
        if c.kind != "verb" or c.lemma not in _REPORT_LEMMAS or c.negated or \
                toks[c.head].tag == "VBG":   # "..., saying/insisting": elaborations, polls
            continue
        k = end_of.get(c.end, c.head) + 1
        if c.lemma == "tell" and k < n and toks[k].tag.startswith(("NN", "DT", "PRP")):
            k = max(_np_right(toks, k), k + 1)   # "told reporters", "told Continental Press"
        while k < n and toks[k].tag in ("IN",) and toks[k].word != "that" and \
                k + 1 < n and toks[k + 1].tag.startswith(("NN", "DT", "CD")):
            k = max(_np_right(toks, k + 1), k + 2)   # "said on Thursday", "in a statement"
        if k < n and toks[k].word == "that":
            k += 1
        while k < n and toks[k].tag in ("``", "''"):
            k += 1
        if k >= n:
            continue
        c_end = _content_end(toks, k)
        content = toks[k:c_end]
        kind = None
        if any(x.word.startswith(_EXAGGERATE) for x in content):
            kind = "minimisation"   # "claimed Brisk was exaggerating the scale of the raid"
        w = toks[k].word
        strong = c.lemma in ("insist", "maintain", "stress", "assert", "claim")
        if w in _SELF_SUBJ or (toks[k].tag == "EX" and strong):
            subj_end = k + 1
        elif w in _SELF_POSS:
            subj_end = max(_np_right(toks, k), k + 1)
            if toks[subj_end - 1].lemma in INANIMATE | {"statement", "comment", "remark"}:
                continue   # "his report does not conclude ..."
        elif w == "none" and k + 2 < n and toks[k + 1].word == "of" and \
                toks[k + 2].word in _SELF_POSS:
            subj_end = max(_np_right(toks, k + 2), k + 3)
        elif w == "no" and strong:
            subj_end = max(_np_right(toks, k), k + 1)   # "insisted that no soldiers had been"
        elif kind is None:
            continue
        else:
            subj_end = k
        neg = None
        if kind is None:
            for j in range(subj_end, min(n, subj_end + 4)):
                if toks[j].word in (",", "that", ";") or toks[j].tag == "MD":
                    break
                if toks[j].word in _STATE_NEG:
                    if toks[j].word in ("never", "none", "nothing") or \
                            toks[j - 1].word in _STATE_AUX:
                        neg = j
                    break
                if toks[j].word == "only" and (w in _SELF_SUBJ or w in _SELF_POSS):
                    kind, neg = "minimisation", j   # "their forces were only firing at ..."
                    break
            if w in ("none", "no") and neg is None:
                neg = k   # the negation is the subject itself
            if neg is None:
                continue
            kind = kind or "denial"
            if any(lemmatize(x.word, x.tag) in _NOT_DENIAL or x.word in _NOT_DENIAL
                   for x in toks[neg:neg + 4]):
                continue
            window = toks[k:min(n, neg + 7)]
            if not any(_key(lemmatize(x.word, "VB")) in _ACTS or _key(x.lemma) in _ACTS
                       for x in window):
                continue   # "said he wasn't sure", "said it didn't go far enough"
            if c_end <= neg:
                continue
        subj = _subject(toks, c.head) or _postposed_sayer(toks)
        if subj is None or c_end <= k:
            continue
        yield _Raw(tuple(c.spans), c.lemma, kind, tuple(_conjuncts(toks, *subj)),
                   _span(toks, k, c_end), {"negated_report" if kind == "denial"
                                           else "minimising_report"})


# "he/she" are people, whom a codebook of states and groups rarely names: left alone
_PRONOUNS = frozenset({"it", "they", "its", "their"})


def _pronoun_actors(codebook, src: str, sents, sent, start: int) -> list[str]:
    """Actors for a pronoun denier: the last actor named before it in the sentence, else
    the first actor named in the previous sentence of the same paragraph (its subject,
    usually). A heuristic, flagged ``pronoun_resolved``; the denier span stays the pronoun.
    """
    before = codebook.matches(src[sent.start:start])
    if before:
        return [before[-1][2]]
    if sent.index > 0:
        prev = sents[sent.index - 1]
        if prev.paragraph == sent.paragraph or sent.paragraph - prev.paragraph == 1:
            found = codebook.matches(src[prev.start:prev.end])
            if found:
                return [found[0][2]]
    return []


_COUNTER_VERBS = frozenset([
    "say", "tell", "claim", "insist", "allege", "accuse", "blame", "add", "argue",
    "charge", "maintain"
])
_BLAME = frozenset([
    "blame", "fault", "cause", "stage", "fabricate", "lie", "lying", "trap",
    "provocation", "propaganda", "hide", "shield"
])


def _keys_of(codebook, src: str, toks, sents, sent, a: int, b: int) -> set[str]:
    """Identity keys of a speaker span: codebook actors plus the head noun."""
    text = src[toks[a].start:toks[b - 1].end]
    keys = set(codebook.resolve_all(text)) if codebook is not None else set()
    head = toks[b - 1].word
    if head in _PRONOUNS and codebook is not None and not keys:
        keys |= set(_pronoun_actors(codebook, src, sents, sent, toks[a].start))
    elif head not in _PRONOUNS and toks[b - 1].tag.startswith("NN"):
        keys.add(head)
    return keys


def _denier_counters(doc: ProcessedDoc, found: list, codebook, memo=None) -> list:
    """Counter-accusations by a party that denies in the same article.

    Once X is reported denying (or minimising, or declining to comment), a
    statement by X (same codebook actor, or same head noun: "the brigade",
    "Reske") that puts blame on someone else -- a blame word in its content
    (blame, responsibility, caused, staged, lying, trap, propaganda, hide ...),
    or the verb "accuse" -- is a counter-accusation: "Whatever happened there is
    their responsibility," Reske told VTV.
    """
    from .cues import find_cues

    keys: set[str] = set()
    for segment, src, sent, raw in found:
        if raw.kind not in ("denial", "minimisation") or not raw.denier:
            continue
        toks = memo.tokens(src, sent) if memo is not None else _tokens(src, sent)
        by_start = {t.start: t.i for t in toks}
        by_end = {t.end: t.i for t in toks}
        sents = doc.title_sentences if segment == "title" else doc.sentences
        for s, e in raw.denier:
            if s in by_start and e in by_end:
                keys |= _keys_of(codebook, src, toks, sents, sent, by_start[s], by_end[e] + 1)
    if not keys:
        return []
    used = {(seg, se.index): [sp for r in (x[3] for x in found if x[0] == seg and
                                           x[2].index == se.index) for sp in (*r.cue, *r.denied)]
            for seg, _, se, _ in found}
    out = []
    for segment, src, sents in doc.segments():
        for sent in sents:
            taken = used.get((segment, sent.index), [])
            toks = None
            for c in (memo.cues(sent, segment) if memo is not None
                      else find_cues(doc, sent, segment=segment)):
                if c.kind != "verb" or c.negated or c.lemma not in _COUNTER_VERBS or \
                        any(s < e2 and s2 < e for s, e in c.spans for s2, e2 in taken):
                    continue
                toks = toks or (memo.tokens(src, sent) if memo is not None
                                else _tokens(src, sent))
                n = len(toks)
                if toks[c.head].tag == "VBG":
                    continue
                subj = _subject(toks, c.head)
                if subj is not None:
                    k = c.head + 1
                    if c.lemma == "tell" and k < n and toks[k].tag.startswith(("NN", "PRP")):
                        k = max(_np_right(toks, k), k + 1)
                    if k < n and toks[k].word == "that":
                        k += 1
                    content = (k, _content_end(toks, k))
                    if content[1] <= content[0] and subj[0] > 0 and \
                            toks[subj[0] - 1].word in (",", "''", "\u201d", '"'):
                        # '"..., " the brigade told reporters': the quotation is the content
                        first = 1 if toks[0].tag in ("``", "''") else 0
                        end = subj[0]
                        while end > first and toks[end - 1].word in (",", "''", "``") or \
                                end > first and toks[end - 1].tag in ("''", "``"):
                            end -= 1
                        content = (first, end)
                else:
                    subj = _postposed_sayer(toks)
                    if subj is None or subj[0] <= c.head - 3 or subj[0] > c.head + 1:
                        continue
                    first = 1 if toks[0].tag in ("``", "''") else 0
                    end = c.head
                    while end > first and toks[end - 1].word in (",", "''", "``"):
                        end -= 1
                    content = (first, end)
                if content[1] <= content[0]:
                    continue
                cs, ce = toks[content[0]].start, toks[content[1] - 1].end
                if any(cs < e2 and s2 < ce for s2, e2 in taken):
                    continue   # the content is already a row ("said the reports were lies")
                if not _keys_of(codebook, src, toks, sents, sent, *subj) & keys:
                    continue
                ctoks = toks[content[0]:content[1]]
                blame = any(x.lemma in _BLAME or lemmatize(x.word, "VB") in _BLAME
                            for x in ctoks) or any(  # "is their responsibility"
                    x.word == "responsibility" and j > 0 and ctoks[j - 1].word in
                    ("their", "its", "his") for j, x in enumerate(ctoks))
                if c.lemma != "accuse" and not blame:
                    continue
                out.append((segment, src, sent,
                            _Raw(tuple(c.spans), c.lemma, "counter_accusation",
                                 tuple(_conjuncts(toks, *subj)), _span(toks, *content),
                                 {"denier_counter"})))
                taken = taken + list(c.spans)
    return out
