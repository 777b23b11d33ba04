"""Reported denials, minimisations, non-answers and counter-accusations.

One row per *reported* denial: who (the **denier**) is said to deny what (the
**denied** content), the **cue** that says so, and whether the same article also
voices the accusation being denied (**accusation pairing**). Kinds:

``denial``
    "Moscow denied any involvement", "the claim was denied by Brussels",
    "a denial from the ministry", "Moscow and Damascus, who deny indiscriminate
    bombing ...", "dismissed the reports as lies", "said it was not responsible",
    "there was no truth to the reports".
``minimisation``
    "Russia has previously downplayed its direct role".
``no_comment``
    "declined to comment", "did not respond to a request for comment",
    "could neither confirm nor deny".
``counter_accusation``
    "denied responsibility and blamed rebels", "said the rebels staged the attack".

>>> from toolkit.text import process
>>> doc = process("Moscow denied any involvement in the raids. "
...               "Rebels hope to deny Damascus a victory.", doc_id="d")
>>> [(r["cue_text"], r["denier_text"], r["denied_text"], r["kind"])
...  for r in extract([doc]).to_dict("records")]
[('denied', 'Moscow', 'any involvement in the raids', 'denial')]

Notes
-----
*Which uses of "deny" are denials.* "Deny" is ambiguous between a speech act
(deny a proposition: ``deny that S``, ``deny V-ing``, ``deny the allegation``)
and a ditransitive transfer verb of withholding (``deny Democrats a landslide``,
``deny her a vote``, ``was denied permission``) -- Levin (1993) puts the second
sense with the verbs of future having/"refuse" class. We decide by the object:
a that-clause, a gerund, or a clause with its own verb ("deny Damascus carried
out ...") is a denial; an NP followed by a second NP, or an NP whose head is a
withheld good (access, permission, service, vote, nomination ...) is not.
"Reject", "dismiss", "rebuff", "dispute", "rule out" count only with an object
that is itself a speech act or report (claim, allegation, report, accusation,
criticism, suggestion ...): "rejected the plan/offer/plea" is a refusal,
"dismissed the lawsuit" a legal act and "was dismissed" a firing. "Dismiss X as
lies/fabricated/propaganda" is a denial whatever X is.

*Negation and hedging.* "did not deny", "nor have they outright denied",
"refused to deny", "stopped short of denying", "could refute the claims at a
trial" report that a denial did **not** (or only hypothetically) happen, so they
yield no row: a reader learns nothing about what the actor denied. "Could not
confirm or deny" is a non-answer and yields ``no_comment``.

*Denier.* The grammatical subject, found by walking left over auxiliaries and
adverbs; a relative pronoun ("Moscow and Damascus, who deny") hands over to its
antecedent; a coordinated or participial verb ("..., denying", "denied ... and
blamed") to the subject of the preceding finite verb; a passive to its
by-phrase. A coordinated subject gives one denier span per conjunct, and
``actors`` resolves each through the codebook.

*Accusation pairing* (a lexical-overlap heuristic, documented in
``docs/evaluation.md``): the denied content's key words are its content-word
lemmas (nouns, verbs, adjectives; light verbs and stop words removed), with a
small equivalence map for war reporting (bombing ~ raid ~ strike ~ airstrike,
kill ~ death ~ casualty). Another sentence voices the accusation when it shares
at least two key words (one when the denied content has at most two), or
shares one and carries an accusatory cue (accuse, blame, allege, accusation,
"pointed the finger"). Its ``accusers`` are the actors named as its source
(the subject of its saying verb, or a trailing "..., X say(s)" / "according
to X"), resolved through the codebook.

Known blind spots: pronoun deniers ("it denied") are kept as the pronoun
(flag ``pronoun_denier``), not resolved; the content stops at the first comma;
a subject separated from its verb by a long relative clause is missed.

References
----------
Levin, B. (1993). *English Verb Classes and Alternations*. University of Chicago Press.
Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC.
Bednarek, M. (2006). *Evaluation in Media Discourse*. Continuum.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import DocumentError
from ..lexicons import cached_lexicon, derived
from ..text import ProcessedDoc, Sentence, lemmatize
from ._denial_grammar import (
    _DAYS,
    _NEG,
    _SAY,
    ACCUSATION_NOUNS,
    FABRICATION,
    INANIMATE,
    NUMBER_NOUNS,
    PROPOSITION_NOUNS,
    WITHHOLD_NOUNS,
    DocMemo,
    _conjuncts,
    _content_end,
    _finite_before,
    _negated,
    _np_left,
    _np_right,
    _postposed_sayer,
    _Raw,
    _skip_left,
    _span,
    _subject,
    _Tok,
    _tokens,
)
from .denial_pairing import _pair
from .denial_reports import (
    _PRONOUNS,
    _denier_counters,
    _negated_report_cues,
    _pronoun_actors,
)

Span = tuple[int, int]

COLUMNS: tuple[str, ...] = (
    "doc_id", "segment", "paragraph", "sentence", "cue", "cue_text", "cue_lemma",
    "denier", "denier_text", "denied", "denied_text", "kind", "actors",
    "accusation_in_article", "accusers", "accusation_sentences", "flags",
)
KINDS = ("denial", "minimisation", "no_comment", "counter_accusation")


@dataclass(frozen=True)
class Denial:
    """One reported denial (field order == :data:`COLUMNS`)."""

    doc_id: str
    segment: str
    paragraph: int
    sentence: int
    cue: tuple[Span, ...]
    cue_text: str
    cue_lemma: str
    denier: tuple[Span, ...]
    denier_text: str
    denied: tuple[Span, ...]
    denied_text: str
    kind: str
    actors: tuple[str, ...]
    accusation_in_article: bool
    accusers: tuple[str, ...]
    accusation_sentences: tuple[int, ...]
    flags: frozenset[str]


@dataclass(frozen=True)
class _Cues:
    verbs: dict            # lemma ("deny", "rule out") -> row
    nominals: dict         # word -> row
    phrases: tuple         # (compiled regex, row)
    counter_words: dict    # lemma -> row
    fabrication_rx: re.Pattern | None


def _compile(lexicon) -> _Cues:
    return derived(_compile_rows, lexicon)


def _compile_rows(lexicon) -> _Cues:
    verbs: dict = {}
    nominals: dict = {}
    phrases = []
    counter: dict = {}
    fab = None
    for row in lexicon.rows:
        ctype, pat = row["cue_type"], row["pattern"]
        if ctype == "verb":
            verbs[pat] = row
        elif ctype == "nominal":
            nominals[pat] = row
            nominals[pat + "s"] = row
        elif ctype == "phrase":
            phrases.append((re.compile(pat, re.IGNORECASE), row))
        elif ctype == "counter":
            if row["object_rule"] == "say_frame":
                fab = (re.compile(pat, re.IGNORECASE), row)
            else:
                counter[pat] = row
    return _Cues(verbs, nominals, tuple(phrases), counter, fab)


def _lexicon(lexicon):
    if lexicon is None or isinstance(lexicon, str) or hasattr(lexicon, "__fspath__"):
        return cached_lexicon("denial_cues", lexicon)
    return lexicon


# --------------------------------------------------------------------------- helpers


def head_ok_clause(lemma: str) -> bool:
    """Verbs that take a bare clause as a denied proposition ("deny S")."""
    return lemma in ("deny", "dispute", "contest", "refute", "rebut")


def _object_analysis(toks, i, e, lemma, rule):
    """Decide whether the verb cue toks[i:e] is a denial; return (ok, content, flags).

    ``e`` is the index after the cue (after a particle, for 'rule out').
    """
    n = len(toks)
    k = e
    while k < n and (toks[k].tag in ("RB", "RBR") and toks[k].word not in _NEG):
        k += 1
    if k + 1 < n and toks[k].word == "on" and toks[k + 1].word in _DAYS:
        k += 2
    while k < n and toks[k].word in _DAYS:   # "denied Friday that ..."
        k += 1
    if k < n and toks[k].tag in ("IN", "TO") and toks[k].word != "that":
        # "denied to the Press Herald that ...", "denied during the debate that ..."
        for j in range(k + 1, min(n, k + 9)):
            if toks[j].word == "that":
                k = j
                break
            if toks[j].tag.startswith(("VB", "MD")) or toks[j].word in (",", ";"):
                break
    if k >= n or toks[k].tag in (".", ",", ":") or toks[k].word in ("but", "and", ";"):
        return ("bare", None, set())
    t = toks[k]
    if t.word == "that" and k + 2 < n and toks[k + 1].tag in ("NN", "NNS") and \
            toks[k + 1].word not in ("anything", "something", "nothing", "everything") and \
            (toks[k + 2].tag in (",", ".", ":", "CC", "VBG") or
             toks[k + 2].word in ("of", "by", "from", "about")):
        t = toks[k] = _Tok(t.i, t.start, t.end, t.word, "DT", t.lemma)  # "denied that allegation"
    elif t.word == "that" and k + 1 < n and \
            toks[k + 1].tag.startswith(("NN", "PRP", "DT", "EX", "JJ", "CD")):
        c = _content_end(toks, k + 1)
        return (rule != "accusation_object" or lemma in ("dispute", "contest")
                or lemma == "deny", (k + 1, c), {"that_clause"})
    if t.word == "what" and rule != "any_object":   # "denying what some have said was ..."
        c = _content_end(toks, k)
        return (True, (k, c), {"what_clause"})
    if t.tag == "EX":   # "denied there was any evidence"
        c = _content_end(toks, k)
        return (head_ok_clause(lemma), (k, c), {"clause_object"})
    if t.tag == "VBG" or (t.word == "having" and k + 1 < n):
        c = _content_end(toks, k)
        ok = rule in ("default_accept", "any_object")
        return (ok, (k, c), {"gerund"})
    if t.tag == "PRP" and t.word in ("it", "this", "them"):
        m = k + 1
        if m < n and toks[m].word == "as" and m + 1 < n and \
                any(x.word in FABRICATION for x in toks[m + 1:m + 4]):
            return (True, (k, k + 1), {"dismiss_as"})
        return (rule in ("default_accept", "any_object"), (k, k + 1), {"pronoun_object"})
    if t.tag.startswith("VB") and lemmatize(t.word, "NN") in ACCUSATION_NOUNS:
        # "rejects blame for ...": the tagger calls the noun a verb
        t = toks[k] = _Tok(t.i, t.start, t.end, t.word, "NN", lemmatize(t.word, "NN"))
    if t.tag.startswith(("DT", "JJ", "NN", "PRP", "CD", "PDT", "VBG")) or t.word == "any":
        m = _np_right(toks, k)
        if m == k:
            m = k + 1
        nouns = [x for x in toks[k:m] if x.tag.startswith("NN")]
        head = nouns[-1].lemma if nouns else toks[m - 1].lemma
        if m < n and toks[m].word == "(":   # "deny Daesh (IS) the ability"
            close = next((j for j in range(m, min(n, m + 6)) if toks[j].word == ")"), None)
            if close is not None:
                m = close + 1
        nxt = toks[m] if m < n else None
        if head in PROPOSITION_NOUNS and not (nxt is not None and nxt.word == "that"):
            head = "_proposal"   # "rejected the idea of offering ...": a proposal
        personish = (t.tag == "PRP") or (nouns and all(x.tag.startswith("NNP") for x in nouns)) \
            or t.tag == "PRP$" and not nouns
        if lemma == "dismiss" and nxt is not None and nxt.word == "as":
            after = toks[m + 1:m + 5]
            if any(x.word in FABRICATION or x.lemma in FABRICATION for x in after):
                return (True, (k, m), {"dismiss_as"})
            if head in ACCUSATION_NOUNS:
                return (True, (k, m), {"dismiss_as"})
            return (False, None, {"dismiss_as_person"})
        if nxt is not None and nxt.tag in ("VBD", "VBZ", "VBP", "MD") and \
                nxt.word not in ("said", "says", "say") and rule != "any_object":
            # a clause object: "deny Damascus carried out ...", "denied the army was ..."
            c = _content_end(toks, k)
            return (head_ok_clause(lemma), (k, c), {"clause_object"})
        if lemma == "deny" and nxt is not None and \
                (nxt.tag in ("DT", "PRP$", "CD") or (nxt.tag.startswith("JJ") and personish)) \
                and (personish or head not in ACCUSATION_NOUNS):
            return (False, None, {"ditransitive"})
        if lemma == "deny" and personish and t.tag == "PRP":
            return (False, None, {"ditransitive"})
        if head in WITHHOLD_NOUNS and head not in ACCUSATION_NOUNS:
            return (False, None, {"withhold_object"})
        c = _content_end(toks, k, stop_as=lemma == "dismiss")
        if head in NUMBER_NOUNS and lemma in ("dispute", "contest", "reject", "dismiss",
                                              "question", "deny"):
            return (True, (k, c), {"np_object", "number_object"})
        if rule == "accusation_object" and head not in ACCUSATION_NOUNS | PROPOSITION_NOUNS:
            return (False, None, {"non_accusation_object"})
        return (True, (k, c), {"np_object"})
    return (False, None, {"unknown_object"})


def _relative_object(toks, subj_a) -> tuple[int, int] | None:
    """For 'an accusation the YPG has denied' / 'which the group denies': the antecedent."""
    j = subj_a - 1
    if j < 0:
        return None
    t = toks[j]
    nouns = ACCUSATION_NOUNS | NUMBER_NOUNS
    if t.word in ("which", "that", "something", "what") or t.lemma in nouns:
        end = j if t.word in ("which", "that", "what") else j + 1
        if t.lemma in nouns:
            a = _np_left(toks, j)
            end = a
        if end > 0 and toks[end - 1].word in (",", "and"):
            end -= 1
        s = end - 1
        while s > 0 and toks[s - 1].word not in (",", ";", ":") and \
                not (toks[s - 1].lemma in _SAY and toks[s - 1].tag.startswith("VB")):
            s -= 1
        if s < end:
            return (s, end)
    return None


def _verb_cues(doc, sent, segment, toks, cues: _Cues, cue_lexicon=None, memo=None
               ) -> Iterator[_Raw]:
    """Verb cues from the shared detector (:func:`toolkit.features.cues.find_cues`).

    Only cues of class ``denial`` whose lemma has a row in ``denial_cues.csv``
    are kept (the row gives the kind and the object rule). One mis-tag is
    recovered here because the shared detector leaves it: a base-form verb of
    this lexicon tagged as a noun right after a plural or coordinated subject
    ("Syria and its ally Russia deny Damascus carried out ...").
    """
    from .cues import find_cues

    end_of = {t.end: t.i for t in toks}
    seen: set[int] = set()
    found = (memo.cues(sent, segment, cue_lexicon) if memo is not None
             else find_cues(doc, sent, lexicon=cue_lexicon, segment=segment))
    for c in found:
        if c.kind != "verb" or c.verb_class != "denial" or c.lemma not in cues.verbs:
            continue
        i = c.head
        e = end_of.get(c.end, i) + 1
        seen.add(i)
        yield from _one_verb(toks, i, e, c.lemma, cues.verbs[c.lemma], c.spans)
    for t in toks:
        lem = lemmatize(t.word, "VB")
        row = cues.verbs.get(lem) if t.word != "denial" else None
        if row is not None and t.i not in seen and t.tag in ("NN", "NNS", "JJ") and \
                t.i > 0 and toks[t.i - 1].tag in ("NNP", "NNPS", "PRP", "NNS", "NN") and \
                t.i + 1 < len(toks) and \
                (toks[t.i + 1].tag.startswith(("NN", "DT", "IN", "PRP", "WDT", "VBG", ".")) or
                 lemmatize(toks[t.i + 1].word, "NN") in ACCUSATION_NOUNS):
            yield from _one_verb(toks, t.i, t.i + 1, lem, row, ((t.start, t.end),),
                                 extra={"mistag"})


def _last_word(toks: list[_Tok], spans) -> str:
    """The last word (lower case) of the last span, from the tokens."""
    end = spans[-1][1]
    return next((t.word for t in toks if t.end == end), "")


def _one_verb(toks, i, e, lemma, row, cue, extra=()) -> Iterator[_Raw]:
    kind, rule = row["kind"], row["object_rule"]
    head = lemma.split()[0]
    flags: set = set(extra)
    neg = _negated(toks, i)
    if neg:
        return
    # passive: "the claim was swiftly denied by Brussels", "was denied permission"
    j = _skip_left(toks, i - 1)
    passive = toks[i].tag == "VBN" and j < i - 1 and any(
        toks[x].lemma == "be" for x in range(j + 1, i))
    if passive:
        # the subject must be a report/claim, or "which" after one ("the claims, which were
        # denied by ..."); "the convoy was denied permission" is withholding
        bad = j < 0 or not toks[j].tag.startswith(("NN", "WDT")) or \
            (toks[j].tag.startswith("NN") and toks[j].lemma not in ACCUSATION_NOUNS)
        relative = j > 0 and toks[j].word in ("which", "that") and \
            any(x.lemma in ACCUSATION_NOUNS for x in toks[max(0, j - 2):j])
        if bad and not relative:
            return
        a = _np_left(toks, j) if toks[j].tag.startswith("NN") else j
        denied = _span(toks, a, j + 1)
        denier: tuple = ()
        b = e
        if b < len(toks) and toks[b].word == "by":
            c = _np_right(toks, b + 1)
            denier = tuple(_conjuncts(toks, b + 1, c)) if c > b + 1 else ()
        if not denier or lemmatize(_last_word(toks, denier), "NN") in INANIMATE:
            return   # "their claim is rejected": who rejected it is not reported
        yield _Raw(cue, lemma, kind, denier, denied, {"passive"})
        return
    ok, content, oflags = _object_analysis(toks, i, e, head, rule)
    flags |= oflags
    subj = _subject(toks, i)
    if ok == "bare" and subj:
        # "a figure Caldera disputes": the tagger's noun run swallowed the antecedent
        for x in range(subj[0], subj[1] - 1):
            if toks[x].lemma in ACCUSATION_NOUNS | NUMBER_NOUNS and \
                    toks[x + 1].tag in ("NNP", "NNPS", "DT", "PRP"):
                subj = (x + 1, subj[1])
                break
    if ok == "bare":
        rel = _relative_object(toks, subj[0]) if subj else None
        if rel is not None:
            content, ok = rel, True
            flags.add("relative_object")
            if toks[subj[0] - 1].lemma in NUMBER_NOUNS:
                flags.add("number_object")
        else:
            ok = rule in ("default_accept", "any_object")
            flags.add("no_object")
    if not ok:
        return
    if not subj and not content:
        return   # "attempting to deny and deceive": nothing reported about anyone
    if not subj and i > 0 and toks[i - 1].word == "to":
        return   # "votes to deny the reality of ...", "a memo to rebut ...": no one reported
    if subj and toks[subj[1] - 1].lemma in INANIMATE:
        return   # "the findings refute your assertions", "a judge dismissed the claims"
    denier = tuple(_conjuncts(toks, *subj)) if subj else ()
    if subj and toks[subj[0]].tag == "PRP" and subj[1] - subj[0] == 1:
        flags.add("pronoun_denier")
    if not denier:
        flags.add("no_denier")
    denied = _span(toks, *content) if content else ()
    if "number_object" in flags:
        kind = "minimisation"   # disputing a count reduces, it does not deny
    yield _Raw(cue, lemma, kind, denier, denied, flags)


def _nominal_cues(toks, cues: _Cues) -> Iterator[_Raw]:
    n = len(toks)
    for i, t in enumerate(toks):
        row = cues.nominals.get(t.word)
        if row is None or not t.tag.startswith("NN"):
            continue
        if i > 0 and toks[i - 1].word in _NEG:
            continue
        denier: tuple = ()
        denied: tuple = ()
        flags = {"nominal"}
        # possessor / compound modifier: "the Kremlin's denial", "its denial", "Army denial"
        j = i - 1
        while j >= 0 and toks[j].tag.startswith("JJ"):
            j -= 1
        if j >= 0 and toks[j].tag == "PRP$":
            denier = ((toks[j].start, toks[j].end),)
            flags.add("pronoun_denier")
        elif j >= 0 and toks[j].tag == "POS" and j - 1 >= 0:
            a = _np_left(toks, j - 1)
            denier = tuple(_conjuncts(toks, a, j))
        elif j >= 0 and toks[j].tag.startswith("NNP") or \
                (j >= 0 and toks[j].tag.startswith("NN") and j == i - 1 and
                 toks[j].word[:1] != toks[j].word[:1].lower()):
            a = _np_left(toks, j)
            denier = tuple(_conjuncts(toks, a, j + 1))
        k = i + 1
        while k < n and toks[k].word in ("from", "by", "of", "that", "on", "issued"):
            w = toks[k].word
            if w in ("from", "by") and not denier:
                c = _np_right(toks, k + 1)
                if c > k + 1:
                    # "a spokesman for the ministry": keep the PP
                    while c + 1 < n and toks[c].word in ("for", "of") and \
                            toks[c + 1].tag.startswith(("NN", "DT")):
                        c = _np_right(toks, c + 1)
                    denier = tuple(_conjuncts(toks, k + 1, c))
                    k = c
                    continue
                break
            if w == "that" and k + 1 < n and toks[k + 1].tag.startswith(("VB", "MD")):
                break   # "a rebuttal that garnered ovations": a relative clause
            if w == "of" and k + 1 < n:
                e2 = _np_right(toks, k + 1)
                if e2 > k + 1 and toks[e2 - 1].lemma in WITHHOLD_NOUNS | {"petition", "motion"}:
                    denier = denied = ()
                    break   # "upon denial of the petition": a legal refusal
            if w in ("of", "that", "on") and not denied:
                c = _content_end(toks, k + 1)
                if c > k + 1:
                    denied = _span(toks, k + 1, c)
                    k = c
                    continue
                break
            k += 1
        if not denier and not denied:
            continue
        yield _Raw(((t.start, t.end),), row["pattern"], row["kind"], denier, denied, flags)


# Phrases that are themselves a reported speech act (no saying verb needed around them):
# "called the allegations baseless", "pleaded not guilty", "maintained his innocence"
_SPEECH_ACT_VERBS = frozenset({"call", "describe", "label", "brand", "term", "plead",
                               "maintain"})


def _phrase_cues(src, sent, toks, cues: _Cues) -> Iterator[_Raw]:
    view = src[sent.start:sent.end]
    by_start = {t.start: t.i for t in toks}
    by_end = {t.end: t.i for t in toks}
    taken: list[Span] = []
    for rx, row in cues.phrases:
        for m in rx.finditer(view):
            s, e = sent.start + m.start(), sent.start + m.end()
            while e > s and src[e - 1].isspace():
                e -= 1
            if s not in by_start or e not in by_end or \
                    any(s < te and ts < e for ts, te in taken):
                continue
            a, b = by_start[s], by_end[e] + 1
            taken.append((s, e))
            flags = {"phrase"}
            if row["kind"] == "denial" and _negated(toks, a) == "negated" and \
                    toks[a].word not in ("there",):
                continue
            speech_act = lemmatize(toks[a].word, "VB") in _SPEECH_ACT_VERBS
            subj = _subject(toks, a)
            if row["object_rule"] == "evaluative" and not speech_act:
                # "said (Western) reports were lies": the match is the content; the sayer
                # is the subject of the saying verb before it, or a post-posed "..., X said"
                k = _finite_before(toks, a - 1)
                subj = _subject(toks, k) if k is not None and toks[k].lemma in _SAY else None
                subj = subj or _postposed_sayer(toks)
            elif subj is None or (toks[subj[0]].tag == "PRP" and subj[1] - subj[0] == 1
                                  and toks[subj[0]].word in ("it", "they", "he", "she")):
                # "..., said it was not responsible": the sayer speaks for itself
                k = _finite_before(toks, a - 1)
                if k is not None and toks[k].lemma in _SAY:
                    s2 = _subject(toks, k)
                    subj = s2 or subj
                if subj is None or toks[subj[0]].word == "there":
                    subj = _postposed_sayer(toks)
            if a > 0 and toks[a - 1].word == "to":
                continue   # "in her right to refuse to answer questions": not (yet) done
            denier = tuple(_conjuncts(toks, *subj)) if subj else ()
            if row["kind"] == "denial" and not speech_act and not any(
                    x.lemma in _SAY and x.tag.startswith("VB") for x in toks):
                continue   # "That bill has nothing to do with Lynch": a statement, not reported
            if subj and toks[subj[0]].tag == "PRP" and subj[1] - subj[0] == 1:
                flags.add("pronoun_denier")
            denied: tuple = ()
            if row["object_rule"] == "content_after" and b < len(toks):
                k = b
                if row["kind"] == "denial" and k < len(toks) and \
                        toks[b - 1].word in ("responsible", "involved", "behind") and \
                        toks[k].word in ("for", "in"):
                    k += 1
                c = _content_end(toks, k)
                denied = _span(toks, k, c)
            elif row["object_rule"] == "evaluative" and "np" in rx.groupindex:
                ns, ne = sent.start + m.start("np"), sent.start + m.end("np")
                if ns in by_start and ne in by_end:
                    denied = ((ns, ne),)
                if not denier or (toks[a].tag == "VBG" and speech_act):
                    continue   # "..., calling them baseless" elaborates a denial already found
            elif row["object_rule"] == "comment_on" and b < len(toks) and \
                    toks[b].word in ("on", "about", "regarding"):
                c = _content_end(toks, b + 1)
                denied = _span(toks, b + 1, c)
            lemma = re.sub(r"\\b|\(\?:|[()?\\]|\[.*?\]|\{.*?\}|\|.*", "",
                           m.group(0).lower()).strip()
            yield _Raw(((s, e),), " ".join(lemma.split()), row["kind"], denier, denied, flags)


def _counter_cues(src, toks, cues: _Cues, raws: list[_Raw]) -> Iterator[_Raw]:
    n = len(toks)
    covered = [sp for r in raws for sp in (*r.cue, *r.denied)]
    denial_raws = [r for r in raws if r.kind == "denial"]
    for i, t in enumerate(toks):
        if any(s <= t.start < e for s, e in covered):
            continue
        # "denied responsibility and blamed rebels", "... and instead accused ..."
        lem = lemmatize(t.word, "VB")
        row = cues.counter_words.get(lem)
        if row is not None and (t.tag.startswith("VB") or t.word.endswith("ed")) and \
                denial_raws:
            prev = [r for r in denial_raws if r.cue[0][1] <= t.start]
            between = toks[max(0, i - 3):i]
            if prev and any(x.word in ("and", "instead", ",", "but") for x in between):
                r = prev[-1]
                c = _content_end(toks, i + 1)
                yield _Raw(((t.start, t.end),), lem, "counter_accusation", r.denier,
                           _span(toks, i + 1, c), {"after_denial"})
                continue
    if cues.fabrication_rx is not None:
        rx, row = cues.fabrication_rx
        say = [k for k, x in enumerate(toks) if x.lemma in _SAY and x.tag.startswith("VB")]
        if not say:
            return
        for k, x in enumerate(toks):
            if not rx.fullmatch(x.word) or any(s <= x.start < e for s, e in covered):
                continue
            if x.tag.startswith("JJ") or (k > 0 and toks[k - 1].tag == "DT"):
                continue   # "a fabricated report" as a modifier, not an act claimed
            sv = [v for v in say if v < k]
            if not sv:
                continue
            v = sv[-1]
            if _negated(toks, v):
                continue
            subj = _subject(toks, v)
            denier = tuple(_conjuncts(toks, *subj)) if subj else ()
            a = v + 1
            if a < n and toks[a].word == "that":
                a += 1
            c = _content_end(toks, a)
            if c <= k:
                continue
            yield _Raw(((x.start, x.end),), "staged", "counter_accusation", denier,
                       _span(toks, a, c), {"say_frame"})


# A cheap screen: a sentence with none of these strings cannot hold a cue of the
# packaged lexicon (a user lexicon switches the screen off).
_SCREEN = re.compile(r"den|reject|dismiss|refut|rebut|rebuff|disavow|disput|contest|rul|brush|"
                     r"shrug|wave|repudiat|debunk|downplay|play|comment|respons|truth|nothing|"
                     r"role|part|reach|confirm|stag|fabricat|fak|false|declin|refus|discuss|"
                     r"return|repl|respond|avail|not|n't|n’t|never|none|\bno\b|blame|accus|"
                     r"call|describ|label|brand|term|exaggerat|overstat|inflat|overblown|"
                     r"only|insist|innocen|guilty|baseless|unfounded|groundless|untrue|nonsense|"
                     r"ridicul|absurd|propaganda|\blie|slander",
                     re.IGNORECASE)


# The same screen for ASCII text, lower-cased first: the plain-string alternatives
# become substring tests (``in``), the few with ``\b`` one small case-sensitive
# regex; together about 5x faster than the IGNORECASE alternation.
_SCREEN_ALTS = _SCREEN.pattern.split("|") if "(" not in _SCREEN.pattern else []
_SCREEN_WORDS = tuple(a for a in _SCREEN_ALTS if re.escape(a) == a)
_SCREEN_LOWER = re.compile("|".join(a for a in _SCREEN_ALTS if re.escape(a) != a)
                           if _SCREEN_ALTS else _SCREEN.pattern)


def _screen(src: str, sent: Sentence) -> bool:
    """``_SCREEN.search(src, sent.start, sent.end)``, faster on ASCII sentences.

    Exact: a search for an alternation finds a match exactly when one of the
    alternatives occurs; for ASCII text ``lower()`` is the case folding
    IGNORECASE applies; and a sentence whose preceding character is a word
    character (where ``\b`` at its start would look back) takes the original
    search.
    """
    s, e = sent.start, sent.end
    view = src[s:e]
    before = src[s - 1:s] if s > 0 else ""
    if view.isascii() and not (before.isalnum() or before == "_"):
        low = view.lower()
        return any(w in low for w in _SCREEN_WORDS) or \
            _SCREEN_LOWER.search(low) is not None
    return _SCREEN.search(src, s, e) is not None


def _sentence_raws(doc, segment, src: str, sent: Sentence, cues: _Cues,
                   screen: bool = True, memo: DocMemo | None = None) -> list[_Raw]:
    if screen and not _screen(src, sent):
        return []
    toks = memo.tokens(src, sent) if memo is not None else _tokens(src, sent)
    raws: list[_Raw] = []
    phrase = list(_phrase_cues(src, sent, toks, cues))
    taken = [sp for r in phrase for sp in r.cue]
    for r in (*phrase, *_verb_cues(doc, sent, segment, toks, cues, memo=memo), *_nominal_cues(toks, cues)):
        if r in phrase or not any(s < te and ts < e for s, e in r.cue for ts, te in taken):
            raws.append(r)
            taken.extend(r.cue)
    for r in _negated_report_cues(doc, sent, segment, toks, memo=memo):
        # "said it was not responsible" is already the phrase cue "not responsible"
        if not any(s < te and ts < e for s, e in (*r.cue, *r.denied) for ts, te in taken):
            raws.append(r)
            taken.extend(r.cue)
    raws.extend(_counter_cues(src, toks, cues, raws))
    raws.sort(key=lambda r: r.cue[0])
    return raws


# --------------------------------------------------------------------------- pairing


def _actors_of(codebook, src: str, spans) -> list[str]:
    actors: list[str] = []
    if codebook is not None:
        for s, e in spans:
            for a in codebook.resolve_all(src[s:e]):
                if a not in actors:
                    actors.append(a)
    return actors


def iter_denials(doc: ProcessedDoc, *, lexicon=None, codebook=None) -> Iterator[Denial]:
    """Yield the :class:`Denial` records of one processed document, in text order."""
    if not isinstance(doc, ProcessedDoc):
        raise DocumentError(getattr(doc, "doc_id", "?"), "denials",
                            f"expected a ProcessedDoc, got {type(doc).__name__}")
    lex = _lexicon(lexicon)
    packaged = lexicon is None
    cues = _compile(lex)
    cache: dict = {}
    memo = DocMemo(doc)
    found = []
    for segment, src, sents in doc.segments():
        for sent in sents:
            if sent.end > len(src) or (sent.tokens and sent.tokens[-1].end > len(src)):
                raise DocumentError(doc.doc_id, "denials",
                                    f"sentence {sent.index} runs past the end of the text")
            for raw in _sentence_raws(doc, segment, src, sent, cues, screen=packaged,
                                      memo=memo):
                found.append((segment, src, sent, raw))
    if found:
        found.extend(_denier_counters(doc, found, codebook, memo=memo))
    order = {"title": 0, "body": 1}
    found.sort(key=lambda x: (order[x[0]], x[2].index, x[3].cue[0]))
    for segment, src, sent, raw in found:
        actors = _actors_of(codebook, src, raw.denier)
        if not actors and codebook is not None and len(raw.denier) == 1 and \
                src[raw.denier[0][0]:raw.denier[0][1]].lower() in _PRONOUNS:
            sents = doc.title_sentences if segment == "title" else doc.sentences
            actors = _pronoun_actors(codebook, src, sents, sent, raw.denier[0][0])
            if actors:
                raw.flags.add("pronoun_resolved")
        paired, accusers, hits = _pair(doc, segment, sent, raw, codebook, tuple(actors), cache,
                                        memo=memo)
        yield Denial(
            doc.doc_id, segment, sent.paragraph, sent.index,
            raw.cue, " ".join(src[s:e] for s, e in raw.cue), raw.cue_lemma,
            raw.denier, " | ".join(src[s:e] for s, e in raw.denier),
            raw.denied, " ".join(src[s:e] for s, e in raw.denied),
            raw.kind, tuple(actors), paired, accusers, hits,
            frozenset(raw.flags),
        )


def _row(d: Denial) -> dict:
    row = {c: getattr(d, c) for c in COLUMNS}
    for c in ("cue", "denier", "denied"):
        row[c] = [list(sp) for sp in row[c]]
    for c in ("actors", "accusers", "accusation_sentences"):
        row[c] = list(row[c])
    row["flags"] = sorted(row["flags"])
    return row


def table_rows(doc: ProcessedDoc, *, codebook=None, lexicon=None) -> list[dict]:
    """One document's rows of the :func:`extract` table, as dicts (before :func:`frame`)."""
    return [_row(d) for d in iter_denials(doc, lexicon=lexicon, codebook=codebook)]


