"""The stored leader list, and recounting every stored article's mentions when it changes."""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from tasks.mentions.matcher import (
    Alias,
    LeaderList,
    MentionMatcher,
    Term,
    parse_leaders,
    utc_day,
)
from tasks.mentions.offices import OfficeMatcher, load_lexicon, title_of_office
from tasks.mentions.registry import default_leaders, load_leader_source, with_terms
from tasks.settings import OFFICE_LEXICON
from tasks.store.database import (
    LEADERS_VERSION_KEY,
    TERMS_VERSION_KEY,
    execute,
    get_state,
    memory_cap,
    memory_limited,
    query,
    registered,
    set_state,
    transaction,
)
from tasks.store.load import MENTION_SCHEMA, REFERENCE_SCHEMA, SPAN_SCHEMA
from tasks.store.sql import sql_text

logger = logging.getLogger(__name__)

# Bodies read from the store at a time: about 60 MB of 3 KB bodies.
RECOUNT_CHUNK = 20_000
# Bodies per task sent to a worker process; a few tasks per worker are in flight at once.
RECOUNT_PIECE = 5_000
# Below this many articles, starting worker processes costs more than it saves.
IN_PROCESS_UP_TO = 20_000
# DuckDB's memory during a recount: bodies are read once, so caching them buys nothing.
RECOUNT_MEMORY = 512 << 20

# Each recount worker builds its matcher once, at start-up.
_matcher: MentionMatcher | None = None
_offices: OfficeMatcher | None = None


@dataclass(frozen=True, slots=True)
class Recount:
    """What a recount did."""

    articles: int
    mentions: int
    spans: int


def stored_leaders(con: duckdb.DuckDBPyConnection) -> LeaderList | None:
    """The leader list stored in the database with its terms, or None when it has none yet."""
    rows = query(con, "mentions/stored_aliases")
    if rows.height == 0:
        return None
    listed = parse_leaders(rows.to_dicts(), source="the stored leader list")
    try:
        stored_terms = query(con, "mentions/stored_terms")
    except duckdb.CatalogException:
        # A store made before the registry, read without upgrading it: no terms yet.
        return listed
    terms = tuple(
        Term(
            row["office"],
            row["country"],
            row["role"],
            row["leader"],
            row["start_date"],
            row["end_date"],
            row["dates"],
            row["note"],
        )
        for row in stored_terms.iter_rows(named=True)
    )
    return LeaderList(listed.leaders, listed.aliases, terms)


def active_leaders(con: duckdb.DuckDBPyConnection, leaders_file: str | Path | None) -> LeaderList:
    """The list an ingest counts with, stored and with mentions in step with it.

    An explicit file (a leader CSV or a registry folder) replaces the stored list; without one
    the stored list stands, and a new database starts from the default (the registry). Listed
    people without terms take the registry's, so a flat list, or a store made before the
    registry, still says who was in office.
    """
    if leaders_file is not None:
        leaders = load_leader_source(leaders_file)
        pool: tuple[Term, ...] = ()
    else:
        stored = stored_leaders(con)
        leaders = stored or default_leaders()
        pool = stored.terms if stored else ()
    leaders = with_terms(leaders, pool, default_leaders().terms)
    sync_leaders(con, leaders)
    return leaders


def sync_leaders(
    con: duckdb.DuckDBPyConnection, leaders: LeaderList, workers: int | None = None
) -> bool:
    """Store `leaders` if they differ from the stored list; True if anything changed.

    Mentions are recounted only when the aliases changed; when only the terms did, each stored
    mention's in_office is set again, in SQL.
    """
    aliases_changed = get_state(con, LEADERS_VERSION_KEY) != leaders.version
    if not aliases_changed and get_state(con, TERMS_VERSION_KEY) == leaders.terms_version:
        return False
    new_leaders = pl.DataFrame(
        [{"leader": leader.name, "country": leader.country} for leader in leaders.leaders],
        schema={"leader": pl.String, "country": pl.String},
    )
    new_aliases = pl.DataFrame(
        [
            {"leader": a.leader, "alias": a.text, "kind": a.kind, "language": a.language}
            for a in leaders.aliases
        ],
        schema={"leader": pl.String, "alias": pl.String, "kind": pl.String, "language": pl.String},
    )
    new_terms = pl.DataFrame(
        [
            {
                "office": t.office,
                "country": t.country,
                "role": t.role,
                "leader": t.person,
                "start_date": t.start,
                "end_date": t.end,
                "dates": t.dates,
                "note": t.note,
                "title": title_of_office(t.office),
            }
            for t in leaders.terms
        ],
        schema={
            "office": pl.String,
            "country": pl.String,
            "role": pl.String,
            "leader": pl.String,
            "start_date": pl.Date,
            "end_date": pl.Date,
            "dates": pl.String,
            "note": pl.String,
            "title": pl.String,
        },
    )
    with transaction(con):
        with registered(con, new_leaders=new_leaders, new_aliases=new_aliases, new_terms=new_terms):
            execute(con, "load/replace_leaders")
        if aliases_changed:
            recount_mentions(con, leaders.aliases, workers, terms=leaders.terms)
            set_state(con, LEADERS_VERSION_KEY, leaders.version)
        else:
            execute(con, "mentions/set_in_office")
        set_state(con, TERMS_VERSION_KEY, leaders.terms_version)
    if aliases_changed:
        logger.info("leader list changed (version %s): mentions recounted", leaders.version)
    return True


