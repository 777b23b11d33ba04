"""Rebuild ``toolkit/lexicons/cue_model.json`` from PolNeAR train (logistic regression).

Usage: ``python -m toolkit.evaluate.train_cue_model [--out PATH] [--min-count N]
[--C C] [--min-feature-count N] [--report] [--strict]`` (``--report`` prints, per
candidate type, how many candidates match a gold cue and how many the model keeps at
its threshold, from out-of-fold probabilities).

Steps
-----
1. *Extra forms*: every head word of a gold cue of PolNeAR train -- its first
   word that is not an auxiliary, modal, negator or "to" (:data:`CUE_AUX`: "has
   *focused* on", "did not *like*") -- whose word is not a lexicon form, tagged as
   a verb or noun, seen at least ``--min-count`` times as a gold cue head (the
   form, or its lemma over all forms) and a gold cue head in at least
   ``--min-ratio`` of its occurrences (lemma from WordNet, stored per form so
   inference needs no WordNet).
2. *Candidates*: the attribution extractor runs in collect mode over train: every
   relation it would build from a lexicon cue, an attitude cue
   (``attitude_cues.csv``) or an extra form is one example -- including those a
   *soft gate* would drop without the model (modal or infinitival cues, negated
   mental states, weak verbs with an NP object; flagged, see
   :data:`toolkit.features._cue_model.SOFT_GATES`) -- labelled 1 when its cue
   overlaps a gold cue of the document.
3. *Model*: scikit-learn ``LogisticRegression`` (L2, liblinear, ``--C``) over the
   binary indicator features of :func:`toolkit.features._cue_model.features` seen
   at least ``--min-feature-count`` times. The threshold maximises the cue F1 that
   ``mbt eval attribution`` reports on PolNeAR, out of fold: each fifth of train is
   run through the extractor with a model fitted on the other four fifths, and its
   top-level rows (not flagged ``nested``: PolNeAR marks no attribution inside
   another) are scored against every gold cue (also those no candidate reaches).
   The candidate-level figure (5-fold out-of-fold probabilities of the candidates,
   a nested one counted as an error) is kept beside it.
4. Weights, vocabulary, bias, threshold and extra forms are written as JSON.

Only PolNeAR *train* is read. ``--strict`` also prints stricter estimates (end
to end and candidate-level): the extra forms are chosen inside the fold loop too
(5 folds of documents, each scored by a model whose extra forms and weights come
from the other four), so the word forms picked on train do not flatter the
figure.
"""
from __future__ import annotations

import argparse
import bisect
import json
from collections import Counter

from ..features.cues import lowered_words
from . import overlaps
from .attribution import read_polnear

VERSION = "1.7"
#: Words skipped at the start of a gold cue to find its head word for the extra
#: forms: PolNeAR cues include auxiliaries, modals and negators ("has said",
#: "did not support", "would like"), which are no cue on their own.
CUE_AUX = frozenset({"has", "have", "had", "'ve", "'s", "having", "is", "was", "were",
                     "are", "be", "been", "being", "am", "'re", "'m", "did", "does", "do",
                     "will", "would", "could", "should", "can", "may", "might", "must",
                     "'ll", "'d", "wo", "ca", "not", "n't", "never", "also", "to"})


def candidates(pairs, model: dict) -> tuple[list[list[str]], list[int], int]:
    """Features and labels of every candidate relation of ``(gold_doc, processed)`` pairs."""
    from ..features.attribution import _doc_rows

    X, y, n_gold = [], [], 0
    for d, doc in pairs:
        gold = [g["cue"] for g in d["gold"] if g["cue"]]
        n_gold += len(gold)
        got: list = []
        for _segment in _doc_rows(doc, model, collect=got):
            used: set = set()   # one-to-one, like the scorer: later duplicates are negatives
            for seg, cue, feats in got:
                hit = next((j for j, g in enumerate(gold)
                            if j not in used and overlaps(list(cue), g)), None)
                if hit is not None:
                    used.add(hit)
                X.append(feats)
                y.append(int(hit is not None))
            got.clear()
    return X, y, n_gold


