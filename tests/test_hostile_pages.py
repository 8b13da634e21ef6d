"""Huge, deep, empty, odd and malicious pages: each gives an article or a reject with a specific
reason, never an exception, in bounded time and memory, and extraction never reads a file or
opens a connection, whatever the page points at.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tasks.extract.record import extract_record
from tasks.records import Article, Outcome, RawRecord, Reason, Rejected
from tasks.settings import ROOT
from tests.dumps import news_page
from tests.test_encodings import STORIES, Story, html_page
from tests.test_extract_html import PROSE

MB = 1_000_000
# Seconds any page here may take: well under the pool's limit per record, with room for a
# busy shared machine.
MAX_SECONDS = 20
# Address space a 50 MB page may add to a worker (it needs less than half).
MAX_EXTRA_MEMORY_MB = 500
TITLE = "Terminal opening delayed"
PAGE = news_page(TITLE, PROSE)
COMMENT = (
    "<div class='comment'><span class='who'>reader42</span> <time>2 hours ago</time>"
    "<p>I think the port should have opened earlier, shame on them.</p></div>\n"
)
HINDI = Story(
    "hi",
    "utf-8",
    "शहर में नई मेट्रो लाइन का उद्घाटन",
    (
        "नगर निगम ने मंगलवार को घोषणा की कि नई मेट्रो लाइन अगले महीने से यात्रियों के लिए खुल जाएगी।",
        "अधिकारियों के अनुसार इस लाइन से पुराने शहर और हवाई अड्डे के बीच यात्रा का समय आधा हो जाएगा।",
        "स्थानीय दुकानदारों को उम्मीद है कि स्टेशन के पास नए ग्राहक आएंगे और व्यापार बढ़ेगा।",
        "परियोजना पर काम तीन साल पहले शुरू हुआ था और बारिश के कारण कई बार रुका।",
    ),
)


def padded(filler: str, where: str = "</article>") -> bytes:
    """The news page with `filler` put in after `where` (the end of the article by default)."""
    return PAGE.replace(where, where + filler, 1).encode("utf-8")


def extract(content: bytes, kind: str = "html") -> Outcome:
    """Extract a page, failing the test when it takes too long or raises."""
    record = RawRecord("hostile", 0, kind, content, url="https://ledger.example/2026/port")  # type: ignore[arg-type]
    started = time.perf_counter()
    outcome = extract_record(record)
    assert time.perf_counter() - started < MAX_SECONDS
    assert not (isinstance(outcome, Rejected) and outcome.reason == Reason.EXTRACTION_ERROR), (
        outcome
    )
    return outcome


def assert_article(outcome: Outcome) -> Article:
    assert isinstance(outcome, Article), outcome
    for paragraph in PROSE:
        assert paragraph in outcome.body
    return outcome


def assert_rejected(outcome: Outcome, reason: str) -> Rejected:
    assert isinstance(outcome, Rejected) and outcome.reason == reason, outcome
    return outcome


# --- huge pages ------------------------------------------------------------------------------


# Built when a test runs, not when tests are collected: pytest would hold them all session long.
HUGE_PAGES = {
    "script-50mb": lambda: padded(f"<script>window.state = '{'x' * 50 * MB}';</script>"),
    "base64-image-50mb": lambda: padded(f"<img src='data:image/png;base64,{'QUJD' * 12 * MB}'>"),
    "style-13mb": lambda: padded(f"<style>{'.a{color:red}' * MB}</style>"),
    # a state object before the article goes too, when it is within the bytes read
    "script-in-head-15mb": lambda: padded(f"<script>var s = '{'x' * 15 * MB}';</script>", "<body>"),
}


@pytest.mark.parametrize("name", list(HUGE_PAGES))
def test_huge_page_keeps_its_article(name: str):
    assert_article(extract(HUGE_PAGES[name]()))


def test_article_beyond_what_is_read_is_too_large():
    rejected = assert_rejected(
        extract(padded(f"<!-- {'x' * 3 * MB} -->", "<body>")), Reason.TOO_LARGE
    )
    assert "bytes" in rejected.detail and "characters are read" in rejected.detail


def test_50_mb_of_comments_take_bounded_time_and_memory():
    # in a process of its own, whose address space may grow only so much during extraction
    script = f"""
import resource, sys, time
sys.path.insert(0, {str(ROOT)!r})
import psutil
from tasks.extract.record import extract_record
from tasks.records import RawRecord
from tests.test_hostile_pages import COMMENT, PAGE
head, _, tail = PAGE.partition("</article>")
page = (head + "</article>").encode() + COMMENT.encode() * {50 * MB // len(COMMENT)} + tail.encode()
extract_record(RawRecord("warm-up", 0, "html", PAGE.encode()))
limit = psutil.Process().memory_info().vms + {MAX_EXTRA_MEMORY_MB * 2**20}
resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))
started = time.perf_counter()
outcome = extract_record(RawRecord("big", 0, "html", page))
print(type(outcome).__name__, time.perf_counter() - started)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    kind, seconds = done.stdout.split()
    assert kind == "Article"  # a MemoryError would be a reject
    assert float(seconds) < MAX_SECONDS


