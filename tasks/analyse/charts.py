"""Charts of the reports, drawn with matplotlib off-screen (no display needed)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import polars as pl
from matplotlib.ticker import MaxNLocator

from tasks.analyse.reports import resolve_leaders, run_report
from tasks.errors import KabarError
from tasks.settings import resolve_db
from tasks.store.database import connect_reader

CHART_SUFFIXES = (".png", ".svg")
DEFAULT_TOP = 5
# Draw a marker on every week while there are few enough to tell apart.
MARKERS_UP_TO = 26
STYLE = {
    "figure.figsize": (11, 5.5),
    "figure.dpi": 120,
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # Keep SVG text as text: searchable, selectable, and smaller than outlined glyphs.
    "svg.fonttype": "none",
    "svg.hashsalt": "kabar",
}


def chart_weekly(
    db: str | Path | None,
    out: Path,
    leaders: Sequence[str] = (),
    top: int = DEFAULT_TOP,
    since: str | None = None,
    until: str | None = None,
) -> list[str]:
    """Draw weekly mentions per leader to `out` (.png or .svg); returns the leaders drawn."""
    check_chart_path(out)
    if top < 1:
        raise KabarError("--top must be at least 1")
    weekly = run_report(db, "mentions_per_leader_per_week", leaders, since, until)
    # Every leader asked for is drawn, at zero where they were not named; else the top ones.
    chosen = top_leaders(weekly, top, _canonical(db, leaders) if leaders else None)
    if weekly.height == 0 or not chosen:
        raise KabarError(
            "no mentions to chart for these leaders and dates; "
            "`kabar report weekly` shows what the store holds"
        )
    series = weekly_series(weekly, chosen)
    draw_weekly(series, chosen, out, _subtitle(bool(leaders), len(chosen), series))
    print(f"wrote chart of {len(chosen)} leaders to {out}", file=sys.stderr)
    return chosen


def check_chart_path(out: Path) -> None:
    """Refuse file names whose suffix is not a format the chart can be written in."""
    if out.suffix.lower() not in CHART_SUFFIXES:
        raise KabarError(f"--out {out}: name a .png or .svg file")
    if not out.parent.exists():
        raise KabarError(f"{out}: folder {out.parent} does not exist; create it or pick another")


def top_leaders(weekly: pl.DataFrame, top: int, chosen: Sequence[str] | None = None) -> list[str]:
    """The `top` leaders by total mentions, or all the chosen ones; most mentioned first."""
    totals = dict(weekly.group_by("leader").agg(pl.col("mentions").sum()).iter_rows())
    if chosen is None:
        return sorted(totals, key=lambda leader: (-totals[leader], leader))[:top]
    return sorted(chosen, key=lambda leader: (-totals.get(leader, 0), leader))


def weekly_series(weekly: pl.DataFrame, leaders: Sequence[str]) -> pl.DataFrame:
    """One row per week from the first to the last, one column per leader, zeros filled in."""
    if weekly.height:
        weeks = pl.date_range(weekly["week"].min(), weekly["week"].max(), "1w", eager=True)
    else:
        weeks = pl.Series("week", [], dtype=pl.Date)
    wide = (
        weekly.filter(pl.col("leader").is_in(list(leaders)))
        .pivot(on="leader", index="week", values="mentions")
        .lazy()
    )
    frame = (
        pl.DataFrame({"week": weeks})
        .lazy()
        .join(wide, on="week", how="left")
        .sort("week")
        .collect()
    )
    return frame.select(
        "week",
        *(
            (pl.col(leader) if leader in frame.columns else pl.lit(0))
            .fill_null(0)
            .cast(pl.Int64)
            .alias(leader)
            for leader in leaders
        ),
    )


def draw_weekly(series: pl.DataFrame, leaders: Sequence[str], out: Path, subtitle: str) -> None:
    """A line per leader over the weeks, legend with each leader's total, written to `out`."""
    weeks: list[date] = series["week"].to_list()
    with plt.rc_context(STYLE):
        figure, axes = plt.subplots(layout="constrained")
        try:
            marker = "o" if len(weeks) <= MARKERS_UP_TO else None
            for leader in leaders:
                values = series[leader].to_list()
                axes.plot(
                    weeks,
                    values,
                    marker=marker,
                    markersize=4,
                    linewidth=2,
                    label=f"{leader} ({sum(values):,})",
                )
            figure.suptitle("Weekly mentions per leader", x=0.01, ha="left", fontsize=14)
            axes.set_title(subtitle, loc="left", fontsize=10, color="0.35")
            axes.set_xlabel("Week")
            axes.set_ylabel("Mentions")
            axes.set_ylim(bottom=0)
            axes.yaxis.set_major_locator(MaxNLocator(integer=True))
            _date_ticks(axes, weeks)
            axes.grid(alpha=0.3)
            axes.legend(
                title="Leader (total mentions)",
                loc="upper left",
                bbox_to_anchor=(1.01, 1),
                frameon=False,
            )
            metadata = {"Date": None} if out.suffix.lower() == ".svg" else {}
            figure.savefig(out, metadata=metadata)
        finally:
            plt.close(figure)


def _date_ticks(axes: plt.Axes, weeks: Sequence[date]) -> None:
    """Each week's Monday while they fit, else matplotlib's choice, in a compact form."""
    if len(weeks) <= 12:
        axes.set_xticks(weeks)
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%d %b\n%Y"))
        return
    locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _subtitle(chosen: bool, count: int, series: pl.DataFrame) -> str:
    weeks = series["week"]
    span = (
        f"weeks of {weeks.min()} to {weeks.max()}" if weeks.len() > 1 else f"week of {weeks.min()}"
    )
    who = "chosen leaders" if chosen else f"top {count} leaders by mentions"
    return f"{who}, {span}"


def _canonical(db: str | Path | None, names: Sequence[str]) -> list[str]:
    con = connect_reader(resolve_db(db))
    try:
        return resolve_leaders(con, names)
    finally:
        con.close()
