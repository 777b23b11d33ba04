"""Rebuild ``toolkit/lexicons/cue_model.json`` from PolNeAR train (logistic regression).

Usage: ``python -m toolkit.evaluate.train_cue_model [--out PATH] [--min-count N]
[--report]`` (``--report`` prints, per candidate type, how many candidates match a gold
cue and how many the model keeps at its threshold, from out-of-fold probabilities).

Steps
-----
1. *Extra forms*: every first word of a gold cue of PolNeAR train whose word is not
   a lexicon form, tagged as a verb or noun, seen at least ``--min-count`` times
   as a gold cue (the form, or its lemma over all forms) and a gold cue in at least
   ``--min-ratio`` of its occurrences (lemma from WordNet, stored per form so
   inference needs no WordNet).
2. *Candidates*: the attribution extractor runs in collect mode over train: every
   relation it would build from a lexicon cue, an attitude cue
   (``attitude_cues.csv``) or an extra form is one example -- including those a
   *soft gate* would drop without the model (modal or infinitival cues, negated
   mental states, weak verbs with an NP object; flagged, see
   :data:`toolkit.features._cue_model.SOFT_GATES`) -- labelled 1 when its cue
   overlaps a gold cue of the document.
3. *Model*: scikit-learn ``LogisticRegression`` (L2, liblinear) over the binary
   indicator features of :func:`toolkit.features._cue_model.features` seen at
   least twice; the threshold maximises train F1 of 5-fold out-of-fold
   probabilities, counting every gold cue (also those no candidate reaches).
4. Weights, vocabulary, bias, threshold and extra forms are written as JSON.

Only PolNeAR *train* is read.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter

from . import overlaps
from .attribution import read_polnear


def candidates(pairs, model: dict) -> tuple[list[list[str]], list[int], int]:
    """Features and labels of every candidate relation of ``(gold_doc, processed)`` pairs."""
    from ..features.attribution import _segment_quotes, _segment_rows

    X, y, n_gold = [], [], 0
    for d, doc in pairs:
        gold = [g["cue"] for g in d["gold"] if g["cue"]]
        n_gold += len(gold)
        for segment, text, sentences in doc.segments():
            quotes = _segment_quotes(doc, segment, text)
            got: list = []
            _segment_rows(doc, segment, text, sentences, quotes, None, model, got)
            used: set = set()   # one-to-one, like the scorer: later duplicates are negatives
            for seg, cue, feats in got:
                hit = next((j for j, g in enumerate(gold)
                            if j not in used and overlaps(list(cue), g)), None)
                if hit is not None:
                    used.add(hit)
                X.append(feats)
                y.append(int(hit is not None))
    return X, y, n_gold


def extra_forms(pairs, min_count: int = 3, min_ratio: float = 0.1) -> dict[str, str]:
    """``{"form/V": lemma}`` for frequent non-lexicon single-token gold cues.

    A form qualifies when it begins a gold cue at least ``min_count`` times in at
    least ``min_ratio`` of its occurrences, or when its *lemma* does (all its forms
    together: "compared" 7 + "comparing" 2 + "compares" 1) and the form itself begins
    a gold cue in at least ``min_ratio`` of its occurrences.
    """
    from ..features.cues import _index
    from ..text import lemmatize

    idx = _index(None)
    known = set(idx.forms) | set(idx.nouns) | set(idx.phrase_forms)
    gold_c, all_c, lemma_of = Counter(), Counter(), {}
    gold_l, all_l = Counter(), Counter()
    for d, doc in pairs:
        cues = [g["cue"] for g in d["gold"] if g["cue"]]
        heads = {c[0][0] for c in cues}   # first word of the cue ("focused" on)
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


def train(pairs, min_count: int = 3, min_ratio: float = 0.1, C: float = 0.5,
          show_report: bool = False) -> dict:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    extra = extra_forms(pairs, min_count, min_ratio)
    X, y, n_gold = candidates(pairs, {"extra": extra})
    fc = Counter(f for feats in X for f in set(feats))
    vocab = sorted(f for f, k in fc.items() if k >= 2)
    vec = DictVectorizer(sparse=True)
    vec.fit([{f: 1 for f in vocab}])
    M = vec.transform([{f: 1 for f in feats if fc[f] >= 2} for feats in X]).tocsr()
    M.indices, M.indptr = M.indices.astype(np.int32), M.indptr.astype(np.int32)
    y = np.array(y)
    clf = LogisticRegression(C=C, solver="liblinear", max_iter=1000, random_state=0)
    oof = cross_val_predict(clf, M, y, cv=5, method="predict_proba")[:, 1]
    best = (0.0, 0.5)
    for t in np.arange(0.2, 0.8, 0.01):
        keep = oof >= t
        tp = int((keep & (y == 1)).sum())
        fp = int((keep & (y == 0)).sum())
        p, r = tp / max(1, tp + fp), tp / max(1, n_gold)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best[0]:
            best = (f1, float(t))
    if show_report:
        print(report([set(f) for f in X], y, oof, round(best[1], 2)))
    clf.fit(M, y)
    names = vec.get_feature_names_out()
    coef = clf.coef_[0]
    keep = [(str(f), round(float(c), 4)) for f, c in zip(names, coef) if abs(c) >= 1e-4]
    return {"version": "1.1", "trained_on": "polnear-train",
            "method": "logistic regression (liblinear, L2, C=%g) over indicator features" % C,
            "threshold": round(best[1], 2), "oof_f1": round(best[0], 4),
            "candidates": int(len(y)), "positives": int(y.sum()), "gold_cues": n_gold,
            "bias": round(float(clf.intercept_[0]), 4),
            "extra": extra, "vocabulary": [f for f, _ in keep], "coef": [c for _, c in keep]}


def main(argv=None) -> int:
    from ..features._cue_model import MODEL_PATH
    from ..text import process_cached

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-ratio", type=float, default=0.1)
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--report", action="store_true",
                    help="print out-of-fold figures per candidate type")
    a = ap.parse_args(argv)
    pairs = [(d, process_cached(d["text"], doc_id=d["doc_id"], title=d["title"]))
             for d in read_polnear("train")]
    m = train(pairs, a.min_count, a.min_ratio, a.C, show_report=a.report)
    with open(a.out, "w", encoding="utf-8") as fh:
        json.dump(m, fh, indent=0, sort_keys=False)
        fh.write("\n")
    print(f"{m['candidates']} candidates, {len(m['extra'])} extra forms, "
          f"{len(m['vocabulary'])} features, threshold {m['threshold']}, "
          f"out-of-fold train F1 {m['oof_f1']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
