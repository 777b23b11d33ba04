"""Rule grammar for attribution: a sentence view, NP chunks by Penn tags, skips.

Private helpers of :mod:`toolkit.features.attribution` (one concept: finding the
noun phrases around a reporting cue). An NP chunk is a maximal run of
determiners, adjectives, numbers, possessives and nouns ending in a noun
("A senior Turkish security official"), with name particles ("Abdul Rahman al
Halabi"), "of"/"for" complements ("The Syrian Network for Human Rights") and
coordination ("residents, rights groups and opposition sources"; a comma-joined
conjunct counts only when a comma or the clause start precedes it, so the object
of a preposition before a postposed source list is left out). The skips move over
auxiliaries, adverbs and time phrases ("State media on Tuesday said") and, to the
right, over the addressee of "told" ("told Reuters from the area").

>>> from toolkit.text import process
>>> doc = process("Thousands fled, residents, rights groups and opposition sources said.")
>>> v = _View(doc.sentences[0], doc.text)
>>> a, b = _np_left(v, 9)
>>> doc.text[v.toks[a].start:v.toks[b].end]
'residents, rights groups and opposition sources'
"""
from __future__ import annotations

from ..text import Sentence
from .cues import lowered_words

Span = tuple[int, int]

_NOUN = frozenset({"NN", "NNS", "NNP", "NNPS"})
_NP_INNER = frozenset({"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD",
                       "POS", "PRP$", "VBN", "VBG"})
_AUX = frozenset({"has", "have", "had", "is", "was", "were", "are", "be", "been", "being",
                  "did", "does", "do", "will", "would", "could", "should", "can", "may",
                  "might", "must", "'s", "'ve", "'d", "'ll", "also", "not", "n't", "never",
                  "then", "later", "again", "now", "previously", "reportedly", "repeatedly",
                  "earlier", "initially", "first", "recently", "last", "once", "often",
                  "publicly", "privately", "openly", "always", "still", "already", "just",
                  "even", "only", "further", "flatly", "strongly", "widely", "long",
                  "separately", "subsequently", "ultimately", "finally", "quickly",
                  "both", "all", "each", "themselves", "himself", "herself", "itself"})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday", "today", "yesterday", "tonight", "weekend", "week", "month",
                       "year", "morning", "evening", "night", "afternoon", "day"})
_TIME_PREP = frozenset({"on", "last", "this", "late", "early", "earlier", "in", "during"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them",
                       "us", "me"})
_OBJECT_TAKERS = frozenset({"tell", "inform", "assure", "brief", "remind", "advise", "ask",
                            "warn", "urge", "email", "text", "promise", "quote", "thank",
                            "accuse", "blame"})
#: Prepositions that open the complement of an object-taking cue, not an adjunct
#: (a prepositional object, Quirk et al. 1985 ch. 16: "accuse X of", "warn X
#: about", "blame X for"); "that" opens the reported clause itself.
_COMPLEMENT_PREPS = frozenset({"that", "of", "about", "for"})
#: ... and those of one verb only ("blamed the blast on a gas leak", "briefed reporters
#: on the talks", "warned them against returning").
_LEMMA_PREPS = {"blame": frozenset({"on"}), "brief": frozenset({"on"}),
                "warn": frozenset({"against"})}
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "bint", "de", "da", "di", "van",
                             "von", "der", "la", "le", "du", "del", "dos", "ben"})


#: Words the tagger may rightly call determiners; another capitalised "DT" is a name.
_DETERMINERS = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "all", "some", "no", "any", "each",
    "every", "another", "both", "either", "neither", "half", "such", "what", "which",
    "whatever", "whichever", "many", "few", "several", "much", "more", "most", "less",
    "least", "other", "own", "none", "nor", "del", "la", "le", "el", "les", "das", "der",
    "die", "de"})


