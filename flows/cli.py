"""The `kabar` command: ingest dumps, query the store, print reports."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from tasks.analyse.output import OUTPUT_FORMATS, print_frame
from tasks.errors import KabarError
from tasks.settings import (
    DB_ENV,
    DEFAULT_BATCH_SIZE,
    DEFAULT_DB,
    DEFAULT_NEAR_THRESHOLD,
    DEFAULT_RECORD_TIMEOUT,
)

app = typer.Typer(
    name="kabar",
    help="Kabar: news dumps in, deduplicated articles and leader mentions per week out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
chart_app = typer.Typer(help="Draw a chart of a report to a PNG or SVG file.", no_args_is_help=True)
app.add_typer(chart_app, name="chart")
leaders_app = typer.Typer(
    help="Show and change the leaders a database counts.", no_args_is_help=True
)
app.add_typer(leaders_app, name="leaders")

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", help=f"DuckDB file [default: ${DB_ENV} or ./{DEFAULT_DB}]", show_default=False
    ),
]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        help="Read records of another shape as extracted articles: ARTICLE_FIELD=RECORD_FIELD,"
        " ... with body (needed), title, url, published, fetched, language, author;"
        " for example body=maintext,title=headline (a.b is field b of object a)."
    ),
]
RunnerOption = Annotated[
    str,
    typer.Option(help="Where extraction runs: processes (local pool) or dask (a Dask cluster)."),
]
DaskAddressOption = Annotated[
    str | None,
    typer.Option(
        help="Dask scheduler, e.g. tcp://10.0.0.5:8786 [default: a local cluster].",
        show_default=False,
    ),
]
FormatOption = Annotated[
    str, typer.Option("--format", help=f"Output format: {', '.join(OUTPUT_FORMATS)}.")
]


def _field_map(fields: str | None) -> tuple[tuple[str, str], ...]:
    """The `--fields` mapping, checked (a bad one stops the command with one line)."""
    from tasks.read.shapes import parse_field_map

    return parse_field_map(fields) if fields else ()


def _check_format(fmt: str) -> str:
    if fmt not in OUTPUT_FORMATS:
        raise KabarError(f"unknown format '{fmt}'; use one of: {', '.join(OUTPUT_FORMATS)}")
    return fmt


@app.command()
def ingest(
    # Strings, not paths: a Path would fold an fsspec URL's `//` (`file://`, `s3://`).
    paths: Annotated[
        list[str],
        typer.Argument(help="Dump files or folders (walked recursively), or fsspec URLs."),
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
        Path | None, typer.Option(help="Leader CSV or registry folder [default: data/registry].")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Read at most this many records per file.")
    ] = None,
    near_threshold: Annotated[
        float, typer.Option(help="Similarity from which two bodies are copies of one story.")
    ] = DEFAULT_NEAR_THRESHOLD,
    record_timeout: Annotated[
        float, typer.Option(help="Seconds a page may take to extract before it is rejected.")
    ] = DEFAULT_RECORD_TIMEOUT,
    runner: RunnerOption = "processes",
    dask_address: DaskAddressOption = None,
    fields: FieldsOption = None,
) -> None:
    """Ingest HTML, text-scrape, JSON(L), WARC/WET and Parquet dumps into the store."""
    from flows.prefect_api import api_configured, prefect_api
    from tasks.settings import RUNNERS, resolve_db

    # Bad configuration stops here with one line, before any flow run starts.
    if batch_size < 1:
        raise KabarError("--batch-size must be at least 1")
    if record_timeout <= 0:
        raise KabarError("--record-timeout must be more than 0 seconds")
    if runner not in RUNNERS:
        raise KabarError(f"unknown runner '{runner}'; use one of: {', '.join(RUNNERS)}")
    _field_map(fields)
    # Inputs that hold nothing new need no flow run: without a configured Prefect server, such
    # a run is recorded in the store alone, before Prefect's temporary server would start.
    if not api_configured():
        from tasks.read.discover import check_paths
        from tasks.run.runs import idle_run

        check_paths(paths)
        idle = idle_run(paths, db, leaders, near_threshold)
        if idle is not None:
            from tasks.analyse.reports import print_run_summary

            print_run_summary(idle)
            return
    with ExitStack() as stack:
        with _sigterm_deferred():
            # Prefect's temporary server (if no server is configured) boots while the inputs
            # are checked and the flow's modules are imported.
            api_ready = stack.enter_context(prefect_api())
            from tasks.mentions.registry import default_leaders, load_leader_source
            from tasks.read.discover import check_paths
            from tasks.run.pool import ExtractorPool, WorkerSetup, release_early

            check_paths(paths)
            leader_list = load_leader_source(leaders) if leaders is not None else default_leaders()
            if runner == "processes":
                # The extractor processes start now too, and warm up with the list the run
                # will most likely count with (the flow takes them over, whichever it uses).
                stack.callback(release_early)
                guess = WorkerSetup(tuple(leader_list.aliases), near_threshold, record_timeout)
                ExtractorPool(guess, workers).start_early()
            from tasks.store.database import check_writable

            check_writable(resolve_db(db))
            from flows.ingest import with_runner

            ingest_flow = with_runner(runner, dask_address, workers)
        api_ready()
        summary = ingest_flow(
            paths=[str(p) for p in paths],
            db=str(db) if db else None,
            batch_size=batch_size,
            workers=workers,
            leaders_file=str(leaders) if leaders else None,
            limit=limit,
            near_threshold=near_threshold,
            record_timeout=record_timeout,
            fields=fields,
        )
    from tasks.analyse.reports import print_run_summary

    print_run_summary(summary)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Dump files or folders, as for ingest.")],
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl (one object per record) or text.")
    ] = "jsonl",
    leaders: Annotated[
        Path | None, typer.Option(help="Leader CSV or registry folder [default: data/registry].")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Read at most this many records per file.")
    ] = None,
    fields: FieldsOption = None,
) -> None:
    """Show what ingest would extract from each record, without touching a database."""
    from tasks.mentions.matcher import MentionMatcher
    from tasks.mentions.registry import default_leaders, load_leader_source, with_terms
    from tasks.run.preview import PREVIEW_FORMATS, preview, write_preview

    if fmt not in PREVIEW_FORMATS:
        raise KabarError(f"unknown format '{fmt}'; use one of: {', '.join(PREVIEW_FORMATS)}")
    listed = load_leader_source(leaders) if leaders else default_leaders()
    listed = with_terms(listed, default_leaders().terms)
    matcher = MentionMatcher(listed.aliases, terms=listed.terms)
    rows = preview(paths, matcher, limit, _field_map(fields), terms=listed.terms)
    write_preview(rows, fmt, sys.stdout)  # type: ignore[arg-type]


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run against the store (read-only).")],
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Run a read-only SQL query and print the result."""
    from tasks.analyse.reports import run_sql

    print_frame(run_sql(db, query), _check_format(fmt))  # type: ignore[arg-type]


