"""Score attribution extraction against PolNeAR or the demo gold (``mbt eval attribution``).

Metrics
-------
cue
    precision / recall / F1 of cues: a predicted cue matches a gold cue it
    overlaps by at least one character, one-to-one (largest overlap first).
    Rows without a cue on either side (floating quotations; PolNeAR relations
    with no cue span) are left out of this count and reported separately.
source accuracy
    over matched pairs whose gold relation has a source: the predicted source
    span overlaps the gold source span. Pairs where gold has no source are
    counted apart (``gold_no_source``, and how many of them we gave a source).
content
    character-level P/R/F1 of the content spans, summed over matched pairs.
    PolNeAR content spans include the quotation marks, ours do not, so a
    perfect direct quote scores slightly below 1.0 in precision/recall terms.

Data
----
``polnear-dev`` / ``polnear-train``: ``../shared/data/polnear/polnear-*.jsonl.gz``
(Newell et al. 2018), the primary annotator's relations; texts are processed
without a title (the title is the first line of ``text``). ``demo``:
``corpora/demo/gold.jsonl`` rows with ``feature == "attribution"`` over
``corpora/demo/articles.jsonl`` (titles processed as a separate segment).

>>> score_pairs([[(0, 4)]], [[(2, 6)]]) == {"matched": [(0, 0)], "n_pred": 1, "n_gold": 1}
True
"""
from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import (bootstrap_f1, char_overlap_prf, format_interval, iter_demo_gold, overlaps,
               prf, shared_data_dir)

DATASETS = ("polnear-dev", "polnear-train", "demo")


def score_pairs(pred_cues: list, gold_cues: list) -> dict:
    """One-to-one matching of predicted to gold cue span lists by overlap size."""
    cands = []
    for i, p in enumerate(pred_cues):
        for j, g in enumerate(gold_cues):
            if p and g and overlaps(p, g):
                ov = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in p for s2, e2 in g)
                cands.append((-ov, i, j))
    cands.sort()
    used_p, used_g, matched = set(), set(), []
    for _, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        matched.append((i, j))
    return {"matched": sorted(matched), "n_pred": len(pred_cues), "n_gold": len(gold_cues)}


# --------------------------------------------------------------------------- gold readers


def _spans(items) -> list[tuple[int, int]]:
    out = []
    for it in items or []:
        if isinstance(it, dict):
            out.append((int(it["start"]), int(it["end"])))
        else:
            out.append((int(it[0]), int(it[1])))
    return out


def read_polnear(split: str = "dev", limit: int | None = None) -> Iterator[dict]:
    """Documents ``{doc_id, text, title, gold: [{segment, cue, source, content}]}``.

    Reads ``../shared/data/polnear/polnear-<split>.jsonl.gz`` (the shared schema),
    or, when that file is absent, the release's brat folder ``polnear/<split>/``
    (:func:`read_polnear_brat`), so any split laid out either way (``test``
    included) is scored the same way.
    """
    base = shared_data_dir() / "polnear"
    path = base / f"polnear-{split}.jsonl.gz"
    if not path.exists():
        if (base / split / "text").is_dir():
            yield from read_polnear_brat(base / split, limit)
            return
        raise FileNotFoundError(f"PolNeAR {split} not found at {path} (nor a brat folder "
                                f"{base / split}/text + attributions)")
    yield from read_polnear_jsonl(path, limit)


def read_polnear_jsonl(path, limit: int | None = None) -> Iterator[dict]:
    """PolNeAR gold from a shared-schema ``.jsonl(.gz)`` file (primary annotator)."""
    path = Path(path)
    op = gzip.open if path.suffix == ".gz" else open
    with op(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            try:
                rec = json.loads(line)
                ann = rec["annotations"]
                gold = _gold_rows(ann["attributions"])
                prim = ann.get("primary_annotator")
                others = {k: _gold_rows(v)
                          for k, v in (ann.get("attributions_by_annotator") or {}).items()
                          if k != prim}
                yield {"doc_id": rec["doc_id"], "text": rec["text"], "title": "", "gold": gold,
                       "others": others}
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}, line {n + 1}: not a PolNeAR gold record "
                                 f"(needs doc_id, text, annotations.attributions): {exc}") from exc


