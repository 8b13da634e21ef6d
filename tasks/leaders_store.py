"""Keep the stored leader list and mention counts in step with the leader list file."""

from __future__ import annotations

import logging

import duckdb
import polars as pl

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
    rows: list[dict] = []
    result = con.execute(sql_text("load/article_bodies"))
    while chunk := result.fetchmany(RECOUNT_CHUNK):
        for article_id, body in chunk:
            rows.extend(
                {"article_id": article_id, "leader": leader, "mention_count": count}
                for leader, count in matcher.count(body).items()
            )
    recounted = pl.DataFrame(
        rows, schema={"article_id": pl.Int64, "leader": pl.String, "mention_count": pl.Int32}
    )
    with registered(con, recounted_mentions=recounted):
        execute(con, "load/replace_mentions")
    return recounted.height
