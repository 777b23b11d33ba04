"""Event grouping and wire-copy detection on the real development data in ../shared/data.

Prints pairwise P/R/F1 of :func:`toolkit.events.group_events` against each
corpus's own event ids, and the pairs :func:`toolkit.events.detect_wire_copy`
flags. No assertions (speed and scores vary with machine and data)::

    PYTHONPATH=. python benchmarks/events_real.py
"""
from __future__ import annotations

import gzip
import json
import time

import pandas as pd

from toolkit import events
from toolkit.evaluate import shared_data_dir

CORPORA = {"basil": "basil/basil.jsonl.gz", "seesaw": "seesaw/seesaw.jsonl.gz",
           "fakes": "fakes/fakes.jsonl.gz", "polnear-train": "polnear/polnear-train.jsonl.gz"}


def load(path) -> pd.DataFrame:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return pd.DataFrame([json.loads(line) for line in f])


def main() -> None:
    root = shared_data_dir()
    for name, rel in CORPORA.items():
        path = root / rel
        if not path.exists():
            print(f"{name}: not present ({path})")
            continue
        df = load(path)
        if df["event_id"].notna().any():
            for kw in ({}, {"method": "components"}, {"window_days": 1e9}):
                t = time.perf_counter()
                g = events.group_events(df, **kw)
                s = events.grouping_agreement(g.assignment, df[["doc_id", "event_id"]])
                print(f"{name} events {kw or 'defaults'}: P={s['precision']:.2f} "
                      f"R={s['recall']:.2f} F1={s['f1']:.2f} ARI={s['ari']:.2f} "
                      f"({len(df)} articles, {time.perf_counter() - t:.1f} s)")
        t = time.perf_counter()
        w = events.detect_wire_copy(df)
        pairs = w.pairs.merge(df[["doc_id", "outlet"]], left_on="origin", right_on="doc_id") \
            .merge(df[["doc_id", "outlet"]], left_on="copy", right_on="doc_id")
        print(f"{name} wire copy: {len(w.pairs)} pairs "
              f"({int((pairs['outlet_x'] != pairs['outlet_y']).sum())} across outlets), "
              f"{time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
