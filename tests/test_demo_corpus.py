"""The demo corpus (corpora/demo, constructed text) and its gold annotations.

Checks that the corpus loads, that every gold span reproduces its text, that the
codebook resolves every gold actor, that the counts in the corpus README are the
counts of the gold, and that the four outlets differ in the documented ways
(corpora/demo/README.md, docs/gold-format.md).
"""
from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from toolkit.actors import Codebook
from toolkit.text import find_quotes

DEMO = Path(__file__).resolve().parents[1] / "corpora" / "demo"
OUTLETS = ("meridian", "courier", "sentinel", "dispatch")
EVENTS = ("ev1", "ev2", "ev3", "ev4", "ev5", "ev6")

SPAN_FIELDS = {
    "attribution": ("cue", "source", "content"),
    "agency": ("trigger", "victim", "agent", "cause"),
    "denial": ("cue", "denier", "denied"),
}
CLASSES = {
    ("attribution", "kind"): {"direct", "indirect", "mixed", "according_to"},
    ("attribution", "verb_class"): {"neutral", "endorsing", "distancing", "concessive",
                                    "denial", "accusatory", "cognition", None},
    ("attribution", "source_kind"): {"person", "official", "institution", "anonymous",
                                     "collective", "media"},
    ("agency", "agency"): {"active_agent", "passive_agent", "passive_cause",
                           "agentless_passive", "intransitive", "nominal", "adjectival"},
    ("agency", "harm"): {"death", "injury", "displacement", "attack"},
    ("denial", "kind"): {"denial", "minimisation", "no_comment", "counter_accusation"},
}


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def articles() -> dict[str, dict]:
    return {a["doc_id"]: a for a in _jsonl(DEMO / "articles.jsonl")}


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return _jsonl(DEMO / "gold.jsonl")


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return Codebook.load(DEMO / "actors.yml")


@pytest.fixture(scope="module")
def outlet_of(articles) -> dict[str, str]:
    return {d: a["outlet"] for d, a in articles.items()}


def _segment_text(article: dict, segment: str) -> str:
    return article["title"] if segment == "title" else article["text"]


# --------------------------------------------------------------------------- corpus


def test_corpus_yml_labels_the_text_as_constructed():
    meta = yaml.safe_load((DEMO / "corpus.yml").read_text("utf-8"))
    assert meta["name"] == "demo"
    assert meta["constructed"] is True
    assert meta["licence"] in ("CC0-1.0", "CC-BY-4.0")
    assert meta["provenance"].startswith("constructed by the media-bias-toolkit developers")
    assert "fictional" in meta["provenance"]
    assert [o["id"] for o in meta["outlets"]] == list(OUTLETS)
    assert all(o["name"] and o["description"] for o in meta["outlets"])
    assert [e["id"] for e in meta["events"]] == list(EVENTS)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(e["date"])) for e in meta["events"])


def test_articles_cover_every_outlet_event_pair_once(articles):
    cells = Counter((a["outlet"], a["event_id"]) for a in articles.values())
    assert len(articles) == 24
    assert set(cells) == {(o, e) for o in OUTLETS for e in EVENTS}
    assert set(cells.values()) == {1}
    assert all(d == f"{a['event_id']}-{a['outlet']}" for d, a in articles.items())


def test_articles_are_well_formed(articles):
    meta = yaml.safe_load((DEMO / "corpus.yml").read_text("utf-8"))
    dates = {e["id"]: str(e["date"]) for e in meta["events"]}
    for d, a in articles.items():
        assert list(a) == ["doc_id", "outlet", "event_id", "published", "title", "text",
                           "url", "byline"], d
        assert a["published"] == dates[a["event_id"]], d
        assert a["url"].startswith("https://example.org/"), d
        assert 250 <= len(a["text"].split()) <= 450, d
        paras = a["text"].split("\n\n")
        assert len(paras) >= 5 and all(p == p.strip() and "\n" not in p for p in paras), d
        assert a["title"] and "\n" not in a["title"], d


