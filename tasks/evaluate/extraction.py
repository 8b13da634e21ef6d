"""Extraction quality on a corpus of pages with known articles, side by side with trafilatura.

A corpus is a folder with `truth.jsonl`: one object per page with `file` (the HTML page),
optional `text_file` (a browser text scrape of the same page), `body` (paragraphs separated by
blank lines), `title`, `published_at` (ISO 8601 or null), `language`, `url`, and optionally
`body_partial: true` when `body` is only the start of the article. A page marked
`expect: "reject"` (a listing, section or home page) has no article: a system scores on it by
refusing it. Page files may be gzip-compressed (`.gz`).

Every page falls in the corpus's tune or check half (`tasks.evaluate.split`); the summary gives
each half apart and the whole corpus.
"""

from __future__ import annotations

import csv
import gzip
import html
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from statistics import mean

import trafilatura

from tasks.errors import KabarError
from tasks.evaluate.scoring import shingle_scores
from tasks.evaluate.split import check_half, half_of, in_half
from tasks.evaluate.stated import states_date, title_line
from tasks.extract.dates import parse_datetime
from tasks.extract.record import extract_record
from tasks.records import Article, RawRecord

# Language accuracy is judged on articles at least this long: shorter texts are ambiguous.
LANGUAGE_MIN_CHARS = 300
FORMATS = ("html", "text")
# A date is judged to the day only where the truth gives a day (some give only a month).
DAY_CHARS = len("2025-01-31")


@dataclass(frozen=True, slots=True)
class TruthPage:
    """One page of a corpus and what its article is."""

    file: Path
    text_file: Path | None
    body: str
    title: str | None
    published_at: str | None
    language: str | None
    url: str | None
    body_partial: bool
    expect_reject: bool = False

    @property
    def half(self) -> str:
        return half_of(self.file.name)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What a system extracted from one page."""

    body: str
    title: str | None
    published_at: datetime | None
    language: str | None
    seconds: float


@dataclass(frozen=True, slots=True)
class PageScore:
    """Scores of one system on one page, as written to the per-page CSV."""

    corpus: str
    format: str
    system: str
    page: str
    half: str
    partial: bool
    expect_reject: bool
    rejected: bool
    precision: float
    recall: float
    f1: float
    title_ok: bool | None
    date_ok: bool | None
    language_ok: bool | None
    seconds: float
    # Text scrapes only: the title judged where it stands as a line (the line alone is right too),
    # the date where the scrape writes it (tasks.evaluate.stated); None where they do not.
    title_stands_ok: bool | None = None
    date_stated_ok: bool | None = None


def load_corpus(folder: str | Path) -> list[TruthPage]:
    """The pages of a corpus folder, checking that each named file exists."""
    root = Path(folder)
    truth = root / "truth.jsonl"
    if not truth.is_file():
        raise KabarError(
            f"{root}: no truth.jsonl; a corpus is a folder of pages with a truth.jsonl"
        )
    pages = []
    for number, line in enumerate(truth.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        entry = json.loads(line)
        expect_reject = entry.get("expect") == "reject"
        if "file" not in entry or not (expect_reject or entry.get("body")):
            raise KabarError(
                f"{truth}, line {number}: needs 'file', and 'body' or \"expect\": \"reject\""
            )
        pages.append(
            TruthPage(
                file=root / entry["file"],
                text_file=root / entry["text_file"] if entry.get("text_file") else None,
                body=entry.get("body") or "",
                title=entry.get("title"),
                published_at=entry.get("published_at"),
                language=entry.get("language"),
                url=entry.get("url"),
                body_partial=bool(entry.get("body_partial")),
                expect_reject=expect_reject,
            )
        )
    return pages


def kabar_system(kind: str) -> Callable[[bytes, str | None], Extraction]:
    """Kabar's own extraction, the code path `kabar ingest` uses."""

    def run(content: bytes, url: str | None) -> Extraction:
        started = time.perf_counter()
        outcome = extract_record(RawRecord("eval", 0, kind, content, url=url))  # type: ignore[arg-type]
        seconds = time.perf_counter() - started
        if not isinstance(outcome, Article):
            return Extraction("", None, None, None, seconds)
        return Extraction(
            outcome.body, outcome.title, outcome.published_at, outcome.language, seconds
        )

    return run


def trafilatura_system(kind: str) -> Callable[[bytes, str | None], Extraction]:
    """Plain trafilatura, for comparison; a text scrape is given to it as one <p> per line."""

    def run(content: bytes, url: str | None) -> Extraction:
        text = content.decode("utf-8", errors="replace")
        return _trafilatura(text if kind == "html" else lines_as_html(text), url)

    return run


def lines_as_html(text: str) -> str:
    """A text scrape as the simplest HTML page: each line a paragraph."""
    paragraphs = "".join(
        f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip()
    )
    return f"<html><body>{paragraphs}</body></html>"


def _trafilatura(text: str, url: str | None) -> Extraction:
    """The body of `extract` with default options; title and date from
    `bare_extraction(with_metadata=True)`, whose time per page is the speed baseline."""
    started = time.perf_counter()
    document = trafilatura.bare_extraction(text, url=url, with_metadata=True)
    seconds = time.perf_counter() - started
    body = trafilatura.extract(text, url=url) or ""
    title = document.title if document is not None else None
    date = parse_datetime(document.date) if document is not None and document.date else None
    return Extraction(body, title, date, None, seconds)


