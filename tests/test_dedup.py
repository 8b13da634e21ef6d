"""Stories across runs: URL, exact and near-duplicate copies, versions, merging, determinism."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import duckdb

from tasks.dedup.similarity import estimated_jaccard, fingerprint
from tasks.records import Article
from tasks.settings import DEFAULT_NEAR_THRESHOLD
from tasks.store.load import load_batch
from tests.test_load import article

T0 = datetime(2026, 2, 2, 8, 0, tzinfo=UTC)
NOW = datetime(2026, 2, 10, tzinfo=UTC)
THRESHOLD = DEFAULT_NEAR_THRESHOLD

SENTENCES = [
    "The central bank held its benchmark rate at 5.75 percent on Wednesday, citing stubborn food prices.",
    "Governor Lina Hartono said the board saw no reason to cut borrowing costs before the second quarter.",
    "Rice prices in the capital rose by 4 percent in January after floods damaged crops in three provinces.",
    "Economists polled before the meeting had been split, with a narrow majority expecting a hold.",
    "The rupiah firmed slightly against the dollar after the announcement, traders in Jakarta said.",
    "Exporters have complained that a strong currency makes their palm oil and coal less competitive.",
    "The bank also raised its growth forecast for the year to a range of 4.9 to 5.3 percent.",
    "Household spending, which makes up more than half of output, held up better than expected.",
    "Hartono said inflation should return to the target band of 1.5 to 3.5 percent by mid-year.",
    "Analysts at two foreign banks said a first cut could come as early as April if prices cool.",
    "The government has released rice from state stocks to markets in a bid to ease shortages.",
    "The next policy meeting is scheduled for the third week of March, the bank said in a statement.",
    "Bond yields edged lower in afternoon trade as investors priced in a slower path of easing this year.",
    "Retailers in the capital reported brisk sales ahead of the Ramadan season despite the higher prices.",
    "The finance ministry said it would keep fuel subsidies in place until at least the end of June.",
    "Opposition lawmakers urged the bank to do more to shield poor households from rising living costs.",
    "Shares of the country's largest lenders rose after the decision, led by state-owned banks.",
    "Hartono told reporters the bank was ready to intervene in currency markets to limit volatility.",
]


def body(sentences: list[str]) -> str:
    return "\n\n".join(sentences)


def copy_of(
    file_id: str, position: int, url: str, text: str, published_at: datetime, **extra
) -> Article:
    return article(file_id, position, url, text, published_at=published_at, **extra)


def stories(con: duckdb.DuckDBPyConnection) -> dict[int, int]:
    return dict(con.execute("select article_id, cluster_id from article_clusters").fetchall())


def test_syndicated_copy_with_edits_joins_the_story(memory_db):
    original = body(SENTENCES)
    # A wire copy on another site: new first paragraph, a closing line added.
    syndicated = body(
        [
            "JAKARTA (Wire) - Indonesia's central bank kept its key rate unchanged at 5.75 percent.",
            *SENTENCES[1:],
            "Additional reporting by the business desk.",
        ]
    )
    assert (
        estimated_jaccard(
            fingerprint(original, THRESHOLD).signature, fingerprint(syndicated, THRESHOLD).signature
        )
        >= THRESHOLD
    )
    load_batch(
        memory_db, "r1", [copy_of("f1", 0, "https://bank.example/rate-hold", original, T0)], [], NOW
    )
    load_batch(
        memory_db,
        "r2",
        [copy_of("f2", 0, "https://other.example/a/991", syndicated, T0 + timedelta(hours=2))],
        [],
        NOW,
    )
    assert memory_db.execute("select outcome, method from records order by file_id").fetchall() == [
        ("article", None),
        ("duplicate", "near"),
    ]
    canonical, method, similarity = memory_db.execute(
        "select canonical_id, method, similarity from article_duplicates"
    ).fetchone()
    assert method == "near" and similarity >= THRESHOLD
    assert (
        canonical
        == memory_db.execute("select article_id from records where file_id = 'f1'").fetchone()[0]
    )
    assert memory_db.execute("select copies, sites from stories").fetchall() == [(2, 1)]


WEATHER_BOILERPLATE = [
    "The agency reminds drivers that roads in the northern coastal districts can flood quickly during high tide, and that alternative routes are posted on its traffic map.",
    "Schools and offices are expected to open as usual, and the city's disaster mitigation office has placed pumps on standby at the main canal gates in case water levels rise.",
    "Air quality is forecast to be moderate across most of the city, and people with respiratory conditions are advised to limit long periods of outdoor activity in the afternoon.",
    "Fishermen are advised to watch for strong gusts at sea and to follow the harbour master's instructions before setting out from the northern ports in the morning.",
    "The bulletin is updated every three hours on the agency's website and its mobile application, which also carries warnings for the rest of the province.",
    "Farmers in the rice-growing districts east of the city are advised to check drainage channels, as standing water after heavy showers can damage young plants.",
    "Visitors to the city's parks and beaches should watch for lightning and leave open ground as soon as thunder is heard, the agency said in its standing advice.",
]


def test_templated_reports_with_other_figures_stay_apart(memory_db):
    def weather(day: int, high: int, low: int, rain: int) -> str:
        return body(
            [
                f"Jakarta weather for February {day}: the city can expect a high of {high} degrees and a low of {low} degrees, the meteorology agency said in its daily bulletin for the capital region.",
                f"The chance of rain in the afternoon is {rain} percent, with thunderstorms possible in the southern districts and along the hills south of the city later in the evening.",
                f"Humidity will range between {rain + 10} and {rain + 30} percent, and winds from the west will blow at {low - 10} to {high - 10} kilometres per hour during the day.",
                "Residents are advised to carry umbrellas and to check the agency's website for flood warnings before travelling, and to avoid low-lying roads near the rivers if rain is heavy.",
                "Conditions at the airport are expected to be normal, with no delays forecast for morning flights, the agency added in its bulletin published every morning at six.",
                *WEATHER_BOILERPLATE,
            ]
        )

    first, second = weather(3, 32, 24, 60), weather(4, 31, 25, 70)
    similarity = estimated_jaccard(
        fingerprint(first, THRESHOLD).signature, fingerprint(second, THRESHOLD).signature
    )
    assert similarity >= THRESHOLD  # the text alone would call them copies; their figures differ
    load_batch(
        memory_db,
        "r1",
        [
            copy_of("f1", 0, "https://wx.example/2026/02/03", first, T0),
            copy_of("f1", 1, "https://wx.example/2026/02/04", second, T0 + timedelta(days=1)),
        ],
        [],
        NOW,
    )
    assert memory_db.execute("select count(*) from stories").fetchone() == (2,)


def test_a_new_copy_merges_two_stories_and_the_earliest_leads(memory_db):
    # The first report, and a longer one elsewhere: too different to be copies (text shared
    # below the near threshold).
    first = copy_of(
        "f1",
        0,
        "https://a.example/2026/02/port-strike",
        body(SENTENCES[:6]),
        T0 + timedelta(hours=3),
    )
    other = copy_of(
        "f1", 1, "https://b.example/other", body(SENTENCES[:10]), T0 + timedelta(hours=1)
    )
    load_batch(memory_db, "r1", [first, other], [], NOW)
    assert len(set(stories(memory_db).values())) == 2
    # The first page re-crawled after it grew into the longer text: a version of the first by
    # its URL, the same body as the other; the two stories are one.
    bridge = copy_of(
        "f2",
        0,
        "https://a.example/2026/02/port-strike/",
        body(SENTENCES[:10]) + "!",
        T0 + timedelta(hours=5),
    )
    load_batch(memory_db, "r2", [bridge], [], NOW)
    assigned = stories(memory_db)
    assert len(set(assigned.values())) == 1
    other_id = memory_db.execute(
        "select article_id from records where file_id = 'f1' and position = 1"
    ).fetchone()[0]
    assert set(assigned.values()) == {other_id}  # the earliest published leads the merged story


def test_story_assignment_does_not_depend_on_arrival_order(tmp_path):
    syndicated = body(
        [
            "LONDON (Wire) - The Bank of Indonesia left rates on hold at 5.75 percent.",
            *SENTENCES[1:],
        ]
    )
    articles = [
        copy_of("a", 0, "https://bank.example/rate-hold", body(SENTENCES), T0),
        copy_of(
            "b",
            0,
            "https://bank.example/rate-hold?utm_source=x",
            body(SENTENCES[:-1]),
            T0 + timedelta(hours=1),
        ),
        copy_of("c", 0, "https://wire.example/9", syndicated, T0 + timedelta(hours=2)),
        copy_of(
            "d",
            0,
            "https://wire.example/10",
            "An unrelated note about a football match in Bandung on Sunday.",
            T0,
        ),
        copy_of(
            "e",
            0,
            "https://mirror.example/10",
            "An unrelated note about a football match in Bandung on Sunday.",
            None,
        ),
        copy_of(
            "f",
            0,
            "https://solo.example/1",
            "A story of its own about a library opening in Medan.",
            T0,
        ),
    ]
    results = []
    for seed in range(4):
        order = articles[:]
        random.Random(seed).shuffle(order)
        con = duckdb.connect(str(tmp_path / f"order{seed}.duckdb"))
        from tasks.store.database import open_store

        con.close()
        con = open_store(tmp_path / f"order{seed}.duckdb")
        cut = seed % 3 + 1
        for start in range(0, len(order), cut):
            load_batch(con, f"r{start}", order[start : start + cut], [], NOW)
        results.append(stories(con))
        con.close()
    assert all(result == results[0] for result in results)
    assert len(set(results[0].values())) == 3


def test_a_corrected_page_is_a_new_version_of_the_same_story(memory_db):
    corrected = body(
        [*SENTENCES[:5], "Correction: an earlier version misstated the governor's name."]
    )
    load_batch(
        memory_db,
        "r1",
        [
            copy_of(
                "f1",
                0,
                "https://bank.example/rate-hold",
                body(SENTENCES[:5]),
                T0,
                title="Rate on hold",
            )
        ],
        [],
        NOW,
    )
    newer = copy_of(
        "f2",
        0,
        "https://www.bank.example/rate-hold",
        corrected,
        T0,
        title="Rate on hold (corrected)",
    )
    newer.fetched_at = T0 + timedelta(days=1)
    load_batch(memory_db, "r2", [newer], [], NOW)
    title, text, copies = memory_db.execute("select title, body, copies from stories").fetchone()
    assert (title, copies) == ("Rate on hold (corrected)", 2)
    assert text.endswith("misstated the governor's name.")
    versions = memory_db.execute(
        "select version, is_latest, title from article_versions order by version"
    ).fetchall()
    assert versions == [(1, False, "Rate on hold"), (2, True, "Rate on hold (corrected)")]


def test_weekly_mentions_count_stories_once_and_copies_all(memory_db):
    text = body(SENTENCES)
    copies = [
        copy_of(
            f"f{i}",
            0,
            f"https://site{i}.example/rate",
            text,
            T0 + timedelta(hours=i),
            mentions={"Prabowo Subianto": 2},
        )
        for i in range(3)
    ]
    load_batch(memory_db, "r1", copies, [], NOW)
    assert memory_db.execute(
        "select week::varchar, leader, articles, mentions, copies from mentions_per_leader_per_week"
        " where mentions > 0"
    ).fetchall() == [("2026-02-02", "Prabowo Subianto", 1, 2, 3)]


def test_every_word_of_a_shingle_counts_in_its_hash():
    # Short bodies that differ only in their last word must not look alike.
    prints = [fingerprint(f"Ruling number {n} published.", THRESHOLD) for n in range(1, 4)]
    for left in prints:
        for right in prints:
            if left is not right:
                assert estimated_jaccard(left.signature, right.signature) < 0.5
