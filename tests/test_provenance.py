"""Provenance: keys, checksums, lexicon versions, and no time-dependent content."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from toolkit import __version__
from toolkit import provenance as prov
from toolkit.actors import load_codebook
from toolkit.lexicons import load_lexicon

DEMO = Path(__file__).resolve().parents[1] / "corpora" / "demo"
KEYS = {"toolkit_version", "git_commit", "corpus", "corpus_checksum", "lexicons", "codebook",
        "notebook", "parameters", "figure"}


def test_keys_and_values_from_a_mapping_corpus():
    p = prov.provenance(corpus={"name": "demo", "checksum": "c0ffee"}, notebook="30_denials",
                        parameters={"seed": 3, "outlets": ["a"]}, figure="30_denials__paired",
                        git=False)
    assert set(p) == KEYS
    assert p["toolkit_version"] == __version__
    assert p["corpus"] == {"name": "demo", "checksum": "c0ffee"}
    assert p["corpus_checksum"] == "c0ffee"
    assert p["parameters"] == {"seed": 3, "outlets": ["a"]}
    assert p["notebook"] == "30_denials" and p["figure"] == "30_denials__paired"
    assert p["codebook"] is None


def test_lexicon_versions_match_the_loader_and_absent_ones_are_left_out():
    lex = prov.lexicon_versions(("reporting_verbs", "no_such_lexicon"))
    rv = load_lexicon("reporting_verbs")
    assert lex == {"reporting_verbs": {"version": rv.version, "sha256": rv.sha256}}
    assert re.fullmatch(r"[0-9a-f]{64}", rv.sha256)


def test_same_inputs_give_byte_identical_json_without_timestamps():
    a = json.dumps(prov.provenance(corpus={"name": "x", "checksum": "1"}), sort_keys=True)
    b = json.dumps(prov.provenance(corpus={"name": "x", "checksum": "1"}), sort_keys=True)
    assert a == b
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", a)  # no ISO timestamps


def test_git_commit_is_a_sha_or_none(tmp_path):
    c = prov.git_commit()
    assert c is None or re.fullmatch(r"[0-9a-f]{40}", c)
    assert prov.git_commit(tmp_path) is None  # not a repository


def test_file_checksum_of_a_file_and_of_a_folder(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_bytes(b'{"x": 1}\n')
    assert prov.file_checksum(f) == hashlib.sha256(b'{"x": 1}\n').hexdigest()
    d = tmp_path / "c"
    d.mkdir()
    (d / "articles.jsonl").write_bytes(b"A")
    before = prov.file_checksum(d)
    (d / "corpus.yml").write_bytes(b"name: c\n")
    assert prov.file_checksum(d) != before  # corpus.yml is part of the corpus
    assert prov.corpus_info(path=f) == {"name": "a", "checksum": prov.file_checksum(f)}


@pytest.mark.skipif(not (DEMO / "articles.jsonl").exists(), reason="demo corpus not built")
def test_demo_corpus_and_codebook_checksums():
    from toolkit.corpus import checksum, load_corpus

    corpus = load_corpus(DEMO)
    cb = load_codebook(DEMO / "actors.yml")
    p = prov.provenance(corpus=corpus, codebook=cb, git=False)
    assert p["corpus"] == {"name": "demo", "checksum": checksum(DEMO)}
    assert p["codebook"]["sha256"] == hashlib.sha256(
        (DEMO / "actors.yml").read_bytes()).hexdigest()


def test_corpus_path_inside_the_checkout_is_recorded_relative():
    import os

    from toolkit.provenance import provenance

    p = provenance(corpus_path="corpora/demo", notebook="n",
                   parameters={"corpus_path": os.path.abspath("corpora/demo"), "seed": 0},
                   git=False)
    assert p["parameters"] == {"corpus_path": "corpora/demo", "seed": 0}
