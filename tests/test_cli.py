"""The `mbt` command line: exit codes, JSON shapes, errors that name file/line/field."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"
SEED = ROOT.parent / "shared" / "seeds" / "000_477a7e3c0f523f6d.txt"


def test_setup_check_reports_present_resources(capsys):
    assert main(["setup", "--check"]) == 0
    out = capsys.readouterr().out
    assert "present  punkt_tab" in out and "all NLTK resources present" in out


def test_info_json_has_articles_outlets_events(capsys):
    assert main(["info", str(DEMO), "--format", "json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["articles"] >= 20
    assert isinstance(info["outlets"], dict) and len(info["outlets"]) >= 4
    assert sum(info["outlets"].values()) == info["articles"]
    assert len(info["events"]) >= 5


def test_validate_demo_is_clean(capsys):
    assert main(["validate", str(DEMO)]) == 0
    assert "0 problem(s)" in capsys.readouterr().out


def test_validate_names_file_line_and_field(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    good = {"doc_id": "a", "outlet": "x", "published": "2020-01-01", "title": "t", "text": "ok"}
    bad.write_text(json.dumps(good) + "\n"
                   + json.dumps({**good, "doc_id": "b", "published": "yesterday"}) + "\n")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:2:" in out and "published" in out


def test_convert_writes_a_loadable_corpus(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"doc_id": "a", "outlet": "x", "published": "2020-01-01",
                               "title": "t", "text": "Some text."}) + "\n")
    dest = tmp_path / "corpus"
    assert main(["convert", str(src), str(dest)]) == 0
    assert (dest / "articles.jsonl").exists() and (dest / "corpus.yml").exists()
    assert main(["validate", str(dest)]) == 0


def test_missing_source_is_a_clear_error(tmp_path, capsys):
    code = main(["info", str(tmp_path / "nope.jsonl")])
    assert code != 0
    captured = capsys.readouterr()
    assert "nope.jsonl" in captured.out + captured.err


def test_python_dash_m_entry_point():
    out = subprocess.run([sys.executable, "-m", "toolkit", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.startswith("mbt ")


@pytest.mark.parametrize("feature", ["attribution", "agency", "denials", "passive"])
def test_extract_txt_offsets_index_the_file_as_read(feature, tmp_path, capsys):
    pytest.importorskip(f"toolkit.features.{feature}")
    if not SEED.exists():
        pytest.skip("seed article not available")
    raw = SEED.read_bytes().decode("utf-8")
    assert main(["extract", feature, str(SEED)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["doc"] == str(SEED) for r in rows)
    for r in rows:
        for key, val in r.items():
            if isinstance(val, list) and val and isinstance(val[0], list):
                for s, e in val:
                    assert raw[s:e].strip(), (key, s, e)


def _kinds(out: str) -> dict:
    return {r["source_text"]: r["source_kind"] for r in map(json.loads, out.splitlines())}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_takes_a_studys_source_kinds_file(jobs, tmp_path, capsys):
    import toolkit.lexicons

    text = tmp_path / "a.txt"
    text.write_text("Tamarod said the town fell.", encoding="utf-8")
    assert main(["extract", "attribution", str(text)]) == 0
    assert _kinds(capsys.readouterr().out) == {"Tamarod": "person"}
    own = tmp_path / "kinds.csv"
    packaged = Path(toolkit.lexicons.__file__).parent / "source_kind_words.csv"
    own.write_text(packaged.read_text(encoding="utf-8") + "tamarod,institution\n",
                   encoding="utf-8")
    assert main(["extract", "attribution", str(text), "--source-kinds", str(own),
                 "--jobs", jobs]) == 0
    assert _kinds(capsys.readouterr().out) == {"Tamarod": "institution"}


def test_extract_lexicon_options_fail_clearly(tmp_path, capsys):
    text = tmp_path / "a.txt"
    text.write_text("Hamas said the town fell.", encoding="utf-8")
    bad = tmp_path / "kinds.csv"
    bad.write_text("word,list\nhamas,institution\nfatah,party\n", encoding="utf-8")
    assert main(["extract", "attribution", str(text), "--source-kinds", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "kinds.csv:3" in err and "party" in err          # file, line, value
    assert main(["extract", "passive", str(text), "--lexicon", str(bad)]) == 2
    assert "applies to attribution and denials" in capsys.readouterr().err
    assert main(["extract", "denials", str(text), "--lexicon", str(tmp_path / "no.csv")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_extract_with_a_studys_cue_lexicon(tmp_path, capsys):
    text = tmp_path / "a.txt"
    text.write_text("Rebels said the town fell. Officials grumbled that it was lost.",
                    encoding="utf-8")
    lex = tmp_path / "verbs.csv"
    lex.write_text("lemma,class,multiword,note,source\ngrumble,distancing,no,,study\n",
                   encoding="utf-8")
    assert main(["extract", "attribution", str(text), "--lexicon", str(lex)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["cue_text"], r["verb_class"]) for r in rows] == [("grumbled", "distancing")]
