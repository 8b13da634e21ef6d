"""Analyst-facing reads: ad-hoc SQL, the named reports, and run summaries."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import duckdb
import polars as pl
from rich.console import Console

from tasks.analyse.output import frame_table, print_frame
from tasks.errors import KabarError
from tasks.settings import resolve_db
from tasks.store.database import connect_reader, execute, query

Period = Literal["week", "day"]
REPORT_FORMATS: tuple[str, ...] = ("table", "csv", "json", "parquet")
FILE_FORMATS: tuple[str, ...] = ("csv", "json", "parquet")


@dataclass(frozen=True, slots=True)
class Report:
    """A named report: `sql/reports/<name>.sql` over the view of the same name."""

    name: str
    about: str
    by_leader: bool = False  # rows name leaders: --leader applies
    period: Period | None = None  # rows have a week or a day: --since and --until apply
    sliced: bool = False  # rows count stories: --language and --source-country apply
    by_office: bool = False  # rows name offices: --office applies

    @property
    def filters(self) -> str:
        """The options that apply, for `kabar report --list`."""
        options = ["--leader"] if self.by_leader else []
        if self.by_office:
            options.append("--office")
        if self.period:
            options.append(f"--since/--until ({self.period})")
        if self.sliced:
            options.append("--language, --source-country")
        return ", ".join(options) or "none"


# The fixed list of reports: a report's SQL file is chosen from here, never from input.
REPORTS: dict[str, Report] = {
    report.name: report
    for report in (
        Report(
            "mentions_per_leader_per_week",
            "stories, mentions and copies naming each leader, per week",
            by_leader=True,
            period="week",
            sliced=True,
        ),
        Report(
            "leaders_in_office_per_week",
            "stories naming each office's holder on days they held it, per week",
            by_leader=True,
            period="week",
            sliced=True,
            by_office=True,
        ),
        Report(
            "leader_share_of_voice_per_week",
            "share of each week's stories that name each leader",
            by_leader=True,
            period="week",
            sliced=True,
        ),
        Report(
            "co_mentions_per_week",
            "pairs of leaders named in the same stories, per week",
            by_leader=True,
            period="week",
            sliced=True,
        ),
        Report(
            "mentions_per_site",
            "articles and mentions naming each leader, per site",
            by_leader=True,
        ),
        Report(
            "mention_contexts",
            "every counted mention with the sentence around it",
            by_leader=True,
            period="day",
        ),
        Report(
            "articles_per_site_per_day",
            "articles, stories and first reports per site, per day",
            period="day",
        ),
        Report(
            "stories",
            "one row per story: title, site, date, copies",
            period="week",
            sliced=True,
        ),
        Report("duplicates", "input records stored as copies of another story, and how"),
        Report("rejects", "input records that are not articles, and why"),
        Report(
            "refused_canonicals",
            "sites whose canonical URLs name no article or key unrelated texts, with counts",
        ),
    )
}
REPORT_ALIASES = {"weekly": "mentions_per_leader_per_week"}


def report_list() -> pl.DataFrame:
    """The reports, what each shows and which filters apply."""
    aliases = {target: alias for alias, target in REPORT_ALIASES.items()}
    return pl.DataFrame(
        {
            "report": [
                f"{r.name} ({aliases[r.name]})" if r.name in aliases else r.name
                for r in REPORTS.values()
            ],
            "shows": [r.about for r in REPORTS.values()],
            "filters": [r.filters for r in REPORTS.values()],
        }
    )


def find_report(name: str) -> Report:
    """The report called `name` (or one of its short names); a clear error otherwise."""
    report = REPORTS.get(REPORT_ALIASES.get(name, name))
    if report is None:
        names = ", ".join([*REPORTS, *REPORT_ALIASES])
        raise KabarError(f"unknown report '{name}'; use one of: {names}")
    return report


def run_report(
    db: str | Path | None,
    name: str,
    leaders: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    offices: Sequence[str] = (),
    language: str | None = None,
    source_country: str | None = None,
) -> pl.DataFrame:
    """The rows of a report, filtered by leaders (names or aliases), offices, dates and the
    stories' language and source country, where they apply.

    With offices, the weekly report becomes leaders_in_office_per_week: whoever held the
    office on each story's day.
    """
    report = find_report(name)
    if offices and report.name == "mentions_per_leader_per_week":
        report = REPORTS["leaders_in_office_per_week"]
    check_filters(report, leaders, offices, since or until, language or source_country)
    params: dict[str, Any] = {}
    if report.period:
        params["since"] = parse_date(since, "--since")
        params["until"] = parse_date(until, "--until")
    path = resolve_db(db)
    con = connect_reader(path)
    try:
        if report.by_leader:
            params["leaders"] = resolve_leaders(con, leaders) if leaders else None
        if report.by_office:
            params["offices"] = resolve_offices(con, offices) if offices else None
        if (language or source_country) and query(con, "reports/sliceable").height == 0:
            raise KabarError(
                f"{path} has no language and source-country slices yet (an older Kabar made "
                f"it); the next `kabar ingest ... --db {path}` adds them"
            )
        execute(
            con,
            "store/slice",
            language=language.strip().lower() if language else None,
            source_country=source_country.strip().upper() if source_country else None,
        )
        return query(con, f"reports/{report.name}", **params)
    except duckdb.CatalogException as error:
        raise KabarError(
            f"{path} has no view {report.name} yet (an older Kabar made it); "
            f"the next `kabar ingest ... --db {path}` adds it"
        ) from error
    finally:
        con.close()


def check_filters(
    report: Report, leaders: Sequence[str], offices: Sequence[str], dated: Any, sliced: Any
) -> None:
    """A clear error for each filter the report has no column for."""
    if leaders and not report.by_leader:
        raise KabarError(f"report '{report.name}' has no leader column; drop --leader")
    if offices and not report.by_office:
        raise KabarError(f"report '{report.name}' has no office column; drop --office")
    if dated and not report.period:
        raise KabarError(f"report '{report.name}' has no date column; drop --since and --until")
    if sliced and not report.sliced:
        raise KabarError(
            f"report '{report.name}' does not count stories; drop --language and --source-country"
        )


def resolve_offices(con: duckdb.DuckDBPyConnection, titles: Sequence[str]) -> list[str]:
    """Stored office titles for titles in any case; an office the registry lacks is an error."""
    rows = query(con, "reports/offices", offices=list(titles))
    for title in titles:
        if title.lower() not in {found.lower() for found in rows["asked"]}:
            raise KabarError(
                f"no office '{title}' in the store's leader registry; offices are titled as in "
                "data/registry/*/offices.csv, e.g. 'President of Russia'"
            )
    return sorted(set(rows["office"]))


def resolve_leaders(con: duckdb.DuckDBPyConnection, names: Sequence[str]) -> list[str]:
    """Canonical names for leader names or aliases in any case; unknown names are an error."""
    rows = query(con, "mentions/resolve", names=list(names))
    for name in names:
        if name.lower() not in {found.lower() for found in rows["name"]}:
            raise KabarError(
                f"no leader is called '{name}' in this database; "
                "`kabar leaders list` shows the names"
            )
    return sorted(set(rows["leader"]))


def parse_date(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value as a date."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise KabarError(f"{option} '{value}' is not a date; use YYYY-MM-DD") from None


def output_format(fmt: str | None, out: Path | None) -> str:
    """The format to write: as asked, else from --out's suffix, else a table on the terminal."""
    if fmt is None:
        if out is None:
            return "table"
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in FILE_FORMATS:
            raise KabarError(
                f"cannot tell the format of {out} from its name; add --format csv, json or parquet"
            )
    if fmt not in REPORT_FORMATS:
        raise KabarError(f"unknown format '{fmt}'; use one of: {', '.join(REPORT_FORMATS)}")
    if fmt == "parquet" and out is None:
        raise KabarError("--format parquet writes a file; add --out FILE.parquet")
    if fmt == "table" and out is not None:
        raise KabarError("a table is for the terminal; write csv, json or parquet with --out")
    return fmt


