"""Throughput, memory and scaling of the whole pipeline (figures for docs/performance.md).

Generates a synthetic corpus (``toolkit.generate``) and runs each measurement in
its own Python process, so every peak-memory figure (``ru_maxrss``) is that
measurement's alone. Models are loaded before timing except where a row says
"wall" (a whole command, start-up included). Prints one table; ``--json`` also
writes the raw figures.

    python benchmarks/bench_scale.py                 # 1,000 articles: all rows
    python benchmarks/bench_scale.py --n 1000 --scale 10000   # + scaling rows at 10k
    python benchmarks/bench_scale.py --hostile       # + one 10 MB document, end to end

Rows
----
bare NLTK            ``nltk.pos_tag(nltk.word_tokenize(text))`` per article (the baseline)
text pipeline        ``toolkit.text.process`` (paragraphs, Punkt, offsets tokenizer, tagger)
<feature>            that extractor alone on already processed documents
pipeline.run         tag once + every extractor, tables in memory (one process)
pipeline.run jobs=2  the same over a 2-process pool
dask 2 workers       ``engine.run_dask`` on a 2-process LocalCluster, Parquet out
mbt extract all      the command (wall, start-up included), streaming JSONL to a file
cache: re-run        ``pipeline.run(feature_cache=...)`` again on the same corpus
cache: +10 articles  the same after appending 10 new articles
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "--root" in sys.argv:   # measure another checkout of the toolkit (before/after tables)
    ROOT = Path(sys.argv[sys.argv.index("--root") + 1]).resolve()
sys.path.insert(0, str(ROOT))


def _rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds of this process and its waited-for children (user + system).

    Less sensitive than wall time to other jobs on a shared machine; the table
    prints both. Dask workers are not children of this process: its row has
    wall time only.
    """
    me = resource.getrusage(resource.RUSAGE_SELF)
    ch = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + ch.ru_utime + ch.ru_stime


def _articles(path):
    from toolkit.corpus import iter_articles

    return list(iter_articles(path))


def _warm():
    from toolkit import features
    from toolkit.features.all import names
    from toolkit.text import process

    doc = process("Officials said 3 people were killed. Rebels denied it.", doc_id="w",
                  title="3 killed")
    for n in names():
        features.get(n).extract([doc])
    return names()


# --------------------------------------------------------------------------- measurements
# Each returns {"seconds", "articles", "tokens"?} and runs inside a child process.


def m_bare(corpus, **_):
    import nltk

    arts = _articles(corpus)
    nltk.pos_tag(nltk.word_tokenize("Warm up the tagger."))
    t0, c0 = time.perf_counter(), _cpu()
    tokens = 0
    for a in arts:
        tokens += len(nltk.pos_tag(nltk.word_tokenize(a.text)))
    return {"seconds": time.perf_counter() - t0, "cpu": _cpu() - c0, "articles": len(arts),
            "tokens": tokens}


def m_text(corpus, **_):
    from toolkit.text import process

    arts = _articles(corpus)
    _warm()
    t0, c0 = time.perf_counter(), _cpu()
    tokens = 0
    for a in arts:
        tokens += process(a.text, doc_id=a.doc_id, title=a.title).n_tokens
    return {"seconds": time.perf_counter() - t0, "cpu": _cpu() - c0, "articles": len(arts),
            "tokens": tokens}


def m_feature(corpus, feature, **_):
    from toolkit import features
    from toolkit.text import process

    arts = _articles(corpus)
    _warm()
    docs = [process(a.text, doc_id=a.doc_id, title=a.title) for a in arts]
    mod = features.get(feature)
    t0, c0 = time.perf_counter(), _cpu()
    rows = sum(len(mod.extract([d])) for d in docs)
    return {"seconds": time.perf_counter() - t0, "cpu": _cpu() - c0, "articles": len(docs),
            "tokens": sum(d.n_tokens for d in docs), "rows": rows}


def m_run(corpus, jobs=1, **_):
    from toolkit import pipeline

    arts = _articles(corpus)
    feats = _warm()
    t0, c0 = time.perf_counter(), _cpu()
    res = pipeline.run(arts, feats, cache=False, jobs=jobs, chunksize=8)
    return {"seconds": time.perf_counter() - t0, "cpu": _cpu() - c0, "articles": len(arts),
            "rows": {k: len(v) for k, v in res.tables.items()}, "errors": len(res.errors)}


