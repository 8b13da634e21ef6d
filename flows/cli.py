"""The `kabar` command: ingest dumps, query the store, print reports."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from tasks.errors import KabarError
from tasks.output import OUTPUT_FORMATS, print_frame
from tasks.settings import DB_ENV, DEFAULT_BATCH_SIZE, DEFAULT_DB, DEFAULT_NEAR_THRESHOLD

app = typer.Typer(
    name="kabar",
    help="Kabar: news dumps in, deduplicated articles and leader mentions per week out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
report_app = typer.Typer(help="Print a report from the store.", no_args_is_help=True)
app.add_typer(report_app, name="report")

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", help=f"DuckDB file [default: ${DB_ENV} or ./{DEFAULT_DB}]", show_default=False
    ),
]
FormatOption = Annotated[
    str, typer.Option("--format", help=f"Output format: {', '.join(OUTPUT_FORMATS)}.")
]


def _check_format(fmt: str) -> str:
    if fmt not in OUTPUT_FORMATS:
        raise KabarError(f"unknown format '{fmt}'; use one of: {', '.join(OUTPUT_FORMATS)}")
    return fmt


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Dump files or folders (walked recursively).")
    ],
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Extractor processes [default: one per core; 0 runs in-process]."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(help="Records per batch and transaction.")
    ] = DEFAULT_BATCH_SIZE,
    leaders: Annotated[
        Path | None, typer.Option(help="Leader list CSV [default: data/leaders.csv].")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Read at most this many records per file.")
    ] = None,
    near_threshold: Annotated[
        float, typer.Option(help="Similarity from which two bodies are copies of one story.")
    ] = DEFAULT_NEAR_THRESHOLD,
) -> None:
    """Ingest HTML, text-scrape, JSONL and WARC dumps into the store."""
    from flows.ingest import ingest as ingest_flow
    from tasks.discover import check_paths
    from tasks.mentions import load_leaders
    from tasks.settings import resolve_db
    from tasks.store import check_writable

    # Bad configuration stops here with one line, before any flow run starts.
    if batch_size < 1:
        raise KabarError("--batch-size must be at least 1")
    check_paths(paths)
    if leaders is not None:
        load_leaders(leaders)
    check_writable(resolve_db(db))
    summary = ingest_flow(
        paths=[str(p) for p in paths],
        db=str(db) if db else None,
        batch_size=batch_size,
        workers=workers,
        leaders_file=str(leaders) if leaders else None,
        limit=limit,
        near_threshold=near_threshold,
    )
    from tasks.reporting import print_run_summary

    print_run_summary(summary)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Dump files or folders, as for ingest.")],
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl (one object per record) or text.")
    ] = "jsonl",
    leaders: Annotated[
        Path | None, typer.Option(help="Leader list CSV [default: data/leaders.csv].")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Read at most this many records per file.")
    ] = None,
) -> None:
    """Show what ingest would extract from each record, without touching a database."""
    from tasks.mentions import MentionMatcher, load_leaders
    from tasks.preview import PREVIEW_FORMATS, preview, write_preview
    from tasks.settings import DEFAULT_LEADERS

    if fmt not in PREVIEW_FORMATS:
        raise KabarError(f"unknown format '{fmt}'; use one of: {', '.join(PREVIEW_FORMATS)}")
    matcher = MentionMatcher(load_leaders(leaders or DEFAULT_LEADERS).aliases)
    write_preview(preview(paths, matcher, limit), fmt, sys.stdout)  # type: ignore[arg-type]


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run against the store (read-only).")],
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Run a read-only SQL query and print the result."""
    from tasks.reporting import run_sql

    print_frame(run_sql(db, query), _check_format(fmt))  # type: ignore[arg-type]


@app.command("eval")
def evaluate(
    corpora: Annotated[list[Path], typer.Argument(help="Corpus folders, each with a truth.jsonl.")],
    out: Annotated[Path, typer.Option(help="Folder for the per-page CSV files.")] = Path(
        "out/eval"
    ),
    limit: Annotated[
        int | None, typer.Option(help="Score only the first N pages of each corpus.")
    ] = None,
) -> None:
    """Score extraction against corpora with known articles, beside plain trafilatura."""
    from tasks.evaluate import evaluate as score_corpus
    from tasks.evaluate import summarise, write_page_scores

    summaries = []
    for corpus in corpora:
        scores = list(score_corpus(corpus, limit))
        write_page_scores(scores, out / f"{corpus.resolve().name}.csv")
        summaries.extend(summarise(scores))
    print_frame(pl.DataFrame(summaries).with_columns(pl.selectors.float().round(3)), "table")
    print(f"per-page scores: {out}/", file=sys.stderr)


@report_app.command("weekly")
def report_weekly(
    leader: Annotated[str | None, typer.Option(help="Only this leader (name or alias).")] = None,
    since: Annotated[
        str | None, typer.Option(help="From this date's week on (YYYY-MM-DD).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")] = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Mentions per leader per week (mentions_per_leader_per_week)."""
    from tasks.reporting import weekly_report

    print_frame(weekly_report(db, leader, since, until), _check_format(fmt))  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command, turning user errors into one line and an exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app(args=argv, prog_name="kabar")
    except KabarError as error:
        print(f"kabar: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("kabar: interrupted; committed batches are kept, re-run to finish", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    main()