class _View:
    """Token-level view of one sentence: tags, lower-cased words, quote membership."""

    __slots__ = ("low", "n", "sent", "src", "tags", "toks")

    def __init__(self, sent: Sentence, src: str):
        self.sent = sent
        self.toks = sent.tokens
        self.tags = [t.tag for t in sent.tokens]
        self.low = lowered_words(src, sent.tokens)
        self.src = src
        self.n = len(sent.tokens)
        # names and nouns the tagger read as a determiner or a gerund
        for i in range(self.n):
            nxt = self.tags[i + 1] if i + 1 < self.n else None
            if self.tags[i] == "DT" and self.low[i] not in _DETERMINERS and \
                    src[self.toks[i].start].isupper():
                self.tags[i] = "NNP"        # "Kall/DT -- co-editor of ..."
            if i == 0 and self.tags[i] in ("VBN", "VBD") and nxt in ("VBD", "VBN", "VBZ", "MD") \
                    and src[self.toks[i].start].isupper():
                self.tags[i] = "NNP"        # "Husted/VBN continued/VBN by saying"
            if self.tags[i] == "JJ" and i > 0 and nxt in ("VBG", "VBD", "VBZ") and \
                    src[self.toks[i].start].isupper():
                self.tags[i] = "NNP"        # "... together – Ryan/JJ saying he was"
            if self.tags[i] == "MD" and nxt in ("VB", "VBD", "VBZ") and \
                    src[self.toks[i].start].isupper() and \
                    self.low[i + 1].endswith(("ed", "es")):
                self.tags[i] = "NNP"        # "Will/MD described Trump as ..." (George Will)
            if self.tags[i] == "VBG" and nxt in ("VBD", "VBZ", "VBP", "VB", "MD", "POS"):
                if src[self.toks[i].start].isupper() and nxt != "VB":
                    self.tags[i] = "NNP"    # "Schilling/VBG told", "Manning/VBG said"
                elif i > 0 and self.tags[i - 1] in ("PRP$", "DT", "POS"):
                    self.tags[i] = "NN"     # "people familiar with her thinking/VBG say"
        # a determiner (+ adjectives) + adjective closing a noun phrase is a noun the
        # tagger missed ("The general/JJ, who ..., said"; "the poor/JJ say"; "one
        # kind-hearted Canadian/JJ wants"; "a 21-year-old/JJ wanted")
        for i in range(1, self.n):
            if self.tags[i] != "JJ":
                continue
            nxt = self.tags[i + 1] if i + 1 < self.n else None
            if self.tags[i - 1] == "DT" and nxt in (None, ",", "VBD", "VBZ", "VBP", "MD"):
                self.tags[i] = "NN"
            elif nxt in ("VBD", "VBZ", "VBP", "MD"):
                k = i - 1
                while k > 0 and self.tags[k] in ("JJ", "JJR", "JJS"):
                    k -= 1
                if k < i - 1 and self.tags[k] in ("DT", "PRP$", "POS", "CD"):
                    self.tags[i] = "NN"

    def is_noun(self, i: int) -> bool:
        return self.tags[i] in _NOUN or (self.tags[i] == "CD" and i > 0 and
                                         self.tags[i - 1] == "DT")

    def is_punct(self, i: int) -> bool:
        return not self.tags[i][:1].isalpha()

    def is_quote(self, i: int) -> bool:
        return self.tags[i] in ("``", "''")

    def is_verb(self, i: int) -> bool:
        """A verb or modal tag (VB*, MD): the mark of a clause after a cue."""
        return self.tags[i].startswith("VB") or self.tags[i] == "MD"

    def span(self, a: int, b: int) -> Span:
        return (self.toks[a].start, self.toks[b].end)

    def tokens_in(self, spans) -> list[int]:
        """Indices of the tokens that start inside any of the character ``spans``
        (the inverse of :meth:`span`)."""
        return [k for k in range(self.n)
                if any(s <= self.toks[k].start < e for s, e in spans)]


def _np_core_left(v: _View, j: int) -> int | None:
    """Start index of the NP chunk ending at token ``j`` (a noun or pronoun), or None."""
    if j < 0:
        return None
    if v.tags[j] == "PRP" and v.low[j] in _PRONOUNS:
        return j
    if not v.is_noun(j):
        return None
    a = j
    while a - 1 >= 0 and (v.tags[a - 1] in _NP_INNER or
                          (v.low[a - 1] in ("-", "&") and a - 2 >= 0 and not (
                               v.low[a - 1] == "-" and v.toks[a - 1].start > v.toks[a - 2].end
                               and v.toks[a].start > v.toks[a - 1].end)) or
                          (v.low[a - 1] in _NAME_PARTICLES and a - 2 >= 0 and
                           v.tags[a - 2] == "NNP" and v.tags[a] in ("NNP", "NN"))):
        if v.tags[a - 1] in ("VBN", "VBG") and not (a - 2 >= 0 and v.tags[a - 2] in
                                                     ("DT", "JJ", "PRP$", "POS")):
            break
        a -= 1
        if v.tags[a] in ("DT", "PDT", "PRP$"):
            if a - 1 >= 0 and v.tags[a - 1] == "PDT":
                a -= 1
            break
    # an NP may not start on a possessive marker or a participle
    while a < j and v.tags[a] in ("POS", "VBN", "VBG"):
        a += 1
    return _with_numeral_modifier(v, a, j)


