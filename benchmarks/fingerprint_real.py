"""Outlet fingerprint on the demo corpus and on BASIL (../shared/data), with p-values.

Runs the extractors (cached after the first run), the measures and
:func:`toolkit.fingerprint.fingerprint` with 99 label permutations. Slow on a
loaded machine (each permutation refits the cross-validation)::

    PYTHONPATH=. python benchmarks/fingerprint_real.py
"""
from __future__ import annotations

import time
from pathlib import Path

from toolkit import compare, measures, pipeline
from toolkit.actors import load_codebook
from toolkit.corpus import load_corpus
from toolkit.evaluate import shared_data_dir
from toolkit.fingerprint import fingerprint

ROOT = Path(__file__).resolve().parents[1]


def run(name: str, source: Path, codebook=None) -> None:
    t = time.perf_counter()
    tables = pipeline.run(list(load_corpus(source)), codebook=codebook)
    m = measures.article_measures(tables)
    r = fingerprint(m, tables.articles, seed=0, n_permutations=99)
    s = r.summary().iloc[0]
    print(f"{name}: {int(s['n_articles'])} articles, {int(s['n_outlets'])} outlets, "
          f"accuracy {s['accuracy']:.2f}, baseline {s['baseline']:.2f}, "
          f"p {s['p_value']:.2f} ({time.perf_counter() - t:.0f} s)")
    print(r.top_features(2).to_string(index=False))
    tests = compare.pairwise_tests(m, tables.articles, n_perm=2000)
    print(tests.sort_values("p_value").head(5)[["measure", "outlet_a", "outlet_b",
                                                "difference", "p_value", "p_adjusted"]]
          .to_string(index=False))


def main() -> None:
    run("demo", ROOT / "corpora" / "demo", load_codebook(ROOT / "corpora" / "demo" / "actors.yml"))
    basil = shared_data_dir() / "basil" / "basil.jsonl.gz"
    if basil.exists():
        run("basil", basil)
    else:
        print(f"basil: not present ({basil})")


if __name__ == "__main__":
    main()
