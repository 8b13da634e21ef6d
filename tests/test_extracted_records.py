"""Dumps the ecosystem already writes: Common Crawl WET text, and articles extracted by other
tools (news-please, trafilatura, datatrove/FineWeb, schema.org NewsArticle, Parquet rows),
whose bodies are stored as given."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.warcwriter import WARCWriter

from flows.ingest import ingest
from tasks.errors import KabarError
from tasks.read.discover import describe
from tasks.read.readers import read_records
from tasks.read.shapes import parse_field_map
from tasks.records import RawRecord, Reason, Rejected
from tests.conftest import SEED_PAGE

# Bodies in the styles agencies write, each naming a leader a known number of times.
BODIES = {
    "summit": (
        "Indian Prime Minister Narendra Modi arrived in Paris on Tuesday for two days of talks "
        "with French President Emmanuel Macron on defence and trade.\n"
        "Modi and Macron are expected to sign an agreement on jet engines, officials in New "
        "Delhi said, after a year of negotiations between the two governments.\n"
        "The visit is Modi's third to France since 2023."
    ),
    "grain": (
        "Ukrainian President Volodymyr Zelensky said on Wednesday that grain shipments from "
        "Odesa had resumed after a week of drone attacks on the port.\n"
        "Zelensky thanked Turkish officials for their help with the inspection of vessels in "
        "the Bosphorus, where more than forty ships were waiting.\n"
        "Exporters said insurance costs for the route had doubled since the summer."
    ),
    "jakarta": (
        "Presiden Prabowo Subianto meresmikan bendungan baru di Jawa Barat pada hari Kamis, "
        "yang diharapkan mengairi lebih dari dua puluh ribu hektare sawah.\n"
        "Prabowo mengatakan proyek itu selesai tiga bulan lebih cepat dari jadwal, dan "
        "pemerintah akan membangun dua bendungan lagi tahun depan.\n"
        "Petani di sekitar lokasi menyambut baik peresmian tersebut."
    ),
    "seoul": (
        "North Korean leader Kim Jong-un oversaw the test of a new artillery system, state "
        "media said on Friday, days before joint drills in the South.\n"
        "Kim called the weapon a warning to those who threaten the country, the agency said, "
        "while Seoul said it was watching the border closely.\n"
        "Analysts said the test followed a pattern seen before earlier drills."
    ),
}


def wet_bytes(records: list[tuple[str, str, str]]) -> bytes:
    """A gzipped WET file as Common Crawl writes it: a warcinfo record, then one `conversion`
    record of text/plain per page (url, fetch time, text)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(
        writer.create_warcinfo_record(
            "CC-MAIN-20260105-00000.warc.wet.gz",
            {"software": "Apache Nutch", "description": "Wide crawl of the web"},
        )
    )
    for url, date, text in records:
        writer.write_record(
            writer.create_warc_record(
                url,
                "conversion",
                payload=io.BytesIO(text.encode("utf-8")),
                warc_content_type="text/plain",
                warc_headers_dict={"WARC-Date": date, "WARC-Identified-Content-Language": "eng"},
            )
        )
    return buffer.getvalue()


def read(path: Path, fields: tuple[tuple[str, str], ...] = ()) -> list[RawRecord | Rejected]:
    from dataclasses import replace

    return list(read_records(replace(describe(path), fields=fields)))


def news_please(key: str, url: str, published: str) -> dict:
    return {
        "authors": ["Amélie Durand", "Rahul Mehta"],
        "date_download": "2026-02-10 12:00:00",
        "date_modify": None,
        "date_publish": published,
        "description": BODIES[key].split("\n")[0],
        "filename": "https%3A%2F%2Fwww.northgazette.com%2Fworld%2Fmodi-paris.json",
        "image_url": "https://www.northgazette.com/img/modi.jpg",
        "language": "en",
        "localpath": None,
        "maintext": BODIES[key],
        "source_domain": "www.northgazette.com",
        "title": "Modi in Paris for talks with Macron",
        "title_page": None,
        "title_rss": None,
        "url": url,
    }


