"""Score the passive detector against Universal Dependencies gold (``mbt eval passive``).

Gold, per UD sentence (de Marneffe et al. 2021; English GUM and EWT):

- **be-passives** (gold 1): every word with an ``aux:pass`` dependent (the
  passive participle; *get*-passives included, UD marks *get* ``aux:pass`` too);
- **all verbal passives** (gold 2): gold 1 plus every ``Voice=Pass``
  participle whose relation is not ``amod`` (reduced relatives ``acl``,
  participle clauses ``advcl``, coordinated participles ``conj`` ...);
- **agents**: the ``obl:agent`` dependents of gold-2 participles (span: the
  agent's subtree).

Each UD sentence is rebuilt from ``# text =`` and tokenised and tagged by the
toolkit's own pipeline as *one* sentence (:func:`sentence_doc`), so Punkt
never splits it; UD words are aligned to character offsets by finding each
FORM in the text. A predicted passive matches a gold one when the participle
tokens overlap. For gold 1 the prediction is every ``be``/``get`` passive
except coordinated second conjuncts and gapped clauses (UD attaches the shared
auxiliary to the first conjunct only, and an elided one to nothing); for gold 2
every prediction. A predicted agent is right
when it overlaps the gold ``obl:agent`` phrase of a matched passive (a
*by*-phrase the detector called a *cause*, "by shelling", counts as an agent
here, since UD does not distinguish them).

>>> s = parse_conllu(_EXAMPLE)[0]
>>> s.text, s.gold_be, s.gold_all, s.gold_agent
('It was built by them.', [(7, 12)], [(7, 12)], [((7, 12), (13, 20))])
"""
from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..text import ProcessedDoc, Sentence, Token, tag, tokenize
from . import prf, shared_data_dir

DATASETS = {
    "gum-dev": ("en_gum-ud-dev.conllu",),
    "ewt-dev": ("en_ewt-ud-dev.conllu",),
    "gum-train": ("en_gum-ud-train.conllu.gz",),
    "ewt-train": ("en_ewt-ud-train.conllu.gz",),
    "all-dev": ("en_gum-ud-dev.conllu", "en_ewt-ud-dev.conllu"),
    "gum-test": ("en_gum-ud-test.conllu",),
    "ewt-test": ("en_ewt-ud-test.conllu",),
    "all-test": ("en_gum-ud-test.conllu", "en_ewt-ud-test.conllu"),
}

_EXAMPLE = """# text = It was built by them.
1\tIt\tit\tPRON\tPRP\t_\t3\tnsubj:pass\t_\t_
2\twas\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_
3\tbuilt\tbuild\tVERB\tVBN\tVoice=Pass\t0\troot\t_\t_
4\tby\tby\tADP\tIN\t_\t5\tcase\t_\t_
5\tthem\tthey\tPRON\tPRP\t_\t3\tobl:agent\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

"""


@dataclass
class UDSentence:
    """One UD sentence: text, gold participle spans and agent spans."""

    sent_id: str
    text: str
    gold_be: list = field(default_factory=list)
    gold_all: list = field(default_factory=list)
    gold_agent: list = field(default_factory=list)   # (participle span, agent span)


def _align(text: str, forms: list[str]) -> list[tuple[int, int] | None]:
    spans, pos = [], 0
    for f in forms:
        k = text.find(f, pos)
        if k < 0 or (k - pos) > 20:
            spans.append(None)
            continue
        spans.append((k, k + len(f)))
        pos = k + len(f)
    return spans


def _finish(sent_id: str, text: str, rows: list[list[str]], mwt: dict) -> UDSentence:
    # align surface tokens (multiword tokens as one unit)
    units, unit_of = [], {}
    covered = set()
    for r in rows:
        i = int(r[0])
        if i in covered:
            continue
        if i in mwt:
            a, b, form = mwt[i]
            for k in range(a, b + 1):
                covered.add(k)
                unit_of[k] = len(units)
            units.append(form)
        else:
            unit_of[i] = len(units)
            units.append(r[1])
    uspans = _align(text, units)
    span = {int(r[0]): uspans[unit_of[int(r[0])]] for r in rows}
    deps: dict[int, list[list[str]]] = {}
    for r in rows:
        deps.setdefault(int(r[6]), []).append(r)
    out = UDSentence(sent_id, text)
    for r in rows:
        i = int(r[0])
        if span[i] is None:
            continue
        kids = deps.get(i, [])
        has_aux = any(k[7] == "aux:pass" for k in kids)
        if has_aux:
            out.gold_be.append(span[i])
        if has_aux or ("Voice=Pass" in r[5] and r[7] != "amod"):
            out.gold_all.append(span[i])
            for k in kids:
                if k[7] == "obl:agent":
                    sub = _subtree(int(k[0]), deps)
                    ss = [span[x] for x in sub if span.get(x)]
                    if ss:
                        out.gold_agent.append((span[i], (min(s for s, _ in ss),
                                                          max(e for _, e in ss))))
    return out