# --- deep markup -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("<div>", "</div>"), ("<b>", "</b>"), ("<table><tr><td>", "</td></tr></table>")],
    ids=["div", "b", "table"],
)
def test_article_inside_100000_nested_elements_is_too_deep(opening: str, closing: str):
    nested = opening * 100_000 + "<article>" + "".join(f"<p>{p}</p>" for p in PROSE)
    content = f"<html><body>{nested}</article>{closing * 100_000}</body></html>".encode()
    rejected = assert_rejected(extract(content), Reason.TOO_DEEP)
    assert "depth" in rejected.detail


def test_deep_markup_after_the_article_leaves_it_whole():
    assert_article(extract(padded("<div>" * 100_000 + "junk" + "</div>" * 100_000)))


def test_deeply_nested_json_ld_is_skipped():
    head = "<script type='application/ld+json'>" + "[" * 100_000 + "]" * 100_000 + "</script>"
    graph = '{"@graph":' * 5_000 + '{"@type": "NewsArticle"}' + "}" * 5_000
    head += f"<script type='application/ld+json'>{graph}</script>"
    assert_article(extract(padded(head, "<head>")))


# --- pages without an article ----------------------------------------------------------------

NAV = (
    "<header><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/business'>Business</a>"
    " <a href='/sport'>Sport</a> <a href='/opinion'>Opinion</a></nav></header>"
)
FOOTER = "<footer><p>Copyright 2026 Daily Ledger. All rights reserved.</p></footer>"
HEADLINES = [
    "Ministers meet over grain corridor",
    "Storm closes ports along the coast",
    "Central bank holds rates steady",
    "City council approves new budget",
    "Striking dockers return to work",
    "Museum reopens after restoration",
    "Rail fares to rise in spring",
    "Local team wins the regional cup",
]


def _teasers(section: str) -> str:
    return "".join(
        f"<div class='teaser'><h2><a href='/{section}/{n}'>{headline}</a></h2>"
        f"<span class='time'>{n + 1} hours ago</span></div>"
        for n, headline in enumerate(HEADLINES)
    )


NOT_ARTICLES = {
    "home": f"<title>Daily Ledger</title>{NAV}<main><h1>Top stories</h1>{_teasers('news')}"
    f"<section><h2>Most read</h2><ol>{''.join(f'<li>{h}</li>' for h in HEADLINES)}</ol>"
    f"</section></main>{FOOTER}",
    "tag": f"<title>Ports | Daily Ledger</title>{NAV}<main><h1>Tag: ports</h1>{_teasers('tag')}"
    "<nav class='pages'><a href='?page=2'>Next page</a></nav></main>" + FOOTER,
    "404": f"<title>Page not found | Daily Ledger</title>{NAV}<main><h1>Page not found</h1>"
    "<p>Sorry, we could not find that page.</p><p><a href='/'>Back to the home page</a></p>"
    f"<h2>You may also like</h2>{_teasers('news')}</main>{FOOTER}",
}


@pytest.mark.parametrize("name", list(NOT_ARTICLES))
def test_page_without_an_article_is_no_article(name: str):
    content = f"<html><head></head><body>{NOT_ARTICLES[name]}</body></html>".encode()
    assert_rejected(extract(content), Reason.NO_ARTICLE)


# --- scripts other than Latin ----------------------------------------------------------------


@pytest.mark.parametrize(
    "story",
    [*(s for s in STORIES if s.language in {"ar", "zh", "ko", "th"}), HINDI],
    ids=lambda s: s.language,
)
def test_non_latin_page_is_extracted(story: Story):
    article = extract(html_page(story, '<meta charset="utf-8">').encode("utf-8"))
    assert isinstance(article, Article), article
    for paragraph in story.paragraphs:
        assert paragraph in article.body
    assert (article.title, article.language) == (story.title, story.language)


# --- odd content -----------------------------------------------------------------------------