def datatrove_rows() -> list[dict]:
    """Rows as datatrove writes them (FineWeb's shape): a crawl date, not a publication date."""
    return [
        {
            "text": BODIES["grain"],
            "id": "<urn:uuid:3f2a9c1e-0b7d-4c55-9e61-1d2f8a7b6c01>",
            "metadata": {
                "dump": "CC-MAIN-2026-05",
                "url": "https://www.blacksea-post.com/business/grain-odesa",
                "date": "2026-01-28T04:12:55Z",
                "language": "en",
                "language_score": 0.97,
            },
        },
        {
            "text": BODIES["jakarta"],
            "id": "<urn:uuid:3f2a9c1e-0b7d-4c55-9e61-1d2f8a7b6c02>",
            "metadata": {
                "dump": "CC-MAIN-2026-05",
                "url": "https://www.kabarpagi.co.id/nasional/bendungan-baru",
                "date": "2026-01-29T19:40:02Z",
                "language": "id",
                "language_score": 0.99,
            },
        },
    ]


def test_wet_conversion_records_are_text_scrapes_with_their_url_and_fetch_time(tmp_path: Path):
    path = tmp_path / "CC-MAIN-20260105-00000.warc.wet.gz"
    path.write_bytes(
        wet_bytes(
            [
                ("https://www.northgazette.com/a", "2026-01-06T08:00:00Z", BODIES["summit"]),
                ("https://www.eastwire.com/b", "2026-01-07T09:30:00Z", BODIES["seoul"]),
            ]
        )
    )
    first, second = read(path)
    assert isinstance(first, RawRecord) and isinstance(second, RawRecord)
    assert (first.position, first.kind, first.url, first.fetched_at) == (
        0,
        "text",
        "https://www.northgazette.com/a",
        "2026-01-06T08:00:00Z",
    )
    assert first.content.decode() == BODIES["summit"]
    assert (second.position, second.url) == (1, "https://www.eastwire.com/b")


@pytest.mark.parametrize("name", ["crawl.wet", "crawl.warc.wet", "crawl.wet.gz", "download"])
def test_wet_files_are_recognised_by_name_and_by_content(tmp_path: Path, name: str):
    data = wet_bytes([("https://www.eastwire.com/b", "2026-01-07T09:30:00Z", BODIES["seoul"])])
    path = tmp_path / name
    path.write_bytes(data if name.endswith(".gz") or name == "download" else gzip.decompress(data))
    found = describe(path)
    [record] = read(path)
    assert found.format == "warc"
    assert isinstance(record, RawRecord) and record.kind == "text"


def test_each_article_shape_is_read_with_its_fields(tmp_path: Path):
    (tmp_path / "np.jsonl").write_text(
        json.dumps(
            news_please(
                "summit", "https://www.northgazette.com/world/modi-paris", "2026-02-10 09:15:00"
            )
        )
        + "\n"
    )
    [record] = read(tmp_path / "np.jsonl")
    assert isinstance(record, RawRecord)
    assert (record.kind, record.extracted_by, record.title, record.published_at) == (
        "article",
        "news-please",
        "Modi in Paris for talks with Macron",
        "2026-02-10 09:15:00",
    )
    assert (record.author, record.language, record.fetched_at) == (
        "Amélie Durand, Rahul Mehta",
        "en",
        "2026-02-10 12:00:00",
    )
    assert record.content.decode() == BODIES["summit"]


def test_an_unknown_shape_is_one_reject_naming_its_fields(tmp_path: Path):
    path = tmp_path / "export.jsonl"
    row = {"content": BODIES["seoul"], "heading": "Kim oversees test", "link": "https://x.com/a"}
    path.write_text(json.dumps(row) + "\n")
    [reject] = read(path)
    assert isinstance(reject, Rejected) and reject.reason == Reason.MISSING_FIELD
    assert "it has 'content', 'heading', 'link'" in reject.detail
    assert "--fields" in reject.detail