def _subtree(i: int, deps: dict) -> list[int]:
    out, todo = [i], [i]
    while todo:
        for k in deps.get(todo.pop(), []):
            out.append(int(k[0]))
            todo.append(int(k[0]))
    return out


def parse_conllu(source: str | Iterable[str]) -> list[UDSentence]:
    """Parse CoNLL-U text (a string or an iterable of lines) into :class:`UDSentence`."""
    lines = source.splitlines() if isinstance(source, str) else source
    out: list[UDSentence] = []
    rows: list[list[str]] = []
    mwt: dict = {}
    text = sent_id = ""
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("# text ="):
            text = line[len("# text ="):].strip()
        elif line.startswith("# sent_id ="):
            sent_id = line[len("# sent_id ="):].strip()
        elif not line.strip():
            if rows:
                out.append(_finish(sent_id, text, rows, mwt))
            rows, mwt = [], {}
        elif not line.startswith("#"):
            p = line.split("\t")
            if len(p) != 10:
                continue
            if re.fullmatch(r"\d+-\d+", p[0]):
                a, b = map(int, p[0].split("-"))
                mwt[a] = (a, b, p[1])
            elif p[0].isdigit():
                rows.append(p)
    if rows:
        out.append(_finish(sent_id, text, rows, mwt))
    return out


def _ud_file(base: Path, fn: str) -> Path:
    """``base / fn``, or its gzipped / plain twin when only that one exists."""
    p = base / fn
    if not p.exists():
        twin = base / (fn[:-3] if fn.endswith(".gz") else fn + ".gz")
        if twin.exists():
            return twin
    return p


def read_dataset(name: str, data_dir: Path | None = None) -> list[UDSentence]:
    """Sentences of one data set: a name in :data:`DATASETS` (files looked up
    in ``data_dir``, plain or gzipped), or a path to a ``.conllu(.gz)`` file or a
    folder of them, so any UD split is scored the same way."""
    base = Path(data_dir) if data_dir else shared_data_dir() / "ud"
    if name in DATASETS:
        paths = [_ud_file(base, fn) for fn in DATASETS[name]]
    elif Path(name).is_dir():
        paths = sorted(p for p in Path(name).iterdir()
                       if p.name.endswith((".conllu", ".conllu.gz")))
    elif Path(name).is_file():
        paths = [Path(name)]
    else:
        raise OSError(f"unknown data set {name!r}: use one of {', '.join(sorted(DATASETS))}, "
                      f"a .conllu(.gz) file or a folder of them")
    out = []
    for p in paths:
        op = gzip.open if p.name.endswith(".gz") else open
        with op(p, "rt", encoding="utf-8") as fh:
            out.extend(parse_conllu(fh))
    return out


def sentence_doc(text: str, doc_id: str = "") -> ProcessedDoc:
    """A :class:`ProcessedDoc` holding ``text`` as exactly one sentence.

    Uses the pipeline's tokenizer and tagger but no sentence splitter, so a
    gold sentence is never split.

    >>> d = sentence_doc("Mr. Smith was hurt. Really.")
    >>> len(d.sentences), d.words(d.sentences[0])[-2:]
    (1, ['Really', '.'])
    """
    spans = tokenize(text)
    toks = tuple(Token(s, e, t) for (s, e), t in zip(spans, tag(text, spans)))
    sents = (Sentence(0, 0, 0, len(text), toks),) if toks else ()
    return ProcessedDoc(doc_id, text, ((0, len(text)),) if text else (), sents)


