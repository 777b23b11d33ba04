"""Actors codebook: loading, longest-match resolution, labels, the unresolved report, the CLI."""
from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import cli
from toolkit.actors import Codebook, load_codebook, unresolved, unresolved_report
from toolkit.errors import CorpusError
from toolkit.text import process

ROOT = Path(__file__).resolve().parents[1]
SYRIA = ROOT / "corpora" / "syria" / "actors.yml"
SEED = ROOT.parent / "shared" / "seeds" / "000_477a7e3c0f523f6d.txt"


@pytest.fixture(scope="module")
def syria():
    return Codebook.load(SYRIA)


def test_from_dict_and_resolve():
    cb = Codebook.from_dict({"actors": {"Russia": {"aliases": ["Moscow"], "side": "pro"},
                                        "Turkey": ["Ankara"]}})
    assert cb.resolve_all("Moscow and Ankara") == ["Russia", "Turkey"]
    assert cb.resolve("moscow") == "Russia"          # case-insensitive
    assert cb.resolve("Moscowite") is None           # whole words only
    assert cb.side("Russia") == "pro" and cb.side("Turkey") is None
    assert cb.names == ["Russia", "Turkey"] and len(cb) == 2


def test_longest_match_wins_over_long_patterns():
    cb = Codebook.from_dict({"actors": {
        "Syrian government": {"patterns": [r"\bSyrian (?:government|army|military)\b"]},
        "Experts": ["Syrian military experts"]}})
    assert cb.resolve_all("Syrian military experts say") == ["Experts"]
    assert cb.resolve_all("the Syrian military said") == ["Syrian government"]


def test_bad_codebook_errors_name_the_file(tmp_path):
    p = tmp_path / "actors.yml"
    p.write_text("actors:\n  Russia:\n    patterns: ['(']\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="actors.yml"):
        Codebook.load(p)
    p.write_text("actors: [1, 2]\n", encoding="utf-8")
    with pytest.raises(CorpusError):
        Codebook.load(p)


def test_load_codebook_none_is_empty():
    cb = load_codebook(None)
    assert len(cb) == 0 and cb.resolve("Moscow") is None


def test_table_and_labels(syria):
    t = syria.table()
    assert list(t.columns) == ["actor", "side", "group", "n_matchers"]
    row = t[t["actor"] == "Russia"].iloc[0]
    assert (row["side"], row["group"]) == ("pro-government", "state")
    assert syria.group("Syrian state media") == "media"
    assert syria.label("Rebels", "side") == "opposition"


@pytest.mark.parametrize("text,expected", [
    ("Moscow and Damascus", ["Russia", "Syrian government"]),
    ("the Kremlin", ["Russia"]),
    ("Russian and Syrian jets", ["Russia", "Syrian government"]),
    ("Foreign Minister Sergei Lavrov", ["Russia"]),
    ("Kremlin spokesman Dmitry Peskov", ["Russia"]),
    ("the Interfax news agency", ["Russian media"]),
    ("State media", ["Syrian state media"]),
    ("President Bashar al Assad", ["Syrian government"]),
    ("government forces", ["Syrian government"]),
    ("A senior Turkish security official", ["Turkey"]),
    ("Ankara", ["Turkey"]),
    ("a rebel group, Jaish al-Izza", ["Rebels"]),
    ("the United Nations", ["United Nations"]),
    ("The Syrian Network for Human Rights", ["Rights groups"]),
    ("medics, NGOs and the United Nations", ["Local witnesses", "Rights groups",
                                             "United Nations"]),
    ("residents, rights groups and opposition sources", ["Local witnesses", "Rights groups",
                                                          "Rebels"]),
    ("Rescuers there", ["Local witnesses"]),
    ("Iranian-backed militias", ["Iran-backed militias"]),
    ("Western intelligence sources", ["Western intelligence and experts"]),
    ("Syrian military experts and rebels", ["Independent experts", "Rebels"]),
    ("Russias military", ["Russia"]),              # FA-KES strips apostrophes
    ("jihadist militants", ["Jihadists"]),
])
def test_syria_codebook_resolves_the_seed_actors(syria, text, expected):
    assert syria.resolve_all(text) == expected


def test_actors_of_spans(syria):
    t = "Moscow and Damascus deny it."
    assert syria.actors_of_spans(t, [[0, 6], [11, 19]]) == ["Russia", "Syrian government"]


def test_unresolved_rows():
    out = unresolved([{"text": "the militia", "actor": None, "ex": "a"},
                      {"text": "The  militia", "actor": None},
                      {"text": "Moscow", "actor": "Russia"}], example_key="ex")
    assert out == [{"text": "the militia", "count": 2, "example": "a"}]


def test_unresolved_report_lists_unmapped_deniers():
    cb = Codebook.from_dict({"actors": {"Russia": ["Moscow"]}})
    docs = [process("The militia denied the report. Moscow and the militia denied it. "
                    "It denied everything.", doc_id="d")]
    t = unresolved_report(docs, codebook=cb, features=["denials", "no_such_feature"])
    assert t.to_dict("records") == [
        {"feature": "denials", "text": "The militia", "count": 2, "doc_id": "d",
         "example": "The militia denied the report."}]


def test_cli_actors_unresolved(tmp_path, capsys):
    txt = tmp_path / "a.txt"
    txt.write_text("The village council denied the reports.", encoding="utf-8")
    code = cli.main(["actors", "unresolved", str(txt), "--features", "denials", "--json"])
    assert code == 0
    out = capsys.readouterr().out
    assert '"text": "The village council"' in out and '"count": 1' in out


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present (../shared/seeds)")
def test_seed_deniers_all_resolved(syria):
    doc = process(SEED.read_text(encoding="utf-8"), doc_id="seed")
    t = unresolved_report([doc], codebook=syria, features=["denials"])
    assert len(t) == 0
