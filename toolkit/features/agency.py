"""Casualty agency: who is said to have harmed whom, and how visibly.

One row is one mention of a death, an injury, a displacement or an attack on
people or places. Each mention gets an **agency class**, the rung of the
"agency ladder" it stands on (from most to least explicit about the
perpetrator):

================== ===================================================
``active_agent``   "Russian jets killed 14 civilians" (active verb)
``passive_agent``  "14 civilians were killed by Russian jets" (by-phrase)
``passive_cause``  "14 civilians were killed in an air strike"
``agentless_passive`` "14 civilians were killed"
``intransitive``   "14 civilians died"
``nominal``        "civilian deaths", "the death toll"
``adjectival``     "the dead", "58 wounded people"
================== ===================================================

>>> from toolkit.text import process
>>> doc = process("Hundreds of civilians have been killed, medics say.", doc_id="d")
>>> m = next(iter_agency(doc))
>>> m.trigger_text, m.agency_class, m.victim_text, m.harm
('killed', 'agentless_passive', 'Hundreds of civilians', 'death')

Notes
-----
Triggers come from ``toolkit/lexicons/harm_triggers.csv`` (verbs, intransitive
verbs, nominals, adjectivals, each with a ``harm`` type) and victims from
``victims.csv`` (people, places, vehicles, military sites). Voice comes from
:mod:`toolkit.features.passive`. Attack verbs that are often figurative ("hit
a record", "strike a deal") count only when their target is a person, a place
or a number of people (the ``target`` column).

The classes follow the casualty-reporting literature: the passive without
agent and the intransitive "died" hide the perpetrator (Trew 1979; Henley,
Miller & Beazley 1995, on agentless passives in violence reporting); nominals
("deaths") remove even the event's verb (Fairclough 2003, nominalisation).
A by-phrase makes a ``passive_agent`` even when its head is an event or weapon
("killed by shelling"): the text names a doer, and the ``agent``/``cause``
spans say which kind (``agent`` for people, groups and vehicles, ``cause`` for
events and weapons). In active clauses whose subject is an event ("the raid
killed 14") the subject goes in ``cause`` and the class stays
``active_agent``.

Known blind spots: no coreference ("its forces" is not resolved to an actor
unless the codebook lists it), no victims in earlier sentences, participles
the tagger calls nouns, and counts only from the victim phrase itself.

References
----------
Trew, T. (1979). 'What the papers say': linguistic variation and ideological
difference. In Fowler et al., *Language and Control*. Routledge.
Henley, N. M., Miller, M., Beazley, J. A. (1995). Syntax, semantics, and sexual
violence: agency and the passive voice. *Journal of Language and Social
Psychology* 14(1-2).
Fairclough, N. (2003). *Analysing Discourse*. Routledge.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pandas as pd

from ..errors import DocumentError
from ..lexicons import Lexicon, cached_lexicon, derived
from ..text import ProcessedDoc, Sentence, lemmatize
from ._np_chunks import INSTRUMENT_NOUNS, _head, _is_event, _np_left, _np_right
from ._passive_grammar import (
    BE_FORMS,
    HAVE_FORMS,
    MODALS,
    Match,
    _is_adverb,
    match_passives,
)
from .passive import sentence_tags

Span = tuple[int, int]

COLUMNS: tuple[str, ...] = (
    "doc_id", "segment", "paragraph", "sentence", "trigger", "trigger_text", "harm",
    "victim", "victim_text", "victim_head", "count", "agent", "agent_text", "cause",
    "cause_text", "agency_class", "actor", "attributed_to", "flags",
)

AGENCY_CLASSES = ("active_agent", "passive_agent", "passive_cause", "agentless_passive",
                  "intransitive", "nominal", "adjectival")

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                      "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
                      "million": 1_000_000, "dozen": 12})
_VAGUE = frozenset("hundreds dozens thousands scores millions tens several many some few "
                   "numerous".split())
_TIME_NOUNS = frozenset("monday tuesday wednesday thursday friday saturday sunday january "
                        "february march april may june july august september october "
                        "november december day night week month year morning evening "
                        "afternoon weekend".split())
_APPROX = frozenset("least about around nearly almost some roughly approximately over more "
                    "than up".split())
_PEOPLE_KINDS = frozenset("civilian person child combatant ethnonym".split())
_PERSON_PRONOUNS = frozenset("him her them us me they he she we who whom those others many "
                             "some all".split())


@dataclass(frozen=True)
class CasualtyMention:
    """One casualty or attack mention with its agency class."""

    doc_id: str
    segment: str
    paragraph: int
    sentence: int
    trigger: tuple[Span, ...]
    trigger_text: str
    harm: str
    victim: tuple[Span, ...]
    victim_text: str
    victim_head: str | None
    count: int | None
    agent: tuple[Span, ...]
    agent_text: str
    cause: tuple[Span, ...]
    cause_text: str
    agency_class: str
    actor: str | None
    attributed_to: str | None
    flags: frozenset[str]


@dataclass(frozen=True)
class _Lex:
    verbs: dict
    nouns: dict
    multi: dict      # (w1, w2) -> row, for "death toll", "air strike", "open fire"
    adjs: dict
    victims: dict


def _from_lexicons(harm, victims) -> _Lex:
    verbs, nouns, multi, adjs = {}, {}, {}, {}
    for r in harm.rows:
        lemma = r["lemma"].lower()
        if " " in lemma:
            multi[tuple(lemma.split())] = r
        elif r["pos"] == "verb":
            verbs[lemma] = r
        elif r["pos"] == "noun":
            nouns[lemma] = r
        else:
            adjs[lemma] = r
    return _Lex(verbs, nouns, multi, adjs, {r["lemma"].lower(): r["kind"] for r in victims.rows})


def parse_count(words: list[str]) -> tuple[int | None, set[str]]:
    """The number of people a victim phrase states, and flags.

    >>> parse_count(["at", "least", "400,000", "people"])
    (400000, {'approximate'})
    >>> parse_count(["Fourteen", "people"]), parse_count(["Hundreds", "of", "civilians"])
    ((14, set()), (None, {'vague_count'}))
    >>> parse_count(["1.5", "million", "residents"])
    (1500000, set())
    """
    flags: set[str] = set()
    lw = [w.lower() for w in words]
    if any(w in _APPROX for w in lw[:3]) and lw and lw[0] in ("at", "about", "around", "nearly",
                                                            "almost", "some", "roughly", "more",
                                                            "over", "up", "approximately"):
        flags.add("approximate")
    if "and" in lw:
        k = lw.index("and")
        a, fa = parse_count(words[:k])
        rest = lw[k + 1:]
        b, fb = (1, set()) if rest[:1] in (["a"], ["an"], ["one"]) else parse_count(words[k + 1:])
        if a is not None and b is not None:
            return a + b, fa | fb   # "two patients and a nurse" -> 3
    value: float | None = None
    for k, w in enumerate(lw):
        num = None
        if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+(\.\d+)?", w):
            num = float(w.replace(",", ""))
        elif w in _NUMBER_WORDS and w not in ("hundred", "thousand", "million", "dozen"):
            num = float(_NUMBER_WORDS[w])
        if num is not None:
            nxt = lw[k + 1] if k + 1 < len(lw) else ""
            if nxt == "of" and k + 2 < len(lw) and lw[k + 2] in _VAGUE | {"hundred",
                                                                        "thousand"}:
                flags.add("vague_count")   # "tens of thousands", "ten of thousands"
                return None, flags
            if nxt in ("hundred", "thousand", "million"):
                num *= _NUMBER_WORDS[nxt]
            value = num
            break
        if w in _VAGUE and (k + 1 < len(lw) and lw[k + 1] == "of" or w in ("several", "many",
                                                                           "dozens", "hundreds",
                                                                           "thousands", "scores")):
            flags.add("vague_count")
            return None, flags
    if value is None:
        return None, flags - {"approximate"}
    return int(value), flags


# --------------------------------------------------------------------------- sentence analysis


def _left_subject(ws, ts, i: int) -> tuple[int, int] | None:
    """The subject noun phrase of the verb at ``i`` (auxiliaries and adverbs skipped)."""
    j = i - 1
    while j >= 0 and (_is_adverb(ws[j], ts[j]) or ws[j] in BE_FORMS | HAVE_FORMS | MODALS |
                      {"to", "did", "do", "does"}):
        j -= 1
    if j < 0:
        return None
    if ws[j] in ("and", ",", "but") or ts[j] == "CC" or ts[j] in ("IN", "TO"):
        # shared subject: "the raid hit a market and killed 14 people"
        k = j - 1
        while k >= 0 and not (ts[k] in ("VBD", "VBZ", "VBP") or
                              (ts[k] == "VBN" and k > 0 and ws[k - 1] in HAVE_FORMS)):
            k -= 1
        return _left_subject(ws, ts, k) if k >= 0 else None
    np = _np_left(ws, ts, j)
    if np and ts[np[1]] in ("WDT", "WP"):
        k = np[0] - 1
        if k >= 0 and ws[k] == ",":
            k -= 1
        ante = _np_left(ws, ts, k) if k >= 0 else None
        return ante or np
    return np


def _retag(ws: list[str], ts: list[str], lex: _Lex) -> list[str]:
    """Give a verb tag back to harm verbs the tagger read as nouns or adjectives in
    headline-style clauses ("drone strike kills three", "Three die as ...")."""
    n = len(ws)
    for k in range(1, n):
        w, t = ws[k], ts[k]
        if t not in ("NN", "NNS", "JJ", "NNP", "NNPS", "VBG") or t == "VBG":
            continue
        base = lemmatize(w, "VB")
        if base not in lex.verbs or lex.verbs[base]["kind"] == "phrasal" and \
                base not in ("drive", "force"):
            continue
        if lemmatize(w, "NN") in lex.nouns or w in lex.adjs or w == base and t == "NN" and \
                w in ("fire", "hit", "raid", "attack", "shell", "bomb"):
            continue
        if ts[k - 1] not in ("NN", "NNS", "NNP", "NNPS", "CD"):
            continue
        nxt = ts[k + 1] if k + 1 < n else "."
        if nxt in ("CD", "DT", "NN", "NNS", "NNP", "IN", "JJ", ",", ".", "PRP$", "RB"):
            ts[k] = "VBZ" if w.endswith("s") and w != base else "VBP"
    return ts


def _gerund_subject(ws, ts, i: int, mentions: list[dict]) -> tuple[int, int] | None:
    """The understood subject of a harm gerund: "accused Valdoria of striking",
    "Caldera denies forcing", "a missile struck X, killing nine"."""
    j = i - 1
    while j >= 0 and _is_adverb(ws[j], ts[j]):
        j -= 1
    if j < 0:
        return None
    if ws[j] in ("of", "for") and j > 0 and ts[j - 1] in ("NN", "NNS", "NNP", "NNPS", "PRP"):
        return _np_left(ws, ts, j - 1)
    if ts[j] in ("VBZ", "VBD", "VBP"):
        return _left_subject(ws, ts, j)   # "Caldera denies forcing ..."
    if ws[j] in (",", "and"):
        for m in reversed(mentions):
            if m["trigger"][0] < i and m["class"] == "active_agent":
                return m["agent"] or m["cause"]
    return None


def _object(ws, ts, i: int, preps: tuple[str, ...] = ()) -> tuple[int, int] | None:
    j = i + 1
    while j < len(ws) and (ts[j] in ("RP", "RB") or ws[j] in ("out",)):
        j += 1
    if preps:
        if j < len(ws) and ws[j] not in preps:
            obj = _np_right(ws, ts, j, len(ws))   # "fired two missiles at the trucks"
            if obj is not None:
                j = obj[1] + 1
        if j < len(ws) and ws[j] in preps:
            j += 1
        else:
            return None
    if j < len(ws) and ws[j] in ("``", '"', "\u201c"):
        j += 1
    np = _np_right(ws, ts, j, len(ws))
    if np is None and j < len(ws) and ts[j] == "PRP":
        return (j, j)
    return np


def _victim_ok(row, ws, ts, np, lex: _Lex) -> bool:
    """Does the target test of the trigger's lexicon row accept the victim ``np``?"""
    need = row.get("target", "any")
    if need == "any":
        return True
    if np is None:
        return False
    h = _head(ws, ts, np)
    kind = lex.victims.get(lemmatize(ws[h], "NN")) or lex.victims.get(ws[h])
    has_num = any(ts[k] == "CD" for k in range(np[0], np[1] + 1))
    if need == "victim":
        return kind in _PEOPLE_KINDS or (has_num and kind is None and ts[h] == "CD") or \
            ws[h] in _PERSON_PRONOUNS
    if ts[h] in ("NNP", "NNPS") and ws[h] not in _TIME_NOUNS:
        return True   # a named place: "shelled Tamsk"
    return kind is not None or ts[h] == "CD" or ts[h] == "PRP" and ws[h] in ("them", "him",
                                                                               "her", "us")


