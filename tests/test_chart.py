"""`kabar chart weekly`: PNG and SVG files with the right leaders, and clear refusals."""

from __future__ import annotations

import re
import struct
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl
import pytest

from tasks.analyse.charts import top_leaders, weekly_series
from tests.test_cli import run
from tests.test_reports import build_store

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
START = datetime(2026, 1, 5, 9, tzinfo=UTC)

# Ten weeks: Putin every week, Xi every other week, Trump once (week 3), nobody in week 6.
NEWS = [
    (week * 10 + n, "a.example", START + timedelta(weeks=week, hours=n), body)
    for week in range(10)
    if week != 6
    for n, body in enumerate(
        [f"Putin spoke on day {week}."]
        + ([f"Xi Jinping and Putin met, round {week}. Putin left."] if week % 2 == 0 else [])
        + (["Donald Trump called."] if week == 3 else [])
    )
]


@pytest.fixture
def store(db_path: Path) -> Path:
    return build_store(db_path, NEWS)


def svg_text(path: Path) -> str:
    return " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", path.read_text(encoding="utf-8")))


def test_png_chart_of_the_top_leaders(capsys, store: Path, tmp_path: Path):
    out = tmp_path / "weekly.png"
    code, stdout, err = run(capsys, "chart", "weekly", "--db", str(store), "--out", str(out))
    assert (code, stdout, err) == (0, "", f"wrote chart of 3 leaders to {out}\n")
    data = out.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1320, 660)
    assert len(data) > 20_000


def test_svg_chart_keeps_text_with_legend_axes_and_title(capsys, store: Path, tmp_path: Path):
    out = tmp_path / "weekly.svg"
    code, _, _ = run(capsys, "chart", "weekly", "--db", str(store), "--out", str(out), "--top", "2")
    assert code == 0
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    text = svg_text(out)
    # The legend lists the top two by total mentions, most first, with their totals.
    assert "Vladimir Putin (17)" in text and "Xi Jinping (4)" in text
    assert text.index("Vladimir Putin (17)") < text.index("Xi Jinping (4)")
    assert "Donald Trump" not in text
    for label in ("Weekly mentions per leader", "Week", "Mentions", "top 2 leaders by mentions"):
        assert label in text


def test_chosen_leaders_and_dates(capsys, store: Path, tmp_path: Path):
    out = tmp_path / "trump.svg"
    argv = ["--leader", "trump", "--leader", "XI", "--since", "2026-01-19", "--until", "2026-02-01"]
    code, _, _ = run(capsys, "chart", "weekly", "--db", str(store), "--out", str(out), *argv)
    text = svg_text(out)
    assert code == 0
    assert "Donald Trump (1)" in text and "Xi Jinping (1)" in text and "Putin" not in text
    assert "chosen leaders, weeks of 2026-01-19 to 2026-01-26" in text


def test_weekly_series_fills_missing_weeks_with_zeros():
    weekly = pl.DataFrame(
        {
            "week": [datetime(2026, 1, 5).date(), datetime(2026, 1, 19).date()],
            "leader": ["A", "B"],
            "mentions": [3, 2],
        }
    )
    series = weekly_series(weekly, ["A", "B", "C"])
    assert series.rows() == [
        (datetime(2026, 1, 5).date(), 3, 0, 0),
        (datetime(2026, 1, 12).date(), 0, 0, 0),
        (datetime(2026, 1, 19).date(), 0, 2, 0),
    ]
    assert top_leaders(weekly, 1) == ["A"]
    assert top_leaders(weekly, 5, ["C", "B"]) == ["B", "C"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--out", "{tmp}/chart.jpg"], "--out {tmp}/chart.jpg: name a .png or .svg file"),
        (
            ["--out", "{tmp}/none/chart.png"],
            "{tmp}/none/chart.png: folder {tmp}/none does not exist; create it or pick another",
        ),
        (["--out", "{tmp}/c.png", "--top", "0"], "--top must be at least 1"),
        (
            ["--out", "{tmp}/c.png", "--since", "2027-01-01"],
            "no mentions to chart for these leaders and dates; "
            "`kabar report weekly` shows what the store holds",
        ),
        (
            ["--out", "{tmp}/c.png", "--leader", "Nobody"],
            "no leader is called 'Nobody' in this database; `kabar leaders list` shows the names",
        ),
    ],
)
def test_chart_errors_say_what_to_do(capsys, store: Path, tmp_path: Path, argv, message):
    argv = [arg.format(tmp=tmp_path) for arg in argv]
    code, out, err = run(capsys, "chart", "weekly", "--db", str(store), *argv)
    assert (code, out, err) == (2, "", f"kabar: {message.format(tmp=tmp_path)}\n")
    assert not (tmp_path / "c.png").exists()
