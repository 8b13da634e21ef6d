"""References by office in the store: found at ingest and at every recount, resolved at each
article's date by the stored terms, and counted apart from names in the marts."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from tasks.mentions.matcher import LeaderList, MentionMatcher, utc_day
from tasks.mentions.offices import (
    Candidate,
    OfficeHolders,
    OfficeMatcher,
    load_lexicon,
    load_local,
    load_press,
    resolve,
)
from tasks.mentions.registry import load_registry
from tasks.records import Article, RawRecord
from tasks.run.pool import WorkerSetup, extract_part
from tasks.settings import OFFICE_LEXICON
from tasks.store.database import open_store
from tasks.store.leaders import sync_leaders
from tasks.store.load import load_batch
from tasks.store.sites import sync_sites
from tests.test_load import article, file_update
from tests.test_registry import NAMES, OFFICES, TERMS, write_region

# Russia in May 2012: Medvedev president until Monday 7 May, Putin from then on
# (tests/test_registry.py). (position, published_at, body)
PAGES = [
    (0, datetime(2012, 5, 2, 9, tzinfo=UTC), "Der russische Präsident empfing am Mittwoch den Gast. Der russische Präsident sprach von Frieden."),
    (1, datetime(2012, 5, 9, 9, tzinfo=UTC), "Der russische Präsident empfing am Mittwoch den Gast. Später sagte der Kreml, es gebe Fortschritte."),
    (2, datetime(2012, 5, 10, 9, tzinfo=UTC), "Vladimir Putin flew to Minsk. The Russian president met students; the former Russian president stayed home."),
    (3, None, "The Russian president spoke, on a page that states no date."),
    (4, datetime(2012, 5, 11, 9, tzinfo=UTC), "Russian President Vladimir Putin opened the forum. Putin spoke for an hour."),
]  # fmt: skip


@pytest.fixture
def russia(tmp_path: Path) -> LeaderList:
    return load_registry(write_region(tmp_path / "registry", "europe"))


def annotated(
    position: int, published: datetime | None, body: str, leaders: LeaderList, language: str = "en"
):
    """An article as the ingest's workers hand it over: names found, office spans found."""
    found = article(
        "r",
        position,
        f"https://news.example/{position}",
        body,
        published_at=published,
        language=language,
    )
    MentionMatcher(leaders.aliases).annotate(found)
    OfficeMatcher(load_lexicon(OFFICE_LEXICON)).annotate(found)
    return found


def store_of(tmp_path: Path, leaders: LeaderList) -> duckdb.DuckDBPyConnection:
    con = open_store(tmp_path / "offices.duckdb")
    sync_leaders(con, leaders, workers=0)
    outcomes = [annotated(p, when, body, leaders) for p, when, body in PAGES]
    load_batch(
        con, "run-1", outcomes, [file_update("r", len(outcomes))], datetime(2026, 2, 1, tzinfo=UTC)
    )
    return con


def references(con) -> list[tuple]:
    return con.execute(
        """
        select record_position, leader, kind, substring(articles.body, start_offset + 1,
            end_offset - start_offset)
        from stg_office_references
        join articles using (article_id)
        join (select article_id, position as record_position from records) using (article_id)
        order by record_position, start_offset
        """
    ).fetchall()


def test_each_reference_names_whoever_held_the_office_that_day(tmp_path, russia):
    con = store_of(tmp_path, russia)
    assert references(con) == [
        (0, "Dmitry Medvedev", "office", "russische Präsident"),
        (0, "Dmitry Medvedev", "office", "russische Präsident"),
        (1, "Vladimir Putin", "office", "russische Präsident"),
        (1, "Vladimir Putin", "metonym", "Kreml"),
        (2, "Vladimir Putin", "office", "Russian president"),
    ]


def test_the_weekly_mart_counts_references_beside_names(tmp_path, russia):
    con = store_of(tmp_path, russia)
    rows = con.execute(
        """
        select week, leader, articles, mentions, office_mentions, metonym_mentions, articles_any
        from mentions_per_leader_per_week
        where articles_any > 0 or metonym_mentions > 0
        order by week, leader
        """
    ).fetchall()
    assert rows == [
        (date(2012, 4, 30), "Dmitry Medvedev", 0, 0, 2, 0, 1),
        (date(2012, 5, 7), "Vladimir Putin", 2, 3, 2, 1, 3),
    ]