#: Words that make a quantity NP with "a"/"an" ("a dozen", "a third of").
_QUANTITY_NOUNS = frozenset({"dozen", "third", "quarter", "half", "fifth", "majority",
                             "handful", "hundred", "thousand", "million", "plurality"})
#: Modifiers of a numeral (Huddleston & Pullum 2002, 5.7): "more than", "at least";
#: longest first, so "no more than" is matched before "more than".
_NUMERAL_MODIFIERS = (("as", "many", "as"), ("as", "few", "as"), ("no", "more", "than"),
                      ("no", "fewer", "than"), ("more", "than"), ("fewer", "than"),
                      ("less", "than"), ("at", "least"), ("at", "most"), ("up", "to"))


def _with_numeral_modifier(v: _View, a: int, j: int) -> int:
    """Start ``a`` of a quantity NP moved left over its numeral modifier: "More than 4
    in 10 said", "At least 30 people said" (was "4 in 10", "least 30 people")."""
    if v.low[a] in ("least", "most") and a >= 1 and v.low[a - 1] == "at" and a < j:
        return a - 1
    if not (v.tags[a] == "CD" or v.low[a] in ("half", "dozens", "hundreds", "thousands") or
            v.low[a] in ("a", "an") and a < j and v.low[a + 1] in _QUANTITY_NOUNS):
        return a
    for mod in _NUMERAL_MODIFIERS:
        k = a - len(mod)
        if k >= 0 and tuple(v.low[k:a]) == mod:
            return k
    return a


#: Prepositions of a setting phrase between a cue and its that-clause ("said *on
#: Twitter* that"); "of", "about" and "for" open the content instead.
_SETTING_PREPS = frozenset({"on", "in", "at", "during", "via", "through", "from", "to"})
#: Adjective + preposition post-modifiers of a source noun ("sources close to ...").
_ADJ_PP_HEADS = frozenset({("close", "to"), ("familiar", "with"), ("loyal", "to"),
                           ("linked", "to"), ("allied", "with"), ("opposed", "to")})


#: Quantifiers that head a partitive NP ("some of his rivals", "many of them").
_PARTITIVES = frozenset({"some", "many", "most", "few", "several", "all", "both", "each",
                         "one", "none", "any", "two", "three", "four", "dozens", "hundreds"})


def _partitive_left(v: _View, a: int) -> int:
    """Start ``a`` moved left over a partitive quantifier: "Some of the residents",
    "one of his aides", "many of them"."""
    if a - 2 >= 0 and v.low[a - 1] == "of" and v.low[a - 2] in _PARTITIVES and \
            v.tags[a] in ("DT", "PRP$", "PRP", "NNP", "NNPS", "CD"):
        return a - 2
    return a


def _np_left(v: _View, j: int, *, coordinate: bool = True) -> tuple[int, int] | None:
    """NP ending at ``j`` with its 'of'/'for' PPs and coordination, as ``(start, end)``."""
    a = _np_core_left(v, j)
    if a is None:
        return None
    if v.tags[a] == "PRP":
        return (_partitive_left(v, a), j)
    # PP complements inside the NP: "the head of the agency", "Network for Human Rights"
    for _ in range(2):
        if a - 3 >= 0 and (v.low[a - 2], v.low[a - 1]) in _ADJ_PP_HEADS and v.is_noun(a - 3):
            # "sources close to the investigation", "people familiar with the talks"
            b = _np_core_left(v, a - 3)
            if b is None or v.tags[b] == "PRP":
                break
            a = b
            continue
        if a - 2 >= 0 and v.low[a - 1] in ("of", "for", "at", "from", "in", "with") and \
                v.is_noun(a - 2):
            b = _np_core_left(v, a - 2)
            if b is None or v.tags[b] == "PRP":
                break
            if v.low[a - 1] != "of" and not (v.tags[a - 2] in ("NN", "NNS", "NNP", "NNPS")
                                             and v.tags[a] in ("NNP", "NNPS", "DT")):
                break
            a = b
        else:
            break
    a = _partitive_left(v, a)
    if coordinate and a - 2 >= 0 and v.low[a - 1] in ("and", "or"):
        b = _np_core_left(v, a - 2)
        if b is not None and v.tags[b] != "PRP":
            a = b
            # comma-separated conjuncts, each preceded by a comma or the clause start
            while a - 2 >= 0 and v.low[a - 1] == ",":
                c = _np_core_left(v, a - 2)
                if c is None or v.tags[c] == "PRP":
                    break
                if c == 0 or v.low[c - 1] == "," or v.is_quote(c - 1):
                    a = c
                else:
                    break
    return (a, j)