def _from_agent(ws, ts, cause: tuple[int, int] | None) -> tuple[int, int] | None:
    """'shelling from Valdorian positions': the from-phrase inside a cause names a doer."""
    if cause is None:
        return None
    k = cause[1] + 1
    if k < len(ws) and ws[k] == "from":
        np = _np_right(ws, ts, k + 1, len(ws))
        if np is not None and not _is_event(ws[_head(ws, ts, np)], ts[_head(ws, ts, np)]):
            return np
    return None


def _analyse(words: list[str], tags: list[str], lex: _Lex, headline: bool) -> list[dict]:
    """Mentions of one tagged sentence as dicts of token ranges (inclusive)."""
    ws = [w.lower().replace("\u2019", "'") for w in words]
    ts = _retag(ws, list(tags), lex)
    n = len(ws)
    # the passive detector runs only for a sentence with a harm-verb candidate
    # (most sentences have none; the result is the same as running it always)
    memo: list = []

    def passive_at(i: int) -> Match | None:
        if not memo:
            memo.append({m.verb: m for m in match_passives(words, ts, headline=headline)})
        return memo[0].get(i)

    out: list[dict] = []
    consumed: set[int] = set()   # tokens that are a cause/agent of a verbal mention

    def add(trig, row, cls, victim=None, agent=None, cause=None, flags=()):
        out.append({"trigger": trig, "row": row, "class": cls, "victim": victim,
                    "agent": agent, "cause": cause, "flags": set(flags)})
        for rng in (agent, cause):
            if rng:
                consumed.update(range(rng[0], rng[1] + 1))

    for i in range(n):
        w, t = ws[i], ts[i]
        if not (t.startswith("V") or t == "JJ"):
            continue
        lemma = lemmatize(w, t if t.startswith("V") else "VBN")
        trig = (i, i)
        if lemma == "open" and i + 1 < n and ws[i + 1] == "fire":
            row, trig = lex.multi.get(("open", "fire")), (i, i + 1)
        else:
            row = lex.verbs.get(lemma)
        if row is None:
            continue
        m = passive_at(i)
        if t == "JJ" and m is None:
            continue   # an adjective counts here only as a participle the detector accepted
        if t == "VBG" and i > 0 and ts[i - 1] in ("JJ", "DT", "PRP$", "POS", "NNP"):
            continue  # "Valdorian shelling", "their bombing": a noun (handled as nominal)
        if lemma == "shoot" and trig[1] + 1 < n and ws[trig[1] + 1] == "dead":
            row = dict(row, harm="death")   # "were shot dead"
        if m is not None:
            victim, agent, cause = m.subject, m.agent, m.cause
            flags = {"reduced"} if m.kind == "reduced" else set()
            if row["kind"] == "phrasal" and not _requires(ws, i, row):
                continue
            if lemma in ("fire", "open fire"):
                # "rockets were fired into the town": the target is the PP object
                victim = _object(ws, ts, trig[1], tuple(row["requires"].split("|")))
                if victim is None:
                    continue
            if victim and victim[0] >= 2 and ws[victim[0] - 1] == "which" and \
                    ts[victim[0] - 2] == "IN" and cause is None:
                cause = (victim[0] - 1, victim[0] - 1)   # "in which three drivers were killed"
            by_phrase = (agent is not None) or "cause_by" in m.flags
            if agent is None:
                agent = _from_agent(ws, ts, cause)
            if by_phrase:
                cls = "passive_agent"
            elif cause is not None:
                cls = "passive_cause"
            else:
                cls = "agentless_passive"
            if row["target"] != "any" and not _victim_ok(row, ws, ts, victim, lex) and \
                    victim is not None:
                continue
            add(trig, row, cls, victim, agent, cause, flags)
            continue
        if row["kind"] == "intransitive":
            victim = _left_subject(ws, ts, i)
            cause = None
            k = trig[1] + 1
            while k < n and ts[k] in ("RB", "IN") and ws[k] not in ("in", "during", "from",
                                                                     "after", "amid", "by"):
                k += 1
            if k < n and ws[k] in ("in", "during", "from", "after", "amid", "by"):
                np = _np_right(ws, ts, k + 1, n)
                if np is not None and (_is_event(ws[_head(ws, ts, np)], ts[_head(ws, ts, np)])
                                       or lemmatize(ws[_head(ws, ts, np)], "NN")
                                       in INSTRUMENT_NOUNS):
                    cause = (k + 1, np[1])
            add(trig, row, "intransitive", victim, None, cause)
            continue
        # prenominal participle: "58 wounded people", "displaced families"
        if t in ("VBN", "VBD") and i + 1 < n and ts[i + 1] in ("NNS", "NN") and \
                i > 0 and ts[i - 1] in ("CD", "DT", "JJ", "PRP$") and w in lex.adjs:
            continue  # handled as adjectival below
        if t == "VBN" and not _perfect(ws, ts, i) and not (
                i > 0 and ts[i - 1] in ("NN", "NNS", "NNP", "NNPS", "PRP") and
                _object(ws, ts, trig[1]) is not None):
            continue  # a participle the passive detector did not accept
            # (a VBN right after a subject and before an object is a mis-tagged past)
        preps = tuple(row["requires"].split("|")) if row["kind"] == "phrasal" and \
            lemma in ("fire", "open fire") else ()
        if lemma == "shoot" and trig[1] + 1 < n and ws[trig[1] + 1] == "dead":
            victim = _object(ws, ts, trig[1] + 1, preps)
            if victim is None:
                victim = _object(ws, ts, trig[1], preps)
        else:
            victim = _object(ws, ts, trig[1], preps)
        if row["kind"] == "phrasal" and not preps and not _requires(ws, i, row, victim):
            continue
        if victim is None and trig[1] + 2 < n and ws[trig[1] + 1] in ("and", "or") and \
                ts[trig[1] + 2].startswith("V"):
            victim = _object(ws, ts, trig[1] + 2)   # "killed and kidnapped hundreds"
        if victim is None and row["kind"] == "transitive":
            subj = _left_subject(ws, ts, i)
            if subj is not None and subj[0] > 0 and ws[subj[0] - 1] in ("whom", "that",
                                                                         "which", "who"):
                # object relative: "the Israelis whom Hamas murdered"
                ante = _np_left(ws, ts, subj[0] - 2) if subj[0] >= 2 else None
                if ante is not None and ts[subj[1]] in ("NN", "NNS", "NNP", "NNPS", "PRP"):
                    victim = ante
        if victim is None and t in ("VBD", "VBN") and row["kind"] == "transitive" and \
                row["target"] == "any" and not _perfect(ws, ts, i):
            # a transitive harm verb with no object after a noun: an unrecognised
            # reduced passive ("an Israeli soldier killed when militants ...")
            subj = _left_subject(ws, ts, i)
            if subj is not None and ts[subj[1]] in ("NN", "NNS", "NNP", "NNPS", "CD"):
                add(trig, row, "agentless_passive", subj, None, None, {"no_object"})
                continue
        if not _victim_ok(row, ws, ts, victim, lex):
            continue
        agent = _gerund_subject(ws, ts, i, out) if t == "VBG" else None
        if agent is None:
            agent = _left_subject(ws, ts, i)
        cause = None
        if agent is not None:
            h = _head(ws, ts, agent)
            if _is_event(ws[h], ts[h]) or lemmatize(ws[h], "NN") in INSTRUMENT_NOUNS:
                agent, cause = None, agent
        add(trig, row, "active_agent", victim, agent, cause)

    taken = {k for m in out for k in range(m["trigger"][0], m["trigger"][1] + 1)}
    for i in range(n):
        if i in taken:
            continue
        w, t = ws[i], ts[i]
        pair = (w, ws[i + 1]) if i + 1 < n else None
        if pair in lex.multi and lex.multi[pair]["pos"] == "noun":
            row, trig = lex.multi[pair], (i, i + 1)
        elif t.startswith("NN") and lemmatize(w, "NN") in lex.nouns:
            row, trig = lex.nouns[lemmatize(w, "NN")], (i, i)
            if w == "toll" and i > 0 and ws[i - 1] == "death":
                continue
        elif w in lex.adjs and (t.startswith("J") or t in ("VBN", "VBD", "NN")):
            row, trig = lex.adjs[w], (i, i)
            adj = _adjectival(ws, ts, i, lex)
            if adj is None:
                continue
            add(trig, row, "adjectival", adj, None, None)
            taken.add(i)
            continue
        else:
            continue
        victim, agent, flags = _nominal_args(ws, ts, trig, lex, row["harm"])
        if row["harm"] == "attack" and victim is None:
            continue  # "the strike" alone is an event, not harm to someone named
        if (i in consumed or trig[1] in consumed) and not (row["harm"] == "attack" and
                                                            victim is not None):
            continue  # the cause of another mention ("killed in the attack")
        add(trig, row, "nominal", victim, agent, None, flags)
        taken.update(range(trig[0], trig[1] + 1))
    out.sort(key=lambda m: m["trigger"])
    return out


