"""Mention counting against hand-counted pages: micro precision, recall and F1 over counts.

A gold file holds one JSON object per page: `corpus` and `file` (the page in that corpus'
`truth.jsonl`, in a folder named `corpus` beside the gold file's folder), or the text itself in
`body`; `mentions` (leader → number of name mentions), `occurrences` (one per mention: `leader`,
`surface`, `context`), `roles` (references by title alone, kept but not scored) and `notes`.

Counting is scored two ways: on the expected body (the matcher alone) and end to end on the page
(extraction, then the matcher on what was extracted). Each (page, leader) pair contributes
min(found, gold) true positives, the excess of found as false positives and the shortfall as
false negatives; `recall_known` counts only the leaders the leader list holds (what matching
can find), and `f1_known` combines it with precision.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tasks.errors import KabarError
from tasks.evaluate.split import half_of
from tasks.extract.record import extract_record
from tasks.mentions.matcher import Alias, MentionMatcher, utc_day
from tasks.mentions.offices import OfficeHolders, OfficeMatcher, load_lexicon
from tasks.records import Article, RawRecord
from tasks.settings import OFFICE_LEXICON

MODES = ("body", "page")


@dataclass(frozen=True, slots=True)
class GoldPage:
    """One hand-counted page: where its text is, and the name mentions per leader in it."""

    source: str
    corpus: str
    file: str
    mentions: dict[str, int]
    occurrences: tuple[dict[str, str], ...] = ()
    roles: tuple[dict[str, str], ...] = ()
    notes: str = ""
    date: str | None = None
    language: str | None = None
    body: str | None = None
    page: Path | None = None
    url: str | None = None

    @property
    def half(self) -> str:
        return half_of(self.file)


@dataclass(frozen=True, slots=True)
class PairScore:
    """Counts of one leader on one page, in one mode, as written to the per-page CSV."""

    source: str
    mode: str
    corpus: str
    file: str
    half: str
    leader: str
    known: bool
    gold: int
    found: int

    @property
    def tp(self) -> int:
        return min(self.gold, self.found)

    @property
    def fp(self) -> int:
        return max(self.found - self.gold, 0)

    @property
    def fn(self) -> int:
        return max(self.gold - self.found, 0)


@dataclass(slots=True)
class Totals:
    """Summed counts over a set of (page, leader) pairs."""

    pages: set[tuple[str, str]] = field(default_factory=set)
    gold: int = 0
    found: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    known_gold: int = 0
    known_tp: int = 0

    def add(self, score: PairScore) -> None:
        self.pages.add((score.corpus, score.file))
        self.gold += score.gold
        self.found += score.found
        self.tp += score.tp
        self.fp += score.fp
        self.fn += score.fn
        if score.known:
            self.known_gold += score.gold
            self.known_tp += score.tp


def load_gold(path: str | Path) -> list[GoldPage]:
    """The pages of a gold file, each checked: counts are whole numbers and agree with the
    occurrences listed; a page named by corpus and file exists in that corpus."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError as error:
        raise KabarError(f"cannot read gold file {path}: {error.strerror}") from error
    corpora: dict[str, dict[str, dict[str, Any]]] = {}
    pages = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            raise KabarError(f"{where}: not JSON ({error.msg})") from error
        page = _gold_page(entry, where, path.name)
        if page.body is None:
            truth = corpora.get(page.corpus)
            if truth is None:
                truth = corpora[page.corpus] = _truth(path.parent.parent / page.corpus, where)
            if page.file not in truth:
                raise KabarError(f"{where}: {page.file} is not in {page.corpus}/truth.jsonl")
            known = truth[page.file]
            root = path.parent.parent / page.corpus
            page = _with_page(page, known.get("body") or "", root / page.file, known.get("url"))
        pages.append(page)
    return pages