def _ov(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_BE = frozenset("be is am are was were been being 's 're 'm".split())


def naive_passives(doc: ProcessedDoc) -> list:
    """The naive baseline: a form of *be*, any adverbs, then a ``VBN``-tagged word.

    >>> [p.verb for p in naive_passives(sentence_doc("It was quickly built."))]
    [((15, 20),)]
    """
    from ..features.passive import Passive

    out = []
    for s in doc.sentences:
        toks = s.tokens
        for i, t in enumerate(toks):
            if t.tag != "VBN":
                continue
            j = i - 1
            while j >= 0 and toks[j].tag in ("RB", "RBR", "RBS"):
                j -= 1
            if j >= 0 and doc.text[toks[j].start:toks[j].end].lower() in _BE:
                out.append(Passive(doc.doc_id, "body", 0, s.index, ((t.start, t.end),), "",
                                   "", (), (), "", (), "", (), "", "be", frozenset()))
    return out


def score(sentences: list[UDSentence], *, statives: bool = True, errors: list | None = None,
          baseline: bool = False) -> dict:
    """P/R/F1 for be-passives, all verbal passives and agents over ``sentences``
    (``baseline=True`` scores :func:`naive_passives` instead of the detector)."""
    from ..features.passive import find_passives

    c = {k: [0, 0, 0] for k in ("be", "all", "agent")}
    for us in sentences:
        doc = sentence_doc(us.text, us.sent_id)
        preds = []
        if baseline:
            preds = naive_passives(doc)
        for s in ([] if baseline else doc.sentences):
            preds.extend(find_passives(doc, s, statives=statives))
        pred_be = [p.verb[0] for p in preds if p.kind in ("be", "get")
                   and not p.flags & {"coordinated", "gapped"}]
        pred_all = [p.verb[0] for p in preds]
        for key, pred, gold in (("be", pred_be, us.gold_be), ("all", pred_all, us.gold_all)):
            tp = sum(any(_ov(p, g) for g in gold) for p in pred)
            c[key][0] += tp
            c[key][1] += len(pred) - tp
            c[key][2] += sum(not any(_ov(p, g) for p in pred) for g in gold)
            if errors is not None:
                for p in pred:
                    if not any(_ov(p, g) for g in gold):
                        errors.append((key, "fp", us.text, us.text[p[0]:p[1]]))
                for g in gold:
                    if not any(_ov(p, g) for p in pred):
                        errors.append((key, "fn", us.text, us.text[g[0]:g[1]]))
        # agents: a predicted by-phrase (agent, or by-cause) of a matched passive
        pred_ag = []
        for p in preds:
            spans = list(p.agent) + (list(p.cause) if "cause_by" in p.flags else [])
            if spans:
                pred_ag.append((p.verb[0], spans[0]))
        tp = sum(any(_ov(v, gv) and _ov(a, ga) for gv, ga in us.gold_agent) for v, a in pred_ag)
        c["agent"][0] += tp
        c["agent"][1] += len(pred_ag) - tp
        c["agent"][2] += sum(not any(_ov(v, gv) and _ov(a, ga) for v, a in pred_ag)
                             for gv, ga in us.gold_agent)
    return {"be_passive": prf(*c["be"]), "all_verbal": prf(*c["all"]), "agent": prf(*c["agent"])}


def add_arguments(parser) -> None:
    parser.add_argument("--data", default="all-dev", metavar="DATA",
                        help=f"UD split to score on: {', '.join(sorted(DATASETS))}, or a "
                             ".conllu(.gz) file or folder of them (default all-dev)")
    parser.add_argument("--data-dir", default=None, help="folder with the UD files "
                        "(default ../shared/data/ud)")
    parser.add_argument("--no-statives", action="store_true",
                        help="also drop stative participles ('is located', 'was born'), "
                             "which UD counts as passives")
    parser.add_argument("--baseline", action="store_true",
                        help="score the naive be + adverbs + VBN baseline instead")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args) -> int:
    try:
        sents = read_dataset(args.data, getattr(args, "data_dir", None))
    except OSError as exc:
        print(f"cannot read UD data for {args.data!r}: {exc}. The UD files live in "
              f"../shared/data/ud (see its README); pass --data-dir.")
        return 2
    res = score(sents, statives=not getattr(args, "no_statives", False),
                baseline=getattr(args, "baseline", False))
    if getattr(args, "json", False):
        print(json.dumps({"data": args.data, "sentences": len(sents), **res}, indent=2))
        return 0
    what = "naive baseline (be + adverbs + VBN)" if getattr(args, "baseline", False) \
        else "passive detection"
    print(f"{what} on UD {args.data} ({len(sents)} sentences)")
    print(f"{'component':<14}{'P':>8}{'R':>8}{'F1':>8}{'tp':>7}{'fp':>6}{'fn':>6}")
    for k, v in res.items():
        print(f"{k:<14}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}"
              f"{v['tp']:>7}{v['fp']:>6}{v['fn']:>6}")
    return 0


def iter_errors(sentences: list[UDSentence], *, statives: bool = True) -> Iterator[tuple]:
    """``(gold_set, 'fp'|'fn', sentence, word)`` for error analysis."""
    errs: list = []
    score(sentences, statives=statives, errors=errs)
    yield from errs
