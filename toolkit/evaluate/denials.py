"""Score denial extraction against the demo gold and a look-alike check set (``mbt eval denials``).

Two data sets:

``demo``
    ``corpora/demo/gold.jsonl`` rows with ``feature == "denial"`` over
    ``corpora/demo/articles.jsonl`` (constructed text; titles are a separate
    segment), with the demo codebook ``corpora/demo/actors.yml``.
``check``
    :data:`CHECK_SET`, news-style sentences written for this project (not drawn
    from any evaluation data): reported denials of every kind, and look-alikes
    that are *not* reported denials -- ditransitive "deny X Y", rejected
    proposals, dismissed lawsuits and employees, negated or hedged denials.

Metrics (``demo``): a predicted denial matches a gold one in the same document
and segment when their cue spans overlap (one-to-one, largest overlap first);
precision / recall / F1 of cues over all rows; over matched pairs, **kind
accuracy** (same kind), **denier accuracy** (the predicted denier span overlaps
the gold denier span, or the predicted actors share an actor with the gold
actors) and **pairing accuracy** (same ``accusation_in_article``). ``check``:
an expected denial is found when a row has the expected kind and its denier
text contains the expected denier (case-insensitive); a look-alike counts as a
false positive when any row is produced for it.

>>> r = score_check([("Moscow denied the reports.", ("denial", "Moscow")),
...                  ("Rebels hope to deny Damascus a victory.", None)])
>>> r["cue"]["precision"], r["cue"]["recall"], r["kind_and_denier"]["recall"]
(1.0, 1.0, 1.0)
"""
from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import bootstrap_f1, demo_dir, format_interval, iter_demo_gold, overlaps, prf

DATASETS = ("demo", "check")

#: (sentence, (kind, denier substring)) for a reported denial, (sentence, None) for a
#: look-alike. Written for this project in news style; not taken from any data set.
CHECK_SET: tuple[tuple[str, tuple[str, str] | None], ...] = (
    # --- reported denials
    ("The Kremlin denied that Russian jets had struck the hospital.", ("denial", "Kremlin")),
    ("Moscow and Damascus, who deny targeting civilians, say they are fighting militants.",
     ("denial", "Moscow")),
    ("The army denied carrying out any strikes near the market.", ("denial", "army")),
    ("A spokesman for the interior ministry denied the allegations on Tuesday.",
     ("denial", "spokesman for the interior ministry")),
    ("The group has repeatedly denied any involvement in the bombing.", ("denial", "group")),
    ("The accusation was swiftly denied by Ankara.", ("denial", "Ankara")),
    ("Officials in Baghdad rejected claims that militias had blocked the road.",
     ("denial", "Officials in Baghdad")),
    ("The ministry dismissed the reports as fabricated.", ("denial", "ministry")),
    ("Rebel commanders dismissed the footage as propaganda.", ("denial", "Rebel commanders")),
    ("The company has disputed the findings of the inquiry.", ("denial", "company")),
    ("The government said it was not responsible for the blast.", ("denial", "government")),
    ("The militia said there was no truth to the reports.", ("denial", "militia")),
    ("Police officials have rejected accusations of excessive force.",
     ("denial", "Police officials")),
    ("The defence minister flatly denied that troops had fired on protesters.",
     ("denial", "defence minister")),
    ("Local commanders denied the claim, calling it a fabrication.",
     ("denial", "Local commanders")),
    ("The senator denied wrongdoing and said he would cooperate with investigators.",
     ("denial", "senator")),
    ("Russia has previously downplayed its role in the fighting.", ("minimisation", "Russia")),
    ("The governor played down the scale of the flooding.", ("minimisation", "governor")),
    ("The embassy declined to comment on the report.", ("no_comment", "embassy")),
    ("The Pentagon did not respond to a request for comment.", ("no_comment", "Pentagon")),
    ("A spokeswoman could not be reached for comment.", ("no_comment", "spokeswoman")),
    ("The agency would neither confirm nor deny the existence of the program.",
     ("no_comment", "agency")),
    ("Damascus denied responsibility and blamed the rebels.", ("denial", "Damascus")),
    ("The ministry said the rebels had staged the attack.",
     ("counter_accusation", "ministry")),
    ("Syria and its ally Russia deny that government forces used chemical weapons.",
     ("denial", "Russia")),
    ("The miners' union, which denies organising the blockade, called for talks.",
     ("denial", "union")),
    ("It is an accusation the regime has always denied.", ("denial", "regime")),
    # --- look-alikes: not reported denials
    ("Republicans hope a strong turnout will deny Democrats a landslide.", None),
    ("The court denied him bail on Friday.", None),
    ("Aid convoys were denied access to the besieged town.", None),
    ("The teacher was accused of denying her students their assignments.", None),
    ("Lawmakers rejected the plan by a wide margin.", None),
    ("The rebels rejected the government's offer of a ceasefire.", None),
    ("The Senate rejected the bill on Tuesday.", None),
    ("A federal judge dismissed the lawsuit last week.", None),
    ("The coach was dismissed after a string of defeats.", None),
    ("The officials have not denied the report, nor have they outright confirmed it.", None),
    ("Nor have they outright denied that the meeting took place.", None),
    ("The minister did not deny that talks had taken place.", None),
    ("The envoy refused to deny the reports.", None),
    ("Regulators rebuffed calls for an inquiry.", None),
    ("The council rejected his application for a permit.", None),
    ("The strikes were meant to deny the militants the ability to regroup.", None),
    ("Rebels said government forces had bombed the market.", None),
)


