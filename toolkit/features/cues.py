"""The one reporting / stance cue detector shared by attribution and denials.

A *cue* is the word or phrase that marks a stretch of text as somebody's words
or thoughts: "said", "told Reuters", "according to", "quoted him as saying",
"denied", "the allegation that". :func:`find_cues` finds the cues of one
sentence from the Penn tags of :mod:`toolkit.text` and the inflected forms that
:func:`inflections` generates for every lexicon lemma (regular English
morphology plus a table of strong verbs), so every inflection and every position
("X said", "said X", "..., X said.", "X has repeatedly said") is covered by one
lexicon row per lemma (``toolkit/lexicons/reporting_verbs.csv``). Generating the
forms instead of calling WordNet's morphy keeps the detector free of the
several-second WordNet load and makes a lemma's coverage inspectable.

Kinds of cue
------------
``verb``
    a reporting/stance verb in any inflection, including phrasal verbs
    ("point out", "rule out", "play down"); a frame such as "in a statement"
    right next to it is added to its spans ("said in a statement").
``according_to``
    the preposition "according to", and a clause-initial "in" whose NP is headed
    by a survey noun ("In the latest Post-ABC poll, Clinton led ...").
``phrase``
    a multiword frame with a gap ("quoted him as saying", "made it clear"),
    or a source-less frame with no verb in the sentence ("In a statement, ...").
``nominal``
    a reporting noun ("his denial", "the allegation that ...", "the claim that");
    the nouns whose lexicon note mentions a preposition (:func:`preposition_nouns`)
    also take a PP object in the attribution extractor ("criticism of the deal").
``adjective`` / ``adverb``
    a stance adjective with its complement ("critical of", "eager to") or an
    evidential adverb ("reportedly"), found only
    by :func:`find_attitude_cues` (attribution's attitude lexicon), which also
    gives nominal ("questions about") and ``according_to`` ("in the latest poll")
    cues; :func:`find_cues` never returns it, so denials are unaffected.

Verb classes (the ``class`` column of the lexicon) follow the stance
distinctions of Bergler (1992) and Krestel et al. (2008): ``neutral``
(say, tell, add), ``endorsing`` (confirm, acknowledge, reveal: the writer
presents the content as true), ``distancing`` (claim, allege, insist: the
writer signals doubt), ``concessive`` (admit, concede), ``denial`` (deny,
reject, rule out), ``accusatory`` (accuse, denounce, blame) and ``cognition``
(believe, think, fear).

Known blind spots: irregular forms missing from the strong-verb table are not
matched (add them to ``_IRREGULAR``); a verb the tagger mis-tags as a noun is recovered only for
"-s"/"-ed" forms right after a name or pronoun ("Clinton says") and in a sentence-initial
quotative inversion ('Said Comey, "..."'); nouns are cues
only when they are listed as nouns or a listed verb lemma is followed by "that".

References
----------
Bergler, S. (1992). *Evidential analysis of reported speech*. PhD thesis, Brandeis.
Collins, C. & Branigan, P. (1997). Quotative inversion. *Natural Language & Linguistic
Theory* 15(1), 1-41.
Krestel, R., Bergler, S. & Witte, R. (2008). Minding the source: automatic tagging
of reported speech in newspaper articles. LREC.
Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC.

Examples
--------
>>> from toolkit.text import process
>>> doc = process("Rebels concede they fled, the agency quoted him as saying.", doc_id="d")
>>> [(c.lemma, c.verb_class, c.kind) for c in find_cues(doc, doc.sentences[0])]
[('concede', 'concessive', 'verb'), ('quote as saying', 'neutral', 'phrase')]
>>> [c.text(doc.text) for c in find_cues(doc, doc.sentences[0])]
['concede', 'quoted ... as saying']
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..lexicons import Lexicon, cached_lexicon, derived
from ..text import ProcessedDoc, Sentence

Span = tuple[int, int]

#: The verb classes a lexicon row may carry.
VERB_CLASSES = ("neutral", "endorsing", "distancing", "concessive", "denial", "accusatory",
                "cognition")
#: The kinds of cue :func:`find_cues` returns.
KINDS = ("verb", "according_to", "nominal", "phrase", "adjective", "adverb")

#: Prepositions after which a reporting noun takes its content as an object
#: ("criticism of the plan", "his attacks on Clinton", "concerns about", "a promise to").
NOMINAL_PREPS = frozenset({"of", "on", "about", "for", "over", "against", "to"})
#: Heads of a survey NP that "in" turns into an evidential cue like "according to"
#: ("In the latest Post-ABC poll, Clinton led ..."; PolNeAR annotates "in" as the cue).
SURVEY_NOUNS = frozenset({"poll", "polls", "survey", "surveys", "average", "averages"})
_NEGATORS = frozenset({"not", "n't", "never", "no"})
_MAX_GAP = 3  # tokens a "*" in a phrase may stand for

# Strong verbs: their past forms replace the regular "-ed" ones.
_IRREGULAR = {
    "say": ("said",), "tell": ("told",), "write": ("wrote", "written"),
    "think": ("thought",), "find": ("found",), "know": ("knew", "known"),
    "see": ("saw", "seen"), "feel": ("felt",), "read": (), "speak": ("spoke", "spoken"),
    "put": (), "go": ("went", "gone"), "make": ("made",), "hold": ("held",),
    "understand": ("understood",), "forecast": (), "hit": (), "mean": ("meant",),
    "lead": ("led",), "draw": ("drew", "drawn"), "seek": ("sought",),
    "give": ("gave", "given"), "bring": ("brought",), "teach": ("taught",),
    "swear": ("swore", "sworn"), "foresee": ("foresaw", "foreseen"),
    "withhold": ("withheld",), "shake": ("shook", "shaken"), "take": ("took", "taken"),
    "speak out": (), "broadcast": (), "cast": (), "overstate": (),
}
# Verbs with an extra irregular form beside the regular "-ed" one.
_EXTRA_FORMS = {"show": ("shown",), "learn": ("learnt",), "prove": ("proven",),
                "spell": ("spelt",), "dream": ("dreamt",)}
_STRESSED_ENDINGS = ("mit", "cur", "pel", "gret", "trol", "fer", "bet", "but")
_UNSTRESSED_FER = ("offer", "differ", "suffer", "proffer")


def _one_syllable(w: str) -> bool:
    groups, prev = 0, False
    for k, ch in enumerate(w):
        vowel = ch in "aeiou" and not (ch == "u" and k > 0 and w[k - 1] == "q")
        if vowel and not prev:
            groups += 1
        prev = vowel
    return groups == 1


@dataclass(frozen=True)
class Cue:
    """One cue: character spans (several for "quoted ... as saying"), lemma, class, kind.

    ``head`` is the index (in ``sentence.tokens``) of the cue's main token and
    ``negated`` is True when "not"/"n't"/"never" precedes it closely ("did not deny").
    """

    spans: tuple[Span, ...]
    lemma: str
    verb_class: str
    kind: str
    head: int = -1
    negated: bool = False

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def text(self, text: str) -> str:
        """The cue's words, gaps shown as " ... "."""
        return " ... ".join(text[s:e] for s, e in self.spans)


