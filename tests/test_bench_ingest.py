"""The ingest and mart benchmarks work (quick forms): a generated dump is what its manifest says,
and the measuring functions return sane figures. How fast is for `make bench` to say."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from benchmarks.generate import LANGUAGES, generate, make_story, syndicate
from benchmarks.ingest_bench import measure as measure_ingest
from benchmarks.marts_bench import expected_weekly_rows
from benchmarks.marts_bench import measure as measure_marts
from tasks.mentions.matcher import MentionMatcher

PAGES = 40
# A seed whose first 40 pages hold exact duplicates, syndicated copies and a section front.
SEED = 3


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("generated")
    return out, generate(out, PAGES, SEED)


def digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def truth(out: Path, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    with gzip.open(out / manifest["truth"], "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def html_pages(root: Path) -> list[bytes]:
    """Every HTML page written, whatever its format (text scrapes are not HTML)."""
    pages = [path.read_bytes() for path in root.rglob("*.html")]
    for path in root.glob("jsonl/*.gz"):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            pages += [json.loads(line)["html"].encode() for line in lines]
    for path in root.glob("warc/*.gz"):
        with open(path, "rb") as stream:
            pages += [
                record.content_stream().read()
                for record in ArchiveIterator(stream)
                if record.rec_type == "response"
            ]
    return pages


def test_the_same_seed_writes_the_same_bytes(dump, tmp_path):
    out, manifest = dump
    assert generate(tmp_path, PAGES, SEED) == manifest
    assert digests(tmp_path) == digests(out)


def test_the_manifest_counts_what_was_written(dump):
    out, manifest = dump
    root = out / manifest["dump"]
    rows = truth(out, manifest)
    assert len(rows) == manifest["pages"] == manifest["expected"]["records"] == PAGES
    for fmt, counts in manifest["formats"].items():
        written = [row for row in rows if row["format"] == fmt]
        on_disk = [path for path in (root / fmt).rglob("*") if path.is_file()]
        assert counts["records"] == len(written) > 0, fmt
        assert counts["files"] == len({row["file"] for row in written}) == len(on_disk), fmt
    with gzip.open(next(root.glob("jsonl/*.gz")), "rt", encoding="utf-8") as lines:
        assert all({"url", "html"} <= json.loads(line).keys() for line in lines)
    with open(next(root.glob("warc/*.gz")), "rb") as stream:
        types = Counter(record.rec_type for record in ArchiveIterator(stream))
    assert types["warcinfo"] == 1 and types["request"] == types["response"] > 0
    roles = Counter(row["role"] for row in rows)
    assert (
        manifest["stories"]
        == roles["original"]
        == len({r["story"] for r in rows if r["story"] is not None})
    )
    assert manifest["syndicated_copies"] == roles["syndicated"] > 0
    assert manifest["exact_duplicates"] == roles["duplicate"] > 0
    assert manifest["index_pages"] == roles["index"] > 0
    planted: Counter[str] = Counter()
    for row in rows:
        planted.update(row["mentions"])
    assert dict(planted) == manifest["mentions_per_leader"]
    assert {"Vladimir Putin", "Xi Jinping", "Donald Trump"} <= planted.keys()


def test_pages_are_whole_news_pages_of_30_to_150_kb(dump):
    out, manifest = dump
    root = out / manifest["dump"]
    pages = html_pages(root)
    assert len(pages) == PAGES - manifest["formats"]["text"]["records"]
    assert all(30_000 <= len(page) <= 150_000 for page in pages)
    dated = [p for p in pages if b"article:published_time" in p or b"<time datetime" in p]
    assert len(dated) >= len(pages) - manifest["index_pages"]  # section fronts have no date
    assert 50_000 < manifest["html_bytes"]["mean"] < 110_000
    for scrape in root.rglob("*.txt"):
        text = scrape.read_text(encoding="utf-8")
        assert "<" not in text and "window." not in text  # rendered text, no markup or scripts
        assert len(text.splitlines()) > 30  # menus, headlines, article, footer


def test_planted_mentions_are_what_the_matcher_counts(leaders):
    matcher = MentionMatcher(leaders.aliases)
    languages = set()
    for story_id in range(80):
        story = make_story(SEED, story_id)
        languages.add(story.language)
        for version in (story, syndicate(story, SEED, 1)):
            body = "\n\n".join(version.paragraphs)
            assert matcher.count(body) == dict(version.mention_totals()), body
    assert languages == set(LANGUAGES)


def test_the_ingest_benchmark_measures_both_sides_and_finds_the_planted_copies(dump):
    out, manifest = dump
    result = measure_ingest(out, manifest, workers=1)
    baseline, kabar = result["baseline"], result["kabar"]
    assert baseline["pages"] == PAGES and baseline["pages_per_second"] > 0
    assert kabar["pages_per_second"] > 0 and kabar["peak_rss_mb"] > 0
    assert result["ratio"] > 0
    run = kabar["run"]
    assert kabar["reconciles"]
    assert run["records_seen"] == manifest["expected"]["records"]
    assert run["articles_new"] + run["duplicates"] + run["rejects"] == PAGES
    found = result["truth"]
    assert found["exact_duplicates"]["found"] == found["exact_duplicates"]["planted"] > 0
    assert found["stories"]["planted"] == manifest["stories"]
    assert run["duplicates"] >= manifest["exact_duplicates"]
    stages = kabar["stages"]
    assert stages["available"]
    assert stages["records"] == PAGES and stages["extract_seconds"] > 0
    memory = stages["writer_memory_mb"]
    assert 0 < memory["store_memory"]["last"] < memory["writer_rss"]["last"]
    # The peak is shared among the writer, its extractor and Prefect's temporary server.
    shares = kabar["peak_by_process_mb"]
    assert len(shares) >= 3
    assert abs(sum(mb for _, mb in shares) - kabar["peak_rss_mb"]) <= len(shares)
    assert 0 < kabar["peak_at_seconds"] <= kabar["seconds"]
    again = result["reingest"]
    assert again["records_seen"] == 0 and again["files_skipped"] > 0
    assert again["fraction"] > 0 and result["fixed_cost"]["seconds"] > 0


def test_the_marts_benchmark_reads_the_dense_weekly_grid():
    result = measure_marts(articles=2000, mentions=10_000)
    assert result["leaders"] > 50
    for mart in ("mentions_per_leader_per_week", "leader_share_of_voice_per_week"):
        figures = result["marts"][mart]
        assert figures["rows"] == expected_weekly_rows(result["leaders"])
        assert figures["best_seconds"] > 0 and figures["first_seconds"] > 0
