"""Word classes and shallow grammar for :mod:`toolkit.features.denials`.

No parser: noun phrases, subjects and content clauses are found from Penn tags by
walking left and right from a cue, the way quotation extractors such as Citron
(Newell et al. 2018) and GGT's rules do. Each helper works on one sentence's
:class:`_Tok` list and returns token indices.

>>> from toolkit.text import process
>>> doc = process("Moscow and Damascus, who deny the reports, say they fight militants.")
>>> toks = _tokens(doc.text, doc.sentences[0])
>>> a, b = _subject(toks, 5)
>>> doc.text[toks[a].start:toks[b - 1].end], [doc.text[s:e] for s, e in _conjuncts(toks, a, b)]
('Moscow and Damascus', ['Moscow', 'Damascus'])
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import Sentence, lemmatize

Span = tuple[int, int]

# Objects that are speech acts, reports or imputed acts: what one can deny.
ACCUSATION_NOUNS = frozenset([
    "accusation", "allegation", "claim", "charge", "report", "reporting", "story",
    "account", "rumour", "rumor", "suggestion", "assertion", "contention",
    "insinuation", "criticism", "characterization", "characterisation", "depiction",
    "portrayal", "version", "narrative", "finding", "conclusion", "responsibility",
    "involvement", "wrongdoing", "role", "knowledge", "link", "tie", "connection",
    "complicity", "culpability", "existence", "presence", "participation", "guilt",
    "blame", "speculation", "assessment", "statement", "toll", "evidence", "footage",
    "video"
])
# Disputing a number is a minimisation: "a figure Caldera disputes", "disputed the toll".
NUMBER_NOUNS = frozenset(["figure", "toll", "number", "estimate", "count", "tally"])
# Count as denied content only with a that-clause: "rejected the notion that ..."
PROPOSITION_NOUNS = frozenset(["idea", "notion", "premise", "theory", "view"])
# Withheld goods: "deny X access", "denied service", "deny the nomination".
WITHHOLD_NOUNS = frozenset([
    "protection", "coverage", "access", "entry", "permission", "visa", "bail", "parole",
    "service", "status", "benefit", "right", "vote", "nomination", "ability", "chance",
    "opportunity", "victory", "win", "majority", "landslide", "seat", "funding", "fund",
    "care", "treatment", "application", "passage", "approval", "assignment", "spot",
    "request", "license", "licence", "permit", "hearing", "pardon", "citizenship",
    "asylum", "aid", "oxygen", "food", "water", "supply", "medicine", "passport",
    "loan", "tenure", "promotion", "boost"
])
FABRICATION = frozenset([
    "lie", "lies", "fabricated", "fabrication", "fabrications", "false", "baseless",
    "unfounded", "groundless", "untrue", "propaganda", "fake", "nonsense", "ridiculous",
    "absurd", "hoax", "smear", "fiction", "lying", "slander", "libel", "misinformation",
    "disinformation"
])
_AUX = frozenset([
    "has", "have", "had", "having", "is", "are", "was", "were", "be", "been", "being",
    "am", "do", "does", "did", "also", "again", "previously", "repeatedly", "swiftly",
    "strongly", "flatly", "vehemently", "emphatically", "categorically", "quickly",
    "immediately", "however", "further", "firmly", "publicly", "consistently",
    "adamantly", "angrily", "always", "long", "since", "already", "later", "earlier",
    "then", "still", "now", "outright", "officially", "formally", "initially"
])
_NEG = frozenset({"not", "n't", "never", "nor", "neither", "no", "nobody", "none",
                  "without", "hardly"})
_HEDGE_BEFORE = frozenset({"refuse", "decline", "fail", "stop", "hesitate", "avoid",
                           "could", "might", "may", "would", "should"})
_MODALS = frozenset({"could", "might", "may", "would", "should", "can"})
_MONTHS = frozenset([
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december"
])
_DAYS = frozenset([
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "today", "yesterday"
])
_SAY = frozenset([
    "say", "tell", "state", "add", "insist", "claim", "report", "allege", "accuse",
    "blame", "charge", "argue", "assert", "maintain", "contend", "write", "announce",
    "confirm", "note"
])
_ARABIC_NAME = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az|abu|bin|ibn)-[A-Z]", re.IGNORECASE)
_CONTENT_STOP = frozenset({",", ";", ":", "--", "\u2014", "\u2013", "(", ")"})
_STOP_VBG = frozenset([
    "saying", "insisting", "adding", "calling", "telling", "arguing", "claiming",
    "describing", "accusing", "blaming", "noting", "stressing", "suggesting",
    "contradicting"
])
# Things that "refute" or "reject" without being a party that denies: reports, courts, laws.
INANIMATE = frozenset([
    "report", "finding", "study", "investigation", "inquiry", "probe", "memo",
    "document", "evidence", "data", "analysis", "poll", "survey", "ruling", "court",
    "judge", "law", "bill", "rule", "policy", "record", "video", "footage", "book",
    "conclusion", "review", "audit"
])

@dataclass(frozen=True, slots=True)
class _Tok:
    i: int
    start: int
    end: int
    word: str      # lower-cased, curly apostrophe normalised
    tag: str
    lemma: str


# --------------------------------------------------------------------------- lexicon


def _tokens(src: str, sent: Sentence) -> list[_Tok]:
    out = []
    for i, t in enumerate(sent.tokens):
        raw = src[t.start:t.end]
        w = raw.lower().replace("\u2019", "'")
        tag = t.tag
        # the tagger calls Arabic names "JJ" ("al-Rahman", "al-Assad"): they are names
        if tag.startswith("JJ") and (_ARABIC_NAME.match(raw) or (i > 0 and raw[:1].isupper()
                                                                 and raw[1:2].islower())):
            tag = "NNP"
        out.append(_Tok(i, t.start, t.end, w, tag, lemmatize(w, tag)))
    return out


class DocMemo:
    """Token views and cue lists of one document's sentences, computed once.

    :func:`~toolkit.features.denials.iter_denials` looks at a sentence several
    times (cue search, self-exculpation, counter-accusations, pairing); the
    memo keeps each sentence's :func:`_tokens` and
    :func:`~toolkit.features.cues.find_cues` result for the length of one
    call, keyed by the sentence object, so the output is the same as without
    it. :meth:`tokens` hands out a fresh list each time, because the cue rules
    re-tag tokens in place ("denied that allegation").

    >>> from toolkit.text import process
    >>> doc = process("Moscow denied it.")
    >>> memo = DocMemo(doc)
    >>> a = memo.tokens(doc.text, doc.sentences[0]); b = memo.tokens(doc.text, doc.sentences[0])
    >>> a == b and a is not b, [c.lemma for c in memo.cues(doc.sentences[0], "body")]
    (True, ['deny'])
    """

    __slots__ = ("_cues", "_toks", "doc")

    def __init__(self, doc):
        self.doc = doc
        self._toks: dict = {}
        self._cues: dict = {}

    def tokens(self, src: str, sent: Sentence) -> list:
        got = self._toks.get(id(sent))
        if got is None or got[0] is not sent:
            got = self._toks[id(sent)] = (sent, _tokens(src, sent))
        return list(got[1])

    def cues(self, sent: Sentence, segment: str, lexicon=None) -> list:
        from .cues import find_cues

        if lexicon is not None:
            return find_cues(self.doc, sent, lexicon=lexicon, segment=segment)
        got = self._cues.get(id(sent))
        if got is None or got[0] is not sent:
            got = self._cues[id(sent)] = (sent, find_cues(self.doc, sent, segment=segment))
        return list(got[1])


_NP_TAGS = ("NN", "JJ", "DT", "PRP$", "POS", "CD", "NNP", "VBN", "PDT")
# prepositions only: "since", "after", "before" also introduce clauses ("after Moscow denied")
_PREPS = frozenset([
    "of", "in", "on", "at", "for", "from", "with", "near", "by", "to", "during", "into",
    "over", "under", "about", "against", "through", "across", "within", "without",
    "among", "between"
])
_TO_HEADS = frozenset([
    "aide", "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson", "lawyer",
    "attorney", "envoy", "ambassador", "assistant", "counsel"
])
_REFLEXIVE = frozenset({"himself", "herself", "itself", "themselves", "ourselves"})


def _np_left(toks: list[_Tok], j: int) -> int:
    """Start index of the noun phrase ending at token ``j`` (inclusive).

    Walks left over nominal material; a determiner closes a conjunct, but
    coordination ("Syria and its ally Russia") and postmodifying prepositional
    phrases after a noun ("a spokesman for the ministry") continue it.
    """
    k = j
    if toks[j].tag == "PRP" and toks[j].word not in _REFLEXIVE:
        return j
    while k - 1 >= 0:
        p = toks[k - 1]
        closed = toks[k].tag in ("DT", "PRP$", "PDT") and toks[k].word not in ("both", "all")
        if p.word in ("and", "&") and k - 2 >= 0 and toks[k].tag != "POS" and \
                toks[k - 2].tag.startswith(("NN", "PRP", "CD")) and toks[k - 2].tag != "PRP$":
            k -= 2   # coordination
        elif k - 2 >= 0 and toks[k - 2].tag.startswith("NN") and (
                p.word in ("of", "for", "at", "from") or
                (p.word == "to" and toks[k - 2].lemma in _TO_HEADS) or   # "aides to Romney"
                (p.word == "in" and toks[k].tag == "NNP") or   # "officials in Baghdad"
                (p.word == "on" and toks[k].word == "the" and k + 1 <= j and
                 toks[k + 1].word == "ground")):
            k -= 2   # a postmodifier: "a spokesman for Chipotle", "rebels on the ground"
        elif closed:
            break    # a determiner is the left edge of its conjunct
        elif p.tag.startswith(_NP_TAGS) or p.word in ("'s", "-") or p.tag == "HYPH":
            k -= 1
        else:
            break
    while k < j and toks[k].tag in ("VBN", "POS", "CC"):
        k += 1
    return k


def _np_right(toks: list[_Tok], k: int) -> int:
    """End index (exclusive) of the noun phrase starting at ``k``."""
    m = k
    n = len(toks)
    seen_noun = False
    while m < n:
        t = toks[m]
        if t.tag in ("DT", "PDT", "PRP$", "CD") and not seen_noun:
            if t.tag == "DT" and m > k and toks[m - 1].tag not in ("PDT", "DT"):
                break
            m += 1
        elif t.tag.startswith(("JJ", "NN")) or t.tag == "POS" or t.word == "'s" or \
                (t.tag == "VBG" and m + 1 < n and toks[m + 1].tag.startswith("NN")
                 and not seen_noun):
            seen_noun = seen_noun or t.tag.startswith("NN")
            m += 1
            if t.tag.startswith("NN") and m < n and toks[m].tag in ("DT", "PRP$"):
                break
        else:
            break
    return m


def _conjuncts(toks: list[_Tok], a: int, b: int) -> list[Span]:
    """Split the NP ``toks[a:b]`` at top-level coordination into character spans."""
    parts, cur = [], a
    for k in range(a, b):
        if toks[k].word in ("and", "&", ",") and k > cur:
            parts.append((cur, k))
            cur = k + 1
    if cur < b:
        parts.append((cur, b))
    spans = [(toks[s].start, toks[e - 1].end) for s, e in parts if e > s]
    if not spans and b > a:
        spans = [(toks[a].start, toks[b - 1].end)]
    return [(s, e) for s, e in spans if e > s]


def _skip_left(toks: list[_Tok], j: int) -> int:
    """Walk left over auxiliaries, adverbs, negation and 'on Monday'."""
    while j >= 0:
        t = toks[j]
        if t.word in _AUX or t.tag in ("RB", "RBR", "RBS", "MD") or t.word in _NEG or \
                t.word in ("both", "all", "each", "themselves", "himself", "herself",
                           "itself"):
            j -= 1
        elif t.word in _DAYS and j - 1 >= 0 and toks[j - 1].word in ("on", "late", "early"):
            j -= 2
        elif t.word in _DAYS:
            j -= 1
        elif t.word == "," and j - 2 >= 0 and toks[j - 2].word == "," and \
                toks[j - 1].tag in ("RB", "IN"):
            j -= 3   # ", though," / ", however,"
        elif t.word == "," and j - 1 >= 0 and toks[j - 1].word in ("however", "too"):
            j -= 2
        else:
            break
    return j


def _before_comma(toks: list[_Tok], j: int) -> tuple[int, int] | None:
    """Subject of a verb right after the comma at ``j``, when it is an appositive frame.

    "The governor, Kim Guadagno, denied" -> "Kim Guadagno"; "Weiner, trying to ...,
    denied" -> "Weiner"; "Summers himself, downplayed" -> "Summers himself".
    None when the comma closes a clause (then the caller looks further left).
    """
    pc = next((k for k in range(j - 1, -1, -1) if toks[k].word == ","), None)
    seg_start = 0 if pc is None else pc + 1
    relative = any(x.word in ("who", "which", "whose") or x.tag == "WDT"
                   for x in toks[seg_start + 1:j])
    if seg_start < j and (toks[seg_start].tag in ("VBG", "VBN", "WP", "WDT") or
                          toks[seg_start].word in ("who", "which", "including", "whose") or
                          (relative and pc is not None and
                           toks[seg_start].tag.startswith(("DT", "NN", "JJ", "PRP$")))):
        # a parenthetical: the subject stands before it
        if pc is not None and pc - 1 >= 0 and toks[pc - 1].tag.startswith(("NN", "PRP")):
            return (_np_left(toks, pc - 1), pc)
        return None
    e = j - 1
    if e >= 0 and toks[e].word in _REFLEXIVE:
        e -= 1
    if e < 0 or not toks[e].tag.startswith(("NN", "PRP")) or toks[e].tag == "PRP$":
        return None
    a = _np_left(toks, e)
    if a == seg_start and (pc is None or toks[pc - 1].tag.startswith(("NN", "PRP"))):
        if pc is not None and toks[pc - 1].tag.startswith("NNP"):
            p0 = _np_left(toks, pc - 1)
            if p0 == 0 or toks[p0 - 1].word in (",", "``", "''"):
                return (p0, pc)   # "Colonel Anton Reske, the ministry's spokesman, said"
        return (a, j)
    return None


def _finite_before(toks: list[_Tok], j: int) -> int | None:
    for k in range(j, -1, -1):
        if toks[k].tag in ("VBD", "VBZ", "VBP") and toks[k].word not in _AUX:
            return k
    return None


def _subject(toks: list[_Tok], i: int, depth: int = 0) -> tuple[int, int] | None:
    """Token range [a, b) of the subject of the verb at ``i`` (None if not found)."""
    if depth > 3:
        return None
    j = _skip_left(toks, i - 1)
    if j < 0:
        return None
    t = toks[j]
    if t.word == "to" and j - 1 >= 0 and toks[j - 1].tag.startswith("VB"):
        return _subject(toks, j - 1, depth + 1)   # "Obama sought to play down ..."
    if t.word in ("who", "which", "that") and t.tag in ("WP", "WDT", "IN", "DT"):
        k = j - 1
        if k >= 0 and toks[k].word == ",":
            k -= 1
        if k >= 0 and toks[k].tag.startswith(("NN", "PRP", "CD")):
            return (_np_left(toks, k), k + 1)
        return None
    if t.word == ",":
        got = _before_comma(toks, j)
        if got is not None:
            return got
    if t.tag.startswith(("NN", "PRP", "CD")) and t.tag != "PRP$":
        a = _np_left(toks, j)
        b = j + 1
        if t.tag == "PRP":
            return (a, b)   # a nominative pronoun is never a prepositional object
        while a > 1 and toks[a - 1].word in _PREPS and \
                toks[a - 2].tag.startswith(("NN", "PRP")) and toks[a - 2].tag != "PRP$":
            # a postmodifier chain: "Assad in an interview on CBS denied" -> "Assad"
            b = a - 1
            a = _np_left(toks, a - 2)
        dateish = all(x.tag == "CD" or x.word in _MONTHS for x in toks[a:b])
        if a > 0 and (toks[a - 1].word in _PREPS or dateish):
            # the NP is a prepositional object ("... since September 2015 denied"):
            # look for a relative pronoun whose antecedent is the subject
            for k in range(a - 2, 0, -1):
                if toks[k].word in ("which", "who") and toks[k - 1].tag.startswith("NN"):
                    return (_np_left(toks, k - 1), k)
            return None
        # "in a statement rejecting the report": the statement's author speaks.
        if toks[i].tag == "VBG" and t.lemma in ("statement", "letter", "interview",
                                                  "post", "tweet", "communique",
                                                  "release", "speech"):
            k = _finite_before(toks, a - 1)
            return _subject(toks, k, depth + 1) if k is not None else None
        return (a, b)
    if t.word in (",", "and", "but", "or") or t.tag.startswith("VB") or t.tag == "IN":
        k = _finite_before(toks, j)
        if k is not None and k < i:
            return _subject(toks, k, depth + 1)
    return None


def _postposed_sayer(toks: list[_Tok]) -> tuple[int, int] | None:
    """Subject of a sentence-final '..., X said.' / 'said X.' frame."""
    n = len(toks)
    end = n
    while end > 0 and toks[end - 1].tag in (".", "''", "``", ")"):
        end -= 1
    if end == 0:
        return None
    last = toks[end - 1]
    if last.lemma in _SAY or last.word in ("say", "says", "said"):
        # "..., the ministry said."
        j = _skip_left(toks, end - 2)
        if j >= 0 and toks[j].tag.startswith(("NN", "PRP")):
            return (_np_left(toks, j), j + 1)
    for k in range(end - 1, 0, -1):
        if toks[k].word == "," and k + 1 < end and toks[k + 1].lemma in ("say", "tell"):
            a = k + 2
            if a < end and toks[a].tag.startswith(("NN", "DT", "PRP", "JJ")):
                return (a, max(_np_right(toks, a), a + 1))
        if toks[k].word == "according" and k + 1 < end and toks[k + 1].word == "to":
            a = k + 2
            b = a
            while b < end and toks[b].word not in (",", ".", ";"):
                b += 1
            if b > a:
                return (a, b)
    return None


def _new_clause(toks: list[_Tok], k: int) -> bool:
    """True if a finite verb follows ``k`` before any comma (a new clause starts)."""
    for j in range(k, min(len(toks), k + 7)):
        t = toks[j]
        if t.word in (",", ";") or t.tag == ".":
            return False
        if t.tag in ("VBD", "VBZ", "VBP", "MD") or t.word in ("blamed", "accused"):
            return not (j == k and t.tag == "VBD" and j + 1 < len(toks) and
                        toks[j + 1].tag.startswith("NN"))  # "and wounded civilians"
    return False


def _content_end(toks: list[_Tok], k: int, *, stop_as: bool = False) -> int:
    """End (exclusive) of the content that starts at token ``k``."""
    n = len(toks)
    m = k
    while m < n:
        t = toks[m]
        if t.tag in (".", ":") or t.word in _CONTENT_STOP or t.word == "but":
            break
        if t.word in _STOP_VBG and m > k:
            break
        if stop_as and t.word == "as" and m > k:
            break
        if t.word in ("and", "or", "while", "though", "although", "whilst") and m > k and \
                _new_clause(toks, m + 1):
            break
        m += 1
    while m > k and toks[m - 1].tag in ("''", "``", "CC", "IN", "DT") and \
            toks[m - 1].word not in ("it", "this", "that", "these", "those"):
        m -= 1
    # a trailing time adjunct is not part of what was denied: "... on Monday"
    if m - 2 > k and toks[m - 1].word in _DAYS and toks[m - 2].word in ("on", "late"):
        m -= 2
    elif m - 1 > k and toks[m - 1].word in _DAYS:
        m -= 1
    return m


def _span(toks: list[_Tok], a: int, b: int) -> tuple[Span, ...]:
    return ((toks[a].start, toks[b - 1].end),) if b > a else ()


def _negated(toks: list[_Tok], i: int) -> str | None:
    """'negated' / 'hedged' when the verb group before ``i`` says the denial did not happen."""
    for k in range(i - 1, -1, -1):   # a clause opened by "Nor"/"Neither": "Nor have they denied"
        if toks[k].word in (",", ";", ":") or toks[k].tag == ".":
            break
        if toks[k].word in ("nor", "neither") and (k == 0 or toks[k - 1].word in
                                                   (",", ";", "and", "but", "``", '"')):
            return "negated"
    for k in range(i - 1, max(-1, i - 6), -1):
        t = toks[k]
        if t.word in _NEG:
            return "negated"
        if t.lemma in _HEDGE_BEFORE or t.word in _MODALS:
            return "hedged"
        if t.word in ("short", "of") and k - 1 >= 0 and toks[k - 1].lemma == "stop":
            return "hedged"
        if t.tag.startswith(("NN", "PRP")) and t.tag != "PRP$" or t.word in (",", "who", "which"):
            break
        if t.tag.startswith("VB") and t.word not in _AUX and t.tag != "VBN" and \
                t.lemma not in _HEDGE_BEFORE and t.word != "to":
            break
    return None


# --------------------------------------------------------------------------- raw cues


@dataclass
class _Raw:
    cue: tuple[Span, ...]
    cue_lemma: str
    kind: str
    denier: tuple[Span, ...]
    denied: tuple[Span, ...]
    flags: set