ARTICLE = "article"
# Each odd page with the outcome it must have: the article, or the reject it names.
ODD_PAGES = {
    "utf-16-with-bom": (lambda: ("\ufeff" + PAGE).encode("utf-16-le"), ARTICLE),
    "nothing-but-markup-debris": (lambda: b"<" * (MB // 2), Reason.NO_ARTICLE),
    "symbols-after-the-article": (lambda: padded("<p>" + "<>&;" * 100_000 + "</p>"), ARTICLE),
    "unclosed-script": (lambda: padded("<script>var a = 1;" * 100_000), ARTICLE),
    "unclosed-tag-openings": (lambda: padded("<script " * 300_000), ARTICLE),
    "a-million-entities": (lambda: padded("<p>" + "&amp;" * MB + "</p>"), ARTICLE),
    "whitespace": (lambda: b" \n\t" * 1000, Reason.DECODE_ERROR),
    # NUL bytes do not occur in text: the page is taken for binary content
    "nul-bytes": (lambda: padded("\x00" * 100), Reason.NOT_HTML),
    "xml-declaration-in-another-charset": (
        lambda: b'<?xml version="1.0" encoding="windows-1251"?>' + PAGE.encode("utf-8"),
        ARTICLE,
    ),
}


@pytest.mark.parametrize("name", list(ODD_PAGES))
def test_odd_page_gives_its_named_outcome(name: str):
    make, expected = ODD_PAGES[name]
    outcome = extract(make())
    if expected == ARTICLE:
        assert_article(outcome)
    else:
        assert_rejected(outcome, expected)


def test_text_scrape_with_a_giant_line_is_bounded():
    scrape = "\n".join([TITLE, "x" * 3 * MB, *PROSE])
    assert_rejected(extract(scrape.encode(), kind="text"), Reason.TOO_LARGE)
    assert_article(extract("\n".join([TITLE, *PROSE, "x" * 3 * MB]).encode(), kind="text"))


# --- no network, no files --------------------------------------------------------------------

# Audit events that read the outside world. Python raises them wherever the call is made, in
# the standard library and in any package; C libraries reading files (libxml2) are checked by
# what the output holds instead.
WATCHED_EVENTS = frozenset(
    {
        "open",
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "urllib.Request",
        "http.client.connect",
        "subprocess.Popen",
        "os.system",
    }
)
ALLOWED_PREFIXES = tuple({sys.prefix, sys.base_prefix, sys.exec_prefix})
_events: list[tuple[str, tuple[Any, ...]]] | None = None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _events is not None and event in WATCHED_EVENTS:
        path = args[0] if event == "open" else None
        if not (isinstance(path, (str, bytes)) and str(path).startswith(ALLOWED_PREFIXES)):
            _events.append((event, args))


sys.addaudithook(_audit)  # hooks cannot be removed: this one records only inside `watched`


@contextmanager
def watched(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """Record reads of the outside world; make any connection fail."""
    global _events

    events: list[tuple[str, tuple[Any, ...]]] = []

    def refuse(*args: object, **kwargs: object) -> None:
        events.append(("connect", args))
        raise OSError("extraction must not connect")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    _events = events
    try:
        yield events
    finally:
        _events = None


def test_a_page_full_of_external_references_is_extracted_offline(monkeypatch, tmp_path: Path):
    marker = tmp_path / "secret.txt"
    marker.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    linked = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "@id": "https://ledger.example/2026/port#article",
            "headline": TITLE,
            "image": {"@id": "https://cdn.ledger.example/terminal.jpg"},
            "author": {"@id": f"file://{marker}", "name": "Staff Reporter"},
        }
    )
    head = (
        '<base href="https://evil.example/">'
        '<meta http-equiv="refresh" content="0; url=https://evil.example/next">'
        '<link rel="stylesheet" href="https://evil.example/site.css">'
        f'<link rel="import" href="file://{marker}"><link rel="preload" href="//evil.example/a">'
        '<script src="https://evil.example/app.js"></script>'
        f'<script type="application/ld+json">{linked}</script>'
        "<style>@import url('https://evil.example/more.css');</style>"
    )
    body = (
        '<img src="https://evil.example/pixel.gif" srcset="https://evil.example/a.jpg 2x">'
        '<iframe src="https://evil.example/frame"></iframe>'
        f'<object data="file://{marker}"></object><embed src="https://evil.example/e.swf">'
        '<video poster="https://evil.example/p.jpg"><source src="https://evil.example/v.mp4">'
        "</video>"
        '<svg><image href="https://evil.example/i.svg"/><use href="https://evil.example/s#a"/>'
        "</svg>"
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{marker}"/>'
    )
    content = padded(body).replace(b"<head>", b"<head>" + head.encode(), 1)
    extract(content)  # warm up: libraries may load their own data files on first use
    with watched(monkeypatch) as events:
        outcome = extract(content)
    assert events == []
    assert "TOP-SECRET-MARKER" not in repr(assert_article(outcome))


@pytest.mark.parametrize("prolog", ["", '<?xml version="1.0" encoding="utf-8"?>\n'])
def test_external_entities_are_never_read(monkeypatch, tmp_path: Path, prolog: str):
    marker = tmp_path / "secret.txt"
    marker.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    doctype = (
        f'<!DOCTYPE html [<!ENTITY secret SYSTEM "file://{marker}">'
        '<!ENTITY passwd SYSTEM "file:///etc/passwd">'
        '<!ENTITY remote SYSTEM "https://evil.example/entity.txt">]>'
    )
    page = PAGE.replace("<!DOCTYPE html>", prolog + doctype, 1)
    page = page.replace("</article>", "<p>&secret; &passwd; &remote;</p></article>", 1)
    with watched(monkeypatch) as events:
        outcome = extract(page.encode("utf-8"))
    assert events == []
    article = assert_article(outcome)
    for secret in ("TOP-SECRET-MARKER", "root:"):
        assert secret not in repr(article)


def test_an_entity_bomb_does_not_expand():
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    page = PAGE.replace("<!DOCTYPE html>", f"<!DOCTYPE html [{entities}]>", 1)
    page = page.replace("</article>", "<p>&lol9;</p></article>", 1)
    article = assert_article(extract(page.encode("utf-8")))
    assert "lollol" not in article.body and len(article.body) < 10_000