def _np_right(v: _View, i: int) -> tuple[int, int] | None:
    """NP starting at token ``i`` (with a proper-name 'of'/'for' continuation)."""
    if i >= v.n:
        return None
    if v.tags[i] == "PRP" and v.low[i] in _PRONOUNS:
        return (i, i)
    if v.low[i] in _PARTITIVES and i + 2 < v.n and v.low[i + 1] == "of":
        # a partitive: "by some of his rivals"
        whole = _np_right(v, i + 2)
        return (i, whole[1]) if whole is not None else None
    b = i
    last_noun = None
    while b < v.n and (v.tags[b] in _NP_INNER or v.low[b] in ("-", "&") or
                       (v.low[b] in _NAME_PARTICLES and b > i and v.tags[b - 1] == "NNP"
                        and b + 1 < v.n and v.tags[b + 1] in ("NNP", "NN"))):
        if v.tags[b] == "POS" and last_noun is None:
            break
        if v.is_noun(b) or v.tags[b] == "CD" or v.low[b].endswith("-old"):
            last_noun = b   # "the 46-year-old": an age adjective heads the NP
        b += 1
        if b < v.n and v.tags[b] in ("DT", "PRP$", "PDT"):
            break
    if last_noun is None or v.tags[last_noun] == "CD" and not any(
            v.is_noun(k) for k in range(i, last_noun + 1)):
        return None
    end = last_noun
    # "Syrian Network for Human Rights", "the head of the agency"
    if end + 2 < v.n and v.low[end + 1] in ("of", "for") and (
            v.tags[end + 2] in ("NNP", "NNPS", "DT", "NN", "NNS")):
        nxt = _np_right(v, end + 2)
        if nxt is not None and v.tags[nxt[0]] != "PRP":
            end = nxt[1]
        elif v.low[end + 1] == "of" and v.low[end + 2] in ("those", "these"):
            # a demonstrative pronoun with its reduced relative: "42 percent of those
            # responding", "a third of those polled"
            end += 2
            if end + 1 < v.n and v.tags[end + 1] in ("VBG", "VBN"):
                end += 1
    # coordination to the right ("Reuters and AP")
    if end + 2 < v.n and v.low[end + 1] in ("and", "or") and v.tags[end + 2] in _NP_INNER:
        nxt = _np_right(v, end + 2)
        if nxt is not None and v.tags[nxt[0]] != "PRP" and (
                nxt[1] + 1 >= v.n or v.is_punct(nxt[1] + 1)):
            end = nxt[1]
    return (i, end)