def m_dask(corpus, workers=2, **_):
    from toolkit import engine

    feats = _warm()
    out = Path(tempfile.mkdtemp()) / "out"
    t0 = time.perf_counter()
    man = engine.run_dask([corpus], out, feats, n_workers=workers, processes=True,
                          blocksize=256 << 10)
    return {"seconds": time.perf_counter() - t0, "articles": man["articles"],
            "partitions": man["partitions"], "rows": man["rows"]}


def m_cli(corpus, n=None, **_):
    out = Path(tempfile.mkdtemp()) / "rows.jsonl"
    env = {**os.environ, "MBT_CACHE": "0", "PYTHONPATH": str(ROOT)}
    t0, c0 = time.perf_counter(), _cpu()
    subprocess.run([sys.executable, "-m", "toolkit", "extract", "all", str(corpus),
                    "--out", str(out)], check=True, env=env, cwd=ROOT)
    secs, cpu = time.perf_counter() - t0, _cpu() - c0
    with open(out, encoding="utf-8") as fh:
        rows = sum(1 for _ in fh)
    return {"seconds": secs, "cpu": cpu, "rows": rows, "articles": n,
            "child_rss_mb": _rss_mb(children=True)}


def m_cache(corpus, n, **_):
    from toolkit import pipeline
    from toolkit.generate import write_jsonl

    feats = _warm()
    cache = Path(tempfile.mkdtemp())
    arts = _articles(corpus)
    t0, c0 = time.perf_counter(), _cpu()
    pipeline.run(arts, feats, cache=False, feature_cache=cache)
    cold = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), _cpu()
    again = pipeline.run(arts, feats, cache=False, feature_cache=cache)
    warm, warm_cpu = time.perf_counter() - t0, _cpu() - c0
    more = Path(tempfile.mkdtemp()) / "more.jsonl"
    write_jsonl(more, n + 10)
    arts2 = _articles(more)
    t0 = time.perf_counter()
    plus = pipeline.run(arts2, feats, cache=False, feature_cache=cache)
    plus10 = time.perf_counter() - t0
    size = sum(f.stat().st_size for f in cache.rglob("*") if f.is_file())
    return {"seconds": warm, "cpu": warm_cpu, "cold": cold, "plus10": plus10, "articles": len(arts),
            "tagged_rerun": again.stats["tagged"], "tagged_plus10": plus.stats["tagged"],
            "hits_rerun": again.stats["feature_cache_hits"],
            "cache_mb": size / 1e6}