def test_fields_name_the_mapping_of_any_other_shape(tmp_path: Path):
    path = tmp_path / "export.jsonl"
    row = {
        "content": BODIES["seoul"],
        "heading": "Kim oversees artillery test",
        "link": "https://www.eastwire.com/asia/kim-artillery",
        "meta": {"published": "2026-02-13T06:00:00+09:00", "lang": "en-US"},
    }
    path.write_text(json.dumps(row) + "\n")
    fields = parse_field_map(
        "body=content, title=heading, url=link, published=meta.published, language=meta.lang"
    )
    [record] = read(path, fields)
    assert isinstance(record, RawRecord)
    assert (record.extracted_by, record.title, record.url, record.language) == (
        "fields",
        "Kim oversees artillery test",
        "https://www.eastwire.com/asia/kim-artillery",
        "en",
    )
    assert record.published_at == "2026-02-13T06:00:00+09:00"


@pytest.mark.parametrize(
    ("spec", "problem"),
    [("title=heading", "must name the body"), ("body", "is not FIELD=RECORD_FIELD")],
)
def test_a_bad_field_mapping_says_how_to_write_one(spec: str, problem: str):
    with pytest.raises(KabarError, match=problem):
        parse_field_map(spec)


def test_a_text_record_without_other_signs_is_still_a_page_scrape(tmp_path: Path):
    path = tmp_path / "scrapes.jsonl"
    row = {"url": "https://www.eastwire.com/b", "text": BODIES["seoul"], "title": "Kim"}
    path.write_text(json.dumps(row) + "\n")
    [record] = read(path)
    assert isinstance(record, RawRecord) and (record.kind, record.extracted_by) == ("text", None)


def test_parquet_rows_are_read_in_batches_with_their_row_numbers(tmp_path: Path, monkeypatch):
    monkeypatch.setattr("tasks.read.readers.PARQUET_BATCH_ROWS", 2)
    rows = datatrove_rows() * 3
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "part-00000.parquet", row_group_size=4)
    records = read(tmp_path / "part-00000.parquet")
    assert [r.position for r in records] == list(range(6))
    assert all(isinstance(r, RawRecord) and r.extracted_by == "datatrove" for r in records)
    assert [r.url for r in records[:2]] == [row["metadata"]["url"] for row in rows[:2]]


def test_parquet_inside_gzip_is_one_clear_reject(tmp_path: Path):
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(datatrove_rows()), buffer)
    (tmp_path / "rows.parquet.gz").write_bytes(gzip.compress(buffer.getvalue()))
    [reject] = read(tmp_path / "rows.parquet.gz")
    assert isinstance(reject, Rejected) and reject.reason == Reason.UNSUPPORTED_FORMAT
    assert "plain .parquet file" in reject.detail


def test_a_damaged_parquet_file_is_a_reject(tmp_path: Path):
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(datatrove_rows()), buffer)
    (tmp_path / "rows.parquet").write_bytes(buffer.getvalue()[:-200])
    [reject] = read(tmp_path / "rows.parquet")
    assert isinstance(reject, Rejected) and reject.reason == Reason.TRUNCATED


