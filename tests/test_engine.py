"""Engines: the ordered local process pool and the Dask engine give the one-process tables."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from toolkit import engine, features, pipeline
from toolkit.corpus import iter_articles
from toolkit.errors import ToolkitError

FEATS = ("capital", "number")


@pytest.fixture()
def fake_registry(monkeypatch):
    monkeypatch.setitem(features.REGISTRY, "capital", "mbt_fake_features")
    monkeypatch.setitem(features.REGISTRY, "number", "mbt_fake_numbers")


def record(i: int, text: str | None = None) -> dict:
    return {"doc_id": f"d{i:03d}", "outlet": ["ap", "rt", "bbc"][i % 3], "event_id": "e1",
            "published": f"2020-01-{1 + i % 28:02d}", "title": f"Story {i}",
            "text": text or (f"Officials in Idlib said {i} people died. Rebels denied it.\n\n"
                             f"\u201cWe saw {i + 1} strikes,\u201d Mara Voss said.")}


def write_jsonl(path: Path, recs, extra: bytes = b"") -> Path:
    path.write_bytes(b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n"
                              for r in recs) + extra)
    return path


def _fail(x):
    if x == 3:
        raise ValueError("three")
    return x


# --------------------------------------------------------------------------- local pool


def test_map_ordered_keeps_input_order_with_two_processes():
    assert list(engine.map_ordered(engine._square, range(50), jobs=2, chunksize=3)) == \
        [i * i for i in range(50)]


def test_map_ordered_reraises_at_the_failing_item():
    got = []
    with pytest.raises(ValueError, match="three"):
        for x in engine.map_ordered(_fail, range(6), jobs=2, chunksize=1):
            got.append(x)  # noqa: PERF402 -- collect until the error
    assert got == [0, 1, 2]


def test_pipeline_jobs_2_equals_jobs_1(fake_registry, tmp_path):
    recs = [record(i) for i in range(12)] + [record(12, "BOOM. A text that fails.")]
    arts = list(iter_articles(write_jsonl(tmp_path / "a.jsonl", recs)))
    one = pipeline.run(arts, FEATS, cache=False)
    two = pipeline.run(arts, FEATS, cache=False, jobs=2, chunksize=2)
    for name in FEATS:
        pd.testing.assert_frame_equal(one[name], two[name])
        assert len(one[name]) > 0
    pd.testing.assert_frame_equal(one.articles, two.articles)
    pd.testing.assert_frame_equal(one.errors, two.errors)
    assert two.errors["doc_id"].tolist() == ["d012", "d012"]
    assert two.stats["documents"] == 13


# --------------------------------------------------------------------------- partitions


def test_jsonl_byte_ranges_read_every_line_exactly_once(tmp_path):
    recs = [record(i) for i in range(9)]
    p = write_jsonl(tmp_path / "s.jsonl", recs[:4], b"\xff\xfe not utf8\n[1, 2]\n")
    with open(p, "ab") as fh:
        fh.write(b"".join(json.dumps(r).encode() + b"\n" for r in recs[4:]))
        fh.write(b'{"doc_id": "cut", "outlet": "ap", "tex')  # truncated last line
    whole, whole_err = engine.load_partition(engine.Partition("jsonl", str(p), 0, -1))
    assert [a.doc_id for a in whole] == [r["doc_id"] for r in recs]
    assert len(whole_err) == 3
    for blocksize in (1, 7, 100, 333, 10_000):
        arts, errs = [], []
        parts = engine.partitions([p], blocksize=blocksize)
        for part in parts:
            a, e = engine.load_partition(part)
            arts += a
            errs += e
        assert [a.doc_id for a in arts] == [r["doc_id"] for r in recs], blocksize
        assert [e["message"].split(":")[-1] for e in errs] == \
            [e["message"].split(":")[-1] for e in whole_err], blocksize
        assert {e["stage"] for e in errs} == {"corpus"}


def test_parquet_corpus_row_groups_are_partitions(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = [record(i) for i in range(7)]
    pq.write_table(pa.Table.from_pylist(recs), tmp_path / "c.parquet", row_group_size=3)
    parts = engine.partitions([tmp_path / "c.parquet"])
    assert [(p.kind, p.start) for p in parts] == [("parquet", 0), ("parquet", 1),
                                                   ("parquet", 2)]
    ids = [a.doc_id for p in parts for a in engine.load_partition(p)[0]]
    assert ids == [r["doc_id"] for r in recs]


def test_folder_of_shards_in_name_order(tmp_path):
    write_jsonl(tmp_path / "b.jsonl", [record(1)])
    write_jsonl(tmp_path / "a.jsonl", [record(0)])
    assert [Path(p.path).name for p in engine.partitions([tmp_path])] == ["a.jsonl", "b.jsonl"]


# --------------------------------------------------------------------------- CLI


def test_cli_jobs_2_prints_what_one_process_prints(fake_registry, tmp_path, capsys):
    from toolkit.cli import main

    p = write_jsonl(tmp_path / "a.jsonl", [record(i) for i in range(10)])
    assert main(["extract", "capital", str(p)]) == 0
    one = capsys.readouterr().out
    assert main(["extract", "capital", str(p), "--jobs", "2"]) == 0
    assert capsys.readouterr().out == one
    assert main(["extract", "number", str(p), "--jobs", "2", "--format", "csv",
                 "--out", str(tmp_path / "n.csv")]) == 0
    main(["extract", "number", str(p), "--format", "csv", "--out", str(tmp_path / "m.csv")])
    assert (tmp_path / "n.csv").read_text() == (tmp_path / "m.csv").read_text()
    first = json.loads(one.splitlines()[0])
    assert first["doc"] == "d000" and first["span_text"] == "Officials Idlib"


def test_cli_dask_needs_out_folder(fake_registry, tmp_path, capsys):
    from toolkit.cli import main

    p = write_jsonl(tmp_path / "a.jsonl", [record(0)])
    assert main(["extract", "number", str(p), "--engine", "dask"]) == 2
    assert "--out FOLDER" in capsys.readouterr().err


# --------------------------------------------------------------------------- Dask


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                       dashboard_address=":0")
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_dask_engine_equals_pipeline(fake_registry, tmp_path, client):
    shards = tmp_path / "shards"
    shards.mkdir()
    recs = [record(i) for i in range(20)]
    write_jsonl(shards / "part-0.jsonl", recs[:11])
    write_jsonl(shards / "part-1.jsonl", recs[11:] + [record(3)], b"{broken\n")  # dup id d003
    man = engine.run_dask([shards], tmp_path / "out", FEATS, client=client, blocksize=2000)
    assert man["partitions"] > 2 and man["articles"] == 21
    assert man["duplicate_doc_ids"] == ["d003"]
    local = pipeline.run(list(iter_articles(shards / "part-0.jsonl")) +
                         list(iter_articles(shards / "part-1.jsonl", strict=False,
                                            problems=[])) + [], FEATS, cache=False)
    for name in FEATS:
        got = engine.read_table(tmp_path / "out", name)
        pd.testing.assert_frame_equal(got, local[name])
        lazy = engine.read_dask(tmp_path / "out", name)
        assert lazy.npartitions == man["partitions"]
        pd.testing.assert_frame_equal(lazy.compute().reset_index(drop=True), local[name])
    errors = engine.read_table(tmp_path / "out", "errors")
    assert errors["stage"].tolist() == ["corpus"]
    assert "byte" in errors["message"].iloc[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "shards"]  # no temp folder
    with pytest.raises(ToolkitError, match="not empty"):
        engine.run_dask([shards], tmp_path / "out", FEATS, client=client)


def test_dask_local_cluster_started_by_the_engine(fake_registry, tmp_path):
    pytest.importorskip("distributed")
    p = write_jsonl(tmp_path / "a.jsonl", [record(i) for i in range(3)])
    man = engine.run_dask([p], tmp_path / "out", ("number",), n_workers=2, processes=False)
    assert man["rows"]["number"] == len(pipeline.run(list(iter_articles(p)), ("number",),
                                                     cache=False)["number"])