def frame(rows: list[dict]):
    """The denials table of rows from :func:`table_rows` (one or many documents)."""
    import pandas as pd

    return pd.DataFrame(rows, columns=list(COLUMNS))


def extract(docs: Iterable[ProcessedDoc], *, codebook=None, lexicon=None):
    """The denials table: one row per reported denial, columns :data:`COLUMNS`."""
    return frame([r for doc in docs
                  for r in table_rows(doc, lexicon=lexicon, codebook=codebook)])


extract_denials = extract


def json_rows(doc: ProcessedDoc, *, codebook=None, lexicon=None) -> Iterator[dict]:
    """The objects ``mbt extract denials`` prints (the CLI adds ``doc``)."""
    for d in iter_denials(doc, lexicon=lexicon, codebook=codebook):
        r = _row(d)
        yield {"segment": r["segment"], "paragraph": r["paragraph"],
               "sentence": r["sentence"], "cue": r["cue"], "cue_text": r["cue_text"],
               "denier": r["denier"], "denier_text": r["denier_text"],
               "denied": r["denied"], "denied_text": r["denied_text"],
               "kind": r["kind"], "actors": r["actors"],
               "accusation_in_article": r["accusation_in_article"],
               "accusers": r["accusers"], "flags": r["flags"]}


def outlet_actor_table(denials, articles):
    """Per outlet x actor: denials reported, accusations reported, pairs.

    ``denials`` is the :func:`extract` table (with ``actors`` and ``accusers``),
    ``articles`` a table with ``doc_id`` and ``outlet``. ``denials`` counts rows
    naming the actor as denier, ``accusations`` counts rows naming it among the
    accusers, ``pairs`` counts its denials whose accusation is also voiced in the
    article, ``articles`` the articles reporting one of its denials.

    >>> import pandas as pd
    >>> d = pd.DataFrame({"doc_id": ["a", "a", "b"], "actors": [["Russia"], ["Russia"], []],
    ...                   "accusers": [["UN"], [], []],
    ...                   "accusation_in_article": [True, False, False]})
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["x", "y"]})
    >>> outlet_actor_table(d, arts).to_dict("records")[0]
    {'outlet': 'x', 'actor': 'Russia', 'denials': 2, 'accusations': 0, 'pairs': 1, 'articles': 1}
    """
    import pandas as pd

    cols = ["outlet", "actor", "denials", "accusations", "pairs", "articles"]
    if len(denials) == 0:
        return pd.DataFrame(columns=cols)
    outlet = dict(zip(articles["doc_id"], articles["outlet"]))
    acc: dict = {}
    for row in denials.to_dict("records"):
        o = outlet.get(row["doc_id"])
        for a in row["actors"] or []:
            e = acc.setdefault((o, a), {"denials": 0, "accusations": 0, "pairs": 0,
                                        "articles": set()})
            e["denials"] += 1
            e["pairs"] += bool(row["accusation_in_article"])
            e["articles"].add(row["doc_id"])
        for a in row["accusers"] or []:
            e = acc.setdefault((o, a), {"denials": 0, "accusations": 0, "pairs": 0,
                                        "articles": set()})
            e["accusations"] += 1
    out = [{"outlet": o, "actor": a, "denials": e["denials"],
            "accusations": e["accusations"], "pairs": e["pairs"],
            "articles": len(e["articles"])} for (o, a), e in acc.items()]
    return pd.DataFrame(out, columns=cols).sort_values(["outlet", "actor"]).reset_index(
        drop=True)
