"""Properties of date parsing: any text in, an aware UTC datetime or None out."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.extract.dates import EARLIEST, parse_datetime

# The same examples on every run and nothing stored between runs: CI stays deterministic.
PROPERTY = settings(derandomize=True, database=None, deadline=None)

# Generated dates stay clear of the plausible range's ends whatever their offset; the latest is
# fixed, when the clock allows, so that the examples do not change with the day the tests run.
FIRST_DAY = (EARLIEST + timedelta(days=2)).date()
LAST_DAY = min(date(2026, 6, 30), date.today() - timedelta(days=1))
LANGUAGES = st.none() | st.lists(
    st.sampled_from(["en", "id", "ms", "ru", "fr", "de", "es", "zh", "ja", "ko", "ar", "xx", ""]),
    max_size=3,
)
# Pieces that dates, labels and relative times are written with, for strings near a date.
DATE_PIECES = st.sampled_from(
    [
        "2023", "1999", "2099", "1989", "15", "31", "32", "0", "9", "12", "00", "9999", "-", "/",
        ".", ":", " ", ",", "T", "Z", "+", "+02:00", "-0530", "+13:45", "GMT", "UTC", "WIB", "МСК",
        "EST", "年", "月", "日", "년", "월", "일", "前", "ago", "lalu", "Updated", "Publié le",
        "입력", "|", "·", "September", "Sep", "сентября", "janvier", "de", "am", "pm", "at",
        "10:30", "24:00", "99:99", "\u00a0", "\n", "(", ")", "Jumat", "Fri", "yesterday", "now",
        "\x00", "\ud800", "٢٠٢٣", "２０２３", "2023-09-15", "15/09/2023", "2023-09-15T10:30:00",
    ]
)  # fmt: skip
date_like = st.lists(DATE_PIECES, max_size=14).map("".join)
# Every UTC offset a timestamp can carry, to the minute, not only those with a zone name.
offsets = st.integers(-(24 * 60 - 1), 24 * 60 - 1).map(lambda m: timezone(timedelta(minutes=m)))
RELATIVE_TEMPLATES = (
    "{a} days {b} hours ago",
    "Updated {b} minutes ago",
    "{a} hari {b} jam yang lalu",
    "il y a {a} jours et {b} heures",
    "hace {a} días y {b} horas",
    "vor {a} Tagen und {b} Stunden",
    "{a} дней {b} часов назад",
    "{a}天{b}小时前",
    "{a}日{b}時間前",
)
# Numbers that look like years and days, so that only the relative words can refuse the string.
relative_numbers = st.integers(0, 31) | st.integers(1990, 2030)


@settings(PROPERTY, max_examples=200)
@given(value=date_like | st.text(max_size=60), languages=LANGUAGES)
def test_parse_datetime_never_raises_and_returns_aware_utc_or_none(
    value: str, languages: list[str] | None
):
    moment = parse_datetime(value, languages)
    assert moment is None or (moment.tzinfo is not None and moment.utcoffset() == timedelta(0))


@settings(PROPERTY, max_examples=300)
@given(
    moment=st.datetimes(
        min_value=datetime.combine(FIRST_DAY, datetime.min.time()),
        max_value=datetime.combine(LAST_DAY, datetime.min.time()),
        timezones=offsets,
    ),
    timespec=st.sampled_from(["minutes", "seconds", "milliseconds", "microseconds"]),
    separator=st.sampled_from(["T", " "]),
)
def test_iso_8601_timestamps_round_trip_to_the_same_instant(
    moment: datetime, timespec: str, separator: str
):
    written = moment.isoformat(sep=separator, timespec=timespec)
    if timespec == "minutes":
        moment = moment.replace(second=0, microsecond=0)
    elif timespec == "seconds":
        moment = moment.replace(microsecond=0)
    elif timespec == "milliseconds":
        moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    parsed = parse_datetime(written)
    assert parsed == moment, written
    assert parsed is not None and parsed.tzinfo is UTC


@settings(PROPERTY, max_examples=100)
@given(day=st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
def test_utc_timestamps_with_z_are_read_as_utc(day: date):
    assert parse_datetime(f"{day.isoformat()}T12:34:56Z") == datetime(
        day.year, day.month, day.day, 12, 34, 56, tzinfo=UTC
    )


@settings(PROPERTY, max_examples=200)
@given(
    day=st.dates(min_value=FIRST_DAY, max_value=LAST_DAY),
    separator=st.sampled_from([".", "-", "/"]),
    padded=st.booleans(),
    languages=st.sampled_from([None, ["en"], ["id", "en"], ["ru"], ["de"], ["fr"]]),
)
def test_numeric_dates_follow_the_documented_day_month_order(
    day: date, separator: str, padded: bool, languages: list[str] | None
):
    number = "{:02d}" if padded else "{}"
    written = separator.join([number.format(day.day), number.format(day.month), str(day.year)])
    # Slashes on English pages (or with no hint) are US-style, unless the first number is no month.
    us_style = separator == "/" and (not languages or languages[0] == "en") and day.day <= 12
    month, day_of_month = (day.day, day.month) if us_style else (day.month, day.day)
    assert parse_datetime(written, languages) == datetime(day.year, month, day_of_month, tzinfo=UTC)


@settings(PROPERTY, max_examples=150)
@given(
    day=st.dates(min_value=FIRST_DAY, max_value=LAST_DAY),
    layout=st.sampled_from(["%d %B %Y", "%B %d, %Y", "%d %b %Y", "%A, %d %B %Y", "%d %B %Y %H:%M"]),
)
def test_english_dates_with_month_names_are_midnight_utc_of_that_day(day: date, layout: str):
    written = datetime(day.year, day.month, day.day).strftime(layout)
    assert parse_datetime(written, ["en"]) == datetime(day.year, day.month, day.day, tzinfo=UTC)


@settings(PROPERTY, max_examples=200)
@given(
    template=st.sampled_from(RELATIVE_TEMPLATES),
    a=relative_numbers,
    b=relative_numbers,
    languages=LANGUAGES,
)
def test_relative_times_are_refused(template: str, a: int, b: int, languages: list[str] | None):
    assert parse_datetime(template.format(a=a, b=b), languages) is None


@settings(PROPERTY, max_examples=100)
@given(
    day=st.dates(min_value=FIRST_DAY, max_value=LAST_DAY),
    template=st.sampled_from(RELATIVE_TEMPLATES),
    a=relative_numbers,
    b=relative_numbers,
)
def test_a_date_beside_a_relative_time_is_read_from_its_own_part(
    day: date, template: str, a: int, b: int
):
    written = f"{day:%d %B %Y} · {template.format(a=a, b=b)}"
    assert parse_datetime(written, ["en"]) == datetime(day.year, day.month, day.day, tzinfo=UTC)


@settings(PROPERTY, max_examples=100)
@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(1989, 12, 31))
    | st.dates(min_value=date.today() + timedelta(days=3), max_value=date(2099, 12, 31)),
    layout=st.sampled_from(["%Y-%m-%d", "%d %B %Y", "%d.%m.%Y", "%Y-%m-%dT%H:%M:%SZ"]),
)
def test_dates_before_1990_or_in_the_future_are_refused(day: date, layout: str):
    assert parse_datetime(datetime(day.year, day.month, day.day).strftime(layout)) is None