def _gold_rows(atts) -> list[dict]:
    return [{"segment": "body", "cue": _spans(a.get("cue")), "source": _spans(a.get("source")),
             "content": _spans(a.get("content"))} for a in atts]


def parse_brat(ann: str) -> list[dict]:
    r"""Attribution relations of one brat ``.ann`` text (PolNeAR's release format).

    ``T`` lines give labelled spans (``Tn<TAB>Label START END[;START END...]<TAB>text``),
    ``E`` lines tie one relation's roles together (``En<TAB>Attribution:Tk Cue:Tk
    Source:Tk Content:Tk``). Spans no ``E`` line links are left out, as in the
    normalised ``polnear-*.jsonl.gz``.

    >>> rels = parse_brat("T1\tSource 0 3\tHe\nT2\tCue 4 8\tsaid\n"
    ...                   "T3\tContent 9 12;14 16\tno x\nE1\tCue:T2 Source:T1 Content:T3\n")
    >>> rels == [{"segment": "body", "cue": [(4, 8)], "source": [(0, 3)],
    ...           "content": [(9, 12), (14, 16)]}]
    True
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in ann.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label_off = parts[1].split(" ", 1)
            if len(label_off) < 2:
                continue
            spans[parts[0]] = [(int(a), int(b)) for a, b in
                               (frag.split() for frag in label_off[1].split(";"))]
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) >= 2:
                events.append(parts[1].split())
    out = []
    for roles in events:
        rel = {"segment": "body", "cue": [], "source": [], "content": []}
        for role in roles:
            name, _, tid = role.partition(":")
            key = name.rstrip("0123456789").lower()
            if key in ("cue", "source", "content"):
                rel[key].extend(spans.get(tid, []))
        for key in ("cue", "source", "content"):
            rel[key].sort()
        out.append(rel)
    return out


def read_polnear_brat(folder, limit: int | None = None) -> Iterator[dict]:
    """PolNeAR gold from a release folder (``text/<name>.txt`` + ``attributions/
    <name>_<annotator>.ann``), the primary annotator being the first id in sorted
    order, as in the normalised files. Texts are read without newline translation
    so offsets are the ``.ann`` offsets."""
    folder = Path(folder)
    anns: dict[str, list[Path]] = {}
    for p in sorted((folder / "attributions").glob("*.ann")):
        m = re.fullmatch(r"(.+)_([^_]+)\.ann", p.name)
        if m:
            anns.setdefault(m.group(1), []).append(p)
    for n, txt in enumerate(sorted((folder / "text").glob("*.txt"))):
        if limit is not None and n >= limit:
            break
        with open(txt, encoding="utf-8", newline="") as fh:
            text = fh.read()
        files = anns.get(txt.stem, [])
        gold = parse_brat(files[0].read_text("utf-8")) if files else []
        others = {re.fullmatch(r"(.+)_([^_]+)\.ann", p.name).group(2):
                  parse_brat(p.read_text("utf-8")) for p in files[1:]}
        yield {"doc_id": txt.stem, "text": text, "title": "", "gold": gold, "others": others}


def read_demo(limit: int | None = None) -> Iterator[dict]:
    """The demo corpus' attribution gold (nothing when the files are absent)."""
    for d in iter_demo_gold("attribution", limit=limit):
        d["gold"] = [{"segment": r.get("segment", "body"), "cue": _spans(r.get("cue")),
                      "source": _spans(r.get("source")), "content": _spans(r.get("content"))}
                     for r in d["gold"]]
        yield d


def load(data: str, limit: int | None = None) -> Iterator[dict]:
    """Gold documents of ``data``: ``demo``, ``polnear-<split>`` (any split in
    ``../shared/data/polnear``, e.g. ``polnear-test``), or a path to a
    shared-schema ``.jsonl(.gz)`` file or a PolNeAR brat folder."""
    if data == "demo":
        return read_demo(limit)
    p = Path(data)
    if p.is_dir() and (p / "text").is_dir():
        return read_polnear_brat(p, limit)
    if p.is_file():
        return read_polnear_jsonl(p, limit)
    if data.startswith("polnear-"):
        return read_polnear(data.split("-", 1)[1], limit)
    raise ValueError(f"unknown data set {data!r}; choose from {', '.join(DATASETS)}, "
                     f"polnear-<split>, a .jsonl(.gz) gold file or a PolNeAR brat folder")


