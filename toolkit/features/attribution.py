"""Attribution: who is quoted, with which reporting verb, and how the verb positions them.

One row per attribution relation (Pareti 2016): a **cue** ("said", "according
to", "quoted him as saying"), the **source** it attributes the words to
("residents", "Foreign Minister Sergei Lavrov", "he") and the **content**
(the quotation or reported clause). The cue's verb class (neutral,
endorsing, distancing, concessive, denial, accusatory, cognition; see
:mod:`toolkit.features.cues`) records how the writer positions the source.

Stages (private functions; the rule that decided a row is named in ``flags``)
----------------------------------------------------------------------------
1. ``_attr_from_cue``: for every cue of :func:`toolkit.features.cues.find_cues`,
   find the source with a small rule grammar over Penn tags
   (:mod:`toolkit.features._attribution_grammar`) and the content:

   - ``subject``: an NP chunk left of the cue, skipping auxiliaries, adverbs and
     time phrases ("State media on Tuesday said"), with coordination
     ("residents, rights groups and opposition sources said");
   - ``appositive`` / ``relative``: "Moscow and Damascus, who deny ..., say" (the
     relative pronoun is the source of "deny", its antecedent goes in
     ``source_resolved``); ``coordinated``: "X criticised ... and said";
     ``control``: "declined to comment";
   - ``inverted``: '"...," said Abdullah Younis' - the NP right of the cue when
     nothing is left of it but a quotation or a comma;
   - ``participial`` (", saying ...", "by saying"): the subject of the nearest
     main-clause verb before it (a cue there lends its source), or of the main
     clause after a sentence-initial participle ("Citing X, the ministry said");
     ``passive_agent``: "was criticised by X", "who was nominated by X" (the
     passive's subject, the patient, is the content, with an adjunct after the
     agent: "*Trump* was criticized by X *for ...*"; a clause after the agent,
     "was told by X that ...", is the content alone);
     ``experiencer``: the object of an object-experiencer psych verb (Levin 1993,
     31.1: "His behavior has angered *the party's leaders*"), whose subject is the
     content; ``control`` also covers "mounted a campaign to condemn" and object
     control ("would require Republicans to recognize");
   - ``according to`` X: the NP after it; ``colon``: "Paul Ryan: ..." headlines
     and transcript turns ('"PENCE: Well, ...', "Rep. Trey Gowdy (R-S.C.): ...");
   - the content: a quotation next to the cue and source (``direct``; content
     is inside the marks, over several sentences or paragraphs when the quote
     runs on: flag ``multi_sentence``), the reported clause after the cue, or
     before it for ``postposed`` cues ("X, residents said.") (``indirect``), a
     reported clause containing a partial quotation (``mixed``), both sides of a
     ``parenthetical`` cue ("The town, he said, was taken"), or the clause
     "according to" attaches to (``according_to``); after "Limbaugh added:"
     that closes its paragraph, the next paragraph (an unmarked block
     quotation, flag ``block_quote``); none for a refusal to speak ("declined
     to comment.", flag ``no_comment``).
   The cue model (:mod:`toolkit.features._cue_model`, a logistic regression
   stored as JSON and trained on PolNeAR train) adds candidate cues from its
   extra word forms ("backed", "supports", "wants") and from the attitude
   lexicon (:func:`toolkit.features.cues.find_attitude_cues`: "questions
   about", "critical of", "a lead *in* the latest poll", "*For* Sanders, ...";
   flag ``attitude``, and ``light_verb`` for "X raised questions about"), and
   keeps only the relations whose probability reaches its threshold. With the
   model on, some rules become *soft gates*: a modal or infinitival cue
   ("would like", "to endorse"), a negated mental state ("does not believe")
   and a weak verb with an NP object ("supported Sanders") are built and
   flagged ``modal`` / ``infinitive`` / ``negated_state`` / ``weak_np_object``
   (and ``sourceless_nominal``: "complaints that ...")
   for the model to judge instead of being dropped (physical readings such as
   "attacked", "defended" stay dropped). The model is off when a custom
   ``lexicon`` is passed, and then the rules alone decide.
2. ``_byline_rows``: a quotation signed with a dash and a name on the same
   line or the next paragraph ('"..." \u2015 Sonya Herridge', '- Bernie
   Sanders.'), and embedded-tweet signatures ("... \u2014 Paul Ryan
   (@SpeakerRyan) July 5, 2016"); the dash is the cue (flag ``byline`` with
   ``quote_byline`` or ``tweet``).
   ``_continue_quotes``: a quote-only sentence after a quoted speaker in the
   same paragraph ('"...," she said. "Our house is gone."') is a second content
   span of that attribution (flag ``continued``).
   ``_floating``: a paragraph that opens with a quotation and has no cue of its
   own is attributed to the source of the previous paragraph's last
   attribution (flag ``floating``), the news convention of continuing a quote.
3. ``_resolve_pronouns``: a pronoun source ("he said", "what it said", "*its*
   denial of") is resolved to the most recent earlier source of compatible
   number and kind (flag ``pronoun_resolved``; the resolved text goes in
   ``source_resolved``); a "he" or "she" whose nearest person source names the
   other gender ("Mrs. Clinton", "a spokeswoman") stays unresolved (flag
   ``pronoun_unresolved``).
4. ``_mark_nested``: a relation whose cue lies in the reported clause of an
   earlier cue, with no punctuation or subordinator between the two ("Interfax
   reported that Lavrov *acknowledged* it"), or anywhere in the content of an
   ``according to`` frame or a poll's finding ("The judge *said* ..., according
   to the Post"), is flagged ``nested``: second-hand speech, kept as a row of its
   own. Scorers of univocal gold (PolNeAR marks no embedded attribution) leave
   these rows out.

Source kinds come from the source words alone (:mod:`toolkit.features.source_kinds`):
person, official, institution, anonymous, collective, media, other.

Not extracted, on purpose: cues inside a quotation (the quoted speaker's own
"I think"), modal or infinitival cues ("would say", "to tell"), negated mental
states and non-answers ("does not believe", "did not respond to requests"), and
weak verbs ("think", "see", "find") without a clausal or quoted complement
("seek" also counts with a to-infinitive). Negated speech cues ("did not
mention") are extracted with flag ``negated``; nominal cues take a "that"-clause
("his claim that ...") or, for the lexicon's prepositional nouns, a PP object
("his criticism of the deal", flag ``nominal``, with no source when there is no
possessive). Known blind spots: sources more than one sentence away (except
floating quotes, pronouns and relative pronouns), passive agents other than
"by X", and the long tail of attitude words PolNeAR annotates ("support for",
"pushed to", "focused on") beyond the cue model's extra forms.

References
----------
Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC.
Newell, E., Margolin, D. & Ruths, D. (2018). An attribution relations corpus
for political news. LREC.
Bergler, S. (1992). *Evidential analysis of reported speech*. PhD thesis, Brandeis.

Examples
--------
>>> from toolkit.text import process
>>> doc = process('"The flow is not stopping," said Abdullah Younis. Rebels said they fled.',
...               doc_id="d")
>>> [(a.cue_text, a.source_text, a.source_kind, a.content_text, a.kind)
...  for a in iter_attributions(doc)]  # doctest: +NORMALIZE_WHITESPACE
[('said', 'Abdullah Younis', 'person', 'The flow is not stopping', 'direct'),
 ('said', 'Rebels', 'collective', 'they fled', 'indirect')]
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypedDict

import pandas as pd

from ..errors import DocumentError
from ..lexicons import Lexicon, cached_lexicon, derived
from ..text import ProcessedDoc, Quote, Sentence, find_quotes
from . import _cue_model
from . import source_kinds as _source_kinds
from ._attribution_grammar import (
    _AUX,
    _NAME_PARTICLES,
    _NOUN,
    _NP_INNER,
    _PRONOUNS,
    _WEEKDAYS,
    _clause_start,
    _head,
    _np_core_left,
    _np_left,
    _np_right,
    _skip_left,
    _skip_right,
    _trim,
    _View,
    _with_numeral_modifier,
)
from ._denial_grammar import _MONTHS
from .cues import (
    _NEGATORS,
    NOMINAL_PREPS,
    SURVEY_NOUNS,
    Cue,
    _noun_lemma,
    find_attitude_cues,
    find_cues,
    find_headline_verbs,
    inflections,
    preposition_nouns,
)
from .source_kinds import _PERSON_SINGULAR, _PLURAL_PRON
from .source_kinds import source_kind as _source_kind

Span = tuple[int, int]

COLUMNS = ("doc_id", "segment", "paragraph", "sentence", "cue", "cue_text", "cue_lemma",
           "verb_class", "source", "source_text", "source_head", "source_kind",
           "source_resolved", "actor", "content", "content_text", "kind", "flags")

#: Source kinds (see :mod:`toolkit.features.source_kinds`).
SOURCE_KINDS = _source_kinds.SOURCE_KINDS
ATTRIBUTION_KINDS = ("direct", "indirect", "mixed", "according_to")


@dataclass(frozen=True)
class Attribution:
    """One attribution relation; field order is the table's column order."""

    doc_id: str
    segment: str
    paragraph: int
    sentence: int
    cue: tuple[Span, ...]
    cue_text: str
    cue_lemma: str
    verb_class: str
    source: tuple[Span, ...]
    source_text: str
    source_head: str | None
    source_kind: str | None
    source_resolved: str | None
    actor: str | None
    content: tuple[Span, ...]
    content_text: str
    kind: str
    flags: frozenset = field(default_factory=frozenset)

    def as_dict(self) -> dict:
        d = {c: getattr(self, c) for c in COLUMNS}
        for c in ("cue", "source", "content"):
            d[c] = [list(s) for s in d[c]]
        d["flags"] = sorted(self.flags)
        return d


# --------------------------------------------------------------------------- word lists

# Verbs whose reporting reading needs a clausal or quoted complement: with an NP
# object they mostly report no speech ("see the town", "find a job", "put it").
# Chosen on PolNeAR train: with the gate their precision rises from 0.1-0.4.
_DOCUMENT_NOUNS = frozenset({"statement", "email", "e-mail", "letter", "release", "tweet",
                             "post", "video", "ad", "memo", "message", "note", "report",
                             "resolution", "op-ed", "column", "petition", "article", "ads",
                             "lawsuit", "complaint", "motion", "filing", "referendum",
                             "referenda", "commercial", "editorial", "blog", "mailer",
                             "leaflet", "flyer", "pamphlet", "text", "document", "brief"})
#: Object-control verbs: in "V NP to VP" the object, not the subject, is the
#: understood subject of the infinitive ("asked the mayor to explain": the mayor
#: explains). Rosenbaum (1967); Huddleston & Pullum (2002, ch. 14).
_OBJECT_CONTROL = frozenset({
    "ask", "urge", "tell", "allow", "require", "want", "need", "expect", "encourage",
    "force", "persuade", "invite", "pay", "hire", "press", "pressure", "push", "get",
    "enable", "prompt", "inspire", "order", "instruct", "direct", "challenge", "dare",
    "cause", "help", "remind", "warn", "advise", "lead", "call", "convince", "compel",
    "implore", "beg", "authorize", "permit", "select", "choose", "elect", "appoint",
    "recruit", "train", "like", "prefer", "leave", "teach"})
_OBJECT_CONTROL_FORMS = frozenset(f for lemma in _OBJECT_CONTROL for f in inflections(lemma)) \
    | {"paid", "got", "gotten", "left", "chose", "chosen"}
_QUANTIFIERS = frozenset({"another", "others", "some", "many", "most", "few", "several",
                          "both", "all", "none", "one", "neither", "each", "either"})
_WEAK = frozenset({"want", "see", "speak", "continue", "find", "think", "put", "plan",
                   "attack", "feel", "consider", "allow", "go on", "view", "read",
                   "challenge", "publish", "determine", "accept", "intend", "understand",
                   "charge", "learn", "regard", "welcome", "request", "assume",
                   "establish", "grant", "figure", "brief", "laugh", "smile", "suspect",
                   "snap", "believe", "know", "imagine", "doubt", "wish", "anticipate",
                   "prove", "advise", "maintain", "demonstrate", "discover", "testify",
                   "protest", "instruct", "email", "hold", "go", "support", "back", "favor",
                   "favour", "seek", "decide", "look", "sound", "mean", "like", "recognize",
                   "recognise", "defend"})
