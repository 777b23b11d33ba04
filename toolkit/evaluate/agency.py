"""Score casualty-agency extraction against the demo gold (``mbt eval agency``).

Data: ``corpora/demo/gold.jsonl`` rows with ``feature == "agency"`` over
``corpora/demo/articles.jsonl`` (constructed text, headline as a separate
segment; guidelines in ``docs/gold-format.md`` §2.2), with the demo codebook
``corpora/demo/actors.yml``.

Metrics: a predicted mention matches a gold one in the same document and
segment when their trigger spans overlap (one-to-one, in textual order).
**Detection** is precision / recall / F1 of triggers. **Per class**: a
prediction of class *c* is a true positive when it matches a gold mention of
class *c*; precision over all predictions of *c*, recall over all gold
mentions of *c*. Over matched pairs: **class accuracy**, **harm accuracy**,
**count accuracy** (same integer or both null), **victim** and **agent**
(span overlap, or both empty).

>>> g = [{"doc_id": "a", "segment": "body", "trigger": [[0, 4]], "agency": "nominal",
...       "harm": "death", "count": None, "victim": [], "agent": []}]
>>> p = [{"doc_id": "a", "segment": "body", "trigger": [[0, 4]], "agency": "nominal",
...       "harm": "death", "count": None, "victim": [], "agent": []}]
>>> score(p, g)["detection"]["f1"], score(p, g)["per_class"]["nominal"]["f1"]
(1.0, 1.0)
"""
from __future__ import annotations

import json
from pathlib import Path

from . import demo_dir, overlaps, prf

CLASSES = ("active_agent", "passive_agent", "passive_cause", "agentless_passive",
           "intransitive", "nominal", "adjectival")


def load_gold(path: Path | None = None) -> list[dict]:
    p = Path(path) if path else demo_dir() / "gold.jsonl"
    with open(p, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if r.get("feature") == "agency"]