def write_report(frame: pl.DataFrame, fmt: str, out: Path | None) -> None:
    """Print the frame, or write it to `out` in a file format and say so on stderr."""
    if out is None:
        print_frame(frame, fmt)  # type: ignore[arg-type]
        return
    if not out.parent.exists():
        raise KabarError(f"{out}: folder {out.parent} does not exist; create it or pick another")
    if fmt == "parquet":
        frame.write_parquet(out)
    elif fmt == "csv":
        frame.write_csv(out)
    else:
        with open(out, "w", encoding="utf-8") as handle:
            print_frame(frame, "json", handle)
    print(f"wrote {frame.height} rows to {out}", file=sys.stderr)


def run_sql(db: str | Path | None, sql: str) -> pl.DataFrame:
    """Run an analyst's SQL on a read-only connection."""
    con = connect_reader(resolve_db(db))
    try:
        relation = con.sql(sql)
        return relation.pl() if relation is not None else pl.DataFrame()
    except duckdb.Error as error:
        raise KabarError(f"query failed: {str(error).splitlines()[0]}") from error
    finally:
        con.close()


def print_run_summary(summary: Any) -> None:
    """A short table of what the run did, on stderr so stdout stays for data."""
    rows = pl.DataFrame(
        {
            "": [
                "files",
                "files already ingested",
                "records",
                "new articles",
                "duplicates",
                "rejects",
            ],
            "count": [
                summary.files_seen,
                summary.files_skipped,
                summary.records_seen,
                summary.articles_new,
                summary.duplicates,
                summary.rejects,
            ],
        }
    )
    console = Console(file=sys.stderr)
    console.print(frame_table(rows, title=f"Run {summary.status} in {summary.seconds:.1f} s"))
    for reason, count in summary.rejects_by_reason.items():
        console.print(f"  rejected ({reason}): {count}")
    if summary.top_reject_files:
        console.print("  files with most rejects:")
    for path, rejects, reasons in summary.top_reject_files:
        console.print(f"    {path}: {rejects} ({reasons_text(reasons)})", markup=False)
    console.print(f"  database: {summary.db}")


def reasons_text(reasons: dict[str, int]) -> str:
    """Reject counts by reason in one line: `bad_json 40, wrong_type 2`."""
    return ", ".join(f"{reason} {count}" for reason, count in reasons.items())