@pytest.fixture
def shapes(tmp_path: Path) -> Path:
    """One dump folder with a file in every shape."""
    root = tmp_path / "dumps"
    root.mkdir()
    (root / "CC-MAIN-20260105-00000.warc.wet.gz").write_bytes(
        wet_bytes(
            [
                (
                    "https://www.eastwire.com/asia/kim-artillery",
                    "2026-02-13T07:00:00Z",
                    "Eastwire\nHome | Asia | World\nKim oversees artillery test\n"
                    "13 February 2026\n" + BODIES["seoul"] + "\nShare this story\n",
                ),
                (
                    "https://www.eastwire.com/asia/tags",
                    "2026-02-13T07:05:00Z",
                    "Eastwire\nHome | Asia | World\nTags\nAsia\nWorld\nSport\n",
                ),
            ]
        )
    )
    (root / "news-please.jsonl").write_text(
        json.dumps(
            news_please(
                "summit", "https://www.northgazette.com/world/modi-paris", "2026-02-10 09:15:00"
            )
        )
        + "\n"
    )
    trafilatura = {
        "title": "Zelensky: grain ships sail again",
        "author": "Olena Bondar",
        "hostname": "blacksea-post.com",
        "date": "2026-01-27",
        "categories": "",
        "tags": "",
        "fingerprint": "f1c3a0b2",
        "id": None,
        "license": None,
        "comments": "",
        "raw_text": BODIES["grain"].replace("\n", " "),
        "text": BODIES["grain"],
        "language": None,
        "image": None,
        "pagetype": "article",
        "source": "https://www.blacksea-post.com/news/zelensky-grain",
        "source-hostname": "Black Sea Post",
        "excerpt": None,
    }
    (root / "trafilatura.jsonl").write_text(json.dumps(trafilatura) + "\n")
    (root / "datatrove.jsonl").write_text(
        "\n".join(json.dumps(row) for row in datatrove_rows()) + "\n"
    )
    newsarticle = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Prabowo resmikan bendungan di Jawa Barat",
        "datePublished": "2026-01-29T10:00:00+07:00",
        "dateModified": "2026-01-29T12:00:00+07:00",
        "url": "https://www.harianutara.co.id/nasional/bendungan",
        "inLanguage": "id-ID",
        "author": [{"@type": "Person", "name": "Siti Rahma"}],
        "articleBody": BODIES["jakarta"],
    }
    (root / "zyte-article.json").write_text(json.dumps(newsarticle, indent=2))
    (root / "unknown.jsonl").write_text(json.dumps({"body_html": "<p>x</p>", "name": "x"}) + "\n")
    return root


@pytest.mark.usefixtures("prefect_server")
def test_every_shape_lands_where_expected(shapes: Path, db_path: Path):
    summary = ingest([str(shapes)], db=str(db_path), workers=0)

    assert summary.reconciles
    with duckdb.connect(str(db_path), read_only=True) as con:
        articles = con.execute(
            """select extracted_by, url, site, title, author, published_at::varchar,
            date_source, fetched_at::varchar, language
            from articles order by extracted_by, url"""
        ).fetchall()
        mentions = con.execute(
            """select articles.extracted_by, mentions.leader, mentions.mention_count
            from mentions join articles using (article_id) order by all"""
        ).fetchall()
        rejects = con.execute(
            """select files.path, records.position, records.reason, records.detail
            from records join files using (file_id) where outcome = 'reject' order by all"""
        ).fetchall()
    by_source = {row[0]: row[1:] for row in articles if row[0] != "datatrove"}
    assert by_source["news-please"] == (
        "https://www.northgazette.com/world/modi-paris",
        "northgazette.com",
        "Modi in Paris for talks with Macron",
        "Amélie Durand, Rahul Mehta",
        "2026-02-10 09:15:00+00",
        "dump",
        "2026-02-10 12:00:00+00",
        "en",
    )
    assert by_source["trafilatura"] == (
        "https://www.blacksea-post.com/news/zelensky-grain",
        "blacksea-post.com",
        "Zelensky: grain ships sail again",
        "Olena Bondar",
        "2026-01-27 00:00:00+00",
        "dump",
        None,
        "en",
    )
    assert by_source["schema.org"] == (
        "https://www.harianutara.co.id/nasional/bendungan",
        "harianutara.co.id",
        "Prabowo resmikan bendungan di Jawa Barat",
        "Siti Rahma",
        "2026-01-29 03:00:00+00",
        "dump",
        None,
        "id",
    )
    # A crawl's date is when the page was fetched, not when it was published.
    datatrove = [row[1:] for row in articles if row[0] == "datatrove"]
    assert [(url, published, fetched, language) for url, _, _, _, published, _, fetched, language in datatrove] == [
        ("https://www.blacksea-post.com/business/grain-odesa", None, "2026-01-28 04:12:55+00", "en"),
        ("https://www.kabarpagi.co.id/nasional/bendungan-baru", None, "2026-01-29 19:40:02+00", "id"),
    ]  # fmt: skip
    assert by_source["text"][0] == "https://www.eastwire.com/asia/kim-artillery"
    assert by_source["text"][6] == "2026-02-13 07:00:00+00"
    assert ("news-please", "Narendra Modi", 3) in mentions
    assert ("news-please", "Emmanuel Macron", 2) in mentions
    assert ("text", "Kim Jong-un", 2) in mentions
    # The grain and dam stories come twice (datatrove, then trafilatura and schema.org): each is
    # one story with one copy.
    assert (summary.articles_new, summary.duplicates) == (4, 2)
    assert [(Path(path).name, position, reason) for path, position, reason, _ in rejects] == [
        ("CC-MAIN-20260105-00000.warc.wet.gz", 1, "no_article"),
        ("unknown.jsonl", 0, "missing_field"),
    ]
    assert "it has 'body_html', 'name'" in rejects[1][3]


