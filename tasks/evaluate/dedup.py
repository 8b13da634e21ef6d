"""Deduplication quality: syndicated copies and hard negatives, placed by the real pipeline.

The labelled set is generated (the same for a seed) from the project's own texts. Originals: the
bodies of `eval/corpus/truth.jsonl` and the reports of `eval/dedup/same_event.jsonl`. Each is
copied 1-4 times onto other sites with one edit syndication makes (EDITS), and sometimes
republished unchanged under a tracking URL. Hard negatives: the two reports of each event, and
the daily items of `eval/dedup/templates.jsonl` (fixed text, figures that change every day).
Every item is fingerprinted and loaded with `load_batch` into an in-memory store in shuffled
batches; the stories of `article_clusters` are scored by pairs (predicted: both in one story;
true: both copies of one original).

    python -m tasks.evaluate.dedup [--threshold 0.8] [--seed 7] [--scale 1]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import duckdb

from tasks.dedup.similarity import estimated_jaccard, fingerprint, numbers_agree
from tasks.evaluate.dedup_labels import (
    BAD_CANONICALS,
    COPIES,
    FILE_ID,
    NOW,
    Item,
    build_items,
)
from tasks.read.normalise import body_fingerprint, canonical_url, record_key, site_of
from tasks.records import Article, Fingerprint
from tasks.settings import DEFAULT_NEAR_THRESHOLD
from tasks.store.database import execute, query
from tasks.store.load import load_batch
from tasks.store.sql import build_models

BATCHES = 6


@dataclass(frozen=True, slots=True)
class CategoryScore:
    """How the copies made by one edit fared: pairs found, and why copy-original pairs missed."""

    copies: int
    pairs: int
    found: int
    joined: int  # copies placed in the story of their original
    missed: dict[str, int]  # similarity (< threshold), numbers (disagree), lsh (no shared band)
    min_similarity: float

    @property
    def recall(self) -> float:
        return self.found / self.pairs if self.pairs else 1.0


@dataclass(frozen=True, slots=True)
class NegativeScore:
    """Pairs of originals that must stay apart: how close their text is and how many merged."""

    pairs: int
    above_threshold: int
    merged: int
    max_similarity: float


@dataclass(frozen=True, slots=True)
class DedupReport:
    threshold: float
    seed: int
    scale: int
    items: int
    item_counts: dict[str, int]  # items per category: originals by kind, copies by edit
    stories: int
    predicted_stories: int
    batches: int
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    categories: dict[str, CategoryScore]
    false_positives: dict[str, int]
    negatives: dict[str, NegativeScore]
    fingerprint_ms: float
    placement_ms: float

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _article(item: Item, position: int, print_: Fingerprint) -> Article:
    return Article(
        file_id=FILE_ID,
        position=position,
        url=item.url,
        canonical_url=canonical_url(item.url),
        site=site_of(item.url),
        site_name=None,
        title=item.title,
        author=None,
        published_at=item.published_at,
        date_source="metadata",
        language=item.language,
        body=item.body,
        body_hash=body_fingerprint(item.body),
        fingerprint=print_,
    )


def evaluate_dedup(
    threshold: float = DEFAULT_NEAR_THRESHOLD, seed: int = 7, scale: int = 1
) -> DedupReport:
    """Generate the labelled set, place it with the real pipeline and score the stories.

    `scale` multiplies the rounds of copies of each original and the days of each series.
    """
    items = build_items(seed, scale)
    started = time.perf_counter()
    prints = [fingerprint(item.body, threshold) for item in items]
    fingerprint_seconds = time.perf_counter() - started
    articles = [_article(item, i, p) for i, (item, p) in enumerate(zip(items, prints, strict=True))]
    order = list(range(len(items)))
    rng = random.Random(seed)
    rng.shuffle(order)
    cuts = sorted(rng.sample(range(1, len(order)), BATCHES + scale - 1))
    batches = [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(order)], strict=True)]
    con = duckdb.connect()
    try:
        execute(con, "store/session", time_zone="UTC")
        build_models(con)
        started = time.perf_counter()
        for number, batch in enumerate(batches):
            load_batch(con, f"{FILE_ID}-{number}", [articles[i] for i in batch], [], NOW, threshold)
        placement_seconds = time.perf_counter() - started
        clusters = dict(query(con, "evaluate/article_stories").iter_rows())
    finally:
        con.close()
    predicted = [clusters[record_key(FILE_ID, i)] for i in range(len(items))]
    truth = [item.story for item in items]
    true_pairs, predicted_pairs = _pairs(truth), _pairs(predicted)
    false_positives = Counter(_blame(items[i], items[j]) for i, j in predicted_pairs - true_pairs)
    return DedupReport(
        threshold=threshold,
        seed=seed,
        scale=scale,
        items=len(items),
        item_counts=dict(Counter(item.category for item in items)),
        stories=len(set(truth)),
        predicted_stories=len(set(predicted)),
        batches=len(batches),
        true_pairs=len(true_pairs),
        predicted_pairs=len(predicted_pairs),
        correct_pairs=len(true_pairs & predicted_pairs),
        categories=_categories(items, prints, predicted, threshold),
        false_positives=dict(sorted(false_positives.items())),
        negatives=_negatives(items, prints, predicted, threshold),
        fingerprint_ms=1000 * fingerprint_seconds / len(items),
        placement_ms=1000 * placement_seconds / len(items),
    )


def _pairs(labels: Sequence[object]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of items with the same label."""
    members: dict[object, list[int]] = defaultdict(list)
    for index, label in enumerate(labels):
        members[label].append(index)
    return {pair for group in members.values() for pair in combinations(group, 2)}


