"""Speed of passive detection and casualty agency (tokens per second, one core).

Prints, for the demo corpus (and the seed article when present) repeated to about
``--tokens`` tokens: the text pipeline alone (sentences, tokens, POS tags), passive
detection alone, agency extraction alone (which runs passive detection inside), and
tagging plus agency end to end. Models are loaded (warm-up) before timing.

    python benchmarks/bench_agency.py [--tokens 60000]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _texts() -> list[str]:
    out = []
    demo = ROOT / "corpora" / "demo" / "articles.jsonl"
    if demo.exists():
        for line in demo.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["text"])
    seed = ROOT.parent / "shared" / "seeds" / "000_477a7e3c0f523f6d.txt"
    if seed.exists():
        out.append(seed.read_text(encoding="utf-8"))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tokens", type=int, default=60000, help="approximate corpus size")
    args = ap.parse_args(argv)
    os.environ.setdefault("MBT_CACHE", "0")
    from toolkit.features import agency, passive
    from toolkit.text import process

    texts = _texts()
    if not texts:
        print("no demo corpus or seed article found")
        return 1
    process(texts[0])  # warm-up: load Punkt, the tagger and WordNet
    list(agency.iter_agency(process("Jets killed 3 people.")))

    docs, n_tok = [], 0
    t0 = time.perf_counter()
    while n_tok < args.tokens:
        for t in texts:
            d = process(t, doc_id=f"d{len(docs)}")
            docs.append(d)
            n_tok += d.n_tokens
    t_pipe = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_pass = sum(1 for d in docs for _ in passive.iter_passive(d))
    t_pass = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_ag = sum(1 for d in docs for _ in agency.iter_agency(d))
    t_ag = time.perf_counter() - t0

    # tagging only (tokenizer + tagger on pre-split sentences), the cost the brief names
    from toolkit.text import tag, tokenize
    sents = [(d.text, s.start, s.end) for d in docs for s in d.sentences]
    t0 = time.perf_counter()
    for text, s, e in sents:
        tag(text, tokenize(text, s, e))
    t_tag = time.perf_counter() - t0

    def rate(sec):
        return f"{n_tok / sec:>10,.0f} tokens/s"

    print(f"corpus: {len(docs)} documents, {n_tok:,} tokens, {n_pass} passives, "
          f"{n_ag} casualty mentions")
    print(f"text pipeline (paragraphs, Punkt, tokenize, tag)  {t_pipe:7.2f} s  {rate(t_pipe)}")
    print(f"tokenize + tag only                               {t_tag:7.2f} s  {rate(t_tag)}")
    print(f"passive detection                                 {t_pass:7.2f} s  {rate(t_pass)}")
    print(f"agency extraction (incl. passive detection)       {t_ag:7.2f} s  {rate(t_ag)}")
    print(f"tokenize + tag + agency                           {t_tag + t_ag:7.2f} s  "
          f"{rate(t_tag + t_ag)}")
    print(f"full pipeline + agency                            {t_pipe + t_ag:7.2f} s  "
          f"{rate(t_pipe + t_ag)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
