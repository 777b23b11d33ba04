"""The ``mbt`` command line: thin wrappers over the library's modules.

Every subcommand is a pair ``add_arguments(parser)`` + ``run(args) -> int``,
either here or in the module named in :data:`COMMANDS`. Errors the toolkit
raises on purpose (:class:`~toolkit.errors.ToolkitError`) are printed as one
line naming file/record/field, with exit status 2; nothing prints a traceback
for bad input.
"""
from __future__ import annotations

import argparse
import csv
import importlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import __version__
from .errors import ToolkitError

#: subcommand -> (module, help). The module provides add_arguments/run.
COMMANDS: dict[str, tuple[str, str]] = {
    "setup": ("toolkit.cli", "check NLTK data and download what is missing"),
    "validate": ("toolkit.cli", "validate a corpus and list every problem"),
    "info": ("toolkit.cli", "summarise a corpus: counts by outlet, event, date"),
    "convert": ("toolkit.cli", "write a corpus folder from CSV, JSONL or scraped .txt"),
    "extract": ("toolkit.cli", "run one extractor and print one JSON object per instance"),
    "eval": ("toolkit.cli", "score an extractor against gold annotations"),
    "actors": ("toolkit.actors", "codebook tools: list unresolved sources/agents/deniers"),
    "cache": ("toolkit.featurecache", "show or clear the on-disk document and feature cache"),
    "batch": ("toolkit.batch", "run notebooks over parameter sets into a run folder"),
    "demo": ("toolkit.demo", "run every notebook on the demo corpus; print index.html"),
    "events": ("toolkit.events", "propose events from the text and list wire copies"),
}


# --------------------------------------------------------------------------- setup


def setup_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--check", action="store_true", help="only report, download nothing")
    p.add_argument("--dir", help="download into this folder (default: first NLTK_DATA entry)")


def setup_run(args) -> int:
    import nltk

    from .text import REQUIRED_RESOURCES, resource_status

    status = resource_status()
    nltk_data = os.environ.get("NLTK_DATA")
    print(f"NLTK {nltk.__version__}; NLTK_DATA={nltk_data or '(not set)'}")
    for _, name in REQUIRED_RESOURCES:
        print(f"  {'present' if status[name] else 'MISSING'}  {name}")
    missing = [n for n, ok in status.items() if not ok]
    if not missing:
        print("all NLTK resources present")
        return 0
    if args.check:
        return 1
    target = args.dir or (nltk_data.split(os.pathsep)[0] if nltk_data else None)
    failed = []
    for name in missing:
        ok = nltk.download(name, download_dir=target, quiet=True, raise_on_error=False)
        if not ok:
            failed.append(name)
    if failed:
        print(f"could not download: {', '.join(failed)} (no network?). Point NLTK_DATA at a "
              "folder that holds them.", file=sys.stderr)
        return 1
    print("downloaded: " + ", ".join(missing))
    return 0


# --------------------------------------------------------------------------- corpus


def validate_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", help="corpus folder, .jsonl(.gz), .csv, BASIL folder or .txt folder")


def validate_run(args) -> int:
    from .corpus import validate

    problems = validate(args.source)
    for prob in problems:
        print(str(prob))
    print(f"{len(problems)} problem(s) in {args.source}")
    return 1 if problems else 0


def info_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("source")
    p.add_argument("--format", choices=["text", "json"], default="text")


def info_run(args) -> int:
    from .corpus import summarize

    s = summarize(args.source)
    failed = 1 if not s.get("articles") and s.get("problems") else 0
    if args.format == "json":
        print(json.dumps(s, indent=2, sort_keys=True, default=str))
        return failed
    print(f"corpus: {s.get('name')}  articles: {s.get('articles')}")
    for key in ("outlets", "events"):
        print(f"{key}:")
        for name, n in sorted((s.get(key) or {}).items(), key=lambda kv: (-kv[1], str(kv[0]))):
            print(f"  {n:6d}  {name}")
    dates = s.get("dates") or {}
    print(f"dates: {dates.get('min')} .. {dates.get('max')}")
    tokens = s.get("tokens")
    if isinstance(tokens, dict):
        print(f"words: {tokens.get('total')}")
    elif tokens is not None:
        print(f"words: {tokens}")
    problems = s.get("problems") or []
    print(f"problems: {len(problems)}")
    for prob in problems[:20]:
        print(f"  {prob}")
    return failed


