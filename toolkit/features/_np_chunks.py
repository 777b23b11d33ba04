"""Noun-phrase chunks over Penn-tagged words, shared by passive and agency detection.

A noun phrase is found from one end: :func:`_np_left` walks left from its last
word, :func:`_np_right` right from its first, over determiners, adjectives,
numbers, possessives and nouns (the tags of :data:`_NP_TAGS`); :func:`_head`
picks the head word (the last noun before a post-modifier); :func:`_starts_object`
tells whether a word after a verb opens its direct object (not a time adjunct:
"killed *this morning*"). Two noun classes decide whether a *by*- or *in*-phrase
names a doer or a cause: event nominals ("in an *air strike*", "by *shelling*")
and weapons ("by a *missile*"). The chunker is the simple NP grammar of Abney
(1991), "Parsing by chunks", over the Penn tag set; ranges are ``(first, last)``
inclusive token indices.

>>> ws = "Hundreds of civilians were killed by Russian jets".split()
>>> ts = ["NNS", "IN", "NNS", "VBD", "VBN", "IN", "JJ", "NNS"]
>>> _np_right(ws, ts, 6, len(ws)), _head(ws, ts, (6, 7))
((6, 7), 7)
"""
from __future__ import annotations

from ..text import lemmatize

#: Event nominals: the head of a cause phrase ("in an air strike", "by shelling").
EVENT_NOUNS = frozenset("""
attack strike airstrike air-strike raid bombing bombardment shelling shellfire fire gunfire
crossfire explosion blast clash fighting violence war conflict crash accident collision
offensive assault ambush incident shooting stabbing massacre siege earthquake flood storm
hurricane disaster flame battle combat operation campaign skirmish unrest riot riots
incursion invasion onslaught hostilities barrage strikes famine starvation disease
outbreak epidemic heat cold fighting crackdown
""".split())


#: Weapons and projectiles: "by a missile" names a cause, not an agent.
INSTRUMENT_NOUNS = frozenset("""
missile rocket shell bomb bullet mine grenade mortar artillery shrapnel explosive ied
projectile gas sarin chlorine munition munitions barrel weapon car-bomb landmine drone
""".split())


_NP_TAGS = frozenset("DT PDT JJ JJR JJS CD NN NNS NNP NNPS POS PRP$ HYPH".split())


_NOUN_TAGS = frozenset("NN NNS NNP NNPS CD PRP".split())


#: Nominal words that follow a verb without being its object ("killed today").
_NOT_OBJECTS = frozenset("last this next yesterday today tonight earlier each now here there "
                         "later overnight herein hereto therein thereto hereunder below above "
                         "tomorrow asap".split())


#: Time nouns: "the next day", "this morning" are adjuncts, not objects.
_TIME_NOUNS = frozenset("day days week weeks month months year years morning afternoon evening "
                        "night weekend time monday tuesday wednesday thursday friday saturday "
                        "sunday".split())


def _starts_object(ws: list[str], ts: list[str], j: int) -> bool:
    """Does an object noun phrase start at ``j`` (so a VBD before it is active)?"""
    if j >= len(ts):
        return False
    t = ts[j]
    if t in ("DT", "PRP", "PRP$", "CD", "NN", "NNS", "NNP", "NNPS", "JJ", "JJS", "PDT"):
        # "killed last week" / "arrested Monday": a time noun is an adjunct
        if ws[j] in ("the", "every", "that") and j + 1 < len(ws) and (
                ws[j + 1] in _TIME_NOUNS or ws[j + 1] in ("next", "same", "following")):
            return False   # "tested the next day", "done every day"
        return ws[j] not in _NOT_OBJECTS and ws[j] not in _TIME_NOUNS
    return False


_QUANTITY_HEADS = frozenset("hundreds dozens thousands millions scores tens some many most "
                            "all several none few both each number majority one two three "
                            "four five six seven eight nine ten".split())