def predict(corpus_dir: Path | None = None, *, use_codebook: bool = True) -> list[dict]:
    """Run the extractor over the demo articles; rows shaped like gold rows."""
    from ..actors import Codebook
    from ..features.agency import iter_agency
    from ..text import process

    base = Path(corpus_dir) if corpus_dir else demo_dir()
    cb = Codebook.load(base / "actors.yml") if use_codebook and \
        (base / "actors.yml").exists() else None
    out = []
    with open(base / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            a = json.loads(line)
            doc = process(a["text"], doc_id=a["doc_id"], title=a.get("title") or "")
            for m in iter_agency(doc, codebook=cb):
                out.append({"doc_id": m.doc_id, "segment": m.segment,
                            "trigger": [list(s) for s in m.trigger],
                            "trigger_text": m.trigger_text, "agency": m.agency_class,
                            "harm": m.harm, "count": m.count,
                            "victim": [list(s) for s in m.victim],
                            "agent": [list(s) for s in m.agent], "actor": m.actor})
    return out


def _match(pred: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    pairs, used = [], set()
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            if j in used or p["doc_id"] != g["doc_id"] or p["segment"] != g["segment"]:
                continue
            if overlaps(p["trigger"], g["trigger"]):
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


def _span_agree(a, b) -> bool:
    return (not a and not b) or (bool(a) and bool(b) and overlaps(a, b))


def score(pred: list[dict], gold: list[dict]) -> dict:
    """Detection, per-class P/R/F1 and agreement on matched pairs."""
    pairs = _match(pred, gold)
    n = len(pairs)
    res = {"detection": prf(n, len(pred) - n, len(gold) - n), "per_class": {}}
    for c in CLASSES:
        tp = sum(1 for i, j in pairs if pred[i]["agency"] == c and gold[j]["agency"] == c)
        npred = sum(1 for p in pred if p["agency"] == c)
        ngold = sum(1 for g in gold if g["agency"] == c)
        res["per_class"][c] = prf(tp, npred - tp, ngold - tp)

    def acc(f):
        ok = sum(1 for i, j in pairs if f(pred[i], gold[j]))
        return {"correct": ok, "matched": n, "accuracy": round(ok / n, 4) if n else 0.0}

    res["class_accuracy"] = acc(lambda p, g: p["agency"] == g["agency"])
    res["harm_accuracy"] = acc(lambda p, g: p["harm"] == g["harm"])
    res["count_accuracy"] = acc(lambda p, g: p["count"] == g["count"])
    res["victim_agreement"] = acc(lambda p, g: _span_agree(p["victim"], g["victim"]))
    res["agent_agreement"] = acc(lambda p, g: _span_agree(p["agent"], g["agent"]))
    tp_all = sum(1 for i, j in pairs if pred[i]["agency"] == gold[j]["agency"])
    res["class_strict"] = prf(tp_all, len(pred) - tp_all, len(gold) - tp_all)
    return res


def casualty_us(path: Path | None = None) -> dict:
    """Sanity check on ``casualty_mentions_us`` (real US news sentences, each with a
    fatal verb, hand-labelled with the victims' side; no agency gold).

    Reports coverage (share of sentences with at least one ``death`` mention),
    the agency class of each sentence's first death mention by victim side, and
    agreement of active/passive voice with the data set's *automatic* CoreNLP
    voice tag (``auto_tagged_voice``, present for part of the sentences).
    """
    import gzip
    from collections import Counter, defaultdict

    from ..features.agency import iter_agency
    from ..text import process
    from . import shared_data_dir

    p = Path(path) if path else shared_data_dir() / "casualty_mentions_us" / \
        "sentences.jsonl.gz"
    n = covered = 0
    by_side: dict = defaultdict(Counter)
    voice: Counter = Counter()
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            n += 1
            ms = [m for m in iter_agency(process(r["text"], doc_id=r["doc_id"]))
                  if m.harm == "death"]
            if not ms:
                continue
            covered += 1
            cls = ms[0].agency_class
            by_side[r["annotations"]["victim"]][cls] += 1
            auto = r["annotations"].get("auto_tagged_voice")
            if auto and cls in ("active_agent", "passive_agent", "passive_cause",
                                "agentless_passive"):
                ours = "ACTIVE" if cls == "active_agent" else "PASSIVE"
                voice["agree" if ours == auto else "disagree"] += 1
    shares = {side: {c: round(v / sum(cnt.values()), 3) for c, v in sorted(cnt.items())}
              for side, cnt in sorted(by_side.items())}
    return {"sentences": n, "coverage": round(covered / n, 4) if n else 0.0,
            "class_share_by_victim": shares,
            "n_by_victim": {k: sum(v.values()) for k, v in sorted(by_side.items())},
            "voice_agreement_with_auto_tag": round(
                voice["agree"] / max(1, voice["agree"] + voice["disagree"]), 4),
            "voice_compared": voice["agree"] + voice["disagree"]}


def add_arguments(parser) -> None:
    parser.add_argument("--data", default="demo", choices=["demo", "casualty-us"],
                        help="demo: the demo-corpus gold (default); casualty-us: sanity "
                             "check on ../shared/data/casualty_mentions_us (no agency gold)")
    parser.add_argument("--corpus-dir", default=None,
                        help="folder with articles.jsonl, gold.jsonl, actors.yml "
                             "(default corpora/demo)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args) -> int:
    if args.data == "casualty-us":
        try:
            res = casualty_us()
        except OSError as exc:
            print(f"cannot read casualty_mentions_us: {exc} (see ../shared/data/README.md)")
            return 2
        if getattr(args, "json", False):
            print(json.dumps(res, indent=2))
            return 0
        print(f"casualty_mentions_us: {res['sentences']} sentences, coverage "
              f"{res['coverage']:.3f} (share with a death mention)")
        print(f"voice agreement with the automatic CoreNLP tag: "
              f"{res['voice_agreement_with_auto_tag']:.3f} ({res['voice_compared']} compared)")
        print(f"{'victim':<11}{'n':>6}  " + "".join(f"{c[:12]:>13}" for c in CLASSES))
        for side, shares in res["class_share_by_victim"].items():
            print(f"{side:<11}{res['n_by_victim'][side]:>6}  " +
                  "".join(f"{shares.get(c, 0.0):>13.3f}" for c in CLASSES))
        return 0
    base = Path(args.corpus_dir) if getattr(args, "corpus_dir", None) else demo_dir()
    try:
        gold = load_gold(base / "gold.jsonl")
        pred = predict(base)
    except OSError as exc:
        print(f"cannot read the gold corpus in {base}: {exc}")
        return 2
    res = score(pred, gold)
    if getattr(args, "json", False):
        print(json.dumps({"data": args.data, "n_gold": len(gold), "n_pred": len(pred), **res},
                         indent=2))
        return 0
    print(f"casualty agency on {args.data} ({len(gold)} gold mentions, {len(pred)} predicted)")
    print(f"{'component':<20}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    rows = [("detection", res["detection"]), ("class (strict)", res["class_strict"])]
    rows += [(c, res["per_class"][c]) for c in CLASSES]
    for name, v in rows:
        print(f"{name:<20}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}"
              f"{v['tp']:>6}{v['fp']:>6}{v['fn']:>6}")
    for k in ("class_accuracy", "harm_accuracy", "count_accuracy", "victim_agreement",
              "agent_agreement"):
        v = res[k]
        print(f"{k:<20}{v['accuracy']:>8.3f}  ({v['correct']}/{v['matched']} matched)")
    return 0