def convert_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("source")
    p.add_argument("dest", help="corpus folder to write")
    p.add_argument("--name", help="corpus name (default: DEST's folder name)")


def convert_run(args) -> int:
    from .corpus import convert

    convert(args.source, args.dest, name=args.name)
    print(f"wrote {args.dest}")
    return 0


# --------------------------------------------------------------------------- extract


def _docs_from_paths(paths: Iterable[str], *, with_title: bool = True
                     ) -> Iterator[tuple[str, object]]:
    """Yield ``(doc label, ProcessedDoc)``: plain .txt files as-is, anything else as a corpus.

    A ``.txt`` file is plain text: offsets index its decoded text exactly as
    read (no stripping). Everything else goes through the corpus loaders.
    """
    from .text import process_article, process_cached

    for path in paths:
        p = Path(path)
        if p.is_file() and p.suffix.lower() == ".txt":
            try:
                text = p.read_bytes().decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ToolkitError(f"{p}: not UTF-8 (byte {exc.start}): {exc.reason}") from exc
            yield str(p), process_cached(text, doc_id=str(p))
        else:
            from .corpus import iter_articles

            for art in iter_articles(str(p)):
                yield art.doc_id, process_article(art, with_title=with_title)


def _codebook_for(args):
    from .actors import load_codebook

    if getattr(args, "actors", None):
        return load_codebook(args.actors)
    from .corpus.folder import codebook_path, read_meta

    for path in args.paths:
        if Path(path).is_dir():
            found = codebook_path(path, read_meta(path))
            if found:
                return load_codebook(found)
    return load_codebook(None)


def extract_arguments(p: argparse.ArgumentParser) -> None:
    from .features import REGISTRY

    p.add_argument("feature", choices=sorted(REGISTRY))
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt files or corpora")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p.add_argument("--out", help="write here instead of standard output")
    p.add_argument("--actors", help="actors codebook (default: the corpus's actors.yml)")
    p.add_argument("--lexicon", metavar="CSV",
                   help="a study's own cue lexicon in place of the packaged one: "
                        "reporting_verbs.csv columns for attribution (the cue model is "
                        "then off, the rules alone decide), denial_cues.csv columns for "
                        "denials")
    p.add_argument("--source-kinds", metavar="CSV",
                   help="attribution: a study's own source_kind_words.csv (word,list rows, "
                        "e.g. a local militia's name as an institution)")
    from .engine import add_engine_arguments

    add_engine_arguments(p)  # --engine local|dask, --jobs K, --scheduler ADDRESS


def _cell(v):
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict, tuple)) else v