def _np_left(ws: list[str], ts: list[str], end: int, *, of_quantity_only: bool = False
             ) -> tuple[int, int] | None:
    """The noun-phrase chunk ending at token ``end`` (inclusive), extended over
    ``of`` ("Hundreds of civilians"; only after a quantity when
    ``of_quantity_only``) and "at least"."""
    if end < 0 or ts[end] not in _NOUN_TAGS | {"WDT", "WP", "EX", "DT"}:
        return None
    if ts[end] in ("WDT", "WP", "EX", "PRP") or (ts[end] == "DT" and ws[end] in ("that", "this", "these", "those", "all", "some", "both", "many")):
        return (end, end)
    start = end
    while start - 1 >= 0 and (ts[start - 1] in _NP_TAGS or ws[start - 1] in ("-", "'s")
                              or (ts[start - 1] in ("VBN", "VBG") and start - 1 > 0
                                  and ts[start - 2] in ("DT", "PRP$", "JJ", "CD"))):
        start -= 1
    if start - 2 >= 0 and ws[start - 1] == "of" and ts[start - 2] in (
            "NNS", "NN", "CD", "DT", "JJS", "JJ") and (
            not of_quantity_only or ts[start - 2] == "CD" or ws[start - 2] in _QUANTITY_HEADS):
        inner = _np_left(ws, ts, start - 2)
        if inner is not None:
            start = inner[0]
    if start - 1 >= 0 and ts[start] == "CD" and ws[start - 1] in (
            "about", "around", "nearly", "almost", "some", "roughly", "approximately", "over"):
        start -= 1   # "about 30,000 residents"
    elif start - 1 >= 0 and ws[start] in ("least", "most") and ws[start - 1] == "at":
        start -= 1   # "at least 400,000 people"
    elif start - 2 >= 0 and ws[start - 1] == "than" and ws[start - 2] in ("more", "fewer",
                                                                          "less"):
        start -= 2   # "more than 600 civilians"
    if start - 2 >= 0 and ws[start - 1] in ("and", "or") and (
            (ts[start - 2] in ("NNP", "NNPS") and ts[start] in ("NNP", "NNPS")) or
            (ts[start - 2] in ("NNS", "NN") and ts[end] in ("NN", "NNS") and
             ts[start] in ("DT", "CD") and ws[start] not in ("the", "this", "that"))):
        inner = _np_left(ws, ts, start - 2)   # "Moscow and Damascus"
        if inner is not None:
            start = inner[0]
    return (start, end)


def _np_right(ws: list[str], ts: list[str], start: int, limit: int) -> tuple[int, int] | None:
    """The noun-phrase chunk starting at ``start``: determiners, adjectives,
    nouns, coordinated modifiers ("the Russian and Syrian raids") and one
    ``of``-complement. Returns ``(start, end)`` inclusive or None."""
    j, last_noun = start, None
    if ws[j:j + 2] in (["at", "least"], ["at", "most"], ["more", "than"], ["fewer", "than"],
                       ["less", "than"], ["up", "to"]) and j + 2 < limit and ts[j + 2] == "CD":
        j += 2
    elif j + 1 < limit and ws[j] in ("about", "around", "nearly", "almost", "some", "roughly",
                                     "approximately", "over") and ts[j + 1] == "CD":
        j += 1
    while j < limit:
        t, w = ts[j], ws[j]
        if last_noun is not None and t in ("DT", "PDT", "PRP$") and ws[j - 1] != "of":
            break   # "a hostage [each time ...]": a determiner starts a new phrase
        if t in _NP_TAGS or (t in ("VBN", "VBG") and j + 1 < limit and ts[j + 1] in _NP_TAGS):
            if t in ("NN", "NNS", "NNP", "NNPS", "CD"):
                last_noun = j
            j += 1
        elif t == "PRP" and j > start and ws[j - 1] == "of":
            last_noun = j   # "some of them"
            j += 1
            break
        elif t == "VBG" and j == start:
            last_noun = j  # by shelling
            j += 1
        elif t == "PRP" and j == start:
            return (j, j)
        elif w in ("and", "or", "&") and last_noun is not None and j + 1 < limit and \
                ts[j + 1] in _NP_TAGS and not ts[j + 1].startswith("V"):
            j += 1
        elif w in ("and", "or") and last_noun is None and j > start and j + 1 < limit and \
                ts[j + 1] in ("JJ", "NNP", "NN"):
            j += 1  # Russian and Syrian raids
        elif w == "of" and j + 1 < limit and (ts[j + 1] in _NP_TAGS or ts[j + 1] == "PRP") and \
                (last_noun is not None or ts[j - 1] in ("DT", "JJS")):
            j += 1
        else:
            break
    if last_noun is None:
        return None
    return (start, last_noun)


def _head(ws: list[str], ts: list[str], span: tuple[int, int]) -> int:
    """The head noun of a chunk: the last noun before any ``of``."""
    s, e = span
    for k in range(s, e + 1):
        if ws[k] == "of" and k > s and ts[k - 1] in ("NN", "NNS", "NNP", "NNPS"):
            # "the fate of the convoy": head is "fate", unless a quantity noun
            if ws[k - 1] not in ("hundreds", "dozens", "thousands", "scores", "millions",
                                 "number", "lot", "lots", "group", "majority", "tens", "most"):
                return k - 1
    return e


def _is_event(w: str, t: str) -> bool:
    lw = lemmatize(w, "NN") if t.startswith("N") else w
    return lw in EVENT_NOUNS or (t in ("NN", "VBG") and w.endswith("ing") and len(w) > 5)
