"""Speed of the comparison layer on synthetic measures (prints seconds; no assertions).

    PYTHONPATH=. python benchmarks/compare_speed.py
"""
from __future__ import annotations

import time

import numpy as np
import pandas as pd

from toolkit import compare


def main(n: int = 400, n_boot: int = 1000) -> None:
    rng = np.random.default_rng(0)
    arts = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)],
                         "outlet": rng.choice(list("abcd"), n),
                         "event_id": rng.choice([f"e{k}" for k in range(10)], n)})
    m = pd.DataFrame({"doc_id": arts["doc_id"]})
    for fam in ("attribution", "agency", "denials"):
        c = rng.integers(0, 10, n)
        m[f"{fam}_count"] = c
        m[f"{fam}_per_1k"] = c / 5
        for k in range(12):
            m[f"{fam}_m{k}_share"] = np.where(c > 0, rng.random(n), np.nan)
    t = time.perf_counter()
    est = compare.estimate(m, arts, n_boot=n_boot)
    groups = est.groupby(["outlet", "event_id"]).ngroups
    print(f"estimate: {n} articles x {m.shape[1] - 1} measures x {groups} groups, "
          f"{n_boot} replicates: {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    compare.permutation_test(m, arts, "agency_m1_share", "a", "b", n_perm=5000)
    print(f"permutation_test, 5000 permutations: {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