def inflections(lemma: str) -> frozenset[str]:
    """Inflected forms of a verb lemma (regular English morphology plus irregulars).

    >>> sorted(inflections("deny"))
    ['denied', 'denies', 'deny', 'denying']
    >>> sorted(inflections("say"))
    ['said', 'say', 'saying', 'says']
    >>> sorted(inflections("admit")), sorted(inflections("shrug"))[1]
    (['admit', 'admits', 'admitted', 'admitting'], 'shrugged')
    """
    w = lemma
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms = {w, w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith("ee"):
        forms = {w, w + "s", w + "d", w + "ing"}
    elif w.endswith("ie"):
        forms = {w, w + "s", w + "d", w[:-2] + "ying"}
    elif w.endswith("e"):
        forms = {w, w + "s", w + "d", w[:-1] + "ing"}
    elif w.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms = {w, w + "es", w + "ed", w + "ing"}
    else:
        cvc = len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and \
            (w[-3] not in "aeiou" or w[-4:-2] == "qu")
        # consonant doubling needs a stressed final syllable (admit, refer, shrug)
        stressed = _one_syllable(w) or (w.endswith(_STRESSED_ENDINGS) and
                                        not w.endswith(_UNSTRESSED_FER))
        if cvc and stressed:
            forms = {w, w + "s", w + w[-1] + "ed", w + w[-1] + "ing"}
        else:
            forms = {w, w + "s", w + "ed", w + "ing"}
    if w.endswith("l") and len(w) > 3 and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms |= {w + "led", w + "ling"}   # British spelling: signalled, travelling
    if w in _IRREGULAR:
        forms = {f for f in forms if not f.endswith("ed")} | set(_IRREGULAR[w])
    forms |= set(_EXTRA_FORMS.get(w, ()))
    return frozenset(forms)


@dataclass(frozen=True)
class _Index:
    verbs: dict          # lemma -> class
    nouns: dict          # lemma -> class
    phrases: tuple       # (words tuple, class, kind, display lemma), longest first
    forms: dict          # inflected form -> lemma (single verbs)
    by_first: dict       # first word (lemma for verb phrases) -> phrases, longest first
    phrase_forms: dict   # inflected form -> first word of a verb phrase
    pp_nouns: frozenset  # nouns that take their content in a PP ("criticism of")


def _build_index(lex: Lexicon) -> _Index:
    verbs, nouns, phrases, forms, pp_nouns = {}, {}, [], {}, set()
    for row in lex.rows:
        lemma = row["lemma"].lower()
        cls = row["class"]
        note = row.get("note", "")
        if note.startswith("noun"):
            nouns[lemma] = cls
            if "preposition" in note:
                pp_nouns.add(lemma)
        elif " " in lemma:
            words = tuple(lemma.split())
            if lemma == "according to":
                kind = "according_to"
            elif "*" in words or words[0] in ("in", "on"):
                kind = "phrase"
            else:
                kind = "verb"
            display = " ".join(w for w in words if w != "*")
            phrases.append((words, cls, kind, display))
        else:
            verbs[lemma] = cls
            for f in inflections(lemma):
                forms.setdefault(f, lemma)
    phrases.sort(key=lambda p: -len(p[0]))
    by_first: dict = {}
    phrase_forms: dict = {}
    for ph in phrases:
        by_first.setdefault(ph[0][0], []).append(ph)
        if ph[2] != "according_to" and ph[0][0] not in ("in", "on"):
            for f in inflections(ph[0][0]):
                phrase_forms.setdefault(f, ph[0][0])
    return _Index(verbs, nouns, tuple(phrases), forms, by_first, phrase_forms,
                  frozenset(pp_nouns))


def _index(lexicon: Lexicon | str | Path | None) -> _Index:
    if not isinstance(lexicon, Lexicon):
        lexicon = cached_lexicon("reporting_verbs", lexicon)
    return derived(_build_index, lexicon)


def _is_punct(tag: str) -> bool:
    return not tag[:1].isalpha()


def _match_phrase(words, toks, low, i, first_is_verb) -> list[tuple[int, int]] | None:
    """Token runs ``[(first, last), ...]`` matching ``words`` from token ``i``, or None."""
    runs: list[list[int]] = [[i, i]]
    j = i + 1
    k = 1
    n = len(toks)
    while k < len(words):
        w = words[k]
        if w == "*":
            nxt = words[k + 1]
            for gap in range(_MAX_GAP + 1):
                p = j + gap
                if p >= n:
                    return None
                if gap and _is_punct(toks[p - 1].tag):
                    return None
                if low[p] == nxt:
                    runs.append([p, p])
                    j, k = p + 1, k + 2
                    break
            else:
                return None
            continue
        if j < n and low[j] == w:
            runs[-1][1] = j
            j, k = j + 1, k + 1
            continue
        # phrasal verbs allow one object pronoun before the particle ("ruled it out")
        if first_is_verb and k == 1 and j + 1 < n and toks[j].tag == "PRP" and low[j + 1] == w:
            runs.append([j + 1, j + 1])
            j, k = j + 2, k + 1
            continue
        return None
    return [tuple(r) for r in runs]


def _noun_lemma(w: str) -> str:
    """Singular of a plural noun by suffix ("allegations" -> "allegation")."""
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _inverted_opening(toks, low: list[str]) -> bool:
    """True when a sentence opens with a past or present-tense form ("Said",
    "Added", "Says") followed by a name and then a comma or colon within six
    tokens: the quotative inversion of news prose ('Said Comey, "..."'; Collins &
    Branigan 1997), which the tagger reads as a proper noun.

    >>> from types import SimpleNamespace as T
    >>> tags = ["NNP", "NNP", ",", "``"]
    >>> _inverted_opening([T(tag=t) for t in tags], ["said", "comey", ",", '"'])
    True
    >>> _inverted_opening([T(tag=t) for t in ["NNP", "NNP", "MD"]], ["says", "clinton", "would"])
    False
    """
    if not (low[0].endswith(("ed", "s")) or low[0] in ("said", "wrote", "told")):
        return False
    k = 1
    while k < len(toks) and k <= 6 and toks[k].tag in ("NNP", "NNPS", "NN", "DT", "JJ", "POS",
                                                         "CC"):
        k += 1
    return 1 < k < len(toks) and low[k] in (",", ":") and any(
        toks[j].tag.startswith("NNP") for j in range(1, k))


def lowered_words(src: str, tokens) -> list[str]:
    """The tokens' words lower-cased, with a curly apostrophe as a straight one
    (what the cue lexicons and grammar rules compare against).

    >>> from toolkit.text import process
    >>> doc = process("Moscow Didn\u2019t deny it.")
    >>> lowered_words(doc.text, doc.sentences[0].tokens)
    ['moscow', 'did', "n't", 'deny', 'it', '.']
    """
    return [src[t.start:t.end].lower().replace("\u2019", "'") for t in tokens]


def find_cues(doc: ProcessedDoc, sentence: Sentence, *, lexicon=None,
              segment: str = "body") -> list[Cue]:
    """All reporting / stance cues of one sentence, in textual order.

    Parameters
    ----------
    doc : ProcessedDoc
        The processed document the sentence belongs to.
    sentence : Sentence
        A sentence of ``doc`` (body or title segment).
    lexicon : Lexicon, path or None
        The cue lexicon; None for the packaged ``reporting_verbs``.
    segment : {"body", "title"}
        Which text the sentence's offsets index.

    Returns
    -------
    list of Cue
        Non-overlapping cues; spans index ``doc.text`` (or ``doc.title``).

    Examples
    --------
    >>> from toolkit.text import process
    >>> doc = process("Moscow denied it, according to state media.", doc_id="d")
    >>> [(c.text(doc.text), c.kind) for c in find_cues(doc, doc.sentences[0])]
    [('denied', 'verb'), ('according to', 'according_to')]
    """
    idx = _index(lexicon)
    src = doc.title if segment == "title" else doc.text
    toks = sentence.tokens
    n = len(toks)
    low = lowered_words(src, toks)
    used = [False] * n
    cues: list[Cue] = []
    frames: list[Cue] = []

    def negated(i: int) -> bool:
        for j in range(i - 1, max(-1, i - 4), -1):
            if _is_punct(toks[j].tag):
                return False
            if low[j] in _NEGATORS:
                return True
        return False

    for i, tok in enumerate(toks):
        if used[i]:
            continue
        tag = tok.tag
        # 1. multiword phrases, longest first
        hit = None
        vl = idx.phrase_forms.get(low[i])
        verbal = vl is not None and (tag[:1] == "V" or low[i] in idx.forms)
        cands = list(idx.by_first.get(low[i], ()))
        if verbal and vl != low[i]:
            cands += idx.by_first.get(vl, ())
            cands.sort(key=lambda ph: -len(ph[0]))
        for words, cls, kind, display in cands:
            first = words[0]
            if kind == "verb" or (kind == "phrase" and first not in ("in", "on")):
                if not verbal or vl != first:
                    continue
                runs = _match_phrase(words, toks, low, i, True)
            else:
                if low[i] != first:
                    continue
                runs = _match_phrase(words, toks, low, i, False)
            if runs and not any(used[a] for r in runs for a in range(r[0], r[1] + 1)):
                hit = (runs, cls, kind, display)
                break
        if hit is None and low[i] == "in" and tag == "IN" and (i == 0 or low[i - 1] == ","):
            # "in the latest Washington Post-ABC News poll": the survey is the source
            for k in range(i + 1, min(n, i + 9)):
                if _is_punct(toks[k].tag) or toks[k].tag[:2] not in ("DT", "JJ", "NN", "CD",
                                                                     "PR", "PO", "VB"):
                    break
                if low[k] in SURVEY_NOUNS and toks[k].tag in ("NN", "NNS") and not (
                        k + 1 < n and toks[k + 1].tag in ("NN", "NNS", "NNP")):
                    hit = ([(i, i)], "neutral", "according_to", "in")
                    break
        if hit:
            runs, cls, kind, display = hit
            for a, b in runs:
                for p in range(a, b + 1):
                    used[p] = True
            cue = Cue(tuple((toks[a].start, toks[b].end) for a, b in runs), display, cls,
                      kind, i, negated(i))
            (frames if kind == "phrase" and display.split()[0] in ("in", "on") else cues) \
                .append(cue)
            continue
        # 2. single verbs (and verbs mis-tagged as nouns right after a subject)
        lemma = None
        if tag.startswith("V"):
            lemma = idx.forms.get(low[i])
        elif tag in ("NNS", "JJ") and i > 0 and low[i] in idx.forms and \
                low[i].endswith(("s", "ed")) and toks[i - 1].tag in ("NNP", "NNPS", "PRP") \
                and not (i + 1 < n and toks[i + 1].tag[:2] in ("VB", "MD")):
            # "Clinton says" tagged as a noun; not "the Port Alder talks opened"
            lemma = idx.forms[low[i]]
        elif tag == "NNS" and 0 < i < n - 1 and low[i] in idx.forms and \
                low[i].endswith("s") and toks[i - 1].tag in ("NN", "NNS") and \
                (low[i + 1] == "that" or toks[i + 1].tag in ("NNP", "PRP", "``", "CD")):
            # headline verbs tagged as nouns: "Poll shows Clinton ahead"
            lemma = idx.forms[low[i]]
        elif tag in ("NN", "NNS") and low[i] in idx.forms and (
                _postposed_noun_verb(toks, low, i, idx.forms[low[i]]) or
                (0 < i < n - 1 and (toks[i - 1].tag in ("NN", "NNS") or
                                    low[i - 1] in _QUANTITY_SUBJECTS) and
                 low[i + 1] in _SUBJECT_OBJECT_PRONOUNS)):
            # a verb the tagger read as a noun: a postposed report ("..., campaign
            # finance records show.", "...,” Viguerie notes."), or one between
            # its subject and a pronoun ("64 percent call him competent", "polls in
            # the state show him with a big lead")
            lemma = idx.forms[low[i]]
        elif tag == "NNP" and i == 0 and low[i] in idx.forms and _inverted_opening(toks, low):
            # a sentence-initial inverted cue the tagger reads as a name: 'Said Comey,
            # "The thought ..."', "Added Ms. Smith: ..."
            lemma = idx.forms[low[i]]
        if lemma in idx.verbs:
            used[i] = True
            cues.append(Cue(((tok.start, tok.end),), lemma, idx.verbs[lemma], "verb", i,
                            negated(i)))
            continue
        # 3. reporting nouns
        if tag in ("NN", "NNS"):
            nl = _noun_lemma(low[i])
            cls = idx.nouns.get(nl) or idx.nouns.get(low[i])
            if cls is None and nl in idx.verbs and i + 1 < n and low[i + 1] == "that":
                cls = idx.verbs[nl]
            if cls is not None:
                used[i] = True
                cues.append(Cue(((tok.start, tok.end),), nl if nl in idx.nouns or
                                low[i] not in idx.nouns else low[i], cls, "nominal", i,
                                negated(i)))

    # frames ("in a statement") join the nearest verb cue of the sentence
    for fr in frames:
        verbs = [c for c in cues if c.kind == "verb"]
        if verbs:
            near = min(verbs, key=lambda c: abs(c.head - fr.head))
            merged = Cue(tuple(sorted(near.spans + fr.spans)), near.lemma, near.verb_class,
                         near.kind, near.head, near.negated)
            cues[cues.index(near)] = merged
        else:
            cues.append(fr)
    cues.sort(key=lambda c: c.start)
    return cues


# --------------------------------------------------------------------------- attitude cues


@dataclass(frozen=True)
class _AttitudeIndex:
    nouns: dict      # singular noun -> (complement words, class)
    adjs: dict       # adjective form -> (complement words, class)
    preps: dict      # preposition -> (complement words, class)
    advs: dict       # evidential adverb -> (complement words, class)


# "For years, ...", "For example, ...": sentence-initial "for" phrases that are no one's view
_NOT_PERSPECTIVE = frozenset({"years", "decades", "months", "weeks", "days", "hours", "now",
                              "example", "instance", "time", "once", "one", "starters",
                              "sure", "good", "ever", "long", "while", "all"})


def _attitude_index(lexicon: Lexicon | str | Path | None = None) -> _AttitudeIndex:
    if not isinstance(lexicon, Lexicon):
        lexicon = cached_lexicon("attitude_cues", lexicon)
    return derived(_build_attitude_index, lexicon)


def _build_attitude_index(lex: Lexicon) -> _AttitudeIndex:
    by_pos: dict = {"noun": {}, "adj": {}, "prep": {}, "adv": {}}
    for row in lex.rows:
        comps = tuple(c.strip() for c in row["complements"].split(";") if c.strip())
        by_pos[row["pos"]][row["lemma"].lower()] = (comps, row["class"])
    return _AttitudeIndex(by_pos["noun"], by_pos["adj"], by_pos["prep"], by_pos["adv"])


def find_attitude_cues(doc: ProcessedDoc, sentence: Sentence, *, taken=frozenset(),
                       lexicon=None, segment: str = "body") -> list[Cue]:
    """Attitude cues of one sentence from ``toolkit/lexicons/attitude_cues.csv``.

    PolNeAR (Newell et al. 2018) annotates attributed beliefs and attitudes, not
    only speech, so besides reporting verbs its cues are nouns and adjectives
    with their complement ("questions about", "opposition to", "critical of",
    "eager to"; Biber et al. 1999 on stance nouns and adjectives controlling a
    complement clause or PP) and evidential prepositions ("a lead *in* the
    latest poll", "*For* Sanders, the mission is different"). A noun or
    adjective counts only right before one of its listed complement words; the
    cue's span covers both. ``taken`` holds token indices already used by other
    cues of the sentence (skipped). Only the attribution extractor calls this
    (with its cue model), so the denial extractor's cues are unchanged.

    >>> from toolkit.text import process
    >>> doc = process("Trump was critical of the deal despite questions about it.")
    >>> [(c.text(doc.text), c.kind) for c in find_attitude_cues(doc, doc.sentences[0])]
    [('critical of', 'adjective'), ('questions about', 'nominal')]
    """
    idx = _attitude_index(lexicon)
    src = doc.title if segment == "title" else doc.text
    toks = sentence.tokens
    n = len(toks)
    low = lowered_words(src, toks)
    out: list[Cue] = []
    for i, tok in enumerate(toks):
        if i in taken or i + 1 >= n or (i + 1) in taken:
            continue
        tag, nxt = tok.tag, low[i + 1]
        if tag == "RB" and low[i] in idx.advs and 0 < i:
            # "Cuccinelli reportedly reacted ...": the writer cites unnamed reports
            out.append(Cue(((tok.start, tok.end),), low[i], idx.advs[low[i]][1], "adverb", i))
            continue
        entry, kind, lemma = None, "", low[i]
        if tag in ("NN", "NNS"):
            lemma = _noun_lemma(low[i]) if low[i] not in idx.nouns else low[i]
            entry, kind = idx.nouns.get(lemma), "nominal"
        elif tag in ("JJ", "VBN", "VBD"):
            entry, kind = idx.adjs.get(low[i]), "adjective"
        elif tag == "IN" and low[i] in idx.preps:
            comps, cls = idx.preps[low[i]]
            if low[i] == "for":
                hit = _perspective_np(toks, low, i) if i == 0 else None
            else:
                hit = _survey_np(toks, low, i, comps) if i > 0 and low[i - 1] != "," else None
            if hit:
                out.append(Cue(((tok.start, tok.end),), low[i], cls, "according_to", i))
            continue
        if entry is None or nxt not in entry[0]:
            continue
        out.append(Cue(((tok.start, toks[i + 1].end),), f"{lemma} {nxt}", entry[1], kind, i))
    return out


def find_headline_verbs(doc: ProcessedDoc, sentence: Sentence, *, taken=frozenset(),
                        lexicon=None, segment: str = "body") -> list[Cue]:
    """Reporting verbs of a Title-Case headline that the tagger took for nouns.

    In "Bellwether County Says Trump Should Win" every word is capitalised, so
    the Penn tagger reads "Says" as a proper noun. In a sentence whose longer
    words are nearly all capitalised, a noun-tagged token (not the first) that is
    the "-s" form of a lexicon verb is returned as a verb cue, and so are the base
    form right after a plural-looking word ("New Polls Show ...") and the past or
    "-ing" form right after a capitalised noun or a headline adverb ("Zoe Saldana
    Asked Men ...", "Al Sharpton Just Said ..."). Attribution-only
    (its cue model judges them); :func:`find_cues` is unchanged.

    >>> from toolkit.text import process
    >>> doc = process("Bellwether County Says Trump Should Win GOP Nomination.")
    >>> [(c.text(doc.text), c.lemma) for c in find_headline_verbs(doc, doc.sentences[0])]
    [('Says', 'say')]
    """
    idx = _index(lexicon)
    src = doc.title if segment == "title" else doc.text
    toks = sentence.tokens
    words = [src[t.start:t.end] for t in toks]
    long_words = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    if len(long_words) < 4 or sum(w[:1].isupper() for w in long_words) < 0.8 * len(long_words):
        return []
    out = []
    for i in range(1, len(toks) - 1):
        low = words[i].lower()
        if i in taken or not toks[i].tag.startswith("NN"):
            continue
        lemma = idx.forms.get(low)
        if lemma is None or lemma not in idx.verbs:
            continue
        prev = words[i - 1].lower()
        if lemma == low:
            # the base form after a plural subject: "Leaked Documents Reveal ...",
            # "New Polls Show ..."
            if not (words[i - 1][:1].isupper() and prev.endswith("s") and
                    not prev.endswith(("ss", "'s", "’s"))):
                continue
        elif not low.endswith("s"):
            # the past or -ing form after its subject: "Zoe Saldana Asked Men Everywhere
            # To ...", "Al Sharpton Just Said Something ...", "... Have Everyone Talking"
            if not (words[i - 1][:1].isupper() and (toks[i - 1].tag.startswith("NN") or
                                                    prev in _HEADLINE_ADVERBS)):
                continue
        out.append(Cue(((toks[i].start, toks[i].end),), lemma, idx.verbs[lemma], "verb", i))
    return out


#: Quantity words that head a subject the tagger reads as an adjective ("a third say").
_QUANTITY_SUBJECTS = frozenset({"third", "half", "quarter", "most", "many", "few", "fifth"})
_HEADLINE_ADVERBS = frozenset({"just", "reportedly", "also", "finally", "now", "again"})
_SUBJECT_OBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "him", "her", "them", "us",
                                      "it"})