def _requires(ws, i: int, row, victim=None) -> bool:
    """For phrasal triggers: is a required word ("from", "out", "to flee") near?"""
    req = [r.split() for r in row["requires"].split("|") if r]
    start = (victim[1] + 1) if victim else i + 1
    window = ws[i + 1:min(len(ws), start + 4)]
    for r in req:
        for k in range(len(window) - len(r) + 1):
            if window[k:k + len(r)] == r:
                return True
    return False


def _perfect(ws, ts, i: int) -> bool:
    j = i - 1
    while j >= 0 and _is_adverb(ws[j], ts[j]):
        j -= 1
    return j >= 0 and ws[j] in HAVE_FORMS


def _adjectival(ws, ts, i: int, lex: _Lex) -> tuple[int, int] | None:
    """Victim range for an adjectival trigger ("the dead", "three dead",
    "58 wounded people"), or None if the word is not used that way."""
    n = len(ws)
    nxt_t = ts[i + 1] if i + 1 < n else "."
    prev = ws[i - 1] if i > 0 else ""
    if nxt_t in ("NN", "NNS") and (lemmatize(ws[i + 1], "NN") in lex.victims):
        start = i
        while start > 0 and ts[start - 1] in ("DT", "CD", "JJ", "PRP$") and \
                ws[start - 1] not in ("and",):
            start -= 1
        if start > 1 and ws[start - 1] in ("least", "most") and ws[start - 2] == "at":
            start -= 2
        return (start, i + 1)
    if nxt_t.startswith("NN") or nxt_t in ("JJ",):
        return None
    if i > 0 and ts[i - 1] in ("NNS", "NN", "CD") and ws[i] == "dead" and \
            (lemmatize(ws[i - 1], "NN") in lex.victims or ts[i - 1] == "CD"):
        np = _np_left(ws, ts, i - 1)   # "left more than 1,400 people dead", "three dead"
        if np is not None:
            return np
    if prev in ("the",) or ts[i - 1:i] == ["CD"]:
        start = i - 1
        if start >= 2 and ws[start - 1] == "of" and ts[start - 2] in ("JJ", "DT", "CD",
                                                                        "NNS", "JJS"):
            start -= 2   # "several of the wounded"
        return (start, i)
    return None


