"""The passive-voice grammar over one POS-tagged sentence (:func:`match_passives`).

Closed word classes (forms of *be*, *get*, *have*, modals, degree adverbs),
participle and transitivity tests (WordNet verb frames), the stages that accept
or reject a participle (auxiliary chain, adjectival and stative readings, reduced
relatives, coordination and gapping, object complements, contact clauses) and the
agent / cause of each passive. It works on plain word and tag lists and knows no
document; :mod:`toolkit.features.passive` runs it over documents, and its module
docstring describes the method and the grammars it follows (Quirk et al. 1985;
Biber et al. 1999; Levin 1993).

>>> [(m.verb, m.kind, m.subject, m.agent)
...  for m in match_passives("Civilians were killed by jets".split(),
...                          ["NNS", "VBD", "VBN", "IN", "NNS"])]
[(2, 'be', (0, 0), (4, 4))]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import Lexicon, cached_lexicon, derived
from ..text import lemmatize
from ._np_chunks import (
    _NOUN_TAGS,
    _NP_TAGS,
    INSTRUMENT_NOUNS,
    _head,
    _is_event,
    _np_left,
    _np_right,
    _starts_object,
)

BE_FORMS = frozenset("be is am are was were been being 's 're 'm ’s ’re ’m".split())


GET_FORMS = frozenset("get gets got gotten getting".split())


HAVE_FORMS = frozenset("have has had having 've ’ve 'd ’d".split())


MODALS = frozenset("will would can could may might must shall should 'll ’ll ca wo".split())


#: Tokens that may stand between an auxiliary and its participle.
_SKIP_WORDS = frozenset("not n't n’t never also all both each allegedly reportedly "
                        "apparently just still already ever either uh um further little half best".split())


#: Cardinal number words: never skipped between an auxiliary and its participle.
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve "
                         "twenty thirty forty fifty hundred thousand million dozen "
                         "dozens hundreds thousands millions".split())


#: Degree adverbs that only modify adjectives ("very concerned" is adjectival).
DEGREE_WORDS = frozenset("very so too quite extremely fairly pretty rather somewhat "
                         "incredibly really increasingly deeply".split())


#: Past-tense forms that differ from the participle: never a participle.
PAST_ONLY = frozenset("""
took went saw wrote gave ate fell rose began drove knew grew threw broke spoke chose froze
stole woke wore tore bore swore shook forgot hid bit drew flew blew ran came became sang
swam drank rang did was were arose forbade forgave forsook mistook overtook undertook
overcame withdrew overthrew underwent rode strove strode sprang stank shrank slew
""".split())


#: Verbs that have no passive (intransitive / unaccusative) in news prose.
INTRANSITIVE = frozenset("""
die arrive flee go come fall rise happen occur remain stay live sleep return emerge exist
appear seem disappear vanish collapse erupt march gather wait walk belong lie sit stand
protest retreat surrender escape perish proceed travel react respond rally consist originate
retire partner differ participate graduate collaborate compete cooperate rely depend reside
emigrate immigrate migrate retaliate tend wander hesitate
""".split())


#: Verbs never passivised, even with *be* ("they're gone", "it is fallen" is archaic).
_NO_PASSIVE = frozenset("go come die arrive happen occur exist seem appear disappear vanish "
                        "emerge belong perish fall remain consist originate "
                        # middle verbs take an object but no passive: "it cost $5",
                        # never "was cost" (the "middle verbs" of Quirk et al. 1985)
                        "cost resemble".split())


_PERSONAL_PRONOUNS = frozenset("i you we they he she".split())


_OBJECT_PRONOUNS = frozenset("it them him her me us".split())


_CAUSE_PREPS = frozenset("in during amid from after under through following".split())


_CLAUSE_END = frozenset(". ; : ? ! `` '' -- ( )".split())


#: Naming verbs take a second noun phrase in the passive ("a project called FrameNet").
NAMING_VERBS = frozenset("called named dubbed titled entitled labelled labeled termed "
                         "nicknamed christened renamed".split())


#: Ditransitive verbs keep an object in the passive ("was given a medal").
DITRANSITIVE = frozenset("given awarded granted offered shown told sent handed denied "
                         "promised paid charged asked taught allowed lent owed fined "
                         "sentenced".split())


#: Participles heading adjunct clauses with a fixed preposition ("based on the data",
#: "compared to last year"); UD annotates them as passive participles (``advcl``/``acl``).
ADJUNCT_PARTICIPLES = {"based": frozenset("on upon off".split()),
                       "compared": frozenset("to with".split()),
                       "known": frozenset(["as"]), "devoted": frozenset(["to"]),
                       "dedicated": frozenset(["to"]), "designed": frozenset("to for".split()),
                       "coupled": frozenset(["with"]), "composed": frozenset(["of"])}


#: Participles fronted before *be* in letters ("Attached for your review is ...").
INVERTED_PARTICIPLES = frozenset("attached enclosed included listed".split())


#: After *get*, these are adjectives or idioms ("got lost", "get done with").
GET_ADJECTIVAL = frozenset("done lost involved rid used tired bored engaged ready".split())


_COMPLEMENT_VERBS = frozenset("have has had having 've 'd get got gets getting gotten see saw "
                              "seen sees want wants wanted need needs needed find finds found "
                              "finding keep keeps kept keeping leave left make makes made making "
                              "like hear heard".split())


#: Month names and abbreviations (a date after "dated").
_MONTHS = frozenset("january february march april may june july august september october "
                    "november december jan feb mar apr jun jul aug sep sept oct nov dec".split())


# --------------------------------------------------------------------------- match records


@dataclass(frozen=True)
class Match:
    """A passive found by :func:`match_passives`, as token indices into the sentence.

    ``subject``, ``agent`` and ``cause`` are ``(first, last)`` inclusive token
    ranges or None; ``agent_head``/``cause_head`` are head token indices.
    """

    verb: int
    aux: tuple[int, ...]
    subject: tuple[int, int] | None
    agent: tuple[int, int] | None
    cause: tuple[int, int] | None
    kind: str
    flags: frozenset[str]
    agent_head: int | None = None
    cause_head: int | None = None


# --------------------------------------------------------------------------- lexicon


def stative_participles(path: str | None = None) -> dict[str, tuple[str, frozenset[str]]]:
    """``form -> (class, complement prepositions)`` from ``stative_participles.csv``.

    >>> stative_participles()["interested"][0], stative_participles()["located"][0]
    ('adjectival', 'stative')
    """
    return derived(_statives_table, cached_lexicon("stative_participles", path))


def _statives_table(lex: Lexicon) -> dict[str, tuple[str, frozenset[str]]]:
    return {r["form"]: (r["class"], frozenset(filter(None, r["complements"].split("|"))))
            for r in lex.rows}


# --------------------------------------------------------------------------- token tests


#: Participles identical to the base form (WordNet cannot tell them from it).
BASE_PARTICIPLES = frozenset("""
put set cut hit hurt shut spread let cast upset read quit shed split bet burst thrust cost rid
broadcast forecast beat offset outbid run overrun rerun
""".split())


@lru_cache(maxsize=65536)
def _participle_form(w: str) -> bool:
    """Can ``w`` be a past participle? (WordNet knows it as an inflected verb form,
    or it is a base-form participle, or a hyphenated ``-ed`` form such as "re-trained")."""
    if w in PAST_ONLY or w in BE_FORMS or w in ("got",):
        return False
    if w in BASE_PARTICIPLES:
        return True
    if lemmatize(w, "VBN") != w:
        return True
    # "re-trained", "co-opted": a verbal prefix on a known participle
    head, _, rest = w.partition("-")
    return head in ("re", "pre", "co", "mis") and bool(rest) and _participle_form(rest)


#: WordNet verb frames without an object ("Somebody ----s", "Somebody ----s PP", ...).
_INTRANSITIVE_FRAMES = frozenset((1, 2, 3, 4, 6, 7, 12, 13, 22, 23, 26, 27, 28, 29, 32, 33,
                                  34, 35))


def _transitive(lemma: str, threshold: float = 0.85) -> bool:
    """Is ``lemma`` (almost) always transitive? True when at least ``threshold`` of its
    WordNet senses, weighted by sense frequency, list only frames with an object
    ("allocate", "remove", "include"; not "close", "serve", "ask").

    >>> _transitive("allocate"), _transitive("walk")
    (True, False)
    """
    total, trans = _transitive_weights(lemma)
    return bool(total) and trans >= threshold * total


@lru_cache(maxsize=16384)
def _transitive_weights(lemma: str) -> tuple[int, int]:
    """(all, object-only) WordNet sense weights of verb ``lemma``, computed once per
    lemma whatever the threshold asked."""
    from nltk.corpus import wordnet as wn

    total = trans = 0
    for syn in wn.synsets(lemma, "v"):
        for lem in syn.lemmas():
            if lem.name() != lemma:
                continue
            weight = lem.count() + 1
            total += weight
            if not _INTRANSITIVE_FRAMES.intersection(lem.frame_ids()):
                trans += weight
    return total, trans


@lru_cache(maxsize=16384)
def _takes_clause(lemma: str) -> bool:
    """Does ``lemma`` take a finite complement clause (WordNet frame 26, "Somebody
    ----s that CLAUSE")? Then a noun phrase after it may start that clause.

    >>> _takes_clause("believe"), _takes_clause("destroy")
    (True, False)
    """
    from nltk.corpus import wordnet as wn

    return any(26 in lem.frame_ids() for syn in wn.synsets(lemma, "v")
               for lem in syn.lemmas() if lem.name() == lemma)


def _is_participle(w: str, t: str) -> bool:
    # a VBN-tagged "-ed" word WordNet does not know ("repurposed", "hogtied") is
    # still a participle: the tagger saw its context ("un-" forms are adjectives)
    return t in ("VBN", "VBD") and _participle_form(w) or (
        t == "VBN" and w.endswith("ed") and len(w) > 4 and w.isalpha() and
        not w.startswith("un") and w not in ("naked", "hatred", "hundred", "kindred"))


def _is_adverb(w: str, t: str) -> bool:
    # "-ly" words the tagger calls JJ/NNP ("most likely filled", "Biblically based")
    return t in ("RB", "RBR", "RBS") or w in _SKIP_WORDS or (
        t in ("JJ", "NNP") and len(w) > 5 and w.endswith("ly"))


# --------------------------------------------------------------------------- stages


def _aux_chain(ws: list[str], ts: list[str], i: int) -> tuple[str, tuple[int, ...], int] | None:
    """Kind ('be'/'get'), auxiliary token indices and first aux index for participle i."""
    j = i - 1
    # a cardinal between *be* and the participle ("is around ten well preserved
    # shipwrecks", the tagger's ten/RB) opens a noun phrase the participle
    # premodifies: not skipped, so no auxiliary is found
    while j >= 0 and (_is_adverb(ws[j], ts[j]) and ws[j] not in NUMBER_WORDS or
                      ws[j] in ("``", '"', "\u201c", "'", "\u2018") or
                      (ws[j] in (",", "and", "or") and j - 1 >= 0
                       and _is_adverb(ws[j - 1], ts[j - 1]))):
        j -= 1
    if j >= 3 and ws[j] == ",":
        # a parenthetical between auxiliary and participle: "We were, as you will
        # recall, interrupted", "is, to some extent, abandoned"
        for k in range(j - 2, max(0, j - 8), -1):
            if ws[k] == ",":
                if ws[k - 1] in BE_FORMS and ts[k - 1].startswith("V"):
                    j = k - 1
                break
    if j < 0:
        return None
    if ts[j] in ("PRP", "NN", "NNS", "NNP", "NNPS", "DT") and ws[j] not in ("there",) and \
            not (ts[j] == "NNP" and (ws[j] in BE_FORMS or ws[j] in GET_FORMS)):
        # question inversion: "What was it called?", "Is this contested?"
        np = _np_left(ws, ts, j)
        if np is not None and np[0] < np[1] and ws[np[0]] in BE_FORMS:
            np = (np[0] + 1, np[1])   # "Were/NNP any civilians": a capitalised auxiliary
        nxt = ws[i + 1] if i + 1 < len(ws) else "."
        if np is not None and (ts[np[1]] != "DT" or ws[np[1]] in ("this", "that")) and (
                nxt in _CLAUSE_END or nxt in ("?", ",", "by") or ts[i + 1] in ("IN", "RB", "TO")
                or ws[i] in NAMING_VERBS):
            b = np[0] - 1
            while b >= 1 and ws[b] in ("n't", "not", "n\u2019t"):
                b -= 1   # "Aren't they supposed to ..."
            if b >= 0 and ws[b] in BE_FORMS and (ts[b].startswith("V") or b == 0) and \
                    (b == 0 or ts[b - 1] in ("WP", "WRB", "WDT", "``", ",", "CC") or
                     ws[b - 1] in ("``", "“")):
                return "be", (b,), b
        return None
    w = ws[j]
    if w == "its" and ts[i] == "VBN" and (i + 1 == len(ws) or ts[i + 1] not in _NOUN_TAGS):
        return "be", (j,), j   # "its greatly appreciated": "it's" misspelt (web text)
    if w in GET_FORMS and ts[j].startswith("V"):
        kind = "get"
    elif w in BE_FORMS and (ts[j].startswith("V") or w in ("be", "been", "being") or
                            ts[j] == "NNP"):   # "Was/NNP quoted $55": a capitalised auxiliary
        kind = "be"
    else:
        return None
    aux = [j]
    k = j - 1
    while k >= 0:
        wk = ws[k]
        if wk in BE_FORMS | HAVE_FORMS | MODALS | {"to", "do", "does", "did"} and \
                (ts[k].startswith("V") or ts[k] in ("MD", "TO")):
            aux.append(k)
        elif not _is_adverb(wk, ts[k]):
            break
        k -= 1
    return kind, tuple(sorted(aux)), aux[-1]


def _adjectival(ws: list[str], ts: list[str], i: int, statives: dict, keep_stative: bool
                ) -> str | None:
    """'adjectival' / 'stative' if participle ``i`` is not a verbal passive."""
    w = ws[i]
    has_by = any(ws[k] == "by" for k in range(i + 1, min(len(ws), i + 3)))
    if i > 0 and ws[i - 1] in DEGREE_WORDS and not has_by:
        return "adjectival"
    entry = statives.get(w)
    if entry is None or has_by:
        return None
    cls, comps = entry
    if cls == "mixed":
        # verbal passive, but adjectival before its complement ("was involved in",
        # "am determined to", "we're done with")
        return "adjectival" if i + 1 < len(ws) and ws[i + 1] in comps else None
    if cls == "psych":
        # object-experiencer psych verbs (Levin 1993 class 31.1, "amuse" verbs):
        # adjectival before the stimulus complement ("terrified that ...",
        # "surprised at the prices"); otherwise an emotional state that UD
        # annotates as passive ("you will not be disappointed"), like `stative`
        if i + 1 < len(ws) and ws[i + 1] in comps:
            return "adjectival"
        return None if keep_stative else "stative"
    if cls == "stative":
        return None if keep_stative else "stative"
    return "adjectival"


def _outer_np(ws, ts, np: tuple[int, int] | None) -> tuple[int, int] | None:
    """Climb over postmodifying PPs: "the central market [in Korvan]" -> "the central market"."""
    for _ in range(2):
        if np is None or np[0] < 2:
            return np
        p = np[0] - 1
        if ts[p] == "IN" and ws[p] in ("in", "at", "near", "on", "from", "outside", "inside") \
                and ts[p - 1] in ("NN", "NNS", "NNP", "NNPS"):
            outer = _np_left(ws, ts, p - 1)
            if outer is None:
                return np
            np = outer
        else:
            return np
    return np


def _skip_parenthetical(ws, ts, j: int) -> int:
    """From a comma at ``j`` closing a parenthetical ("Nine people, including four
    children, were killed"), return the index of the token before its opening comma."""
    for k in range(j - 1, max(-1, j - 12), -1):
        if ws[k] == ",":
            inner = ws[k + 1:j]
            if inner and (inner[0] in ("including", "among", "mostly", "many", "most",
                                       "some", "all", "both") or "of" in inner[:3]
                          or ts[k + 1] in ("VBN", "VBG", "CD")):
                return k - 1
            return -1
    return -1


def _subject_for_aux(ws, ts, first_aux: int) -> tuple[tuple[int, int] | None, set[str]]:
    flags: set[str] = set()
    j = first_aux - 1
    while j >= 0 and (_is_adverb(ws[j], ts[j]) or ts[j] == "MD"):
        j -= 1
    if j >= 0 and ws[j] == ",":
        k = _skip_parenthetical(ws, ts, j)
        if k >= 0:
            j = k
            flags.add("parenthetical")
    np = _outer_np(ws, ts, _np_left(ws, ts, j)) if j >= 0 else None
    if np and ts[np[1]] in ("WDT", "WP"):
        # relative pronoun: use the antecedent ("the town that was bombed")
        k = np[0] - 1
        if k >= 0 and ws[k] == ",":
            k -= 1
        ante = _np_left(ws, ts, k) if k >= 0 and ts[k] in _NOUN_TAGS else None
        if ante:
            flags.add("relative")
            np = ante
    return np, flags


def _agent_cause(ws, ts, i: int) -> tuple:
    """First by-agent / by-cause and first cause PP after participle ``i``."""
    n = len(ws)
    agent = cause = agent_head = cause_head = None
    flags: set[str] = set()
    limit = n
    for k in range(i + 1, n):
        if ws[k] in _CLAUSE_END or ts[k] in ("VBZ", "VBP", "MD", "WDT", "WP") or \
                (ws[k] == "," and k + 1 < n and ts[k + 1] in ("NNS", "NN", "NNP", "PRP", "DT")
                 and k + 2 < n and ts[k + 2].startswith("VB")):
            limit = k
            break
    j = i + 1
    steps = 0
    while j < limit and steps < 6:
        w = ws[j]
        if w == "by" or (w in _CAUSE_PREPS and ts[j] == "IN"):
            start = j + 2 if w == "by" and j + 1 < limit and ws[j + 1] == ":" else j + 1
            np = _np_right(ws, ts, start, limit)
            if np is None:
                j += 1
                steps += 1
                continue
            h = _head(ws, ts, np)
            hw, ht = ws[h], ts[h]
            base = lemmatize(hw, ht) if ht.startswith("N") else hw
            if w == "by":
                if _is_event(hw, ht) or ht == "VBG" or base in INSTRUMENT_NOUNS:
                    if cause is None:
                        cause, cause_head = (np[0], np[1]), h
                        flags.add("cause_by")
                        if base in INSTRUMENT_NOUNS:
                            flags.add("instrument")
                elif agent is None:
                    agent, agent_head = (np[0], np[1]), h
            elif cause is None and (_is_event(hw, ht) or base in INSTRUMENT_NOUNS):
                cause, cause_head = (j + 1, np[1]), h
                flags.add(f"cause_{w}")
            j = np[1] + 1
            steps += 1
            continue
        if ts[j] in ("RB", "RP", "IN", "TO", ",", "``", "''") or ts[j] in _NP_TAGS:
            j += 1
            steps += 0 if ts[j - 1] in ("RB", "RP") else 1
            continue
        break
    return agent, cause, agent_head, cause_head, flags


_SUBORDINATORS = frozenset("that because if while when whenever although though as since after "
                           "before until unless whether so once where than".split())


_QUANT_OBJECT = frozenset("about nearly some more over around almost up at least roughly "
                          "approximately".split())


def _main_verb_follows(ws, ts, i: int) -> bool:
    """Is there a finite verb after ``i`` that can be the clause's main verb
    (not introduced by its own subject, a relative pronoun or a conjunction)?"""
    for k in range(i + 1, len(ts)):
        w, t = ws[k], ts[k]
        if w in (";", ":", "that", "which", "who", "whom", "whose") or t in ("WDT", "WP"):
            return False
        if t in ("VBZ", "VBP", "MD") or (t == "VBD" and k > i + 1):
            prev_t = ts[k - 1]
            if prev_t in ("NN", "NNS", "NNP", "NNPS") and k - 2 > i:
                # the noun before the verb closes a complement of the participle
                # ("a woman devoted to Jesus should live"): no new subject
                np = _np_left(ws, ts, k - 1)
                if np is not None and np[0] - 1 > i and ts[np[0] - 1] in ("IN", "TO") and \
                        ws[np[0] - 1] not in _SUBORDINATORS:
                    return True
            return prev_t not in ("PRP", "CC", "NN", "NNS", "NNP", "NNPS")
    return False


#: Verbs taking an infinitive with their own subject ("wanted to go"); never a
#: reduced passive before "to" + verb (unlike "asked/ordered to go").
_CATENATIVE = frozenset("want try prefer decide hope plan start begin continue like love hate "
                        "refuse agree attempt manage fail pledge promise vote seek choose "
                        "threaten vow intend".split())


_COPULAR_VERBS = frozenset("become became becomes becoming feel felt feels seem seemed seems "
                           "remain remained remains appear appeared appears stay stayed "
                           "look looked looks".split())


def _conjoined_with_participle(ws, ts, cc: int) -> bool:
    """Is the conjunction at ``cc`` preceded by a non-perfect participle phrase?"""
    for k in range(cc - 1, max(-1, cc - 9), -1):
        if ts[k] in ("VBN", "VBD") and _participle_form(ws[k]):
            chain = k - 1
            while chain >= 0 and _is_adverb(ws[chain], ts[chain]):
                chain -= 1
            if chain >= 0 and ws[chain] in HAVE_FORMS:
                return False
            # a VBD conjunct after its subject is an active past tense ("he
            # travelled to Gaul and settled in Trier")
            return not (ts[k] == "VBD" and chain >= 0 and ts[chain] in (
                "PRP", "NN", "NNS", "NNP", "NNPS") and _aux_chain(ws, ts, k) is None)
        if ts[k] in ("VBZ", "VBP", "MD", "VB", "VBG") or ws[k] in (";", ":"):
            return False
    return False


def _conjoined_with_be_predicate(ws, ts, cc: int) -> bool:
    """Is the conjunction at ``cc`` preceded by a short *be* + adjective predicate
    ("is delicious and [cooked]", "was sweet but [balanced]"), whose *be* the
    participle shares?"""
    for k in range(cc - 1, max(-1, cc - 6), -1):
        if ws[k] in BE_FORMS and ts[k].startswith("V"):
            return k < cc - 1 and ts[cc - 1] in ("JJ", "JJR", "RB", "VBN")
        if ts[k] not in ("JJ", "JJR", "RB", "RBR", ",", "CC", "VBN"):
            return False
    return False


def _after_active_clause(ws, ts, cc: int) -> bool:
    """Is the conjunct before the conjunction at ``cc`` an active finite clause
    ("I ordered furniture and contracted for ...", "he travelled to Gaul and
    settled in Trier")? Then a past form after the conjunction is its coordinated
    active verb sharing the subject, not a passive participle. Active: the nearest
    verb is a present tense, a past-only form ("took"), or a past form with an
    object or a personal-pronoun subject. After an adjective the participle is
    coordinated with that complement instead ("We end up fat and fatigued")."""
    if cc > 0 and ts[cc - 1] in ("JJ", "JJR"):
        return False
    for k in range(cc - 1, max(-1, cc - 10), -1):
        w, t = ws[k], ts[k]
        if w in (".", ";", ":") or t in ("VBN", "VBG", "VB", "MD"):
            return False
        if t in ("VBZ", "VBP", "VBD"):
            if w in BE_FORMS or w in HAVE_FORMS or w in GET_FORMS:
                return False
            if t != "VBD" or w in PAST_ONLY or not _participle_form(w):
                return True
            b = k - 1
            while b >= 0 and _is_adverb(ws[b], ts[b]):
                b -= 1
            return _starts_object(ws, ts, k + 1) or (b >= 0 and ws[b] in _PERSONAL_PRONOUNS)
    return False


def _after_perfect(ws, ts, cc: int) -> bool:
    """Is the clause before the conjunction at ``cc`` a perfect ("has left and gone")?"""
    for k in range(cc - 1, max(-1, cc - 9), -1):
        if ws[k] in HAVE_FORMS:
            return True
        if ts[k] in ("VBZ", "VBP", "VBD", "MD") or ws[k] in (".", ";", ":"):
            return False
    return False


def _inverted_perfect(ws, ts, v: int, subj: int) -> bool:
    """Is *have* at ``v`` a clause-initial auxiliary inverted before its subject
    starting at ``subj`` in a question ("Has it helped ...?", "Why has the city
    changed?")? An accusative pronoun cannot be that subject ("and had them all
    embroidered"), and without a question mark "and have it placed" is an imperative."""
    return ws[v] in HAVE_FORMS and ws[subj] not in ("them", "him", "me", "us") and (
        v == 0 or ts[v - 1] in ("WRB", "WP", ",", "CC", "``", "(")) and "?" in ws[v:]


def _object_complement(ws, ts, i: int) -> tuple[int, int] | None:
    """The object of "have/get/keep/want/find ... + object + participle" ("had our
    car returned", "get me tested", "keep you advised", "find yourself pushed"):
    a passive participle as object complement (Quirk et al. 1985 §16.52-16.53).
    Returns the object's token range or None."""
    if _COMPLEMENT_VERBS.isdisjoint(ws[max(0, i - 8):i]):
        return None   # cheap exit: no have/get/keep/... in reach
    j = i - 1
    while j >= 0 and _is_adverb(ws[j], ts[j]):
        j -= 1
    if j < 1:
        return None
    if ts[j] == "PRP":
        if ws[j] in _PERSONAL_PRONOUNS and ws[j] != "you":
            return None   # "I saw they ...": a subject pronoun
        np: tuple[int, int] | None = (j, j)
    elif ts[j] in ("NN", "NNS", "NNP", "NNPS") or (ts[j] == "DT" and ws[j] in ("this", "that")):
        np = (j, j) if ts[j] == "DT" else _np_left(ws, ts, j)
    else:
        return None
    if np is None:
        return None
    v = np[0] - 1
    if v < 0 or ws[v] not in _COMPLEMENT_VERBS or not (ts[v].startswith("VB") or ts[v] == "MD"):
        return None
    # an object after the participle makes it active ("has the seamstress done a
    # perfect job"); a nominative pronoun there opens a new clause instead
    # ("bother having it fixed I should just buy a new one")
    if _starts_object(ws, ts, i + 1) and ws[i + 1] not in _PERSONAL_PRONOUNS or (
            i + 1 < len(ws) and ws[i + 1] == "that"):
        return None
    if ts[i] == "VBD" and not _transitive(lemmatize(ws[i], "VBN"), 0.5):
        return None
    if _inverted_perfect(ws, ts, v, np[0]):
        return None   # "Has the internet helped ...?": an inverted perfect
    return np


def _adverb_fragment(ws, ts, i: int) -> bool:
    """Is participle ``i`` a verbless fragment of manner adverb(s) + participle
    ("Highly recommended!", "Well done.", "Great store, thoroughly recommended.")?

    Review and note styles drop the subject and auxiliary of a passive clause
    (Biber et al. 1999 §8.14 on situational ellipsis); the manner adverb marks the
    participle as verbal, unlike a degree adverb ("Very tired.": adjectival). The
    fragment opens the sentence, or follows a comma after a verbless noun phrase,
    and ends it.

    >>> _adverb_fragment(["highly", "recommended", "!"], ["RB", "JJ", "."], 1)
    True
    >>> _adverb_fragment(["very", "tired", "."], ["RB", "JJ", "."], 1)
    False
    """
    n = len(ws)
    if i + 1 < n and ws[i + 1] not in (".", "!", "?", "!!", "..."):
        return False
    if ws[i] in BE_FORMS or ws[i] in DEGREE_WORDS or (
            ws[i] == lemmatize(ws[i], "VBN") and ws[i] not in BASE_PARTICIPLES):
        return False
    k = i - 1
    while k >= 0 and _is_adverb(ws[k], ts[k]) and ws[k] not in DEGREE_WORDS and \
            ws[k] not in _SKIP_WORDS:
        k -= 1
    if k == i - 1:
        return False   # no adverb
    if k >= 0 and any(t in ("VBZ", "VBP", "VBD", "MD") for t in ts[:k]):
        return False   # "She has professional hair, lightly streaked.": not verbless
    return k < 0 or (ws[k] == "," and k > 0 and ts[k - 1] in ("NN", "NNS", "NNP", "NNPS"))


@lru_cache(maxsize=4096)
def _lexical_adjective(w: str, threshold: int = 8) -> bool:
    """Is participle form ``w`` a lexicalised adjective: its WordNet adjective
    senses occur at least ``threshold`` times in the sense-tagged SemCor counts
    ("interested", "distinguished", "sophisticated"; not "failed", "protected")?
    Such participial adjectives (Quirk et al. 1985, ch. 7) are ``ADJ`` in UD.

    >>> _lexical_adjective("sophisticated"), _lexical_adjective("failed")
    (True, False)
    """
    from nltk.corpus import wordnet as wn

    return sum(lem.count() for syn in wn.synsets(w, "a") + wn.synsets(w, "s")
               for lem in syn.lemmas() if lem.name().lower() == w) >= threshold


def _attributive_conjunct(ws, ts, i: int) -> bool:
    """Is participle ``i`` the second conjunct of a prenominal modifier ("a weak
    and failed state", "scheduled or chartered air service")?"""
    j = i - 1
    while j >= 0 and _is_adverb(ws[j], ts[j]):
        j -= 1
    if j < 1 or ws[j] not in ("and", "or", "but") or i + 1 >= len(ws):
        return False
    if ts[j - 1] not in ("JJ", "JJR", "VBN") or ws[j - 1] in ("done",):
        return False
    k = j - 2
    while k >= 0 and _is_adverb(ws[k], ts[k]):
        k -= 1
    if k >= 0 and ts[k] not in ("DT", "PRP$", "IN", "CC", ",", "CD", "JJ", "``", "POS"):
        return False   # "was overpriced and lacked flavor": a predicate, not a modifier
    nt = ts[i + 1]
    return nt in ("NN", "NNS", "NNPS") or (nt == "JJ" and i + 2 < len(ws) and
                                           ts[i + 2] in ("NN", "NNS", "NNPS"))


_DETERMINERS = frozenset("the a an that this these those its their his her our my your "
                         "some any".split())


_FIXED_PARTICIPLES = frozenset("said put granted assured given".split())


def _fixed_participle(ws, i: int, b: int, nw: str) -> bool:
    """Fixed participle expressions: "That said,", "Simply put,", "for granted",
    "rest assured", prepositional "given the/that ..."."""
    w, pw = ws[i], ws[b] if b >= 0 else ""
    if w == "said":
        return pw == "that" and b == 0 and nw in (",", "-", "--", "that")
    if w == "put":
        return pw in ("simply", "bluntly", "briefly") and nw == ","
    if w == "granted":
        return pw == "for"
    if w == "assured":
        return pw == "rest"
    if w == "given":
        return nw in _DETERMINERS and pw not in BE_FORMS and pw not in GET_FORMS and \
            pw not in HAVE_FORMS and pw not in ("being", "having")
    return False


def _contact_clause(ws, ts, np: tuple[int, int], before: int) -> bool:
    """Is the noun phrase ``np`` before a participle the subject of a contact
    (zero-relativiser) clause, "the care [my pup received]", "what [the dealer said]"?
    Two noun phrases in a row, the second opening with a determiner, are a head
    and a relative clause with its object gapped (Quirk et al. 1985 §17.15), so
    the verb after them is active."""
    if before >= 0 and ws[before] in ("what", "whatever"):
        return True
    return any(ts[k] in ("DT", "PRP$") and ws[k] not in ("all", "both", "each", "that")
               and ts[k - 1] in ("NN", "NNS", "NNP", "NNPS") for k in range(np[0] + 1, np[1] + 1))


def _reduced(ws, ts, i: int, headline: bool) -> tuple[tuple[int, int] | None, set[str]] | None:
    """Subject span and flags if participle ``i`` heads a reduced passive."""
    w, t = ws[i], ts[i]
    lemma = lemmatize(w, "VBN")
    if w in BE_FORMS or w in ("had", "got", "been") or lemma in _NO_PASSIVE:
        return None
    oc = None if _COMPLEMENT_VERBS.isdisjoint(ws[max(0, i - 8):i]) else \
        _object_complement(ws, ts, i)
    if oc is not None:
        return oc, {"object_complement"}
    if lemma in INTRANSITIVE:
        return None
    n = len(ts)
    nxt = i + 1
    nw = ws[nxt] if nxt < n else ""
    k = nxt
    while k < n and (ts[k] in ("RB", "RP") or ws[k] in ("``", "''", '"')):
        k += 1
    if k + 1 < n and ws[k] == "by" and ws[k + 1] not in ("then", "now", "far", "way") and \
            ws[k + 1:k + 3] != ["the", "way"]:
        b = i - 1
        while b >= 0 and _is_adverb(ws[b], ts[b]):
            b -= 1
        if not (b >= 0 and ws[b] in HAVE_FORMS):
            # a participle directly followed by a by-agent: passive whatever precedes
            np = _np_left(ws, ts, b) if b >= 0 and ts[b] in _NOUN_TAGS else None
            return np, {"by_agent"}
    b = i - 1
    while b >= 0 and _is_adverb(ws[b], ts[b]):
        b -= 1
    after_have = b >= 0 and ws[b] in HAVE_FORMS
    if not after_have and w in ADJUNCT_PARTICIPLES and nw in ADJUNCT_PARTICIPLES[w]:
        # "a model developed based on X", "expensive compared to America"
        return None, {"participle_clause", "fixed_preposition"}
    if w == "opposed" and b >= 0 and ws[b] == "as" and nw == "to":
        return None, {"participle_clause", "fixed_preposition"}   # "as opposed to"
    if w in _FIXED_PARTICIPLES and not after_have and _fixed_participle(ws, i, b, nw):
        # "That said, ...", "Simply put, ...", "take it for granted", "rest assured",
        # "dangerous given the traffic": fixed participle clauses (UD: Voice=Pass)
        return None, {"participle_clause", "fixed_preposition"}
    if w == "dated" and not after_have and b >= 0 and ws[b] not in _PERSONAL_PRONOUNS and (
            nw in _MONTHS or ws[nxt:nxt + 3] == ["as", "of"] or (
                ts[nxt:nxt + 1] == ["CD"] and any(c in nw for c in "/-."))):
        # documentary "dated": "the letter dated November 16", "draft dated 11/8/2000"
        np = _np_left(ws, ts, b) if ts[b] in _NOUN_TAGS else None
        return np, set()
    if w == "said" and nw != "to":
        # a reporting verb after a noun is its finite verb ("the previous poster
        # said, ..."); reduced "said" is only "said to be" (UD train: no other)
        return None
    if w in NAMING_VERBS and not after_have and b >= 0 and (
            ts[b] in ("NN", "NNS") or (b < i - 1 and ws[b] in (",", "(", ";"))) and (
            ts[nxt:nxt + 1] in (["NNP"], ["NNPS"], ["``"]) or nw in ('"', "“") or
            (ts[nxt:nxt + 1] == ["DT"] and ts[nxt + 1:nxt + 2] in (["NNP"], ["``"]))):
        # "a band called Manic Albatross", "(often called the Riverside Airport)"
        np = _np_left(ws, ts, b) if ts[b] in _NOUN_TAGS else None
        return np, {"naming"}
    if w == "born" and (b < 0 or ws[b] in ("(", ",", ";", ":")) and (
            ts[nxt:nxt + 1] in (["CD"], ["NNP"]) or nw in (":", "in", "on", "at", "into")):
        return None, {"participle_clause"}   # "(born 3 April 1978)", "Born: June 11"
    if w in ("attached", "enclosed") and (
            (b < 0 and (nw == "please" or not _starts_object(ws, ts, nxt))) or
            (b >= 0 and ws[b] in ("find", "see") and ts[nxt:nxt + 1] not in (["NN"], ["NNS"],
                                                                               ["JJ"]))):
        return None, {"participle_clause"}   # "Attached please find", "please find attached X"
    if (_starts_object(ws, ts, nxt) and not (t == "VBN" and (w in NAMING_VERBS or
                                                            w in DITRANSITIVE))) or \
            (t == "VBD" and nw in ("how", "why", "what", "whether", "if", "who")) or \
            (nw in _QUANT_OBJECT and nxt + 1 < n and
                                       ts[nxt + 1] in ("CD", "JJS", "RBS", "JJR")):
        return None  # followed by an object: an active verb
    if nw == "to" and lemma in _CATENATIVE and ts[nxt + 1:nxt + 2] == ["VB"]:
        return None   # "wanted to buy", "tried to call": a catenative verb, active
    if t == "VBD" and (nw == "that" and w not in DITRANSITIVE or
                       nw == "to" and ts[nxt + 1:nxt + 2] in (["VB"], [])):
        return None   # "decided to go", "said that": active
    j = i - 1
    while j >= 0 and (ts[j] == "RB" or ts[j] in ("JJ", "NNP") and len(ws[j]) > 5 and
                      ws[j].endswith("ly")):
        j -= 1
    if w == "given" and (j < 0 or ws[j] in (",", "``", "(", "\u201c")):
        return None, {"participle_clause"}  # "Given the volume of ..."
    # sentence-initial participle clause: "Founded in 1990, ..."
    if j < 0 or ws[j] in ("``", '"', "\u201c", "(", "''") or (j == 0 and ts[j] == "CC"):
        if j < 0 and nw != "by" and (w == lemma or "," not in ws[i + 1:] and any(
                tk in ("VBZ", "VBP", "VBD", "MD") for tk in ts[i + 1:])):
            # "Read on to learn", "Talked to Craig today and he agreed": an
            # imperative or a subject-less finite verb, not a participle clause
            # (which is followed by a comma and its main clause)
            return None
        if nw in ("by", "in", "on", "at", "as", "to", "about", "with", "from", "after", ",",
                  "for", "under", "into", "through") or ts[nxt:nxt + 1] in (["RB"], ["IN"],
                                                                            ["RP"]):
            return None, {"participle_clause"}
        if t == "VBN" and j < i - 1 and (i + 1 == n or nw in (".", "!")):
            return None, {"participle_clause"}   # "Highly recommended.", "Well done!"
        if t == "VBN" and j >= 0 and ws[j] == "(" and (
                nw in (")", ":", "``", '"', "\u201c") or ts[nxt:nxt + 1] == ["WRB"]):
            return None, {"participle_clause"}   # "flour (sifted)", "(pronounced "Yor-vik")"
        return None
    prev_w, prev_t = ws[j], ts[j]
    if prev_w in _SUBORDINATORS and prev_w != "that" and t == "VBN":
        return None, {"participle_clause"}  # "as presented here", "when invited to"
    if prev_w in _COPULAR_VERBS and t == "VBN":
        return None, {"copular"}  # "became known", "felt compelled"
    if prev_w in _OBJECT_PRONOUNS and prev_t == "PRP":
        if j > 0 and ws[j - 1] in _COMPLEMENT_VERBS:
            if _inverted_perfect(ws, ts, j - 1, j):
                return None   # "Has it helped ...?"
            return (j, j), {"object_complement"}
        return None
    if prev_w == "," and j > 0 and (ts[j - 1] in _NOUN_TAGS or ws[j - 1] in (")", "''")) and (
            nw == "by" or (t == "VBN" or ts[nxt:nxt + 1] == ["RB"] or nw in ("as",)) and (
            nw in ("by", "in", "at", "on", "as", "from", "to", "for", "with", "``", "''",
                   '"', "\u201c") or ts[nxt:nxt + 1] in (["RB"], ["IN"]))):
        # "..., founded in 1990 by ..." (participle clause after a comma)
        k = j - 1
        np = _np_left(ws, ts, k) if k >= 0 and ts[k] in _NOUN_TAGS else None
        return np, {"participle_clause"}
    if prev_t == "CC" and t == "VBN" and (nw in (".", ",", "by", "!", ";") or
                                          ts[nxt:nxt + 1] in (["IN"], ["TO"], [])) and \
            not _after_perfect(ws, ts, j) and not _after_active_clause(ws, ts, j):
        return None, {"coordinated"}  # "damp, but not soaked."
    if prev_t == "CC" and (t == "VBN" or nw in ("in", "by", "to", "as", "with", "for")) and \
            _conjoined_with_participle(ws, ts, j) and not _after_active_clause(ws, ts, j):
        return None, {"coordinated"}  # "adapted to X and used for Y"
    if prev_t == "CC" and ws[j] in ("and", "but", "or") and (
            t == "VBN" or _transitive(lemma)) and _conjoined_with_be_predicate(ws, ts, j):
        return None, {"coordinated"}  # "Everything is delicious and cooked perfectly"
    if prev_t == "DT" and nw == "by" and prev_w in ("that", "those", "this", "these"):
        return (j, j), set()
    if t == "VBN" and prev_w in ("those", "others", "first", "many", "most") and \
            not _starts_object(ws, ts, nxt):
        return (j, j), set()   # "those killed in the war", "among the first killed"
    if prev_t not in ("NN", "NNS", "NNP", "NNPS", "CD") or prev_w in ("%",):
        return None
    np = _np_left(ws, ts, j, of_quantity_only=True)
    if np is None:
        return None
    before = np[0] - 1
    flags: set[str] = set()
    # absolute: "with the hospital in the area struck"
    k = before
    if k >= 1 and ts[k] == "IN" and ws[k] != "with":
        outer = _np_left(ws, ts, k - 1) if ts[k - 1] in _NOUN_TAGS else None
        if outer is not None and outer[0] - 1 >= 0 and ws[outer[0] - 1] == "with":
            np, before = outer, outer[0] - 1
    if before >= 0 and ws[before] == "with":
        flags.add("absolute")
        return np, flags
    if headline:
        return np, flags
    if _contact_clause(ws, ts, np, before):
        return None   # "the care my pup received": the subject of a contact relative
    # Garden path: after a noun phrase that could be the subject, a participle
    # is a reduced relative only with a by-agent or a main verb still to come.
    bw = ws[before] if before >= 0 else ""
    non_subject = before >= 0 and bw not in _SUBORDINATORS and (
        ts[before] in ("IN", "TO") or ts[before].startswith("VB"))
    if non_subject and ts[before].startswith("VB") and _takes_clause(lemmatize(bw, ts[before])):
        # "Dunn believes the resulting overcharges exceeded ...": the noun phrase
        # may be the subject of a zero-"that" complement clause
        non_subject = False
    if non_subject and t in ("VBD", "VBN") and ts[before] == "IN":
        # "Troy Patterson of Slate Magazine ventured": the PP modifies a subject
        k = before
        while k >= 1 and ts[k] == "IN" and ts[k - 1] in _NOUN_TAGS:
            outer = _np_left(ws, ts, k - 1)
            if outer is None:
                break
            k = outer[0] - 1
        if k < 0 or ws[k] in (",", "``", "(", "and", "but", "or", ";", ":") or \
                ts[k] in ("CC", "RB") or ws[k] in _SUBORDINATORS:
            non_subject = False
    if t == "VBN" and before >= 1 and ws[before] == "," and ts[before - 1] in (
            "NN", "NNS", "NNP", "NNPS") and ts[np[0]] in ("DT", "PRP$"):
        return np, {"appositive"}   # "Siwu, a Kwa language spoken in Ghana"
    if not non_subject and (before < 0 or bw in _SUBORDINATORS) and \
            not any(tk in ("VBZ", "VBP", "VBD", "MD") for tk in ts[i + 1:]) and \
            not _transitive(lemma):
        # "The competition ended/VBN on Tuesday.": a clause-initial noun phrase, no
        # other verb to be its predicate, and a verb that can be intransitive
        return None
    if not non_subject and w == "used" and nw == "to" and ts[nxt + 1:nxt + 2] == ["VB"] and \
            (before < 0 or bw in _SUBORDINATORS or ts[before] == "CC"):
        return None   # "elk in Yellowstone used to browse": habitual "used to"
    if not non_subject and ws[i] in DITRANSITIVE and _starts_object(ws, ts, nxt):
        return None   # "Hundreds of vendors offered products": active, object kept
    if non_subject or (t == "VBN" and (_transitive(lemma, 0.4) or
                                       _main_verb_follows(ws, ts, i))):
        return np, flags
    if nw == "by" or (_main_verb_follows(ws, ts, i) and _transitive(lemma, 0.5) and (
            t == "VBN" or _transitive(lemma))):
        flags.add("garden_path")
        return np, flags
    if _transitive(lemma) and ts[j] in ("NN", "NNS") and ts[nxt:nxt + 1] not in (
            ["RP"], ["VBG"], ["RB"]) and nw not in ("and", "or", "but", "out", "up", "on",
                                                    "off", "back", "over", "down") and (
            before < 0 or (ts[before] not in _NOUN_TAGS | {"WDT", "WP", "POS"} and
                           bw not in ("that", "what", "which", "whatever"))):
        # an obligatorily transitive verb with no object: "Amount allocated per person"
        flags.add("no_object")
        return np, flags
    return None


def _coordinated(ws, ts, i: int) -> list[tuple[int, str, tuple[int, int] | None]]:
    """Participles coordinated with ``i`` ("killed and wounded") or gapped
    clauses ("and at least 400,000 people displaced")."""
    out = []
    n = len(ws)
    j = i + 1
    while j < n:
        if ws[j] == "," and j + 1 < n and _is_participle(ws[j + 1], ts[j + 1]) and \
                not _starts_object(ws, ts, j + 2) and ws[j + 2:j + 3] not in (
                    ["is"], ["are"], ["was"], ["were"]):   # not "As discussed, attached is"
            out.append((j + 1, "coordinated", None))
            j += 2
            continue
        if ws[j] in ("and", "or") or (ws[j] == "," and j + 1 < n and ws[j + 1] in ("and", "or")):
            k = j + 1 if ws[j] != "," else j + 2
            while k < n and _is_adverb(ws[k], ts[k]):
                k += 1
            if k < n and _is_participle(ws[k], ts[k]) and ws[k] not in PAST_ONLY and \
                    not (ts[k] == "VBD" and _starts_object(ws, ts, k + 1)):
                out.append((k, "coordinated", None))
                j = k + 1
                continue
            # gapping: "and at least 400,000 people displaced"
            e = k
            while e < n and (ts[e] in _NP_TAGS or ws[e] in ("at", "least", "of", "more", "than",
                                                              "about", "nearly", "some")):
                e += 1
            if e > k and e < n and _is_participle(ws[e], ts[e]) and \
                    ts[e - 1] in ("NN", "NNS", "NNP", "NNPS", "CD") and \
                    (e + 1 >= n or not _starts_object(ws, ts, e + 1)):
                np = _np_left(ws, ts, e - 1)
                out.append((e, "gapped", np))
            break
        break
    return out


#: Particles of phrasal verbs written hyphenated onto the participle ("is cut-off").
_PARTICLES = frozenset("off up out down over away".split())


#: Hyphenated participle + particle words that are adjectives, not in WordNet.
_PARTICLE_ADJECTIVES = frozenset("fed-up grown-up stressed-out".split())


@lru_cache(maxsize=4096)
def _particle_participle(w: str) -> bool:
    """Is ``w`` a phrasal verb's participle written as one hyphenated word
    ("cut-off", "set-up", "shut-down")?

    Writers often hyphenate the particle onto the participle of a phrasal verb
    (Quirk et al. 1985 §16.2-16.4 on phrasal verbs; the participle keeps its
    particle in the passive, "the supply was cut off"). Compounds lexicalised as
    adjectives ("worn-out", "laid-back": WordNet adjectives) are excluded.

    >>> _particle_participle("cut-off"), _particle_participle("worn-out")
    (True, False)
    """
    head, _, part = w.rpartition("-")
    if part not in _PARTICLES or not head.isalpha() or w in _PARTICLE_ADJECTIVES:
        return False
    if not _participle_form(head) or lemmatize(head, "VBN") in INTRANSITIVE:
        return False
    from nltk.corpus import wordnet as wn

    return not wn.synsets(w, "a") and not wn.synsets(w, "s")


#: Tags a participle (or a fronted "Attached"/"Enclosed") can carry.
_CANDIDATE_TAGS = frozenset("VBN VBD JJ NNP".split())


# --------------------------------------------------------------------------- the detector


def match_passives(words: list[str], tags: list[str], *, headline: bool = False,
                   statives: bool = False, lexicon_path: str | None = None) -> list[Match]:
    """Passives in one tagged sentence (token-index level; the core of this module).

    Parameters
    ----------
    words, tags : list of str
        Token strings and Penn tags of one sentence.
    headline : bool
        Headline grammar: accept auxiliary-less "3 killed in strike".
    statives : bool
        Keep stative participles ("is located", "was born"), flagged
        ``stative``, as UD does. Adjectival ones ("is interested") never count.

    >>> w = "The town was bombed and shelled by jets .".split()
    >>> t = ["DT", "NN", "VBD", "VBN", "CC", "VBN", "IN", "NNS", "."]
    >>> [(w[m.verb], m.kind, sorted(m.flags)) for m in match_passives(w, t)]
    [('bombed', 'be', []), ('shelled', 'be', ['coordinated'])]
    """
    ts = list(tags)
    if _CANDIDATE_TAGS.isdisjoint(ts) and not any("-" in w for w in words):
        return []   # no participle-like token: most sentences stop here
    joined = "\x00".join(words)
    if joined.count("\x00") == len(words) - 1:   # one lower() for the sentence
        ws = joined.lower().replace("\u2019", "'").split("\x00")
    else:
        ws = [w.lower().replace("\u2019", "'") for w in words]
    stat = stative_participles(lexicon_path)
    found: dict[int, Match] = {}
    for i, (w, t) in enumerate(zip(ws, ts)):
        if t not in _CANDIDATE_TAGS and not (t == "NN" and "-" in w) or i in found:
            continue   # (a hyphenated "cut-off/NN" may be a participle + particle)
        if i == 0 and len(ws) > 2 and ws[1] in BE_FORMS and ts[0] in ("VBN", "VBD", "NNP", "JJ") \
                and _participle_form(w) and w not in stat and w.endswith("ed"):
            # inverted passive: "Attached is the agreement."
            np = _np_right(ws, ts, 2, len(ws))
            found[i] = Match(i, (1,), np, None, None, "be", frozenset({"inverted"}))
            continue
        if w in INVERTED_PARTICIPLES and (i == 0 or ws[i - 1] in (",", "also")):
            # "Attached for your review are copies of ...": a fronted participle and a PP
            k = i + 1
            while k < len(ws) and k < i + 6 and ts[k] in ("IN", "PRP$", "DT", "NN", "JJ"):
                k += 1
            if k + 1 < len(ws) and ws[k] in BE_FORMS and ts[k].startswith("V") \
                    and (k == i + 1 or ws[i + 1] in ("for", "to", "with", "below", "herewith")):
                np = _np_right(ws, ts, k + 1, len(ws))
                found[i] = Match(i, (k,), np, None, None, "be", frozenset({"inverted"}))
                continue
        jj = t == "JJ" and w[-1:] in ("d", "t", "n") and not w.endswith("ing") and \
            w not in BASE_PARTICIPLES and _participle_form(w) or \
            t in ("JJ", "NN", "VBN") and "-" in w and _particle_participle(w)
        if not (_is_participle(w, t) or jj):
            continue
        if statives and _attributive_conjunct(ws, ts, i) and not _lexical_adjective(w):
            # UD convention: "a weak and failed state" -- the first conjunct is
            # `amod`, the participle `conj` with Voice=Pass, which UD counts
            found[i] = Match(i, (), None, None, None, "reduced", frozenset({"attributive"}))
            continue
        chain = _aux_chain(ws, ts, i)
        if chain is None and w not in stat and _adverb_fragment(ws, ts, i):
            # "Highly recommended!", "Great store, highly recommended."
            found[i] = Match(i, (), None, *_agent_cause(ws, ts, i)[:2], "reduced",
                             frozenset({"participle_clause", "fragment"}))
            continue
        if jj and chain is None and w not in ("attached", "enclosed"):
            continue
        flags: set[str] = set()
        if chain is not None:
            kind, aux, first = chain
            if kind == "get" and (w in GET_ADJECTIVAL or w in ("got", "gotten")):
                continue
            if w == "gotten" or lemmatize(w, "VBN") in _NO_PASSIVE:
                continue  # "they're gone", "it's gotten worse": no passive of these
            if ws[aux[-1]] in ("'s", "’s") and (_starts_object(ws, ts, i + 1) or (
                    ts[i + 1:i + 2] == ["RP"] and _starts_object(ws, ts, i + 2))) and \
                    w not in DITRANSITIVE and w not in NAMING_VERBS:
                continue  # "he's garnered praise", "it's opened up a new fan base": 's is
                #   "has", a perfect active (an object follows, after any particle)
            if w in ("set", "bound") and i + 1 < len(ws) and ws[i + 1] == "to":
                continue  # "is set to clash", "is bound to bring": future, not passive
            adj = _adjectival(ws, ts, i, stat, statives)
            if adj is not None:
                continue
            if w in stat and stat[w][0] in ("stative", "psych"):
                flags.add("stative")
            subject, sflags = _subject_for_aux(ws, ts, first)
            if aux[-1] < i - 1 and ts[i - 1] in _NOUN_TAGS | {"DT"} and \
                    ws[aux[-1]] in BE_FORMS:
                # inversion, "Why is the city called Miramar?": the subject
                # stands between auxiliary and participle
                subject = _np_left(ws, ts, i - 1)
                if subject is not None and subject[0] <= aux[-1]:
                    subject = (aux[-1] + 1, subject[1])
            if first >= 1 and ts[first - 1] == "EX" and i + 1 < len(ws) and \
                    ts[i + 1] in ("JJ", "NN", "NNS", "NNP", "NNPS") and w not in DITRANSITIVE:
                continue   # "there is limited availability": a prenominal participle
            if w == "done" and subject is not None and subject[0] == subject[1] and \
                    ws[subject[0]] in _PERSONAL_PRONOUNS:
                continue  # "I'm done", "when they were done": finished, an adjective
            if w in ("done", "finished") and kind == "be" and ts[i + 1:i + 2] == ["VBG"] \
                    and ws[i + 1] not in ("using", "according"):
                # "Israel is done reminding Hamas": aspectual 'finished' + gerund
                # (Quirk et al. 1985 §16.39), not "was done using a crane"
                continue
            if w in ("done", "finished") and aux == (i - 1,) and \
                    ws[i - 1] not in ("be", "been", "being") and \
                    (i + 1 == len(ws) or ws[i + 1] in _CLAUSE_END or ws[i + 1] in (",", "and")):
                continue  # "when the job was done.": a finished state, not an event
            flags |= sflags
        else:
            red = _reduced(ws, ts, i, headline)
            if red is None:
                continue
            if ws[i] in stat and stat[ws[i]][0] == "adjectival" and \
                    not red[1] & {"by_agent", "fixed_preposition"}:
                continue
            if ws[i] in stat and stat[ws[i]][0] in ("stative", "psych") and not statives and not any(
                    ws[k] == "by" for k in range(i + 1, min(len(ws), i + 3))):
                continue
            kind, aux = "reduced", ()
            subject, flags = red
            flags = set(flags)
        members = [(i, None, subject)] + _coordinated(ws, ts, i)
        for idx, extra, subj in members:
            if idx in found:
                continue
            fl = set(flags)
            if extra:
                fl.add(extra)
            if extra == "gapped":
                sub = subj
            else:
                sub = subject
            agent, cause, ah, ch, aflags = _agent_cause(ws, ts, idx)
            if extra == "coordinated" and agent is None and cause is None:
                last = members[-1][0]
                agent, cause, ah, ch, aflags = _agent_cause(ws, ts, last)
            found[idx] = Match(idx, aux, sub, agent, cause, kind, frozenset(fl | aflags), ah, ch)
        if kind != "reduced":
            # the first conjunct may also take the shared by-phrase ("killed and wounded by")
            m = found[i]
            if m.agent is None and m.cause is None and len(members) > 1:
                a, c, ah, ch, af = _agent_cause(ws, ts, members[-1][0])
                found[i] = Match(i, m.aux, m.subject, a, c, m.kind, m.flags | af, ah, ch)
    return [found[k] for k in sorted(found)]
