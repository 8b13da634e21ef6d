"""Mention evaluation: the gold reader, micro scores over (page, leader) counts, both modes,
the per-page CSV and `kabar eval --mentions`, on a tiny gold written here; and the floors of the
project's own labelled examples."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import polars as pl
import pytest

from tasks.errors import KabarError
from tasks.evaluate.mentions import (
    GoldPage,
    PairScore,
    evaluate_mentions,
    load_gold,
    summarise_mentions,
    write_pair_scores,
)
from tasks.evaluate.split import half_of
from tasks.mentions.matcher import Alias, MentionMatcher
from tasks.settings import ROOT
from tests.conftest import SEED_PAGE
from tests.dumps import news_page, write_jsonl
from tests.test_cli import run

EXAMPLES = ROOT / "eval" / "mentions" / "examples.jsonl"
OFFICE_EXAMPLES = ROOT / "eval" / "mentions" / "offices.jsonl"
BLIND_EXAMPLES = ROOT / "eval" / "mentions" / "blind.jsonl"


def occurrences(leader: str, surface: str, times: int) -> list[dict[str, str]]:
    return [{"leader": leader, "surface": surface, "context": surface}] * times


INLINE = [
    {
        "file": "world-1",
        "body": "Putin met Trump in Alaska. Putin left first.",
        "mentions": {"Vladimir Putin": 2, "Donald Trump": 1},
        "occurrences": [
            *occurrences("Vladimir Putin", "Putin", 2),
            *occurrences("Donald Trump", "Trump", 1),
        ],
        "roles": [{"leader": "Donald Trump", "surface": "the president", "context": "x"}],
    },
    {
        "file": "world-2",
        "body": "Queues outside Trump Tower. Kim Kardashian posted a photo.",
        "mentions": {},
        "occurrences": [],
    },
    {
        # The gold counts one Macron where the matcher finds two (a false positive), and a
        # former leader the list does not hold (a miss that `recall_known` leaves out).
        "file": "world-3",
        "body": "Macron spoke; the Macron camp cheered. Obama watched.",
        "mentions": {"Emmanuel Macron": 1, "Barack Obama": 1},
        "occurrences": [
            *occurrences("Emmanuel Macron", "Macron", 1),
            *occurrences("Barack Obama", "Obama", 1),
        ],
    },
]


@pytest.fixture
def matcher(small_leaders) -> MentionMatcher:
    return MentionMatcher(
        [
            *small_leaders.aliases,
            Alias("Emmanuel Macron", "Macron", "name"),
            Alias("Donald Trump", "Trump Tower", "exclude"),
        ]
    )


LEADERS = {"Vladimir Putin", "Donald Trump", "Emmanuel Macron", "Kim Jong-un", "Xi Jinping"}


def test_micro_scores_over_page_and_leader_counts(tmp_path: Path, matcher: MentionMatcher):
    gold = write_jsonl(tmp_path / "gold.jsonl", INLINE)
    pages = load_gold(gold)
    assert pages[0].roles[0]["surface"] == "the president"
    scores = list(evaluate_mentions(pages, matcher, LEADERS))
    assert {s.mode for s in scores} == {"body"}
    by_pair = {(s.file, s.leader): (s.gold, s.found) for s in scores}
    assert by_pair == {
        ("world-1", "Donald Trump"): (1, 1),
        ("world-1", "Vladimir Putin"): (2, 2),
        ("world-2", ""): (0, 0),
        ("world-3", "Barack Obama"): (1, 0),
        ("world-3", "Emmanuel Macron"): (1, 2),
    }
    [overall] = [row for row in summarise_mentions(scores) if row["half"] == "all"]
    # tp 4 (2 + 1 + 1), fp 1 (the second Macron), fn 1 (Obama).
    assert overall["precision"] == overall["recall"] == pytest.approx(0.8)
    assert overall["f1"] == pytest.approx(0.8)
    assert overall["recall_known"] == 1.0
    assert overall["f1_known"] == pytest.approx(2 * 0.8 / 1.8)
    assert (overall["pages"], overall["mentions"], overall["found"]) == (3, 5, 5)
    halves = [row for row in summarise_mentions(scores) if row["half"] != "all"]
    assert sum(row["pages"] for row in halves) == 3
    assert {row["half"] for row in halves} == {half_of(p["file"]) for p in INLINE}


def test_end_to_end_runs_extraction_on_the_page(tmp_path: Path, matcher: MentionMatcher):
    corpus = tmp_path / "newsroom"
    (corpus / "html").mkdir(parents=True)
    paragraphs = [
        "Russian President Vladimir Putin arrived in Pyongyang on Wednesday for talks that officials said would cover trade and security.",
        "Kim Jong-un greeted Putin at the airport, and the two leaders rode together into the capital past crowds waving flags.",
        "Analysts said the visit showed how far Putin had come to rely on Kim for shells and other supplies since the war began.",
    ]
    page = news_page("Putin lands in Pyongyang", paragraphs, "2026-02-10T06:00:00Z")
    (corpus / "html" / "a.html.gz").write_bytes(gzip.compress(page.encode()))
    body = "\n\n".join(paragraphs)
    write_jsonl(corpus / "truth.jsonl", [{"file": "html/a.html.gz", "body": body, "url": None}])
    gold = tmp_path / "gold" / "gold.jsonl"
    gold.parent.mkdir()
    entry = {
        "corpus": "newsroom",
        "file": "html/a.html.gz",
        "mentions": {"Vladimir Putin": 3, "Kim Jong-un": 2},
        "occurrences": [
            *occurrences("Vladimir Putin", "Putin", 3),
            *occurrences("Kim Jong-un", "Kim", 2),
        ],
    }
    write_jsonl(gold, [entry])
    scores = list(evaluate_mentions(load_gold(gold), matcher, LEADERS))
    found = {(s.mode, s.leader): s.found for s in scores}
    assert found == {
        ("body", "Vladimir Putin"): 3,
        ("body", "Kim Jong-un"): 2,
        ("page", "Vladimir Putin"): 3,
        ("page", "Kim Jong-un"): 2,
    }
    out = tmp_path / "out.csv"
    write_pair_scores(scores, out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [row["mode"] for row in rows] == ["body", "body", "page", "page"]
    assert rows[0].keys() >= {"file", "half", "leader", "gold", "found", "tp", "fp", "fn"}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"file": "x", "body": "Putin."}, "needs an object with 'mentions'"),
        ({"body": "Putin.", "mentions": {}}, "needs 'file', and 'corpus' or the text in 'body'"),
        ({"file": "x", "body": "Putin.", "mentions": {"Vladimir Putin": "2"}}, "whole number"),
        (
            {
                "file": "x",
                "body": "Putin.",
                "mentions": {"Vladimir Putin": 2},
                "occurrences": occurrences("Vladimir Putin", "Putin", 1),
            },
            "disagree with 'occurrences'",
        ),
        (
            {
                "file": "x",
                "body": "Putin.",
                "mentions": {"Vladimir Putin": 1},
                "occurrences": occurrences("Vladimir Putin", "Putina", 1),
            },
            "'Putina' is not in the body",
        ),
        ({"corpus": "elsewhere", "file": "x", "mentions": {}}, "truth.jsonl not found"),
    ],
)
def test_a_bad_gold_line_says_what_is_wrong(tmp_path: Path, entry: dict, message: str):
    gold = write_jsonl(tmp_path / "gold.jsonl", [{"file": "ok", "body": "", "mentions": {}}, entry])
    with pytest.raises(KabarError, match=f"line 2: .*{message}"):
        load_gold(gold)


def test_kabar_eval_mentions_prints_the_scores_and_writes_the_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    gold = write_jsonl(tmp_path / "tiny.jsonl", INLINE)
    code, out, err = run(capsys, "eval", "--mentions", str(gold), "--out", str(tmp_path / "o"))
    assert code == 0, err
    assert "precision" in out and "recall_known" in out
    assert (tmp_path / "o" / "mentions-tiny.csv").is_file()
    code, _, err = run(capsys, "eval")
    assert code == 2 and "--mentions GOLD" in err


@pytest.mark.parametrize("half", ["tune", "check"])
def test_kabar_eval_mentions_scores_only_the_half_asked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], half: str
):
    gold = write_jsonl(tmp_path / "tiny.jsonl", INLINE)
    out_dir = tmp_path / "o"
    code, out, err = run(
        capsys, "eval", "--mentions", str(gold), "--half", half, "--out", str(out_dir)
    )
    assert code == 0, err
    scored = pl.read_csv(out_dir / "mentions-tiny.csv")["file"].unique().to_list()
    assert scored and all(half_of(file) == half for file in scored)
    other = "check" if half == "tune" else "tune"
    assert f" {other} " not in out


def test_kabar_eval_refuses_a_half_it_does_not_know(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    gold = write_jsonl(tmp_path / "tiny.jsonl", INLINE)
    code, _, err = run(capsys, "eval", "--mentions", str(gold), "--half", "test")
    assert code != 0 and "'test' is not one of tune, check" in err


def test_the_projects_examples_meet_their_floors():
    """The labelled examples in `eval/mentions/` with the shipped list: counting alone on the
    check half (figures in the README: precision 1.000, recall 0.994)."""
    from tasks.mentions.registry import default_leaders

    leaders = default_leaders()
    matcher = shipped_matcher_of(leaders)
    pages = load_gold(EXAMPLES)
    assert sum(sum(p.mentions.values()) for p in pages) >= 150
    assert len({p.language for p in pages}) >= 12
    scores = list(evaluate_mentions(pages, matcher, {leader.name for leader in leaders.leaders}))
    [check] = [r for r in summarise_mentions(scores) if r["half"] == "check"]
    assert check["precision"] >= 0.98 and check["recall"] >= 0.96


def scored_with_offices(path: Path) -> tuple[list[GoldPage], list[PairScore]]:
    """The gold pages of `path`, and their scores with the shipped registry, names and
    references by office resolved by its terms."""
    from tasks.mentions.offices import OfficeHolders
    from tasks.mentions.registry import default_leaders

    leaders = default_leaders()
    pages = load_gold(path)
    scores = evaluate_mentions(
        pages,
        shipped_matcher_of(leaders),
        {leader.name for leader in leaders.leaders},
        OfficeHolders(leaders.terms),
    )
    return pages, list(scores)


_shipped: list[MentionMatcher] = []


def shipped_matcher_of(leaders) -> MentionMatcher:
    """One matcher of the shipped list for this module's scorings (its automata built once)."""
    if not _shipped:
        _shipped.append(MentionMatcher(leaders.aliases, terms=leaders.terms))
    return _shipped[0]