def _nominal_args(ws, ts, trig, lex, harm: str = "death"):
    """Victim and agent ranges of a nominal trigger, and flags."""
    n = len(ws)
    s, e = trig
    victim = agent = None
    flags: set[str] = set()
    if harm != "attack" and s > 0 and ts[s - 1] in ("JJ", "NNP") and ws[s - 1][:1].isalpha() \
            and words_capitalised(ws, ts, s - 1):
        victim = (s - 1, s - 1)   # "Valdorian casualties", "Palestinian deaths"
    # premodifiers: "civilian deaths", "600 civilian deaths", "Russia's bombing"
    k = s - 1
    if harm != "attack" and k >= 0 and ts[k] in ("JJ", "NN", "NNS", "NNP", "NNPS") and \
            (lemmatize(ws[k], "NN") in lex.victims or ws[k] in lex.victims):
        victim = (k, k)   # only the word right before: "civilian deaths", not "Syrian army strike"
    while k >= 0 and ts[k] in ("JJ", "NN", "NNS", "CD", "NNP", "POS", "NNPS"):
        k -= 1
    if k >= 0 and ts[k] == "POS":
        pass
    poss = [j for j in range(k + 1, s) if ts[j] == "POS"]
    if poss:
        agent = (k + 1, poss[0] - 1) if poss[0] - 1 >= k + 1 else None
    j = e + 1
    preps = ("of", "on", "against", "among") if harm == "attack" else ("of", "among")
    if j < n and ws[j] in preps or \
            (j + 1 < n and ws[j] in ("were", "was") and ws[j + 1] == "among"):
        if ws[j] in ("were", "was"):
            j += 1
        np = _np_right(ws, ts, j + 1, n)
        if np is not None:
            h = _head(ws, ts, np)
            if lemmatize(ws[h], "NN") in _TIME_NOUNS:
                pass
            elif ws[j] != "of" or lemmatize(ws[h], "NN") in lex.victims or ts[h] == "CD":
                victim = np
    if j < n and ws[j] == "by":
        np = _np_right(ws, ts, j + 1, n)
        if np is not None:
            agent = (j, np[1])
    return victim, agent, flags


