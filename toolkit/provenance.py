"""The provenance dict written next to every figure (and into ``fig.layout.meta``).

A figure is citable only if a reader can tell what produced it: which toolkit
version and commit, which corpus (by checksum, not by name alone), which
versions of the lexicons and codebook, which notebook and parameters. This
module gathers that, and nothing time-dependent: no timestamps, no host names,
no absolute paths beyond what the caller passes, so the JSON is byte-identical
when the same inputs are re-run (timestamps and durations go to the batch
``manifest.json`` only).

Keys: ``toolkit_version``, ``git_commit`` (None outside a git checkout),
``corpus`` ({name, checksum}), ``corpus_checksum`` (the same checksum, flat, for
grepping), ``lexicons`` ({name: {version, sha256}} for the packaged lexicons that
exist), ``codebook`` ({version, sha256} or None), ``notebook``, ``parameters``,
``figure``; :func:`toolkit.figures.export` adds ``data_sha256`` (of the CSV).

Examples
--------
>>> p = provenance(corpus={"name": "demo", "checksum": "ab12"}, notebook="00_overview",
...                parameters={"seed": 0}, git=False)
>>> p["corpus"], p["corpus_checksum"], p["parameters"], p["git_commit"]
({'name': 'demo', 'checksum': 'ab12'}, 'ab12', {'seed': 0}, None)
>>> "reporting_verbs" in p["lexicons"]
True
"""
from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import __version__

#: Lexicons whose version enters provenance (absent ones are left out).
LEXICONS: tuple[str, ...] = ("reporting_verbs", "harm_triggers", "victims", "denial_cues",
                             "stative_participles", "cue_model", "attitude_cues",
                             "physical_verbs", "extra_cue_classes", "source_kind_words")
_REPO = Path(__file__).resolve().parents[1]


def git_commit(repo: str | Path = _REPO) -> str | None:
    """The HEAD commit of the checkout holding the toolkit, or None (no git, not a repo)."""
    try:
        out = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True,
                             text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    commit = out.stdout.strip()
    return commit if out.returncode == 0 and len(commit) == 40 else None


def lexicon_versions(names: tuple[str, ...] = LEXICONS) -> dict[str, dict]:
    """``{name: {"version", "sha256"}}`` for each packaged lexicon that loads."""
    from .lexicons import load_lexicon

    from .lexicons import packaged_data_file

    out = {}
    for name in names:
        try:
            lex = load_lexicon(name)
            out[name] = {"version": lex.version, "sha256": lex.sha256}
        except FileNotFoundError:  # not a CSV lexicon: a packaged data file (cue model)
            info = packaged_data_file(name)
            if info:
                out[name] = info
        except Exception:  # noqa: BLE001 -- a lexicon that does not load is not reported
            continue
    return out


def file_checksum(path: str | Path) -> str:
    """SHA-256 of a corpus on disk: the file's bytes, or a folder's data files.

    For a corpus folder the checksum covers ``corpus.yml`` and ``articles.jsonl``
    (name and length-prefixed bytes, in that order), the two files that define it.
    """
    p = Path(path)
    h = hashlib.sha256()
    if p.is_dir():
        for name in ("corpus.yml", "articles.jsonl"):
            f = p / name
            if f.exists():
                data = f.read_bytes()
                h.update(f"{name}\0{len(data)}\0".encode())
                h.update(data)
        return h.hexdigest()
    h.update(p.read_bytes())
    return h.hexdigest()


def corpus_info(corpus: Any = None, path: str | Path | None = None) -> dict:
    """``{"name", "checksum"}`` from a Corpus object (``.name``, ``.checksum``) or a path."""
    name = getattr(corpus, "name", None)
    checksum = getattr(corpus, "checksum", None)
    if callable(checksum):
        checksum = checksum()
    if isinstance(corpus, Mapping):
        name, checksum = corpus.get("name"), corpus.get("checksum")
    if path is not None:
        p = Path(path)
        name = name or (p.name.split(".")[0] if p.is_file() else p.name)
        if checksum is None and p.exists():
            checksum = file_checksum(p)
    return {"name": name, "checksum": checksum}


def provenance(*, corpus: Any = None, corpus_path: str | Path | None = None,
               codebook: Any = None, notebook: str = "", parameters: Mapping | None = None,
               figure: str = "", git: bool = True) -> dict:
    """The provenance dict of one figure (see the module docstring for the keys).

    Parameters
    ----------
    corpus : Corpus, dict or None
        Anything with ``name`` and ``checksum`` (a :class:`toolkit.corpus.Corpus`).
    corpus_path : path, optional
        Used to name and checksum the corpus when ``corpus`` does not.
    codebook : :class:`toolkit.actors.Codebook` or None
    notebook, figure : str
    parameters : mapping
        The notebook's parameters (JSON-able values).
    git : bool
        Look up the git commit (False in doctests and for speed).
    """
    info = corpus_info(corpus, corpus_path)
    cb = None
    if codebook is not None and getattr(codebook, "sha256", ""):
        cb = {"version": getattr(codebook, "version", ""), "sha256": codebook.sha256}
    return {
        "toolkit_version": __version__,
        "git_commit": git_commit() if git else None,
        "corpus": info,
        "corpus_checksum": info["checksum"],
        "lexicons": lexicon_versions(),
        "codebook": cb,
        "notebook": notebook,
        "parameters": _portable(parameters),
        "figure": figure,
    }


def _portable(parameters: Mapping | None) -> dict:
    """Parameters with a ``corpus_path`` inside the checkout made relative to it.

    The corpus itself is identified by name and checksum; an absolute path would
    make the provenance of the same figure differ between two checkouts.
    """
    params = dict(parameters or {})
    path = params.get("corpus_path")
    if isinstance(path, str) and Path(path).is_absolute():
        root = Path(__file__).resolve().parents[1]
        try:
            params["corpus_path"] = Path(path).resolve().relative_to(root).as_posix()
        except ValueError:
            pass
    return params
