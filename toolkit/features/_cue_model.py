"""Logistic-regression filter over attribution cue candidates (weights stored as JSON).

The lexicon route of :mod:`toolkit.features.cues` leaves a long tail of attitude
cues ("support", "back", "push") and a set of lexicon cues PolNeAR does not mark
in context. This module scores every candidate relation the attribution extractor
builds -- from a lexicon cue, or from an *extra* word form that is a gold cue at
least a few times in PolNeAR train -- with a binary logistic regression over
sparse indicator features of the cue in context (lemma, kind, class, Penn tags
and words around the head, whether a source / content / quotation was found,
negation, position in the sentence; since model 1.2 also the shape of the source,
the number of soft gates the candidate passed, and whether it is one half of a
two-word cue whose other half is a candidate too; since model 1.3 the length of
the content and, for weak candidates, the cue candidates before it in the
sentence; since model 1.4 all extra cues share one class feature, ``cls=extra``).
A candidate is kept when its
probability reaches the model's threshold.

The model is data, not code: ``toolkit/lexicons/cue_model.json`` holds the
feature vocabulary, weights, bias, threshold and the extra forms; it is read with
:mod:`json` and applied with plain arithmetic. It is rebuilt from PolNeAR train by
``python -m toolkit.evaluate.train_cue_model``.

>>> feats = ["lem=say", "kind=verb"]
>>> m = {"weights": {"lem=say": 2.0}, "bias": -1.0, "threshold": 0.5}
>>> round(probability(m, feats), 3)
0.731
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from ..lexicons import file_stamp

MODEL_PATH = Path(__file__).resolve().parents[1] / "lexicons" / "cue_model.json"
_CACHE: dict[str, tuple[tuple, dict]] = {}
#: Flags of the extractor's soft gates (rules that drop a relation without the model).
SOFT_GATES = frozenset({"negated_state", "modal", "infinitive", "weak_np_object",
                        "sourceless_nominal", "reduced_relative"})
#: Flags of candidates that are weak on their own (not a lexicon cue with a source):
#: the soft gates, attitude cues and headline verbs.
_WEAK_FLAGS = SOFT_GATES | {"attitude", "headline_verb"}


def load_model(path: str | Path | None = None) -> dict | None:
    """The cue model as a dict (None when the JSON file is absent).

    Read once, and again when the file changes (a retrained model in a running
    session), like the lexicons (:func:`toolkit.lexicons.cached_lexicon`).
    """
    p = Path(path) if path is not None else MODEL_PATH
    try:
        stamp = file_stamp(p)
    except OSError:
        return None
    hit = _CACHE.get(str(p))
    if hit is None or hit[0] != stamp:
        with open(p, encoding="utf-8") as fh:
            m = json.load(fh)
        m["weights"] = dict(zip(m["vocabulary"], m["coef"]))
        hit = _CACHE[str(p)] = (stamp, m)
    return hit[1]


def probability(model: dict, feats: list[str]) -> float:
    """Logistic probability that a candidate with indicator features ``feats`` is a cue."""
    w = model["weights"]
    z = model["bias"] + sum(w.get(f, 0.0) for f in set(feats))
    return 1.0 / (1.0 + math.exp(-z))


def features(v, cue, row, quotes, extra: bool, cues=()) -> list[str]:
    """Indicator features of one candidate relation.

    ``v`` is the sentence view, ``cue`` the :class:`~toolkit.features.cues.Cue`,
    ``row`` the relation built from it (source, content, kind, flags), ``quotes``
    the quotation spans of the segment, ``extra`` whether the cue came from the
    model's extra forms rather than the lexicon and ``cues`` all cue candidates of
    the sentence (before the model filters them, so training and use agree).
    """
    h = cue.head if 0 <= cue.head < v.n else 0
    low, tags, n = v.low, v.tags, v.n
    lem = cue.lemma
    p1 = low[h - 1] if h > 0 else "<s>"
    pt1 = tags[h - 1] if h > 0 else "<s>"
    n1 = low[h + 1] if h + 1 < n else "</s>"
    nt1 = tags[h + 1] if h + 1 < n else "</s>"
    n2 = low[h + 2] if h + 2 < n else "</s>"
    has_src = bool(row.source)
    # an extra cue's class (extra_cue_classes.csv) is a label for researchers, not
    # evidence: editing it must not change which cues the model keeps
    cls = "extra" if extra else cue.verb_class
    f = [f"lem={lem}", f"kind={cue.kind}", f"cls={cls}", f"t={tags[h]}",
         f"p1={p1}", f"pt1={pt1}", f"n1={n1}", f"nt1={nt1}", f"n2={n2}",
         f"lem&t={lem}&{tags[h][:2]}", f"lem&n1={lem}&{n1}", f"lem&src={lem}&{has_src}",
         f"rk={row.kind}", f"src={has_src}", f"cont={bool(row.content)}",
         f"rk&src={row.kind}&{has_src}", f"neg={cue.negated}", f"extra={extra}",
         f"pos={'first' if h == 0 else 'last' if h >= n - 2 else 'mid'}",
         f"nspans={len(cue.spans)}"]
    f += [f"lem&p1={lem}&{p1}", f"lem&nt1={lem}&{nt1}", f"lem&rk={lem}&{row.kind}",
          f"t&n1={tags[h]}&{n1}", f"pt1&t={pt1}&{tags[h]}"]
    comp = _complement(v, cue)
    f += [f"comp={comp}", f"lem&comp={lem}&{comp}"]
    f += [f"fl={x}" for x in sorted(row.flags)]
    gates = sorted(row.flags & SOFT_GATES)
    f += [f"lem&fl={lem}&{x}" for x in gates]
    f.append(f"gates={len(gates)}")
    s0, s1 = v.toks[0].start, v.toks[-1].end
    inq = [q for q in quotes if q.start < s1 and s0 < q.end]
    f.append(f"quote={bool(inq)}")
    if inq:
        c = v.toks[h].start
        f.append("quote_before" if any(q.end <= c for q in inq) else "quote_after")
    if "that" in low[h + 1:h + 3]:
        f.append("that")
    if any(t == ":" for t in tags[h + 1:h + 3]) or "," in low[h + 1:h + 2]:
        f.append("punct_after")
    # model 1.2: the shape of the source, and the neighbouring cue of the same event
    f.append(f"sshape={_source_shape(v, row)}")
    prev = [c for c in cues if c.start < cue.start]
    f += _sentence_features(v, cue, h, cues, prev)
    # model 1.3: the length of the content and, for a weak candidate, the cues before
    # it in the sentence
    f += _length_features(row)
    if extra or row.flags & _WEAK_FLAGS or not row.source:
        f += _context_features(v, cue, prev)
    return f


def _length_features(row) -> list[str]:
    """Content length in characters: 0, <30, <80, <200, more."""
    chars = sum(e - s for s, e in row.content)
    bucket = next(k for k, top in enumerate((1, 30, 80, 200, float("inf"))) if chars < top)
    return [f"clen={bucket}"]


def _context_features(v, cue, prev) -> list[str]:
    """The cue candidates ``prev`` before a weak candidate in its sentence.

    How many cues precede it (``nprev``), and the complement, kind and distance of
    the one right before it: a weak candidate ("*reflected*", "*offers*", an
    infinitival or modal cue) inside the content of an earlier cue is seldom an
    attribution of its own in PolNeAR (model 1.3: ``prevcomp=that`` -1.5, ``nprev=1``
    -0.4). A candidate with no cue before it gets no feature. Lexicon cues with a
    source get none either, so a nested attribution ("reported that Lavrov
    *acknowledged* it", "Moscow and Damascus, who *deny* ...") is scored on its own.

    >>> from types import SimpleNamespace as NS
    >>> v = NS(n=6, low=["she", "said", "that", "it", "reflected", "x"],
    ...        tags=["PRP", "VBD", "IN", "PRP", "VBD", "NN"],
    ...        toks=[NS(start=k) for k in (0, 4, 9, 14, 17, 27)])
    >>> said = NS(start=4, head=1, kind="verb", spans=((4, 8),))
    >>> reflected = NS(start=17, head=4, kind="verb", spans=((17, 26),))
    >>> _context_features(v, reflected, [said])
    ['nprev=1', 'prevcomp=that', 'prevkind=verb', 'prevdist=1']
    """
    if not prev:
        return []
    return [f"nprev={min(len(prev), 3)}", f"prevcomp={_complement(v, prev[-1])}",
            f"prevkind={prev[-1].kind}",
            f"prevdist={min(max(0, cue.head - prev[-1].head) // 3, 4)}"]


_REL = frozenset({"who", "which", "that", "whom"})
_NP_PRE = frozenset({"DT", "JJ", "JJR", "PRP$", "CD", "RB"})


def _source_shape(v, row) -> str:
    """none / far (outside the sentence) / pron / rel / proper / common / other.

    ("said." -> none; "he said" -> pron; "who said" -> rel; "Clinton said" ->
    proper; "officials said" -> common.)
    """
    if not row.source:
        return "none"
    idx = [i for s, e in row.source for i in range(v.n)
           if s <= v.toks[i].start and v.toks[i].end <= e]
    if not idx:
        return "far"
    tags = [v.tags[i] for i in idx]
    if len(idx) == 1 and tags[0] == "PRP":
        return "pron"
    if len(idx) == 1 and v.low[idx[0]] in _REL:
        return "rel"
    if any(t.startswith("NNP") for t in tags):
        return "proper"
    if any(t.startswith("NN") for t in tags):
        return "common"
    return "other"


def _sentence_features(v, cue, h: int, cues, prev) -> list[str]:
    """Features of ``cue`` that tie it to a neighbouring cue candidate of one event.

    ``cues`` are the sentence's candidates, ``prev`` those before ``cue``.

    ``light_verb_of_next``: the cue is the light verb of the nominal cue right
    after it ("*raised* questions about"); ``inf_of_prev``: the cue is the
    infinitive governed by the cue right before it ("sought to *portray*"). PolNeAR
    marks such a pair as one cue ("sought to portray"), so only one of the two
    candidates can match it; the weights learn which (model 1.2: ``inf_of_prev`` is
    strongly negative, -0.7 to -1.1; in model 1.3 the context features of
    :func:`_context_features` share that weight, -1.9 together for "sought to
    *portray*"; ``light_verb_of_next`` mildly positive, as a lexicon light verb
    precedes, and so takes, the gold cue in training).
    Nested attributions in a content clause ("reported that Lavrov *acknowledged*
    it") get no feature here: they are attributions of their own, which PolNeAR
    annotates only sparsely but the toolkit reports (see ``docs/evaluation.md``).
    """
    f = []
    nxt = [c for c in cues if c.start > cue.start]
    if nxt and nxt[0].kind == "nominal" and h < nxt[0].head and all(
            v.tags[j] in _NP_PRE for j in range(h + 1, nxt[0].head)):
        f.append("light_verb_of_next")
    if prev and h >= 2 and v.low[h - 1] == "to" and prev[-1].head == h - 2:
        f.append(f"inf_of_prev={prev[-1].kind}")
    return f


_NP_START = frozenset({"PRP", "DT", "NNP", "NNPS", "NN", "NNS", "JJ", "CD", "PRP$", "EX"})


def _complement(v, cue) -> str:
    """The shape of what follows the cue: that / inf / clause / np / pp / punct / none.

    ("said that ...", "wants to run", "thinks Clinton will win", "backed Clinton",
    "spoke about", "said.")
    """
    end = cue.spans[-1][1]
    k = next((i for i in range(v.n) if v.toks[i].start >= end), v.n)
    if k >= v.n:
        return "none"
    w, t = v.low[k], v.tags[k]
    if w == "that":
        return "that"
    if w == "to" and k + 1 < v.n and v.tags[k + 1] == "VB":
        return "inf"
    if t in _NP_START:
        if any(v.tags[p].startswith("VB") and v.tags[p] != "VBG" or v.tags[p] == "MD"
               for p in range(k + 1, min(v.n, k + 8))):
            return "clause"
        return "np"
    if t == "IN" or t == "TO":
        return "pp"
    if not t[:1].isalpha():
        return "punct"
    return "other"