def words_capitalised(ws, ts, k) -> bool:
    """Proper adjective (nationality) test on the tag: the tagger marks "Valdorian" NNP/JJ."""
    return ts[k] == "NNP" or ws[k].endswith(("an", "ian", "ese", "ish", "i"))


def _is_subject_of_harm(ws, ts, trig, mentions) -> bool:
    for m in mentions:
        if m["cause"] and m["cause"][0] <= trig[0] <= m["cause"][1]:
            return True
    return False


def _toll_count(ws, ts, trig) -> int | None:
    """'the death toll rose to 14', 'death toll at 843', '600 civilian deaths'."""
    s = trig[0]
    k = s - 1
    while k >= 0 and ts[k] in ("JJ", "NN", "NNS", "CD", "NNP"):
        k -= 1
    c, _ = parse_count(ws[k + 1:s])
    if c is None and k >= 1 and ws[k] == "than":
        c, _ = parse_count(ws[k - 1:s])
    if c is not None:
        return c
    for k in range(trig[1] + 1, len(ws) - 1):
        if ws[k] in (".", ";") or ts[k] == "WDT":
            break
        if ws[k] in ("to", "at") and (k == trig[1] + 1 or ws[k - 1] in (
                "rose", "risen", "rises", "climbed", "stood", "stands", "reached", "increased",
                "toll") or ts[k - 1].startswith("VB")):
            c, _ = parse_count(ws[k + 1:k + 3])
            if c is not None:
                return c
    return None