def test_the_office_examples_meet_their_floors():
    """References by office in `eval/mentions/offices.jsonl`, resolved at each text's date with
    the registry's terms, scored on the check half (README: precision 1.000, recall 1.000), and
    the hard negatives ("a former president", "the president of the club") found by nobody."""
    pages, scores = scored_with_offices(OFFICE_EXAMPLES)
    assert sum(len(p.roles) for p in pages) >= 30
    assert len({p.language for p in pages}) >= 12
    [check] = [
        r for r in summarise_mentions(scores) if r["half"] == "check" and r["mode"] == "body/office"
    ]
    assert check["precision"] >= 0.95 and check["recall"] >= 0.9
    negatives = {"off-en-03", "off-en-10", "off-fr-02"}
    assert not [s for s in scores if s.file in negatives and s.mode == "body/office" and s.fp]


# Each blind set: (file, texts, languages, the check half's floors: names precision and
# recall, references by office precision and recall), as the README reports them.
BLIND_FLOORS = [
    ("blind.jsonl", 64, 16, (0.98, 0.97, 0.81, 0.83)),
    ("blind2.jsonl", 72, 15, (0.98, 0.99, 0.87, 0.78)),
    ("blind3.jsonl", 60, 5, (0.99, 0.99, 0.93, 0.90)),
    ("blind4.jsonl", 64, 16, (0.98, 0.97, 0.81, 0.81)),
    ("blind5.jsonl", 60, 4, (0.98, 0.93, 0.84, 0.65)),
    ("blind6.jsonl", 60, 7, (0.98, 0.93, 0.86, 0.78)),
    ("blind7.jsonl", 48, 10, (0.99, 0.95, 0.86, 0.77)),
    ("blind8.jsonl", 48, 5, (0.98, 0.98, 0.94, 0.94)),
    ("blind9.jsonl", 48, 5, (0.99, 0.97, 0.84, 0.82)),
]


