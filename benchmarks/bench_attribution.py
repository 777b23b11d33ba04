"""Speed of attribution extraction, beyond tagging (articles/s on one core).

Usage: python benchmarks/bench_attribution.py [--data polnear-dev|polnear-train|demo]
       [--limit N] [--repeat R]

Documents are processed (tokenised + tagged) once, untimed for the extractor
figure; then ``iter_attributions`` runs over all of them ``R`` times. Prints
tagging speed and extraction speed separately.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.evaluate import attribution as ev
from toolkit.features.attribution import iter_attributions
from toolkit.text import process


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="polnear-dev", choices=ev.DATASETS)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    try:
        raw = list(ev.load(args.data, args.limit))
    except FileNotFoundError as exc:
        print(f"data not available: {exc}")
        return 1
    if not raw:
        print("no documents")
        return 1
    t0 = time.perf_counter()
    docs = [process(d["text"], doc_id=d["doc_id"], title=d["title"]) for d in raw]
    t_proc = time.perf_counter() - t0
    list(iter_attributions(docs[0]))  # warm-up: lexicon and WordNet loading
    n_rows = 0
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for doc in docs:
            n_rows += sum(1 for _ in iter_attributions(doc))
    t_ext = time.perf_counter() - t0
    n_words = sum(doc.n_tokens for doc in docs)
    print(f"{args.data}: {len(docs)} articles, {n_words} tokens, "
          f"{n_rows // args.repeat} attributions")
    print(f"text pipeline (tokenise + tag): {len(docs) / t_proc:.1f} articles/s")
    print(f"attribution extraction:          {len(docs) * args.repeat / t_ext:.1f} articles/s "
          f"({n_words * args.repeat / t_ext:,.0f} tokens/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