def score_page(
    page: TruthPage, found: Extraction
) -> tuple[float, float, float, bool | None, bool | None, bool | None]:
    """Body P/R/F1 over 4-word shingles, title exact match, date to the day, language."""
    precision, recall, f1 = shingle_scores(found.body, page.body)
    if page.expect_reject:
        return precision, recall, f1, None, None, None
    title_ok = None if not page.title else _norm(found.title) == _norm(page.title)
    stated = page.published_at if len(page.published_at or "") >= DAY_CHARS else None
    expected_date = parse_datetime(stated) if stated else None
    date_ok = (
        None
        if expected_date is None
        else (found.published_at is not None and found.published_at.date() == expected_date.date())
    )
    language_ok = None
    if page.language and len(page.body) >= LANGUAGE_MIN_CHARS and found.language is not None:
        language_ok = found.language == page.language
    elif page.language and len(page.body) >= LANGUAGE_MIN_CHARS and found.body:
        language_ok = False
    return precision, recall, f1, title_ok, date_ok, language_ok


def evaluate(
    corpus: str | Path, limit: int | None = None, half: str | None = None
) -> Iterator[PageScore]:
    """Score Kabar and plain trafilatura on every page of a corpus (or of one half), in both
    formats."""
    check_half(half)
    name = Path(corpus).resolve().name
    pages = [page for page in load_corpus(corpus) if in_half(half, page.half)]
    for page in pages[:limit]:
        for fmt in FORMATS:
            source = page.file if fmt == "html" else page.text_file
            if source is None:
                continue
            content = read_page(source)
            scrape = content.decode("utf-8", errors="replace") if fmt == "text" else None
            for system, run in (
                ("kabar", kabar_system(fmt)),
                ("trafilatura", trafilatura_system(fmt)),
            ):
                found = run(content, page.url)
                scores = score_page(page, found)
                language_ok = scores[5] if system == "kabar" else None
                yield PageScore(
                    name,
                    fmt,
                    system,
                    source.name,
                    page.half,
                    page.body_partial,
                    page.expect_reject,
                    not found.body.strip(),
                    *scores[:5],
                    language_ok,
                    found.seconds,
                    *stated_scores(page, found, scrape, scores[4]),
                )


def stated_scores(
    page: TruthPage, found: Extraction, scrape: str | None, date_ok: bool | None
) -> tuple[bool | None, bool | None]:
    """Title and date of a text scrape, judged only where the scrape holds them: the title where
    it stands as a line (alone or with a site name), the date where the scrape writes it."""
    if scrape is None or page.expect_reject:
        return None, None
    line = title_line(scrape, page.title)
    title_ok = None if line is None else _norm(found.title) in {_norm(page.title), line}
    stated = date_ok is not None and states_date(scrape, page.published_at, page.language)
    return title_ok, date_ok if stated else None


def read_page(path: Path) -> bytes:
    """A page file's bytes, inflated when the file is gzip-compressed."""
    content = path.read_bytes()
    return gzip.decompress(content) if path.suffix == ".gz" else content


def summarise(scores: Iterable[PageScore]) -> list[dict[str, object]]:
    """One row per corpus, format, half (`tune`, `check`, and `all` for both) and system: mean
    body scores over articles, metadata accuracies, the share of listing pages refused
    (`listings_rejected`) and of articles refused (`articles_rejected`), and ms per page. For text
    scrapes, the title and date also over the pages whose scrape holds them (`title_stands`,
    `date_stated`, with their page counts)."""
    groups: dict[tuple[str, str, str, str], list[PageScore]] = {}
    for score in scores:
        for half in (score.half, "all"):
            key = (score.corpus, score.format, half, score.system)
            groups.setdefault(key, []).append(score)
    rows = []
    for (corpus, fmt, half, system), items in sorted(groups.items(), key=_row_order):
        articles = [s for s in items if not s.expect_reject]
        listings = [s for s in items if s.expect_reject]
        full = [s for s in articles if not s.partial]
        rows.append(
            {
                "corpus": corpus,
                "format": fmt,
                "half": half,
                "system": system,
                "pages": len(items),
                "precision": _mean(s.precision for s in full),
                "recall": _mean(s.recall for s in full),
                "f1": _mean(s.f1 for s in full),
                "title": _rate(s.title_ok for s in articles),
                "date": _rate(s.date_ok for s in articles),
                "title_stands": _rate(s.title_stands_ok for s in articles),
                "titles_standing": _count(s.title_stands_ok for s in articles),
                "date_stated": _rate(s.date_stated_ok for s in articles),
                "dates_stated": _count(s.date_stated_ok for s in articles),
                "language": _rate(s.language_ok for s in articles),
                "listings_rejected": _rate(s.rejected for s in listings),
                "articles_rejected": _rate(s.rejected for s in articles),
                "ms_per_page": 1000 * _mean(s.seconds for s in items),
            }
        )
    return rows


def _row_order(item: tuple[tuple[str, str, str, str], list[PageScore]]) -> tuple:
    corpus, fmt, half, system = item[0]
    return corpus, fmt, ("tune", "check", "all").index(half), system


def write_page_scores(scores: Iterable[PageScore], path: Path) -> None:
    """The per-page scores as CSV, to find which pages a change made better or worse."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [asdict(score) for score in scores]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(PageScore.__dataclass_fields__))
        writer.writeheader()
        writer.writerows(rows)


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return mean(values) if values else None


def _count(values: Iterable[bool | None]) -> int | None:
    judged = [v for v in values if v is not None]
    return len(judged) or None


def _rate(values: Iterable[bool | None]) -> float | None:
    judged = [v for v in values if v is not None]
    return sum(judged) / len(judged) if judged else None