# --------------------------------------------------------------------------- records


def _span(toks, rng) -> tuple[Span, ...]:
    if rng is None:
        return ()
    return ((toks[rng[0]].start, toks[rng[1]].end),)


def _text(src, spans) -> str:
    return " ".join(src[s:e] for s, e in spans)


def _attribution_index(attributions, doc_id: str) -> dict | None:
    """``{segment: [(content, actor, source_text), ...]}`` of one document's rows of
    an attribution table, in table order (read once per document, not per mention).

    ``attributions`` may also be the attribution rows as dicts (what
    ``pipeline.table_api`` gives for one document), which saves building a
    DataFrame per document on the ``mbt extract`` path.
    """
    if attributions is None or isinstance(attributions, dict) or len(attributions) == 0:
        return attributions if isinstance(attributions, dict) else None
    if isinstance(attributions, list):
        index: dict = {}
        for r in attributions:
            if r.get("doc_id", doc_id) == doc_id:
                index.setdefault(r.get("segment", "body"), []).append(
                    (r.get("content"), r.get("actor"), r.get("source_text")))
        return index
    rows = attributions[attributions["doc_id"] == doc_id]
    n = len(rows)
    cols = [rows[c].tolist() if c in rows.columns else [None] * n
            for c in ("content", "actor", "source_text")]
    segs = rows["segment"].tolist() if "segment" in rows.columns else ["body"] * n
    index: dict = {}
    for seg, content, actor, src in zip(segs, *cols):
        index.setdefault(seg, []).append((content, actor, src))
    return index


def _attributed(index: dict | None, segment: str, span: Span) -> str | None:
    """Actor (else source text) of the attribution whose content contains ``span``.

    ``index`` comes from :func:`_attribution_index` (a table without a
    ``segment`` column counts as body rows).
    """
    if not index:
        return None
    for content, actor, src in index.get(segment, ()):
        if content is None or (isinstance(content, float) and math.isnan(content)):
            continue
        for cs, ce in content:
            if cs <= span[0] and span[1] <= ce:
                if isinstance(actor, str) and actor:
                    return actor
                return src if isinstance(src, str) and src else None
    return None


