"""Figures: template, colours, escaping, chart contents (fig.data / fig.layout) and export."""
from __future__ import annotations

import hashlib
import importlib
import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from toolkit import figures
from toolkit.errors import ExportError
from toolkit.figures import charts, theme

# the module, not the function of the same name that toolkit.figures re-exports
ex = importlib.import_module("toolkit.figures.export")


# --------------------------------------------------------------------------- theme


def test_template_registered_with_okabe_ito_and_readable_font():
    t = pio.templates["mbt"]
    assert list(t.layout.colorway) == list(theme.OKABE_ITO)
    assert t.layout.font.size == 14
    assert t.layout.plot_bgcolor == "white"


def test_outlet_colors_sorted_by_id_and_stable():
    a = theme.outlet_colors(["sentinel", "courier", "meridian", "dispatch", "courier"])
    assert a == {"courier": "#E69F00", "dispatch": "#56B4E9", "meridian": "#009E73",
                 "sentinel": "#F0E442"}
    assert theme.outlet_colors(reversed(list(a))) == a
    nine = theme.outlet_colors([f"o{i}" for i in range(9)])
    assert nine["o8"] == nine["o0"]  # the palette repeats beyond eight


def test_escape_html_escapes_markup_and_quotes():
    assert theme.escape_html("<script>alert('x')</script> & co") == \
        "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co"
    assert theme.escape_html(None) == ""
    assert theme.escape_html(3) == "3"


# --------------------------------------------------------------------------- charts


@pytest.fixture
def estimates():
    return pd.DataFrame({
        "outlet": ["meridian", "courier", "meridian", "courier"],
        "event_id": ["ALL"] * 4,
        "measure": ["agency_nominal_share", "agency_nominal_share",
                    "agency_agent_named_share", "agency_agent_named_share"],
        "estimate": [0.25, 0.5, 0.75, 0.1], "ci_low": [0.1, 0.3, 0.6, 0.0],
        "ci_high": [0.4, 0.7, 0.9, 0.3], "n_articles": [5, 5, 5, 2],
        "n_instances": [8, 9, 8, 3], "small_n": [False, False, False, True],
        "n_boot": [100] * 4, "seed": [0] * 4})


def test_measure_dots_error_bars_are_ci_minus_estimate(estimates):
    fig = charts.measure_dots(estimates)
    assert [t.name for t in fig.data] == ["courier", "meridian"]
    courier = fig.data[0]
    assert list(courier.x) == [0.5, 0.1]
    assert list(courier.y) == ["agency_nominal_share", "agency_agent_named_share"]
    assert courier.error_x.array == pytest.approx((0.2, 0.2))
    assert courier.error_x.arrayminus == pytest.approx((0.2, 0.1))
    assert list(courier.marker.symbol) == ["circle", "circle-open"]  # small_n hollow
    assert courier.marker.color == theme.outlet_colors(["courier", "meridian"])["courier"]
    assert fig.layout.template.layout.font.size == 14


def test_fixed_colors_follow_the_corpus_not_the_table(estimates):
    colors = theme.outlet_colors(["aaa", "courier", "meridian"])
    fig = charts.measure_dots(estimates, colors=colors)
    assert fig.data[0].marker.color == colors["courier"] == "#56B4E9"


def test_agency_ladder_stacks_in_ladder_order():
    shares = pd.DataFrame({"outlet": ["a", "a", "b"],
                           "agency_class": ["nominal", "active_agent", "nominal"],
                           "share": [0.6, 0.4, 1.0], "n": [3, 2, 4]})
    fig = charts.agency_ladder(shares, order=["active_agent", "passive_agent", "nominal"])
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["active_agent", "nominal"]
    assert list(fig.data[1].x) == [0.6, 1.0] and list(fig.data[1].y) == ["a", "b"]
    assert list(fig.data[1].customdata) == [3, 4]
    assert tuple(fig.layout.xaxis.range) == (0, 1)


def test_labels_from_corpus_text_are_escaped_once():
    shares = pd.DataFrame({"actor": ["<b>Army</b> & co"], "outlet": ["o<1>"],
                           "share": [1.0], "n": [2]})
    fig = charts.voice_share(shares)
    assert fig.data[0].name == "o&lt;1&gt;"
    assert list(fig.data[0].x) == ["&lt;b&gt;Army&lt;/b&gt; &amp; co"]
    assert "<b>" not in fig.to_json()