def extra_forms(pairs, min_count: int = 3, min_ratio: float = 0.1) -> dict[str, str]:
    """``{"form/V": lemma}`` for frequent non-lexicon gold cue head words.

    The head of a gold cue is its first token not in :data:`CUE_AUX` ("focused" in
    "has focused on"). A form qualifies when it heads a gold cue at least
    ``min_count`` times in at least ``min_ratio`` of its occurrences, or when its
    *lemma* does (all its forms together: "compared" 7 + "comparing" 2 +
    "compares" 1) and the form itself heads a gold cue in at least ``min_ratio`` of
    its occurrences.
    """
    from ..features.cues import _index
    from ..text import lemmatize

    idx = _index(None)
    known = set(idx.forms) | set(idx.nouns) | set(idx.phrase_forms)
    gold_c, all_c, lemma_of = Counter(), Counter(), {}
    gold_l, all_l = Counter(), Counter()
    for d, doc in pairs:
        cues = [g["cue"] for g in d["gold"] if g["cue"]]
        heads = _cue_heads(doc, cues)
        for sent in doc.sentences:
            for t in sent.tokens:
                p = t.tag[:1]
                if p not in ("V", "N") or t.tag.startswith("NNP"):
                    continue
                form = doc.text[t.start:t.end].lower()
                key = f"{form}/{p}"
                if key not in lemma_of:
                    lemma_of[key] = lemmatize(form, "VB" if p == "V" else "NN")
                lk = (lemma_of[key], p)
                all_c[key] += 1
                all_l[lk] += 1
                if t.start in heads:
                    gold_c[key] += 1
                    gold_l[lk] += 1
    out = {}
    for key, k in gold_c.items():
        form = key.split("/")[0]
        if form in known or not form.isalpha() or k / all_c[key] < min_ratio:
            continue
        lk = (lemma_of[key], key[-1])
        if k >= min_count or (gold_l[lk] >= min_count and
                              gold_l[lk] / all_l[lk] >= min_ratio):
            out[key] = lemma_of[key]
    return dict(sorted(out.items()))


def _cue_heads(doc, cues) -> set[int]:
    """Start offsets of the head word of each gold cue (first token not in CUE_AUX).

    A cue none of whose tokens is found (no token starts inside it) keeps its
    first character.
    """
    toks = sorted((t for s in doc.sentences for t in s.tokens), key=lambda t: t.start)
    starts = [t.start for t in toks]
    words = lowered_words(doc.text, toks)
    heads = set()
    for c in cues:
        head = c[0][0]
        for s, e in c:
            k = bisect.bisect_left(starts, s)
            found = None
            while k < len(toks) and starts[k] < e:
                if words[k] not in CUE_AUX:
                    found = starts[k]
                    break
                k += 1
            if found is not None:
                head = found
                break
        heads.add(head)
    return heads


#: Candidate types reported by ``--report`` (a feature each candidate of the type carries).
REPORT_TYPES = (
    ("attitude noun + complement", "kind=nominal", "fl=attitude"),
    ("attitude adjective + complement", "kind=adjective", "fl=attitude"),
    ("'in' + survey NP, 'For X,'", "kind=according_to", "fl=attitude"),
    ("evidential adverb", "kind=adverb", "fl=attitude"),
    ("headline verb tagged as noun", "fl=headline_verb", "fl=headline_verb"),
    ("'according to' + loose source", "fl=loose_source", "fl=loose_source"),
    ("light-verb source of a noun", "fl=light_verb", "fl=light_verb"),
    ("soft gate: weak verb + NP object", "fl=weak_np_object", "fl=weak_np_object"),
    ("soft gate: infinitival cue", "fl=infinitive", "fl=infinitive"),
    ("soft gate: modal cue", "fl=modal", "fl=modal"),
    ("soft gate: negated mental state", "fl=negated_state", "fl=negated_state"),
    ("all candidates", "", ""),
)