def test_mention_contexts_show_references_by_office_in_their_sentence(tmp_path, russia):
    con = store_of(tmp_path, russia)
    rows = con.execute(
        "select kind, leader, matched_text, context from mention_contexts "
        "where kind <> 'name' order by article_id, start_offset"
    ).fetchall()
    assert (
        "metonym",
        "Vladimir Putin",
        "Kreml",
        "Später sagte der Kreml, es gebe Fortschritte.",
    ) in rows
    assert (
        "office",
        "Dmitry Medvedev",
        "russische Präsident",
        "Der russische Präsident sprach von Frieden.",
    ) in rows


def test_a_change_of_terms_resolves_again_without_a_recount(tmp_path, russia):
    con = store_of(tmp_path, russia)
    (spans,) = con.execute("select count(*) from office_references").fetchall()
    # Suppose the registry learns that the handover came a week earlier.
    moved = [
        (o, p, "2012-04-30", e, d, n)
        if (o, p) == ("President of Russia", "Vladimir Putin")
        else (o, p, s, "2012-04-30", d, n)
        if (o, p) == ("President of Russia", "Dmitry Medvedev")
        else (o, p, s, e, d, n)
        for o, p, s, e, d, n in TERMS
    ]
    earlier = load_registry(write_region(tmp_path / "moved", "europe", OFFICES, moved, NAMES))
    assert earlier.version == russia.version and earlier.terms_version != russia.terms_version
    sync_leaders(con, earlier, workers=0)
    assert con.execute("select count(*) from office_references").fetchall() == [spans]
    assert {leader for _, leader, _, _ in references(con)} == {"Vladimir Putin"}


def test_a_recount_finds_the_same_references_as_the_ingest(tmp_path, russia):
    con = store_of(tmp_path, russia)
    before = references(con)
    renamed = dataclasses.replace(
        russia, aliases=(*russia.aliases, dataclasses.replace(russia.aliases[0], text="Anna B."))
    )
    sync_leaders(con, renamed, workers=0)  # the aliases changed: every article is recounted
    assert references(con) == before


def test_the_extraction_workers_find_references_beside_names(russia):
    page = (
        "<html><head><title>Talks in Minsk</title>"
        '<meta property="article:published_time" content="2012-05-10T09:00:00Z"></head>'
        "<body><article><h1>Talks in Minsk</h1>"
        "<p>Vladimir Putin flew to Minsk on Thursday for talks on gas prices and the union state.</p>"
        "<p>The Russian president met students at the university and spoke for an hour about trade.</p>"
        "<p>Officials said the next round of talks would take place in Moscow in the summer.</p>"
        "</article></body></html>"
    )
    record = RawRecord("w", 0, "html", page.encode(), url="https://news.example/minsk")
    [found] = extract_part([record], WorkerSetup(tuple(russia.aliases))).outcomes
    assert isinstance(found, Article)
    assert found.mentions == {"Vladimir Putin": 1}
    assert [(country, title, kind) for country, title, kind, _, _ in found.references] == [
        ("Russia", "president", "office")
    ]
    _, _, _, start, end = found.references[0]
    assert found.body[start:end] == "Russian president"


def test_a_bare_title_that_two_named_holders_answer_to_counts_for_neither(tmp_path, russia):
    # A second president of Russia for a few days (a collective office of two, for the test):
    # "the president" beside both names could be either, and counts for neither; beside
    # Medvedev's name alone it is Medvedev.
    two = [
        *TERMS,
        ("President of Russia", "Mikhail Mishustin", "2012-05-01", "2012-05-06", "approximate", ""),
    ]
    offices = [(*row[:3], "2") if row[1] == "President of Russia" else row for row in OFFICES]
    leaders = load_registry(write_region(tmp_path / "two", "europe", offices, two, NAMES))
    con = open_store(tmp_path / "two.duckdb")
    sync_leaders(con, leaders, workers=0)
    bodies = [
        (
            0,
            datetime(2012, 5, 3, 9, tzinfo=UTC),
            "Dmitry Medvedev met Mikhail Mishustin. The president spoke first.",
        ),
        (
            1,
            datetime(2012, 5, 3, 9, tzinfo=UTC),
            "Dmitry Medvedev met the press. The president spoke first.",
        ),
    ]
    outcomes = [annotated(p, when, body, leaders) for p, when, body in bodies]
    load_batch(
        con, "run-1", outcomes, [file_update("r", len(outcomes))], datetime(2026, 2, 1, tzinfo=UTC)
    )
    assert references(con) == [(1, "Dmitry Medvedev", "office", "The president")]


