"""Keep the stored leader list and mention counts in step with the leader list file."""

from __future__ import annotations

import logging
from collections import Counter

import duckdb
import polars as pl

from tasks.load import MENTION_SCHEMA, SPAN_SCHEMA
from tasks.mentions import LeaderList, MentionMatcher
from tasks.sql import sql_text
from tasks.store import LEADERS_VERSION_KEY, execute, get_state, registered, set_state, transaction

logger = logging.getLogger(__name__)

RECOUNT_CHUNK = 5000


def sync_leaders(con: duckdb.DuckDBPyConnection, leaders: LeaderList) -> bool:
    """Store `leaders` if they differ from the stored list, recounting mentions; True if changed."""
    if get_state(con, LEADERS_VERSION_KEY) == leaders.version:
        return False
    new_leaders = pl.DataFrame(
        [{"leader": leader.name, "country": leader.country} for leader in leaders.leaders],
        schema={"leader": pl.String, "country": pl.String},
    )
    new_aliases = pl.DataFrame(
        [{"leader": a.leader, "alias": a.text, "kind": a.kind} for a in leaders.aliases],
        schema={"leader": pl.String, "alias": pl.String, "kind": pl.String},
    )
    with transaction(con):
        with registered(con, new_leaders=new_leaders, new_aliases=new_aliases):
            execute(con, "load/replace_leaders")
        recount_mentions(con, MentionMatcher(leaders.aliases))
        set_state(con, LEADERS_VERSION_KEY, leaders.version)
    logger.info("leader list changed (version %s): mentions recounted", leaders.version)
    return True


def recount_mentions(con: duckdb.DuckDBPyConnection, matcher: MentionMatcher) -> int:
    """Recount every stored article's mentions from its stored body; returns the row count."""
    counts: list[dict] = []
    spans: list[dict] = []
    result = con.execute(sql_text("load/article_bodies"))
    while chunk := result.fetchmany(RECOUNT_CHUNK):
        for article_id, body in chunk:
            found = matcher.find(body)
            spans.extend(
                {
                    "article_id": article_id,
                    "leader": m.leader,
                    "start_offset": m.start,
                    "end_offset": m.end,
                }
                for m in found
            )
            counts.extend(
                {"article_id": article_id, "leader": leader, "mention_count": count}
                for leader, count in Counter(m.leader for m in found).items()
            )
    recounted = pl.DataFrame(counts, schema=MENTION_SCHEMA)
    recounted_spans = pl.DataFrame(spans, schema=SPAN_SCHEMA)
    with registered(con, recounted_mentions=recounted, recounted_spans=recounted_spans):
        execute(con, "load/replace_mentions")
    return recounted.height
