"""Article extraction from plain-text scrapes of whole news pages (document.body.innerText)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tasks.text_scrape import ScrapedArticle, extract_text_page

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