def _postposed_noun_verb(toks, low, i: int, lemma: str) -> bool:
    """Whether noun-tagged ``toks[i]`` is the verb of a postposed report.

    After the reported clause, a comma or closing quotation mark, and a short
    subject NP, a word that ends the clause (before "." or ",") and agrees with
    the subject in number is its verb, whatever the tagger says: "..., campaign
    finance records *show*.", "..., a Quinnipiac University poll *shows*.",
    "...,” Viguerie *notes*." (the Penn tagger reads a clause-final "show" or
    "notes" after a noun as a noun).
    """
    n = len(toks)
    if i == 0 or not (i + 1 == n or low[i + 1] in (".", ",")):
        return False
    prev = toks[i - 1].tag
    if not ((low[i] != lemma and low[i].endswith("s") and prev in ("NN", "NNP")) or
            (low[i] == lemma and prev in ("NNS", "NNPS", "NNP"))):
        return False
    j = i - 1
    while j >= 0 and i - j <= 8 and toks[j].tag[:2] in ("NN", "JJ", "DT", "CD", "PO", "PR",
                                                        "IN", "VB", "TO") and low[j] != ",":
        j -= 1
    if low[i] == lemma and prev == "NNP" and not any(
            toks[k].tag in ("NNS", "NNPS") for k in range(j + 1, i - 1)):
        return False    # a plural subject may end in a name: "people close to Clinton say."
    return j >= 0 and i - j <= 8 and (low[j] == "," or toks[j].tag == "''") and \
        toks[j + 1].tag[:2] in ("DT", "NN", "JJ", "CD", "PR", "VB") and \
        low[j + 1] != "according"                      # not "according to press reports."