def _gold_page(entry: Any, where: str, source: str) -> GoldPage:
    if not isinstance(entry, dict) or not isinstance(entry.get("mentions"), dict):
        raise KabarError(f"{where}: needs an object with 'mentions' (leader → count)")
    if not entry.get("file") or not (entry.get("corpus") or "body" in entry):
        raise KabarError(f"{where}: needs 'file', and 'corpus' or the text in 'body'")
    mentions = entry["mentions"]
    for leader, count in mentions.items():
        if not isinstance(count, int) or count < 0:
            raise KabarError(
                f"{where}: the count of {leader} must be a whole number, not {count!r}"
            )
    occurrences = tuple(entry.get("occurrences") or ())
    if occurrences:
        listed: dict[str, int] = {}
        for occurrence in occurrences:
            listed[occurrence["leader"]] = listed.get(occurrence["leader"], 0) + 1
        if listed != {k: v for k, v in mentions.items() if v}:
            raise KabarError(f"{where}: 'mentions' {mentions} disagree with 'occurrences' {listed}")
    body = entry.get("body")
    if body is not None:
        for occurrence in occurrences:
            if occurrence["surface"] not in body:
                raise KabarError(f"{where}: '{occurrence['surface']}' is not in the body")
    return GoldPage(
        source=source,
        corpus=entry.get("corpus") or "inline",
        file=entry["file"],
        mentions={k: v for k, v in mentions.items() if v},
        occurrences=occurrences,
        roles=tuple(entry.get("roles") or ()),
        notes=entry.get("notes") or "",
        date=entry.get("date"),
        language=entry.get("language"),
        body=body,
    )


def _with_page(page: GoldPage, body: str, file: Path, url: str | None) -> GoldPage:
    fields = {name: getattr(page, name) for name in GoldPage.__dataclass_fields__}
    return GoldPage(**{**fields, "body": body, "page": file, "url": url})


def _truth(folder: Path, where: str) -> dict[str, dict[str, Any]]:
    truth = folder / "truth.jsonl"
    if not truth.is_file():
        raise KabarError(
            f"{where}: {truth} not found; 'corpus' names a folder beside the gold file's folder"
        )
    # Split on newlines only: bodies may hold U+2028 and other breaks that splitlines() cuts at.
    lines = truth.read_text(encoding="utf-8").split("\n")
    entries = (json.loads(line) for line in lines if line.strip())
    return {entry["file"]: entry for entry in entries}


def page_body(page: GoldPage) -> tuple[str, str]:
    """The body Kabar extracts from the page's HTML, and its language, as `kabar ingest`
    would."""
    assert page.page is not None
    content = page.page.read_bytes()
    if page.page.suffix == ".gz":
        content = gzip.decompress(content)
    outcome = extract_record(RawRecord("eval", 0, "html", content, url=page.url))
    if isinstance(outcome, Article):
        return outcome.body, outcome.language or ""
    return "", ""


# A gold reference by role to someone other than the sitting holder ("the former president",
# "o presidente eleito"): such spans are not references to the office's holder, so they are
# left out of the gold that office references are scored against.
NOT_SITTING = re.compile(
    r"\b(?:former|ex|late|elect|eleito|electo|élu|mantan|бывш\w*)\b|前|전 ", re.I
)


def sitting_roles(page: GoldPage) -> dict[str, int]:
    """The gold's references by role to each leader, as sitting holders of their office."""
    return dict(
        Counter(
            role["leader"]
            for role in page.roles
            if role.get("leader") and not NOT_SITTING.search(role.get("surface", ""))
        )
    )