# --------------------------------------------------------------------------- scoring


def _tally(t: Counter, pred: list[dict], gold: list[dict]) -> dict:
    """Match ``pred`` to ``gold`` relations by cue and add to the counts in ``t``.

    Both are lists of ``{cue, source, content}`` span lists, each with a cue. The
    counts: cue ``tp``/``fp``/``fn``; over matched pairs, ``src_ok``/``src_total``
    (gold with a source), ``gold_no_source``/``gold_no_source_pred`` and content
    characters ``c_tp``/``c_fp``/``c_fn``. Returns this call's cue P/R/F1.

    >>> t = Counter()
    >>> _tally(t, [{"cue": [(3, 7)], "source": [(0, 2)], "content": [(8, 10)]}],
    ...        [{"cue": [(3, 7)], "source": [(0, 2)], "content": [(8, 11)]}])["f1"]
    1.0
    >>> t["src_ok"], t["c_tp"], t["c_fn"]
    (1, 2, 1)
    """
    m = score_pairs([x["cue"] for x in pred], [x["cue"] for x in gold])
    k = len(m["matched"])
    t["tp"] += k
    t["fp"] += len(pred) - k
    t["fn"] += len(gold) - k
    for i, j in m["matched"]:
        a, x = pred[i], gold[j]
        if x["source"]:
            t["src_total"] += 1
            t["src_ok"] += bool(a["source"]) and overlaps(a["source"], x["source"])
        else:
            t["gold_no_source"] += 1
            t["gold_no_source_pred"] += bool(a["source"])
        c = char_overlap_prf(a["content"], x["content"])
        t["c_tp"] += c["tp"]
        t["c_fp"] += c["fp"]
        t["c_fn"] += c["fn"]
    return prf(k, len(pred) - k, len(gold) - k)


def _pred_rows(attributions) -> list[dict]:
    """Extractor rows as ``{cue, source, content}`` span lists, for :func:`_tally`."""
    return [{"cue": list(a.cue), "source": list(a.source), "content": list(a.content)}
            for a in attributions]


def _source_block(t: Counter) -> dict:
    return {"correct": int(t["src_ok"]), "total": t["src_total"],
            "accuracy": round(t["src_ok"] / t["src_total"], 4) if t["src_total"] else 0.0}


def evaluate(docs: Iterable[dict], *, lexicon=None, skip_nested: bool = False) -> dict:
    """Score the extractor over gold documents; returns counts, metrics and timing.

    ``skip_nested`` leaves out of the scoring the rows flagged ``nested`` (a cue
    inside an earlier cue's reported clause), for gold that by its scheme never
    marks them: PolNeAR gives each token to at most one attribution (Newell et
    al. 2018), and none of its 22,025 train and dev relations has its cue inside
    another's content. ``cue_all_rows`` always scores every row, and ``nested``
    counts the rows left out (how many matched a gold cue anyway is
    ``cue_all_rows`` tp minus ``cue`` tp when positive). ``cue_f1_interval`` is the
    95% interval of the cue F1 over documents resampled 1,000 times
    (:func:`~toolkit.evaluate.bootstrap_f1`): how far the figure could move on
    another sample of such articles (on PolNeAR dev, 84 articles, about ±0.025).
    """
    from ..features.attribution import iter_attributions
    from ..text import process

    t: Counter = Counter()
    every: Counter = Counter()
    n_docs = pred_no_cue = gold_no_cue = nested = 0
    t_proc = t_extract = 0.0
    per_doc: list[list[int]] = []
    for d in docs:
        n_docs += 1
        t0 = time.perf_counter()
        doc = process(d["text"], doc_id=d["doc_id"], title=d["title"])
        t1 = time.perf_counter()
        preds = list(iter_attributions(doc, lexicon=lexicon))
        t2 = time.perf_counter()
        t_proc += t1 - t0
        t_extract += t2 - t1
        doc_counts = [0, 0, 0]
        for seg in ("title", "body"):
            p = [a for a in preds if a.segment == seg and a.cue]
            g = [x for x in d["gold"] if x["segment"] == seg]
            pred_no_cue += sum(1 for a in preds if a.segment == seg and not a.cue)
            gold_no_cue += sum(1 for x in g if not x["cue"])
            g = [x for x in g if x["cue"]]
            scored = _tally(every, _pred_rows(p), g)
            if skip_nested:
                top = [a for a in p if "nested" not in a.flags]
                nested += len(p) - len(top)
                scored = _tally(t, _pred_rows(top), g)
            doc_counts = [n + scored[k] for n, k in zip(doc_counts, ("tp", "fp", "fn"))]
        per_doc.append(doc_counts)
    if not skip_nested:
        t = every
    return {
        "documents": n_docs,
        "cue": prf(t["tp"], t["fp"], t["fn"]),
        "cue_f1_interval": bootstrap_f1(per_doc),
        "cue_all_rows": prf(every["tp"], every["fp"], every["fn"]),
        "nested": {"skipped": skip_nested, "rows": nested},
        "source": {**_source_block(t), "gold_no_source": t["gold_no_source"],
                   "gold_no_source_predicted": t["gold_no_source_pred"]},
        "content": prf(t["c_tp"], t["c_fp"], t["c_fn"]),
        "excluded": {"pred_without_cue": pred_no_cue, "gold_without_cue": gold_no_cue},
        "seconds": {"process": round(t_proc, 2), "extract": round(t_extract, 2),
                    "extract_docs_per_s": round(n_docs / t_extract, 1) if t_extract else None},
    }