@app.command("eval")
def evaluate(
    corpora: Annotated[
        list[Path] | None, typer.Argument(help="Corpus folders, each with a truth.jsonl.")
    ] = None,
    mentions: Annotated[
        list[Path] | None,
        typer.Option(
            "--mentions",
            help="Score mention counting against this gold file (JSONL of hand-counted pages) "
            "instead; repeatable.",
        ),
    ] = None,
    leaders: Annotated[
        Path | None,
        typer.Option(help="Leader CSV or registry folder for --mentions [default: data/registry]."),
    ] = None,
    out: Annotated[Path, typer.Option(help="Folder for the per-page CSV files.")] = Path(
        "out/eval"
    ),
    limit: Annotated[
        int | None, typer.Option(help="Score only the first N pages of each corpus.")
    ] = None,
    half: Annotated[
        str | None,
        typer.Option(
            help="Only this half of each corpus or gold file: tune or check.", show_default=False
        ),
    ] = None,
) -> None:
    """Score extraction against corpora with known articles, beside plain trafilatura, per half;
    or, with --mentions, mention counting against hand-counted pages."""
    from tasks.evaluate.split import check_half

    check_half(half)
    if mentions:
        _evaluate_mentions(mentions, leaders, out, limit, half)
        return
    if not corpora:
        raise KabarError(
            "give corpus folders to score extraction, or --mentions GOLD to score mentions"
        )
    from tasks.evaluate.extraction import evaluate as score_corpus
    from tasks.evaluate.extraction import summarise, write_page_scores

    summaries = []
    for corpus in corpora:
        scores = list(score_corpus(corpus, limit, half))
        write_page_scores(scores, out / f"{corpus.resolve().name}.csv")
        summaries.extend(summarise(scores))
    print_frame(pl.DataFrame(summaries).with_columns(pl.selectors.float().round(3)), "table")
    print(f"per-page scores: {out}/", file=sys.stderr)