def find_mentions(doc: ProcessedDoc, sentence: Sentence, segment: str = "body", *,
                  lexicon=None, victims=None, codebook=None, attributions=None
                  ) -> list[CasualtyMention]:
    """Casualty mentions of one sentence of ``doc``.

    >>> from toolkit.text import process
    >>> doc = process("x", title="Three people died in a blast")
    >>> [(m.trigger_text, m.agency_class, m.count, m.cause_text)
    ...  for m in find_mentions(doc, doc.title_sentences[0], "title")]
    [('died', 'intransitive', 3, 'a blast')]
    """
    lex = _lex(lexicon, victims)
    src = doc.title if segment == "title" else doc.text
    toks = sentence.tokens
    words = [src[t.start:t.end] for t in toks]
    tags = _retag([w.lower() for w in words], sentence_tags(src, sentence, segment), lex)
    out = []
    found = _analyse(words, tags, lex, segment == "title")
    index = _attribution_index(attributions, doc.doc_id) if found else None
    for m in found:
        trig = ((toks[m["trigger"][0]].start, toks[m["trigger"][1]].end),)
        victim, agent, cause = _span(toks, m["victim"]), _span(toks, m["agent"]), \
            _span(toks, m["cause"])
        flags = set(m["flags"])
        head = None
        count = None
        if m["victim"] is not None:
            vs, ve = m["victim"]
            head = words[_head([w.lower() for w in words], tags, m["victim"])]
            count, cflags = parse_count(words[vs:ve + 1])
            flags |= cflags
        if count is None and m["class"] == "nominal" and m["row"]["harm"] != "attack":
            count = _toll_count([w.lower() for w in words], tags, m["trigger"])
        agent_text, cause_text = _text(src, agent), _text(src, cause)
        actor = None
        if codebook is not None:
            actor = codebook.resolve(agent_text) if agent_text else None
            if actor is None and cause_text:
                actor = codebook.resolve(cause_text)
                if actor is not None:
                    flags.add("actor_from_cause")
        out.append(CasualtyMention(
            doc.doc_id, segment, sentence.paragraph, sentence.index, trig, _text(src, trig),
            m["row"]["harm"], victim, _text(src, victim), head, count, agent, agent_text,
            cause, cause_text, m["class"], actor,
            _attributed(index, segment, trig[0]), frozenset(flags)))
    return out


def _lex(lexicon, victims) -> _Lex:
    """The lookup tables of a harm-trigger and a victim lexicon (packaged, path or
    :class:`~toolkit.lexicons.Lexicon`), built once per pair of file contents."""
    harm = lexicon if isinstance(lexicon, Lexicon) else cached_lexicon("harm_triggers", lexicon)
    vic = victims if isinstance(victims, Lexicon) else cached_lexicon("victims", victims)
    return derived(_from_lexicons, harm, vic)


def iter_agency(doc: ProcessedDoc, *, lexicon=None, codebook=None, victims=None,
                attributions: pd.DataFrame | list | None = None) -> Iterator[CasualtyMention]:
    """Every casualty mention of ``doc`` (title first, then body).

    Parameters
    ----------
    doc : ProcessedDoc
    lexicon : Lexicon or path, optional
        Harm triggers (default: the packaged ``harm_triggers``).
    codebook : Codebook, optional
        Resolves agent (else cause) text to an ``actor``.
    victims : Lexicon or path, optional
        Victim nouns (default: the packaged ``victims``).
    attributions : DataFrame, optional
        An attribution table (``doc_id``, ``content``, ``source_text``, ``actor``);
        a mention whose trigger lies inside a ``content`` span gets that actor
        (else source text) as ``attributed_to``. The document's rows are read
        once, not once per mention.

    Raises
    ------
    DocumentError
        When ``doc`` is not a processed document or its offsets exceed its text.
    """
    if not isinstance(doc, ProcessedDoc):
        raise DocumentError(getattr(doc, "doc_id", "?"), "agency",
                            f"expected a ProcessedDoc, got {type(doc).__name__}")
    attributions = _attribution_index(attributions, doc.doc_id)   # once per document
    for segment, src, sents in doc.segments():
        for s in sents:
            if s.tokens and s.tokens[-1].end > len(src):
                raise DocumentError(doc.doc_id, "agency",
                                    f"sentence {s.index} token offsets exceed the text")
            yield from find_mentions(doc, s, segment, lexicon=lexicon, victims=victims,
                                     codebook=codebook, attributions=attributions)


def _row(m: CasualtyMention) -> dict:
    d = {c: getattr(m, c) for c in COLUMNS}
    for c in ("trigger", "victim", "agent", "cause"):
        d[c] = [list(s) for s in d[c]]
    d["flags"] = sorted(m.flags)
    return d


def table_rows(doc: ProcessedDoc, *, codebook=None,
               attributions: pd.DataFrame | list | None = None) -> list[dict]:
    """One document's rows of the :func:`extract` table, as dicts (before :func:`frame`)."""
    return [_row(m) for m in iter_agency(doc, codebook=codebook, attributions=attributions)]