def agreement(docs: Iterable[dict]) -> dict:
    """Cue agreement of PolNeAR's other annotators with the primary one, and of this
    extractor on the same documents, scored like :func:`evaluate`.

    Only documents with several annotators count (``others``: 16 in train, 2 in
    dev). Each other annotator's cues are scored as if predicted against the
    primary annotator's gold, which puts the extractor's cue F1 next to the
    figure a second human gets. The extractor's ``nested`` rows are left out, as
    in :func:`evaluate` on PolNeAR (no annotator marks an embedded attribution).
    ``human`` and ``extractor`` hold micro-averaged P/R/F1 (and source accuracy),
    ``per_document`` each document's figures.

    >>> doc = {"doc_id": "d", "text": "He said it.", "title": "",
    ...        "gold": [{"segment": "body", "cue": [(3, 7)], "source": [(0, 2)], "content": []}],
    ...        "others": {"b": [{"segment": "body", "cue": [(3, 7)], "source": [], "content": []}]}}
    >>> res = agreement([doc])
    >>> res["human"]["cue"]["f1"], res["human"]["source"]["accuracy"], res["documents"]
    (1.0, 0.0, 1)
    """
    from ..features.attribution import iter_attributions
    from ..text import process

    tally = {"human": Counter(), "extractor": Counter()}
    per_doc = []

    def add(who, pred, gold):
        return _tally(tally[who], [x for x in pred if x["cue"]], [x for x in gold if x["cue"]])

    n = 0
    for d in docs:
        if not d.get("others"):
            continue
        n += 1
        doc = process(d["text"], doc_id=d["doc_id"], title=d["title"])
        ours = _pred_rows(a for a in iter_attributions(doc)
                          if a.segment == "body" and "nested" not in a.flags)
        gold = [x for x in d["gold"] if x["segment"] == "body"]
        humans = {k: add("human", v, gold)["f1"] for k, v in sorted(d["others"].items())}
        per_doc.append({"doc_id": d["doc_id"], "annotators": humans,
                        "extractor": add("extractor", ours, gold)["f1"]})
    out: dict = {"documents": n, "per_document": per_doc}
    for who, t in tally.items():
        out[who] = {"cue": prf(t["tp"], t["fp"], t["fn"]), "source": _source_block(t)}
    out["annotator_pairs"] = sum(len(x["annotators"]) for x in per_doc)
    return out


def format_agreement(res: dict, data: str) -> str:
    """The :func:`agreement` result as a small table."""
    rows = [f"cue agreement with the primary annotator on {data}: {res['documents']} documents "
            f"with several annotators ({res['annotator_pairs']} other annotators' files)",
            f"{'who':<22}{'P':>7}{'R':>8}{'F1':>8}{'tp':>8}{'fp':>6}{'fn':>6}  source acc."]
    for who, label in (("human", "other annotators"), ("extractor", "this extractor")):
        c, s = res[who]["cue"], res[who]["source"]
        rows.append(f"{label:<22}{c['precision']:>7.3f}{c['recall']:>8.3f}{c['f1']:>8.3f}"
                    f"{c['tp']:>8}{c['fp']:>6}{c['fn']:>6}  {s['accuracy']:.3f} "
                    f"({s['correct']}/{s['total']})")
    rows.append("per document (cue F1): " + "; ".join(
        f"{x['doc_id'][:40]} humans {min(x['annotators'].values()):.2f}-"
        f"{max(x['annotators'].values()):.2f}, extractor {x['extractor']:.2f}"
        for x in res["per_document"]))
    return "\n".join(rows)