def test_an_undated_article_resolves_only_to_leaders_it_names(tmp_path, russia):
    # No date to find the holder by: a reference counts for the one leader the article names
    # who has held that office, or for the one it is about when it names two who held it (at
    # least twice as often as the other); for nobody when it names none, or two alike.
    bodies = [
        "Vladimir Putin flew to Minsk. The Russian president met students there.",
        "Dmitry Medvedev met the press. The president spoke first.",
        "Dmitry Medvedev met Vladimir Putin. The Russian president spoke first.",
        "The Russian president spoke, on a page that states no date.",
        "Vladimir Putin flew to Minsk, where Putin met students. Putin recalled how Dmitry "
        "Medvedev had signed the treaty. The president left at noon.",
    ]
    expected = [
        (0, "Vladimir Putin", "office", "Russian president"),
        (1, "Dmitry Medvedev", "office", "The president"),
        (4, "Vladimir Putin", "office", "The president"),
    ]
    dated = [(p, None, body) for p, body in enumerate(bodies)]
    assert resolved_in_sql_and_python(tmp_path / "undated.duckdb", russia, dated) == (
        expected,
        expected,
    )


def resolved_in_sql_and_python(
    path: Path, leaders: LeaderList, bodies: list[tuple]
) -> tuple[list[tuple], list[tuple]]:
    """The references the store resolves in SQL, and those the extraction preview resolves in
    Python, of the same articles: (position, published_at, body[, language]) each."""
    con = open_store(path)
    sync_leaders(con, leaders, workers=0)
    sync_sites(con)
    outcomes = [annotated(*each[:3], leaders, *each[3:]) for each in bodies]
    press, local = load_press(OFFICE_LEXICON), load_local(OFFICE_LEXICON)
    load_batch(
        con, "run-1", outcomes, [file_update("r", len(outcomes))], datetime(2026, 2, 1, tzinfo=UTC)
    )
    holders = OfficeHolders(leaders.terms)
    in_python = [
        (found.position, ref.leader, ref.kind, ref.text)
        for found in outcomes
        for ref in resolve(
            [Candidate(*each) for each in found.references],
            found.body,
            utc_day(found.published_at),
            holders,
            found.mention_spans,
            press.get(found.language or "", frozenset()),
            local.get(found.language or "", {}),
        )
    ]
    return references(con), in_python


def test_a_handover_day_and_the_country_an_article_is_about_resolve_alike_in_sql_and_python(
    tmp_path, russia
):
    # On 7 May 2012 the presidency passed from Medvedev to Putin: that day, the office is the
    # new holder's. An article naming only Russia's prime minister gives "the president" to
    # Russia's president, whom it does not name. "Sworn in as Russian president" is the office,
    # not a reference to its holder.
    handover, later = datetime(2012, 5, 7, 18, tzinfo=UTC), datetime(2021, 3, 1, 9, tzinfo=UTC)
    bodies = [
        (0, handover, "Dmitry Medvedev handed over to Vladimir Putin. The president thanked the guests."),
        (1, handover, "The Russian president arrived in Minsk in the afternoon."),
        (2, later, "Mikhail Mishustin opened the session. The president sent a telegram."),
        (3, later, "Vladimir Putin was sworn in as Russian president again, six years on."),
    ]  # fmt: skip
    expected = [
        (0, "Vladimir Putin", "office", "The president"),
        (1, "Vladimir Putin", "office", "Russian president"),
        (2, "Vladimir Putin", "office", "The president"),
    ]
    assert resolved_in_sql_and_python(tmp_path / "handover.duckdb", russia, bodies) == (
        expected,
        expected,
    )