@pytest.mark.usefixtures("prefect_server")
def test_the_same_rows_as_jsonl_and_parquet_give_the_same_articles(tmp_path: Path):
    jsonl = tmp_path / "jsonl" / "rows.jsonl"
    parquet = tmp_path / "parquet" / "rows.parquet"
    jsonl.parent.mkdir()
    parquet.parent.mkdir()
    jsonl.write_text("\n".join(json.dumps(row) for row in datatrove_rows()) + "\n")
    pq.write_table(pa.Table.from_pylist(datatrove_rows()), parquet)
    stored = []
    for folder in (jsonl.parent, parquet.parent):
        db = tmp_path / f"{folder.name}.duckdb"
        ingest([str(folder)], db=str(db), workers=0)
        with duckdb.connect(str(db), read_only=True) as con:
            stored.append(
                con.execute(
                    """select position, url, title, published_at, fetched_at, language, body,
                    extracted_by from articles order by position"""
                ).fetchall()
            )
    assert len(stored[0]) == 2 and stored[0] == stored[1]


@pytest.mark.usefixtures("prefect_server")
def test_a_store_made_before_gains_extracted_by(shapes: Path, tmp_path: Path, db_path: Path):
    first = tmp_path / "first"
    first.mkdir()
    (first / "zyte-article.json").write_bytes((shapes / "zyte-article.json").read_bytes())
    ingest([str(first)], db=str(db_path), workers=0)
    with duckdb.connect(str(db_path)) as con:
        con.execute("alter table articles drop column extracted_by")
    for stale in db_path.parent.glob("*.work.duckdb"):
        stale.unlink()

    ingest([str(shapes / "news-please.jsonl")], db=str(db_path), workers=0)

    with duckdb.connect(str(db_path), read_only=True) as con:
        rows = con.execute("select extracted_by from articles order by article_id").fetchall()
    assert rows == [(None,), ("news-please",)]


@pytest.mark.usefixtures("prefect_server")
def test_the_seed_page_as_a_wet_record_gives_the_same_article_as_its_text_file(tmp_path: Path):
    if not SEED_PAGE.exists():
        pytest.skip(f"seed page not found at {SEED_PAGE}")
    # Built here from the seed file, which stays outside the repository.
    wet = tmp_path / "wet" / "seed.warc.wet.gz"
    wet.parent.mkdir()
    url = "https://international.sindonews.com/read/1204567/"
    wet.write_bytes(
        wet_bytes([(url, "2023-09-16T03:00:00Z", SEED_PAGE.read_text(encoding="utf-8"))])
    )
    stored = []
    for path in (SEED_PAGE, wet):
        db = tmp_path / f"{path.name}.duckdb"
        summary = ingest([str(path)], db=str(db), workers=0)
        assert (summary.records_seen, summary.articles_new) == (1, 1)
        with duckdb.connect(str(db), read_only=True) as con:
            article = con.execute(
                "select title, published_at, body, extracted_by from articles"
            ).fetchone()
            mentions = dict(con.execute("select leader, mention_count from mentions").fetchall())
        stored.append((article, mentions))
    (text_article, text_mentions), (wet_article, wet_mentions) = stored
    assert wet_article == text_article
    assert wet_article[3] == "text"
    assert wet_mentions == text_mentions
    assert wet_mentions == {"Vladimir Putin": 5, "Alexander Lukashenko": 6, "Kim Jong-un": 5}