def format_table(res: dict, data: str) -> str:
    rows = [f"attribution on {data}: {res['documents']} documents",
            f"{'component':<16}{'P':>8}{'R':>8}{'F1':>8}{'tp':>8}{'fp':>8}{'fn':>8}"]
    for name in ("cue", "content"):
        m = res[name]
        unit = " (chars)" if name == "content" else ""
        rows.append(f"{name + unit:<16}{m['precision']:>8.3f}{m['recall']:>8.3f}"
                    f"{m['f1']:>8.3f}{m['tp']:>8}{m['fp']:>8}{m['fn']:>8}")
    a = res["cue_all_rows"]
    if res["nested"]["skipped"]:
        rows.append(f"{'cue, all rows':<16}{a['precision']:>8.3f}{a['recall']:>8.3f}"
                    f"{a['f1']:>8.3f}{a['tp']:>8}{a['fp']:>8}{a['fn']:>8}")
        rows.append(f"not scored above: {res['nested']['rows']} rows flagged nested (a cue "
                    f"inside an earlier report; PolNeAR marks none, one attribution per token)")
    if res.get("cue_f1_interval"):
        rows.append(format_interval(res["cue_f1_interval"]))
    s = res["source"]
    rows.append(f"source accuracy on matched cues: {s['accuracy']:.3f} "
                f"({s['correct']}/{s['total']}); gold without source: {s['gold_no_source']} "
                f"(we gave one to {s['gold_no_source_predicted']})")
    ex = res["excluded"]
    rows.append(f"not scored for cues: {ex['pred_without_cue']} predicted floating quotes, "
                f"{ex['gold_without_cue']} gold relations without a cue")
    sec = res["seconds"]
    rows.append(f"time: processing {sec['process']} s, extraction {sec['extract']} s "
                f"({sec['extract_docs_per_s']} documents/s beyond tagging)")
    return "\n".join(rows)


def add_arguments(parser) -> None:
    parser.add_argument("--data", default="polnear-dev", metavar="DATA",
                        help=f"gold data set: {', '.join(DATASETS)}, polnear-<split> "
                             "(e.g. polnear-test), a .jsonl(.gz) file in the shared schema "
                             "or a PolNeAR brat folder (text/ + attributions/); "
                             "default polnear-dev")
    parser.add_argument("--limit", type=int, default=None, help="score the first N documents")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--nested", choices=("auto", "skip", "score"), default="auto",
                        help="rows flagged nested (a report inside a report): 'skip' leaves "
                             "them out of the cue, source and content scores, as PolNeAR "
                             "marks no embedded attribution; 'score' counts them; 'auto' "
                             "(default) skips them on everything read as PolNeAR (its "
                             "splits, a .jsonl file, a brat folder) and scores them on "
                             "demo; give 'score' for gold of your own that marks them")
    parser.add_argument("--agreement", action="store_true",
                        help="score PolNeAR's other annotators against the primary one on "
                             "the documents several people annotated, next to this "
                             "extractor on the same documents (a human ceiling for cue F1)")


def run(args) -> int:
    data = getattr(args, "data", "polnear-dev")
    try:
        docs = list(load(data, getattr(args, "limit", None)))
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}")
        return 2
    if not docs:
        print(f"no gold attribution documents found for {data!r}")
        return 1
    if getattr(args, "agreement", False):
        res = agreement(docs)
        if not res["documents"]:
            print(f"no document of {data!r} has several annotators")
            return 1
        print(json.dumps(res, indent=2) if getattr(args, "json", False)
              else format_agreement(res, data))
        return 0
    nested = getattr(args, "nested", "auto")
    res = evaluate(docs, skip_nested=nested == "skip" or (nested == "auto" and data != "demo"))
    if getattr(args, "json", False):
        print(json.dumps(res, indent=2))
    else:
        print(format_table(res, data))
    return 0