def test_the_country_an_article_is_about_resolves_alike_in_sql_and_python(tmp_path):
    # With the shipped registry: the King beside two of his realms' prime ministers, Andorra's
    # co-prince counted with France, and Germany's and Austria's word for their president.
    from tasks.mentions.registry import default_leaders

    day = datetime(2025, 3, 17, 12, tzinfo=UTC)
    bodies = [
        (0, day, "Mark Carney met Keir Starmer, then Carney and Starmer flew on. Carney thanked the King."),
        (1, datetime(2015, 11, 14, 9, tzinfo=UTC), "François Hollande spoke; Hollande and Manuel Valls met David Cameron. The prime minister left early."),
        (2, datetime(2025, 3, 3, 9, tzinfo=UTC), "Christian Stocker met Alexander Van der Bellen, and Stocker thanked the Austrian voters. The Federal President, the Bundespräsident, spoke."),
    ]  # fmt: skip
    expected = [
        (0, "Charles III", "office", "the King"),
        (1, "Manuel Valls", "office", "The prime minister"),
        (2, "Alexander Van der Bellen", "office", "The Federal President"),
        (2, "Alexander Van der Bellen", "office", "Bundespräsident"),
    ]
    found = resolved_in_sql_and_python(tmp_path / "about.duckdb", default_leaders(), bodies)
    assert found == (expected, expected)


def test_the_queen_is_a_queen_regnant_alike_in_sql_and_python(tmp_path):
    # `the Queen` names a monarch who is a queen in her own right (queens.csv): Elizabeth II
    # while she reigned and on her last day, though the office is her son's that day; nobody
    # the day after, when a king reigns and his queen is a consort,
    # nor in Spain, whose queen is the King's wife; `the King` is still the king.
    from tasks.mentions.registry import default_leaders

    bodies = [
        (0, datetime(2015, 6, 2, 9, tzinfo=UTC), "David Cameron went to the palace, where the Queen opened Parliament."),
        (1, datetime(2022, 9, 9, 9, tzinfo=UTC), "Liz Truss spoke of the Queen, and then of the King, Charles III, who addressed the nation."),
        (2, datetime(2024, 6, 19, 9, tzinfo=UTC), "Pedro Sánchez asistió al acto, donde la reina y el rey saludaron a los invitados.", "es"),
        (3, datetime(2022, 9, 8, 18, tzinfo=UTC), "Liz Truss spoke in London after the Queen died at Balmoral."),
    ]  # fmt: skip
    expected = [
        (0, "Elizabeth II", "office", "the Queen"),
        (2, "Felipe VI", "office", "el rey"),
        (3, "Elizabeth II", "office", "the Queen"),
    ]
    found = resolved_in_sql_and_python(tmp_path / "queens.duckdb", default_leaders(), bodies)
    assert found == (expected, expected)


def test_an_article_in_its_country_s_language_is_about_that_country_when_named_most(tmp_path):
    # A Portuguese article naming Brazil's leaders four times and America's three is about
    # Brazil: "o presidente" is Lula. Where America's leaders are named four times and Brazil's
    # three, the United States lead but write no Portuguese press, and neither president is named
    # twice as often as the other: nobody. In English, Brazil's lead is not enough either.
    from tasks.mentions.registry import default_leaders

    day = datetime(2023, 1, 9, 12, tzinfo=UTC)
    # fmt: off
    brazil = "Lula recebeu Joe Biden. Lula e Jair Bolsonaro, Bolsonaro e Biden, Donald Trump. O presidente falou."
    america = "Joe Biden recebeu Lula e Jair Bolsonaro. Biden, Donald Trump e Lula; Trump saiu. O presidente falou."
    # fmt: on
    bodies = [(0, day, brazil, "pt"), (1, day, america, "pt"), (2, day, brazil, "en")]
    expected = [(0, "Luiz Inácio Lula da Silva", "office", "O presidente")]
    found = resolved_in_sql_and_python(tmp_path / "press.duckdb", default_leaders(), bodies)
    assert found == (expected, expected)