# --------------------------------------------------------------------------- matching


def match(pred: list[list], gold: list[list]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs of overlapping cue span lists.

    >>> match([[[0, 5]], [[10, 12]]], [[[11, 20]], [[3, 4]]])
    [(0, 1), (1, 0)]
    """
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if overlaps(p, g):
                size = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in p for s2, e2 in g)
                cands.append((-size, i, j))
    used_p, used_g, out = set(), set(), []
    for _, i, j in sorted(cands):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return sorted(out)


# --------------------------------------------------------------------------- demo


def read_demo() -> Iterator[dict]:
    """Demo documents with their denial gold (nothing when the files are absent)."""
    return iter_demo_gold("denial")


def score_docs(docs: Iterable[dict], *, codebook=None) -> dict:
    """Score the extractor over ``{doc_id, text, title, gold}`` documents.

    Besides cue P/R/F1 and the accuracies over matched denials, ``cue_f1_interval``
    gives the 95% interval of the cue F1 with the documents resampled
    (:func:`~toolkit.evaluate.bootstrap_f1`): on the 24-document demo gold it is wide.
    """
    from ..features.denials import iter_denials
    from ..text import process

    kind_ok = denier_ok = pair_ok = 0
    per_kind: dict[str, dict] = {}
    n_chars = 0
    per_doc: list[tuple[int, int, int]] = []     # cue tp, fp, fn of each document
    t0 = time.perf_counter()
    for d in docs:
        doc_tp = doc_fp = doc_fn = 0
        n_chars += len(d["text"])
        doc = process(d["text"], doc_id=d["doc_id"], title=d["title"])
        preds = list(iter_denials(doc, codebook=codebook))
        for seg in ("title", "body"):
            p = [x for x in preds if x.segment == seg]
            g = [x for x in d["gold"] if x.get("segment", "body") == seg]
            for x in g:
                per_kind.setdefault(x["kind"], {"gold": 0, "found": 0})["gold"] += 1
            pairs = match([[list(s) for s in x.cue] for x in p], [x["cue"] for x in g])
            doc_tp += len(pairs)
            doc_fp += len(p) - len(pairs)
            doc_fn += len(g) - len(pairs)
            for i, j in pairs:
                px, gx = p[i], g[j]
                per_kind[gx["kind"]]["found"] += 1
                kind_ok += px.kind == gx["kind"]
                denier_ok += bool(overlaps(px.denier, gx.get("denier") or []) or
                                  set(px.actors) & set(gx.get("actors") or []))
                pair_ok += px.accusation_in_article == bool(gx.get("accusation_in_article"))
        per_doc.append((doc_tp, doc_fp, doc_fn))
    secs = time.perf_counter() - t0
    tp, fp, fn = (sum(c[k] for c in per_doc) for k in range(3))
    m = max(tp, 1)
    return {
        "documents": len(per_doc), "cue": prf(tp, fp, fn),
        "cue_f1_interval": bootstrap_f1(per_doc),
        "kind_accuracy": round(kind_ok / m, 4), "denier_accuracy": round(denier_ok / m, 4),
        "pairing_accuracy": round(pair_ok / m, 4), "matched": tp,
        "recall_by_kind": {k: round(v["found"] / v["gold"], 4) if v["gold"] else None
                           for k, v in sorted(per_kind.items())},
        "seconds": round(secs, 2), "chars_per_second": round(n_chars / secs) if secs else None,
    }


# --------------------------------------------------------------------------- check set


def score_check(items: Iterable[tuple[str, tuple[str, str] | None]] = CHECK_SET, *,
                verbose: bool = False) -> dict:
    """Score the look-alike check set (see the module docstring)."""
    from ..features.denials import iter_denials
    from ..text import process

    tp = fp = fn = 0
    strict_tp = 0
    misses = []
    for k, (sentence, expected) in enumerate(items):
        rows = list(iter_denials(process(sentence, doc_id=f"check-{k}")))
        if expected is None:
            fp += len(rows)
            if rows:
                misses.append({"sentence": sentence, "expected": None,
                               "got": [(r.kind, r.denier_text) for r in rows]})
            continue
        kind, denier = expected
        if rows:
            tp += 1
            # a second row of another kind is a second instance ("denied ... and blamed
            # the rebels" is a denial and a counter-accusation); a same-kind repeat is not
            fp += max(0, sum(r.kind == kind for r in rows) - 1)
        else:
            fn += 1
        if any(r.kind == kind and denier.lower() in r.denier_text.lower() for r in rows):
            strict_tp += 1
        else:
            misses.append({"sentence": sentence, "expected": list(expected),
                           "got": [(r.kind, r.denier_text) for r in rows]})
    n_pos = sum(1 for _, e in items if e is not None)
    out = {"items": len(list(items)), "positives": n_pos, "cue": prf(tp, fp, fn),
           "kind_and_denier": prf(strict_tp, fp, n_pos - strict_tp)}
    if verbose:
        out["misses"] = misses
    return out


# --------------------------------------------------------------------------- CLI


def add_arguments(p) -> None:
    p.add_argument("--data", choices=DATASETS, default="demo",
                   help="demo gold (corpora/demo) or the built-in look-alike check set")
    p.add_argument("--actors", help="actors codebook (default: corpora/demo/actors.yml)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--verbose", action="store_true", help="list the check-set misses")


def run(args) -> int:
    from ..actors import load_codebook

    if args.data == "check":
        res = score_check(verbose=args.verbose)
        if args.json:
            print(json.dumps(res, indent=2))
            return 0
        print(f"denials on the look-alike check set ({res['items']} sentences, "
              f"{res['positives']} reported denials)")
        _table([("cue found", res["cue"]), ("kind + denier", res["kind_and_denier"])])
        for m in res.get("misses", []):
            print(f"  miss: {m['sentence']}  expected={m['expected']} got={m['got']}")
        return 0
    path = args.actors or demo_dir() / "actors.yml"
    cb = load_codebook(path if Path(path).exists() else None)
    docs = list(read_demo())
    if not docs:
        print("mbt eval denials: corpora/demo/gold.jsonl or articles.jsonl not found")
        return 1
    res = score_docs(docs, codebook=cb)
    if args.json:
        print(json.dumps(res, indent=2))
        return 0
    print(f"denials on the demo gold ({res['documents']} documents, "
          f"{res['cue']['tp'] + res['cue']['fn']} gold denials)")
    _table([("cue (overlap)", res["cue"])])
    if res["cue_f1_interval"]:
        print(format_interval(res["cue_f1_interval"]))
    print(f"over {res['matched']} matched: kind accuracy {res['kind_accuracy']:.3f}, "
          f"denier accuracy {res['denier_accuracy']:.3f}, "
          f"pairing accuracy {res['pairing_accuracy']:.3f}")
    print("recall by gold kind: " + ", ".join(
        f"{k} {v:.2f}" for k, v in res["recall_by_kind"].items() if v is not None))
    print(f"{res['seconds']} s ({res['chars_per_second']} chars/s, incl. tagging)")
    return 0


def _table(rows) -> None:
    print(f"{'component':<16}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    for name, r in rows:
        print(f"{name:<16}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}"
              f"{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}")