def test_corpus_loads_with_the_toolkit_loader(articles):
    corpus_mod = pytest.importorskip("toolkit.corpus")
    corpus = corpus_mod.load_corpus(DEMO)
    assert len(corpus) == 24
    assert corpus.name == "demo"
    assert list(corpus.outlets) == list(OUTLETS)
    assert list(corpus.events) == list(EVENTS)
    a = corpus.get("ev1-meridian")
    assert a.text == articles["ev1-meridian"]["text"]
    assert a.text.startswith("Valdorian jets killed 14 people")
    assert str(a.published) == "2026-03-04"
    assert corpus_mod.validate(DEMO) == []


def test_generated_files_are_up_to_date():
    spec = importlib.util.spec_from_file_location("demo_build", DEMO / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.build(check=True) == 0, "run: python corpora/demo/build.py"


# --------------------------------------------------------------------------- gold


def test_gold_rows_have_known_documents_ids_and_classes(articles, gold):
    assert len({g["id"] for g in gold}) == len(gold)
    for g in gold:
        assert g["doc_id"] in articles, g["id"]
        assert g["segment"] in ("body", "title"), g["id"]
        for (feature, key), allowed in CLASSES.items():
            if g["feature"] == feature:
                assert g[key] in allowed, (g["id"], key, g[key])


def test_every_gold_span_reproduces_its_text(articles, gold):
    n = 0
    for g in gold:
        text = _segment_text(articles[g["doc_id"]], g["segment"])
        for f in SPAN_FIELDS[g["feature"]]:
            assert len(g[f]) == len(g[f + "_text"]), (g["id"], f)
            for (s, e), snippet in zip(g[f], g[f + "_text"]):
                assert 0 <= s < e <= len(text), (g["id"], f)
                assert text[s:e] == snippet, (g["id"], f)
                n += 1
    assert n > 1000


def test_required_spans_are_present(gold):
    for g in gold:
        if g["feature"] == "attribution":
            assert g["content"], g["id"]
            assert g["cue"] or "floating" in g["flags"], g["id"]
            assert g["source"] or g["source_resolved"], g["id"]
        elif g["feature"] == "agency":
            assert g["trigger"], g["id"]
            assert bool(g["victim"]) == bool(g["victim_head"]), g["id"]
            if g["agency"] == "passive_agent":
                assert g["agent"] or g["cause"], g["id"]
        else:
            assert g["cue"] and g["denier"], g["id"]


def test_hand_checked_instances(articles, gold):
    by_id = {g["id"]: g for g in gold}
    text = articles["ev1-meridian"]["text"]
    first = by_id["ev1-meridian/agency/2"]
    assert first["trigger_text"] == ["killed"] and first["trigger"] == [[15, 21]]
    assert first["agent_text"] == ["Valdorian jets"] and first["count"] == 14
    assert first["agency"] == "active_agent" and first["actor"] == "Valdorian Armed Forces"
    # the quote over two paragraphs (news convention: no closing mark at the first end)
    holm = next(g for g in gold if g["doc_id"] == "ev2-meridian"
                and g.get("source_text") == ["Sara Holm"])
    assert holm["kind"] == "direct" and "multi_paragraph" in holm["flags"]
    assert holm["content_text"][1].startswith("We carried the patients out")
    # a floating quote: no cue, speaker resolved from the paragraph before
    floating = [g for g in gold if g["feature"] == "attribution" and "floating" in g["flags"]]
    assert {g["source_resolved"] for g in floating} == {"Vesna Kral", "Irina"}
    # a relative-clause denial reported without the speaker's own verb of saying
    den = by_id["ev1-dispatch/denial/2"]
    assert den["denier_text"] == ["Valdoria"] and den["denied_text"] == ["targeting civilians"]
    assert den["kind"] == "denial" and den["accusation_in_article"] is True
    assert text[slice(*by_id["ev1-meridian/attribution/2"]["cue"][0])] == "said"


def test_codebook_resolves_every_gold_actor(gold, codebook):
    n = 0
    for g in gold:
        if g["feature"] == "attribution" and g["actor"]:
            name = g["source_resolved"] or " ".join(g["source_text"])
            assert codebook.resolve(name) == g["actor"], g["id"]
            n += 1
        elif g["feature"] == "agency" and g["actor"]:
            agent = g["agent_resolved"] or " ".join(g["agent_text"])
            got = codebook.resolve(agent) or codebook.resolve(" ".join(g["cause_text"]))
            assert got == g["actor"], g["id"]
            n += 1
        elif g["feature"] == "denial":
            names = [g["denier_resolved"]] if g["denier_resolved"] else g["denier_text"]
            resolved = [a for t in names for a in codebook.resolve_all(t)]
            assert g["actors"] == list(dict.fromkeys(resolved)), g["id"]
            assert set(g["accusers"]) <= set(codebook.actors), g["id"]
            n += 1
    assert n > 250
    sides = {codebook.side(a) for a in codebook.actors}
    assert sides == {"valdoria", "ostrea", "neutral"}


def test_readme_counts_are_the_gold_counts(gold, outlet_of):
    readme = (DEMO / "README.md").read_text("utf-8")
    block = readme.split("<!-- counts:begin -->")[1].split("<!-- counts:end -->")[0]
    tables: dict[str, dict[str, list[int]]] = {}
    for line in block.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and "." in cells[0]:
            current = tables.setdefault(cells[0], {})
            header = cells[1:]
        elif line.startswith("| "):
            current[cells[0]] = [int(c) for c in cells[1:]]
    assert header == sorted(OUTLETS) + ["total"]
    assert len(tables) == 6
    for name, rows in tables.items():
        feature, key = name.split(".")
        got: dict[str, Counter] = {}
        for g in gold:
            if g["feature"] == feature:
                got.setdefault(g[key] or "none", Counter())[outlet_of[g["doc_id"]]] += 1
        assert set(rows) == set(got), name
        for value, counts in rows.items():
            expected = [got[value][o] for o in sorted(OUTLETS)]
            assert counts == expected + [sum(expected)], (name, value)
    assert f"gold instances: {len(gold)}" in block


def test_every_class_occurs(gold):
    for (feature, key), allowed in CLASSES.items():
        seen = {g[key] for g in gold if g["feature"] == feature}
        needed = allowed - {None, "endorsing", "concessive", "cognition"}
        assert needed <= seen, (feature, key, needed - seen)


def test_every_quotation_is_inside_an_attribution(articles, gold):
    for d, a in articles.items():
        for seg in ("title", "body"):
            text = _segment_text(a, seg)
            content = [s for g in gold if g["doc_id"] == d and g["segment"] == seg
                       and g["feature"] == "attribution" for s in g["content"]]
            for q in find_quotes(text):
                s, e = q.inner
                assert q.balanced, (d, text[q.start:q.end])
                assert any(cs < e and s < ce for cs, ce in content), (d, text[q.start:q.end])


#: Harm words the gold deliberately leaves out (docs/gold-format.md, 2.2), by context.
HARM_EXCLUSIONS = {
    ("ev1-courier", "two missiles were fired within"),    # no target
    ("ev2-courier", "had been firing from a car park"),   # no target
    ("ev2-dispatch", "who had fired the missile"),        # no target
    ("ev3-meridian", "Iron Ridge firing positions"),      # modifier, not an event
    ("ev5-meridian", "The strike came hours after"),      # attack noun without target
    ("ev6-meridian", "rockets had been fired by Ostrean"),  # no target
    ("ev6-sentinel", "rockets had been fired from Ostrean"),  # no target
    ("ev6-dispatch", "any role in the rocket fire"),      # attack noun without target
}
HARM_WORDS = re.compile(r"\b(?:kill\w*|die[sd]?|dead\w*|deaths?|wound\w*|injur\w*|hurt|"
                        r"casualt\w*|fled|flee\w*|displac\w*|struck|strik\w*|hit|shell\w*|"
                        r"bomb\w*|attack\w*|fir(?:e|ed|es|ing))\b", re.IGNORECASE)


def test_every_harm_word_is_annotated_or_a_documented_exclusion(articles, gold):
    used = set()
    for d, a in articles.items():
        for seg in ("title", "body"):
            text = _segment_text(a, seg)
            spans = [s for g in gold if g["doc_id"] == d and g["segment"] == seg
                     and g["feature"] == "agency"
                     for f in ("trigger", "cause", "victim", "agent") for s in g[f]]
            for m in HARM_WORDS.finditer(text):
                if any(s <= m.start() < e for s, e in spans):
                    continue
                hit = [x for x in HARM_EXCLUSIONS if x[0] == d and x[1] in
                       text[max(0, m.start() - 40):m.end() + 40]]
                assert hit, (d, seg, text[max(0, m.start() - 40):m.end() + 20])
                used.update(hit)
    assert used == HARM_EXCLUSIONS


def test_look_alikes_are_not_denials(articles, gold):
    look_alikes = [("ev5-meridian", "rejected the government's budget plan"),
                   ("ev5-courier", "rejected the government's budget plan"),
                   ("ev4-dispatch", "rejected a proposal"),
                   ("ev1-sentinel", "deny the governing party a majority"),
                   ("ev5-sentinel", "deny him a majority"),
                   ("ev5-dispatch", "deny the government a majority"),
                   ("ev3-dispatch", "dismissed Valdoria's offer"),
                   ("ev6-dispatch", "rejected an opposition motion")]
    for d, phrase in look_alikes:
        s = articles[d]["text"].index(phrase)
        e = s + len(phrase.split()[0])
        cues = [c for g in gold if g["doc_id"] == d and g["feature"] == "denial"
                and g["segment"] == "body" for c in g["cue"]]
        assert not any(cs < e and s < ce for cs, ce in cues), (d, phrase)


# --------------------------------------------------------------------------- outlets


def _share(rows: list[dict], key: str, value: str) -> float:
    return sum(r[key] == value for r in rows) / len(rows)


def test_outlets_differ_as_documented(gold, outlet_of, codebook):
    def rows(outlet, feature):
        return [g for g in gold if g["feature"] == feature and outlet_of[g["doc_id"]] == outlet]

    att = {o: [g for g in rows(o, "attribution") if g["cue"]] for o in OUTLETS}
    agn = {o: rows(o, "agency") for o in OUTLETS}
    den = {o: rows(o, "denial") for o in OUTLETS}
    # meridian: neutral verbs, active agents
    assert not any(g["verb_class"] == "distancing" for g in att["meridian"])
    assert _share(agn["meridian"], "agency", "active_agent") > 0.5
    assert max(OUTLETS, key=lambda o: _share(agn[o], "agency", "active_agent")) == "meridian"
    # courier: distancing verbs, agentless passives
    assert _share(att["courier"], "verb_class", "distancing") > 0.75
    assert all(_share(att[o], "verb_class", "distancing") == 0 for o in OUTLETS
               if o != "courier")
    assert _share(agn["courier"], "agency", "agentless_passive") > 0.6
    assert Counter(g["agency"] for g in agn["courier"]).most_common(1)[0][0] == \
        "agentless_passive"
    # sentinel: deaths as died / deaths / the death toll; Valdorian sources only
    deaths = [g for g in agn["sentinel"] if g["harm"] == "death"]
    assert deaths and all(g["agency"] in ("intransitive", "nominal") for g in deaths)
    for g in rows("sentinel", "attribution"):
        assert codebook.side(g["actor"]) == "valdoria", g["id"]
    counter = [g for g in den["sentinel"] if g["kind"] == "counter_accusation"]
    assert len(counter) > len(den["sentinel"]) / 2
    assert not any(g["accusation_in_article"] for g in counter)
    # dispatch: denials and non-responses
    assert len(den["dispatch"]) > sum(len(v) for v in den.values()) / 2
    assert {o for o in OUTLETS if any(g["kind"] == "no_comment" for g in den[o])} == \
        {"dispatch"}
    assert any(not g["accusation_in_article"] for g in den["dispatch"])