def report(X, y, oof, threshold: float) -> str:
    """Per candidate type: candidates, gold matches, kept true / false at ``threshold``."""
    lines = [f"{'candidate type':<34}{'cands':>7}{'gold':>7}{'kept T':>8}{'kept F':>8}"]
    for name, a, b in REPORT_TYPES:
        idx = [i for i, f in enumerate(X) if (not a or a in f) and (not b or b in f)]
        gold = sum(int(y[i]) for i in idx)
        kt = sum(1 for i in idx if oof[i] >= threshold and y[i])
        kf = sum(1 for i in idx if oof[i] >= threshold and not y[i])
        lines.append(f"{name:<34}{len(idx):>7}{gold:>7}{kt:>8}{kf:>8}")
    return "\n".join(lines)


def best_threshold(prob, y, n_gold: int) -> tuple[float, float, float, float]:
    """``(F1, threshold, P, R)`` of the threshold in 0.20, 0.21 ... 0.79 with the best F1.

    Recall counts every gold cue (``n_gold``), also those no candidate reaches.

    >>> f1, t, p, r = best_threshold([0.9, 0.6, 0.3], [1, 0, 1], n_gold=4)
    >>> round(f1, 3), round(t, 2), p, r
    (0.571, 0.2, 0.6666666666666666, 0.5)
    """
    import numpy as np

    prob, y = np.asarray(prob), np.asarray(y)
    best = (0.0, 0.5, 0.0, 0.0)
    for t in np.arange(0.2, 0.8, 0.01):
        keep = prob >= t
        tp = int((keep & (y == 1)).sum())
        fp = int((keep & (y == 0)).sum())
        p, r = tp / max(1, tp + fp), tp / max(1, n_gold)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best[0]:
            best = (f1, float(t), p, r)
    return best


def _matrix(X, min_feature_count: int, vocab=None):
    """Sparse 0/1 matrix of feature lists ``X`` and its vocabulary.

    Without ``vocab``, the vocabulary is every feature in at least
    ``min_feature_count`` candidates of ``X``.
    """
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer

    if vocab is None:
        fc = Counter(f for feats in X for f in set(feats))
        vocab = sorted(f for f, k in fc.items() if k >= min_feature_count)
    vec = DictVectorizer(sparse=True)
    vec.fit([{f: 1 for f in vocab}])
    M = vec.transform([{f: 1 for f in feats} for feats in X]).tocsr()
    M.indices, M.indptr = M.indices.astype(np.int32), M.indptr.astype(np.int32)
    return M, [str(f) for f in vec.get_feature_names_out()]


def _classifier(C: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, solver="liblinear", max_iter=1000, random_state=0)


def train(pairs, min_count: int = 3, min_ratio: float = 0.1, C: float = 0.3,
          min_feature_count: int = 3, show_report: bool = False) -> dict:
    """The cue model (a JSON-ready dict) trained on ``(gold_doc, processed)`` pairs.

    The threshold is the one of :func:`end_to_end_threshold`: what the scorer
    reports on PolNeAR (top-level rows), out of fold.
    """
    import numpy as np
    from sklearn.model_selection import cross_val_predict

    extra = extra_forms(pairs, min_count, min_ratio)
    per_doc = [candidates([p], {"extra": extra}) for p in pairs]
    X = [f for xs, _, _ in per_doc for f in xs]
    y = np.array([v for _, ys, _ in per_doc for v in ys])
    n_gold = sum(g for _, _, g in per_doc)
    M, names = _matrix(X, min_feature_count)
    clf = _classifier(C)
    oof = cross_val_predict(clf, M, y, cv=5, method="predict_proba")[:, 1]
    cand = best_threshold(oof, y, n_gold)
    e2e = end_to_end_threshold(pairs, per_doc, extra, C, min_feature_count)
    if show_report:
        print(report([set(f) for f in X], y, oof, e2e[1]))
    clf.fit(M, y)
    coef = clf.coef_[0]
    keep = [(f, round(float(c), 4)) for f, c in zip(names, coef) if abs(c) >= 1e-4]
    return {"version": VERSION, "trained_on": "polnear-train",
            "method": f"logistic regression (liblinear, L2, C={C:g}) over indicator "
                      f"features seen in at least {min_feature_count} candidates; threshold "
                      f"by 5-fold end-to-end cue F1 of top-level rows",
            "threshold": round(e2e[1], 2), "oof_f1": round(e2e[0], 4),
            "oof_precision": round(e2e[2], 4), "oof_recall": round(e2e[3], 4),
            "candidate_oof_f1": round(cand[0], 4), "candidate_threshold": round(cand[1], 2),
            "candidates": len(y), "positives": int(y.sum()), "gold_cues": n_gold,
            "bias": round(float(clf.intercept_[0]), 4),
            "extra": extra, "vocabulary": [f for f, _ in keep], "coef": [c for _, c in keep]}


