"""A worker told where a part's records are (file and positions) reads and extracts them as the
flow would have: same outcomes, whatever order the parts come in; a file cut after discovery
gives rejects, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.mentions.matcher import LeaderList
from tasks.read.discover import discover
from tasks.read.readers import read_records
from tasks.records import RawRecord, Reason, Rejected
from tasks.run.located import extract_located, locate
from tasks.run.pool import WorkerSetup, chunked, extract_part
from tests.dumps import news_page, write_jsonl


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    rows: list[object | str] = []
    for n in range(7):
        paragraphs = [
            f"The port authority of harbour {n} said on Tuesday that Putin's visit was postponed.",
            f"Dock workers at harbour {n} had prepared for two days; the cranes stood idle.",
        ]
        rows.append(
            {"url": f"https://ports.example/{n}", "html": news_page(f"Harbour {n}", paragraphs)}
        )
    rows.insert(3, '{"url": "https://ports.example/cut", "html": "<p>cut')
    return write_jsonl(tmp_path / "ports.jsonl", rows)


def _setup(leaders: LeaderList) -> WorkerSetup:
    return WorkerSetup(tuple(leaders.aliases), record_timeout=None)


def test_parts_in_any_order_give_what_the_flow_would_extract(crawl: Path, small_leaders):
    (source,) = discover([crawl])
    records = [r for r in read_records(source) if isinstance(r, RawRecord)]
    assert len(records) == 7  # the cut line is settled by the flow's reading
    setup = _setup(small_leaders)
    expected = extract_part(records, setup).outcomes
    parts = [locate(part, {source.file_id: source}) for part in chunked(records, 3)]
    # The last part first: the worker's read of the file starts again for the earlier ones.
    outcomes = [
        o for part in (parts[2], parts[0], parts[1]) for o in extract_located(part, setup).outcomes
    ]
    key = lambda outcome: outcome.position  # noqa: E731
    assert sorted(outcomes, key=key) == sorted(expected, key=key)
    assert sum(len(p.positions) for part in parts for p in part) == 7
    assert all(Path(p.source.path).is_absolute() for part in parts for p in part)


def test_a_file_cut_after_discovery_gives_rejects_for_the_records_asked(crawl: Path, small_leaders):
    (source,) = discover([crawl])
    records = [r for r in read_records(source) if isinstance(r, RawRecord)]
    crawl.write_bytes(crawl.read_bytes()[:200])
    outcomes = extract_located(locate(records[4:], {source.file_id: source}), _setup(small_leaders))
    assert [o.position for o in outcomes.outcomes] == [r.position for r in records[4:]]
    assert all(isinstance(o, Rejected) and o.reason == Reason.VANISHED for o in outcomes.outcomes)
    assert "cut after discovery" in outcomes.outcomes[0].detail