def test_denials_paired_uses_outlet_actor_categories():
    counts = pd.DataFrame({"outlet": ["x", "x", "y"], "actor": ["A", "A", "B"],
                           "paired": [True, False, False], "n": [2, 1, 5]})
    fig = charts.denials_paired(counts)
    assert [t.name for t in fig.data] == ["paired", "unpaired"]
    assert [list(v) for v in fig.data[1].x] == [["x", "y"], ["A", "B"]]
    assert list(fig.data[1].y) == [1, 5]


def test_confusion_matrix_squares_the_labels():
    cm = pd.DataFrame({"true": ["a", "a", "b"], "predicted": ["a", "b", "b"], "n": [3, 1, 4]})
    fig = charts.confusion_matrix(cm)
    assert list(fig.data[0].x) == ["a", "b"]
    assert [list(r) for r in fig.data[0].z] == [[3, 1], [0, 4]]


def test_coverage_and_events_one_trace_per_outlet():
    cov = pd.DataFrame({"outlet": ["b", "a", "a"], "published": ["2026-03-04"] * 2 + ["2026-03-05"],
                        "n_articles": [1, 2, 1]})
    fig = charts.coverage_timeline(cov)
    assert [t.name for t in fig.data] == ["a", "b"]
    assert list(fig.data[0].y) == [2, 1]
    ev = pd.DataFrame({"event_id": ["e1", "e1", "e2"], "outlet": ["a", "b", "a"],
                       "n_articles": [1, 1, 2]})
    fig = charts.articles_per_event(ev)
    assert fig.layout.barmode == "stack" and list(fig.data[0].x) == ["e1", "e2"]


def test_empty_table_gives_annotated_empty_figure():
    empty = pd.DataFrame(columns=["outlet", "verb_class", "share", "n"])
    fig = charts.verb_mix(empty)
    assert len(fig.data) == 0
    assert fig.layout.annotations[0].text == "no rows to show"


def test_missing_column_is_a_clear_error():
    with pytest.raises(ValueError, match="lacks column"):
        charts.measure_dots(pd.DataFrame({"outlet": ["a"]}))


# --------------------------------------------------------------------------- export


PROV = {"toolkit_version": "0.1.0", "corpus": {"name": "t", "checksum": "abc"}}


def _fig_and_data(estimates):
    return charts.measure_dots(estimates), estimates