def write_extracted(results, out_path: str | None, fmt: str) -> int:
    """Write ``(label, rows, error)`` triples as JSONL or CSV; return the failure count.

    Rows keep their order; a document that failed is reported on standard error
    and skipped. ``out_path`` is written atomically (standard output when None).
    """
    failures = 0

    def write(out):
        nonlocal failures
        writer = None
        for _label, rows, err in results:
            if err is not None:
                failures += 1
                print(f"error: {err}", file=sys.stderr)
                continue
            for row in rows:
                if fmt == "jsonl":
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                else:
                    if writer is None:
                        writer = csv.DictWriter(out, fieldnames=list(row), lineterminator="\n")
                        writer.writeheader()
                    writer.writerow({k: _cell(v) for k, v in row.items()})

    if out_path:
        from .safeio import atomic_path

        with atomic_path(out_path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
            write(fh)
    else:
        write(sys.stdout)
    return failures


#: ``mbt extract`` options that replace a packaged data file:
#: option -> {feature: json_rows keyword}.
_EXTRACT_FILES = {"lexicon": {"attribution": "lexicon", "denials": "lexicon"},
                  "source_kinds": {"attribution": "source_kinds"}}


def _check_data_file(feature: str, option: str, path: str) -> None:
    """Read a study's data file the way its extractor will, so that a bad row is an
    error naming the file and line before any document is processed."""
    if option == "source_kinds":
        from .features.source_kinds import word_lists

        word_lists(path)
    elif feature == "attribution":
        from .features.cues import _index

        _index(path)
    else:
        from .features.denials import _compile, _lexicon

        _compile(_lexicon(path))


def extract_options(args) -> dict:
    """The ``json_rows`` keywords of ``--lexicon`` / ``--source-kinds`` (file paths).

    >>> import argparse
    >>> extract_options(argparse.Namespace(feature="passive", lexicon=None))
    {}
    """
    out = {}
    for option, by_feature in _EXTRACT_FILES.items():
        path = getattr(args, option, None)
        if not path:
            continue
        flag = "--" + option.replace("_", "-")
        if args.feature not in by_feature:
            raise ToolkitError(f"{flag} applies to {' and '.join(by_feature)}, "
                               f"not to {args.feature}")
        if not Path(path).is_file():
            raise ToolkitError(f"{flag} {path}: no such file")
        _check_data_file(args.feature, option, path)
        out[by_feature[args.feature]] = str(path)
    return out


def extract_run(args) -> int:
    from . import features
    from .errors import DocumentError

    if getattr(args, "engine", "local") == "dask" or getattr(args, "jobs", 1) > 1:
        from .engine import extract_run as engine_extract_run

        return engine_extract_run(args)
    mod = features.get(args.feature)
    codebook = _codebook_for(args)
    options = extract_options(args)

    def results():
        for label, doc in _docs_from_paths(args.paths, with_title=False):
            try:
                rows = [{"doc": label, **r}
                        for r in mod.json_rows(doc, codebook=codebook, **options)]
                yield label, rows, None
            except DocumentError as exc:
                yield label, [], exc

    return 1 if write_extracted(results(), args.out, args.format) else 0


def eval_arguments(p: argparse.ArgumentParser) -> None:
    from .evaluate import SCORERS, get

    sub = p.add_subparsers(dest="scorer", required=True, metavar="FEATURE")
    for name in SCORERS:
        try:
            mod = get(name)
        except Exception as exc:  # noqa: BLE001 -- a scorer that cannot load must not break the CLI
            sp = sub.add_parser(name, help=f"(unavailable: {exc})")
            sp.set_defaults(_scorer=None, _unavailable=str(exc))
            continue
        sp = sub.add_parser(name, help=(mod.__doc__ or "").strip().split("\n")[0])
        mod.add_arguments(sp)
        sp.set_defaults(_scorer=mod)


def eval_run(args) -> int:
    if args._scorer is None:
        raise ToolkitError(f"scorer {args.scorer!r} unavailable: {args._unavailable}")
    return args._scorer.run(args)


# --------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mbt", description="media-bias-toolkit: compare how outlets frame the same events")
    parser.add_argument("--version", action="version", version=f"mbt {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    here = sys.modules[__name__]
    for name, (module, help_) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_, description=help_)
        if module == __name__:
            getattr(here, f"{name}_arguments")(sp)
            sp.set_defaults(_run=getattr(here, f"{name}_run"))
        else:
            mod = importlib.import_module(module)
            mod.add_arguments(sp)
            sp.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except ToolkitError as exc:
        print(f"mbt {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except FileNotFoundError as exc:
        print(f"mbt {args.command}: error: {exc.filename}: no such file or folder",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
