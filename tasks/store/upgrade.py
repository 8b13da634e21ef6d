"""Bring stories of stores made before URLs were refused as story keys up to today's rules.

Such a store may hold stories merged by a URL that names no article (a front page or a section
written into every page's canonical) or by one URL shared by unrelated bodies. On its first
opening, every URL match is judged again by the loader's rules (tasks/dedup/urls.py and
URL_VERSION_FLOOR): refused ones are dropped, the URLs refused are recorded in url_refusals,
and the stories that lost a link are re-derived from the links left (connected components,
canonical article chosen as the loader chooses it). The ledger keeps what each record did when
it was read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import duckdb
import polars as pl

from tasks.dedup.stories import URL_VERSION_FLOOR, story_key
from tasks.dedup.urls import story_url
from tasks.store.database import execute, get_state, query, registered, set_state, transaction
from tasks.store.load import REFUSAL_SCHEMA

# store_state key; its value is the version of the story-key rules the store's stories follow.
STORY_KEYS_STATE = "story_keys"
STORY_KEYS_VERSION = "1"


def upgrade_story_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Judge the stored URL matches again, once per store, in one transaction."""
    if get_state(con, STORY_KEYS_STATE) == STORY_KEYS_VERSION:
        return
    with transaction(con):
        _rekey(con)
        set_state(con, STORY_KEYS_STATE, STORY_KEYS_VERSION)


def _rekey(con: duckdb.DuckDBPyConnection) -> None:
    urls = query(con, "migrations/article_urls")
    keys, refusals = {}, []
    for article_id, declared, own in urls.iter_rows():
        keys[article_id], refused = story_url(declared, own)
        if refused is not None:
            refusals.append((article_id, declared, refused, None, None))
    dropped, conflicts = [], {}
    for article_id, other_id, similarity in query(con, "migrations/url_links").iter_rows():
        key = keys.get(article_id)
        if key is not None and key == keys.get(other_id) and similarity >= URL_VERSION_FLOOR:
            continue
        dropped.append((article_id, other_id))
        if key is not None and key == keys.get(other_id):
            for one, other in ((article_id, other_id), (other_id, article_id)):
                if one not in conflicts or similarity > conflicts[one][4]:
                    conflicts[one] = (one, key, "url_conflict", other, similarity)
    refusals += conflicts.values()
    if not dropped and not refusals:
        return
    pairs = {"article_id": pl.Int64, "other_id": pl.Int64}
    with registered(con, refused_links=pl.DataFrame(dropped, schema=pairs, orient="row")):
        execute(con, "migrations/drop_links")
    restoried = _restory(con, dropped) if dropped else {}
    frames = {
        "restoried": pl.DataFrame(
            list(restoried.items()),
            schema={"article_id": pl.Int64, "cluster_id": pl.Int64},
            orient="row",
        ),
        "refusals": pl.DataFrame(refusals, schema=REFUSAL_SCHEMA, orient="row"),
    }
    with registered(con, **frames):
        execute(con, "migrations/restory")


def _restory(con: duckdb.DuckDBPyConnection, dropped: Iterable[tuple[int, int]]) -> dict[int, int]:
    """The story of every article of the stories that lost a link, from the links left."""
    ids = sorted({article_id for pair in dropped for article_id in pair})
    articles = pl.DataFrame({"article_id": ids}, schema={"article_id": pl.Int64})
    with registered(con, articles=articles):
        touched = query(con, "migrations/story_clusters")
    with registered(con, touched_clusters=touched):
        members = query(con, "migrations/story_members")
    published = dict(members.iter_rows())
    with registered(con, members=members.select("article_id")):
        links = query(con, "migrations/member_links")
    parent = {article_id: article_id for article_id in published}

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for article_id, other_id in links.iter_rows():
        parent[find(article_id)] = find(other_id)
    components: dict[int, list[int]] = defaultdict(list)
    for article_id in published:
        components[find(article_id)].append(article_id)
    stories = {}
    for component in components.values():
        canonical = min(component, key=lambda i: story_key(published[i], i))
        stories.update((article_id, canonical) for article_id in component)
    return stories