# "oppose" left this list in lexicon 1.1: with an NP object ("opposed the deal") it is
# an attitude PolNeAR marks (0.47 on train). "defend" stays (0.66 on PolNeAR, but in
# war reports "rebels defending the towns" is no attitude: the seed article).
# Weak verbs whose finite form with a "to"-infinitive reports an intention PolNeAR
# annotates ("sought to portray her as ..."); "want to" / "intend to" score below 0.4.
_TO_COMPLEMENT = frozenset({"seek"})
# Weak verbs whose NP-object reading is a physical act in conflict news ("jets attacked
# a hospital", "forces defended the town"): their NP-object gate stays hard even with
# the cue model (the seed article and the demo corpus are war reports).
_PHYSICAL = frozenset({"attack", "defend", "hold", "charge", "put", "go", "read"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_BE = frozenset({"is", "was", "are", "were", "been", "be", "'s"})
#: Day and month names: a capitalised word that is no one's name ("Monday criticism").
_DATE_WORDS = _WEEKDAYS | _MONTHS
# Heads after "according to" that name a norm, not a source ("according to plan").
_NOT_SOURCES = frozenset({"plan", "plans", "schedule", "script", "tradition", "custom",
                          "protocol", "form", "design", "expectations", "rules"})
# Prepositions of a place, time or medium adjunct between a subject and its verb.
_ADJUNCT_PREPS = frozenset({"in", "at", "during", "on", "via", "through", "from"})
#: Prepositions of a PP that modifies a plural subject ("doctors *at* the hospital").
_SUBJECT_PP = frozenset({"in", "at", "inside", "outside", "from", "across", "around",
                         "near", "within", "throughout"})
# Verbs whose negation is a non-answer, not a report ("did not respond to requests").
_NON_ANSWER = frozenset({"respond", "reply", "return", "answer", "comment"})
#: Refusals to speak ("declined to comment"): a row with no content.
_NO_COMMENT = frozenset({"decline to comment", "refuse to comment"})


# --------------------------------------------------------------------------- stage 1


class _RowDict(TypedDict):
    """One attribution of a segment before it becomes an :class:`Attribution`.

    Written by :func:`_segment_rows` (cue-based relations), :func:`_byline_rows`
    (dash bylines and tweet signatures) and :func:`_floating` (quotations with no
    cue); :func:`_continue_quotes` extends ``content``; read by
    :func:`_resolve_pronouns` and :func:`iter_attributions`.
    ``source_resolved`` is the antecedent's text for a resolved pronoun, ``plural``
    whether the source is grammatically plural (for pronoun agreement).
    """

    segment: str
    paragraph: int
    sentence: int
    cue: tuple[Span, ...]
    cue_lemma: str
    verb_class: str
    source: tuple[Span, ...]
    source_text: str
    source_head: str | None
    source_kind: str | None
    source_resolved: str | None
    content: tuple[Span, ...]
    kind: str
    flags: set[str]
    plural: bool



@dataclass
class _Row:
    paragraph: int
    sentence: int
    cue: tuple
    cue_lemma: str
    verb_class: str
    source: tuple = ()
    source_head: str | None = None
    content: tuple = ()
    kind: str = "indirect"
    flags: set = field(default_factory=set)
    plural: bool = False
    resolved: tuple | None = None   # token range of a relative pronoun's antecedent




def _content(v: _View, rng: tuple[int, int] | None, quotes: list[Quote]
             ) -> tuple[tuple[Span, ...], str, set]:
    """Content spans and kind of token range ``rng``: direct, mixed or indirect."""
    if rng is None:
        return (), "indirect", set()
    a, b = rng
    s, e = v.toks[a].start, v.toks[b].end
    inside = [q for q in quotes if q.start < e and s < q.end]
    flags: set = set()
    if inside:
        q = inside[0]
        words = [k for k in range(a, b + 1) if not v.is_punct(k)]
        outside = [k for k in words if not (q.start <= v.toks[k].start < q.end)]
        if len(inside) == 1 and not outside:
            qs, qe = _inner(q, v.src)
            if not q.balanced:
                flags.add("unbalanced_quotes")
            return ((qs, qe),), "direct", flags
        if any(not q.balanced for q in inside):
            flags.add("unbalanced_quotes")
        return ((s, e),), "mixed", flags
    return ((s, e),), "indirect", flags


def _inner(q: Quote, text: str) -> Span:
    """Inside of a quotation, without a trailing comma or space ("It is over,")."""
    qs, qe = q.inner
    if text.startswith("''", q.start):
        qs += 1
        if q.balanced and q.end - q.start >= 4:
            qe -= 1
    while qe > qs and text[qe - 1] in " ,\n\u00a0":
        qe -= 1
    return (qs, qe)


def _block_quote(v: _View, sents: dict) -> Span | None:
    """The paragraph after 'Limbaugh added:' when the colon ends its paragraph.

    A block quotation is set off as its own paragraph without quotation marks
    (Chicago Manual of Style 13.9-13.10); the introducing clause ends in a colon.
    """
    if v.low[-1] != ":":
        return None
    nxt = sents.get(v.sent.index + 1)
    if nxt is None or nxt.paragraph != v.sent.paragraph + 1 or not nxt.tokens:
        return None
    end, k = nxt.end, v.sent.index + 2
    while k in sents and sents[k].paragraph == nxt.paragraph:
        end = sents[k].end
        k += 1
    return (nxt.start, end)


def _outside_sentence(v: _View, quotes: list[Quote], sents: dict
                      ) -> tuple[tuple[Span, ...], str, set]:
    """Content of a cue whose sentence holds nothing but source and cue.

    'X said:' + a quotation right after the sentence; '"...." Trump said Friday.'
    with the quotation right before it; else the previous sentence of the
    paragraph ("Mrs. Clinton said.").
    """
    end, start = v.sent.end, v.sent.start
    if v.low[-1] in (":", ","):
        nxt = [q for q in quotes if end - 1 <= q.start <= end + 4]
        if nxt:
            return (_inner(nxt[0], v.src),), "direct", {"multi_sentence"}
        block = _block_quote(v, sents)
        if block is not None:
            return (block,), "direct", {"multi_sentence", "block_quote"}
        return (), "indirect", set()
    prev = [q for q in quotes if start - 4 <= q.end <= start + 1]
    if prev:
        return (_inner(prev[-1], v.src),), "direct", {"multi_sentence", "postposed"}
    ps = sents.get(v.sent.index - 1)
    if ps is not None and ps.paragraph == v.sent.paragraph and ps.tokens:
        words = [t for t in ps.tokens if t.tag[:1].isalpha()]
        a, b = (words[0].start, words[-1].end) if words else (0, 0)
        if b > a:
            return ((a, b),), "indirect", {"multi_sentence", "postposed"}
    return (), "indirect", set()






def _source_left(v: _View, first: int, depth: int = 0):
    """Source left of the cue starting at token ``first``.

    Returns ``(token range or None, how, antecedent range or None)``; the
    antecedent is set for a relative pronoun source ("X, who said ...").
    """
    j = _skip_left(v, first - 1)
    if depth > 2:
        return None, "", None
    if j < 0 or v.is_punct(j) or v.tags[j] == "CC":
        # a floating quantifier skipped as an adverb is the subject: "Both said",
        # "Each has said"
        q = next((k for k in range(j + 1, first) if v.low[k] in _QUANTIFIERS), None)
        if q is not None:
            return (q, q), "subject", None
    if j < 0:
        return None, "", None
    if v.low[j] in _QUANTIFIERS and v.tags[j] not in ("RB", "RBS") and not (
            v.low[j] == "most" and v.tags[j + 1] in ("RB", "RBR", "JJ")):   # "most recently"
        # "Both said", "Yet another said", "Most have said", "Neither wanted": the
        # quantifier is the source; "They all said": the pronoun before it
        if j > 0 and v.tags[j - 1] in ("PRP", "NNS", "NNPS"):
            np = _np_left(v, j - 1)
            if np is not None:
                return np, "subject", None
        return (j, j), "subject", None
    w, t = v.low[j], v.tags[j]
    if w == "to" and j - 1 >= 0 and v.tags[first] not in ("VBD", "VBZ"):
        # "declined to comment", "went on to say": the subject of the governing verb
        g = j - 1
        if v.low[g] == "on" and g - 1 >= 0:
            g -= 1
        if v.tags[g].startswith("VB"):
            src, _, ante = _source_left(v, g, depth + 1)
            return src, "control", ante
        # the verb governs the infinitive across its object or a PP: "mounted a
        # campaign to condemn", "is right to note", "will come on the show to talk"
        # (subject control), "paid the lobbying firms to advocate", "would require
        # Republicans to recognize" (object control: the object speaks)
        k = g
        while k >= 0 and g - k < 10 and (v.tags[k] in _NP_INNER or v.tags[k] in (
                "IN", "TO", "RB", "RBR", "RBS", "PRP", "$", "JJ", "JJR", "JJS")) and \
                v.low[k] not in ("that", "than"):
            k -= 1
        if k < 0 or k == g or not v.tags[k].startswith("VB"):
            return None, "", None
        if v.low[k] in _OBJECT_CONTROL_FORMS and (v.is_noun(g) or v.tags[g] == "PRP"):
            np = _np_left(v, g)
            if np is not None and np[0] > k:
                return np, "control", None
            return None, "", None
        src, _, ante = _source_left(v, k, depth + 1)
        return src, "control", ante
    if t[:2] == "VB" and v.tags[first] == "VBG" and depth == 0:
        # "he began dismissing the notion": the subject of the governing verb
        src, _, ante = _source_left(v, j, depth + 1)
        return src, "control", ante
    if w in ("and", "but", "or") and j - 1 >= 0:
        # coordinated verb phrases: "X criticised the policy and said ...". The
        # conjunct is the nearest finite verb; a VBN after a noun counts only when
        # there is none (a mis-tagged main verb, not the reduced relative of "met
        # relatives of the 49 people killed on Thursday and said")
        lo = next((g for g in range(j - 1, max(-1, j - 45), -1) if v.low[g] in (";", ":")), -1)
        span = range(j - 1, max(lo, j - 45, -1), -1)
        # (a VBN right after a comma is a main verb the tagger missed: "Priebus, who
        # has been ..., arrived/VBN ... and acknowledged")
        g = next((g for g in span if v.tags[g] in ("VBD", "VBZ", "VBP") or (
            v.tags[g] == "VBN" and g > 0 and v.low[g - 1] == ",")), None)
        if g is None:
            g = next((g for g in span if v.tags[g] == "VBN" and g > 0 and
                      v.tags[g - 1] in _NOUN), None)
        if g is not None:
            src, _, ante = _source_left(v, g, depth + 1)
            if src is not None:
                return src, "coordinated", ante
        return None, "", None
    if w == "whom" and j >= 2 and v.low[j - 1] == "of" and (
            v.low[j - 2] in _QUANTIFIERS or v.tags[j - 2] == "CD"):
        # "victims' families, many of whom say": the partitive is the source
        return (j - 2, j), "relative", _np_before_relative(v, j - 3)
    vb = j - 1 if t in ("IN", "TO", "RP") else j    # "the people we spoke to said"
    if vb >= 2 and v.tags[vb] in ("VBD", "VBP", "VBZ") and v.tags[vb - 1] == "PRP" and \
            v.low[vb - 1] in ("i", "we", "he", "she", "they", "you") and \
            v.tags[vb - 2] in ("NNS", "NNPS"):
        # a relative clause with no pronoun: "all the experts I interviewed said"
        np = _np_left(v, vb - 2)
        if np is not None:
            return np, "subject", None
    if t in ("WP", "WDT") and w in ("who", "which", "that"):
        return (j, j), "relative", _np_before_relative(v, j - 1)
    closing = 0
    if t == "''":
        q = j
        while q > 0 and v.tags[q] == "''":
            q -= 1
        o = next((k for k in range(q, -1, -1) if v.tags[k] == "``"), None)
        if v.low[q] == "," and o is not None and (
                (q - o <= 4 and not any(v.tags[k] in _FINITE for k in range(o, q)) and
                 not (o > 0 and v.tags[o - 1].startswith("VB"))) or
                (o > 1 and not _inverted_np_after(v, first))):
            # a comma inside the closing mark of a quoted name or of a quotation inside
            # an appositive: "X, host of ''Today,'' reminded", "Mr. Manafort, citing
            # ''the unique magic of Trump,'' said the candidate could ..." -- not of a
            # statement whose speaker follows the cue ('"It works," says X')
            closing, j, w, t = j - q, q, ",", ","
        elif v.is_noun(q) and any(v.tags[k] == "``" for k in range(max(0, q - 5), q)):
            # a scare-quoted noun ends the subject: "the party's ''superdelegates'' have"
            np = _np_left(v, q)
            if np is not None:
                return np, "subject", None
    if w == "," and j >= 2 and v.low[j - 1] == ")":
        # a comma after a party tag: "Sen. Jack Reed (D-R.I.), said"
        o = next((p for p in range(j - 2, max(-1, j - 9), -1) if v.low[p] == "("), None)
        if o is not None and o >= 1 and (o < 2 or v.low[o - 2] != ",") and \
                not any(v.low[p] == "," for p in range(max(0, o - 8), o)):
            np = _np_left(v, o - 1)
            if np is not None and _clause_start(v, np[0]):
                return (np[0], j - 1), "subject", None
    if w in (",", "--", "\u2014", "\u2013", "-"):
        # appositive, relative or participial phrase between subject and cue:
        # "Clinton, speaking to reporters, said", "X, who deny ..., say"
        found = None
        for k in range(j - 1, max(-1, j - 45), -1):
            # a quotation inside the appositive ("X, citing ''magic,'' said") is
            # crossed; an opening mark with no closing one means we are in a quote
            if v.tags[k] == "''":
                closing += 1
            elif v.tags[k] == "``":
                if closing == 0:
                    break
                closing -= 1
            if v.low[k] == w and k + 1 < j and k >= 1 and closing == 0:
                e = k - 1
                if v.low[e] == ")":
                    # a party-and-state tag: "Sen. Ted Cruz (R-Texas), also a ..., called"
                    o = next((p for p in range(e - 1, max(-1, e - 8), -1)
                              if v.low[p] == "("), None)
                    if o is not None and o >= 1:
                        e = o - 1
                np = _antecedent_left(v, e)     # also "Another, who ..., insisted"
                if np is not None and e < k - 1:
                    np = (np[0], k - 1)
                if np is not None and _clause_start(v, np[0]):
                    found = found or np
                    # the subject opens the clause: "One resident, who gave only his
                    # first name, Ahmad, said" -- not the NP after "only"
                    if np[0] == 0 or v.is_punct(np[0] - 1) or v.tags[np[0] - 1] == "CC":
                        return np, "appositive", None
        if found is not None:
            return found, "appositive", None
        if w == "," and depth < 2 and v.tags[first] in ("VBD", "VBZ", "VBP", "VBN") and \
                not _inverted_np_after(v, first):
            # a list of verb phrases: "The candidate has mocked a reporter, *referred*
            # to immigrants as ..."; the subject of the verb before the comma
            g = next((k for k in range(j - 1, max(-1, j - 30), -1)
                      if v.tags[k] in ("VBD", "VBZ", "VBP") or (
                          v.tags[k] == "VBN" and k > 0 and
                          v.low[k - 1] in ("has", "have", "had"))), None)
            if g is not None and sum(v.tags[k] == "``" for k in range(g, first)) == \
                    sum(v.tags[k] == "''" for k in range(g, first)) and \
                    not any(v.low[k] == "," for k in range(g + 1, j)):
                src, _, ante = _source_left(v, g, depth + 1)
                if src is not None:
                    return src, "coordinated", ante
        return None, "", None
    if t == "VBN" and j > 0 and v.low[j - 1] in ("those", "these"):
        return (j - 1, j), "subject", None      # "those surveyed said"
    if t == "VBN" and j > 0 and v.tags[j - 1] in _NOUN:
        # reduced relative inside the subject: "A poll of Ohio released on Tuesday showed"
        j -= 1
    if t == "CD" and re.fullmatch(r"(19|20)\d\d", w) and j >= 2 and v.tags[j - 1] == "IN":
        # a year in a PP after the subject: "another Pew study from 2011 noted"
        np = _np_left(v, j - 2)
        if np is not None:
            return np, "subject", None
    if t == "CD" and not re.fullmatch(r"(19|20)\d\d", w):
        # "Two in three said", "at least 21,000 said" (not a year: "filed in 2012")
        a = j
        while a - 1 >= 0 and j - a < 4 and v.tags[a - 1] in ("CD", "IN", "JJS", "RB") and \
                v.low[a - 1] not in ("that", "because", "if"):
            a -= 1
        while a < j and v.tags[a] == "IN":
            a += 1
        return (_with_numeral_modifier(v, a, j), j), "subject", None
    np = _np_left(v, j)
    if np is None and t[:2] in ("VB", "RB", "RP", "IN"):
        # a restrictive relative clause that ends on its verb or particle ("Residents
        # who fled said", "Doctors who treated the wounded/VBN said"): the NP before
        # its relative pronoun
        for k in range(j - 1, max(-1, j - 20), -1):
            if v.is_punct(k):
                break
            if v.tags[k] in ("WP", "WDT", "WP$") and k > 0 and v.low[k] in (
                    "who", "that", "which", "whose"):
                if v.low[k - 1] == "and":
                    continue    # "Another Muslim who worshiped here and who ... said"
                outer = _antecedent_left(v, k - 1)
                if outer is not None and any(v.tags[p].startswith("VB")
                                             for p in range(k + 1, j + 1)):
                    return outer, "subject", None
                break
    if np is not None and np[0] >= 2 and v.tags[np[0] - 1] == "IN" and \
            v.low[np[0] - 1] not in ("of", "that", "than") and \
            v.tags[np[0] - 2] in ("WP", "WDT") and v.low[np[0] - 2] in ("who", "which"):
        # an adjunct between a relative pronoun and its verb: "Zucker, who in the past
        # has voiced ...", "which through the 20th century supported ..."
        return (np[0] - 2, np[0] - 2), "relative", _np_before_relative(v, np[0] - 3)
    if np is not None and np[0] >= 2 and v.low[np[0] - 1] in _SUBJECT_PP and \
            v.tags[np[0] - 2] in ("NNS", "NNPS"):
        # a PP after a plural subject: "Sanders delegates inside the convention hall
        # have booed", "doctors at the hospital said": the whole NP
        outer = _np_left(v, np[0] - 2)
        if outer is not None:
            return (outer[0], np[1]), "subject", None
    if np is not None and np[0] >= 2 and v.low[np[0] - 1] in _ADJUNCT_PREPS and \
            (_is_name(v, np[0] - 2) or v.tags[np[0] - 2] == "PRP"):
        # "Trump in his announcement speech called ...": the PP is an adjunct of the
        # cue (see _name_before_adjunct) and the name before it is the source
        outer = _np_left(v, np[0] - 2)
        if outer is not None:
            return _name_before_adjunct(v, outer), "subject", None
    if np is not None:
        np = _name_before_adjunct(v, np)
        # "Hawkins and others who want to ban abortion said": the NP before "who"
        for k in range(np[0] - 1, max(-1, np[0] - 12), -1):
            if v.is_punct(k):
                break
            if v.tags[k] in ("WP", "WDT") and k > 0 and any(
                    v.tags[p].startswith("VB") for p in range(k + 1, np[0])):
                outer = _antecedent_left(v, k - 1)
                if outer is not None:
                    return outer, "subject", None
                break
        return np, "subject", None
    return None, "", None


def _inverted_np_after(v: _View, first: int) -> bool:
    """True when an NP right after the cue at ``first`` closes the clause: the
    inverted speaker of '"...," said the mayor.', ", says political scientist X in
    Almaty" (any NP after a verb that inverts, a name or determiner NP after others)."""
    np = _np_right(v, first + 1) if first + 1 < v.n else None
    if np is None:
        return False
    ends = (",", ".", ";", "--", "\u2014")
    if v.low[first] in _INVERTING_FORMS:
        # "said a source close to the campaign", not "said the candidate could ..."
        k = np[1] + 1
        return k >= v.n or not (v.tags[k][:2] in ("VB", "MD") or v.low[k] in ("that", "to"))
    return v.tags[np[0]] in ("NNP", "NNPS", "DT") and (
        np[1] + 1 >= v.n or v.low[np[1] + 1] in ends)


def _np_before_relative(v: _View, k: int) -> tuple[int, int] | None:
    """The antecedent of a relative pronoun right after token ``k``: the NP ending
    at ``k``, or before the comma there ("Gruenberg, who ...")."""
    if k >= 0 and v.low[k] == ",":
        k -= 1
    return _np_left(v, k) if k >= 0 else None


def _antecedent_left(v: _View, k: int) -> tuple[int, int] | None:
    """The NP ending at token ``k`` that a relative clause after it modifies; a bare
    quantifier or demonstrative counts ("Those who stayed", "Many who fled")."""
    np = _np_left(v, k)
    if np is None and (v.low[k] in _QUANTIFIERS or v.low[k] in ("those", "these")):
        return (k, k)
    return np


#: Object-experiencer psych verbs (Levin 1993, class 31.1): the object holds the
#: attitude the verb reports.
_EXPERIENCER = frozenset({
    "alarm", "anger", "annoy", "bother", "delight", "disappoint",
    "dismay", "disturb", "embarrass", "enrage", "frighten", "frustrate", "infuriate",
    "irritate", "outrage", "please", "rattle", "reassure", "scare", "shock", "startle",
    "surprise", "trouble", "unnerve", "upset", "worry", "alienate", "impress",
    "offend", "puzzle", "stun", "terrify", "thrill", "confuse", "amuse", "excite"})
#: Reporting verbs that invert with their subject after a report ("..., said X").
_INVERTING = frozenset({
    "say", "add", "write", "ask", "explain", "note", "argue", "recall", "continue",
    "insist", "warn", "acknowledge", "conclude", "observe", "contend", "reply",
    "respond", "predict", "complain", "claim", "declare", "state", "announce",
    "report", "suggest", "admit", "concede", "point out", "recount", "tweet",
    "counter", "caution", "quip", "joke", "muse", "remark", "agree"})
_INVERTING_FORMS = frozenset(f for lemma in _INVERTING if " " not in lemma
                             for f in inflections(lemma))
#: Words that open a subordinate clause: a finite verb after them is not the
#: main clause's.
_SUBORDINATORS = frozenset({
    "that", "who", "which", "where", "whose", "whom", "whether", "what", "how", "why"})


def _main_clause_verbs(v: _View, end: int) -> list[tuple[int, int]]:
    """Finite verbs before token ``end`` that head a main clause, with the start of
    their segment: ``[(verb, segment start), ...]``.

    The tokens are cut into segments at punctuation and at "and"/"but"; a segment
    counts when it is not inside a quotation and its first finite verb (VBD/VBZ/
    VBP/MD) comes before any complementizer or wh-word ("that", "who", ...) and any
    participle or infinitive of the segment: a finite verb after those is in an
    embedded clause ("telling CNN that Trump *is* ..."), as is a later finite verb
    of the same segment ("Starr said X *reminds* him") and the verb after an "and"
    inside such a clause ("said that the campaign and its allies *are* ...").
    """
    out, seg_ok, seen, depth, start, embedded = [], True, False, 0, 0, False
    for k in range(end):
        w, t = v.low[k], v.tags[k]
        if t == "``":
            depth += 1
        elif t == "''":
            depth = max(0, depth - 1)
        if v.is_punct(k):
            seg_ok, seen, start, embedded = True, False, k + 1, False
            continue
        if w in ("and", "but"):
            # "said that the campaign and its allies *are* ...": still the report
            seg_ok, seen, start = not embedded, False, k + 1
            continue
        if w in _SUBORDINATORS:
            embedded = True
        if not seen and (w in _SUBORDINATORS or t in ("VBG", "TO")):
            seg_ok = False
        if t in _FINITE and not seen:
            seen = True
            if seg_ok and depth == 0:
                out.append((k, start))
    return out


def _copy_source(row: _Row, prev: _Row, flag: str) -> None:
    """Give ``row`` the source of ``prev``, the cue before it in the sentence, and
    flag how ("participial": "..., saying"; "coordinated": "..., and accused")."""
    row.source, row.source_head, row.plural = prev.source, prev.source_head, prev.plural
    row.resolved = prev.resolved
    row.flags.add(flag)


def _name_before_adjunct(v: _View, np: tuple[int, int]) -> tuple[int, int]:
    """Cut a name's source NP before a place, time or medium phrase.

    A proper name (optionally after "the") or a personal pronoun takes no
    restrictive locative post-modifier, so in "Putin at a rally in Moscow said" and
    "The Kremlin in a statement said" the prepositional phrase is an adjunct of the
    reporting verb, not part of the source; a common noun keeps it ("Officials in
    Damascus said", "Residents of the town"). This keeps the source's head and kind
    right: "Putin" is a person, not the capital at the end of the phrase.

    >>> from types import SimpleNamespace as NS
    >>> v = NS(low="putin at a rally said".split(), tags=["NNP", "IN", "DT", "NN", "VBD"])
    >>> _name_before_adjunct(v, (0, 3))
    (0, 0)
    >>> v = NS(low="residents in aleppo said".split(), tags=["NNS", "IN", "NNP", "VBD"])
    >>> _name_before_adjunct(v, (0, 2))
    (0, 2)
    """
    a, b = np
    for k in range(a + 1, b + 1):
        if v.low[k] in _ADJUNCT_PREPS and v.tags[k] == "IN":
            lead = a + 1 if v.tags[a] == "DT" and k > a + 1 else a
            if all(_is_name(v, p) for p in range(lead, k)) or (
                    k == a + 1 and v.tags[a] == "PRP"):
                return (a, k - 1)
            break
    return np


def _is_name(v: _View, k: int) -> bool:
    """A proper-noun token; the tagger often reads a sentence-initial name as ``NN``
    ("Putin/NN at a rally"), so a capitalised singular noun counts too."""
    t = v.tags[k]
    if t != "NN":
        return t in ("NNP", "NNPS")
    return v.src[v.toks[k].start:v.toks[k].start + 1].isupper()


def _loose_np_right(v: _View, i: int) -> tuple[int, int] | None:
    """Tokens from ``i`` up to the next clause punctuation (at most 12 words)."""
    while i < v.n and v.is_quote(i):
        i += 1
    if i >= v.n or v.is_punct(i):
        return None
    e = i
    while e + 1 < v.n and e - i < 12 and (not v.is_punct(e + 1) or v.is_quote(e + 1)):
        e += 1
    while e > i and v.is_punct(e):
        e -= 1
    return (i, e)


# Idioms with "say" that report no speech: "it goes without saying", "needless to
# say", "having said that", "let's say you think ...", "that is to say", "suffice it
# to say", the comparison "the same cannot be said for X"; "so to speak" is not a
# "say" form.
_SAY_IDIOM = re.compile(
    r"\b(?:goes without saying|needless to say|having said that|let(?:'s|\u2019s| us) say|"
    r"that is to say|suffice it to say|it is fair to say|safe to say|"
    r"(?:same|much|more|less) (?:can|could|cannot)(?: not|n't|n\u2019t)? be said "
    r"(?:for|of|about))\b", re.I)


#: First words of a clausal complement after a passive's agent: "was told by
#: officials *that* ...", "was asked by the host *whether* ...", "was urged by
#: aides *to* run". Such a clause is the content; what else follows the agent
#: joins the patient only when it carries part of the report
#: (:data:`_REPORT_ADJUNCTS`). "who"/"which" are left out: after an agent they
#: mostly open a relative clause on it ("praised by activists who ...").
_COMPLEMENT_OPENERS = frozenset({"that", "whether", "if", "to", "why", "how", "what",
                                 "when", "where", ":"})
#: Prepositions after a passive's agent that carry part of what was reported: the
#: reason ("criticized by rivals *for* failing to ..."), the characterization
#: ("interpreted by some *as* a threat") or the topic ("questioned by reporters
#: *about* ...", "attacked by Democrats *over* ...").
_REPORT_ADJUNCTS = frozenset({"for", "as", "over", "about"})


def _passive_content(v: _View, patient: tuple[int, int], after: int, row: _Row,
                     quotes: list[Quote]) -> tuple[tuple, str]:
    """Content and kind of a passive report with an agent ("X was criticized by Y").

    The subject of a passive is the patient of the report -- what was criticized,
    denied or praised -- and so its content, as in PolNeAR ("*Trump* has been
    criticized by some of his rivals *for failing to spend enough time*"): the
    patient, followed by an adjunct after the agent that carries part of the
    report (:data:`_REPORT_ADJUNCTS`: "for ...", "as a threat").
    A clausal complement after the agent ("was told by officials that ...", "was
    asked by the host, '...'") is the content on its own. ``after`` is the first
    token after the agent; ``row.content`` what the extractor found from there.
    """
    start = v.toks[after].start if after < v.n else v.sent.end
    rest = tuple((s, e) for s, e in row.content if s >= start)
    if after >= v.n or not rest or "postposed" in row.flags:
        rest = ()
    elif v.low[after] in _COMPLEMENT_OPENERS or v.is_quote(after):
        return rest, row.kind
    elif v.low[after] == "," and after + 1 < v.n and v.is_quote(after + 1):
        return rest, row.kind           # 'was asked by the host, "..."'
    elif v.low[after] not in _REPORT_ADJUNCTS:
        # "praised by activists, who ...", "endorsed by dozens of papers ranging
        # from ...", "declared by Nixon in the 1970s": the agent's modifier or
        # the setting, not what was said
        rest = ()
    else:
        rest = ((start, rest[0][1]),) + rest[1:]    # with its preposition: "as a threat"
    own, _, _ = _content(v, patient, quotes)
    return own + rest, "indirect"


def _attr_from_cue(v: _View, cue: Cue, quotes: list[Quote], rows: list[_Row],
                   para: int, doc_sents: dict | None = None, lexicon=None,
                   soft: bool = False) -> _Row | None:
    toks = v.toks

    def gate(name: str) -> bool:
        # A *soft gate*: without the cue model the rule drops the relation; with
        # it the relation is built, flagged ``name``, and the model decides.
        if soft:
            row.flags.add(name)
            return False
        return True

    main = [(s, e) for s, e in cue.spans if v.src[s:e].split()[0].lower() not in ("in", "on")]
    idx = v.tokens_in(main or cue.spans)
    if not idx:
        return None
    first, last = idx[0], idx[-1]
    row = _Row(para, v.sent.index, cue.spans, cue.lemma, cue.verb_class)
    if cue.kind == "phrase" and cue.lemma.split()[0] in ("in", "on"):
        return None  # a frame ("in a statement") with no verb names no source
    # Cues inside a quotation are the quoted speaker's own words ("I think ...";
    # PolNeAR annotates almost none: 20 of 4,000 on train). A modal or infinitival
    # cue ("would say", "to tell") reports no speech event (precision 0.3 on
    # train). A negated cue ("did not mention", "never said") is kept and flagged
    # ``negated``: PolNeAR annotates it about half of the time.
    if any(q.start < toks[first].start < q.end for q in quotes):
        return None
    if cue.negated:
        # a negated mental state ("does not believe", "did not want") or non-answer
        # ("did not respond to a request for comment") is no attitude PolNeAR
        # marks reliably (precision 0.3 on train); a negated speech act is (0.6)
        if cue.lemma in _NON_ANSWER or ((cue.verb_class == "cognition" or
                                         cue.lemma in _WEAK) and gate("negated_state")):
            return None
        row.flags.add("negated")
    if cue.kind != "phrase":
        j = first - 1
        while j >= 0 and (v.low[j] in _AUX or v.tags[j] in ("RB", "MD", "TO")):
            if v.tags[j] in ("MD", "TO") or v.low[j] == "to":
                if gate("infinitive" if v.low[j] == "to" else "modal"):
                    return None
                break
            j -= 1

    if cue.kind == "according_to":
        np = _np_right(v, last + 1)
        if np is None and cue.lemma == "according to":
            # "according to the most recent data", "according to one of his aides",
            # "according to ''The Trumps,''": the words up to the next clause mark
            np = _loose_np_right(v, last + 1)
            if np is not None:
                row.flags.add("loose_source")
        if np is None or v.low[np[1]] in _NOT_SOURCES:
            return None   # "going according to plan": a norm, not a source
        while np[1] + 2 < v.n and v.low[np[1] + 1] in ("by", "of", "from", "at", "for", "in"):
            # "according to a study by economists Peter Schott and Justin Pierce,"
            np2 = _np_right(v, np[1] + 2)
            if np2 is None:
                break
            np = (np[0], np2[1])
        row.source, row.source_head = (v.span(*np),), _head(v, *np)
        row.plural = v.tags[np[1]] in ("NNS", "NNPS")
        row.kind = "according_to"
        before = _trim(v, 0, first - 1) if first > 0 else None
        if before is not None and (first == 0 or v.low[first - 1] == ","):
            crng = before
        else:
            k = np[1] + 1
            while k < v.n and v.low[k] in (",", ":"):
                k += 1
            crng = _trim(v, k, v.n - 1) if k < v.n else None
        if crng is None and first > 0:
            crng = _trim(v, 0, first - 1)
        row.content, _, fl = _content(v, crng, quotes)
        row.flags |= fl
        return row if row.content else None

    if cue.kind == "adverb":
        # "X reportedly did Y": the clause around the adverb is the content, the
        # (unnamed) reports are the source; PolNeAR marks no source span
        spans = [r for r in (_trim(v, 0, first - 1), _trim(v, last + 1, v.n - 1)) if r]
        if len(spans) < 2:
            return None
        for rng in spans:
            c, _, fl = _content(v, rng, quotes)
            row.content += c
            row.flags |= fl
        row.flags.add("evidential")
        return row

    if cue.kind == "nominal":
        pp = False
        # an attitude cue carries its complement word ("questions about")
        comp = v.low[last] if last > first else None
        that = last if comp == "that" else last + 1
        if (comp == "that" or (comp is None and last + 1 < v.n and v.low[last + 1] == "that")) \
                and that + 1 < v.n and (v.tags[that + 1][:2] in ("VB", "MD")):
            return None  # a relative clause, not the content: "a blast that killed three"
        if comp == "that" or (comp is None and last + 1 < v.n and v.low[last + 1] == "that"):
            crng = _trim(v, last + (1 if comp else 2), v.n - 1)
        elif (comp is not None and last + 1 < v.n) or (
                last + 2 < v.n and v.low[last + 1] in NOMINAL_PREPS and
                cue.lemma in preposition_nouns(lexicon)):
            # "criticism of the plan", "his attacks on Clinton": the object of the
            # preposition, up to the next clause boundary
            pp = True
            e = last + 1 if comp else last + 2
            while e + 1 < v.n and not v.is_punct(e + 1) and \
                    v.tags[e + 1] not in ("WDT", "WP", "VBD", "VBZ", "VBP", "MD") and \
                    v.low[e + 1] != "that":
                e += 1
            crng = _trim(v, last + 1 if comp else last + 2, e)
        else:
            return None
        j = first - 1
        # "his sharp criticism for", "Trump's repeated attacks on", "Trump's
        # by-now-familiar claims that"
        while j > 0 and first - j <= 3 and v.tags[j] in ("JJ", "RB", "VBN", "CD"):
            j -= 1
        src = None
        if j >= 0 and v.tags[j] == "PRP$":
            src = (j, j)
        elif j >= 1 and v.tags[j] == "POS":
            # the possessor alone: "an expansion of Trump's claims" -> "Trump"
            a = _np_core_left(v, j - 1)
            src = (a, j - 1) if a is not None else None
        elif j == first - 1 and v.tags[j] in ("NNP", "NNPS") and \
                v.low[j] not in _DATE_WORDS:
            # a name as modifier: "GOP criticism of", "Kremlin denials that"
            a = j
            while a - 1 >= 0 and v.tags[a - 1] in ("NNP", "NNPS"):
                a -= 1
            src = (a, j)
        elif comp is not None:
            # a light verb: "X raised questions about", "X voiced opposition to"
            while j > 0 and v.tags[j] in ("DT", "JJ", "RB", "CD"):
                j -= 1
            if j >= 0 and v.tags[j] in ("VBD", "VBZ", "VBP", "VBN", "VB"):
                src, _, _ = _source_left(v, j)
                if src is not None:
                    row.flags.add("light_verb")
        if src is None and not pp and (crng is None or gate("sourceless_nominal")):
            # "complaints that the plan was underfunded", "allegations that Chinese
            # interests hacked ...": a report with no named source; only the cue
            # model keeps it (PolNeAR marks some, not the idiomatic "the fact that")
            return None
        row.flags.add("nominal")
        if src is not None:
            row.source, row.source_head = (v.span(*src),), _head(v, *src)
        row.content, row.kind, fl = _content(v, crng, quotes)
        row.flags |= fl
        return row if row.content else None

    # ---- verb / phrase cues
    tag0 = v.tags[first]
    if tag0 in ("VBN", "VBG", "JJ") and first > 0 and v.tags[first - 1] in ("DT", "PRP$") \
            and first + 1 < v.n and v.tags[first + 1] in ("NN", "NNS", "JJ", "CD"):
        return None  # "the alleged attack", "a reported 60,000"
    if tag0 in ("VBN", "VBD") and first > 0 and v.tags[first - 1] in ("CD", "JJ", "PRP$") \
            and first + 1 < v.n and v.tags[first + 1] in ("NN", "NNS") and cue.lemma != "say":
        return None  # "her five proposed bills"; never "4 in 10 said billionaire Trump"
    if tag0 == "VBN" and first > 0 and (v.tags[first - 1] in ("NN", "NNS", "NNP", "NNPS")
                                        or v.low[first - 1] == ",") and (
            any(v.tags[k] in _FINITE for k in range(v.n) if k != first) or
            (last + 1 < v.n and v.low[last + 1] == "by")):
        # reduced relative: "posts established in the area were shelled", "buses
        # provided by the administration"; with no other finite verb in the sentence
        # the "VBN" is a mis-tagged main verb ("Trump called/VBN for a ban on
        # Muslims entering the country"). Without a by-agent the cue model judges
        # it ("Jeb Bush criticized/VBN Obama's intervention" among other verbs).
        if (last + 1 < v.n and v.low[last + 1] == "by") or gate("reduced_relative"):
            return None
    if v.low[first] == "said" and first > 0 and v.low[first - 1] == "that" and \
            first + 1 < v.n and v.low[first + 1] == "," and \
            (first == 1 or v.tags[first - 2] in ("CC", "RB", ",", ":")):
        return None  # the idiom "That said, ..."; not "a message that said, ..."
    if cue.lemma == "ask" and first > 0 and v.low[first - 1] == "just" and (
            first == 1 or v.tags[first - 2] in (",", ":", "CC", "``")):
        return None  # the rhetorical "Just ask Evan Bayh.": no one is asked anything
    if cue.lemma == "say" and _SAY_IDIOM.search(
            v.src, max(v.sent.start, v.toks[first].start - 20),
            min(v.sent.end, v.toks[last].end + 6)):
        return None  # "It goes without saying", "Having said that", "Let's say you ..."
    if v.low[first] == "say" and first > 0 and v.low[first - 1] in (",", "oh", "--") and \
            last + 1 < v.n and v.low[last + 1] == ",":
        return None  # the hedge "than, say, Mr. Cruz's plan"
    if last + 1 < v.n and v.low[last + 1] == "up" and cue.lemma in ("show", "speak", "call"):
        return None  # "showed up at her door": not the reporting "show"
    if cue.lemma in _PHYSICAL and tag0 == "VBN" and any(
            v.low[k] in _BE | {"being", "got", "get", "gets"}
            for k in range(max(0, first - 3), first)):
        return None  # "The convoy was attacked (by jets)": in a war report, an event
    if cue.lemma in ("decline", "refuse") and not (last + 1 < v.n and v.low[last + 1] == "to"):
        return None  # "trade declined 40 percent": only "declined to comment" reports
    source, how = None, ""
    p0 = first - 1
    while p0 > 0 and (v.tags[p0] in ("''", "RB") and v.low[p0] not in ("not", "n't")):
        p0 -= 1   # '... party,” claiming', "while also saying"
    participial = tag0 == "VBG" and first > 0 and v.low[p0] in (
        ",", "and", "--", "\u2014", "by", "after", "before", "while", "when", "without",
        "in", "since", "of")
    if participial:
        # the subject of the nearest main-clause verb before the participle:
        # "Starr said X reminds him of Y, explaining" (Starr), "... and Emanuel fired
        # his police chief, acknowledging" (Emanuel); a cue row there lends its source
        k0 = first - 1
        if v.low[k0] == "and" and rows and rows[-1].source and any(
                v.tags[i] == "VBG" and v.toks[i].start == rows[-1].cue[0][0]
                for i in range(k0)):
            # "saying X and calling him ...": the first participle's source
            _copy_source(row, rows[-1], "participial")
            source = "copied"
        for k, seg in ([] if source else reversed(_main_clause_verbs(v, first))):
            prev = next((r for r in rows if r.source and
                         v.toks[k].start <= r.cue[0][0] < v.toks[k].end), None)
            if prev is not None:
                _copy_source(row, prev, "participial")
                source = "copied"
                break
            np, _, ante = _source_left(v, k)
            if np is not None:
                if seg > np[0] and seg <= np[1] and ante is None:
                    np = (seg, np[1])    # "... murder and Emanuel fired": not "murder and"
                source, how = np, "participial"
                row.resolved = ante
                break
        if source is None and rows and rows[-1].source:
            _copy_source(row, rows[-1], "participial")
            source = "copied"
        elif source is None:
            # the subject of the sentence's first finite verb that has one ("Clinton,
            # clearly frustrated, responded by ..., saying"; "The nurse later
            # sued/VBN, claiming")
            for k in range(first):
                if not (v.tags[k] in ("VBD", "VBZ", "VBP", "MD") or (
                        v.tags[k] == "VBN" and k > 0 and
                        v.tags[_skip_left(v, k - 1)] in _NOUN | {"PRP", ","})):
                    continue
                np, _, ante = _source_left(v, k)
                if np is not None:
                    source, how = np, "participial"
                    row.resolved = ante
                    break
    elif tag0 in ("NN", "NNS") and first > 0 and v.tags[first - 1] in ("DT", "PRP$", "POS", "JJ"):
        # a verb-phrase cue used as a noun: "He made a call for a ban", "Trump's call
        # for": the possessor, or the subject of the light verb
        j = first - 1
        while j > 0 and first - j <= 4 and v.tags[j] in ("DT", "JJ", "RB", "CD"):
            j -= 1
        ante = None
        if v.tags[j] == "PRP$":
            source, how = (j, j), "subject"
        elif v.tags[j] == "POS" and j >= 1 and (a := _np_core_left(v, j - 1)) is not None:
            source, how = (a, j - 1), "subject"
        elif v.tags[j] in ("VBD", "VBZ", "VBP", "VBN", "VB"):
            source, how, ante = _source_left(v, j)
            if source is not None:
                row.flags.add("light_verb")
        if ante is not None:
            row.resolved = ante
    else:
        source, how, ante = _source_left(v, first)
        if ante is not None:
            row.resolved = ante
        if how == "coordinated" and rows and rows[-1].source and source is not None and \
                any(s <= toks[source[0]].start < e for s, e in rows[-1].content):
            # "X said the warning was absurd, and accused Britain ...": the verb
            # found first is inside X's report; the coordinated cue is X's too
            _copy_source(row, rows[-1], "coordinated")
            source = "copied"
        if how == "subject" and tag0 == "VBG" and source is not None and source[0] > 0:
            # "X released a statement saying ...", "X sent out a text message to
            # supporters saying ...": the NP before the participle is a document, or
            # its addressee, in the verb phrase of X, who speaks
            a = source[0]
            pp = v.low[a - 1] == "to"    # the addressee: "a letter to Zucker asking"
            if pp:
                obj = _np_left(v, a - 2) if a >= 2 else None
                a = obj[0] if obj is not None else a - 1
            doc = any(_noun_lemma(v.low[k]) in _DOCUMENT_NOUNS or v.low[k] in _DOCUMENT_NOUNS
                      for k in range(a, source[1] + 1) if v.is_noun(k))
            g = _skip_left(v, a - 1)
            if g >= 0 and v.tags[g] == "RP":
                g -= 1    # "sent out", "put out"
            if (doc or pp) and g >= 0 and v.tags[g].startswith("VB"):
                src2, _, ante2 = _source_left(v, g)
                if src2 is not None:
                    source, how, row.resolved = src2, "participial", ante2
    if source is None and tag0 == "VBN" and first > 0 and v.low[first - 1] == "as" and \
            last + 2 < v.n and v.low[last + 1] == "by":
        # "As reported by the Associated Press, the convoy was attacked" / "..., as
        # reported by state media": an evidential frame like "according to"
        np = _np_right(v, last + 2)
        if np is not None:
            row.source, row.source_head = (v.span(*np),), _head(v, *np)
            row.plural = v.tags[np[1]] in ("NNS", "NNPS")
            row.flags |= {"as_clause", "passive_agent"}
            if first - 1 == 0:
                k = np[1] + 1
                while k < v.n and v.low[k] in (",", ":"):
                    k += 1
                crng = _trim(v, k, v.n - 1) if k < v.n else None
            else:
                crng = _trim(v, 0, first - 2)
            if crng is None:
                return None
            row.content, row.kind, fl = _content(v, crng, quotes)
            row.flags |= fl
            return row if row.content else None
    after_start = last + 1
    # the cue's own frame after the verb is no content: "said in a statement that ..."
    while after_start < v.n and any(s <= toks[after_start].start < e for s, e in cue.spans):
        after_start += 1
    inverted = False
    clause_end = None
    stimulus = patient = None
    left_edge = _skip_left(v, first - 1)
    if source is None and tag0 == "VBN" and last + 2 < v.n and v.low[last + 1] == "by":
        # a reduced relative with its agent: "The campaign, first reported by The
        # Washington Post, is ...", "those invited by Scott": the agent speaks, the
        # modified NP is what was reported
        np = _np_right(v, last + 2)
        if np is not None:
            source, how = np, "passive_agent"
            after_start = np[1] + 1
            k = left_edge - 1 if left_edge >= 0 and v.low[left_edge] == "," else left_edge
            stimulus = _antecedent_left(v, k) if k >= 0 else None
    if source is None and tag0 == "VBG" and (left_edge < 0 or all(
            v.tags[k] in ("IN", "RB", "CC") for k in range(first))):
        # a sentence-initial participle: "Recalling that moment, David Axelrod, who
        # was ..., said", "After endorsing Ryan, Trump's running mate has ..." --
        # the main clause's subject, not the object after the cue
        c = next((k for k in range(last + 1, v.n) if v.low[k] == ","), None)
        o = c + 1 if c is not None else None
        while o is not None and o < v.n and v.tags[o] == "''":
            o += 1      # 'Bemoaning the "phony system," Trump accused'
        np = _np_right(v, o) if o is not None and o < v.n else None
        if np is not None and np[1] + 1 < v.n and (
                v.tags[np[1] + 1] in _FINITE or v.low[np[1] + 1] == ","):
            source, how = np, "participial"
            clause_end = v.toks[c].start
    if source is None and not participial and tag0 != "VBG" and (
            left_edge < 0 or v.low[left_edge] in (",", ":") or v.is_quote(left_edge)):
        k = _skip_right(v, last + 1, "")
        np = _np_right(v, k)
        if np is not None and left_edge < 0 and np[1] + 1 < v.n and \
                v.tags[np[1] + 1] in _FINITE:
            np = None   # a headline's subjectless verb: "Says Clinton would stack ..."
        if np is not None:
            source, how, inverted = np, "inverted", True
            after_start = np[1] + 1
    elif how == "appositive" and cue.lemma in _INVERTING and tag0 in ("VBD", "VBZ") and \
            v.low[first - 1] == "," and last + 1 < v.n and v.low[last + 1] != "that":
        # "... the program, said Steve Grubbs, an Iowa operative": a name right after
        # the cue that closes the clause is the speaker, not the NP before the comma
        np = _np_right(v, last + 1)
        if np is not None and any(v.tags[k] in ("NNP", "NNPS") and v.low[k] not in _DATE_WORDS
                                  for k in range(np[0], np[1] + 1)) and (
                np[1] + 1 >= v.n or v.low[np[1] + 1] in (",", ".", ";", "--", "\u2014")):
            source, how, inverted = np, "inverted", True
            after_start = np[1] + 1
    # passive with an agent: "was criticised by the senator"
    # ("Gruenberg, who was nominated by President Obama": the agent, not "who"; the
    # antecedent is what the report is about)
    by = next((k for k in range(last + 1, min(v.n - 1, last + 9)) if v.low[k] == "by"), None)
    if by is not None and any(v.is_punct(k) or v.tags[k] in _FINITE | {"VBG", "VBN", "WDT"} or
                              v.low[k] == "that" for k in range(last + 1, by)):
        by = None   # the agent may follow an adjunct: "were highlighted last year by"
    if source is not None and how in ("subject", "relative") and tag0 == "VBN" and \
            by is not None:
        k0 = source[1] + 1
        if any(v.low[k] in ("was", "were", "is", "are", "been", "be") for k in
               range(k0, first)):
            np = _np_right(v, by + 1)
            if np is not None:
                if how == "relative":
                    stimulus = row.resolved
                else:
                    patient = source
                source, how = np, "passive_agent"
                row.resolved = None
                after_start = np[1] + 1
    if source is not None and how in ("subject", "relative") and tag0 in _FINITE | {"VBN"} \
            and cue.lemma in _EXPERIENCER and last + 1 < v.n and \
            v.low[last + 1] not in ("by", "that", "to", "with", "about", "of"):
        # object-experiencer verbs (Levin 1993, 31.1 "amuse" verbs): in "the attacks
        # have alarmed her supporters" the supporters hold the attitude; what
        # alarmed them is the content
        np = _np_right(v, last + 1)
        if np is not None and v.tags[np[0]] not in ("IN", "TO") and not (
                np[1] + 1 < v.n and v.tags[np[1] + 1] in _FINITE | {"TO"}) and (
                tag0 != "VBN" or any(v.low[k] in ("has", "have", "had")
                                     for k in range(max(0, first - 3), first))):
            # not "observers worry it will ..." (a clause) nor "is convinced"
            stimulus = row.resolved or source
            source, how = np, "experiencer"
            row.resolved = None
            after_start = np[1] + 1
    if isinstance(source, tuple) and source and isinstance(source[0], int) and \
            source[0] == source[1] and v.low[source[0]] == "it" and tag0 == "VBN" and \
            any(v.low[k] in _BE for k in range(source[1] + 1, first)):
        source = None           # "It is claimed that ...": an agentless passive
        row.flags.add("agentless")
    if isinstance(source, tuple) and source and isinstance(source[0], int):
        a, b = source
        own = [k for k in v.tokens_in(cue.spans) if a <= k <= b]
        if own and own[0] > a:
            # "The minister in a statement said": the cue's frame is not the source
            cut = _trim(v, a, own[0] - 1)
            b = cut[1] if cut else a
            source = (a, b)
        row.source_head = _head(v, a, b)
        row.plural = v.tags[b] in ("NNS", "NNPS") or any(
            v.low[k] in ("and", ",") for k in range(a, b + 1)) or v.low[b] in _PLURAL_PRON
        row.source = (a, b)
        if how:
            row.flags.add(how)
    elif source == "copied":
        pass
    # ---- content
    lemma = cue.lemma.split()[0]
    k = _skip_right(v, after_start, lemma)
    while k < v.n and v.low[k] in ("'s", "as", "saying"):
        k += 1
    src_lo = source[0] if isinstance(source, tuple) and source and \
        isinstance(source[0], int) and not inverted else first
    # a comment clause ("As Trump put it, ...", "..., as one voter said."): the "as"
    # belongs to the cue's clause, not to the content (Quirk et al. 1985, 15.53)
    as_clause = 0 < src_lo < first and v.low[src_lo - 1] == "as"
    if as_clause:
        row.flags.add("as_clause")
    elif cue.lemma == "put it":
        return None                    # "put it" reports speech only as "as X put it"
    lim = src_lo - 2 if as_clause else src_lo - 1
    before = _trim(v, 0, lim) if lim >= 0 else None
    # 'X said, "..."', 'He added that, in Wisconsin, ...': a comma introduces the content
    if k + 1 < v.n and v.low[k] in (",", ":") and (
            v.is_quote(k + 1) or before is None or v.low[k - 1] == "that"):
        k += 1
    rest = _trim(v, k, v.n - 1) if k < v.n else None
    # content stops before a following ", saying/adding ..." or ", according to",
    # and before a verb phrase coordinated with the cue's own (", and accused
    # Number 10 of ...": the source's next act, Quirk et al. 1985 ch. 13)
    if rest is not None:
        for p in range(rest[0] + 1, rest[1] + 1):
            if v.low[p - 1] == "," and (v.tags[p] == "VBG" and p + 1 < v.n and
                                        v.low[p + 1] in ("that", "``", '"') or
                                        v.low[p] == "according"):
                rest = _trim(v, rest[0], p - 1)
                break
            if not inverted and v.low[p - 1] == "," and v.low[p] in ("and", "but") and \
                    p + 1 <= rest[1] and v.tags[p + 1] in ("VBD", "VBZ") and \
                    (v.tags[first] == v.tags[p + 1] or
                     (first > 0 and v.low[first - 1] == v.low[p + 1])) and \
                    not any(q.start < toks[p].start < q.end for q in quotes):
                # (or the cue's own auxiliary again: "has called X baseless, but has
                # not provided evidence")
                rest = _trim(v, rest[0], p - 2)
                break
    if rest is not None and before is not None and k < v.n and v.low[k] == "," and \
            v.tags[rest[0]] in ("VBG", "VBN"):
        rest = None  # '"...," X insisted, speaking on condition of anonymity.'
    crng = None
    # '"...," said Abu Mohammed, a resident of Aleppo' / ', 34, a teacher who fled' /
    # ', who asked not to be named': a non-restrictive modifier of the postposed
    # source, not a second half of the content (that is a verb phrase: "The town,
    # said the mayor, was taken")
    appositive = inverted and rest is not None and k < v.n and v.low[k] == "," and \
        not v.tags[rest[0]].startswith(("VB", "MD"))
    if before is not None and rest is not None and v.tags[before[1]] == "''" and \
            v.tags[rest[0]] == "``":
        # a quotation split by its cue: '"The town," said the mayor, "was taken."'
        # or '"The town," the mayor said, "was taken."'
        c1, k1, f1 = _content(v, before, quotes)
        c2, k2, f2 = _content(v, rest, quotes)
        row.content = c1 + c2
        row.kind = "direct" if k1 == k2 == "direct" else "mixed"
        row.flags |= f1 | f2 | {"split_quote"} | ({"postposed"} if inverted else set())
    elif inverted and before is not None and (rest is None or v.tags[rest[0]] in ("IN", "TO")
                                              or v.low[rest[0]] in (",", "``", "''")
                                              or appositive):
        crng, rest = before, None
        row.flags.add("postposed")
    elif before is not None and rest is not None and v.tags[before[1]] == "''" and \
            not any(v.tags[p] == "``" for p in range(rest[0], rest[1] + 1)) and (
                v.tags[rest[0]] in ("IN", "RB", "WRB") or
                not any(v.tags[p][:2] in ("VB", "MD") for p in range(rest[0], rest[1] + 1))):
        # '"...," Mr. X said in a follow-up interview.' / '..., he replied when asked'
        # / '..., a witness told the Guardian.': the quotation is the content, the
        # phrase after the cue its setting or addressee
        crng, rest = before, None
        row.flags.add("postposed")
    elif rest is not None and not (k < v.n and v.low[k] == ","):
        crng = rest
    elif rest is not None and before is not None and k < v.n and v.low[k] == "," and \
            v.tags[before[1]] == "''":
        # a closed quotation before the cue is the content; what follows the comma
        # is a modifier of the speaker: '"We have nothing left," she said, tears in
        # her eyes.'
        crng = before
        row.flags.add("postposed")
    elif rest is not None and before is not None and k < v.n and v.low[k] == ",":
        # parenthetical: "The town, he said, was taken."
        row.flags.add("parenthetical")
        c1, _, f1 = _content(v, before, quotes)
        c2, _, f2 = _content(v, rest, quotes)
        row.content = c1 + c2
        row.kind = "indirect"
        row.flags |= f1 | f2
    elif before is not None:
        crng = before
        row.flags.add("postposed")
    if not row.content and crng is None and cue.lemma in _NO_COMMENT:
        # "A spokeswoman declined to comment.": a refusal to speak reports no words;
        # the row stands (PolNeAR marks it: 31 of 31 on train) with no content
        row.flags.add("no_comment")
    elif not row.content and crng is None:
        row.content, row.kind, fl = _outside_sentence(v, quotes, doc_sents or {})
        row.flags |= fl
        if not row.content:
            return None
    elif not row.content:
        # a quotation that ends right before the cue may reach back past the sentence
        if "postposed" in row.flags:
            a, b = crng
            lead = [q for q in quotes if v.toks[b].end <= q.end <= v.toks[b].end + 1 and
                    q.start < v.toks[a].start + 1]
            if lead and lead[0].start < v.sent.start:
                row.content, row.kind = (_inner(lead[0], v.src),), "direct"
        if not row.content:
            row.content, row.kind, fl = _content(v, crng, quotes)
            row.flags |= fl
    if stimulus is not None and isinstance(stimulus[0], int):
        row.content, row.kind = (v.span(*stimulus),), "indirect"
    if patient is not None:
        row.content, row.kind = _passive_content(v, patient, after_start, row, quotes)
        row.flags.discard("parenthetical")
    if inverted and first == 0 and row.kind == "mixed" and isinstance(source, tuple):
        # 'Said Dorothy Poynter, who grew up with Ali, "We were all so proud."': the
        # quotation, not the relative clause on the speaker
        after_src = v.toks[source[1]].end
        q = next((q for q in quotes if after_src <= q.start < v.sent.end), None)
        if q is not None:
            row.content, row.kind = (_inner(q, v.src),), "direct"
    if clause_end is not None and row.kind != "direct":
        # the participial clause ends before the main clause that names the source
        row.content = tuple((s, min(e, clause_end)) for s, e in row.content if s < clause_end)
    if row.content and (row.content[0][0] < v.sent.start or row.content[-1][1] > v.sent.end):
        row.flags.add("multi_sentence")
    if not row.content and "no_comment" not in row.flags:
        return None
    if rest is not None and v.low[rest[0]] in ("not", "to") and any(
            v.low[p] in ("named", "identified") for p in range(rest[0], min(rest[1] + 1,
                                                                          rest[0] + 5))):
        return None  # "a nurse who asked not to be named" reports no content
    if not row.source and cue.lemma in _WEAK:
        return None
    if cue.negated and crng is not None and crng[1] - crng[0] < 1:
        return None  # "He did not say anything.": no reported content
    # weak verbs count only with a clausal or quoted complement
    if cue.lemma in _WEAK and row.kind == "indirect" and "postposed" not in row.flags \
            and rest is not None:
        h = rest[0]
        if cue.lemma in _TO_COMPLEMENT and v.tags[first] in ("VBD", "VBZ", "VBP") and \
                h + 1 <= rest[1] and v.low[h] == "to" and v.tags[h + 1] == "VB":
            pass  # "the campaign sought to portray her as ..." (precision 0.53 on train)
        elif not (v.low[k - 1] == "that" if k > 0 else False) and not (
                v.tags[h] in ("PRP", "DT", "NNP", "NNS", "EX", "WP", "WRB", "IN", "NN",
                              "NNPS", "JJ", "CD", "PRP$") and
                any(v.is_verb(p) for p in range(h + 1, min(rest[1] + 1, h + 8)))) and (
                cue.lemma in _PHYSICAL or gate("weak_np_object")):
            return None
    if row.source and isinstance(row.source[0], int):
        a, b = row.source
        row.source = (v.span(a, b),)
    elif row.source and not isinstance(row.source[0], tuple):
        row.source = ()
    if row.resolved is not None and isinstance(row.resolved[0], int):
        a, b = row.resolved
        row.resolved = (v.src[v.toks[a].start:v.toks[b].end],
                        [v.src[t.start:t.end] for t in v.toks[a:b + 1]],
                        [t.tag for t in v.toks[a:b + 1]], _head(v, a, b))
        row.source_head = row.resolved[3]
        row.plural = v.tags[b] in ("NNS", "NNPS") or any(
            v.low[k] in ("and", ",") for k in range(a, b + 1))
    return row


#: What lies between a source and a relative clause of it: ", who", " that", " which".
_RELATIVE_GAP = re.compile(r"\s*,?\s*(?:who|which|that)\b", re.I)
_AUX_TAIL = re.compile(r"\b(?:has|have|had|is|are|was|were|will|would|can|could|may|"
                       r"might|should|must|did|does|do|also|not|never|repeatedly|"
                       r"previously|since|already)$", re.I)


def _cut_at_other_rows(rows: list[_Row], text: str) -> None:
    """End a reported clause where another attribution of the sentence begins after a
    comma: "Lavrov acknowledged that X, the Interfax news agency quoted him as saying"
    (the content of "acknowledged" is X), "..., who deny Y, say Z"; and where the
    main verb of the clause whose subject holds the reported clause begins ("others
    who want to ban abortion said ...": the content of "want" ends before "said")."""
    for r in rows:
        if r.kind == "direct" or not r.content:
            continue
        cs, ce = r.content[-1]
        cut = ce
        for o in rows:
            if o is r:
                continue
            starts = [s for s, _ in tuple(o.cue) + tuple(o.source) if cs < s < ce]
            if not starts:
                continue
            if o.source and o.source[-1][1] <= r.cue[0][0] < o.cue[0][0] and \
                    cs < o.cue[0][0] < ce and _RELATIVE_GAP.match(
                        text, o.source[-1][1], r.cue[0][0]):
                # r sits in the subject of o ("others who want to ban abortion said
                # ..."): the relative clause ends where the main verb begins
                k = o.cue[0][0]
                while True:
                    while k > cs and (text[k - 1].isspace() or text[k - 1] in ",;\u2014"):
                        k -= 1
                    # and its auxiliaries: "Turkey, which backs the rebels, has denied"
                    m = _AUX_TAIL.search(text, cs, k)
                    if m is None or m.end() != k:
                        break
                    k = m.start()
                cut = min(cut, k)
            g = min(starts)
            k = g
            while k > cs and text[k - 1].isspace():
                k -= 1
            for conj in ("and", "but", "while", "whereas"):
                # "... called Trump a blowhard, and said ...": stop before the conjunction
                if text[max(cs, k - len(conj) - 1):k].lower() in (" " + conj, conj) and \
                        not text[k - len(conj) - 1:k - len(conj)].isalnum():
                    k -= len(conj)
                    while k > cs and text[k - 1].isspace():
                        k -= 1
                    if k > cs and text[k - 1] != ",":
                        cut = min(cut, k)
                    break
            if k > cs and text[k - 1] in ",;\u2014":
                k -= 1
                while k > cs and text[k - 1].isspace():
                    k -= 1
                cut = min(cut, k)
        if cut < ce:
            r.content = tuple(r.content[:-1]) + (((cs, cut),) if cut > cs else ())


# ", a claim rejected by rights groups": the writer's comment on the report, an
# appositive whose head is a noun for a statement; the report ends before it.
_COMMENT_APPOSITIVE = re.compile(
    r",\s+(?:a|an|the|which|something)\s+(?:(?:\w+\s+){0,2}?)(?:claim|charge|accusation|"
    r"allegation|assertion|statement|assessment|account|version|view|position|figure|"
    r"number|toll|estimate|prediction|promise|pledge|threat|warning|denial|"
    r"characterization|description|contention)s?\b", re.I)


def _cut_at_comment(rows: list[_Row], text: str) -> None:
    """End a reported clause before an appositive comment on it: "The ministry
    insisted that no civilians had been harmed*, a claim rejected by rights
    groups*" (content: "no civilians had been harmed")."""
    for r in rows:
        if r.kind == "direct" or not r.content:
            continue
        cs, ce = r.content[-1]
        m = _COMMENT_APPOSITIVE.search(text, cs, ce)
        if m is not None and m.start() > cs:
            r.content = tuple(r.content[:-1]) + ((cs, m.start()),)


#: Words before a finite verb that open a clause of its own inside a reported
#: clause (so that verb is not the main verb of the sentence).
_CLAUSE_OPENERS = frozenset({
    "who", "which", "that", "whom", "whose", "where", "when", "while", "because", "if",
    "since", "although", "though", "unless", "whether", "as", "after", "before", "until",
    "and", "or", "but", "nor", "what", "how", "why"})


def _finite_groups(v: _View, a: int, b: int) -> list[tuple[int, bool, bool]]:
    """Finite verb groups in tokens ``a..b``: ``(start, free, after_comma)``.

    A group is a finite verb (or modal) with the adverbs before it ("also has",
    "never was"). It is not *free* when a clause opener ("which", "because",
    "and") comes right before it: it heads a clause of its own. ``after_comma``:
    a comma comes right before it, and that comma does not close a relative
    clause opened inside the range ("the attack, which killed 12, *was* ...").
    """
    out = []
    inner = False
    k = a
    while k <= b:
        if v.low[k] in ("which", "who") and k - 1 >= a and v.low[k - 1] == ",":
            inner = True
        if v.tags[k] in _FINITE and not v.is_quote(k):
            g = k
            while g - 1 >= a and v.tags[g - 1] in ("RB", "RBR"):
                g -= 1
            free = not (g - 1 >= 0 and v.low[g - 1] in _CLAUSE_OPENERS)
            comma = g - 1 >= a and (v.low[g - 1] == "," or (
                v.tags[g - 1] == "''" and g - 2 >= a and v.low[g - 2] == ","))
            if comma and inner and free:
                comma = inner = False
            out.append((g, free, comma))
            while k + 1 <= b and v.tags[k + 1] not in _FINITE and (
                    v.tags[k + 1][:2] in ("VB", "RB") or v.low[k + 1] == "not"):
                k += 1
        k += 1
    return out


def _cut_relative_at_main_verb(rows: list[_Row], v: _View) -> None:
    """End the reported clause of a relative-clause cue where the main clause goes on.

    In "The ministry, which said the strike killed 12 people, gave no names" and
    "Rebels who said they had taken the town were seen on Sunday" the cue sits in
    a relative clause of the sentence's subject, so the sentence's main verb
    ("gave", "were seen") follows the reported clause and is not part of it. The
    test is structural: the source is a relative pronoun and no free finite verb
    comes before it (so its antecedent is the subject). A comma-delimited
    relative clause ends at the first comma followed by a free finite verb group
    ("which denied the charges*, gave* ..."); a restrictive one ends before the
    free finite group after the reported clause's own verb ("they had taken the
    town *were* seen"), or before the first one when the complement is
    infinitival ("who declined to discuss it *were* ..."). Groups are those of
    :func:`_finite_groups`.
    """
    for r in rows:
        if r.kind == "direct" or len(r.content) != 1 or not r.source or len(r.cue) != 1:
            continue
        s0 = r.source[0][0]
        rel = next((k for k in range(v.n) if v.toks[k].start == s0), None)
        if rel is None or v.low[rel] not in ("who", "which", "that") or \
                r.source[0][1] != v.toks[rel].end:
            continue    # "That person said ...": a determiner, not a relative pronoun
        if any(free for _, free, _ in _finite_groups(v, 0, rel - 1)):
            continue    # "It was the army that said ...": the antecedent is no subject
        cs, ce = r.content[0]
        ks = v.tokens_in(r.content)
        if not ks:
            continue
        a, b = ks[0], ks[-1]
        groups = [(g, c) for g, f, c in _finite_groups(v, a, b) if f and g > a]
        main = None
        if rel > 0 and v.low[rel - 1] == ",":
            main = next((g for g, c in groups if c), None)
        elif v.low[a] == "to" or v.tags[a] in ("VB", "VBG"):
            main = groups[0][0] if groups else None
        elif len(groups) > 1 and not groups[0][1]:
            main = groups[1][0]
        if main is None:
            continue
        end = main - 1
        while end >= a and (v.is_punct(end) or v.low[end] in ("and", "but")):
            end -= 1
        if end >= a:
            r.content = ((cs, v.toks[end].end),)


def _cut_at_coordinated_verb(rows: list[_Row], v: _View) -> None:
    """End a report before a verb phrase coordinated with the cue's own: "Democrats
    picked Clinton as their standard-bearer *and worked* to clear the field" (the
    content of "picked" is "Clinton as their standard-bearer"). The conjunct is
    "and"/"but" (after a comma or not) directly followed by a finite verb group,
    with no subject of its own; a coordinated verb inside the reported clause
    ("said prices rose and fell") has a finite verb before it in the report, so
    only a report with none is cut (an object or an infinitive, not a clause).
    """
    for r in rows:
        if r.kind == "direct" or len(r.content) != 1 or len(r.cue) != 1:
            continue
        cs, ce = r.content[0]
        ks = v.tokens_in(r.content)
        if len(ks) < 3 or v.toks[ks[0]].start < r.cue[0][1]:
            continue
        for k in ks[1:-1]:
            if v.tags[k] in _FINITE:
                break   # a clause: its own coordination stays
            if v.low[k] in ("and", "but"):
                g = k + 1
                while g < v.n and v.tags[g] in ("RB", "RBR"):
                    g += 1
                if g < v.n and v.tags[g] in ("VBD", "VBZ", "VBP", "MD"):
                    e = k - 1
                    while e > ks[0] and v.is_punct(e):
                        e -= 1
                    r.content = ((cs, v.toks[e].end),)
                break


# Between an outer cue and an embedded one: punctuation, or a subordinator of
# time or manner, means the second cue starts a clause of its own (", calling it
# ...", "as the host said", "when asked"), not one inside the report. "and",
# "if", "because" are left out: on PolNeAR train a cue after them alone is more
# often inside the earlier report ("said he heard X and specifically
# mentioned Y") than a cue of its own.
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2014\u2013]|\s-\s|--|\b(?:but|as|when|after|before|though)\b", re.I)


def _embedded_in(cue: tuple, parent_cue: tuple, parent_content: tuple, text: str) -> bool:
    """True when span tuple ``cue`` lies in ``parent_content`` after ``parent_cue``
    with no clause break (:data:`_CLAUSE_BREAK`) between the two cues.

    >>> t = "Interfax reported that Lavrov acknowledged it, calling it new."
    >>> rep, ack, call = ((9, 17),), ((30, 42),), ((47, 54),)
    >>> _embedded_in(ack, rep, ((18, 62),), t), _embedded_in(call, rep, ((18, 62),), t)
    (True, False)
    """
    if not cue or not parent_cue or parent_cue[-1][1] > cue[0][0]:
        return False
    return _within(cue, parent_content) and \
        not _CLAUSE_BREAK.search(text, parent_cue[-1][1], cue[0][0])


def _within(cue: tuple, spans: tuple) -> bool:
    """True when span tuple ``cue``, from its first start to its last end, lies in
    one of ``spans``."""
    return any(s <= cue[0][0] and cue[-1][1] <= e for s, e in spans)


def _mark_nested(rows: list[_RowDict], text: str) -> None:
    """Flag ``nested`` the rows whose cue sits in the reported clause of an earlier
    cue with no clause boundary between them: a report of a report ("Interfax
    reported that Lavrov *acknowledged* it", "officials said rebels *claimed*
    ..."). The row stays (the embedded speaker's words are still theirs); the flag
    lets an analysis tell second-hand speech apart, and lets a scorer follow an
    annotation scheme that gives each token to one attribution only (PolNeAR's
    "univocal" relations, Newell et al. 2018, mark no embedded attribution).
    A cue after punctuation or a subordinator (", calling it ...", "as the host
    said") starts a new clause and is not nested, even when the earlier report
    runs past it; but every cue in the content of an ``according to`` frame or
    of a poll's finding is, before or after it (:func:`_evidential_scope`)."""
    reports = [(o["content"][0][0], o["content"][-1][1], o) for o in rows
               if o["cue"] and o["content"]]
    for r in rows:
        if not r["cue"]:
            continue
        cs, ce = r["cue"][0][0], r["cue"][-1][1]
        if any(a <= cs and ce <= b and o is not r and (
                _evidential_scope(r["cue"], o) or
                _embedded_in(r["cue"], o["cue"], o["content"], text))
               for a, b, o in reports):
            r["flags"].add("nested")


def _evidential_scope(cue: tuple, parent: _RowDict) -> bool:
    """True when span tuple ``cue`` lies in the content of ``parent``, an
    ``according to`` report or the finding of a poll: the evidential frame scopes
    over its whole clause, wherever it stands, so a report inside it is
    second-hand ("According to the Post, the judge *said* ...", "The judge *said*
    ..., according to the Post", "A Post-ABC poll showed Clinton ahead, with 56
    percent of Americans *saying* ..."). On PolNeAR train (rows out of fold) 151
    other rows in a sentence with a correct "according to" row were not annotated
    and 22 were; in the content of a poll's finding (in sample) 14 and 2."""
    return (parent["kind"] == "according_to" or
            (parent["source_head"] or "").lower() in SURVEY_NOUNS) and \
        _within(cue, parent["content"])


_COLON_LABELS = frozenset({"latest", "note", "update", "remember", "results", "email",
                           "editor", "editor's", "related", "url", "photo", "video",
                           "watch", "read", "correction", "source", "via",
                           # rubrics and interjections of headlines ("BOOM: Trump ...",
                           # "Look: Man Spotted ...", "PREVIOUSLY: ...")
                           "look", "boom", "bombshell", "wow", "exclusive", "previously",
                           "hey", "breaking", "flashback", "listen", "alert", "developing",
                           "recap", "summary", "background", "context"})


_HEADLINE_PREPS = frozenset({"on", "to", "at", "about"})
_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _title_of(v: _View, j: int, j0: int) -> bool:
    """Whether token ``j`` is the "of" of a title inside a label ("Secretary of State
    John Kerry:", "Former secretary of state Hillary Rodham Clinton:")."""
    return v.low[j] == "of" and j0 < j < v.n - 1 and v.tags[j - 1][:2] == "NN" and \
        v.tags[j + 1][:2] == "NN" and v.low[j + 1] != "the"   # not "STAT OF THE WEEK:"


def _colon_label(v: _View, j0: int) -> tuple[int, int, int] | None:
    """``(colon, end, source_end)`` of a speaker label starting at token ``j0``.

    The label is a short NP (up to 7 tokens) ending in a proper noun, or one or two
    words; a party-and-state tag ("Rep. Trey Gowdy (R-S.C.):") or a headline
    preposition ("Clinton to Planned Parenthood:") may follow the name. ``end`` is
    the label's last word, ``source_end`` the source's (the tag included).
    """
    n = v.n
    j = j0
    while j < n and j < j0 + 7 and (v.tags[j] in _NP_INNER or v.low[j] in _NAME_PARTICLES or
                                    v.low[j] in ("-", ".") or _title_of(v, j, j0)) and \
            v.low[j] != ":":
        j += 1
    end = src_end = j - 1                  # last word of the speaker label / of the source
    if j < n and v.low[j] == "(" and j > j0 and v.tags[j - 1] in ("NNP", "NNPS"):
        # a party-and-state tag: "Rep. Trey Gowdy (R-S.C.):"
        k = next((k for k in range(j + 1, min(n, j + 8)) if v.low[k] == ")"), None)
        if k is not None:
            src_end, j = k, k + 1
    elif j < n and v.low[j] in _HEADLINE_PREPS and j > j0 and \
            v.tags[j - 1] in ("NNP", "NNPS"):
        # headline speaker + topic, addressee or venue: "CNN President On Trump: ...",
        # "Clinton to Planned Parenthood: ...", "Former AG Mukasey at RNC: ..."
        k = j + 1
        while k < n and k < j + 6 and (v.tags[k] in _NP_INNER or v.low[k] in _NAME_PARTICLES):
            k += 1
        if k < n and k > j + 1 and v.low[k] == ":":
            j = k
    if j == j0 or j >= n - 1 or v.low[j] != ":" or v.tags[end] not in _NOUN:
        return None
    if not (v.tags[end] in ("NNP", "NNPS") or end - j0 <= 1) or v.low[j0:j] == ["q"]:
        # a longer common-noun label is rarely a speaker; a short one is ("Poll:",
        # "Insiders:", "Clinton camp:", "A:"); transcript questions ("Q:") are not
        # attributed (precision below 0.5 on PolNeAR train)
        return None
    if any(w in _COLON_LABELS for w in v.low[j0:j]):
        return None
    return j, end, src_end


def _colon_row(v: _View, quotes: list[Quote]) -> _Row | None:
    """'Paul Ryan: FBI decision defies explanation' - a name, a colon, the words.

    Headline and interview-transcript convention (PolNeAR annotates the colon as
    the cue). Only an NP ending in a proper noun, or a label of one or two words
    ("Poll:", "Clinton camp:", the transcript answer "A:"), counts, and labels
    such as "Related article: ..." or "Update: ..." do not, nor does a list of
    names with no verb ("Iowa: Tim Albrecht, Brad Anderson, Rob Barron, ...").
    In a digest the label follows a headline and a dash, and then the words must
    be a quotation ("Pollsters agree - Carl Bialik: \u201cOne of the biggest ...\u201d").
    """
    n = v.n
    j0 = 0
    while j0 < n and v.is_quote(j0):       # a transcript turn inside a quotation: "PENCE: ...
        j0 += 1
    if j0 + 2 < n and v.src[v.toks[j0].start:v.toks[j0].end].isupper() and \
            v.low[j0 + 1] in _DASHES:
        j0 += 2                            # a rubric: "EXCLUSIVE \u2013 Roger Stone: ..."
    label = _colon_label(v, j0)
    if label is None:
        k = next((k for k in range(j0 + 1, min(n - 3, j0 + 40))
                  if v.low[k] in _DASHES or v.low[k] == ":"), None)
        if k is not None and v.low[k] != ":":
            j0 = k + 3 if v.low[k + 1:k + 3] == ["more", "from"] else k + 1
            label = _colon_label(v, j0)     # "More from Jones: ..." names Jones
            if label is not None and not v.is_quote(label[0] + 1):
                label = None
    if label is None:
        return None
    j, end, src_end = label
    last = n - 1
    if j0 > 0:
        # the turn ends with its quotation: '"Trump: You base ...?" tweeted Prince Alwaleed'
        opened = v.toks[j0 - 1].start
        q = next((q for q in quotes if q.start == opened and q.balanced), None)
        if q is not None:
            last = next((k - 1 for k in range(j + 1, n) if v.toks[k].end >= q.end), last)
    rng = _trim(v, j + 1, last)
    if rng is None or rng[1] - rng[0] < 2:
        return None
    span = range(rng[0], rng[1] + 1)
    if sum(v.low[k] == "," for k in span) >= 3 and not any(v.is_verb(k) for k in span):
        return None     # a roster, not words: "Iowa: Tim Albrecht, Brad Anderson, ..."
    row = _Row(v.sent.paragraph, v.sent.index, (v.span(j, j),), ":", "neutral")
    row.source = (v.span(j0, src_end),)
    row.source_head = _head(v, j0, end)
    row.content, row.kind, fl = _content(v, rng, quotes)
    after = v.toks[rng[0]].start
    row.content = tuple((max(s, after), e) for s, e in row.content if e > after)
    row.flags |= fl | {"colon"}
    return row


_CLOSING_QUOTES = "\"\u201d\u2019'"
_OPENING_QUOTES = "\"\u201c\u2018"
_BYLINE_RE = re.compile(r"[ \t\u00a0]*(?:\n[ \t\u00a0]*){0,2}(--|[-\u2013\u2014\u2015])[ \u00a0]?")
_TWEET_SIGNATURE = re.compile(r"\s*\(@\w+\)")


def _byline_name(text: str, i: int) -> tuple[int, int] | None:
    """Span of a capitalised name starting at ``i`` ("Pamela Padilla", "President
    Obama", "Sahil Kapur"), up to six words, ending where the byline does: at a comma,
    full stop, parenthesis, line end, opening quotation mark or the end of the text."""
    k, end, words = i, None, 0
    n = len(text)
    while k < n and words < 6:
        m = k
        while m < n and not text[m].isspace() and text[m] not in ",()" + _OPENING_QUOTES:
            m += 1
        word = text[k:m].rstrip(".")
        if not word or not (word[0].isupper() or word.lower() in _NAME_PARTICLES) or \
                not all(c.isalpha() or c in ".'\u2019-" for c in word):
            break
        end, words = k + len(word), words + 1
        if text[k:m].endswith(".") and len(word) > 2:   # "Sanders." ends it; "A." does not
            k = m
            break
        k = m
        while k < n and text[k] in " \u00a0":
            k += 1
        if k < n and (text[k] in "\n,()" + _OPENING_QUOTES):
            break
    if end is None:
        return None
    rest = text[end:end + 2]
    if rest and rest[0] not in ",.(\n \u00a0" + _OPENING_QUOTES:
        return None
    tail = text[end:].lstrip(" \u00a0.")
    if tail and tail[0].islower():        # "-- and Fred Goldberg": a sentence goes on
        return None
    return (i, end)


def _byline_rows(doc: ProcessedDoc, segment: str, text: str, quotes: list[Quote],
                 rows: list[_RowDict], kinds=None) -> list[_RowDict]:
    """Quotations signed with a dash: '"We need law and order." \u2015 Sonya Herridge'.

    The typographic *byline* or *signature* convention of testimonials, epigraphs,
    letters and embedded tweets: a quotation (or a tweet's text) is followed, on the
    same line or the next paragraph, by a dash and the speaker's name. PolNeAR marks
    the dash as the cue (Newell et al. 2018). A tweet signature ("... \u2014 Paul Ryan
    (@SpeakerRyan) July 5, 2016") has no quotation marks; its content is the line
    before the dash. Quotations already given a speaker by a verb cue are skipped.
    """
    out: list[_RowDict] = []
    claimed = [c for r in rows if r["cue"] for c in r["content"]]

    def add(cue, name, content, kind, flag):
        if any(cs < content[1] and content[0] < ce and
               (min(ce, content[1]) - max(cs, content[0])) * 2 > content[1] - content[0]
               for cs, ce in claimed):
            return
        if segment == "body":
            sent = doc.sentence_at(cue[0])
            para = sent.paragraph if sent else next(
                (k for k, (ps, pe) in enumerate(doc.paragraphs) if ps <= cue[0] <= pe), -1)
        else:
            sent = next((x for x in doc.title_sentences if x.start <= cue[0] < x.end), None)
            para = 0
        toks = [t for t in (sent.tokens if sent else ()) if name[0] <= t.start < name[1]]
        words = [text[t.start:t.end] for t in toks]
        out.append(_RowDict(
            segment=segment, paragraph=para, sentence=sent.index if sent else -1,
            cue=(cue,), cue_lemma="\u2014", verb_class="neutral",
            source=(name,), source_text=text[name[0]:name[1]],
            source_head=words[-1] if words else text[name[0]:name[1]],
            source_kind=_source_kind(words, [t.tag for t in toks], kinds) if toks else "person",
            source_resolved=None, content=(content,), kind=kind,
            flags={"byline", flag}, plural=False))
        claimed.append(content)

    for q in quotes:
        m = _BYLINE_RE.match(text, q.end)
        if m is None or q.end == 0 or text[q.end - 1] not in _CLOSING_QUOTES:
            continue
        name = _byline_name(text, m.end())
        if name is None:
            continue
        content = _inner(q, text)
        if content[1] > content[0]:
            add(m.span(1), name, content, "direct", "quote_byline")
    for m in re.finditer(r" (--|[\u2014\u2015]) ", text):
        name = _byline_name(text, m.end())
        if name is None or not _TWEET_SIGNATURE.match(text, name[1]):
            continue
        ls = max(text.rfind("\n", 0, m.start()), text.rfind(">", 0, m.start())) + 1
        content = (ls, m.start())
        if content[1] - content[0] > 10:
            add(m.span(1), name, content, "direct", "tweet")
    return out


# --------------------------------------------------------------------------- kinds




# --------------------------------------------------------------------------- stages 2-3


def _floating(rows: list[_RowDict], doc: ProcessedDoc, quotes: list[Quote], text: str
              ) -> list[_RowDict]:
    """Quote-led paragraphs without a cue, attributed to the previous speaker."""
    if not rows:
        return []
    rows_sorted = sorted(rows, key=lambda r: r["cue"][0][0] if r["cue"] else 0)
    cue_paras = {r["paragraph"] for r in rows}
    out: list[_RowDict] = []
    last_by_para: dict[int, _RowDict] = {}
    for r in rows_sorted:
        last_by_para[r["paragraph"]] = r
    prev_speaker = None
    for pi, (ps, pe) in enumerate(doc.paragraphs):
        if pi in last_by_para:
            prev_speaker = last_by_para[pi]
            continue
        qs = [q for q in quotes if q.start == ps]
        if not qs or prev_speaker is None or pi in cue_paras:
            prev_speaker = None
            continue
        q = qs[0]
        if any(s < q.end and q.start < e for r in rows for s, e in r["content"]):
            continue
        if not prev_speaker["source"] or prev_speaker["paragraph"] < pi - 3:
            prev_speaker = None
            continue
        s0, e0 = _inner(q, text)
        sent = doc.sentence_at(q.start)
        fl = {"floating"} | ({"unbalanced_quotes"} if not q.balanced else set())
        if q.end > (sent.end if sent else q.end):
            fl.add("multi_sentence")
        new = dict(prev_speaker, paragraph=pi, sentence=sent.index if sent else -1, cue=(),
                   cue_lemma="", verb_class="", content=((s0, e0),), kind="direct",
                   flags=fl)
        out.append(new)
        prev_speaker = dict(new, paragraph=pi)
    return out


def _continue_quotes(rows: list[_RowDict], doc: ProcessedDoc, quotes: list[Quote],
                     text: str) -> None:
    """Extend a quoted speaker's content over the quote-only sentences that follow
    in the same paragraph.

    '"We have nothing left," she said. "Our house is gone."': the second quotation
    has no cue of its own and continues her turn, so it joins her attribution as a
    second content span (flag ``continued``): one attribution per speaking turn, as
    PolNeAR annotates it (1,177 of 1,179 such quotations on train lie in the content
    of the relation before them). A sentence qualifies when a quotation opens it and
    closes at its end, it has no row of its own and no row holds the quotation;
    later quote-only sentences chain on. Across paragraphs the same case is a
    floating quotation (:func:`_floating`), a row of its own.
    """
    by_sent = {r["sentence"] for r in rows}
    held = [(s, e) for r in rows for s, e in r["content"]]
    starts = {q.start: q for q in quotes}
    for r in sorted(rows, key=lambda r: r["sentence"]):
        if r["kind"] not in ("direct", "mixed") or not r["source"] or not r["cue"] or \
                r["sentence"] < 0:
            continue
        k = r["sentence"] + 1
        while k < len(doc.sentences) and k not in by_sent:
            sent = doc.sentences[k]
            q = starts.get(sent.start)
            if sent.paragraph != r["paragraph"] or q is None or q.end < sent.end - 1 or \
                    any(s < q.end and q.start < e for s, e in held):
                break
            span = _inner(q, text)
            r["content"] = tuple(r["content"]) + (span,)
            r["flags"] = set(r["flags"]) | {"continued", "multi_sentence"} | (
                set() if q.balanced else {"unbalanced_quotes"})
            held.append(span)
            by_sent.add(k)
            k += 1


#: Words that mark a person source's gender: lower-case nouns and the titles, so the
#: surnames King or Son never count. "he" never resolves to "a spokeswoman" or
#: "Mrs. Clinton", "she" never to "Mr. Trump".
_FEMININE = frozenset({"woman", "mother", "wife", "daughter", "sister", "girl", "Mrs",
                       "Ms", "grandmother", "widow", "actress", "lady", "congresswoman",
                       "spokeswoman", "businesswoman", "chairwoman", "queen", "princess",
                       "Madam"})
_MASCULINE = frozenset({"man", "father", "husband", "son", "brother", "boy", "Mr",
                        "grandfather", "widower", "congressman", "businessman", "king",
                        "prince", "Sir"})
_GENDER_WORD = re.compile(r"[A-Za-z]+")


def _compatible(pron: str, r: _RowDict) -> bool:
    """Whether pronoun ``pron`` (personal form) agrees in number and in person vs.
    non-person with row ``r``'s source (from its source kind)."""
    kind = r["source_kind"]
    if pron in _PERSON_SINGULAR:
        return kind in ("person", "official", "anonymous") and not r["plural"]
    if pron in _PLURAL_PRON:
        return r["plural"] or kind in ("collective", "institution", "media")
    if pron == "it":
        return not r["plural"] and kind in ("institution", "media", "other")
    return True


def _gender_clash(pron: str, r: _RowDict) -> bool:
    """Whether row ``r``'s source names the other gender than ``pron`` does.

    >>> row = {"source_text": "Mrs. Clinton", "source_resolved": None}
    >>> _gender_clash("she", row), _gender_clash("he", row)
    (False, True)
    """
    clash = _FEMININE if pron in ("he", "him") else \
        _MASCULINE if pron in ("she", "her") else frozenset()
    words = _GENDER_WORD.findall(r.get("source_resolved") or r["source_text"] or "")
    return any(w in clash for w in words)


#: Possessive determiners as sources ("*his* criticism of the deal", "*its* denial of
#: the strikes") resolve like the personal pronoun of the same person and number.
_POSSESSIVE_AS = {"his": "he", "her": "she", "its": "it", "their": "they", "our": "we",
                  "my": "i", "your": "you"}


def _source_pronoun(r: _RowDict) -> str:
    """Row ``r``'s source text, lower-cased, a possessive as its personal pronoun
    ("Its" -> "it"); a pronoun source is then one of :data:`_PRONOUNS`."""
    txt = (r["source_text"] or "").lower()
    return _POSSESSIVE_AS.get(txt, txt)


def _resolve_pronouns(rows: list[_RowDict]) -> None:
    """Resolve pronoun sources to the nearest earlier compatible source, in place.

    Compatible means the same number and person vs. non-person; a "he" or "she"
    whose nearest person source names the other gender ("a spokeswoman", "Mr. Trump")
    stays unresolved. A possessive source resolves as its personal pronoun does
    ("Moscow repeated *its* denial of the strikes": "its" is Moscow).
    """
    done: list[_RowDict] = []
    for r in sorted(rows, key=lambda r: (r["content"][0][0] if not r["cue"] else
                                         r["cue"][0][0])):
        txt = _source_pronoun(r)
        if txt in _PRONOUNS and not r.get("source_resolved"):
            for prev in reversed(done):
                cand = prev.get("source_resolved") or (
                    prev["source_text"] if _source_pronoun(prev) not in _PRONOUNS else None)
                if cand and _compatible(txt, prev):
                    if _gender_clash(txt, prev):
                        # the nearest person source is of the other gender: the antecedent
                        # is someone who is no source here, so no guess
                        r["flags"] = set(r["flags"]) | {"pronoun_unresolved"}
                        break
                    r["source_resolved"] = cand
                    r["flags"] = set(r["flags"]) | {"pronoun_resolved"}
                    if prev["source_kind"] and txt not in ("it",):
                        r["source_kind"] = prev["source_kind"]
                    break
            else:
                r["flags"] = set(r["flags"]) | {"pronoun_unresolved"}
        if r["source"]:
            done.append(r)


# --------------------------------------------------------------------------- public API


def _segment_quotes(doc: ProcessedDoc, segment: str, text: str) -> list[Quote]:
    """Quotations of one segment: the pipeline's for the body, found the same way
    (:func:`~toolkit.text.find_quotes`) for the title."""
    return list(doc.quotes) if segment == "body" else find_quotes(text)


def _with_attitude_cues(doc: ProcessedDoc, sent: Sentence, cues: list[Cue], text: str,
                        segment: str) -> tuple[list[Cue], frozenset]:
    """``cues`` plus the attitude cues of the sentence (:func:`find_attitude_cues`).

    An attitude cue replaces a bare nominal cue on the same noun ("concerns" ->
    "concerns about"); tokens of other cues are not reused.
    """
    toks = sent.tokens
    taken, bare = set(), {}
    for c in cues:
        if c.kind == "nominal":
            bare[c.head] = c
            continue
        for s, e in c.spans:
            taken.update(k for k, t in enumerate(toks) if s <= t.start < e)
    new = find_attitude_cues(doc, sent, taken=frozenset(taken), segment=segment)
    taken.update(c.head for c in new)
    new += find_headline_verbs(doc, sent, taken=frozenset(taken | set(bare)),
                               segment=segment)
    if not new:
        return cues, frozenset()
    replaced = {bare[c.head] for c in new if c.head in bare}
    out = [c for c in cues if c not in replaced] + new
    out.sort(key=lambda c: c.start)
    return out, frozenset(new)


def _physical_verbs() -> dict[str, frozenset[str]]:
    """``{lemma: particles}`` of ``toolkit/lexicons/physical_verbs.csv``.

    A verb of physical action from the cue model's extra forms is a cue candidate
    only before one of its particles ("fired back", "pushed for"); see the
    lexicons README.
    """
    return derived(_physical_table, cached_lexicon("physical_verbs"))


def _physical_table(lex: Lexicon) -> dict[str, frozenset[str]]:
    return {r["lemma"]: frozenset(r["particles"].split()) for r in lex.rows}


def _extra_classes() -> dict[str, str]:
    """``{lemma: verb class}`` of ``toolkit/lexicons/extra_cue_classes.csv``.

    The cue model's extra lemmas are not in the cue lexicon, so their stance class
    comes from this file ("wants" -> cognition, "trashed" -> accusatory); a lemma it
    does not list (after a retrain) is ``neutral``.
    """
    return derived(_extra_class_table, cached_lexicon("extra_cue_classes"))


def _extra_class_table(lex: Lexicon) -> dict[str, str]:
    """``{lemma: class}``; a class outside the seven of ``cues.VERB_CLASSES`` is an
    error naming the file and line."""
    from ..errors import CorpusError
    from .cues import VERB_CLASSES

    out = {}
    for i, r in enumerate(lex.rows):
        if r["class"] not in VERB_CLASSES:
            raise CorpusError(f"class {r['class']!r} is not one of {', '.join(VERB_CLASSES)}",
                              path=lex.path, line=lex.line(i), field="class")
        out[r["lemma"]] = r["class"]
    return out


def _extra_cues(v: _View, cues: list[Cue], model: dict) -> list[Cue]:
    """Cues from the model's extra word forms ("supports", "backed") not in ``cues``."""
    extra = model.get("extra") or {}
    physical, classes = _physical_verbs(), _extra_classes()
    used = {k for c in cues for k in v.tokens_in(c.spans)}
    out = []
    for i in range(v.n):
        if i in used:
            continue
        lemma = extra.get(f"{v.low[i]}/{v.tags[i][:1]}")
        if lemma is None:
            continue
        particles = physical.get(lemma) if v.tags[i][:1] == "V" else None
        if particles is not None and (i + 1 >= v.n or v.low[i + 1] not in particles):
            continue    # "Jets struck the town": literal, not "struck back"
        neg = False
        for j in range(i - 1, max(-1, i - 4), -1):
            if v.is_punct(j):
                break
            if v.low[j] in _NEGATORS:
                neg = True
                break
        kind = "verb" if v.tags[i][:1] == "V" else "nominal"
        cls = classes.get(lemma, "neutral")
        out.append(Cue(((v.toks[i].start, v.toks[i].end),), lemma, cls, kind, i, neg))
    return out


def _segment_rows(doc: ProcessedDoc, segment: str, text: str,
                  sentences: tuple[Sentence, ...], quotes: list[Quote], lexicon,
                  model: dict | None = None, collect: list | None = None,
                  kinds=None) -> list[_RowDict]:
    rows: list[_RowDict] = []
    sents_by_index = {s.index: s for s in sentences}
    for sent in sentences:
        cues = find_cues(doc, sent, lexicon=lexicon, segment=segment)
        attitude: frozenset = frozenset()
        if model is not None:
            cues, attitude = _with_attitude_cues(doc, sent, cues, text, segment)
        n_lex = len(cues)
        v = _View(sent, text)
        if model is not None:
            cues = cues + _extra_cues(v, cues, model)
        colon = _colon_row(v, quotes)
        if colon is not None and any(
                c.kind == "verb" and any(s <= c.start < e for s, e in colon.source)
                for c in cues):
            colon = None    # 'Said Ellis: "..."': the label is an inverted cue and speaker
        if colon is not None:
            # the words after "CLINTON:" are hers; cues inside them are not the writer's
            said_to = colon.content[-1][1] if colon.content else v.toks[-1].end
            cues, sent_rows = [c for c in cues if c.spans[0][0] >= said_to], [colon]
        elif not cues:
            continue
        else:
            sent_rows: list[_Row] = []
        for k, cue in enumerate(cues):
            r = _attr_from_cue(v, cue, quotes, sent_rows, sent.paragraph, sents_by_index,
                               lexicon, soft=model is not None)
            if r is None:
                continue
            if cue in attitude:
                r.flags.add("attitude" if cue.kind != "verb" else "headline_verb")
            if model is not None:
                # the cue model keeps or drops lexicon cues and extra-form cues alike
                feats = _cue_model.features(v, cue, r, quotes, k >= n_lex, cues)
                if collect is not None:
                    collect.append((segment, tuple(r.cue), feats))
                elif _cue_model.probability(model, feats) < model["threshold"]:
                    continue
            sent_rows.append(r)
        if len(sent_rows) > 1:
            _cut_at_other_rows(sent_rows, text)
        _cut_at_comment(sent_rows, text)
        _cut_relative_at_main_verb(sent_rows, v)
        _cut_at_coordinated_verb(sent_rows, v)
        for r in sent_rows:
            src_words, src_tags = [], []
            for s, e in r.source:
                for t in sent.tokens:
                    if s <= t.start and t.end <= e:
                        src_words.append(text[t.start:t.end])
                        src_tags.append(t.tag)
            resolved = None
            if r.resolved is not None and isinstance(r.resolved[0], str):
                resolved, src_words, src_tags = r.resolved[0], r.resolved[1], r.resolved[2]
            rows.append(_RowDict(
                segment=segment, paragraph=r.paragraph, sentence=r.sentence,
                cue=tuple(r.cue), cue_lemma=r.cue_lemma, verb_class=r.verb_class,
                source=tuple(r.source),
                source_text=" ".join(text[s:e] for s, e in r.source),
                source_head=r.source_head if r.source else None,
                source_kind=_source_kind(src_words, src_tags, kinds) if r.source else None,
                source_resolved=resolved, content=tuple(r.content), kind=r.kind,
                flags=set(r.flags), plural=r.plural))
    rows += _byline_rows(doc, segment, text, quotes, rows, kinds)
    if segment == "body":
        _continue_quotes(rows, doc, quotes, text)
        rows += _floating(rows, doc, quotes, text)
    _resolve_pronouns(rows)
    _mark_nested(rows, text)
    return rows


def _doc_rows(doc: ProcessedDoc, model: dict | None, *, lexicon=None, kinds=None,
              collect: list | None = None) -> Iterator[tuple[str, str, list[_RowDict]]]:
    """``(segment, text, rows)`` for the title and the body of ``doc``.

    ``model`` is the cue model (None: lexicon rules only); with ``collect`` the
    candidates are appended to it instead of being filtered (training), one segment
    at a time, so a caller may read and clear it after each yield.
    """
    for segment, text, sentences in doc.segments():
        quotes = _segment_quotes(doc, segment, text)
        yield segment, text, _segment_rows(doc, segment, text, sentences, quotes, lexicon,
                                           model, collect, kinds)


def iter_attributions(doc: ProcessedDoc, *, lexicon=None, codebook=None,
                      source_kinds=None) -> Iterator[Attribution]:
    """Attribution relations of one document, title first, then body in text order.

    Parameters
    ----------
    doc : ProcessedDoc
        Output of :func:`toolkit.text.process`.
    lexicon : Lexicon, path or None
        Cue lexicon (default: the packaged ``reporting_verbs``).
    codebook : Codebook or None
        Maps the (resolved) source text to an actor; ``actor`` is None without one.
    source_kinds : Lexicon, path or None
        Word lists for ``source_kind`` (default: the packaged
        ``source_kind_words.csv``; a study's own file extends or replaces them).

    Yields
    ------
    Attribution

    Raises
    ------
    DocumentError
        When the document's structure is inconsistent (offsets outside the text).
    """
    if not isinstance(doc, ProcessedDoc):
        raise DocumentError(getattr(doc, "doc_id", "?"), "attribution",
                            f"expected a ProcessedDoc, got {type(doc).__name__}")
    if doc.sentences and doc.sentences[-1].end > len(doc.text):
        raise DocumentError(doc.doc_id, "attribution",
                            "sentence offsets run past the end of the text; re-process it")
    model = _cue_model.load_model() if lexicon is None else None
    for segment, text, rows in _doc_rows(doc, model, lexicon=lexicon, kinds=source_kinds):
        rows.sort(key=lambda r: (r["sentence"], (r["cue"] or r["content"])[0][0]))
        for r in rows:
            who = r["source_resolved"] or r["source_text"]
            actor = codebook.resolve(who) if (codebook is not None and who) else None
            yield Attribution(
                doc.doc_id, segment, r["paragraph"], r["sentence"], r["cue"],
                " ".join(text[s:e] for s, e in r["cue"]), r["cue_lemma"], r["verb_class"],
                r["source"], r["source_text"], r["source_head"], r["source_kind"],
                r["source_resolved"], actor, r["content"],
                " ".join(text[s:e] for s, e in r["content"]), r["kind"],
                frozenset(r["flags"]))


def extract(docs: Iterable[ProcessedDoc] | ProcessedDoc, *, lexicon=None, codebook=None,
            source_kinds=None) -> pd.DataFrame:
    """The attributions table of many documents (columns :data:`COLUMNS`).

    >>> from toolkit.text import process
    >>> t = extract([process("Residents said the town fell.", doc_id="a")])
    >>> t[["source_text", "cue_text", "content_text", "kind"]].values.tolist()
    [['Residents', 'said', 'the town fell', 'indirect']]
    """
    if isinstance(docs, ProcessedDoc):
        docs = [docs]
    rows = [a.as_dict() for d in docs
            for a in iter_attributions(d, lexicon=lexicon, codebook=codebook,
                                       source_kinds=source_kinds)]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    return pd.DataFrame(rows, columns=list(COLUMNS))


extract_attributions = extract


def json_rows(doc: ProcessedDoc, *, codebook=None, lexicon=None,
              source_kinds=None) -> Iterator[dict]:
    """The objects ``mbt extract attribution`` prints (without ``doc``)."""
    for a in iter_attributions(doc, lexicon=lexicon, codebook=codebook,
                               source_kinds=source_kinds):
        d = a.as_dict()
        d.pop("doc_id")
        yield d


def article_measures(table: pd.DataFrame) -> pd.DataFrame:
    """One row per ``doc_id``: counts and shares of attribution behaviour.

    Columns: ``attribution_n``, ``attribution_direct_share``,
    ``attribution_anonymous_share``, ``attribution_class_<class>_share`` for every
    verb class, and ``attribution_voice_<actor>`` (share of voice: the share of
    the article's attributions whose source resolves to the actor).

    >>> t = pd.DataFrame({"doc_id": ["a", "a"], "kind": ["direct", "indirect"],
    ...                   "source_kind": ["person", "anonymous"],
    ...                   "verb_class": ["neutral", "denial"], "actor": ["Russia", None]})
    >>> m = article_measures(t)
    >>> row = m.iloc[0]
    >>> int(row.attribution_n), float(row.attribution_direct_share), float(row.attribution_voice_Russia)
    (2, 0.5, 0.5)
    """
    from .cues import VERB_CLASSES

    out = []
    for doc_id, g in table.groupby("doc_id", sort=True):
        n = len(g)
        rec = {"doc_id": doc_id, "attribution_n": n,
               "attribution_direct_share": float((g["kind"] == "direct").mean()),
               "attribution_anonymous_share": float((g["source_kind"] == "anonymous").mean())}
        for c in VERB_CLASSES:
            rec[f"attribution_class_{c}_share"] = float((g["verb_class"] == c).mean())
        for actor, cnt in g["actor"].dropna().value_counts().items():
            rec[f"attribution_voice_{actor}"] = cnt / n
        out.append(rec)
    df = pd.DataFrame(out)
    voice = sorted(c for c in df.columns if c.startswith("attribution_voice_"))
    if voice:
        df[voice] = df[voice].fillna(0.0)
    return df


def unresolved_sources(table: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Source texts with no actor, by frequency (to grow a codebook).

    >>> t = pd.DataFrame({"source_text": ["residents", "Residents", "Moscow"],
    ...                   "source_resolved": [None, None, None],
    ...                   "actor": [None, None, "Russia"], "content_text": ["a", "b", "c"]})
    >>> unresolved_sources(t).values.tolist()
    [['residents', 2, 'a']]
    """
    from ..actors import unresolved

    def val(x):
        return None if x is None or (isinstance(x, float) and math.isnan(x)) else x

    rows = []
    for r in table.to_dict("records"):
        rows.append({"text": val(r.get("source_resolved")) or val(r.get("source_text")),
                     "actor": val(r.get("actor")), "example": val(r.get("content_text"))})
    found = unresolved(rows, example_key="example", top=top)
    return pd.DataFrame(found, columns=["text", "count", "example"])