def _evaluate_mentions(
    golds: list[Path], leaders: Path | None, out: Path, limit: int | None, half: str | None
) -> None:
    from tasks.evaluate.mentions import (
        evaluate_mentions,
        load_gold,
        summarise_mentions,
        write_pair_scores,
    )
    from tasks.evaluate.split import in_half
    from tasks.mentions.matcher import MentionMatcher
    from tasks.mentions.offices import OfficeHolders
    from tasks.mentions.registry import default_leaders, load_leader_source, with_terms

    leader_list = load_leader_source(leaders) if leaders else default_leaders()
    leader_list = with_terms(leader_list, default_leaders().terms)
    matcher = MentionMatcher(leader_list.aliases, terms=leader_list.terms)
    holders = OfficeHolders(leader_list.terms)
    names = {leader.name for leader in leader_list.leaders}
    summaries = []
    for gold in golds:
        pages = [page for page in load_gold(gold) if in_half(half, page.half)]
        scores = list(evaluate_mentions(pages[:limit], matcher, names, holders))
        write_pair_scores(scores, out / f"mentions-{gold.stem}.csv")
        summaries.extend(summarise_mentions(scores))
    print_frame(pl.DataFrame(summaries).with_columns(pl.selectors.float().round(3)), "table")
    print(f"per-page counts: {out}/mentions-*.csv", file=sys.stderr)


LeaderOption = Annotated[
    list[str] | None,
    typer.Option("--leader", help="Only this leader (name or alias, any case); repeatable."),
]
SinceOption = Annotated[
    str | None, typer.Option(help="From this date's week (or day) on (YYYY-MM-DD).")
]
UntilOption = Annotated[str | None, typer.Option(help="Up to this date (YYYY-MM-DD).")]