#: Thresholds :func:`end_to_end_threshold` tries.
E2E_GRID = tuple(round(0.24 + 0.03 * k, 2) for k in range(8))   # 0.24 ... 0.45


def end_to_end_threshold(pairs, per_doc, extra: dict, C: float = 0.3,
                         min_feature_count: int = 3, folds: int = 5,
                         grid=E2E_GRID) -> tuple[float, float, float, float]:
    """``(F1, threshold, P, R)``: the threshold whose extractor output scores best,
    out of fold, the way ``mbt eval attribution`` scores PolNeAR.

    The candidate-level F1 of :func:`best_threshold` counts a nested candidate
    (a cue inside an earlier report) as a false positive, while the scorer leaves
    nested rows out on PolNeAR, so the two disagree on where to cut. Here the
    documents are split into ``folds`` contiguous blocks; each block is run
    through the extractor with a model fitted on the other blocks' candidates
    (``per_doc``: :func:`candidates` of each document) at every threshold of
    ``grid``, and its top-level rows are scored against the gold cues.
    """
    import numpy as np

    n = len(pairs)
    tallies = {t: Counter() for t in grid}
    for lo, hi in fold_bounds(n, folds):
        rest = [i for i in range(n) if not lo <= i < hi]
        Mr, names = _matrix([f for i in rest for f in per_doc[i][0]], min_feature_count)
        clf = _classifier(C).fit(Mr, np.array([v for i in rest for v in per_doc[i][1]]))
        _score_top_level(pairs[lo:hi], _as_model(clf, names, extra), tallies)
    return _best_tally(tallies)


def fold_bounds(n: int, folds: int) -> list[tuple[int, int]]:
    """``(start, end)`` of ``folds`` contiguous blocks of ``n`` documents.

    >>> fold_bounds(7, 3)
    [(0, 2), (2, 5), (5, 7)]
    """
    cut = [round(n * k / folds) for k in range(folds + 1)]
    return list(zip(cut, cut[1:]))


def _as_model(clf, names, extra: dict) -> dict:
    """A fitted classifier as the dict :mod:`toolkit.features._cue_model` applies."""
    return {"weights": dict(zip(names, clf.coef_[0])), "bias": float(clf.intercept_[0]),
            "extra": extra}


def _score_top_level(pairs, model: dict, tallies: dict) -> None:
    """Run the extractor with ``model`` at each threshold of ``tallies`` over ``pairs``
    and add the cue counts of its top-level (not ``nested``) rows to ``tallies``."""
    from ..features.attribution import _doc_rows
    from .attribution import _tally

    for t, tally in tallies.items():
        m = {**model, "threshold": t}
        for d, doc in pairs:
            for segment, _text, rows in _doc_rows(doc, m):
                pred = [{"cue": list(r["cue"]), "source": [], "content": []}
                        for r in rows if r["cue"] and "nested" not in r["flags"]]
                gold = [g for g in d["gold"] if g["segment"] == segment and g["cue"]]
                _tally(tally, pred, gold)


#: Out-of-fold F1 differences below this are ties (on PolNeAR train one threshold
#: step moves about 150 true and 200 false cues, and F1 by about 0.0003).
TIE = 0.0005


