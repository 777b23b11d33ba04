"""Passive voice: be-, get- and reduced passives, with subject, agent and cause.

One row is one passive participle. The detector works on one POS-tagged
sentence at a time and knows nothing about any corpus: it looks at Penn tags,
a handful of closed word classes (forms of *be* and *get*, auxiliaries, degree
adverbs, prepositions) and one small data file of adjectival and stative
participles (``toolkit/lexicons/stative_participles.csv``). The grammar described
below is :func:`toolkit.features._passive_grammar.match_passives` (noun-phrase
chunks in :mod:`toolkit.features._np_chunks`); this module runs it over documents.

>>> from toolkit.text import process
>>> doc = process("Hundreds of civilians have been killed by Russian jets.", doc_id="d")
>>> [(p.verb_text, p.kind, p.subject_text, p.agent_text) for p in iter_passive(doc)]
[('killed', 'be', 'Hundreds of civilians', 'Russian jets')]

Notes
-----
**Be- and get-passives.** A past participle (tagged ``VBN``, or ``VBD`` when the
form can be a participle: the NLTK tagger often writes ``were killed/VBD``)
whose nearest verbal element on the left, skipping adverbs, negation and
floating quantifiers ("were all killed", "were reportedly being shelled"), is a
form of *be* or *get*. A form of *have* there instead means a perfect active
("have killed") and no passive. Irregular verbs whose past tense differs from
the participle ("took"/"taken", "fell"/"fallen") are never participles.

**Coordination and gapping.** "were killed and wounded" gives two passives
sharing the auxiliary (the second flagged ``coordinated``); "Hundreds have been
killed and at least 400,000 people displaced" gives a second passive whose
auxiliary is elided (flagged ``gapped``; Quirk et al. 1985 §13.92).

**Reduced passives** (``kind="reduced"``): a participle directly after a noun
phrase and not followed by an object ("the 843 civilians killed in the raids",
a reduced relative; Biber et al. 1999 §8.8), in an absolute "with the hospital
struck", after an object pronoun ("had it repaired"), or opening the sentence
("Founded in 1990, ..."), or as a verbless review fragment after a manner adverb
("Highly recommended!"). A ``VBD``-tagged form after a noun is only a
reduced relative when the noun phrase cannot be the clause's subject (it sits
after a preposition or verb) or another finite verb follows it; in headlines
(``segment="title"``) the auxiliary is routinely dropped, so "3 killed in
strike" is accepted as is.

**Transitivity from WordNet.** A verb whose WordNet senses (weighted by sense
frequency) list only frames with an object ("Somebody ----s something") cannot
stand without one in the active, so such a ``VBD``/``VBN`` after a noun and with no
object is a reduced relative ("Amount allocated per person"); a noun phrase after
a verb with a that-clause frame ("believes the overcharges exceeded ...") may be
the subject of a zero-*that* clause, so it does not make the next verb passive.
Participle adjuncts with a fixed preposition ("based on", "compared to"), naming
verbs before a name ("a band called X"), parenthesised participles ("flour
(sifted)", "(born 3 April 1978)") and letter formulas ("Attached please find",
"Attached for your review is") are passives in UD too, as are fixed participle
clauses ("That said,", "Simply put,", "take it for granted", "as opposed to",
prepositional "given the ...").

**Object complements and contact clauses.** After *have/get/keep/want/find* an
object plus participle is a passive complement ("had our car returned", "keep
you advised"; Quirk et al. 1985 §16.52), unless an object follows the participle
("has the seamstress done a perfect job"). Two noun phrases in a row, the second
opening with a determiner, are a head and a contact relative clause ("the care
[my pup received]", "what the dealer said"; §17.15): the verb is active. So is
a clause-initial noun phrase + ``VBN`` of a verb with intransitive senses and no
other verb ("The competition ended on Tuesday"), a catenative before *to* + verb
("wanted to buy"), and a sentence-initial participle without the comma and main
clause of a participle clause ("Talked to Craig and he agreed").

**Adjectival and stative participles** are not passives (Quirk et al. 1985
§3.74-3.78; Biber et al. 1999 §6.4): a participle modified by a degree adverb
("very/so/too concerned"), an emotion or state participle from the lexicon
("is interested in", "were married") unless a *by*-agent follows. UD
annotates the *stative* class ("is located", "is based", "was born") as passive,
so ``statives=True`` keeps those (flagged ``stative``) for scoring against UD.
``mixed`` participles are verbal except before their adjectival complement
("was involved in", "am determined to", "done with"); "done" of a person ("I'm
done") is an adjective, and so is aspectual "be done + gerund" ("is done
reminding Hamas"). ``psych`` participles (object-experiencer verbs, Levin 1993
class 31.1: "disappointed", "surprised", "terrified") are adjectival before their
stimulus complement ("terrified that ...", "surprised at") and states otherwise
(kept, flagged ``stative``, only for UD). A *by*-agent makes even a
degree-modified participle verbal ("really surprised by the reviews"); a cardinal
between *be* and a participle makes the participle prenominal ("is around ten well
preserved shipwrecks"). A phrasal verb's participle written hyphenated ("is
cut-off") is a participle unless WordNet lists the compound as an adjective
("worn-out").

**Agent and cause.** The first *by*-phrase after the participle in the same
clause is the agent when its head is a person, group, state or vehicle ("by
Russian jets"), and a cause when its head is an event nominal or gerund ("by
shelling", "by fire") or a weapon ("by a missile", flagged ``instrument``).
"in/during/amid/from/after" + event nominal ("in an air strike", "in the
Russian and Syrian raids") is a cause. Agent and cause spans are the noun
phrases without their preposition; the preposition of a cause is recorded in
``flags`` (``cause_by``, ``cause_in``, ...).

**Questions.** Subject-auxiliary inversion ("Is this contested?", "Why is the
city called Miramar?", "Were any civilians killed?") takes the noun phrase
between auxiliary and participle as the subject.

**UD conventions** (``statives=True``, what the scorer uses): besides stative
participles, a participle coordinated with a prenominal adjective ("a weak and
failed state"; UD: ``conj`` with Voice=Pass) is kept, flagged ``attributive``.

Known blind spots: passives of prepositional verbs with long gaps, participles
the tagger calls ``JJ`` or ``NN`` ("Was anyone hurt/NN?"), ``VBD`` reduced
relatives in sentence-subject position when no other verb follows, and
psych/state participles that UD itself annotates inconsistently.

References
----------
Quirk, R., Greenbaum, S., Leech, G., Svartvik, J. (1985). *A Comprehensive
Grammar of the English Language*. Longman.
Biber, D., Johansson, S., Leech, G., Conrad, S., Finegan, E. (1999). *Longman
Grammar of Spoken and Written English*. Longman.
Levin, B. (1993). *English Verb Classes and Alternations*. University of Chicago
Press.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pandas as pd

from ..errors import DocumentError
from ..text import ProcessedDoc, Sentence, lemmatize
from ._passive_grammar import _CANDIDATE_TAGS, match_passives

Span = tuple[int, int]


COLUMNS: tuple[str, ...] = (
    "doc_id", "segment", "paragraph", "sentence", "verb", "verb_text", "verb_lemma",
    "auxiliary", "subject", "subject_text", "agent", "agent_text", "cause", "cause_text",
    "kind", "flags",
)


@dataclass(frozen=True)
class Passive:
    """One passive participle: verb, auxiliary chain, subject, agent, cause, kind."""

    doc_id: str
    segment: str
    paragraph: int
    sentence: int
    verb: tuple[Span, ...]
    verb_text: str
    verb_lemma: str
    auxiliary: tuple[Span, ...]
    subject: tuple[Span, ...]
    subject_text: str
    agent: tuple[Span, ...]
    agent_text: str
    cause: tuple[Span, ...]
    cause_text: str
    kind: str
    flags: frozenset[str]


# --------------------------------------------------------------------------- records


def _spans(toks, rng: tuple[int, int] | None) -> tuple[Span, ...]:
    if rng is None:
        return ()
    return ((toks[rng[0]].start, toks[rng[1]].end),)


def sentence_tags(src: str, sentence: Sentence, segment: str = "body") -> list[str]:
    """Penn tags of ``sentence``; a Title-Cased headline or an all-capitals body
    sentence is re-tagged in lower case.

    The tagger reads capitalised words as proper nouns, so "Tens of Thousands
    Flee Attack" comes out as a row of ``NNP``. Tagging a lower-cased view of
    such a headline (offsets unchanged) restores its verbs.
    """
    tags = [t.tag for t in sentence.tokens]
    if segment != "title":
        nnp = tags.count("NNP")
        if nnp < 3 or nnp < 0.4 * len(tags):
            return tags
        # an all-capitals sentence ("NO MONEY IS BEING RETURNED") is tagged as a
        # row of NNP too: tag its lower-cased view
        alpha = [src[t.start:t.end] for t in sentence.tokens
                 if src[t.start:t.start + 1].isalpha()]
        if sum(w.isupper() and len(w) > 1 for w in alpha) < 0.6 * len(alpha):
            return tags
        from ..text import tag as _tag

        return _tag(src.lower(), [(t.start, t.end) for t in sentence.tokens])
    words = [src[t.start:t.end] for t in sentence.tokens]
    alpha = [w for w in words if w[:1].isalpha()]
    caps = sum(w[:1].isupper() for w in alpha)
    if len(alpha) < 3 or caps < 0.6 * len(alpha):
        return tags
    from ..text import tag as _tag

    low = src.lower()
    spans = [(t.start, t.end) for t in sentence.tokens]
    new = _tag(low, spans)
    # keep proper nouns the original tagging found in mid-headline all-caps words
    return [o if src[s:e].isupper() and len(src[s:e]) > 1 else n
            for (s, e), o, n in zip(spans, tags, new)]


def find_passives(doc: ProcessedDoc, sentence: Sentence, segment: str = "body", *,
                  statives: bool = False) -> list[Passive]:
    """Passives of one sentence of ``doc`` as :class:`Passive` records.

    >>> from toolkit.text import process
    >>> doc = process("x", title="3 killed in air strike")
    >>> p = find_passives(doc, doc.title_sentences[0], "title")[0]
    >>> p.verb_text, p.kind, p.subject_text, p.cause_text
    ('killed', 'reduced', '3', 'air strike')
    """
    src = doc.title if segment == "title" else doc.text
    toks = sentence.tokens
    tags = sentence_tags(src, sentence, segment)
    if _CANDIDATE_TAGS.isdisjoint(tags) and "-" not in src[sentence.start:sentence.end]:
        return []
    words = [src[t.start:t.end] for t in toks]
    out = []
    for m in match_passives(words, tags, headline=(segment == "title"), statives=statives):
        vt = toks[m.verb]
        verb = ((vt.start, vt.end),)
        subj, agent, cause = _spans(toks, m.subject), _spans(toks, m.agent), _spans(toks, m.cause)
        out.append(Passive(
            doc.doc_id, segment, sentence.paragraph, sentence.index, verb,
            src[vt.start:vt.end], lemmatize(words[m.verb], "VBN"),
            tuple((toks[a].start, toks[a].end) for a in m.aux),
            subj, _join(src, subj), agent, _join(src, agent), cause, _join(src, cause),
            m.kind, m.flags))
    return out


def _join(src: str, spans: tuple[Span, ...]) -> str:
    return " ".join(src[s:e] for s, e in spans)


def iter_passive(doc: ProcessedDoc, *, lexicon=None, codebook=None,
                 statives: bool = False) -> Iterator[Passive]:
    """Every passive in ``doc`` (title first, then body), in textual order."""
    if not isinstance(doc, ProcessedDoc):
        raise DocumentError(getattr(doc, "doc_id", "?"), "passive",
                            f"expected a ProcessedDoc, got {type(doc).__name__}")
    for segment, src, sents in doc.segments():
        for s in sents:
            if s.tokens and s.tokens[-1].end > len(src):
                raise DocumentError(doc.doc_id, "passive",
                                    f"sentence {s.index} token offsets exceed the text")
            yield from find_passives(doc, s, segment, statives=statives)


def _row(p: Passive) -> dict:
    d = {c: getattr(p, c) for c in COLUMNS}
    for c in ("verb", "auxiliary", "subject", "agent", "cause"):
        d[c] = [list(s) for s in d[c]]
    d["flags"] = sorted(p.flags)
    return d


def extract(docs: Iterable[ProcessedDoc], *, codebook=None) -> pd.DataFrame:
    """The passive table: one row per passive participle, columns :data:`COLUMNS`.

    >>> from toolkit.text import process
    >>> extract([process("The convoy was hit.", doc_id="a")])[["verb_text", "kind"]]
      verb_text kind
    0       hit   be
    """
    rows = [_row(p) for doc in docs for p in iter_passive(doc)]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def json_rows(doc: ProcessedDoc, *, codebook=None) -> Iterator[dict]:
    """Objects for ``mbt extract passive``: spans as ``[[start, end], ...]`` lists."""
    for p in iter_passive(doc):
        yield {"segment": p.segment, "paragraph": p.paragraph, "sentence": p.sentence,
               "verb": [list(s) for s in p.verb], "verb_text": p.verb_text,
               "auxiliary": [list(s) for s in p.auxiliary],
               "subject": [list(s) for s in p.subject], "subject_text": p.subject_text,
               "agent": [list(s) for s in p.agent], "agent_text": p.agent_text,
               "cause": [list(s) for s in p.cause], "cause_text": p.cause_text,
               "kind": p.kind, "flags": sorted(p.flags)}