def frame(rows: list[dict]) -> pd.DataFrame:
    """The agency table of rows from :func:`table_rows` (one or many documents)."""
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    df["count"] = df["count"].astype("Int64")
    for c in ("victim_head", "actor", "attributed_to"):
        df[c] = df[c].astype(object).where(df[c].notna(), None)
    return df


def extract(docs: Iterable[ProcessedDoc], *, codebook=None,
            attributions: pd.DataFrame | list | None = None) -> pd.DataFrame:
    """The agency table: one row per casualty mention, columns :data:`COLUMNS`.

    >>> from toolkit.text import process
    >>> t = extract([process("Jets struck the hospital. The dead were buried.", doc_id="a")])
    >>> t[["trigger_text", "agency_class", "victim_text", "agent_text"]].values.tolist()
    [['struck', 'active_agent', 'the hospital', 'Jets'], ['dead', 'adjectival', 'The dead', '']]
    """
    return frame([r for doc in docs
                  for r in table_rows(doc, codebook=codebook, attributions=attributions)])


def json_rows(doc: ProcessedDoc, *, codebook=None,
              attributions: pd.DataFrame | list | None = None) -> Iterator[dict]:
    """Objects for ``mbt extract agency`` (``attributed_to`` from the attribution
    extractor when it is installed, else null). ``attributions``: the document's
    attribution table when the caller has it already (``mbt extract all``)."""
    if attributions is None:
        try:
            from . import attribution as _attribution
            attributions = [a.as_dict() for a in
                            _attribution.iter_attributions(doc, codebook=codebook)]
        except ImportError:
            attributions = None
    for m in iter_agency(doc, codebook=codebook, attributions=attributions):
        yield {"segment": m.segment, "paragraph": m.paragraph, "sentence": m.sentence,
               "trigger": [list(s) for s in m.trigger], "trigger_text": m.trigger_text,
               "victim": [list(s) for s in m.victim], "victim_text": m.victim_text,
               "agent": [list(s) for s in m.agent], "agent_text": m.agent_text,
               "cause": [list(s) for s in m.cause], "cause_text": m.cause_text,
               "agency": m.agency_class, "harm": m.harm, "count": m.count,
               "actor": m.actor, "attributed_to": m.attributed_to, "flags": sorted(m.flags)}


# --------------------------------------------------------------------------- aggregates


def article_measures(table: pd.DataFrame) -> pd.DataFrame:
    """One row per article: mention count, share per agency class, share naming an agent.

    >>> t = pd.DataFrame({"doc_id": ["a", "a", "b"], "agent": [[[0, 4]], [], []],
    ...                   "agency_class": ["active_agent", "nominal", "intransitive"]})
    >>> m = article_measures(t)
    >>> m[["doc_id", "agency_count", "agency_agent_named_share", "agency_nominal_share"]].values.tolist()
    [['a', 2, 0.5, 0.5], ['b', 1, 0.0, 0.0]]
    """
    cols = ["doc_id", "agency_count", "agency_agent_named_share"] + \
        [f"agency_{c}_share" for c in AGENCY_CLASSES]
    if len(table) == 0:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    t = table.assign(_named=table["agent"].map(lambda v: float(bool(v) and len(v) > 0)))
    g = t.groupby("doc_id", sort=True)
    out = pd.DataFrame({"doc_id": list(g.groups)})
    out["agency_count"] = g.size().values
    out["agency_agent_named_share"] = g["_named"].mean().values
    for c in AGENCY_CLASSES:
        out[f"agency_{c}_share"] = g["agency_class"].apply(lambda s, c=c: float((s == c).mean())
                                                           ).values
    return out[cols]


def agents_named(table: pd.DataFrame) -> pd.DataFrame:
    """Who is named as doing the harm: one row per actor (or agent text when no
    actor resolved), with mention and article counts, most frequent first.

    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "agent_text": ["Russian jets", "jets"],
    ...                   "actor": ["Russia", None]})
    >>> agents_named(t).values.tolist()
    [['Russia', 'Russian jets', 1, 1], [None, 'jets', 1, 1]]
    """
    cols = ["actor", "agent_text", "n_mentions", "n_articles"]
    if len(table) == 0:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    t = table[table["agent_text"].fillna("") != ""].copy()
    t["_key"] = [a if isinstance(a, str) and a else f"text:{x.lower()}"
                 for a, x in zip(t["actor"], t["agent_text"])]
    rows = []
    for key, grp in t.groupby("_key", sort=False):
        actor = None if key.startswith("text:") else key
        rows.append([actor, grp["agent_text"].value_counts().index[0], len(grp),
                     grp["doc_id"].nunique()])
    out = pd.DataFrame(rows, columns=cols)
    out = out.sort_values(["n_mentions", "n_articles"], ascending=False, kind="stable"
                          ).reset_index(drop=True)
    out["actor"] = out["actor"].astype(object).where(out["actor"].notna(), None)
    return out