@pytest.mark.parametrize(("name", "texts", "languages", "floors"), BLIND_FLOORS)
def test_the_blind_examples_hold_what_they_measured(name, texts, languages, floors):
    """The examples written by annotators who did not see how Kabar matches: their check
    halves, never used to fit anything, must not fall below the README's figures (references by
    office short of the 0.90 precision wanted on most, and names short of the 0.96 recall
    wanted on the fifth to seventh, with archive news of 2000 to 2022)."""
    pages, scores = scored_with_offices(BLIND_EXAMPLES.with_name(name))
    assert len(pages) == texts and len({p.language for p in pages}) == languages
    check = {r["mode"]: r for r in summarise_mentions(scores) if r["half"] == "check"}
    name_precision, name_recall, office_precision, office_recall = floors
    assert check["body"]["precision"] >= name_precision
    assert check["body"]["recall"] >= name_recall
    assert check["body/office"]["precision"] >= office_precision
    assert check["body/office"]["recall"] >= office_recall


MARKED_SOURCES = sorted(path.stem for path in BLIND_EXAMPLES.parent.glob("*.txt"))


def test_every_marked_source_is_built():
    from eval.mentions.build import SOURCES

    assert sorted(SOURCES) == MARKED_SOURCES


@pytest.mark.parametrize("name", MARKED_SOURCES)
def test_the_examples_file_is_built_from_its_source(name: str):
    from eval.mentions.build import HERE, parse

    built = parse((HERE / f"{name}.txt").read_text(encoding="utf-8"))
    on_disk = [
        json.loads(line)
        for line in (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert built == on_disk


def test_the_seed_page_still_counts_as_before():
    if not SEED_PAGE.exists():
        pytest.skip(f"seed page not found at {SEED_PAGE}")
    from tasks.extract.text.scrape import extract_text_page
    from tasks.mentions.registry import default_leaders

    body = extract_text_page(SEED_PAGE.read_text(encoding="utf-8")).body
    counts = shipped_matcher_of(default_leaders()).count(body)
    assert counts == {"Vladimir Putin": 5, "Alexander Lukashenko": 6, "Kim Jong-un": 5}
