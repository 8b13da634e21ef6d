"""A URL keys a story only when it names one article, and a page's versions stay one story."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

import tasks.dedup.stories as stories_module
import tasks.store.load as load_module
from tasks.dedup.similarity import fingerprint
from tasks.dedup.urls import refused_because, story_url
from tasks.extract.record import extract_record
from tasks.read.normalise import canonical_url
from tasks.records import Article, RawRecord
from tasks.settings import DEFAULT_NEAR_THRESHOLD
from tasks.store.database import open_store
from tasks.store.load import load_batch
from tests.test_cli import run
from tests.test_load import article

NOW = datetime(2026, 3, 10, tzinfo=UTC)
T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)

RATES = [
    "The central bank kept its policy rate at 6.25 percent on Thursday, the third hold in a row.",
    "Governor Sari Wibowo told reporters that food prices were still too high to ease policy.",
    "Most economists surveyed before the meeting had expected the board to leave rates unchanged.",
    "The currency strengthened slightly in late trade after the decision was announced.",
    "The bank said it would keep buying government bonds to steady long-term borrowing costs.",
    "Its next meeting is due in the third week of April, when new growth figures will be out.",
]
FLOOD = [
    "Floodwater rose above the rooftops of two riverside villages overnight after days of rain.",
    "Rescue teams in rubber boats moved hundreds of families to schools on higher ground.",
    "The regional disaster agency said three bridges had been washed away and roads were cut.",
    "Residents said the river had never risen so fast, even in the floods of ten years ago.",
    "Forecasters expect more heavy rain over the weekend across the mountains upstream.",
    "The governor promised emergency funds for rebuilding once the water has gone down.",
]
UPDATE = "Late on Thursday the finance minister welcomed the decision as prudent and well timed."


def page(
    position: int, url: str, sentences: list[str], canonical: str | None, hours: int = 0
) -> Article:
    """An extracted page whose template declared `canonical` (None: its own URL)."""
    made = article(
        "pages", position, url, "\n\n".join(sentences), published_at=T0 + timedelta(hours=hours)
    )
    return replace(made, canonical_url=canonical_url(canonical or url))


def crawled(position: int, url: str, title: str, sentences: list[str], canonical: str) -> Article:
    """A page as a CMS with a broken template serves it: its canonical and og:url both say
    `canonical`, whatever the article."""
    html = (
        "<!doctype html><html lang='id'><head><meta charset='utf-8'>"
        f"<title>{title} | Harian Contoh</title>"
        f"<link rel='canonical' href='{canonical}'>"
        f"<meta property='og:url' content='{canonical}'>"
        f"<meta property='og:title' content='{title}'>"
        "<meta property='article:published_time' content='2026-03-02T07:00:00+07:00'>"
        "</head><body><header><nav><a href='/'>Beranda</a> <a href='/nasional'>Nasional</a>"
        f"</nav></header><main><article><h1>{title}</h1>"
        + "".join(f"<p>{sentence}</p>" for sentence in sentences)
        + "</article></main><footer>© 2026 Harian Contoh</footer></body></html>"
    )
    outcome = extract_record(RawRecord("pages", position, "html", html.encode(), url=url))
    assert isinstance(outcome, Article), outcome
    return replace(outcome, fingerprint=fingerprint(outcome.body, DEFAULT_NEAR_THRESHOLD))


@pytest.mark.parametrize(
    ("canonical", "reason"),
    [
        ("https://www.harian-contoh.co.id/", "root"),
        ("https://www.harian-contoh.co.id/nasional/", "section"),
    ],
)
def test_crawled_pages_whose_template_names_the_front_page_stay_apart(memory_db, canonical, reason):
    rates = crawled(
        0,
        "https://www.harian-contoh.co.id/ekonomi/2026/03/02/rate-hold",
        "Rate held",
        RATES,
        canonical,
    )
    flood = crawled(
        1,
        "https://www.harian-contoh.co.id/daerah/2026/03/02/flood",
        "Villages flooded",
        FLOOD,
        canonical,
    )
    load_batch(memory_db, "r1", [rates, flood], [], NOW)
    assigned = story_of(memory_db)
    assert assigned[0] != assigned[1]
    assert memory_db.execute("select count(*) from article_links").fetchone() == (0,)
    refused = memory_db.execute("select site, reason, articles from refused_canonicals").fetchall()
    assert refused == [("harian-contoh.co.id", reason, 2)]


def story_of(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    rows = con.execute(
        "select records.position, article_clusters.cluster_id from records "
        "join article_clusters using (article_id) where records.file_id = 'pages'"
    ).fetchall()
    return dict(rows)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://harian.example/", "root"),
        ("https://harian.example/index.php", "root"),
        ("https://harian.example/nasional", "section"),
        ("https://harian.example/world/asia", "section"),
        ("https://news.example/korea", None),
        ("https://harian.example/tag/banjir", "tag"),
        ("https://harian.example/author/sari-wibowo", "author"),
        ("https://harian.example/search?q=banjir", "search"),
        ("https://harian.example/nasional/page/4", "pagination"),
        ("https://harian.example/?page=2", "pagination"),
        ("https://harian.example/?lang=en", "root"),
        ("https://harian.example/nasional?ref=menu", "section"),
        ("https://harian.example/nasional/2026/03/02/banjir-rendam-dua-desa", None),
        ("https://harian.example/read/2026030212345", None),
        ("https://harian.example/?p=48213", None),
        ("https://www.harbourledger.example/business/port-to-double-capacity-2029", None),
    ],
)
def test_the_shape_of_a_path_tells_whether_it_names_an_article(url, reason):
    assert refused_because(canonical_url(url)) == reason


@given(st.text(max_size=80))
def test_any_url_is_judged_without_error(text: str):
    assert refused_because(text) in {
        None,
        "root",
        "section",
        "tag",
        "author",
        "search",
        "pagination",
    }
    declared = canonical_url(text)
    key, refusal = story_url(declared, text)
    assert key is None or refused_because(key) is None
    assert refusal == (refused_because(declared) if declared else None)


@pytest.mark.parametrize(
    "canonical", ["https://harian.example/", "https://www.harian.example/nasional/"]
)
def test_front_page_and_section_canonicals_do_not_merge_unrelated_stories(memory_db, canonical):
    rates = page(0, "https://harian.example/ekonomi/2026/03/02/rate-hold", RATES, canonical)
    flood = page(1, "https://harian.example/daerah/2026/03/02/flood-villages", FLOOD, canonical)
    load_batch(memory_db, "r1", [rates], [], NOW)
    load_batch(memory_db, "r2", [flood], [], NOW)
    assigned = story_of(memory_db)
    assert assigned[0] != assigned[1]
    refused = memory_db.execute(
        "select site, reason, articles, site_articles, urls, top_url from refused_canonicals"
    ).fetchall()
    reason = refused_because(canonical_url(canonical))
    assert refused == [("example.com", reason, 2, 2, 1, canonical_url(canonical))]
    # Each page's own URL keys its story instead: a re-crawl of the rate page joins it by URL.
    again = page(
        2, "https://harian.example/ekonomi/2026/03/02/rate-hold", [*RATES, UPDATE], canonical, 4
    )
    load_batch(memory_db, "r3", [again], [], NOW)
    assert story_of(memory_db)[2] == assigned[0]
    method = memory_db.execute(
        "select method from records where file_id = 'pages' and position = 2"
    ).fetchone()
    assert method == ("url",)


def test_a_canonical_shared_by_unrelated_texts_is_a_recorded_conflict(memory_db):
    shared = "https://harian.example/2026/03/88412-berita-terkini"
    rates = page(0, "https://harian.example/r/1", RATES, shared)
    flood = page(1, "https://harian.example/r/2", FLOOD, shared, hours=2)
    load_batch(memory_db, "r1", [rates, flood], [], NOW)
    assigned = story_of(memory_db)
    assert assigned[0] != assigned[1]
    conflict = memory_db.execute(
        "select url, reason, other_id is not null, similarity < 0.3 from url_refusals"
    ).fetchall()
    assert conflict == [(shared, "url_conflict", True, True)] * 2
    # Once the store has seen the URL key unrelated texts, it keys no story: a third page
    # under it starts its own story, and the refusal says why.
    third = page(2, "https://harian.example/r/3", list(reversed(FLOOD))[:3] + RATES[:1], shared)
    load_batch(memory_db, "r2", [third], [], NOW)
    assert story_of(memory_db)[2] not in (assigned[0], assigned[1])
    reasons = memory_db.execute(
        "select reason, articles from refused_canonicals order by reason"
    ).fetchall()
    assert reasons == [("shared", 1), ("url_conflict", 2)]


@pytest.mark.parametrize(
    "edited",
    [
        # A correction: one figure in one sentence.
        [*RATES[:1], RATES[1], RATES[2].replace("Most", "Nearly all"), *RATES[3:]],
        # A paragraph added at the end.
        [*RATES, UPDATE],
        # A rewritten headline, and the lead made of it.
        ["Central bank holds rates as food prices bite", *RATES[1:]],
        # A live story that grew to twice its first text.
        [*RATES, UPDATE, *FLOOD[:5]],
    ],
    ids=["correction", "paragraph", "headline", "live"],
)
def test_a_changed_page_under_its_own_url_is_a_version_of_its_story(memory_db, edited):
    url = "https://harian.example/ekonomi/2026/03/02/rate-hold"
    load_batch(memory_db, "r1", [page(0, url, RATES, None)], [], NOW)
    load_batch(memory_db, "r2", [page(1, url, edited, None, hours=3)], [], NOW)
    assigned = story_of(memory_db)
    assert assigned[0] == assigned[1]
    versions = memory_db.execute(
        "select version, is_latest from article_versions order by version"
    ).fetchall()
    assert versions == [(1, False), (2, True)]
    assert memory_db.execute("select count(*) from url_refusals").fetchone() == (0,)


def test_an_older_store_has_its_wrongly_merged_stories_separated_on_first_open(
    tmp_path: Path, monkeypatch
):
    db = tmp_path / "old.duckdb"
    con = open_store(db)
    # Load as the store's earlier rules did: any URL a key, any body under it a version.
    with monkeypatch.context() as old_rules:
        old_rules.setattr(stories_module, "URL_VERSION_FLOOR", 0.0)
        old_rules.setattr(load_module, "story_url", lambda declared, own: (declared, None))
        front = "https://harian.example/"
        url = "https://harian.example/ekonomi/2026/03/02/rate-hold"
        batch = [
            page(0, "https://harian.example/ekonomi/2026/03/02/rate-hold", RATES, front),
            page(1, "https://harian.example/daerah/2026/03/02/flood-villages", FLOOD, front, 1),
            page(2, "https://harian.example/x/1", RATES[:3] + RATES[4:], url, 2),
            page(3, "https://harian.example/x/1", FLOOD[:4], url, 3),
            page(4, "https://harian.example/x/1", [*RATES, UPDATE], url, 4),
        ]
        load_batch(con, "r1", batch, [], NOW)
    con.execute("delete from url_refusals")
    con.execute("delete from store_state where key = 'story_keys'")
    assert len(set(story_of(con).values())) == 1
    con.close()

    con = open_store(db)
    try:
        assigned = story_of(con)
        # The rate report and its versions are one story; the flood pages are not in it.
        assert assigned[0] == assigned[2] == assigned[4]
        assert len({assigned[0], assigned[1], assigned[3]}) == 3
        reasons = con.execute(
            "select reason, articles from refused_canonicals order by reason"
        ).fetchall()
        assert reasons == [("root", 2), ("url_conflict", 3)]
        links = con.execute("select count(*) from article_links where method = 'url'").fetchone()
        before = con.execute("select count(*) from url_refusals").fetchone()
    finally:
        con.close()
    # The upgrade runs once: a second opening changes nothing.
    con = open_store(db)
    try:
        assert con.execute("select count(*) from url_refusals").fetchone() == before
        assert story_of(con) == assigned
        assert (
            con.execute("select count(*) from article_links where method = 'url'").fetchone()
            == links
        )
    finally:
        con.close()


def test_a_front_page_canonical_makes_no_copy_the_latest_text_of_a_story(memory_db):
    front = "https://harian.example/"
    first = page(0, "https://harian.example/ekonomi/2026/03/02/rate-hold", RATES, front)
    # The same report re-posted on the site under another address, a sentence longer: a near
    # copy, one story, but not a later version of the first page.
    repost = page(1, "https://harian.example/r/2026/03/02/bank-holds", [*RATES, UPDATE], front, 2)
    load_batch(memory_db, "r1", [first], [], NOW)
    load_batch(memory_db, "r2", [repost], [], NOW + timedelta(hours=1))
    assigned = story_of(memory_db)
    assert assigned[0] == assigned[1]
    latest = memory_db.execute("select story_id, latest_article_id from stories").fetchall()
    assert latest == [(assigned[0], assigned[0])]


def test_kabar_report_lists_the_sites_whose_canonicals_were_refused(capsys, db_path: Path):
    con = open_store(db_path)
    front = "https://harian.example/"
    load_batch(
        con,
        "r1",
        [
            page(0, "https://harian.example/ekonomi/2026/03/02/rate-hold", RATES, front),
            page(1, "https://harian.example/daerah/2026/03/02/flood-villages", FLOOD, front, 1),
            page(2, "https://harian.example/daerah/2026/03/03/flood-recedes", FLOOD[3:], None, 2),
        ],
        [],
        NOW,
    )
    con.close()
    code, out, err = run(
        capsys, "report", "refused_canonicals", "--db", str(db_path), "--format", "csv"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "site,reason,articles,site_articles,urls,top_url",
        "example.com,root,2,3,1,https://harian.example/",
    ]