def evaluate_mentions(
    pages: Iterable[GoldPage],
    matcher: MentionMatcher,
    leaders: set[str],
    holders: OfficeHolders | None = None,
) -> Iterator[PairScore]:
    """(page, leader) counts in each mode: on the expected body, and end to end on the page
    when the gold names one. A page with no leader found or expected gives one empty row.
    With `holders`, references by office are scored too (modes `body/office`, `page/office`),
    resolved at the page's date, against the gold's roles of sitting holders; and references
    of both kinds, offices and metonyms (`body/role`, `page/role`), against the same roles."""
    offices = OfficeMatcher(load_lexicon(OFFICE_LEXICON)) if holders is not None else None
    known = known_as(matcher.aliases, leaders)
    for page in pages:
        gold_names = _renamed(page.mentions, known)
        for mode in MODES:
            if mode == "page" and page.page is None:
                continue
            if mode == "body":
                text, language = page.body or "", page.language
            else:
                text, language = page_body(page)
            # As the ingest counts: the name forms of the article's language (all of them for a
            # body whose language the gold does not give).
            day = utc_day(datetime.fromisoformat(page.date)) if page.date else None
            mentions = matcher.find(text, language, day)
            found = dict(Counter(mention.leader for mention in mentions))
            yield from _scores(page, mode, gold_names, found, leaders)
            if offices is None or holders is None:
                continue
            named = [(m.leader, m.start, m.end) for m in mentions]
            candidates = offices.candidates(text, named, language)
            references = offices.resolve(candidates, text, day, holders, named, language)
            by_office = Counter(r.leader for r in references if r.kind == "office")
            gold_roles = _renamed(sitting_roles(page), known)
            yield from _scores(page, f"{mode}/office", gold_roles, by_office, leaders)
            # The gold's roles take in places that speak for the office (`the Kremlin said`):
            # the references of both kinds, as the guide counts roles.
            by_role = Counter(r.leader for r in references)
            yield from _scores(page, f"{mode}/role", gold_roles, by_role, leaders)


def known_as(aliases: Iterable[Alias], leaders: set[str]) -> dict[str, str]:
    """The leader each full name of the list stands for, where a gold file names a leader by
    another of their names than the list's own (`Abdullah II` for `Abdullah II of Jordan`): the
    annotators write a leader's usual English name without seeing the list."""
    people: dict[str, set[str]] = {}
    for alias in aliases:
        if alias.kind == "name" and alias.text not in leaders:
            people.setdefault(alias.text, set()).add(alias.leader)
    return {text: next(iter(found)) for text, found in people.items() if len(found) == 1}


def _renamed(counts: dict[str, int], known: dict[str, str]) -> dict[str, int]:
    renamed: Counter[str] = Counter()
    for leader, count in counts.items():
        renamed[known.get(leader, leader)] += count
    return dict(renamed)


def _scores(
    page: GoldPage, mode: str, gold: dict[str, int], found: dict[str, int], leaders: set[str]
) -> Iterator[PairScore]:
    for leader in sorted(set(found) | set(gold)) or [""]:
        yield PairScore(
            page.source,
            mode,
            page.corpus,
            page.file,
            page.half,
            leader,
            leader in leaders,
            gold.get(leader, 0),
            found.get(leader, 0),
        )


def summarise_mentions(scores: Iterable[PairScore]) -> list[dict[str, object]]:
    """One row per gold file, mode and half (and `all`): micro precision, recall and F1."""
    groups: dict[tuple[str, str, str], Totals] = {}
    for score in scores:
        for half in (score.half, "all"):
            groups.setdefault((score.source, score.mode, half), Totals()).add(score)
    rows = []
    for (source, mode, half), totals in sorted(groups.items()):
        precision = _ratio(totals.tp, totals.tp + totals.fp)
        recall = _ratio(totals.tp, totals.tp + totals.fn)
        recall_known = _ratio(totals.known_tp, totals.known_gold)
        rows.append(
            {
                "gold": source,
                "mode": mode,
                "half": half,
                "pages": len(totals.pages),
                "mentions": totals.gold,
                "found": totals.found,
                "precision": precision,
                "recall": recall,
                "f1": _f1(precision, recall),
                "recall_known": recall_known,
                "f1_known": _f1(precision, recall_known),
            }
        )
    return rows


def write_pair_scores(scores: Iterable[PairScore], path: Path) -> None:
    """The per-page counts as CSV: one row per page, mode and leader."""
    path.parent.mkdir(parents=True, exist_ok=True)
    columns = [*PairScore.__dataclass_fields__, "tp", "fp", "fn"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for score in scores:
            writer.writerow({**asdict(score), "tp": score.tp, "fp": score.fp, "fn": score.fn})


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None or precision + recall == 0:
        return None
    return 2 * precision * recall / (precision + recall)
