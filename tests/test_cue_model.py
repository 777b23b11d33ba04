"""Tests of the cue model (toolkit.features._cue_model) and its trainer
(toolkit.evaluate.train_cue_model): features of model 1.2, head words of gold
cues, the threshold search, and the packaged JSON."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from toolkit.evaluate import train_cue_model as T
from toolkit.features import _cue_model as M
from toolkit.features import attribution as A
from toolkit.features._attribution_grammar import _View
from toolkit.text import process


def candidate_features(text: str) -> dict[str, list[str]]:
    """``{cue text: features}`` of every candidate the extractor scores in ``text``."""
    doc = process(text, doc_id="t")
    got: list = []
    for segment, seg_text, sentences in doc.segments():
        quotes = A._segment_quotes(doc, segment, seg_text)
        A._segment_rows(doc, segment, seg_text, sentences, quotes, None, M.load_model(),
                        got)
    return {" ".join(doc.text[s:e] for s, e in cue): feats for _, cue, feats in got}


# --------------------------------------------------------------------------- features


def test_probability_is_a_logistic_sum_of_weights():
    m = {"weights": {"lem=say": 2.0, "sshape=pron": -0.5}, "bias": -1.0}
    # z = -1 + 2 - 0.5 = 0.5; 1 / (1 + e^-0.5) = 0.6225; a repeated feature counts once
    assert round(M.probability(m, ["lem=say", "sshape=pron", "sshape=pron"]), 4) == 0.6225


@pytest.mark.parametrize("text, source, shape", [
    ("He said the town fell.", "He", "pron"),
    ("Clinton said the town fell.", "Clinton", "proper"),
    ("Officials said the town fell.", "Officials", "common"),
    ("The town fell, officials who saw it said.", "who", "rel"),
    ("The town fell, he said.", None, "none"),
])
def test_source_shape(text, source, shape):
    doc = process(text, doc_id="s")
    v = _View(doc.sentences[0], doc.text)
    if source is None:
        spans = ()
    else:
        a = text.index(source)
        spans = ((a, a + len(source)),)
    assert M._source_shape(v, SimpleNamespace(source=spans)) == shape


def test_source_outside_the_sentence_is_far():
    doc = process("Clinton spoke. Then she said it fell.", doc_id="f")
    v = _View(doc.sentences[1], doc.text)
    assert M._source_shape(v, SimpleNamespace(source=((0, 7),))) == "far"


def test_light_verb_of_the_next_nominal_cue():
    feats = candidate_features("Republicans raised questions about his taxes.")
    assert "light_verb_of_next" in feats["raised"]
    assert "light_verb_of_next" not in feats["questions about"]


def test_infinitive_governed_by_the_previous_cue():
    feats = candidate_features("The campaign sought to portray her as a liar.")
    assert "inf_of_prev=verb" in feats["portray"]
    assert not any(f.startswith("inf_of_prev") for f in feats["sought"])


def test_nested_attribution_gets_no_pair_feature():
    # "acknowledged" in the content clause of "reported" is an attribution of its own
    feats = candidate_features("The Interfax news agency reported that Lavrov "
                               "acknowledged it.")
    assert not any(f.startswith(("inf_of_prev", "light_verb")) for f in feats["acknowledged"])
    rows = [a.cue_text for a in A.iter_attributions(process(
        "The Interfax news agency reported that Lavrov acknowledged it.", doc_id="n"))]
    assert rows == ["reported", "acknowledged"]


def test_soft_gates_are_counted():
    feats = candidate_features("He does not believe the polls.")
    assert "gates=2" in feats["believe"]          # negated mental state + NP object
    assert "gates=0" in candidate_features("He said the polls were wrong.")["said"]


def test_features_are_pure_and_default_without_cues():
    doc = process("Officials said the town fell.", doc_id="p")
    got: list = []
    for segment, text, sentences in doc.segments():
        A._segment_rows(doc, segment, text, sentences, [], None, M.load_model(), got)
    (_, _, feats), = got
    assert candidate_features("Officials said the town fell.")["said"] == feats
    assert "sshape=common" in feats and "lem=say" in feats


# --------------------------------------------------------------------------- trainer


def test_best_threshold_counts_unreached_gold_cues():
    # 3 candidates, 4 gold cues: at t=0.2 all kept, tp 2 fp 1 -> P 2/3, R 2/4
    f1, t, p, r = T.best_threshold([0.9, 0.6, 0.3], [1, 0, 1], n_gold=4)
    assert (round(t, 2), round(p, 4), r) == (0.2, 0.6667, 0.5)
    assert round(f1, 4) == 0.5714
    # with the negative in the middle removed, the best threshold keeps all
    assert T.best_threshold([0.9, 0.3], [1, 1], n_gold=2)[0] == 1.0


def test_end_to_end_threshold_ties_go_to_the_higher_threshold():
    from collections import Counter
    tallies = {0.30: Counter(tp=800, fp=200, fn=200),     # F1 0.8000
               0.33: Counter(tp=790, fp=190, fn=210),     # F1 0.7980
               0.36: Counter(tp=700, fp=100, fn=300)}     # F1 0.7778
    assert T._best_tally(tallies)[1] == 0.30
    assert T._best_tally(tallies, tie=0.003)[1] == 0.33
    assert T._best_tally(tallies, tie=0.0)[1] == 0.30


def test_cue_heads_skip_auxiliaries_and_negators():
    text = "Obama has focused on jobs. She did not like it. Critics said so."
    doc = process(text, doc_id="h")
    cue1 = [[text.index("has"), text.index(" on jobs") + 3]]        # "has focused on"
    cue2 = [[text.index("did"), text.index(" it.")]]               # "did not like"
    cue3 = [[text.index("said"), text.index("said") + 4]]
    heads = T._cue_heads(doc, [cue1, cue2, cue3])
    assert heads == {text.index("focused"), text.index("like"), text.index("said")}


def test_extra_forms_take_heads_not_auxiliaries():
    text = ("Obama has focused on jobs. Clinton has focused on taxes. "
            "Sanders has focused on wages.")
    doc = process(text, doc_id="x")
    gold = [{"cue": [[m, m + len("has focused on")]]}
            for m in (i for i in range(len(text)) if text.startswith("has focused", i))]
    extra = T.extra_forms([({"gold": gold}, doc)], min_count=3, min_ratio=0.1)
    assert extra == {"focused/V": "focus"}


# --------------------------------------------------------------------------- packaged model


def test_packaged_model_1_7():
    m = M.load_model()
    assert m["version"] == T.VERSION == "1.7" and m["trained_on"] == "polnear-train"
    # 1.5: the threshold is the end-to-end one (top-level rows), below the
    # candidate-level best, which counts nested candidates as errors
    assert m["threshold"] <= m["candidate_threshold"]
    assert m["oof_f1"] > m["candidate_oof_f1"]
    assert "fl=reduced_relative" in m["vocabulary"]
    assert len(m["vocabulary"]) == len(m["coef"]) > 1000
    assert 0.0 < m["threshold"] < 1.0
    assert M.MODEL_PATH.stat().st_size < 800_000
    # head words, not auxiliaries, are extra forms
    assert not {"has/V", "had/V", "did/V", "does/V"} & set(m["extra"])
    assert m["extra"]["backed/V"] == "back" and m["extra"]["focused/V"] == "focus"
    # the 1.2 features carry weight
    w = m["weights"]
    assert w["light_verb_of_next"] > 0 and w["inf_of_prev=verb"] < 0
    assert w["gates=2"] < w["gates=0"]
    # 1.3: a weak candidate in the that-clause of an earlier cue is pushed down
    assert w["prevcomp=that"] < -0.5 and w["nprev=2"] < w["nprev=1"] < 0
    assert w["clen=1"] < w["clen=3"]
    # 1.4: extra cues share one class feature, whatever extra_cue_classes.csv says
    assert "cls=extra" in w
    # "sought to portray": the governed infinitive is pushed down by 1.2 and 1.3
    # features together
    portray = candidate_features("The campaign sought to portray her as a liar.")["portray"]
    pair = [f for f in set(portray) if f.startswith(("inf_of", "prev", "nprev"))]
    assert sum(w.get(f, 0.0) for f in pair) < -1.0


# --------------------------------------------------------------------------- 1.3 features


def test_context_features_only_for_weak_candidates():
    feats = candidate_features("The agency reported that Lavrov acknowledged it and it "
                               "reflected a shift.")
    # a lexicon cue with a source is scored on its own, nested or not
    assert not any(f.startswith(("nprev", "prevcomp")) for f in feats["acknowledged"])
    assert not any(f.startswith("nprev") for f in feats["reported"])
    assert "clen=0" not in feats["reported"]


def test_physical_verbs_need_their_particle():
    from toolkit.features.attribution import _physical_verbs

    pv = _physical_verbs()
    assert "back" in pv["fire"] and "for" in pv["push"] and pv["savage"] == frozenset()


# --------------------------------------------------------------------------- 1.4 classes


def test_every_extra_lemma_has_a_class():
    from toolkit.features.attribution import _extra_classes
    from toolkit.features.cues import VERB_CLASSES

    classes = _extra_classes()
    assert set(M.load_model()["extra"].values()) <= set(classes)
    assert set(classes.values()) <= set(VERB_CLASSES)
    assert classes["want"] == "cognition" and classes["back"] == "cognition"
    assert classes["trash"] == "accusatory" and classes["opine"] == "neutral"


def test_extra_cue_takes_its_class():
    got = [(a.cue_lemma, a.verb_class)
           for a in A.iter_attributions(process("They want a new job.", doc_id="x"))]
    assert got == [("want", "cognition")]


def test_extra_class_is_not_a_model_feature():
    feats = candidate_features("They want a new job.")["want"]
    assert "cls=extra" in feats and "cls=cognition" not in feats


def test_bad_extra_class_names_file_and_line():
    from toolkit.errors import CorpusError
    from toolkit.lexicons import Lexicon

    lex = Lexicon("extra_cue_classes", "t", "0" * 64,
                  ({"lemma": "want", "class": "cognition"}, {"lemma": "back", "class": "fan"}),
                  "x.csv", (3, 4))
    with pytest.raises(CorpusError, match=r"x.csv:4: field 'class': class 'fan'"):
        A._extra_class_table(lex)


def test_sourceless_nominal_is_a_soft_gated_candidate():
    # "complaints that ...": a report with no named source; built for the model only
    feats = candidate_features("There were complaints that the plan was underfunded.")
    assert "fl=sourceless_nominal" in feats["complaints"]
    doc = process("There were complaints that the plan was underfunded.", doc_id="t")
    from toolkit.lexicons import load_lexicon

    assert list(A.iter_attributions(doc, lexicon=load_lexicon("reporting_verbs"))) == []
    # a relative "that" is no content clause: no candidate at all
    assert "blast" not in candidate_features("They rejected blame for a blast that killed "
                                             "three people.")
