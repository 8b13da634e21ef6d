"""Article extraction from plain-text scrapes of whole news pages (document.body.innerText)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tasks.extract.text.dating import with_full_year
from tasks.extract.text.scrape import ScrapedArticle, extract_text_page

SEED_PAGE = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_3a60cb42204ccd62.txt"
SCRAPES = Path(__file__).resolve().parent / "fixtures" / "scrapes"


def scrape(name: str, url: str | None = None) -> ScrapedArticle:
    """Extract one fixture scrape."""
    return extract_text_page((SCRAPES / name).read_text(encoding="utf-8"), url)


@pytest.fixture(scope="module")
def seed() -> ScrapedArticle:
    """The Indonesian seed page, extracted without a URL."""
    if not SEED_PAGE.exists():
        pytest.skip(f"seed page not found at {SEED_PAGE} (shared/ is not beside the repository)")
    return extract_text_page(SEED_PAGE.read_text(encoding="utf-8"))


def test_seed_title_date_and_site(seed: ScrapedArticle) -> None:
    assert seed.title == "Belarusia Ingin Gabung Langkah Rusia Pererat Hubungan dengan Korea Utara"
    assert seed.published_at == datetime(2023, 9, 15, 22, 45, tzinfo=UTC)
    assert str(seed.published_at) == "2023-09-15 22:45:00+00:00"
    assert seed.site == "sindonews.com"


def test_seed_body_is_the_article_only(seed: ScrapedArticle) -> None:
    body = seed.body
    assert body.startswith("SOCHI - Presiden Rusia Vladimir Putin mengadakan pertemuan")
    assert body.endswith("ujar analis Belarusia.")
    assert body.count("Kim pada Jumat melanjutkan perjalanannya") == 1
    assert "\n\n" in body
    for outside in (
        "Foto/Sputnik/REUTERS",
        "A A A",
        "loading...",
        "Belarusia Ingin Gabung...",
        "(sya)",
        "Dapatkan berita terkini",
        "Berita Terkait",
        "Kim Kardashian",
        "Copyright",
        "menit yang lalu",
    ):
        assert outside not in body


def test_seed_site_comes_from_url_when_given() -> None:
    if not SEED_PAGE.exists():
        pytest.skip(f"seed page not found at {SEED_PAGE}")
    url = "https://international.sindonews.com/read/1200000/41/belarusia-ingin-gabung"
    article = extract_text_page(SEED_PAGE.read_text(encoding="utf-8"), url)
    assert article.site == "sindonews.com"
    other = extract_text_page(
        SEED_PAGE.read_text(encoding="utf-8"), "https://www.example.co.uk/a/b"
    )
    assert other.site == "example.co.uk"


# One case per language: fixture, title, UTC date, site, phrases in the body, phrases not in it.
CASES = [
    (
        "en_harbour_school.txt",
        "Harbour city opens floating school for children of fishing families",
        datetime(2016, 3, 4, 15, 2, tzinfo=UTC),
        "meridianledger.com",
        ["SEAPORT CITY (Meridian)", "Lessons on the water", "than that of an ordinary building."],
        ["Getty Images", "Advertisement", "By Jane Placeholder", "Related:", "Fishing fleet", "©"],
    ),
    (
        "ru_bridge_opening.txt",
        "В Архангельске открыли новый пешеходный мост через Кузнечиху",
        datetime(2023, 9, 15, 12, 30, tzinfo=UTC),
        "severvestnik.ru",
        [
            "Новый пешеходный мост через реку Кузнечиху",
            "окончательное решение примет городская дума.",
        ],
        ["Фото:", "Реклама", "Теги:", "Telegram", "Читайте также", "Хороший мост", "Иван Примеров"],
    ),
    (
        "zh_river_park.txt",
        "长江沿岸新建湿地公园正式开放",
        datetime(2023, 9, 15, 10, 30, tzinfo=UTC),
        "shilixinwen.cn",
        ["本报讯（记者 王示例）", "现在变成了散步的好去处。"],
        ["图为", "责任编辑", "相关新闻", "秋季出游指南", "版权所有", "字体"],
    ),
    (
        "ko_library_robot.txt",
        "시립도서관에 책 정리 로봇 도입…야간 반납 처리 두 배 빨라져",
        datetime(2023, 9, 15, 10, 30, tzinfo=UTC),
        "hanbitnews.co.kr",
        ["(서울=한빛뉴스) 김예시 기자 =", "배치할지 결정할 계획이다."],
        ["사진=", "관련기사", "전자책 대출", "많이 본 뉴스", "저작권자", "입력"],
    ),
    (
        "ar_desert_solar.txt",
        "افتتاح محطة جديدة للطاقة الشمسية في الصحراء الغربية",
        datetime(2023, 9, 15, tzinfo=UTC),
        "mithalnews.net",
        ["افتتحت الحكومة يوم الجمعة", "لتطوير شبكة نقل الكهرباء."],
        ["الصورة", "اقرأ أيضا", "أسعار الذهب", "جميع الحقوق"],
    ),
    (
        "id_pasar_apung.txt",
        "Pasar Terapung Banjarmasin Kembali Ramai Setelah Renovasi Dermaga",
        datetime(2023, 9, 15, 3, 30, tzinfo=UTC),
        "kabarcontoh.com",
        ["Banjarmasin - Pasar terapung", "ujarnya, Jumat (15/9/2023).", "memperbaiki akses jalan"],
        [
            "Foto:",
            "Baca juga",
            "(rin/abc)",
            "Berita Terkait",
            "Harga Cabai",
            "yang lalu",
            "Copyright",
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "published_at", "site", "inside", "outside"),
    CASES,
    ids=[case[0].split("_")[0] for case in CASES],
)
def test_extracts_article_in_each_style(
    name: str,
    title: str,
    published_at: datetime,
    site: str,
    inside: list[str],
    outside: list[str],
) -> None:
    article = scrape(name)
    assert article.title == title
    assert article.published_at == published_at
    assert article.site == site
    for phrase in inside:
        assert phrase in article.body
    for phrase in outside:
        assert phrase not in article.body


def test_subheading_between_paragraphs_stays_and_paragraphs_are_separated() -> None:
    paragraphs = scrape("en_harbour_school.txt").body.split("\n\n")
    assert paragraphs[0].startswith("SEAPORT CITY")
    assert "Lessons on the water" in paragraphs
    assert len(paragraphs) == 7


def test_page_without_article_gives_empty_body() -> None:
    menu = "\n".join(["Home", "News", "Sport", "Weather", "Contact us", "© 2024 Example Media"])
    article = extract_text_page(menu)
    assert article.body == ""
    assert article.published_at is None
    assert extract_text_page("").body == ""


# Page shapes that real sites share, as small invented scrapes: one test per rule.
NAV = "Home\nNews\nSport\nWeather\nLocal"
LEAD = [
    "The town council of Exampleton voted on Monday to keep its old library open for another ten "
    "years, after more than two thousand residents signed a petition against closing it.",
    "The building needs a new roof and better heating, which the council expects to cost about "
    "1.2 million over the next three years, paid for partly by a regional heritage grant.",
    '"People told us the library is the only warm, quiet place in the old town," said the mayor, '
    "who had proposed the closure last spring before changing her mind.",
]


def page(*parts: str) -> str:
    """Join the parts of an invented scrape with blank lines, as innerText separates blocks."""
    return "\n\n".join(parts)


def test_wire_signoff_and_standards_line_end_the_article() -> None:
    text = page(
        NAV,
        "Exampleton keeps its old library open after petition",
        "By Ann Example",
        "May 4, 2026 9:10 AM UTC · Updated 2 hours ago",
        *LEAD,
        "Advertisement · Scroll to continue",
        "Work on the roof is due to start in the autumn, the council said in a statement.",
        "Reporting by Ann Example in Exampleton; Editing by Bob Sample",
        "Our Standards: The Example Trust Principles.",
        "Read Next\nTown hall to get solar panels\nBus fares frozen for another year",
    )
    article = extract_text_page(text)
    assert article.title == "Exampleton keeps its old library open after petition"
    assert article.published_at == datetime(2026, 5, 4, 9, 10, tzinfo=UTC)
    assert article.body.startswith("The town council of Exampleton")
    assert article.body.endswith("the council said in a statement.")
    for outside in ("Reporting by", "Our Standards", "Scroll to continue", "Updated", "solar"):
        assert outside not in article.body


def test_donation_appeal_is_not_article_text() -> None:
    appeal = (
        "The Example Gazette is free to read because our readers pay for it. "
        "Become a monthly supporter for as little as $5."
    )
    article = extract_text_page(page(NAV, "Old library stays open", *LEAD, appeal, "Donate"))
    assert "monthly supporter" not in article.body and "free to read" not in article.body
    assert article.body.endswith("before changing her mind.")


def test_live_blog_keeps_every_post_but_not_the_stamps_or_key_events() -> None:
    posts = [
        "The council meeting has ended. Councillors voted 14 to 3 to keep the library open, and "
        "the mayor thanked the petitioners who filled the public gallery all evening.",
        "Residents are queueing outside the town hall in the rain. One of them, a retired "
        "teacher, told us she has used the library every week for forty years.",
        "The mayor has arrived and says she will listen to every speaker before the vote, "
        "which is now expected shortly after eight o'clock tonight.",
        "Good evening and welcome to our live coverage of tonight's council meeting on the future "
        "of the old library in Exampleton.",
    ]
    text = page(
        NAV,
        "Live",
        "Library vote live: Exampleton council decides on the future of the old library\n"
        "Petition against the closure gathered more than two thousand names\n"
        "Mayor changed her mind on the closure last week",
        "Ann Example Mon 4 May 2026 18.05 BST",
        "Key events\n20.40 BST Council votes to keep the library open\n19.15 BST Mayor arrives",
        "20.40 BST",
        posts[0],
        "20.10 BST\nQueue outside the town hall",
        posts[1],
        "19.15 BST",
        posts[2],
        "18.05 BST",
        posts[3],
        "Older updates",
        "Most viewed\nTown hall to get solar panels\nBus fares frozen for another year",
    )
    article = extract_text_page(text)
    assert article.title is not None and article.title.startswith("Library vote live:")
    for post in posts:
        assert post in article.body
    for outside in ("BST", "Key events", "Older updates", "solar panels"):
        assert outside not in article.body


def test_paywall_notice_ends_the_teaser() -> None:
    text = page(
        NAV,
        "Old library stays open after petition",
        *LEAD[:2],
        "This article is reserved for subscribers.",
        "You have 70% of this article left to read.",
        "Special offer: $1 for the first month, cancel anytime.",
        "Already a subscriber? Log in",
    )
    body = extract_text_page(text).body
    assert body.startswith("The town council") and body.endswith("regional heritage grant.")
    for outside in ("subscriber", "70%", "offer"):
        assert outside not in body


def test_gallery_body_is_its_captions_without_counters_or_credits() -> None:
    captions = [
        "Volunteers carry boxes of books up the stairs of the old library before the reopening.",
        "A girl reads in the children's corner, which was repainted by pupils of the nearby school.",
        "The reading room's oak tables were restored by a carpenter who learned to read there.",
    ]
    slides = "\n".join(
        f"{number} / 3 {caption} Photograph: Ann Example/Example Agency"
        for number, caption in enumerate(captions, 1)
    )
    text = page(NAV, "In pictures: the old library reopens", "Monday 4 May 2026", LEAD[0], slides)
    article = extract_text_page(text)
    assert article.published_at == datetime(2026, 5, 4, tzinfo=UTC)
    for caption in captions:
        assert caption in article.body.split("\n\n")
    assert "Photograph" not in article.body and "/ 3" not in article.body


def test_headline_comes_before_its_subtitles_and_the_byline() -> None:
    text = page(
        NAV,
        "Exampleton library saved by two thousand signatures on a petition\n"
        "Roof repairs to cost 1.2 million\n"
        "Heritage grant to pay part of the work",
        "Ann Example, reporter\nPublished 2026.05.04 10:30",
        "Volunteers carry boxes of books into the library. [Photo: Example Agency]",
        *LEAD,
    )
    article = extract_text_page(text)
    assert article.title == "Exampleton library saved by two thousand signatures on a petition"


def test_inline_links_and_pipe_credits_in_other_languages_are_dropped() -> None:
    text = page(
        NAV,
        "Old library stays open",
        "Readers in the reading room. | Archives Example Gazette",
        LEAD[0],
        "Lesen Sie auch: Stadt friert Busfahrpreise ein",
        LEAD[1],
        "اقرأ أيضاً: البلدية تجمد أسعار الحافلات",
        LEAD[2],
    )
    body = extract_text_page(text).body
    for outside in ("Archives", "Lesen Sie auch", "اقرأ"):
        assert outside not in body
    assert len(body.split("\n\n")) == 3


INTERFACE_SCRAPE = """Skip to main content
Products
Pricing
Sign in
WORLD
Ferry operators add winter crossings to the northern islands
Share on Facebook
Copy link
Found a mistake? Report an error
By Ana Ruiz
12 January 2026, 09:30
Ferry operators will add two winter crossings a week to the northern islands from February, the regional transport office said on Monday, after residents complained of cancelled sailings.
The new crossings will leave the mainland port at dawn on Tuesdays and Fridays, and the operators said larger vessels would be used when storms are forecast along the coast.
Island councils welcomed the decision but said the timetable still leaves the smallest islands without a daily link during the coldest months of the year.
Related
Storm closes ports along the coast
Newsletter
Sign up for our morning briefing
"""


def test_interface_lines_and_a_section_kicker_near_the_title_are_passed_over() -> None:
    found = extract_text_page(
        INTERFACE_SCRAPE,
        "https://coastdaily.example/world/2026/01/12/ferry-winter-crossings-northern-islands",
    )
    assert found.title == "Ferry operators add winter crossings to the northern islands"
    assert found.published_at == datetime(2026, 1, 12, 9, 30, tzinfo=UTC)
    assert found.body.startswith("Ferry operators will add two winter crossings")
    assert "Report an error" not in found.body and "Sign up" not in found.body


SPONSORED_SCRAPE = """Home
World
US & Canada
US & Canada is sponsored by
Court clears way for rail freight link to Canada, U.S.
By Dana Reyes
6 min read
Updated 4:48 PM EST, Mon March 2, 2026
Video Ad Feedback
A federal court on Monday cleared the way for a rail freight link between the two countries, rejecting a challenge by landowners along the planned route.
The judge ruled that the transport agency had weighed the link's effects on farmland and wetlands as the law requires, and that construction may begin this spring.
Landowners said they would appeal, while freight companies welcomed a decision they said would cut the time goods spend waiting at the border crossing.
Most read
Storm closes ports along the coast
"""


def test_a_headline_may_end_on_an_abbreviation_above_a_reading_time_line() -> None:
    """Neither the sponsor line (it ends on "by") nor the video label is the headline; the
    reading time belongs with the byline and date under it."""
    found = extract_text_page(SPONSORED_SCRAPE)
    assert found.title == "Court clears way for rail freight link to Canada, U.S."
    assert found.body.startswith("A federal court on Monday cleared the way")


THEATRE_SCRAPE = """Culture
Music
Theatre
“Blue Harbour” (Live Session) brings the choir back to the old theatre by: Mia Chen
7 March 2026
The choir rehearses on the restored stage (left to right) - Jane Doe/Example Agency
The Blue Harbour choir sang in the old theatre on Saturday for the first time since its roof was restored, to a hall of four hundred people.
Its live session, recorded on the night, will be released next month, the theatre's director said, and the choir plans two more concerts before summer.
Tickets for both concerts sold out within a day, and the theatre said it would add standing places at the back of the hall.
"""


def test_a_headline_keeps_its_aside_and_loses_a_byline_run_into_its_line() -> None:
    found = extract_text_page(THEATRE_SCRAPE)
    assert found.title == "“Blue Harbour” (Live Session) brings the choir back to the old theatre"
    assert found.published_at == datetime(2026, 3, 7, tzinfo=UTC)
    assert "Jane Doe" not in found.body


LEAD_PARAGRAPHS = (
    "The regional council voted on Tuesday to keep the old library open for another five years, "
    "after two thousand residents signed a petition against its closure.",
    "Repairs to the roof will cost 1.2 million, of which a heritage grant will pay half, the "
    "council's finance officer told the meeting before the vote.",
)


def dated_scrape(date_line: str) -> str:
    """A small news page whose date line is given."""
    headline = "Council keeps the old library open for five more years"
    closing = ("Most read", "Storm closes ports along the coast")
    return "\n".join(["News", "Local", headline, date_line, *LEAD_PARAGRAPHS, *closing])


def test_a_two_digit_year_is_read_in_full() -> None:
    found = extract_text_page(dated_scrape("Jane Example\n9/11/13 10:00AM"))
    assert found.published_at == datetime(2013, 9, 11, 10, 0, tzinfo=UTC)


def test_a_relative_date_counts_back_from_the_fetch_time_only() -> None:
    fetched = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)
    found = extract_text_page(dated_scrape("3 hours ago"), fetched_at=fetched)
    assert found.published_at == datetime(2026, 2, 10, 9, 0, tzinfo=UTC)
    indonesian = "\n".join(
        [
            "Berita",
            "Dewan kota pertahankan perpustakaan lama lima tahun lagi",
            "2 hari yang lalu",
            "Dewan kota memutuskan pada hari Selasa untuk mempertahankan perpustakaan lama selama "
            "lima tahun lagi, setelah dua ribu warga menandatangani petisi menolak penutupannya.",
            "Perbaikan atap akan menelan biaya 1,2 miliar rupiah, dan separuhnya akan dibayar dari "
            "hibah warisan budaya, kata pejabat keuangan dewan dalam rapat itu.",
        ]
    )
    found = extract_text_page(indonesian, fetched_at=fetched)
    assert found.published_at == datetime(2026, 2, 8, 12, 0, tzinfo=UTC)
    assert extract_text_page(dated_scrape("3 hours ago")).published_at is None


def test_an_absolute_date_wins_over_a_relative_one() -> None:
    fetched = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)
    scrape = dated_scrape("3 hours ago\n10 February 2026, 08:30 GMT+1")
    found = extract_text_page(scrape, fetched_at=fetched)
    assert found.published_at == datetime(2026, 2, 10, 7, 30, tzinfo=UTC)


def test_two_digit_years_take_the_nearest_past_century() -> None:
    now = datetime(2026, 2, 10, tzinfo=UTC)
    assert with_full_year("9/11/13 10:00AM", now) == "9/11/2013 10:00AM"
    assert with_full_year("Posted 24.12.98", now) == "Posted 24.12.1998"
    assert with_full_year("1/50 photos, 3/4/2026", now) == "1/50 photos, 3/4/2026"
