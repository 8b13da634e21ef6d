"""Which scrapes state their expected title and date, decided from the truth alone."""

from __future__ import annotations

import pytest

from tasks.evaluate.stated import states_date, title_line

SCRAPE = """Home
World
Business
Sardine catch hits ten-year high
By Maria Santos
{date}

Fishermen in the northern bay landed their largest catch of sardines in a decade this week.

Most read
Storm closes ports along the coast
© 2026 Coast Daily
"""


@pytest.mark.parametrize(
    ("written", "language"),
    [
        ("Published: 10 February 2026, 08:15", "en"),
        ("Feb. 10, 2026 at 8:15 a.m. EST", "en"),
        ("Tuesday, February 10th, 2026", "en"),
        ("BUSINESSFEB 10, 2026 8:15 AM", "en"),
        ("10.02.2026 08:15", "de"),
        ("02/10/26", "en"),
        ("2026-02-10T08:15:00+01:00", "en"),
        ("2026年2月10日 08:15", "zh"),
        ("2026년 2월 10일 오전 8:15", "ko"),
        ("Publié le 10 février 2026 à 8h15", "fr"),
        ("10. Februar 2026, 8:15 Uhr", "de"),
        ("10 de febrero de 2026", "es"),
        ("10 февраля 2026, 08:15", "ru"),
    ],
)
def test_a_date_written_in_a_common_form_is_stated(written: str, language: str):
    assert states_date(SCRAPE.format(date=written), "2026-02-10T08:15:00+01:00", language)


@pytest.mark.parametrize(
    "written",
    [
        "11 February 2026",  # another day
        "February 10",  # no year: not an absolute date
        "10 February 2025",  # another year
        "110.02.2026",  # part of a longer number
        "Updated 2 hours ago",
    ],
)
def test_other_days_and_partial_dates_are_not_stated(written: str):
    assert not states_date(SCRAPE.format(date=written), "2026-02-10T08:15:00+01:00", "en")


def test_only_a_truth_that_gives_a_day_can_be_stated():
    scrape = SCRAPE.format(date="February 2026")
    assert not states_date(scrape, "2026-02", "en")
    assert not states_date(scrape, None, "en")


def test_the_day_is_read_in_the_zone_the_truth_gives():
    # 23:30 on the 9th in New York is the 10th in UTC: the page writes its own day.
    scrape = SCRAPE.format(date="February 9, 2026 11:30 PM ET")
    assert states_date(scrape, "2026-02-09T23:30:00-05:00", "en")


@pytest.mark.parametrize(
    "title",
    [
        "Sardine catch hits ten-year high",
        "Sardine  catch hits ten-year high | Coast Daily",
        "Sardine catch hits ten-year high - Business - Coast Daily",
        "Coast Daily — Sardine catch hits ten-year high",
    ],
)
def test_a_title_stands_as_a_line_alone_or_with_the_site_name(title: str):
    assert title_line(SCRAPE.format(date=""), title) == "Sardine catch hits ten-year high"


@pytest.mark.parametrize(
    "title",
    [
        "Sardine catch hits a ten-year high",  # reworded: no line holds it
        "Sardines: catch hits ten-year high",
        "Sardine catch hits ten-year high | "
        + "a long standfirst that runs on well past what any site name would be",
        None,
    ],
)
def test_a_title_no_line_holds_does_not_stand(title: str | None):
    assert title_line(SCRAPE.format(date=""), title) is None
