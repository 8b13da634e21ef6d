"""HTML extraction rules: metadata, headline, page pruning, readability checks and text cleaning.

Each test builds a small news-shaped page and names phrases the result must and must not hold.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from lxml.html import fromstring
from trafilatura.metadata import extract_author
from trafilatura.utils import load_html
from trafilatura.xpaths import AUTHOR_XPATHS

from tasks.extract.html.body import (
    drop_closing_social,
    prefer_reference,
    standfirst,
    third_view,
    trim_edges,
)
from tasks.extract.html.clean import merge_sibling_articles, prune_page
from tasks.extract.html.meta import (
    BYLINE_ATTRIBUTES,
    BYLINE_TAGS,
    BYLINE_WORDS,
    markup_author,
    markup_date,
    may_have_byline,
    parse_declared_date,
    read_metadata,
    visible_date,
)
from tasks.extract.html.title import choose_headline
from tasks.extract.record import clean_body, drop_leading_byline, extract_record
from tasks.records import Article, RawRecord

PROSE = [
    "The harbour authority said on Tuesday that the new container terminal would open in March, "
    "two months later than planned, after storms delayed work on the northern quay.",
    "Officials expect the terminal to double the port's capacity within five years and to create "
    "about 1,200 jobs in the surrounding district, according to the authority's annual report.",
    "Shipping companies have welcomed the project, although several warned that road links to "
    "the port remain congested at peak hours and need investment before the terminal opens.",
    "The regional government has promised to widen the coastal highway by the end of next year, "
    "a pledge that opposition councillors described as unrealistic given the current budget.",
]


def page(body: str, head: str = "", url: str = "https://news.example.com/port/terminal-delay"):
    html = f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"
    return RawRecord("test", 0, "html", html.encode("utf-8"), url=url)


def article_html(paragraphs: list[str] = PROSE) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def extract(record: RawRecord) -> Article:
    outcome = extract_record(record)
    assert isinstance(outcome, Article), outcome
    return outcome


# --- metadata -------------------------------------------------------------------------------


def test_json_ld_wrapped_in_cdata_is_read_and_its_article_preferred_to_the_page():
    head = """<script type="application/ld+json">
    //<![CDATA[
    [{"@type": "WebPage", "name": "Port news", "datePublished": "2020-01-01"},
     {"@type": "NewsArticle", "headline": "Terminal opening delayed",
      "datePublished": "2024-03-05T08:30:00+01:00", "description": "A short summary."}]
    //]]>
    </script><meta property="article:published_time" content="2024-03-09T10:00:00Z">"""
    meta = read_metadata(load_html(f"<html><head>{head}</head><body></body></html>"))
    assert meta.published == "2024-03-05T08:30:00+01:00"
    assert ("jsonld", "Terminal opening delayed") in meta.titles
    assert meta.description == "A short summary."


def test_declared_dates_in_basic_iso_form_keep_their_time_zone():
    assert parse_declared_date("20180619T055000+0900") == datetime(2018, 6, 18, 20, 50, tzinfo=UTC)
    assert parse_declared_date("2024-03-05") == datetime(2024, 3, 5, tzinfo=UTC)
    assert parse_declared_date("not a date") is None


def test_json_ld_date_wins_over_an_opengraph_date_that_is_the_update():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Terminal",'
        ' "datePublished": "2024-03-05T08:30:00Z"}</script>'
        '<meta property="article:published_time" content="2024-03-09T10:00:00Z">'
    )
    assert extract(page(article_html(), head)).published_at == datetime(
        2024, 3, 5, 8, 30, tzinfo=UTC
    )


def test_an_undeclared_date_comes_from_the_byline_time_element_then_the_url():
    byline = (
        '<div class="entry-meta">Posted on <time class="entry-date published"'
        ' datetime="2024-04-02T10:20:00+00:00">April 2, 2024</time></div>'
    )
    related = '<aside><time datetime="2024-05-30">May 30</time></aside>'
    found = extract(page(byline + article_html() + related)).published_at
    assert found == datetime(2024, 4, 2, 10, 20, tzinfo=UTC)
    # a year alone is no day; the URL's /yyyy/mm/dd/ is
    url = "https://news.example.com/2023/11/07/terminal-delay/"
    found = extract(page('<time datetime="2023">2023</time>' + article_html(), url=url))
    assert found.published_at == datetime(2023, 11, 7, tzinfo=UTC)
    assert markup_date(fromstring("<p>no dates</p>"), "https://x.example/20231107-terminal") == (
        datetime(2023, 11, 7, tzinfo=UTC)
    )
    assert (
        markup_date(fromstring("<p>no dates</p>"), "https://x.example/port/2023-terminal") is None
    )


def test_an_undeclared_date_is_read_from_the_visible_text_next_to_an_icon():
    byline = (
        '<div class="meta"><svg><use href="/ui.svg#calendar"></use></svg> Dec 12, 2025</div>'
        '<script>var built = "2019-01-04";</script>'
    )
    found = extract(page(byline + article_html(), url="https://blog.example.com/why-rust"))
    assert found.published_at == datetime(2025, 12, 12, tzinfo=UTC)
    # a date in a script or a style is not visible text
    hidden = "<script>var published = 'Dec 12, 2025';</script><style>/* 3 May 2021 */</style>"
    assert visible_date(fromstring(f"<div>{hidden}<p>Read more</p></div>"), ["en"]) is None
    # a day-first date on a German page
    tree = fromstring("<div><span>Veröffentlicht am 03.02.2026</span><p>Text</p></div>")
    assert visible_date(tree, ["de"]) == datetime(2026, 2, 3, tzinfo=UTC)


def test_a_copyright_year_is_not_a_publication_date():
    body = article_html() + "<footer><p>Copyright 2024 Harbour Times.</p></footer>"
    assert extract(page(body, url="https://news.example.com/port/x")).published_at is None


def test_an_undeclared_date_the_page_shows_wins_over_the_last_update_in_its_meta_tags():
    # a template that declares only when the page was last touched, and shows when it was written
    head = '<meta property="article:modified_time" content="2025-08-02T09:12:00+00:00">'
    byline = (
        '<div class="post-meta"><span class="author">Priya Nair</span>'
        "<span>Published: March 14, 2024</span></div>"
    )
    url = "https://www.example.net/articles/harbour-data-platforms"
    found = extract(page(byline + article_html(), head, url=url)).published_at
    assert found == datetime(2024, 3, 14, tzinfo=UTC)


def test_a_url_day_may_name_its_month():
    blank = fromstring("<p>no dates</p>")
    url = "https://www.example.org/journal/2023/october/03/harbour-wines"
    assert markup_date(blank, url) == datetime(2023, 10, 3, tzinfo=UTC)
    assert markup_date(blank, "https://www.example.com/world/2019/jan/3/whales") == (
        datetime(2019, 1, 3, tzinfo=UTC)
    )
    assert markup_date(blank, "https://www.example.com/2019/sept/30/port") == (
        datetime(2019, 9, 30, tzinfo=UTC)
    )
    # a word that starts like a month is no month
    assert markup_date(blank, "https://www.example.com/2019/mayor/03/council") is None


BYLINES = {
    # a WordPress byline: the link to the author's page
    '<div class="entry-meta">By <a rel="author" href="/author/ana">Ana Rossi</a> | '
    '<time datetime="2024-03-05">March 5</time></div>': "Ana Rossi",
    # a commenter's name comes first in the page, but comments are not the byline
    '<div id="comments"><span class="author">harbour_fan_22</span><p>Great news</p></div>'
    '<p class="post-author">Dana Lee</p>': "Dana Lee",
    # the date inside the byline's element is left out
    '<div class="author-name">Sam Park <time>May 3, 2024</time></div>': "Sam Park",
    # a news site's byline block
    '<div class="article-byline"><span>By Maria Ortega and Tom Field</span></div>': (
        "Maria Ortega; Tom Field"
    ),
    # no byline at all
    "<div class='story-meta'><span>5 min read</span></div>": None,
}


@pytest.mark.parametrize("byline", list(BYLINES))
def test_the_author_a_byline_names_is_found(byline: str):
    assert (
        extract(page(f"<h1>Terminal delayed</h1>{byline}{article_html()}")).author
        == (BYLINES[byline])
    )


def test_a_declared_author_comes_before_the_byline():
    head = '<meta name="author" content="Harbour Desk">'
    byline = '<span class="byline">By Dana Lee</span>'
    assert extract(page(byline + article_html(), head)).author == "Harbour Desk"
    assert extract(page(byline + article_html())).author == "Dana Lee"


# Pages in the shapes sites give their bylines, and pages with none, for the byline search.
BYLINE_PAGES = [
    *BYLINES,
    '<p class="story-writer">Written by Lena Hart</p>',
    '<p class="Writer">Lena Hart</p>',  # trafilatura's tests are case-sensitive: no byline
    '<div data-component="ArticleByline"><a href="/people/omar">Omar Said</a></div>',
    '<span id="storyAuthor">Priya Nair</span>',
    '<footer><span class="screenname">@harbourwatch</span></footer>',
    '<div class="meta"><span class="bianji">Zhang Wei</span></div>',
    "<author>Felix Grant</author>",
    '<nav class="menu"><a href="/port">Port</a> <a href="/city">City</a></nav>',
    '<aside class="related"><h3>More on shipping</h3><a href="/x">Cranes arrive</a></aside>',
]


@pytest.mark.parametrize("byline", BYLINE_PAGES)
def test_the_byline_search_finds_what_trafilatura_finds(byline: str):
    tree = load_html(f"<html><body><h1>Terminal delayed</h1>{byline}{article_html()}</body></html>")
    assert markup_author(tree) == extract_author(tree)


def test_a_page_without_byline_marks_skips_the_byline_search():
    plain = load_html(f"<html><body><nav class='menu'></nav>{article_html()}</body></html>")
    marked = load_html(f"<html><body><p class='writer'>Lena Hart</p>{article_html()}</body></html>")
    assert not may_have_byline(plain)
    assert may_have_byline(marked)
    assert markup_author(marked) == "Lena Hart"


def test_the_byline_words_cover_trafilaturas_byline_xpaths():
    """Every test of the installed trafilatura's byline XPaths is on an attribute and word the
    pre-check looks for, or on a tag it looks for: a new one would make the check skip pages."""
    compared = re.compile(
        r"(?:contains|re:test)\(\s*(@?[\w-]+)\s*,\s*'([^']*)'|(@?[\w-]+)\s*=\s*'([^']*)'"
    )
    for expression in AUTHOR_XPATHS:
        tests = [
            (match[1] or match[3], match[2] if match[1] else match[4])
            for match in compared.finditer(expression.path)
        ]
        assert len([t for t, _ in tests if t.startswith("@")]) == expression.path.count("@")
        for target, literal in tests:
            if not target.startswith("@"):
                assert target in BYLINE_TAGS
                continue
            assert target[1:] in BYLINE_ATTRIBUTES
            for alternative in literal.lower().split("|"):
                plain = re.sub(r"[\[\]?^$]", "", alternative)
                assert any(word in plain for word in BYLINE_WORDS), literal
        for tag in re.findall(r"//([a-z]+)\b(?!\s*[\[(:])", expression.path):
            assert tag in BYLINE_TAGS


# --- headline -------------------------------------------------------------------------------


def test_site_names_are_stripped_from_declared_titles():
    sites = ["Harbour Times"]
    url = "https://www.harbourtimes.com/port/terminal"
    assert choose_headline([("og", "Terminal delayed | Harbour Times")], sites, url) == (
        "Terminal delayed"
    )
    assert choose_headline([("og", "HARBOUR TIMES - Terminal delayed")], sites, url) == (
        "Terminal delayed"
    )
    # a section after the site's name, and breadcrumbs before it, go with it
    assert choose_headline([("title", "Terminal delayed | Harbour Times Business")], [], url) == (
        "Terminal delayed"
    )
    crumbs = "Terminal delayed » Local » News » Harbour Times"
    assert choose_headline([("title", crumbs)], [], url) == "Terminal delayed"
    # a headline that merely starts with the site's word is left alone
    assert choose_headline([("og", "Harbour strike ends")], sites, url) == "Harbour strike ends"


def test_og_title_is_the_headline_and_json_ld_needs_another_source_to_agree():
    candidates = [("jsonld", "A port city on the coast"), ("title", "Terminal delayed - HT")]
    assert choose_headline(candidates, [], None) == "Terminal delayed - HT"
    candidates = [("og", "Terminal opening delayed"), ("h1", "Storms delay the terminal")]
    assert choose_headline(candidates, [], None) == "Terminal opening delayed"


def test_title_is_cut_back_to_the_heading_it_starts_or_ends_with():
    assert choose_headline(
        [("title", "Terminal delayed _ Ports _ Harbour Net"), ("h1", "Terminal delayed")], [], None
    ) == ("Terminal delayed")
    assert choose_headline(
        [("title", "Harbour Net :: Terminal delayed"), ("h1", "Terminal delayed")], [], None
    ) == ("Terminal delayed")
    # a subtitle after a colon is part of the headline
    assert choose_headline(
        [("title", "Lost at sea: the terminal saga"), ("h1", "Lost at sea")], [], None
    ) == ("Lost at sea: the terminal saga")


def test_the_heading_the_page_shows_wins_over_titles_reworded_for_sharing_and_search():
    url = "https://www.harbourtimes.com/port/ten-port-projects-reshaping-the-coast"
    candidates = [
        ("og", "10 Port Projects to Watch in 2025 | Harbour Times"),
        ("title", "Port projects 2025: cranes, quays and costs | Harbour Times"),
        ("h1", "Harbour Times"),
        ("h1", "Ten port projects that will reshape the coast in 2025"),
    ]
    assert choose_headline(candidates, ["Harbour Times"], url) == (
        "Ten port projects that will reshape the coast in 2025"
    )
    # a menu or section heading shares no headline's words
    candidates = [("title", "Why the quay flooded again – Quay Notes"), ("h1", "Latest stories")]
    assert choose_headline(candidates, [], "https://quaynotes.example.org/p/8812") == (
        "Why the quay flooded again – Quay Notes"
    )


def test_a_declared_title_that_adds_a_subtitle_to_the_heading_is_kept_whole():
    candidates = [("og", "Lost at sea: the terminal saga"), ("h1", "Lost at sea")]
    assert choose_headline(candidates, [], None) == "Lost at sea: the terminal saga"
    # a spaced colon is a separator before a section or site name, not a subtitle
    candidates = [("og", "Lost at sea : News : Harbour Net"), ("h1", "Lost at sea")]
    assert choose_headline(candidates, [], None) == "Lost at sea"


def test_a_site_name_that_repeats_the_headline_is_ignored():
    candidates = [("og", "Terminal delayed"), ("title", "Terminal delayed")]
    assert choose_headline(candidates, ["Terminal delayed"], None) == "Terminal delayed"


def test_a_site_name_that_repeats_an_h1_is_the_logo_and_still_the_site():
    candidates = [
        ("og", "A short guide to rebasing • Quay Notes"),
        ("title", "A short guide to rebasing • Quay Notes"),
        ("h1", "Quay Notes"),
    ]
    url = "https://blog.example.org/posts/rebasing"
    assert choose_headline(candidates, ["Quay Notes"], url) == "A short guide to rebasing"


def test_what_one_declared_title_adds_to_another_is_a_site_name():
    # a blog's name before its <title>, and the same name as its only <h1>
    candidates = [
        ("title", "Harbour Data Blog: Small boats in big storms"),
        ("og", "Small boats in big storms"),
        ("h1", "Harbour Data Blog"),
    ]
    assert choose_headline(candidates, [], None) == "Small boats in big storms"
    # a subtitle the og:title does not drop is still kept
    candidates = [("og", "Lost at sea: the terminal saga"), ("h1", "Lost at sea")]
    assert choose_headline(candidates, [], None) == "Lost at sea: the terminal saga"


def test_a_section_the_url_names_is_cut_from_the_end_of_a_title():
    url = "https://www.example.com/story/opinion/contributors/2025/12/19/ferry-fares/123/"
    candidates = [
        ("og", "Ferry fares rise again | Opinion"),
        ("h1", "Ferry fares rise again | Opinion"),
    ]
    assert choose_headline(candidates, ["Coast Appeal"], url) == "Ferry fares rise again"
    # with the site's name after it
    url = "https://health.example.edu/children/patient-education/bedtime-routines"
    title = "Bedtime routines that work | Patient Education | Riverside Children's Hospital"
    assert choose_headline([("title", title)], [], url) == "Bedtime routines that work"
    # a segment that is the page's own slug is not a section
    url = "https://www.example.com/news/harbour-tales"
    assert choose_headline([("og", "Harbour Tales | News Desk")], [], url) == (
        "Harbour Tales | News Desk"
    )


def test_quotes_follow_what_most_of_the_pages_titles_write():
    candidates = [
        ("og", "A newcomer's guide to harbour cranes"),
        ("title", "A newcomer's guide to harbour cranes | Port Weekly"),
        ("h1", "A newcomer’s guide to harbour cranes"),
    ]
    assert choose_headline(candidates, ["Port Weekly"], None) == (
        "A newcomer's guide to harbour cranes"
    )
    # one source each way: the heading the page shows keeps its own
    candidates = [("og", "Why cranes aren't cheap"), ("h1", "Why cranes aren’t cheap")]
    assert choose_headline(candidates, [], None) == "Why cranes aren’t cheap"


def test_an_h1_holding_the_headline_and_the_sites_logo_link_is_cut_to_the_headline():
    head = '<meta name="twitter:title" content="El puerto reabre tras la tormenta">'
    heading = (
        '<h1><span class="define">El puerto reabre tras la tormenta</span>'
        '<a href="/mallorca.html" title="Portada">Diario Puerto Mallorca</a></h1>'
    )
    url = "https://www.diariopuerto.es/mallorca/noticia/local/puerto-reabre.html"
    meta = read_metadata(fromstring(f"<html><head>{head}</head><body>{heading}</body></html>"))
    assert choose_headline(meta.titles, meta.site_names, url) == (
        "El puerto reabre tras la tormenta"
    )


def test_an_unclosed_h1_reads_only_up_to_the_block_it_swallowed():
    markup = (
        '<html><body><h1 class="hero__title">Cranes return to the north quay'
        '<div class="divider"></div><h3 class="date-info">Posted on July 1, 2024 by staff</h3>'
        "<p>The cranes came back on Monday.</p></body></html>"
    )
    assert ("h1", "Cranes return to the north quay") in read_metadata(fromstring(markup)).titles
    # a heading whose text is all inside a block keeps it
    markup = "<html><body><h1><div>Cranes return</div></h1></body></html>"
    assert ("h1", "Cranes return") in read_metadata(fromstring(markup)).titles


def test_an_h1_that_lost_characters_to_question_marks_takes_the_title_it_spells():
    candidates = [
        ("og", "Planning A Harbour Festival: Beginner's Guide"),
        ("h1", "Planning A Harbour Festival? Beginner? Guide"),
    ]
    assert choose_headline(candidates, [], None) == "Planning A Harbour Festival: Beginner's Guide"
    # a question the heading asks is left alone
    candidates = [("og", "Will the ferry run? | Port Weekly"), ("h1", "Will the ferry run?")]
    assert choose_headline(candidates, ["Port Weekly"], None) == "Will the ferry run?"


# --- page pruning ---------------------------------------------------------------------------


def test_hidden_blocks_widgets_and_comment_boxes_are_pruned():
    body = f"""<article>{article_html()}
      <div style="display: none">Save this article for later</div>
      <div class="vjs-menu" role="menu"><p>descriptions off, selected</p></div>
      <div aria-hidden="true">Advertisement placeholder</div>
      <div class="box sf_comment_list"><p>Great news for the city!</p></div>
      <section class="baca-juga"><p>Berita lain yang menarik</p></section></article>"""
    tree = load_html(f"<html><body>{body}</body></html>")
    assert prune_page(tree) == 5
    text = tree.text_content()
    assert "container terminal" in text
    for gone in ("Save this article", "descriptions off", "placeholder", "Great news", "Berita"):
        assert gone not in text


def test_comments_in_highlighted_code_are_part_of_the_article():
    code = (
        "<pre><code class='language-bash hljs'>"
        "<span class='hljs-comment'># fetch the branch you are on, then rebase onto it</span>\n"
        "git pull --rebase\n"
        "<span class='token comment'># drop every change not yet committed</span>\n"
        "git reset --hard</code></pre>"
    )
    body = f"<article>{article_html(PROSE[:2])}{code}{article_html(PROSE[2:])}</article>"
    tree = load_html(f"<html><body>{body}<div class='comments'><p>First!</p></div></body></html>")
    assert prune_page(tree) == 1  # the page's comment box, not the code's
    text = tree.text_content()
    assert "fetch the branch you are on" in text and "not yet committed" in text
    assert "First!" not in text


def test_a_hidden_block_holding_most_of_the_page_is_kept():
    tree = load_html(f"<html><body><div style='display:none'>{article_html()}</div></body></html>")
    assert prune_page(tree) == 0
    assert "container terminal" in tree.text_content()


def test_a_hidden_widget_goes_however_large_its_script_beside_a_visible_article():
    """A block's whole text, scripts included, only bounds what a reader sees of it: a hidden
    widget whose script outweighs the article still holds little visible text, and goes."""
    config = '{"slots": [' + ",".join(f'{{"slot": "ad-{n}"}}' for n in range(400)) + "]}"
    widget = (
        f"<div hidden class='player'><script>var player = {config};</script><p>Sign in</p></div>"
    )
    tree = load_html(f"<html><body><article>{article_html()}</article>{widget}</body></html>")
    assert prune_page(tree) == 1
    assert "Sign in" not in tree.text_content()
    assert "container terminal" in tree.text_content()


def test_boilerplate_lines_go_each_under_its_own_case_rule():
    lines = [
        PROSE[0],
        "(yop/ard)",  # editor initials are lower case ...
        "(OBE/KEN)",  # ... so capitals are something else, and stay
        "READ ALSO: Ferry fares rise again",
        "Advertisement",
        PROSE[1],
    ]
    assert clean_body("\n".join(lines)).splitlines() == [PROSE[0], "(OBE/KEN)", PROSE[1]]


def test_live_blog_posts_in_sibling_articles_are_all_extracted():
    # trafilatura alone keeps the first post only
    posts = "".join(
        f"<article class='block'><header><h2>Update {n}</h2></header>"
        f"<div class='block-elements'><p>{text}</p><p>{PROSE[n - 1]}</p></div>"
        f"<footer><span>Port reporter</span> <a href='/share'>Share</a></footer></article>"
        for n, text in enumerate(PROSE)
    )
    live = f"<main><h1>Port live</h1><div class='live-blog-body'>{posts}</div></main>"
    tree = load_html(f"<html><body>{live}</body></html>")
    assert merge_sibling_articles(tree) == 1
    assert len(tree.findall(".//article")) == 1
    body = extract(page(live)).body
    for text in PROSE:
        assert text in body


# --- readability checks ---------------------------------------------------------------------


def test_edges_readability_lacks_are_trimmed_but_prose_is_kept():
    text = "\n".join(["Home > News > Port", *PROSE, "Copyright 2024 Harbour Net", "About us"])
    kept = trim_edges(text, "\n".join(PROSE[:3]))
    assert kept.startswith(PROSE[0]) and kept.endswith(PROSE[3])


def test_readability_has_no_say_on_the_edges_when_it_read_another_part_of_the_page():
    text = "\n".join(["Home > News", *PROSE])
    assert trim_edges(text, "An unrelated teaser about football results.") is None
    assert trim_edges(text, "") is None


COURSES = [
    ("Harbour Kitchen School", "The Harbour Kitchen School runs a ten-week evening course on the "
     "basics of French technique, from stocks and sauces to pastry, in a converted net loft by "
     "the fish market.", "Classes are capped at twelve students, and every session ends with a "
     "shared meal of what the group has cooked, which the teachers use to talk it through."),
    ("Old Mill Bakery Classes", "At the Old Mill, the baker who restored the building teaches "
     "sourdough and rye over four Saturday mornings, with flour milled on site from wheat grown "
     "in the valley.", "Students take home a starter and a notebook of recipes, and the bakery "
     "lets former students use its ovens on Sunday afternoons for a small fee."),
    ("Coastal Fish Course", "The Coastal Fish Course spends two full days on buying, filleting "
     "and cooking fish, starting at the auction at six in the morning with one of the port's "
     "oldest traders.", "It is the dearest course on this list, but the only one that teaches "
     "you how to judge freshness and price before you ever pick up a knife."),
    ("Spice Route Workshop", "The Spice Route Workshop covers the cooking of three regions in six "
     "sessions, grinding whole spices by hand before each lesson so students learn how blends "
     "are built.", "The teacher grew up above her parents' restaurant and is generous with "
     "stories as well as recipes, which makes the long evenings pass quickly."),
]  # fmt: skip


def roundup_page() -> str:
    """A guide whose entries are cards, each an <article> in a wrapper of its own (so they are
    not siblings), under an introduction in a hero block: trafilatura keeps the first card,
    readability the introduction."""
    intro = (
        "<p>Whether you want to change careers or simply cook better at home, a short course is "
        "a good way to learn from people who do the work every day.</p><p>We visited a dozen "
        "schools across the region this spring and picked the ones below for their teachers, "
        "their kitchens and what they charge.</p>"
    )
    cards = "".join(
        f"<div class='tile'><article><h3>{name}</h3><p>{first}</p><p>{second}</p></article></div>"
        for name, first, second in COURSES
    )
    return (
        "<header><nav><a href='/'>Home</a> <a href='/guides'>Guides</a></nav></header>"
        f"<main><h1>Cooking courses worth the money</h1><section class='hero'><div class='content'>"
        f"{intro}</div></section><div class='zone-items'>{cards}</div></main>"
        "<footer><p>Copyright 2025 Table Guide</p></footer>"
    )


def test_a_third_view_decides_when_trafilatura_and_readability_read_different_blocks():
    body = extract(page(roundup_page(), url="https://guide.example.com/courses/best")).body
    for _, first, second in COURSES:
        assert first in body and second in body
    assert "Copyright 2025" not in body and "Guides" not in body


def test_the_third_view_counts_only_where_it_holds_trafilaturas_prose():
    first = f"{COURSES[0][1]}\n{COURSES[0][2]}"
    view = third_view(fromstring(f"<html><body>{roundup_page()}</body></html>"), first)
    assert all(text in view for _, text, _ in COURSES)
    # without prose of its own, trafilatura's text gives the view nothing to agree with
    tree = fromstring(f"<html><body>{roundup_page()}</body></html>")
    assert third_view(tree, "Harbour Kitchen School\nOld Mill Bakery Classes") == ""


def test_readability_replaces_a_text_that_misses_most_of_the_article():
    captions = [f"{n} / 6 A lantern horse is assembled in a square, photo {n}." for n in range(6)]
    assert prefer_reference(PROSE[0], "\n".join([PROSE[0], *captions, *PROSE[1:]]))
    assert not prefer_reference("\n".join(PROSE), "\n".join(PROSE[:3]))
    # the same text run together in one line gets readability's paragraphs
    assert prefer_reference(" ".join(PROSE), "\n".join(PROSE))


def test_standfirst_shown_on_the_page_is_found():
    lead = "Storms have pushed back the opening of the new container terminal by two months."
    tree = fromstring(f"<html><body><p class='lead'>{lead}</p>{article_html()}</body></html>")
    assert standfirst(tree, lead) == lead
    assert standfirst(tree, "A description the page never shows, long enough to be a lead.") is None
    body = extract(page(f"<div class='deck'><p>{lead}</p></div><article>{article_html()}</article>",
                        f'<meta name="description" content="{lead}">')).body  # fmt: skip
    assert body.startswith(lead)


def test_closing_follow_us_lines_go_but_sentences_naming_a_network_stay():
    text = "\n".join([PROSE[0], "Follow Harbour Net on WhatsApp for daily updates"])
    assert drop_closing_social(text) == PROSE[0]
    kept = "\n".join([PROSE[0], "The mayor announced the delay on Facebook."])
    assert drop_closing_social(kept) == kept


# --- text cleaning --------------------------------------------------------------------------


def test_an_embedded_slideshow_goes_but_a_gallery_keeps_its_captions():
    slides = [
        f"- {n}/12 Ships queue outside the harbour at dawn in picture {n}" for n in range(1, 6)
    ]
    body = clean_body("\n".join([*PROSE, *slides, *PROSE]))
    assert "Ships queue" not in body and PROSE[3] in body
    gallery = clean_body("\n".join([PROSE[0], *slides]))
    assert "Ships queue outside the harbour at dawn in picture 5" in gallery


def test_a_leading_byline_goes():
    assert drop_leading_byline(f"By Staff Reporter\n{PROSE[0]}") == PROSE[0]
    assert drop_leading_byline(PROSE[0]) == PROSE[0]


def test_news_page_end_to_end():
    head = """<title>Terminal opening delayed | Harbour Times</title>
      <meta property="og:title" content="Terminal opening delayed | Harbour Times">
      <meta property="og:site_name" content="Harbour Times">
      <meta property="article:published_time" content="2024-03-05T08:30:00Z">"""
    body = f"""<header role="banner"><nav><a href="/">Home</a> <a href="/port">Port</a></nav></header>
      <main><article><h1>Terminal opening delayed</h1><p>By Staff Reporter</p>{article_html()}
      <div class="article-comments-box"><p>Reader: this is a scandal, the port is a mess.</p></div>
      </article></main><footer role="contentinfo"><p>Copyright 2024 Harbour Times</p></footer>"""
    article = extract(page(body, head, url="https://www.harbourtimes.com/port/terminal-delay"))
    assert article.title == "Terminal opening delayed"
    assert article.published_at == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)
    assert article.body.startswith(PROSE[0])
    for phrase in ("Reader: this is a scandal", "Copyright", "By Staff Reporter", "Home"):
        assert phrase not in article.body


def test_an_article_streamed_into_a_hidden_block_is_kept_beside_a_large_state_script():
    """Streamed server rendering sends the article in a hidden <div> that a script moves into
    place, and the page's state object (a script) can outweigh the article many times: the block
    holds most of what a reader sees, so it stays."""
    state = '{"props": {"items": [' + ",".join(f'{{"id": {n}}}' for n in range(6000)) + "]}}"
    body = (
        "<nav><a href='/'>Home</a> <a href='/blog'>Blog</a></nav>"
        "<main><div id='B:0'></div><p>Loading...</p></main>"
        f"<div hidden id='S:0'><article><h1>Port terminal delayed</h1>{article_html()}</article></div>"
        f"<script id='__NEXT_DATA__' type='application/json'>{state}</script>"
    )
    outcome = extract_record(page(body))
    assert isinstance(outcome, Article)
    assert PROSE[0][:60] in outcome.body and PROSE[-1][:60] in outcome.body


def test_a_hidden_paywall_prompt_still_goes():
    prompt = "<div hidden class='paywall'><p>Subscribe now to keep reading this story.</p></div>"
    outcome = extract_record(page(f"<article>{article_html()}{prompt}</article>"))
    assert isinstance(outcome, Article)
    assert "Subscribe now" not in outcome.body


# --- articles with code ---------------------------------------------------------------------

TUTORIAL_PROSE = [
    "Slow reports usually come from one query that reads far more rows than it returns. The "
    "planner's own account of the query is the place to start, before any index is added.",
    "The plan below shows a full scan of the orders table: every row is read and most are thrown "
    "away by the filter. An index on the customer and the date turns that scan into a lookup.",
]
SQL_LINES = [
    "select name, count(*) as order_count",
    "from customers",
    "left join orders using (customer_id)",
    "where placed_at > date '2025-01-01'",
    "group by customer_id, name",
    "order by order_count desc",
    "limit 20;",
]
PLAN_LINES = [
    "Limit  (rows=20)",
    "  Sort  (sort key: order_count desc)",
    "    HashAggregate  (group key: customer_id)",
    "      Hash Right Join  (hash cond: customer_id)",
    "        Seq Scan on orders  (filter: placed_at > '2025-01-01')",
    "        Hash",
    "          Seq Scan on customers",
    "create index orders_customer_placed on orders (customer_id, placed_at);",
]


def tutorial(code_in: str) -> RawRecord:
    """A how-to post: for each of three cases a paragraph, then the query with its plan before
    and after the fix, as a technical blog lays them out."""
    lines = (SQL_LINES + PLAN_LINES) * 3
    if code_in == "pre":
        code = "<pre><code>{}</code></pre>".format("\n".join(lines))
    else:
        code = "".join(f"<div class='line'>{line}</div>" for line in lines)
    body = "".join(f"<h2>Case {n}</h2><p>{TUTORIAL_PROSE[n % 2]}</p>{code}" for n in range(1, 4))
    return page(
        f"<article><h1>Reading a query plan</h1>{body}</article>",
        url="https://dev.example.org/blog/reading-a-query-plan",
    )


def test_a_tutorial_whose_code_outweighs_its_prose_is_an_article():
    """Code blocks are not sentences, but in a <pre> they are the article's own content: they
    are left out of the size that prose must be a share of."""
    outcome = extract(tutorial("pre"))
    assert TUTORIAL_PROSE[0][:60] in outcome.body
    assert "left join orders using (customer_id)" in outcome.body


def test_the_same_lines_outside_code_blocks_are_not_article_text():
    """The same short lines in plain blocks read as a list, not an article: the exemption is for
    code blocks only."""
    outcome = extract_record(tutorial("div"))
    assert not isinstance(outcome, Article)
    assert "sentences" in outcome.detail


FORM_HEAVY_PAGE = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Council approves new tram line | Riverside Courier</title>
<meta property="og:title" content="Council approves new tram line">
<meta property="article:published_time" content="2025-03-04T09:30:00Z"></head>
<body><header><form action="/search"><label for="q">Search</label><input id="q" name="q">
<select name="section"><option>News</option><option>Sport</option></select></form></header>
<article><h1>Council approves new tram line</h1>
<p>The city council voted on Tuesday to build a tram line from the station to the harbour,
ending a debate that had lasted more than ten years.</p>
<form class="newsletter"><label>Get the morning briefing</label><input type="email">
<textarea name="note">Tell us what you think</textarea><button>Sign up</button></form>
<p>Construction is due to start next spring and the first trams should run in 2028, the
council's transport committee said in a statement after the vote.</p>
<p>Shop owners along the route asked for compensation during the works, which the committee
promised to consider at its next meeting.</p></article>
<footer><form><input type="text" name="email"><button>Subscribe</button></form></footer>
</body></html>"""


def test_forms_and_their_fields_extract_as_with_lxml_html_s_own_element_classes(monkeypatch):
    """Pages are parsed with every element a plain HtmlElement, chosen in C, not with lxml.html's
    classes for forms, inputs and labels: no extractor step uses those, so a page full of forms
    extracts to the same article either way."""
    import tasks.extract.html.body as body_module
    import tasks.extract.html.clean as clean_module

    record = RawRecord("f" * 64, 0, "html", FORM_HEAVY_PAGE, url="https://courier.example/tram")
    fast = extract_record(record)
    classes = [
        type(element).__name__
        for element in clean_module.parse_page(FORM_HEAVY_PAGE.decode()).tree.iter(
            "form", "input", "select", "label"
        )
    ]

    def lxml_html_parser():
        parser = clean_module.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
        return parser  # lxml.html's HTMLParser sets its own element classes

    monkeypatch.setattr(clean_module, "page_parser", lxml_html_parser)
    monkeypatch.setattr(body_module, "page_parser", lxml_html_parser)
    usual = extract_record(record)

    assert set(classes) == {"HtmlElement"}
    assert isinstance(fast, Article) and fast == usual
    assert "tram line from the station" in fast.body and "briefing" not in fast.body
