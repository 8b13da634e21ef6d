"""A catalogue of hostile inputs, each built into one dump folder, with what Kabar must make of
every record. `tests/test_hostile_dump.py` ingests the folder and checks it; the README's table
of what was tried is rendered from this catalogue (`python -m tests.hostile`)."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.dumps import news_page, warc_bytes, write_jsonl
from tests.test_archives import add_special, write_tar, write_zip, zeros_gzip
from tests.test_encodings import STORIES, html_page
from tests.test_hostile_pages import HINDI, NOT_ARTICLES
from tests.test_readers import set_content_length

ARTICLE = "article"
BOMB_BYTES = 20 << 30
HUGE_PAGE_BYTES = 50 << 20
HUGE_LINE_BYTES = 100 << 20
NESTING = 100_000

# One topic per page, so that no page is a copy of another.
TOPICS = [
    (
        "Ferry strike ends",
        "Ferry crews on the northern route returned to work on Tuesday after a nine-day strike.",
        "The operator agreed to hire forty more deckhands and to shorten night shifts to ten hours.",
        "Island shops had run low on fresh milk and bread during the stoppage, residents said.",
    ),
    (
        "Library reopens",
        "The central library reopened on Saturday after two years of repairs to its leaking roof.",
        "Readers queued before dawn, and the reading room filled within an hour of the doors opening.",
        "The city paid for the work with a bond approved by voters in the spring referendum.",
    ),
    (
        "Orchard harvest falls",
        "Apple growers in the valley expect a third smaller harvest after a late frost in April.",
        "Blossoms froze on the higher slopes, where most of the old cider varieties are grown.",
        "Packing houses plan to take on fewer seasonal pickers and to buy fruit from the coast.",
    ),
    (
        "Tram line extended",
        "The number seven tram will run to the new hospital from March, the transport board said.",
        "Workers laid the last stretch of track across the old rail yard during the winter break.",
        "Fares stay the same, and trams will run every six minutes at the busiest hours of the day.",
    ),
    (
        "Chess club wins title",
        "A school chess club from the eastern suburbs won the national junior title on Sunday.",
        "Its captain, a fourteen-year-old, drew the deciding game against last year's champions.",
        "The club meets twice a week in a borrowed classroom and has no paid coach at all.",
    ),
    (
        "River level rises",
        "Forecasters warned that the river could burst its banks downstream of the old weir tonight.",
        "Volunteers filled sandbags outside the town hall while the fire brigade checked the pumps.",
        "Farmers moved their cattle to higher fields and the ring road was closed near the bridge.",
    ),
    (
        "Bakery chain expands",
        "A family bakery chain will open twelve new shops in the south over the next two years.",
        "Its founders started with one oven in a rented garage and now employ three hundred bakers.",
        "The chain says it will keep baking at night so that every shop sells bread made that day.",
    ),
    (
        "Observatory finds comet",
        "Astronomers at the hill observatory spotted a faint comet moving across the evening sky.",
        "It should be visible through binoculars near the western horizon late in the month.",
        "Amateur groups plan viewing nights in parks away from the glare of the city lights.",
    ),
    (
        "Museum returns masks",
        "The national museum handed back six carved masks to the villages where they were made.",
        "Elders received them at a ceremony with songs that had not been sung for a century.",
        "The museum keeps photographs and notes, and its staff will visit the villages each year.",
    ),
    (
        "Stadium roof approved",
        "Councillors approved a retractable roof for the football stadium after a long debate.",
        "Supporters had asked for cover after three matches were called off in heavy rain.",
        "Construction starts after the season ends and should be finished before the next one.",
    ),
]


def page(topic: int) -> str:
    """A news page on one of the topics, with navigation, related links and a footer."""
    title, *paragraphs = TOPICS[topic]
    return news_page(title, paragraphs, "2026-03-02T09:00:00Z")


def jsonl_row(topic: int) -> dict[str, str]:
    return {"url": f"https://ledger.example/2026/{topic}", "html": page(topic)}


@dataclass(frozen=True)
class Case:
    """A hostile input: what it is, how to build it in a folder, and the outcome of each record
    of each file it writes (an article, or a reject reason), in reading order."""

    input: str
    build: Callable[[Path], None]
    expected: dict[str, list[str]]


def _write(name: str, content: bytes) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        (folder / name).write_bytes(content)

    return write


def _legacy(story_language: str) -> Callable[[Path], None]:
    story = next(s for s in STORIES if s.language == story_language)
    return _write(f"legacy-{story.encoding}.html", html_page(story).encode(story.encoding))


def _broken_jsonl(folder: Path) -> None:
    write_jsonl(
        folder / "broken.jsonl",
        [
            jsonl_row(0),
            '{"url": "https://ledger.example/cut", "html": "<p>the line ends he',
            {"url": 42, "html": page(1)},
            {"url": "https://ledger.example/nothing"},
            {"url": "https://ledger.example/empty", "html": "  "},
            ["not", "an", "object"],
            jsonl_row(1),
        ],
    )


def _huge_line(folder: Path) -> None:
    with open(folder / "huge-line.jsonl", "w", encoding="utf-8") as handle:
        handle.write(
            '{"url": "https://ledger.example/2026/2", "html": ' + json.dumps(page(2)) + "}\n"
        )
        handle.write('{"url": "https://ledger.example/huge", "html": "<p>')
        chunk = "word " * 200_000
        for _ in range(HUGE_LINE_BYTES // len(chunk) + 1):
            handle.write(chunk)
        handle.write('</p>"}\n')
        handle.write(
            '{"url": "https://ledger.example/2026/3", "html": ' + json.dumps(page(3)) + "}\n"
        )


def _cut_gzip(folder: Path) -> None:
    # Separate gzip members, as crawlers that append write them: the first two are whole.
    members = [gzip.compress((_json_line(n)).encode(), mtime=0) for n in (4, 5)]
    last = gzip.compress(_json_line(6).encode(), mtime=0)
    (folder / "cut.jsonl.gz").write_bytes(b"".join(members) + last[: len(last) // 2])


def _json_line(topic: int) -> str:
    return json.dumps(jsonl_row(topic)) + "\n"


CRAWL = [
    {"url": "https://ledger.example/2026/7", "body": page(7)},
    {"url": "https://ledger.example/logo.jpg", "body": b"\xff\xd8\xff\xe0" + bytes(2000), "content_type": "image/jpeg"},
    {"url": "https://ledger.example/report.pdf", "body": b"%PDF-1.7\n" + bytes(2000), "content_type": "application/pdf"},
    {"url": "https://ledger.example/mislabelled", "body": b"%PDF-1.4\n" + bytes(2000)},
    {"url": "https://ledger.example/moved", "body": "", "status": "301 Moved Permanently"},
    {"url": "https://ledger.example/gone", "body": "<p>Not found</p>", "status": "404 Not Found"},
    {"url": "https://ledger.example/2026/7", "body": "", "record_type": "revisit"},
    {"url": "https://ledger.example/blank", "body": ""},
]  # fmt: skip


def _wrong_length(folder: Path) -> None:
    pages = [{"url": f"https://ledger.example/2026/{n}", "body": page(n)} for n in (8, 9, 0)]
    whole = warc_bytes(pages, compress=False)
    (folder / "wrong-length.warc").write_bytes(set_content_length(whole, 1, 300))


def _cut_warc(folder: Path) -> None:
    pages = [{"url": f"https://ledger.example/2026/{n}", "body": page(n)} for n in (1, 2)]
    whole = warc_bytes(pages, compress=False)
    last = whole.rindex(b"WARC-Type: response")
    (folder / "cut.warc").write_bytes(whole[: last + 800])


def _huge_page(folder: Path) -> None:
    html = page(3).replace(
        "</body>", "<script>var state = '" + "x" * HUGE_PAGE_BYTES + "';</script></body>"
    )
    (folder / "huge-page.html").write_text(html, encoding="utf-8")


def _deep(folder: Path) -> None:
    html = "<html><body>" + "<div>" * NESTING + "".join(f"<p>{p}</p>" for p in TOPICS[4][1:])
    (folder / "deep.html").write_text(html + "</div>" * NESTING + "</body></html>")


def _not_articles(folder: Path) -> None:
    for name, body in NOT_ARTICLES.items():
        (folder / f"{name}.html").write_text(f"<html><head></head><body>{body}</body></html>")


def _scripts(folder: Path) -> None:
    for story in [*(s for s in STORIES if s.language in {"ar", "zh", "ko", "th"}), HINDI]:
        (folder / f"script-{story.language}.html").write_text(
            html_page(story, '<meta charset="utf-8">'), encoding="utf-8"
        )


def _unsafe_zip(folder: Path) -> None:
    write_zip(
        folder / "vendor.zip",
        [("pages/ok.html", page(5).encode()), ("../../escape.html", b"<p>x</p>"), ("/etc/cron.d/x.html", b"<p>x</p>")],
    )  # fmt: skip


def _links_tar(folder: Path) -> None:
    path = write_tar(folder / "links.tar.gz", [("pages/ok.html", page(6).encode())])
    with tarfile.open(path, "r:gz") as source:
        members = [(m, source.extractfile(m).read()) for m in source.getmembers()]  # type: ignore[union-attr]
    with tarfile.open(path, "w:gz") as archive:
        for member, content in members:
            archive.addfile(member, io.BytesIO(content))
        add_special(archive, "pages/passwd.html", tarfile.SYMTYPE, "/etc/passwd")
        add_special(archive, "pages/again.html", tarfile.LNKTYPE, "pages/ok.html")


def _bomb(folder: Path) -> None:
    # Compressed twice, as in an archive of gzipped pages: some 30 KB on disk.
    write_tar(
        folder / "bomb.tar.gz",
        [("pages/ok.html", page(9).encode()), ("pages/zeros.html.gz", zeros_gzip(BOMB_BYTES))],
    )


def _loop(folder: Path) -> None:
    (folder / "loop").mkdir()
    os.symlink("..", folder / "loop" / "up")


def _metadata(folder: Path) -> None:
    expected = {
        "url": "https://ledger.example/ferry",
        "title": TOPICS[0][0],
        "paragraphs": TOPICS[0][1:],
    }
    (folder / "expected.json").write_text(json.dumps(expected, indent=2))
    (folder / "meta.info").write_text(
        json.dumps({"country": "Nowhere", "pages": list(range(500))}, indent=4)
    )


def _junk(folder: Path) -> None:
    (folder / "junk.html").write_bytes(random.Random(8).randbytes(40_000))


CASES = [
    Case("Empty file (`empty.html`, 0 bytes)", _write("empty.html", b""), {"empty.html": ["empty_file"]}),
    Case("Binary junk named `.html`", _junk, {"junk.html": ["not_html"]}),
    Case(
        "JSONL with a cut-off line, a number for `url`, no `html`, a blank `html`, an array, between good lines",
        _broken_jsonl,
        {"broken.jsonl": [ARTICLE, "bad_json", "wrong_type", "missing_field", "empty_record", "wrong_type", ARTICLE]},
    ),
    Case(
        "Pretty-printed JSON documents that hold no records: expected output (`.json`), a `meta.info` of 500 lines",
        _metadata,
        {"expected.json": ["unsupported_format"], "meta.info": ["unsupported_format"]},
    ),
    Case("JSONL line of 100 MB between good lines", _huge_line, {"huge-line.jsonl": [ARTICLE, "too_large", ARTICLE]}),
    Case("Gzip cut short inside its last member", _cut_gzip, {"cut.jsonl.gz": [ARTICLE, ARTICLE, "truncated"]}),
    Case(
        "WARC with a page, a JPEG, a PDF, a PDF labelled `text/html`, a 301, a 404, a revisit, an empty response",
        _write("crawl.warc.gz", warc_bytes(CRAWL)),
        {"crawl.warc.gz": [ARTICLE, "not_html", "not_html", "not_html", "http_status", "http_status", "warc_revisit", "empty_record"]},
    ),
    Case("WARC record whose `Content-Length` is 300 bytes too long", _wrong_length, {"wrong-length.warc": [ARTICLE, "truncated", ARTICLE]}),
    Case("WARC cut inside its last record", _cut_warc, {"cut.warc": [ARTICLE, "truncated"]}),
    *(
        Case(f"Undeclared {encoding} page", _legacy(language), {f"legacy-{encoding}.html": [ARTICLE]})
        for language, encoding in (("ru", "windows-1251"), ("zh", "gbk"), ("ja", "shift_jis"), ("fr", "iso-8859-1"), ("ar", "windows-1256"))
    ),
    Case(
        "Invalid UTF-8 bytes in a UTF-8 page",
        _write("invalid-utf8.html", page(8).encode().replace(b"Packing", b"Pack\xff\xfeing")),
        {"invalid-utf8.html": [ARTICLE]},
    ),
    Case("50 MB page: the article, then a 50 MB inline script", _huge_page, {"huge-page.html": [ARTICLE]}),
    Case("Article inside 100,000 nested `<div>`s", _deep, {"deep.html": ["too_deep"]}),
    Case("Home page, tag page and 404 page", _not_articles, {f"{name}.html": ["no_article"] for name in NOT_ARTICLES}),
    Case(
        "Pages in Arabic, Chinese, Korean, Thai and Hindi",
        _scripts,
        {f"script-{language}.html": [ARTICLE] for language in ("ar", "zh", "ko", "th", "hi")},
    ),
    Case(
        "Zip with a page and members named `../../escape.html` and `/etc/cron.d/x.html`",
        _unsafe_zip,
        {"vendor.zip": [ARTICLE, "unsafe_path", "unsafe_path"]},
    ),
    Case("Tar.gz with a page, a symbolic link to `/etc/passwd` and a hard link", _links_tar, {"links.tar.gz": [ARTICLE, "archive_link", "archive_link"]}),
    Case(
        "Decompression bomb: a 30 KB tar.gz holding a page and a `.html.gz` of 20 GB of zeros",
        _bomb,
        {"bomb.tar.gz": [ARTICLE, "too_large"]},
    ),
    Case("Symlink loop inside the input folder (`loop/up -> ..`)", _loop, {}),
]  # fmt: skip


def build(folder: Path) -> None:
    """Write every case into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        case.build(folder)


def outcome_text(expected: dict[str, list[str]]) -> str:
    """A case's outcomes as the README states them."""
    if not expected:
        return "not followed: the link is skipped with a warning, the run goes on"
    outcomes = [outcome for records in expected.values() for outcome in records]
    return ", ".join(outcome if outcome == ARTICLE else f"`{outcome}`" for outcome in outcomes)


def readme_table() -> str:
    """The README's table of hostile inputs, one row per case."""
    rows = ["| input | outcome of each record |", "|---|---|"]
    rows += [f"| {case.input} | {outcome_text(case.expected)} |" for case in CASES]
    return "\n".join(rows)


if __name__ == "__main__":
    print(readme_table())