def _skip_left(v: _View, j: int) -> int:
    """Move left from ``j`` over auxiliaries, adverbs, negation and time phrases."""
    while j >= 0:
        w, t = v.low[j], v.tags[j]
        if w == "ago" and j >= 2:
            # "The State Department less than two weeks ago said"
            k = j - 1
            while k >= 0 and j - k <= 6 and (v.tags[k] in ("CD", "NNS", "NN", "JJ", "DT") or
                                             v.low[k] in ("than", "less", "more", "about",
                                                          "nearly", "just", "only", "some")):
                k -= 1
            if k < j - 1:
                j = k
                continue
        if (w in _AUX and not (w == "will" and t == "NNP")) or t in ("MD", "RB", "RBR") and \
                w not in ("there",) and not w.endswith("'"):
            j -= 1
            continue
        if w == "there" and j > 0 and v.tags[j - 1] in ("NNS", "NN", "NNP", "NNPS"):
            j -= 1
            continue
        if w in _WEEKDAYS and j - 1 >= 0 and (v.low[j - 1] in _TIME_PREP or
                                             v.tags[j - 1] in ("DT", "JJ")):
            j -= 2
            while j >= 0 and v.low[j] in _TIME_PREP:
                j -= 1
            continue
        if t == "NNP" and w in _WEEKDAYS and j - 1 >= 0:
            j -= 1
            continue
        if w == ")":
            # a parenthesis after the source: "Rep. Hank Johnson (D-Ga.) said"
            k = j - 1
            while k >= 0 and j - k < 12 and v.low[k] != "(":
                k -= 1
            if k >= 1 and v.low[k] == "(":
                j = k - 1
                continue
        if w == "since" and j + 1 < v.n and v.tags[j + 1].startswith("VB"):
            j -= 1  # "She has since said"
            continue
        break
    return j


def _skip_right(v: _View, i: int, lemma: str) -> int:
    """Move right from ``i`` over time phrases, 'that', the addressee of 'told'."""
    while i < v.n:
        w = v.low[i]
        if w in ("on", "late", "early", "last", "this") and i + 1 < v.n and \
                v.low[i + 1] in _WEEKDAYS:
            i += 2
            continue
        if w in _WEEKDAYS and v.tags[i] == "NNP":
            i += 1
            continue
        if w in ("that", ":", "--", "\u2014", "\u2013") or w in _AUX and \
                v.tags[i] in ("RB",):
            i += 1
            continue
        if w in _SETTING_PREPS and v.tags[i] in ("IN", "TO"):
            # "said on its Telegram channel that ...", "said at a news conference that"
            np = _np_right(v, i + 1)
            if np is not None and np[1] + 1 < v.n and v.low[np[1] + 1] == "that":
                i = np[1] + 1
                continue
        if lemma in _OBJECT_TAKERS and v.tags[i] in _NP_INNER | {"PRP"}:
            np = _np_right(v, i)
            if np is not None and np[1] + 1 < v.n and (
                    v.low[np[1] + 1] in ("that", ",", ":") or v.tags[np[1] + 1] in
                    ("PRP", "DT", "NNP", "``", "IN", "RB", "NN", "NNS", "EX")):
                i = np[1] + 1
                # "told Reuters from the area" / "told reporters in Moscow"; not the
                # prepositional complement of the verb, which is the content
                # ("accused Trump of using ...", "warned them about", "blamed X for")
                while i + 1 < v.n and v.tags[i] == "IN" and v.low[i] not in _COMPLEMENT_PREPS \
                        and v.low[i] not in _LEMMA_PREPS.get(lemma, ()) \
                        and v.tags[i + 1] in _NP_INNER:
                    np2 = _np_right(v, i + 1)
                    if np2 is None:
                        break
                    i = np2[1] + 1
                lemma = ""
                continue
        if v.tags[i] == "RB" and v.low[i] not in ("not", "n't"):
            i += 1
            continue
        break
    return i


def _trim(v: _View, a: int, b: int) -> tuple[int, int] | None:
    """Shrink token range [a, b] past punctuation (not quotation marks) at both ends."""
    while a <= b and v.is_punct(a) and not v.is_quote(a):
        a += 1
    while b >= a and v.is_punct(b) and not v.is_quote(b):
        b -= 1
    return (a, b) if a <= b else None


def _head(v: _View, a: int, b: int) -> str:
    """Head word of the NP [a, b]: last noun before an 'of'/'for', 'and' or ','."""
    end = b
    for k in range(a, b + 1):
        if v.low[k] in ("of", "for", "and", "or", ",", "who", "from", "at", "in", "with"):
            end = k - 1
            break
    for k in range(end, a - 1, -1):
        if v.is_noun(k) or v.tags[k] == "PRP":
            return v.src[v.toks[k].start:v.toks[k].end]
    return v.src[v.toks[b].start:v.toks[b].end]


def _clause_start(v: _View, a: int) -> bool:
    """True if an NP starting at token ``a`` can be a clause's subject."""
    return a == 0 or v.is_punct(a - 1) or v.tags[a - 1] in ("CC", "IN", "RB")
