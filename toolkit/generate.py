"""A synthetic news corpus of any size, for benchmarks (not for research).

:func:`generate` streams article records built from two sources, so that the
extractors meet the constructions they look for at a realistic rate:

- **paragraphs of the demo corpus** (``corpora/demo/articles.jsonl``, constructed
  text about fictional states), with their numbers changed;
- **template sentences** with slots for a source (official, ministry, witness,
  named person), a reporting verb (*said*, *claimed*, *denied*, *told
  reporters*, *according to*), a harm verb in active or passive voice, victims,
  agents and places, and direct quotations, so attribution, agency and denial
  cues all occur, in varied order.

Article ``i`` depends only on ``(seed, i)`` (each has its own
``random.Random(f"{seed}:{i}")``), so ``generate(1010)`` starts with the same
1,000 articles as ``generate(1000)``: the "add ten articles and re-run"
benchmark of the feature cache uses that. Records follow the corpus JSONL
schema (``doc_id, outlet, event_id, published, title, text, url, byline``) and
pass :func:`toolkit.corpus.validate`.

Command line (streams; memory does not grow with ``--n``)::

    python -m toolkit.generate --n 10000 --out /tmp/bench.jsonl
    python -m toolkit.generate --n 100000 --out /tmp/shards --shards 8   # folder of shards

>>> recs = list(generate(3, seed=1))
>>> [r["doc_id"] for r in recs]
['gen-000000', 'gen-000001', 'gen-000002']
>>> list(generate(2, seed=1)) == recs[:2]
True
>>> all(r["text"].count("\\n\\n") >= 3 for r in recs)  # 4-8 paragraphs
True
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .safeio import atomic_path

DEMO = Path(__file__).resolve().parents[1] / "corpora" / "demo" / "articles.jsonl"

OUTLETS = ("courier", "dispatch", "meridian", "sentinel", "herald", "observer", "tribune",
           "gazette")
SOURCES = (
    "Officials", "The health ministry", "A military spokesman", "Local residents",
    "The Defence Ministry", "Rescue workers", "Anton Reske", "Ilse Varga",
    "A spokeswoman for the coalition", "Witnesses", "The monitoring group", "Police",
    "Hospital staff", "The rebel command", "Mara Voss, a nurse,",
)
NEUTRAL = ("said", "told reporters", "reported", "stated", "added", "announced")
STANCE = ("claimed", "insisted", "alleged", "confirmed", "acknowledged", "warned")
DENY = ("denied", "rejected claims", "dismissed reports")
VICTIMS = ("civilians", "people", "children", "residents", "fighters", "soldiers",
           "aid workers", "patients")
AGENTS = ("Valdorian jets", "rebel fighters", "the army", "government forces",
          "unidentified gunmen", "artillery units", "a drone")
HARM_ACTIVE = ("killed", "wounded", "injured", "struck")
HARM_PASSIVE = ("were killed", "were wounded", "died", "lost their lives", "were injured")
PLACES = ("Korvan", "the market", "the northern district", "a hospital", "the port",
          "a school", "the refugee camp", "the old town")
DAYS = ("on Monday", "on Tuesday", "overnight", "on Wednesday morning", "at dawn",
        "late on Friday")


@lru_cache(maxsize=1)
def demo_paragraphs() -> tuple[str, ...]:
    """Paragraphs of the demo corpus (empty if the repository's corpora/ is absent)."""
    if not DEMO.exists():
        return ()
    out = []
    for line in DEMO.read_text("utf-8").splitlines():
        if line.strip():
            text = json.loads(line)["text"]
            out.extend(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
    return tuple(out)


_NAMES = ("Anton Reske", "Ilse Varga", "Mara Voss")


def _mid(src: str) -> str:
    """A source as it reads mid-sentence ("the health ministry", but "Ilse Varga")."""
    return src if src.startswith(_NAMES) else src[0].lower() + src[1:]


def _sentence(r: random.Random) -> str:
    n = r.randint(2, 400)
    kind = r.randrange(7)
    src, place, day = r.choice(SOURCES), r.choice(PLACES), r.choice(DAYS)
    vic, agent = r.choice(VICTIMS), r.choice(AGENTS)
    if kind == 0:
        return f"{src} {r.choice(NEUTRAL)} that {n} {vic} {r.choice(HARM_PASSIVE)} in {place} {day}."
    if kind == 1:
        return f"{agent.capitalize()} {r.choice(HARM_ACTIVE)} {n} {vic} in {place} {day}, {_mid(src).rstrip(',')} {r.choice(STANCE)}."
    if kind == 2:
        return f"\u201cWe saw {agent} hit {place},\u201d {_mid(src).rstrip(',')} {r.choice(NEUTRAL)}."
    if kind == 3:
        return f"{src} {r.choice(DENY)} that {agent} had targeted {place}."
    if kind == 4:
        return f"According to {_mid(src).rstrip(',')}, {n} {vic} {r.choice(HARM_PASSIVE)} {day}."
    if kind == 5:
        return f"{n} {vic} {r.choice(HARM_PASSIVE)} by shelling near {place}, which {_mid(src).rstrip(',')} blamed on {agent}."
    return f"The number of dead in {place} rose to {n} {day}, and {r.randint(2, 90)} others were taken to hospital."


def _vary_numbers(text: str, r: random.Random) -> str:
    return re.sub(r"\b\d+\b", lambda m: str(r.randint(2, 500)), text)


def article(i: int, *, seed: int = 0) -> dict:
    """Article record number ``i`` (deterministic in ``seed`` and ``i``)."""
    r = random.Random(f"{seed}:{i}")
    pool = demo_paragraphs()
    paras = []
    for _ in range(r.randint(4, 8)):
        if pool and r.random() < 0.5:
            paras.append(_vary_numbers(r.choice(pool), r))
        else:
            paras.append(" ".join(_sentence(r) for _ in range(r.randint(1, 3))))
    event = i // 40
    day = dt.date(2024, 1, 1) + dt.timedelta(days=event % 700 + r.randint(0, 2))
    title = f"{r.randint(2, 90)} {r.choice(VICTIMS)} {r.choice(HARM_PASSIVE).split()[-1]} in {r.choice(PLACES)}"
    return {"doc_id": f"gen-{i:06d}", "outlet": OUTLETS[r.randrange(len(OUTLETS))],
            "event_id": f"gev{event:05d}", "published": day.isoformat(),
            "title": title[0].upper() + title[1:], "text": "\n\n".join(paras),
            "url": None, "byline": None}


def generate(n: int, *, seed: int = 0, start: int = 0) -> Iterator[dict]:
    """Stream ``n`` article records (numbers ``start`` .. ``start + n - 1``)."""
    for i in range(start, start + n):
        yield article(i, seed=seed)


def write_jsonl(path: str | Path, n: int, *, seed: int = 0, shards: int = 1) -> list[Path]:
    """Write ``n`` articles to ``path`` (a ``.jsonl`` file, or a folder of ``shards`` files).

    Each file is written atomically. Returns the paths written.
    """
    path = Path(path)
    if shards <= 1 and path.suffix in (".jsonl", ".ndjson"):
        targets = [(path, 0, n)]
    else:
        per = -(-n // max(shards, 1))
        targets = [(path / f"part-{k:04d}.jsonl", k * per, min(per, n - k * per))
                   for k in range(max(shards, 1)) if k * per < n]
    for target, start, count in targets:
        with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(rec, ensure_ascii=False) + "\n" for rec in generate(count, seed=seed, start=start))
    return [t for t, _, _ in targets]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m toolkit.generate", description=__doc__.split(
        "\n")[0])
    p.add_argument("--n", type=int, default=1000, help="number of articles")
    p.add_argument("--out", required=True, help=".jsonl file, or a folder with --shards")
    p.add_argument("--shards", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    paths = write_jsonl(args.out, args.n, seed=args.seed, shards=args.shards)
    print(f"wrote {args.n} articles to {len(paths)} file(s) under {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