@app.command(no_args_is_help=True)
def report(
    name: Annotated[
        str | None,
        typer.Argument(
            help="Report name (`kabar report --list`); weekly is short for "
            "mentions_per_leader_per_week.",
            show_default=False,
        ),
    ] = None,
    leader: LeaderOption = None,
    office: Annotated[
        list[str] | None,
        typer.Option(
            "--office",
            help="Whoever held this office (e.g. 'President of Russia') on each story's day; "
            "repeatable. weekly then reads leaders_in_office_per_week.",
        ),
    ] = None,
    language: Annotated[
        str | None, typer.Option(help="Only stories in this language (ISO 639-1, e.g. id).")
    ] = None,
    source_country: Annotated[
        str | None,
        typer.Option(help="Only stories from sites of this country (ISO 3166-1 alpha-2, e.g. ID)."),
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="table, csv, json or parquet; default: table, or the --out file's suffix.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Write to this file (csv, json, parquet) instead.")
    ] = None,
    list_reports: Annotated[
        bool, typer.Option("--list", help="List the reports and what each shows.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Print or write a report: a view of the store, filtered by leader and dates."""
    from tasks.analyse.reports import output_format, report_list, run_report, write_report

    if list_reports:
        print_frame(report_list(), "table")
        return
    if name is None:
        raise KabarError("name a report; `kabar report --list` shows them")
    fmt = output_format(fmt, out)
    rows = run_report(
        db,
        name,
        leader or (),
        since,
        until,
        offices=office or (),
        language=language,
        source_country=source_country,
    )
    write_report(rows, fmt, out)


@chart_app.command("weekly")
def chart_weekly(
    out: Annotated[Path, typer.Option(help="Chart file: .png or .svg.", show_default=False)],
    leader: LeaderOption = None,
    top: Annotated[
        int, typer.Option(help="Draw the N leaders with most mentions (unless --leader).")
    ] = 5,
    since: SinceOption = None,
    until: UntilOption = None,
    db: DbOption = None,
) -> None:
    """Line chart of weekly mentions per leader."""
    from tasks.analyse.charts import chart_weekly as draw

    draw(db, out, leader or (), top, since, until)


@leaders_app.command("list")
def leaders_list(
    aliases: Annotated[
        bool, typer.Option("--aliases", help="Every alias, in the leader file's columns.")
    ] = False,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """The leaders a database counts (or the default list), with their alias counts."""
    from tasks.store.leaders_admin import alias_rows, current_leaders, leader_summary

    fmt = _check_format(fmt)
    leaders, source = current_leaders(db)
    print_frame(alias_rows(leaders) if aliases else leader_summary(leaders), fmt)  # type: ignore[arg-type]
    print(f"{len(leaders.leaders)} leaders from {source}", file=sys.stderr)


@leaders_app.command("add")
def leaders_add(
    name: Annotated[str, typer.Argument(help="The leader's canonical name.")],
    country: Annotated[
        str | None, typer.Option(help="Country or body they lead (needed for a new leader).")
    ] = None,
    alias: Annotated[
        list[str] | None, typer.Option("--alias", help="Another name that counts; repeatable.")
    ] = None,
    ambiguous: Annotated[
        list[str] | None,
        typer.Option(help="Counts only beside a name of the leader; repeatable."),
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="A longer phrase that never counts; repeatable.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Add a leader, or aliases of a listed one; mentions are recounted."""
    from tasks.store.leaders_admin import add_leader

    change = add_leader(db, name, country, alias or (), ambiguous or (), exclude or ())
    _say_list_change(change)


@leaders_app.command("import")
def leaders_import(
    file: Annotated[
        Path,
        typer.Argument(
            help="Leaders CSV (leader,country,alias,kind[,language]) or a registry folder."
        ),
    ],
    merge: Annotated[
        bool,
        typer.Option(help="Replace only the leaders in FILE and keep the others."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Replace the database's leader list with a CSV or registry (or merge it in); mentions are
    recounted."""
    from tasks.store.leaders_admin import import_leaders

    _say_list_change(import_leaders(db, file, merge))


def _say_list_change(change) -> None:
    if change.changed and not change.recounted:
        print(
            f"{change.db}: {change.leaders} leaders, {change.aliases} aliases; "
            "terms in office or site countries updated and published (no recount needed)",
            file=sys.stderr,
        )
    elif change.changed:
        print(
            f"{change.db}: {change.leaders} leaders, {change.aliases} aliases; "
            "mentions recounted and published",
            file=sys.stderr,
        )
    else:
        print(f"{change.db}: leader list unchanged", file=sys.stderr)


@app.command()
def remention(
    db: DbOption = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Matcher processes [default: one per core; 0 runs in-process]."),
    ] = None,
) -> None:
    """Recount every stored article's mentions with the database's leader list, and publish."""
    from tasks.store.leaders_admin import remention as recount

    done = recount(db, workers)
    rate = done.recount.articles / done.seconds if done.seconds else 0.0
    print(
        f"{done.db}: recounted {done.recount.articles:,} articles with {done.leaders} leaders: "
        f"{done.recount.mentions:,} article-leader counts, {done.recount.spans:,} mentions, "
        f"{done.seconds:.1f} s ({rate:,.0f} articles/s); published",
        file=sys.stderr,
    )


@app.command()
def export(
    folder: Annotated[Path, typer.Argument(help="Folder to write articles/ and mentions/ in.")],
    overwrite: Annotated[bool, typer.Option(help="Replace an earlier export in FOLDER.")] = False,
    db: DbOption = None,
) -> None:
    """Export articles (with story_id) and mentions as Parquet partitioned by week."""
    from tasks.analyse.export import export_store

    done = export_store(db, folder, overwrite)
    print(
        f"exported {done.articles:,} articles and {done.mentions:,} mention rows in "
        f"{done.weeks} week partitions to {done.folder}/articles and {done.folder}/mentions",
        file=sys.stderr,
    )


@app.command()
def serve(
    inbox: Annotated[Path, typer.Option(help="Folder where new dumps land.")],
    cron: Annotated[str | None, typer.Option(help="Cron schedule, e.g. '0 * * * *'.")] = None,
    interval: Annotated[
        int | None, typer.Option(help="Seconds between runs [default: 3600].")
    ] = None,
    db: DbOption = None,
    runner: RunnerOption = "processes",
    dask_address: DaskAddressOption = None,
) -> None:
    """Serve the ingest flow on a Prefect server: ingest what is new in the inbox on a schedule."""
    from flows.ingest import with_runner
    from tasks.run.serving import check_inbox, check_server, schedule
    from tasks.settings import resolve_db

    when = schedule(cron, interval)
    folder = check_inbox(inbox)
    ingest_flow = with_runner(runner, dask_address)
    check_server()
    database = str(resolve_db(db).resolve())
    ingest_flow.serve(
        name="kabar-inbox",
        parameters={"paths": [str(folder)], "db": database},
        description=f"Ingest new dumps from {folder} into {database}",
        **when,
    )


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM (a scheduler or `kill` stopping a run) outside a flow run, where Prefect does not
    handle it: exit through Python, so `finally` blocks and exit handlers run and Prefect's
    temporary server and the extractor processes stop with the run instead of outliving it."""
    if _deferring:
        _deferred.append(signum)
        return
    print("kabar: stopped (SIGTERM); committed batches are kept, re-run to finish", file=sys.stderr)
    sys.exit(128 + signum)


_deferring = False
_deferred: list[int] = []


@contextmanager
def _sigterm_deferred() -> Iterator[None]:
    """Hold SIGTERM for the block and act on it after: starting a process or importing a
    module, interrupted halfway, could leave the process unknown or the error garbled."""
    global _deferring
    _deferring = True
    try:
        yield
    finally:
        _deferring = False
        if _deferred:
            _terminated(_deferred.pop(), None)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command, turning user errors into one line and an exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    signal.signal(signal.SIGTERM, _terminated)
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
