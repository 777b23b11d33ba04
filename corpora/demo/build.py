"""Build ``articles.jsonl`` and ``gold.jsonl`` of the demo corpus from ``source/*.yml``.

The demo articles and their gold annotations are authored together, one YAML
file per article in ``source/``. Annotations name their spans by *text*
(snippets), never by offsets; this script finds each snippet, computes the
character offsets into the article's ``text`` (or ``title``) and asserts that
``text[start:end]`` reproduces it. Run it after editing a source file::

    python corpora/demo/build.py          # rewrite articles.jsonl, gold.jsonl, README counts
    python corpora/demo/build.py --check  # exit 1 if the committed files are stale

Snippet lookup
--------------
Each annotation may give ``in:``, a context string that must occur once in the
segment (``in: "text#2"`` picks the 2nd occurrence). Every span snippet is
looked up inside that window when it occurs there, otherwise in the whole
segment; it must be unambiguous where it is looked up, unless a ``#k`` suffix
picks the k-th occurrence (1-based). A span field may be a list of snippets
(one span each: a quote over two paragraphs, coordinated deniers).

Short keys in the source (see ``docs/gold-format.md`` for the long names)::

    att: cue, src, con, kind, vc (verb_class), sk (source_kind), res (source_resolved),
         lemma (cue_lemma), actor, flags
    agn: trig, vic, head (victim_head), n (count), agent, cause, ag (agency), harm,
         actor, res (agent_resolved)
    den: cue, denier, denied, kind, actors, acc (accusation_in_article), accusers,
         res (denier_resolved)
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from toolkit.actors import Codebook

ARTICLE_FIELDS = ("doc_id", "outlet", "event_id", "published", "title", "text", "url", "byline")

#: Default verb class of a cue lemma (docs/gold-format.md, "verb classes").
VERB_CLASS = {
    "say": "neutral", "tell": "neutral", "add": "neutral", "report": "neutral",
    "state": "neutral", "announce": "neutral", "write": "neutral", "according to": "neutral",
    "describe": "neutral", "warn": "neutral", "quote": "neutral", "estimate": "neutral",
    "confirm": "endorsing", "note": "endorsing", "point out": "endorsing", "show": "endorsing",
    "document": "endorsing", "find": "endorsing", "establish": "endorsing",
    "claim": "distancing", "insist": "distancing", "allege": "distancing",
    "maintain": "distancing", "contend": "distancing", "assert": "distancing",
    "admit": "concessive", "acknowledge": "concessive", "concede": "concessive",
    "deny": "denial", "reject": "denial",
    "accuse": "accusatory", "blame": "accusatory", "charge": "accusatory",
    "believe": "cognition", "think": "cognition", "fear": "cognition", "suspect": "cognition",
}

IRREGULAR = {"said": "say", "says": "say", "told": "tell", "tells": "tell", "wrote": "write",
             "found": "find", "thought": "think", "shown": "show", "showed": "show"}

PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them"}

KINDS = {
    "attribution": {"kind": {"direct", "indirect", "mixed", "according_to"},
                    "verb_class": {"neutral", "endorsing", "distancing", "concessive", "denial",
                                   "accusatory", "cognition"},
                    "source_kind": {"person", "official", "institution", "anonymous",
                                    "collective", "media"}},
    "agency": {"agency": {"active_agent", "passive_agent", "passive_cause", "agentless_passive",
                          "intransitive", "nominal", "adjectival"},
               "harm": {"death", "injury", "displacement", "attack"}},
    "denial": {"kind": {"denial", "minimisation", "no_comment", "counter_accusation"}},
}


class SourceError(ValueError):
    pass


def _find_all(hay: str, needle: str, lo: int = 0, hi: int | None = None) -> list[int]:
    hi = len(hay) if hi is None else hi
    out, i = [], hay.find(needle, lo, hi)
    while i != -1:
        out.append(i)
        i = hay.find(needle, i + 1, hi)
    return out


def _split_occ(snippet: str) -> tuple[str, int | None]:
    m = re.fullmatch(r"(.*\S)#(\d+)", snippet, re.DOTALL)
    return (m.group(1), int(m.group(2))) if m else (snippet, None)


def locate(seg: str, snippet: str, window: tuple[int, int] | None, where: str) -> list[int]:
    """``[start, end]`` of ``snippet`` in ``seg`` (inside ``window`` if it occurs there)."""
    needle, occ = _split_occ(snippet)
    hits: list[int] = []
    if window is not None:
        hits = _find_all(seg, needle, *window)
        hits = [h for h in hits if h + len(needle) <= window[1]]
    if not hits:
        hits = _find_all(seg, needle)
    if not hits:
        raise SourceError(f"{where}: snippet not found: {needle!r}")
    if occ is None and len(hits) > 1:
        raise SourceError(f"{where}: snippet occurs {len(hits)} times, add #k or in: {needle!r}")
    k = (occ or 1) - 1
    if k >= len(hits):
        raise SourceError(f"{where}: only {len(hits)} occurrences of {needle!r}")
    s = hits[k]
    assert seg[s:s + len(needle)] == needle
    return [s, s + len(needle)]


def spans(seg: str, value, window, where: str) -> tuple[list[list[int]], list[str]]:
    if value in (None, "", []):
        return [], []
    items = value if isinstance(value, list) else [value]
    out = [locate(seg, str(v), window, where) for v in items]
    out.sort()
    return out, [seg[s:e] for s, e in out]


def cue_lemma(cue_text: list[str]) -> str:
    t = " ".join(cue_text).lower()
    if t.startswith("according to"):
        return "according to"
    word = t.split()[-1] if t else ""
    if word in IRREGULAR:
        return IRREGULAR[word]
    # regular inflections of the lemmas in VERB_CLASS (no NLTK needed to build the gold)
    for cut, add in (("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("es", ""),
                     ("s", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(cut) and word[: -len(cut)] + add in VERB_CLASS:
            return word[: -len(cut)] + add
    return word


def paragraph_of(text: str, offset: int) -> int:
    return text.count("\n\n", 0, offset)


def build_article(src: dict, path: Path, codebook: Codebook) -> tuple[dict, list[dict]]:
    where = path.name
    paras = src.get("paragraphs") or []
    text = "\n\n".join(" ".join(str(p).split()) for p in paras)
    art = {k: src.get(k) for k in ARTICLE_FIELDS if k != "text"}
    art["published"] = str(art["published"])
    art["title"] = " ".join(str(art["title"]).split())
    art["text"] = text
    art = {k: art[k] for k in ARTICLE_FIELDS}
    rows: list[dict] = []
    counters: Counter = Counter()
    errors: list[str] = []
    for i, item in enumerate(src.get("gold") or []):
        try:
            row = _build_row(i, item, where, art, text, codebook, counters)
        except SourceError as exc:
            errors.append(str(exc))
            continue
        rows.append(row)
    if errors:
        raise SourceError("\n".join(errors))
    return art, rows


def _build_row(i: int, item: dict, where: str, art: dict, text: str, codebook: Codebook,
               counters: Counter) -> dict:
    """One gold row from one source annotation (raises SourceError)."""
    (short, a), = item.items()
    feature = {"att": "attribution", "agn": "agency", "den": "denial"}[short]
    segment = a.get("seg", "body")
    seg = art["title"] if segment == "title" else text
    w = f"{where} gold[{i}] ({short})"
    window = None
    if a.get("in"):
        window = tuple(locate(seg, a["in"], None, w + " in:"))
    sp = lambda key: spans(seg, a.get(key), window, f"{w} {key}")
    counters[feature] += 1
    row = {"id": f"{art['doc_id']}/{feature}/{counters[feature]}", "doc_id": art["doc_id"],
           "feature": feature, "segment": segment}
    if feature == "attribution":
        cue, cue_t = sp("cue")
        src_s, src_t = sp("src")
        con, con_t = sp("con")
        lemma = (a.get("lemma") or cue_lemma(cue_t)) if cue else None
        resolved = a.get("res")
        if src_t and src_t[0].lower() in PRONOUNS and not resolved:
            raise SourceError(f"{w}: pronoun source needs res:")
        flags = set(a.get("flags") or [])
        if src_t and src_t[0].lower() in PRONOUNS:
            flags.add("pronoun")
        if len({paragraph_of(seg, c[0]) for c in con}) > 1:
            flags.add("multi_paragraph")
        if cue and src_s and src_s[0][0] > cue[0][0] and a["kind"] != "according_to":
            flags.add("inverted")
        actor = a["actor"] if "actor" in a else codebook.resolve(resolved or " ".join(src_t))
        first = (cue or con)[0][0]
        row.update(paragraph=paragraph_of(seg, first), cue=cue, cue_text=cue_t,
                   source=src_s, source_text=src_t, source_resolved=resolved,
                   content=con, content_text=con_t, kind=a["kind"], cue_lemma=lemma,
                   verb_class=a.get("vc") or VERB_CLASS.get(lemma),
                   source_kind=a["sk"], actor=actor, flags=sorted(flags))
        if cue and row["verb_class"] is None:
            raise SourceError(f"{w}: no verb class for lemma {lemma!r}")
        if not con:
            raise SourceError(f"{w}: attribution without content")
    elif feature == "agency":
        trig, trig_t = sp("trig")
        vic, vic_t = sp("vic")
        agent, agent_t = sp("agent")
        cause, cause_t = sp("cause")
        resolved = a.get("res")
        if "actor" in a:
            actor = a["actor"]
        else:
            actor = codebook.resolve(resolved or " ".join(agent_t)) or \
                codebook.resolve(" ".join(cause_t))
        row.update(paragraph=paragraph_of(seg, trig[0][0]), trigger=trig, trigger_text=trig_t,
                   victim=vic, victim_text=vic_t, victim_head=a.get("head"),
                   count=a.get("n"), agent=agent, agent_text=agent_t,
                   agent_resolved=resolved, cause=cause, cause_text=cause_t,
                   agency=a["ag"], harm=a["harm"], actor=actor)
        if vic and not row["victim_head"]:
            raise SourceError(f"{w}: victim without head:")
        if row["victim_head"] and row["victim_head"] not in " ".join(vic_t):
            raise SourceError(f"{w}: head {row['victim_head']!r} not in victim")
    else:
        cue, cue_t = sp("cue")
        den, den_t = sp("denier")
        dd, dd_t = sp("denied")
        resolved = a.get("res")
        if "actors" in a:
            actors = list(a["actors"])
        else:
            actors = []
            for t in ([resolved] if resolved else den_t):
                for x in codebook.resolve_all(t):
                    if x not in actors:
                        actors.append(x)
        row.update(paragraph=paragraph_of(seg, cue[0][0]), cue=cue, cue_text=cue_t,
                   denier=den, denier_text=den_t, denier_resolved=resolved,
                   denied=dd, denied_text=dd_t, kind=a["kind"], actors=actors,
                   accusation_in_article=bool(a.get("acc", False)),
                   accusers=list(a.get("accusers") or []))
        for x in row["accusers"]:
            if x not in codebook.actors:
                raise SourceError(f"{w}: accuser {x!r} not in codebook")
    for key, allowed in KINDS[feature].items():
        if row[key] not in allowed and not (key == "verb_class" and not row["cue"]):
            raise SourceError(f"{w}: {key}={row[key]!r} not in {sorted(allowed)}")
    return row


def counts_table(articles: list[dict], gold: list[dict]) -> str:
    """The markdown block README.md carries between the ``counts`` markers."""
    n_words = sum(len(a["text"].split()) for a in articles)
    lines = [f"- articles: {len(articles)}; words: {n_words}; gold instances: {len(gold)}", ""]
    outlets = sorted({a["outlet"] for a in articles})
    by_doc = {a["doc_id"]: a["outlet"] for a in articles}
    for feature, key in (("attribution", "kind"), ("attribution", "verb_class"),
                         ("attribution", "source_kind"), ("agency", "agency"),
                         ("agency", "harm"), ("denial", "kind")):
        rows = [g for g in gold if g["feature"] == feature]
        values = sorted({g[key] or "none" for g in rows})
        lines.append(f"| {feature}.{key} | " + " | ".join(outlets) + " | total |")
        lines.append("|---" * (len(outlets) + 2) + "|")
        for v in values:
            c = Counter(by_doc[g["doc_id"]] for g in rows if (g[key] or "none") == v)
            lines.append(f"| {v} | " + " | ".join(str(c[o]) for o in outlets)
                         + f" | {sum(c.values())} |")
        lines.append("")
    return "\n".join(lines)


def build(check: bool = False) -> int:
    codebook = Codebook.load(HERE / "actors.yml")
    articles, gold = [], []
    errors = []
    for path in sorted((HERE / "source").glob("*.yml")):
        src = yaml.safe_load(path.read_text("utf-8"))
        try:
            art, rows = build_article(src, path, codebook)
        except SourceError as exc:
            errors.append(str(exc))
            continue
        articles.append(art)
        gold.extend(rows)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 2
    order = {e["id"]: i for i, e in enumerate(yaml.safe_load(
        (HERE / "corpus.yml").read_text("utf-8"))["events"])}
    articles.sort(key=lambda a: (order[a["event_id"]], a["outlet"]))
    rank = {a["doc_id"]: i for i, a in enumerate(articles)}
    gold.sort(key=lambda g: rank[g["doc_id"]])  # stable: source order within a doc
    outputs = {
        "articles.jsonl": "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles),
        "gold.jsonl": "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold),
    }
    readme = (HERE / "README.md").read_text("utf-8")
    block = counts_table(articles, gold)
    outputs["README.md"] = re.sub(r"(<!-- counts:begin -->\n).*?(<!-- counts:end -->)",
                                  lambda m: m.group(1) + block + "\n" + m.group(2), readme,
                                  flags=re.DOTALL)
    stale = [n for n, c in outputs.items() if (HERE / n).read_text("utf-8")
             != c] if check else []
    if check:
        if stale:
            print("stale:", ", ".join(stale))
            return 1
        print("up to date")
        return 0
    for name, content in outputs.items():
        (HERE / name).write_text(content, "utf-8")
    print(f"{len(articles)} articles, {len(gold)} gold instances "
          f"({dict(Counter(g['feature'] for g in gold))})")
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report stale outputs")
    sys.exit(build(ap.parse_args().check))
