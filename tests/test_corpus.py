"""Tests for toolkit.corpus: loaders, validation, summaries, writing and conversion.

Malformed inputs are small hand-made files in tests/data/corpus/; the seed
article and BASIL come from ../shared (skipped when absent).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import operator
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from toolkit.corpus import (
    Article,
    Corpus,
    checksum,
    convert,
    find_html,
    iter_articles,
    load_corpus,
    source_kind,
    summarize,
    validate,
    write_corpus,
)
from toolkit.corpus.csv import read_csv, write_csv
from toolkit.errors import CorpusError
from toolkit.evaluate import shared_data_dir

DATA = Path(__file__).parent / "data" / "corpus"
SHARED = shared_data_dir()
SEED = SHARED.parent / "seeds" / "000_477a7e3c0f523f6d.txt"


def problems_of(source) -> list[tuple[int | None, str | None]]:
    found: list[CorpusError] = []
    list(iter_articles(source, strict=False, problems=found))
    return [(e.line, e.field) for e in found]


def art(doc_id="d1", outlet="herald", day=2, text="Three people were killed.", **kw):
    return Article(
        doc_id, outlet, dt.date(2024, 3, day), kw.pop("title", "T"), text, **kw
    )


# ---------------------------------------------------------------- JSONL


def test_malformed_jsonl_lenient_reports_every_bad_line():
    assert problems_of(DATA / "malformed.jsonl") == [
        (2, "outlet"),  # missing
        (3, "text"),  # whitespace only
        (4, "published"),  # 21/08/2019
        (5, "title"),  # a number
        (6, "doc_id"),  # duplicate of line 1
        (7, None),  # invalid JSON
        (8, None),  # a list, not an object
        (9, "text"),  # <p>
        (10, "text"),  # &nbsp;
        (13, None),  # truncated last line
    ]
    good = list(iter_articles(DATA / "malformed.jsonl", strict=False, problems=[]))
    assert [a.doc_id for a in good] == ["m1", "m11"]
    m11 = good[1]
    assert m11.published == dt.date(2024, 3, 2)  # date part of an ISO date-time
    assert (m11.event_id, m11.byline) == (None, "Staff")


def test_malformed_jsonl_messages_name_the_problem():
    found: list[CorpusError] = []
    list(iter_articles(DATA / "malformed.jsonl", strict=False, problems=found))
    msgs = {e.line: str(e) for e in found}
    path = str(DATA / "malformed.jsonl")
    assert msgs[2] == f"{path}:2: field 'outlet': missing required field"
    assert "duplicate doc_id 'm1' (first at " + path + ":1)" in msgs[6]
    assert "unparseable date '21/08/2019'" in msgs[4]
    assert "expected a string, got number 42" in msgs[5]
    assert "invalid JSON at column 35" in msgs[7]
    assert "'<p>'" in msgs[9] and "'&nbsp;'" in msgs[10]
    assert "truncated record" in msgs[13]


def test_strict_raises_at_first_bad_record_and_streams():
    it = iter_articles(DATA / "malformed.jsonl")
    assert next(it).doc_id == "m1"  # yielded before the bad line 2 is read
    with pytest.raises(CorpusError) as info:
        next(it)
    assert (info.value.line, info.value.field) == (2, "outlet")


def test_non_utf8_line_reports_byte_offsets_and_skips_only_that_line():
    found: list[CorpusError] = []
    good = list(iter_articles(DATA / "bad_bytes.jsonl", strict=False, problems=found))
    assert [a.doc_id for a in good] == ["b1", "b3"]
    assert len(found) == 1 and found[0].line == 2
    assert "byte 126 of the line (file byte offset 326)" in str(found[0])
    raw = (DATA / "bad_bytes.jsonl").read_bytes()
    assert raw[326:327] == b"\xe9"  # the offset really points at the bad byte


def test_gzip_shared_schema_keeps_annotations(tmp_path):
    rec = {
        "doc_id": "g1",
        "outlet": "fox",
        "event_id": "e1",
        "published": "2019-03-28",
        "title": "T",
        "text": "Body.",
        "url": None,
        "dataset": "basil",
        "annotations": {"spans": [{"start": 0, "end": 4}]},
    }
    p = tmp_path / "x.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(rec) + "\n")
    (a,) = iter_articles(p)
    assert a.annotations == {"dataset": "basil", "spans": [{"start": 0, "end": 4}]}
    assert source_kind(p) == "jsonl"


def test_truncated_gzip_stream_is_reported(tmp_path):
    lines = "".join(
        json.dumps(art(f"d{i}").to_record()) + "\n" for i in range(200)
    ).encode()
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(gzip.compress(lines)[:-30])
    found: list[CorpusError] = []
    got = list(iter_articles(p, strict=False, problems=found))
    assert len(got) < 200 and found and "truncated or corrupt" in str(found[-1])
    with pytest.raises(CorpusError, match="truncated or corrupt"):
        list(iter_articles(p))


# ---------------------------------------------------------------- CSV


def test_malformed_csv():
    assert problems_of(DATA / "malformed.csv") == [
        (5, "published"),
        (6, None),
        (8, None),
    ]
    found: list[CorpusError] = []
    good = list(iter_articles(DATA / "malformed.csv", strict=False, problems=found))
    assert [a.doc_id for a in good] == ["c1", "c4", "c6"]
    c1, c4, _ = good
    assert (
        c1.text == "Three people were killed.\n\nOfficials said so."
    )  # quoted, 3 lines
    assert c1.url is None and c1.annotations == {"section": "world"}
    assert c4.title == "" and c4.event_id is None and c4.url == "https://example.org/c4"
    assert "record has 4 fields, the header has 8" in str(found[1])
    assert "byte 29 of line 8 (file byte offset 317)" in str(found[2])
    assert (DATA / "malformed.csv").read_bytes()[317:318] == b"\xe9"


def test_csv_missing_columns_is_one_file_level_error():
    found: list[CorpusError] = []
    assert (
        list(iter_articles(DATA / "missing_columns.csv", strict=False, problems=found))
        == []
    )
    assert len(found) == 1
    assert (found[0].line, found[0].field) == (1, "title")
    assert "lacks column(s) title, text" in str(found[0])


# ---------------------------------------------------------------- records


@pytest.mark.parametrize(
    "text, hit",
    [
        ("Rebels<p>said", (6, "<p>")),
        ("x <script src='a.js'></script>", (2, "<script src='a.js'>")),
        ("line<br/>break", (4, "<br/>")),
        ("Three&nbsp;people", (5, "&nbsp;")),
        ("It&#8217;s", (2, "&#8217;")),
        ("AT&T; said", None),  # not an HTML entity
        ("if x < y and y > z", None),
        ("the <Reuters> feed", None),  # not an HTML element name
    ],
)
def test_find_html(text, hit):
    assert find_html(text) == hit


def test_html_in_title_is_reported(tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text(
        json.dumps({**art().to_record(), "title": "Floods &amp; fires"}) + "\n"
    )
    with pytest.raises(CorpusError) as info:
        list(iter_articles(p))
    assert (info.value.line, info.value.field) == (1, "title")


def test_published_formats(tmp_path):
    p = tmp_path / "d.jsonl"
    recs = [
        {**art("a").to_record(), "published": "2019-08-21T23:10:00Z"},
        {**art("b").to_record(), "published": "2019-08-21 10:00:00"},
        {**art("c").to_record(), "published": 20190821},
    ]
    p.write_text("".join(json.dumps(r) + "\n" for r in recs))
    found: list[CorpusError] = []
    got = list(iter_articles(p, strict=False, problems=found))
    assert [a.published for a in got] == [dt.date(2019, 8, 21)] * 2
    assert (found[0].line, found[0].field) == (3, "published")
    assert "expected a string, got number" in str(found[0])


# ---------------------------------------------------------------- scraped .txt


def test_scraped_variants():
    assert problems_of(DATA / "scraped") == [
        (5, "published"),
        (9, "text"),  # <br> on line 9 of html_left.txt
        (3, "outlet"),
    ]
    (a,) = iter_articles(DATA / "scraped", strict=False, problems=[])
    assert a.doc_id == "crlf_no_credit" and a.outlet == "Example Wire"
    assert a.title == "Floods Cut Off Northern Valley"
    assert a.published == dt.date(2024, 3, 2)
    assert a.url == "https://example.org/floods"
    # no photo credit after the date: the first body line stays; CRLF gone; each line
    # is a paragraph; the promo line is dropped from text but kept in annotations
    assert a.text == (
        "More than 300 families left their homes, the regional authority said.\n\n"
        '"The water came at night," said one resident.\n\n'
        "A second line of the same paragraph block."
    )
    assert "photo_credit" not in a.annotations
    assert a.annotations["related_articles"] == [
        "Related articles: Rain Forecast for the Week"
    ]


@pytest.mark.skipif(not SEED.is_file(), reason="seed article ../shared/seeds absent")
def test_seed_article():
    (a,) = iter_articles(SEED)
    assert a.doc_id == "000_477a7e3c0f523f6d"
    assert (
        a.title
        == "Tens of Thousands Flee Russian-Led Attack on Syrian Opposition Enclave"
    )
    assert a.outlet == "Reuters"
    assert a.published == dt.date(2019, 8, 21)
    assert a.url == (
        "https://www.themoscowtimes.com/2019/08/21/tens-of-thousands-flee-russian-led-"
        "onslaught-on-syrian-opposition-enclave-a66960"
    )
    assert a.text.startswith("Ten of thousands of people have fled to Syria's border")
    assert "Related article" not in a.text
    assert "Alkharboutli" not in a.text and "TASS" not in a.text
    assert "Original url" not in a.text and "themoscowtimes" not in a.text
    assert a.text.endswith("fighting jihadist militants drawn from across the world.")
    paras = a.text.split("\n\n")
    assert (
        len(paras) == 22 and paras[11] == "Mercenaries"
    )  # subheading kept as a paragraph
    assert all(p == p.strip() and p for p in paras)
    assert a.annotations["photo_credit"] == "Anas Alkharboutli / dpa / TASS"
    assert len(a.annotations["related_articles"]) == 2
    # the folder gives the same article, and parsing is reproducible
    assert list(iter_articles(SEED.parent)) == [a]
    assert next(iter_articles(SEED)).text == a.text


# ---------------------------------------------------------------- BASIL


def _basil_file(folder: Path, year: str, stem: str, source: str) -> None:
    d = folder / "articles" / year
    d.mkdir(parents=True, exist_ok=True)
    data = {
        "title": "Steele Criticized",
        "date": "2010-07-02",
        "url": "http://example.org/x",
        "source": source,
        "triplet-uuid": "t1",
        "uuid": "u-" + stem,
        "word-count": 6,
        "main-event": "E",
        "body-paragraphs": [["One sentence.", "Two sentence."], ["Three."]],
    }
    (d / f"{stem}.json").write_text(json.dumps(data), encoding="utf-8")


def test_basil_native_layout_small(tmp_path):
    _basil_file(tmp_path, "2010", "t1_1", "FOX")
    _basil_file(tmp_path, "2010", "t1_2", "nyt")
    assert source_kind(tmp_path) == "basil"
    a, b = iter_articles(tmp_path)
    assert (a.doc_id, a.outlet, a.event_id, b.outlet) == ("t1_1", "fox", "t1", "nyt")
    assert a.text == "One sentence. Two sentence.\n\nThree."
    assert a.annotations["word_count"] == 6 and a.annotations["dataset"] == "basil"


@pytest.mark.skipif(
    not (SHARED / "basil" / "basil.jsonl.gz").is_file(),
    reason="shared BASIL data absent",
)
def test_basil_native_equals_basil_jsonl():
    native = list(iter_articles(SHARED / "basil"))
    normalised = list(iter_articles(SHARED / "basil" / "basil.jsonl.gz"))
    assert len(native) == len(normalised) == 150
    key = operator.attrgetter("doc_id")
    # equal on every field but annotations (doc_id, outlet, event_id, date, title, text, url)
    assert sorted(native, key=key) == sorted(normalised, key=key)
    assert {a.outlet for a in native} == {"fox", "nyt", "hpo"}
    assert len({a.event_id for a in native}) == 50
    assert summarize(SHARED / "basil")["outlets"] == {"fox": 50, "hpo": 50, "nyt": 50}


# ---------------------------------------------------------------- corpus folders


def test_bad_corpus_folder():
    problems = validate(DATA / "bad_corpus")
    got = [(Path(e.path).name, e.line, e.field) for e in problems]
    assert got == [
        ("corpus.yml", None, "licence"),
        ("corpus.yml", None, "provenance"),
        ("articles.jsonl", 2, "outlet"),  # 'hearld' is not in the outlets table
        ("articles.jsonl", 3, "event_id"),  # 'ev2' is not in the events table
    ]
    with pytest.raises(
        CorpusError, match="outlet 'hearld' is not in the outlets table"
    ):
        load_corpus(DATA / "bad_corpus")
    c = load_corpus(DATA / "bad_corpus", strict=False)
    assert [a.doc_id for a in c] == ["ev1-herald"] and len(c.problems) == 2
    assert c.name == "bad-demo" and c.codebook_path is None
    assert set(c.outlets) == {"herald", "post"} and c.events["ev1"]["title"]


def test_corpus_yml_errors(tmp_path):
    write_corpus([art()], tmp_path / "c", meta={"licence": "CC0-1.0"})
    (tmp_path / "c" / "corpus.yml").write_text("name: c\noutlets: [\n")
    with pytest.raises(CorpusError) as info:
        load_corpus(tmp_path / "c")
    assert info.value.path.endswith("corpus.yml") and "invalid YAML" in str(info.value)
    (tmp_path / "c" / "corpus.yml").write_text("name: c\nactors: codes.yml\n")
    with pytest.raises(CorpusError, match="codebook 'codes.yml' not found") as info:
        load_corpus(tmp_path / "c")
    assert info.value.field == "actors"


def test_codebook_path_default_and_named(tmp_path):
    d = write_corpus([art()], tmp_path / "c", meta={})
    assert load_corpus(d).codebook_path is None
    (d / "actors.yml").write_text("actors: {}\n")
    assert load_corpus(d).codebook_path == d / "actors.yml"
    (d / "codes.yml").write_text("actors: {}\n")
    (d / "corpus.yml").write_text("name: c\nactors: codes.yml\n")
    assert load_corpus(d).codebook_path == d / "codes.yml"


def test_load_corpus_api(tmp_path):
    arts = [
        art("a1", "herald", 2, "One two three.", event_id="ev1", url="https://e.org/1"),
        art("a2", "post", 3, "Four five.", event_id="ev1", byline="J. Doe"),
    ]
    d = write_corpus(arts, tmp_path / "demo2", meta={"name": "demo2"})
    c = load_corpus(d)
    assert isinstance(c, Corpus) and c.name == "demo2" and len(c) == 2
    assert list(c) == arts and c.get("a2").byline == "J. Doe"
    with pytest.raises(KeyError, match="no article 'zz'"):
        c.get("zz")
    df = c.articles_frame()
    assert list(df.columns) == [
        "doc_id",
        "outlet",
        "event_id",
        "published",
        "title",
        "n_words",
        "url",
    ]
    assert df["n_words"].tolist() == [3, 2]
    assert str(df["published"].dtype).startswith("datetime64")
    assert c.checksum == checksum(d) and len(c.checksum) == 64


def test_checksum_covers_articles_and_meta(tmp_path):
    d = write_corpus([art()], tmp_path / "c", meta={"licence": "CC0-1.0"})
    before = checksum(d)
    import hashlib

    expected = hashlib.sha256(
        (d / "articles.jsonl").read_bytes() + (d / "corpus.yml").read_bytes()
    ).hexdigest()
    assert before == expected
    (d / "corpus.yml").write_text("name: c\nlicence: CC-BY-4.0\n")
    assert checksum(d) != before


def test_summarize_counts(tmp_path):
    arts = [
        art("a1", "herald", 2, "One two three.", event_id="ev1"),
        art("a2", "post", 3, "Four five.", event_id="ev1"),
        art("a3", "herald", 30, "Six seven eight nine.", event_id="ev2"),
        Article("a4", "post", dt.date(2024, 4, 1), "", "Ten.", event_id=None),
    ]
    d = write_corpus(arts, tmp_path / "s", meta={"name": "sum"})
    s = summarize(d)
    json.dumps(s)  # JSON-able
    assert s["name"] == "sum" and s["articles"] == 4 and s["kind"] == "folder"
    assert s["outlets"] == {"herald": 2, "post": 2}
    assert s["events"] == {"ev1": 2, "ev2": 1} and s["articles_without_event"] == 1
    assert s["dates"] == {
        "min": "2024-03-02",
        "max": "2024-04-01",
        "by_month": {"2024-03": 3, "2024-04": 1},
    }
    assert s["tokens"] == {"total": 10, "by_outlet": {"herald": 7, "post": 3}}
    assert s["problems"] == [] and s["checksum"] == checksum(d)


def test_summarize_lists_problems():
    s = summarize(DATA / "malformed.jsonl")
    assert s["articles"] == 2 and len(s["problems"]) == 10
    assert s["problems"][0].endswith(
        "malformed.jsonl:2: field 'outlet': missing required field"
    )


# ---------------------------------------------------------------- writing


def test_write_corpus_refuses_non_empty_dest_and_overwrites_on_request(tmp_path):
    d = write_corpus([art("a1")], tmp_path / "c", meta={})
    with pytest.raises(CorpusError, match="exists and is not empty"):
        write_corpus([art("b1")], d, meta={})
    assert [a.doc_id for a in iter_articles(d)] == ["a1"]
    write_corpus([art("b1")], d, meta={}, overwrite=True)
    assert [a.doc_id for a in iter_articles(d)] == ["b1"]
    (tmp_path / "empty").mkdir()
    write_corpus([art("e1")], tmp_path / "empty", meta={})  # an empty folder is fine
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "empty"]  # no temp left


def test_write_corpus_is_atomic_on_bad_article(tmp_path):
    bad = [art("a1"), art("a1")]  # duplicate id: the written corpus would not load
    with pytest.raises(CorpusError, match="duplicate doc_id 'a1'"):
        write_corpus(bad, tmp_path / "c", meta={})
    with pytest.raises(CorpusError, match="HTML left in text"):
        write_corpus([art("a1", text="<p>x</p>")], tmp_path / "c", meta={})
    assert list(tmp_path.iterdir()) == []  # neither dest nor a temporary folder


def test_write_corpus_checks_meta_tables(tmp_path):
    meta = {"outlets": [{"id": "herald"}]}
    with pytest.raises(CorpusError, match="outlet 'post' is not in the outlets table"):
        write_corpus([art("a1", "post")], tmp_path / "c", meta=meta)


@pytest.mark.skipif(not SEED.is_file(), reason="seed article ../shared/seeds absent")
def test_convert_seed_folder(tmp_path):
    dest = convert(SEED.parent, tmp_path / "seed", name="seed")
    c = load_corpus(dest)
    assert c.name == "seed" and [a.doc_id for a in c] == ["000_477a7e3c0f523f6d"]
    assert c.meta["provenance"]["format"] == "txt_folder"
    assert c.meta["provenance"]["sha256"] == checksum(SEED.parent)
    assert list(c) == list(iter_articles(SEED))
    with pytest.raises(CorpusError, match="not empty"):
        convert(SEED.parent, dest)


def test_convert_corpus_folder_keeps_meta_and_codebook(tmp_path):
    src = write_corpus(
        [art()], tmp_path / "src", meta={"name": "src", "licence": "CC0-1.0"}
    )
    (src / "actors.yml").write_text("actors: {Northland: {aliases: [Nordstadt]}}\n")
    dest = convert(src, tmp_path / "copy")
    c = load_corpus(dest)
    assert c.meta == {"name": "src", "licence": "CC0-1.0"}
    assert c.codebook_path == dest / "actors.yml"
    assert (dest / "actors.yml").read_bytes() == (src / "actors.yml").read_bytes()


def test_convert_lenient_lists_problems(tmp_path):
    found: list[CorpusError] = []
    dest = convert(DATA / "malformed.csv", tmp_path / "c", strict=False, problems=found)
    assert [a.doc_id for a in iter_articles(dest)] == ["c1", "c4", "c6"]
    assert len(found) == 3


def test_unknown_sources(tmp_path):
    with pytest.raises(CorpusError, match="unknown source type"):
        list(iter_articles(tmp_path / "x.parquet"))
    with pytest.raises(CorpusError, match="no such file"):
        list(iter_articles(tmp_path / "x.jsonl"))
    with pytest.raises(CorpusError, match="no .txt files"):
        list(iter_articles(tmp_path))
    assert len(validate(tmp_path / "x.jsonl")) == 1


# ---------------------------------------------------------------- round trips (hypothesis)

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200
).filter(lambda s: s.strip() and find_html(s) is None)
_opt = st.none() | st.text(
    alphabet=string.ascii_letters + string.digits + "-_/:.", min_size=1
)


@st.composite
def articles(draw):
    n = draw(st.integers(min_value=1, max_value=6))
    ids = draw(st.lists(_text, min_size=n, max_size=n, unique=True))
    out = []
    for doc_id in ids:
        title = draw(st.just("") | _text)
        out.append(
            Article(
                doc_id=doc_id,
                outlet=draw(_text),
                published=draw(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))),
                title=title,
                text=draw(_text),
                url=draw(_opt),
                event_id=draw(_opt),
                byline=draw(st.none() | _text),
            )
        )
    return out


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(arts=articles())
def test_round_trip_write_corpus_iter_articles(tmp_path, arts):
    dest = tmp_path / f"rt{abs(hash(tuple(a.doc_id for a in arts)))}"
    write_corpus(arts, dest, meta={"name": "rt"}, overwrite=True)
    back = list(iter_articles(dest))
    assert back == arts
    assert [a.text for a in back] == [
        a.text for a in arts
    ]  # exact, incl. CR, NBSP, quotes


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(arts=articles())
def test_round_trip_csv(tmp_path, arts):
    # CSV cannot tell "" from null in optional columns; the strategy never makes "".
    assume(all("\x00" not in a.text + a.title + a.doc_id + a.outlet for a in arts))
    p = tmp_path / "rt.csv"
    write_csv(arts, p)
    back = [x[0] for x in read_csv(p)]
    assert back == arts
