"""Date parsing for scraped pages: many formats and languages in, aware UTC datetimes out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tasks.extract.dates import date_order, find_date_line, looks_like_date, parse_datetime


def utc(*parts: int) -> datetime:
    """Build an aware UTC datetime."""
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "languages", "expected"),
    [
        ("2023-09-15T10:30:00+02:00", None, utc(2023, 9, 15, 8, 30)),
        ("2023-09-15T10:30:00Z", None, utc(2023, 9, 15, 10, 30)),
        ("Fri, 15 Sep 2023 10:30:00 +0000", None, utc(2023, 9, 15, 10, 30)),
        ("Tue, 21 Sep 2020 10:00:00 GMT", None, utc(2020, 9, 21, 10, 0)),
        ("March 3, 2024 at 4:15 pm EST", ["en"], utc(2024, 3, 3, 21, 15)),
        ("24 July 2015", ["en"], utc(2015, 7, 24)),
        ("Updated 10:02 AM ET, Fri March 4, 2016", ["en"], utc(2016, 3, 4, 15, 2)),
        ("By Jane Placeholder, August 13, 2010 7:08 p.m. EDT", ["en"], utc(2010, 8, 13, 23, 8)),
        ("Posted on April 5, 2018 by admin", ["en"], utc(2018, 4, 5)),
        (
            "Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST",
            ["en"],
            utc(2019, 1, 3, 7, 0),
        ),
        ("Sabtu, 16 September 2023 - 05:45 WIB", ["id"], utc(2023, 9, 15, 22, 45)),
        ("Sabtu, 16 September 2023 - 05:45 WIB", None, utc(2023, 9, 15, 22, 45)),
        ("Sabtu, 16 September 2023 - 05:45 WITA", ["id"], utc(2023, 9, 15, 21, 45)),
        ("Sabtu, 16 September 2023 - 05:45 WIT", ["id"], utc(2023, 9, 15, 20, 45)),
        ("Jumat, 15/09/2023 10:30 WIB", ["id"], utc(2023, 9, 15, 3, 30)),
        ("15 сентября 2023, 12:30", ["ru"], utc(2023, 9, 15, 12, 30)),
        ("15 сентября 2023, 12:30", None, utc(2023, 9, 15, 12, 30)),
        ("26 января 2026, 15:40 МСК", ["ru"], utc(2026, 1, 26, 12, 40)),
        ("Publié le 30 avril 2015 à 07:19", ["fr"], utc(2015, 4, 30, 7, 19)),
        ("jeudi 5 avril 2018", ["fr"], utc(2018, 4, 5)),
        ("Actualizado: 21/12/2018 12:55", ["es"], utc(2018, 12, 21, 12, 55)),
        ("19 de diciembre de 2018 - 12:55", ["es"], utc(2018, 12, 19, 12, 55)),
        ("Stand: 21.12.2018 12:55 Uhr", ["de"], utc(2018, 12, 21, 12, 55)),
        ("5. April 2018", ["de"], utc(2018, 4, 5)),
        ("2023年9月15日 10:30", None, utc(2023, 9, 15, 10, 30)),
        ("2023年9月15日 星期五 10:30", ["zh"], utc(2023, 9, 15, 10, 30)),
        ("2023.09.15 10:30", None, utc(2023, 9, 15, 10, 30)),
        ("입력 2023-09-15 10:30", ["ko"], utc(2023, 9, 15, 10, 30)),
        ("2023년 9월 15일 10:30", ["ko"], utc(2023, 9, 15, 10, 30)),
        ("15 Sep 2023 10:30 KST", None, utc(2023, 9, 15, 1, 30)),
        ("2018年6月19日(火) 5:50", ["ja"], utc(2018, 6, 19, 5, 50)),
        ("2018年06月19日 05:50 JST", ["ja"], utc(2018, 6, 18, 20, 50)),
        ("28 اغسطس 2013", ["ar"], utc(2013, 8, 28)),
    ],
)
def test_parses_to_aware_utc(value: str, languages: list[str] | None, expected: datetime) -> None:
    parsed = parse_datetime(value, languages)
    assert parsed == expected
    assert parsed is not None and parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "value",
    [
        "2 jam yang lalu",
        "39 menit yang lalu",
        "2 hours ago",
        "now",
        "yesterday",
        "Home",
        "Berita Terkini",
        "+62 21 1234 5678",
        "(021) 2019-3456",
        "1.234.567",
        "September 2023",
        "2013",
        "Copyright ©2025 SINDOnews.com All Rights Reserved",
        "1 January 1980",
        "1 January 2099",
        "",
    ],
)
def test_rejects_what_is_not_an_absolute_date(value: str) -> None:
    assert parse_datetime(value) is None


def test_pre_check_keeps_long_prose_away_from_dateparser() -> None:
    sentence = "Presiden bertemu pada Jumat (15/9/2023) dan membahas kerja sama " * 3
    assert not looks_like_date(sentence)
    assert looks_like_date("Jumat, 15 Sep 2023 10:30 WIB")


def test_find_date_line_returns_index_and_value() -> None:
    lines = ["Home", "Politik", "Judul Berita Yang Panjang", "Sabtu, 16 September 2023 - 05:45 WIB"]
    assert find_date_line(lines, ["id"]) == (3, utc(2023, 9, 15, 22, 45))
    assert find_date_line(["Home", "2 jam yang lalu"]) is None


@pytest.mark.parametrize(
    ("value", "languages", "expected"),
    [
        ("03.02.2026 09:15", ["ru"], utc(2026, 2, 3, 9, 15)),  # Russian and European: day first
        ("03.02.2026", ["de"], utc(2026, 2, 3)),
        ("03.02.2026", None, utc(2026, 2, 3)),  # dots are never US-style
        ("03.02.2026", ["en"], utc(2026, 2, 3)),
        ("03/02/2026", ["fr"], utc(2026, 2, 3)),
        ("02/03/2026", ["en"], utc(2026, 2, 3)),  # slashes on English pages: US month first
        ("25/12/2025", ["en"], utc(2025, 12, 25)),  # a first number above 12 is the day
        ("2026.02.03 14:05", ["ko"], utc(2026, 2, 3, 14, 5)),  # year first stays as written
    ],
)
def test_numeric_dates_follow_the_pages_day_month_order(
    value: str, languages: list[str] | None, expected: datetime
) -> None:
    assert parse_datetime(value, languages) == expected


def test_date_order_is_only_set_for_numeric_day_month_dates() -> None:
    assert date_order("03.02.2026", ["en"]) == "DMY"
    assert date_order("03/02/2026", ["en"]) == "MDY"
    assert date_order("03/02/2026", ["id", "en"]) == "DMY"
    assert date_order("3 February 2026", ["en"]) is None
    assert date_order("2026-02-03", ["ru"]) is None


def test_date_beside_a_relative_update_time_is_still_read() -> None:
    line = "February 3, 2026 6:42 AM UTC · Updated 1 hour ago"
    assert looks_like_date(line)
    assert parse_datetime(line, ["en"]) == utc(2026, 2, 3, 6, 42)
    assert parse_datetime("Updated 1 hour ago", ["en"]) is None