def m_hostile(corpus, **_):
    from toolkit import features
    from toolkit.text import process

    feats = _warm()
    seed = ROOT.parent / "shared" / "seeds" / "000_477a7e3c0f523f6d.txt"
    base = seed.read_text("utf-8") if seed.exists() else _articles(corpus)[0].text
    big = ((base + "\n\n") * (10_000_000 // (len(base) + 2) + 1))[:10_000_000]
    t0 = time.perf_counter()
    doc = process(big, doc_id="big")
    tag = time.perf_counter() - t0
    per = {}
    for n in feats:
        t1 = time.perf_counter()
        features.get(n).extract([doc])
        per[n] = round(time.perf_counter() - t1, 1)
    return {"seconds": time.perf_counter() - t0, "articles": 1, "tokens": doc.n_tokens,
            "text_seconds": tag, "per_feature_seconds": per}


MEASURES = {"bare": m_bare, "text": m_text, "feature": m_feature, "run": m_run,
            "dask": m_dask, "cli": m_cli, "cache": m_cache, "hostile": m_hostile}


def child(args) -> int:
    os.environ["MBT_CACHE"] = "0"
    load = os.getloadavg()[0]
    res = MEASURES[args.measure](args.corpus, feature=args.feature, jobs=args.jobs,
                                 workers=args.jobs, n=args.n)
    res["load"] = load
    res["rss_mb"] = _rss_mb()
    res["children_rss_mb"] = _rss_mb(children=True)
    print(json.dumps(res))
    return 0


def _spawn(measure, corpus, n, feature="", jobs=1) -> dict:
    cmd = [sys.executable, __file__, "--child", measure, "--corpus", str(corpus), "--n", str(n),
           "--feature", feature, "--jobs", str(jobs), "--root", str(ROOT)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _row(label, r, tokens=None):
    secs = r["seconds"]
    arts = r.get("articles")
    toks = r.get("tokens", tokens)
    cpu = f"{r['cpu']:8.1f} s" if "cpu" in r else f"{'-':>10s}"
    rss = max(r.get("rss_mb", 0), r.get("child_rss_mb", 0), r.get("children_rss_mb", 0))
    return (f"{label:28s} {secs:8.1f} s  {cpu}  {arts / secs if arts else float('nan'):8.1f} "
            f"art/s  {(toks or 0) / secs:9.0f} tok/s  {rss:7.0f} MB  {r.get('load', 0):5.1f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="articles in the main corpus")
    ap.add_argument("--scale", type=int, nargs="*", default=[],
                    help="extra corpus sizes for the scaling rows (bare + mbt extract all)")
    ap.add_argument("--hostile", action="store_true", help="also one 10 MB document")
    ap.add_argument("--skip", nargs="*", default=[], help="measures to skip")
    ap.add_argument("--json", help="write raw figures here")
    ap.add_argument("--root", help="toolkit checkout to measure (default: this one)")
    ap.add_argument("--corpus-file", help="use this corpus instead of generating --n articles")
    ap.add_argument("--child", dest="measure", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--feature", default="", help=argparse.SUPPRESS)
    ap.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        return child(args)

    from toolkit.features.all import names
    from toolkit.generate import write_jsonl

    tmp = Path(tempfile.mkdtemp(prefix="mbt-bench-"))
    corpus = (Path(args.corpus_file) if args.corpus_file
              else write_jsonl(tmp / f"gen{args.n}.jsonl", args.n)[0])
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, python "
          f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    print(f"corpus: {args.n} generated articles ({corpus.stat().st_size / 1e6:.1f} MB)\n")
    print(f"toolkit: {ROOT}")
    print(f"{'':28s} {'wall':>10s}  {'CPU':>10s}  {'speed':>14s}  {'tokens/s':>15s}  "
          f"{'peak RSS':>8s}  {'load':>5s}")
    raw = {}

    def run(key, label, measure, corpus=corpus, n=args.n, **kw):
        if measure in args.skip:
            return None
        r = _spawn(measure, corpus, n, **kw)
        raw[key] = r
        print(_row(label, r, tokens=raw.get("bare", {}).get("tokens")), flush=True)
        return r

    bare = run("bare", "bare NLTK (baseline)", "bare")
    run("text", "text pipeline", "text")
    for f in names():
        run(f"feature:{f}", f"  {f} alone", "feature", feature=f)
    full = run("run", "pipeline.run (1 process)", "run")
    run("run2", "pipeline.run jobs=2", "run", jobs=2)
    run("dask", "dask 2 workers", "dask", jobs=2)
    run("cli", "mbt extract all (wall)", "cli")
    cache = run("cache", "cache: re-run", "cache")
    if cache:
        print(f"{'cache: cold run':28s} {cache['cold']:8.1f} s; +10 articles: "
              f"{cache['plus10']:.1f} s (tagged {cache['tagged_plus10']}); re-run tagged "
              f"{cache['tagged_rerun']} (hits {cache['hits_rerun']}); cache "
              f"{cache['cache_mb']:.1f} MB")
    if bare and full:
        print(f"\nfull pipeline / bare NLTK tagging time: wall {full['seconds'] / bare['seconds']:.2f}x"
              f", CPU {full['cpu'] / bare['cpu']:.2f}x")
    for n in args.scale:
        big = write_jsonl(tmp / f"gen{n}.jsonl", n)[0]
        print(f"\nscaling: {n} articles ({big.stat().st_size / 1e6:.1f} MB)")
        run(f"bare{n}", f"bare NLTK, {n}", "bare", corpus=big, n=n)
        run(f"cli{n}", f"mbt extract all, {n} (wall)", "cli", corpus=big, n=n)
    if args.hostile:
        r = run("hostile", "one 10 MB document", "hostile")
        if r:
            print(f"  text pipeline {r['text_seconds']:.1f} s; extractors {r['per_feature_seconds']}")
    if args.json:
        Path(args.json).write_text(json.dumps(raw, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