def test_export_noop_without_out_dir(tmp_path, estimates, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rec = figures.export(*_fig_and_data(estimates), name="a__b", out_dir="", provenance=PROV)
    assert rec.status == "skipped" and list(tmp_path.iterdir()) == []


def test_export_csv_json_byte_identical_and_provenance_in_meta(tmp_path, estimates,
                                                              monkeypatch):
    monkeypatch.setenv("MBT_STATIC_EXPORT", "0")
    files = {}
    for run in ("r1", "r2"):
        fig, data = _fig_and_data(estimates)
        rec = figures.export(fig, data.sample(frac=1, random_state=len(run) + ord(run[1])),
                             name="10_attribution__measures", out_dir=tmp_path / run,
                             provenance=PROV, formats=("html",))
        assert rec.status == "ok" and rec.reason == ""
        files[run] = {p.name: p.read_bytes() for p in (tmp_path / run).iterdir()}
    assert sorted(files["r1"]) == ["10_attribution__measures.csv",
                                   "10_attribution__measures.html",
                                   "10_attribution__measures.json", "figures.jsonl",
                                   "plotly.min.js"]
    assert files["r1"] == files["r2"]  # csv, json, html identical whatever the row order
    csv = files["r1"]["10_attribution__measures.csv"]
    assert b"\r" not in csv
    lines = csv.decode().splitlines()
    assert lines[1] == "courier,ALL,agency_agent_named_share,0.100000,0.000000,0.300000,2,3,True,100,0"
    prov = json.loads(files["r1"]["10_attribution__measures.json"])
    assert prov["data_sha256"] == hashlib.sha256(csv).hexdigest()
    assert prov["figure"] == "10_attribution__measures" and prov["corpus"]["checksum"] == "abc"
    assert fig.layout.meta["data_sha256"] == prov["data_sha256"]
    assert b'"data_sha256"' in files["r1"]["10_attribution__measures.html"]


def test_export_rejects_bad_names_and_formats(tmp_path, estimates):
    with pytest.raises(ExportError, match="letters"):
        figures.export(*_fig_and_data(estimates), name="../x", out_dir=tmp_path,
                       provenance=PROV)
    with pytest.raises(ExportError, match="unknown figure format"):
        figures.export(*_fig_and_data(estimates), name="x", out_dir=tmp_path,
                       provenance=PROV, formats=("gif",))


def test_missing_browser_is_a_failed_record_with_reason(tmp_path, estimates, monkeypatch):
    monkeypatch.delenv("MBT_STATIC_EXPORT", raising=False)
    monkeypatch.setattr(ex, "browser_path", lambda: None)
    rec = figures.export(*_fig_and_data(estimates), name="x", out_dir=tmp_path,
                         provenance=PROV)
    assert rec.status == "failed" and "Chromium" in rec.reason
    assert sorted(rec.files) == ["csv", "html", "json"]
    logged = json.loads((tmp_path / "figures.jsonl").read_text())
    assert logged["status"] == "failed" and logged["reason"] == rec.reason


static = pytest.mark.skipif(ex.static_unavailable() is not None,
                            reason=f"static export unavailable: {ex.static_unavailable()}")


@static
def test_static_hang_becomes_failed_record_not_a_frozen_export(tmp_path, estimates):
    rec = figures.export(*_fig_and_data(estimates), name="x", out_dir=tmp_path,
                         provenance=PROV, timeout=0.05)
    assert rec.status == "failed" and "timed out" in rec.reason
    assert not list(tmp_path.glob("x.svg")) and not list(tmp_path.glob(".static-*"))
    assert (tmp_path / "x.csv").exists()


@static
def test_six_files_and_static_outputs_byte_identical_across_runs(tmp_path, estimates):
    out = {}
    for run in ("r1", "r2"):
        fig, data = _fig_and_data(estimates)
        rec = figures.export(fig, data, name="n__f__ev1", out_dir=tmp_path / run,
                             provenance=PROV)
        assert rec.status == "ok", rec.reason
        assert sorted(rec.files) == ["csv", "html", "json", "pdf", "png", "svg"]
        out[run] = {ext: (tmp_path / run / f"n__f__ev1.{ext}").read_bytes()
                    for ext in rec.files}
    assert out["r1"]["svg"].startswith(b"<svg") and out["r1"]["pdf"].startswith(b"%PDF")
    assert out["r1"]["png"].startswith(b"\x89PNG")
    for ext in out["r1"]:
        assert out["r1"][ext] == out["r2"][ext], f"{ext} differs across runs"


def test_table_csv_sorts_by_key_columns_and_serialises_lists():
    df = pd.DataFrame({"weight": [0.5, 0.25], "outlet": ["b", "a"], "spans": [[[0, 1]], []]})
    assert ex.table_csv(df) == b'weight,outlet,spans\n0.250000,a,[]\n0.500000,b,"[[0, 1]]"\n'


def test_figure_is_json_serialisable_with_meta(estimates, tmp_path, monkeypatch):
    monkeypatch.setenv("MBT_STATIC_EXPORT", "0")
    fig, data = _fig_and_data(estimates)
    rec = figures.export(fig, data, name="x", out_dir=tmp_path, provenance=PROV)
    assert rec.status == "skipped" and "MBT_STATIC_EXPORT=0" in rec.reason
    again = go.Figure(json.loads(fig.to_json()))
    assert again.layout.meta["figure"] == "x"


@static
def test_deferred_static_export_renders_later_with_the_same_bytes(tmp_path, estimates,
                                                                  monkeypatch):
    fig, data = _fig_and_data(estimates)
    direct = figures.export(fig, data, name="d", out_dir=tmp_path / "a", provenance=PROV)
    monkeypatch.setenv("MBT_STATIC_DEFER", "1")
    for name in ("d", "e"):
        fig, data = _fig_and_data(estimates)
        rec = figures.export(fig, data, name=name, out_dir=tmp_path / "b", provenance=PROV)
        assert rec.status == "pending" and sorted(rec.files) == ["csv", "html", "json"]
    updated = ex.render_pending(tmp_path / "b")
    assert [(r["name"], r["status"]) for r in updated] == [("d", "ok"), ("e", "ok")]
    log = [json.loads(x) for x in (tmp_path / "b" / "figures.jsonl").read_text().splitlines()]
    assert sorted(log[0]["files"]) == ["csv", "html", "json", "pdf", "png", "svg"]
    assert not (tmp_path / "b" / ex.PENDING_DIR).exists()
    for ext in direct.files:
        assert (tmp_path / "a" / f"d.{ext}").read_bytes() == \
            (tmp_path / "b" / f"d.{ext}").read_bytes(), ext