def _best_tally(tallies: dict, tie: float = TIE) -> tuple[float, float, float, float]:
    """``(F1, threshold, P, R)`` of the best threshold of ``{threshold: counts}``.

    Thresholds whose F1 is within ``tie`` of the best are ties, and the highest of
    them wins: at equal F1 the extractor should report fewer doubtful cues.
    """
    scored = []
    for t in sorted(tallies):
        c = tallies[t]
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        scored.append((2 * p * r / (p + r) if p + r else 0.0, t, p, r))
    top = max(f for f, *_ in scored)
    return max((x for x in scored if x[0] >= top - tie), key=lambda x: x[1])


def strict_oof(pairs, min_count: int = 3, min_ratio: float = 0.1, C: float = 0.3,
               min_feature_count: int = 3, folds: int = 5, grid=E2E_GRID) -> dict:
    """Out-of-fold figures with extra forms *and* weights chosen inside the folds.

    Documents are split into ``folds`` contiguous blocks; each block is scored by a
    model whose extra forms, vocabulary and weights come from the other blocks only.
    Returns ``{"candidate": (F1, threshold, P, R), "end_to_end": (...)}``: the
    candidate-level figure (threshold chosen on the pooled probabilities, as in
    :func:`train`) and the extractor's top-level rows scored like ``mbt eval
    attribution`` (as in :func:`end_to_end_threshold`).
    """
    import numpy as np

    prob, labels, n_gold = [], [], 0
    tallies = {t: Counter() for t in grid}
    for lo, hi in fold_bounds(len(pairs), folds):
        held = pairs[lo:hi]
        rest = pairs[:lo] + pairs[hi:]
        extra = extra_forms(rest, min_count, min_ratio)
        Xr, yr, _ = candidates(rest, {"extra": extra})
        Xh, yh, gh = candidates(held, {"extra": extra})
        Mr, names = _matrix(Xr, min_feature_count)
        Mh, _ = _matrix(Xh, min_feature_count, vocab=names)
        clf = _classifier(C).fit(Mr, np.array(yr))
        prob.extend(clf.predict_proba(Mh)[:, 1])
        labels.extend(yh)
        n_gold += gh
        _score_top_level(held, _as_model(clf, names, extra), tallies)
    return {"candidate": best_threshold(prob, labels, n_gold),
            "end_to_end": _best_tally(tallies)}


def main(argv=None) -> int:
    from ..features._cue_model import MODEL_PATH
    from ..text import process_cached

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-ratio", type=float, default=0.1)
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--min-feature-count", type=int, default=3)
    ap.add_argument("--report", action="store_true",
                    help="print out-of-fold figures per candidate type")
    ap.add_argument("--strict", action="store_true",
                    help="also print the out-of-fold F1 with extra forms chosen per fold")
    a = ap.parse_args(argv)
    pairs = [(d, process_cached(d["text"], doc_id=d["doc_id"], title=d["title"]))
             for d in read_polnear("train")]
    m = train(pairs, a.min_count, a.min_ratio, a.C, a.min_feature_count,
              show_report=a.report)
    with open(a.out, "w", encoding="utf-8") as fh:
        json.dump(m, fh, indent=0, sort_keys=False)
        fh.write("\n")
    print(f"{m['candidates']} candidates, {len(m['extra'])} extra forms, "
          f"{len(m['vocabulary'])} features, threshold {m['threshold']}, "
          f"end-to-end out-of-fold train cue F1 {m['oof_f1']} (P {m['oof_precision']}, "
          f"R {m['oof_recall']}; top-level rows); candidate-level out-of-fold F1 "
          f"{m['candidate_oof_f1']} (best at threshold {m['candidate_threshold']})")
    if a.strict:
        res = strict_oof(pairs, a.min_count, a.min_ratio, a.C, a.min_feature_count)
        for name, (f1, t, p, r) in (("end-to-end (top-level rows)", res["end_to_end"]),
                                    ("candidate-level", res["candidate"])):
            print(f"strict out-of-fold train cue F1, {name}: {f1:.4f} (P {p:.4f}, "
                  f"R {r:.4f}, threshold {t:.2f}; extra forms chosen per fold)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