def _blame(left: Item, right: Item) -> str:
    """What a false merge is: two stories under one bad canonical URL, two reports of one
    event, two days of one series, or unrelated."""
    if canonical_url(left.url) == canonical_url(right.url):
        return f"url:{right.category if right.category in BAD_CANONICALS else left.category}"
    if left.group != right.group:
        return "unrelated"
    kind, name = left.group.split("/", 2)[:2]
    return "same_event" if kind == "event" else f"template:{name}"


def _why(copy: Fingerprint, original: Fingerprint, threshold: float) -> str:
    """Why a copy and its original were not linked: text, figures, or no shared band key."""
    if estimated_jaccard(copy.signature, original.signature) < threshold:
        return "similarity"
    if not numbers_agree(copy.numbers, original.numbers):
        return "numbers"
    return "lsh" if not set(copy.band_keys) & set(original.band_keys) else "other"


def _categories(
    items: list[Item], prints: list[Fingerprint], predicted: list[int], threshold: float
) -> dict[str, CategoryScore]:
    index = {item.key: i for i, item in enumerate(items)}
    members: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        members[item.story].append(i)
    rows: dict[str, list] = {kind: [0, 0, 0, 0, Counter(), 1.0] for kind in COPIES}
    for i, item in enumerate(items):
        if item.category not in COPIES:
            continue
        row, origin = rows[item.category], index[item.story]
        partners = [j for j in members[item.story] if j != i]
        row[0] += 1
        row[1] += len(partners)
        row[2] += sum(predicted[i] == predicted[j] for j in partners)
        if predicted[i] == predicted[origin]:
            row[3] += 1
        else:
            row[4][_why(prints[i], prints[origin], threshold)] += 1
        similarity = estimated_jaccard(prints[i].signature, prints[origin].signature)
        row[5] = min(row[5], similarity)
    return {kind: CategoryScore(*row[:4], dict(row[4]), row[5]) for kind, row in rows.items()}


def _negatives(
    items: list[Item], prints: list[Fingerprint], predicted: list[int], threshold: float
) -> dict[str, NegativeScore]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if item.category in ("same_event", "template"):
            groups[item.group].append(i)
        if item.category in BAD_CANONICALS:
            groups[f"url/{item.category}/{item.url}"].append(i)
    rows: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0.0])
    for group, indices in groups.items():
        kind = "same_event" if group.startswith("event/") else ":".join(group.split("/")[:2])
        kind = kind.replace("series:", "template:")
        for i, j in combinations(indices, 2):
            if items[i].story == items[j].story:
                continue
            similarity = estimated_jaccard(prints[i].signature, prints[j].signature)
            row = rows[kind]
            row[0] += 1
            row[1] += similarity >= threshold
            row[2] += predicted[i] == predicted[j]
            row[3] = max(row[3], similarity)
    return {kind: NegativeScore(*row) for kind, row in sorted(rows.items())}


def format_report(report: DedupReport) -> str:
    """The report as plain-text tables."""
    lines = [
        f"Deduplication at threshold {report.threshold} (seed {report.seed}, scale "
        f"{report.scale}): {report.items} items, {report.stories} true stories, "
        f"{report.predicted_stories} predicted, {report.batches} batches",
        "items: " + ", ".join(f"{kind} {n}" for kind, n in report.item_counts.items()),
        f"pairs: {report.true_pairs} true, {report.predicted_pairs} predicted, "
        f"{report.correct_pairs} correct",
        f"precision {report.precision:.4f}  recall {report.recall:.4f}  F1 {report.f1:.4f}",
        f"time per article: fingerprint {report.fingerprint_ms:.2f} ms, placement "
        f"{report.placement_ms:.2f} ms",
        "",
        f"{'copy edit':<20}{'copies':>7}{'pairs':>7}{'found':>7}{'recall':>8}{'joined':>8}"
        f"{'min sim':>9}  missed (copy vs original)",
    ]
    for kind, row in report.categories.items():
        missed = ", ".join(f"{why} {n}" for why, n in sorted(row.missed.items())) or "-"
        lines.append(
            f"{kind:<20}{row.copies:>7}{row.pairs:>7}{row.found:>7}{row.recall:>8.3f}"
            f"{row.joined:>8}{row.min_similarity:>9.3f}  {missed}"
        )
    lines += ["", f"{'hard negatives':<28}{'pairs':>7}{'>= thr':>8}{'merged':>8}{'max sim':>9}"]
    for kind, row in report.negatives.items():
        lines.append(
            f"{kind:<28}{row.pairs:>7}{row.above_threshold:>8}{row.merged:>8}"
            f"{row.max_similarity:>9.3f}"
        )
    fps = ", ".join(f"{kind} {n}" for kind, n in report.false_positives.items()) or "none"
    lines += ["", f"false-positive pairs: {fps}"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=DEFAULT_NEAR_THRESHOLD)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args(argv)
    print(format_report(evaluate_dedup(args.threshold, args.seed, args.scale)))


if __name__ == "__main__":
    main()
