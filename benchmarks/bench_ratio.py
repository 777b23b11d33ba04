"""The headline ratio: full pipeline time over bare NLTK tagging, measured robustly.

On a shared machine a single timing moves by 2-3x with the load. This script
times both in the *same process*, alternating them for several rounds over the
same articles, and reports the ratio of the fastest round of each (the least
disturbed one) and the ratio per round. Wall and CPU seconds are both printed.

    python benchmarks/bench_ratio.py                 # 1,000 generated articles, 3 rounds
    python benchmarks/bench_ratio.py --n 300 --rounds 5
    python benchmarks/bench_ratio.py --corpus FILE.jsonl --root /path/to/other/checkout

Rows
----
bare NLTK     ``nltk.pos_tag(nltk.word_tokenize(text))`` per article
pipeline.run  ``toolkit.pipeline.run(articles, all four features, cache=False)``:
              text pipeline, every extractor, the tables
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "--root" in sys.argv:
    ROOT = Path(sys.argv[sys.argv.index("--root") + 1]).resolve()
sys.path.insert(0, str(ROOT))


def _timed(fn) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="generated articles")
    ap.add_argument("--corpus", help="use this corpus instead of generating --n articles")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--root", help="toolkit checkout to measure (default: this one)")
    args = ap.parse_args(argv)
    os.environ["MBT_CACHE"] = "0"

    import nltk

    from toolkit import pipeline
    from toolkit.corpus import iter_articles
    from toolkit.features.all import names

    if args.corpus:
        corpus = Path(args.corpus)
    else:
        from toolkit.generate import write_jsonl

        corpus = write_jsonl(Path(tempfile.mkdtemp()) / "gen.jsonl", args.n)[0]
    arts = list(iter_articles(str(corpus)))
    feats = tuple(names())
    nltk.pos_tag(nltk.word_tokenize("Warm up the tagger."))
    pipeline.run(arts[:3], feats, cache=False)   # load every model and lexicon

    def bare():
        for a in arts:
            nltk.pos_tag(nltk.word_tokenize(a.text))

    def full():
        pipeline.run(arts, feats, cache=False)

    print(f"toolkit: {ROOT}; {len(arts)} articles; features {', '.join(feats)}")
    best = {"bare": [float("inf")] * 2, "full": [float("inf")] * 2}
    for r in range(args.rounds):
        load = os.getloadavg()[0]
        b = _timed(bare)
        f = _timed(full)
        for key, t in (("bare", b), ("full", f)):
            best[key] = [min(best[key][0], t[0]), min(best[key][1], t[1])]
        print(f"round {r + 1}: load {load:4.1f}  bare {b[0]:6.2f} s wall {b[1]:6.2f} s CPU  "
              f"pipeline.run {f[0]:6.2f} s wall {f[1]:6.2f} s CPU  "
              f"ratio {f[0] / b[0]:.2f} wall, {f[1] / b[1]:.2f} CPU")
    print(f"fastest rounds: bare {best['bare'][0]:.2f} s, pipeline.run {best['full'][0]:.2f} s "
          f"-> {best['full'][0] / best['bare'][0]:.2f}x wall; CPU {best['bare'][1]:.2f} s, "
          f"{best['full'][1]:.2f} s -> {best['full'][1] / best['bare'][1]:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