# Articles for the rules below, resolved once with the shipped registry by the store (SQL) and
# the preview (Python): (position, published_at, body, language).
# fmt: off
LOCAL_SENSE = [
    (10, datetime(2024, 6, 20, 10, tzinfo=UTC), "Pedro Sánchez recibió a Emmanuel Macron en la Moncloa. Sánchez defendió el acuerdo sobre las interconexiones. El presidente compareció después ante la prensa.", "es"),
    (11, datetime(2024, 6, 20, 10, tzinfo=UTC), "Emmanuel Macron recibió a Pedro Sánchez en el Elíseo. Macron defendió el acuerdo nuclear. El presidente compareció después ante la prensa.", "es"),
    (12, datetime(2024, 6, 20, 10, tzinfo=UTC), "Pedro Sánchez welcomed Emmanuel Macron to Madrid. Sánchez praised the power link. The president then spoke to reporters.", "en"),
]
HOME_HOLDER = [
    (20, datetime(2025, 4, 18, 12, tzinfo=UTC), "Giorgia Meloni è tornata da Washington, dove ha visto Donald Trump. Meloni ha riferito al Quirinale: il capo dello Stato segue con attenzione i rapporti.", "it"),
    (21, datetime(2025, 4, 18, 12, tzinfo=UTC), "Giorgia Meloni flew home after meeting Donald Trump. Meloni briefed the cabinet while the head of state spoke to reporters.", "en"),
]
OPENING = "Angela Merkel handed over to Olaf Scholz, and Scholz flew to meet Emmanuel Macron. "
SENTENCE = [
    (30, datetime(2021, 12, 10, 9, tzinfo=UTC), OPENING + "Merkel called Joe Biden, and the president praised her. Macron and Biden spoke later.", "en"),
    (31, datetime(2021, 12, 10, 9, tzinfo=UTC), OPENING + "Merkel called Joe Biden and Macron; the president praised her. Biden left.", "en"),
    (32, datetime(2021, 12, 10, 9, tzinfo=UTC), OPENING + "Merkel called Joe Biden. Then the president praised her. Macron left.", "en"),
]
# fmt: on


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> tuple[list[tuple], list[tuple]]:
    from tasks.mentions.registry import default_leaders

    path = tmp_path_factory.mktemp("shipped") / "shipped.duckdb"
    return resolved_in_sql_and_python(path, default_leaders(), LOCAL_SENSE + HOME_HOLDER + SENTENCE)


def resolved_of(shipped: tuple[list[tuple], list[tuple]], bodies: list[tuple]) -> tuple:
    """The references of `bodies` alone, as the store and as the preview resolve them."""
    positions = {each[0] for each in bodies}
    in_sql, in_python = shipped
    return [r for r in in_sql if r[0] in positions], [r for r in in_python if r[0] in positions]


def test_a_bare_title_means_what_the_press_of_the_article_s_country_calls_it(shipped):
    # Spanish news of Spain calls its head of government, the presidente del Gobierno, "el
    # presidente": in an article about Spain that also names France's president, that is Pedro
    # Sánchez. An article about France, or one in English, keeps the title's own sense.
    expected = [
        (10, "Pedro Sánchez", "office", "El presidente"),
        (11, "Emmanuel Macron", "office", "El presidente"),
        (12, "Emmanuel Macron", "office", "The president"),
    ]
    assert resolved_of(shipped, LOCAL_SENSE) == (expected, expected)


def test_an_article_in_its_country_s_press_gives_a_bare_title_to_that_country_s_holder(shipped):
    # Italian news about Meloni that names Trump: "il capo dello Stato" is Italy's president,
    # whom it does not name. The same article in English, whose press is of no one country,
    # gives the head of state to the one it names.
    expected = [
        (20, "Sergio Mattarella", "office", "il capo dello Stato"),
        (21, "Donald Trump", "office", "the head of state"),
    ]
    assert resolved_of(shipped, HOME_HOLDER) == (expected, expected)


def test_a_bare_title_between_equals_is_the_one_its_sentence_names_before_it(shipped):
    # Two presidents named twice each: "the president" is the one named earlier in its own
    # sentence; nobody where the sentence names both, or neither, before it.
    expected = [(30, "Joe Biden", "office", "the president")]
    assert resolved_of(shipped, SENTENCE) == (expected, expected)
