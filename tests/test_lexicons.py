"""Tests for toolkit.lexicons: the versioned CSV loader."""
from __future__ import annotations

import pytest

from toolkit.errors import CorpusError
from toolkit.lexicons import cached_lexicon, derived, load_lexicon


def test_packaged_lexicon_has_version_checksum_and_lines():
    lex = load_lexicon("physical_verbs")
    assert lex.version == "1.0" and len(lex.sha256) == 64
    assert lex.path == "toolkit/lexicons/physical_verbs.csv"
    # line 1 is a comment, line 2 the header: the first row is on line 3
    assert lex.rows[0]["lemma"] == "strike" and lex.line(0) == 3
    assert lex.line(len(lex.rows)) is None


def test_user_file_is_versioned_by_content(tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("lemma,class\nsay,neutral\n", encoding="utf-8")
    a = load_lexicon("reporting_verbs", f)
    assert a.version.startswith("user:") and a.rows == ({"lemma": "say", "class": "neutral"},)
    f.write_text("lemma,class\nsay,distancing\n", encoding="utf-8")
    assert load_lexicon("reporting_verbs", f).version != a.version


def test_wrong_columns_name_the_file_line_counting_comments(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("# a note\nlemma,class\n# another\nsay,neutral\nclaim\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad.csv:5: wrong number of columns"):
        load_lexicon("reporting_verbs", f)


def test_not_utf8_is_a_clear_error(tmp_path):
    f = tmp_path / "latin.csv"
    f.write_bytes("lemma,class\nd\xe9clarer,neutral\n".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"latin.csv: not UTF-8"):
        load_lexicon("reporting_verbs", f)


def test_cached_lexicon_rereads_an_edited_file(tmp_path, monkeypatch):
    import os

    import toolkit.lexicons as L

    monkeypatch.setattr(L, "RECHECK_SECONDS", 0.0)
    f = tmp_path / "mine.csv"
    f.write_text("lemma,class\nsay,neutral\n", encoding="utf-8")
    a = cached_lexicon("reporting_verbs", f)
    assert cached_lexicon("reporting_verbs", f) is a
    f.write_text("lemma,class\nsay,distancing\nclaim,distancing\n", encoding="utf-8")
    st = f.stat()
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    b = cached_lexicon("reporting_verbs", f)
    assert b is not a and [r["class"] for r in b.rows] == ["distancing", "distancing"]


def _classes(lex):
    return {r["lemma"]: r["class"] for r in lex.rows}


def test_derived_tables_follow_the_content(tmp_path):
    f = tmp_path / "mine.csv"
    f.write_text("lemma,class\nsay,neutral\n", encoding="utf-8")
    a = load_lexicon("reporting_verbs", f)
    assert derived(_classes, a) is derived(_classes, load_lexicon("reporting_verbs", f))
    f.write_text("lemma,class\nsay,distancing\n", encoding="utf-8")
    assert derived(_classes, load_lexicon("reporting_verbs", f)) == {"say": "distancing"}


def test_missing_user_lexicon_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        cached_lexicon("reporting_verbs", tmp_path / "nope.csv")


def test_cached_lexicon_checks_the_file_at_most_once_a_second(tmp_path, monkeypatch):
    import toolkit.lexicons as L

    f = tmp_path / "mine.csv"
    f.write_text("lemma,class\nsay,neutral\n", encoding="utf-8")
    a = cached_lexicon("reporting_verbs", f)
    calls = []
    monkeypatch.setattr(L, "file_stamp", lambda *files: calls.append(files) or ())
    assert cached_lexicon("reporting_verbs", f) is a and calls == []