def _survey_np(toks, low, i, heads) -> bool:
    """'in the latest Washington Post-ABC News poll': a survey NP after ``in``."""
    n = len(toks)
    for k in range(i + 1, min(n, i + 9)):
        if _is_punct(toks[k].tag) or toks[k].tag[:2] not in ("DT", "JJ", "NN", "CD", "PR",
                                                             "PO", "VB"):
            return False
        if low[k] in heads and toks[k].tag in ("NN", "NNS") and not (
                k + 1 < n and toks[k + 1].tag in ("NN", "NNS", "NNP")):
            return True
    return False


def _perspective_np(toks, low, i) -> bool:
    """'For South Carolina voters, ...': an NP naming people, then a comma."""
    n = len(toks)
    for k in range(i + 1, min(n, i + 10)):
        if low[k] == ",":
            return k > i + 1 and toks[k - 1].tag in ("NNP", "NNPS", "NNS", "NN", "PRP")
        if low[k] in _NOT_PERSPECTIVE or toks[k].tag[:2] not in (
                "DT", "JJ", "NN", "CD", "PR", "PO", "CC", "VB"):
            return False
    return False


def preposition_nouns(lexicon=None) -> frozenset[str]:
    """Nominal cues whose content may be a prepositional object ("criticism of X").

    They are the noun rows whose ``note`` mentions a preposition; other reporting
    nouns need a "that"-clause ("his claim that ...").

    >>> sorted(preposition_nouns())[:4]
    ['acknowledgement', 'allegation', 'assertion', 'chant']
    """
    return _index(lexicon).pp_nouns


def lexicon_classes(lexicon=None) -> dict[str, str]:
    """Map every single-word verb lemma of the lexicon to its class.

    >>> lexicon_classes()["deny"], lexicon_classes()["acknowledge"]
    ('denial', 'endorsing')
    """
    return dict(_index(lexicon).verbs)