def recount_mentions(
    con: duckdb.DuckDBPyConnection,
    aliases: Sequence[Alias],
    workers: int | None = None,
    chunk_size: int = RECOUNT_CHUNK,
    piece_size: int = RECOUNT_PIECE,
    terms: Sequence[Term] = (),
) -> Recount:
    """Replace every stored article's mentions and spans with counts from its stored body.

    Bodies stream out of the store `chunk_size` at a time; worker processes match pieces of
    them and send back columns, which are written as they arrive, so memory stays flat
    whatever the store's size. Runs inside the caller's transaction: call it in one.
    `terms` tell which of two leaders sharing a surname a titled one names on an article's day.
    `workers` None picks one per core for large stores and none (in-process) for small ones.
    """
    articles = int(query(con, "mentions/article_count")["articles"][0])
    if articles == 0:  # a new store: nothing to count, and no matcher worth building
        execute(con, "mentions/clear_mentions")
        return Recount(0, 0, 0)
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if articles > IN_PROCESS_UP_TO else 0
    with memory_limited(con, memory_cap(con, RECOUNT_MEMORY)):
        execute(con, "mentions/clear_mentions")
        mentions = spans = 0
        pieces = _recount_pieces(con, aliases, terms, workers, chunk_size, piece_size)
        for counted, found, references in pieces:
            with registered(
                con,
                recounted_mentions=counted,
                recounted_spans=found,
                recounted_references=references,
            ):
                execute(con, "mentions/insert_recounted")
            mentions += counted.height
            spans += found.height
    logger.info("recounted %d articles: %d mention rows, %d spans", articles, mentions, spans)
    return Recount(articles, mentions, spans)


def _recount_pieces(
    con: duckdb.DuckDBPyConnection,
    aliases: Sequence[Alias],
    terms: Sequence[Term],
    workers: int,
    chunk_size: int,
    piece_size: int,
) -> Iterator[tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]]:
    """Counted (mentions, spans, office references) frames for every piece of the stored
    bodies."""
    # The bodies stream through a second connection: statements the caller's connection runs
    # meanwhile (the inserts) would close a result streaming on it.
    reader = con.cursor()
    try:
        batches = reader.sql(sql_text("mentions/stored_bodies")).to_arrow_reader(chunk_size)
        pieces = (
            piece
            for batch in batches
            for piece in pl.from_arrow(batch).iter_slices(piece_size)  # type: ignore[union-attr]
        )
        if workers == 0:
            _start_worker(aliases, terms)
            yield from map(count_piece, pieces)
            return
        # spawn, not fork: the ingest flow's parent process runs Prefect's threads.
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(tuple(aliases), tuple(terms)),
        ) as pool:
            in_flight: deque[Future] = deque()
            for piece in pieces:
                in_flight.append(pool.submit(count_piece, piece))
                if len(in_flight) >= workers * 2:
                    yield in_flight.popleft().result()
            while in_flight:
                yield in_flight.popleft().result()
    finally:
        reader.close()


def _start_worker(aliases: Sequence[Alias], terms: Sequence[Term] = ()) -> None:
    global _matcher, _offices
    _matcher = MentionMatcher(aliases, terms=terms)
    _offices = OfficeMatcher(load_lexicon(OFFICE_LEXICON))


def count_piece(bodies: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Mention counts and spans, and office references, of a frame of (article_id, body), as
    columns."""
    matcher, offices = _matcher, _offices
    assert matcher is not None and offices is not None, "recount worker started without a matcher"
    references: list[dict] = []
    count_ids: list[int] = []
    count_leaders: list[str] = []
    counts: list[int] = []
    span_ids: list[int] = []
    span_leaders: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for article_id, body, language, published_at in zip(
        bodies["article_id"].to_list(),
        bodies["body"].to_list(),
        bodies["language"].to_list(),
        bodies["published_at"].to_list(),
        strict=True,
    ):
        found = matcher.find(body, language or "", utc_day(published_at))
        named = [(mention.leader, mention.start, mention.end) for mention in found]
        references.extend(
            {
                "article_id": article_id,
                "country": candidate.country,
                "title": candidate.title,
                "kind": candidate.kind,
                "start_offset": candidate.start,
                "end_offset": candidate.end,
            }
            for candidate in offices.candidates(body, named, language)
        )
        if not found:
            continue
        per_leader: dict[str, int] = {}
        for mention in found:
            span_ids.append(article_id)
            span_leaders.append(mention.leader)
            starts.append(mention.start)
            ends.append(mention.end)
            per_leader[mention.leader] = per_leader.get(mention.leader, 0) + 1
        for leader, count in per_leader.items():
            count_ids.append(article_id)
            count_leaders.append(leader)
            counts.append(count)
    counted = pl.DataFrame(
        {"article_id": count_ids, "leader": count_leaders, "mention_count": counts},
        schema=MENTION_SCHEMA,
    )
    found_spans = pl.DataFrame(
        {
            "article_id": span_ids,
            "leader": span_leaders,
            "start_offset": starts,
            "end_offset": ends,
        },
        schema=SPAN_SCHEMA,
    )
    return counted, found_spans, pl.DataFrame(references, schema=REFERENCE_SCHEMA)
