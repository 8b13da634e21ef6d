"""Changing a store's leader list (list, add, import) and recounting its mentions on demand.

Once a database exists, its `leaders` and `leader_aliases` tables are the list it counts with;
`data/leaders.csv` only seeds a new database. Every change recounts mentions from the stored
bodies and publishes, so analysts see counts that match the list they see.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from tasks.errors import KabarError
from tasks.mentions.matcher import LEADER_COLUMNS, Alias, LeaderList, parse_leaders
from tasks.mentions.registry import counts_twice, default_leaders, load_leader_source, with_terms
from tasks.settings import DEFAULT_LEADERS, resolve_db
from tasks.store.database import (
    LEADERS_VERSION_KEY,
    connect_reader,
    get_state,
    open_writer,
    publish,
    set_state,
    transaction,
    working_path,
)
from tasks.store.leaders import Recount, recount_mentions, stored_leaders, sync_leaders
from tasks.store.sites import sync_sites

KIND_ORDER = {"name": 0, "ambiguous": 1, "exclude": 2}


@dataclass(frozen=True, slots=True)
class ListChange:
    """What a change to the leader list did (changed: anything stored changed; recounted: the
    aliases did, so mentions were counted again)."""

    changed: bool
    leaders: int
    aliases: int
    db: Path
    recounted: bool = False


@dataclass(frozen=True, slots=True)
class Remention:
    """What `kabar remention` did."""

    recount: Recount
    leaders: int
    seconds: float
    db: Path


def current_leaders(db: str | Path | None) -> tuple[LeaderList, str]:
    """The list a database counts with, and where it came from (the database or the default)."""
    path = resolve_db(db)
    if path.exists():
        con = connect_reader(path)
        try:
            stored = stored_leaders(con)
        finally:
            con.close()
        if stored is not None:
            return stored, str(path)
    return default_leaders(), f"{DEFAULT_LEADERS} (no list stored in {path} yet)"


def leader_summary(leaders: LeaderList) -> pl.DataFrame:
    """One row per leader with how many aliases of each kind they have."""
    rows = [
        {
            "leader": leader.name,
            "country": leader.country,
            **{kind: 0 for kind in KIND_ORDER},
        }
        for leader in sorted(leaders.leaders, key=lambda leader: leader.name)
    ]
    index = {row["leader"]: row for row in rows}
    for alias in leaders.aliases:
        index[alias.leader][alias.kind] += 1
    return pl.DataFrame(
        rows,
        schema={
            "leader": pl.String,
            "country": pl.String,
            "name": pl.Int64,
            "ambiguous": pl.Int64,
            "exclude": pl.Int64,
        },
    )


def alias_rows(leaders: LeaderList) -> pl.DataFrame:
    """Every alias in the leader file's shape and order, ready for `kabar leaders import`, with
    the optional last column `language`."""
    country = {leader.name: leader.country for leader in leaders.leaders}
    aliases = sorted(leaders.aliases, key=lambda a: (a.leader, KIND_ORDER[a.kind], a.text))
    return pl.DataFrame(
        [(a.leader, country[a.leader], a.text, a.kind, a.language or None) for a in aliases],
        schema=[*LEADER_COLUMNS, "language"],
        orient="row",
    )


def with_leader(
    base: LeaderList,
    name: str,
    country: str | None,
    names: Sequence[str] = (),
    ambiguous: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> LeaderList:
    """`base` with a new leader, or more aliases for a listed one (its name counts as a name)."""
    name = name.strip()
    listed = {leader.name: leader.country for leader in base.leaders}
    if name in listed:
        if country is not None and country.strip() != listed[name]:
            raise KabarError(
                f"{name} is listed with country {listed[name]}; drop --country, or import "
                "a list with the new country (`kabar leaders import FILE`)"
            )
        country = listed[name]
    elif not country or not country.strip():
        raise KabarError(f"{name} is a new leader; add --country")
    new = [
        Alias(name, text.strip(), kind)  # type: ignore[arg-type]
        for kind, texts in (
            ("name", [name, *names]),
            ("ambiguous", ambiguous),
            ("exclude", exclude),
        )
        for text in texts
    ]
    owners: dict[str, list[Alias]] = {}
    for alias in base.aliases:
        owners.setdefault(alias.text, []).append(alias)
    for alias in new:
        for other in owners.get(alias.text, []):
            if counts_twice(alias, other):
                raise KabarError(
                    f"'{alias.text}' is already an alias of {other.leader}; "
                    "an alias may name two leaders only as ambiguous for both"
                )
    rows = [
        {
            "leader": a.leader,
            "country": listed.get(a.leader, country),
            "alias": a.text,
            "kind": a.kind,
            "language": a.language,
        }
        for a in (*base.aliases, *new)
    ]
    return parse_leaders(rows, source="the new leader list")


def merged(base: LeaderList, incoming: LeaderList) -> LeaderList:
    """`base` with every leader of `incoming` replaced by (or added as) its version there,
    terms included (a replaced leader keeps theirs when `incoming` has none)."""
    replaced = {leader.name for leader in incoming.leaders}
    country = {leader.name: leader.country for leader in (*base.leaders, *incoming.leaders)}
    kept = [alias for alias in base.aliases if alias.leader not in replaced]
    rows = [
        {
            "leader": a.leader,
            "country": country[a.leader],
            "alias": a.text,
            "kind": a.kind,
            "language": a.language,
        }
        for a in (*kept, *incoming.aliases)
    ]
    listed = parse_leaders(rows, source="the merged leader list")
    terms = (*incoming.terms, *(t for t in base.terms if t.person not in replaced))
    return with_terms(LeaderList(listed.leaders, listed.aliases, terms), base.terms)


def add_leader(
    db: str | Path | None,
    name: str,
    country: str | None,
    names: Sequence[str] = (),
    ambiguous: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> ListChange:
    """Add a leader or aliases to the database's list, recount mentions and publish."""
    return _change_list(
        db, lambda base: with_leader(base, name, country, names, ambiguous, exclude)
    )


def import_leaders(db: str | Path | None, file: Path, merge: bool = False) -> ListChange:
    """Replace the database's list with a CSV or registry folder (or merge its leaders in);
    recount, publish."""
    incoming = load_leader_source(file)
    return _change_list(db, lambda base: merged(base, incoming) if merge else incoming)


def _change_list(db: str | Path | None, change) -> ListChange:
    path = resolve_db(db)
    con = open_writer(path)
    try:
        base = stored_leaders(con) or default_leaders()
        # People without terms take them from the old list, else from the registry.
        leaders = with_terms(change(base), base.terms, default_leaders().terms)
        recounted = get_state(con, LEADERS_VERSION_KEY) != leaders.version
        changed = sync_sites(con) | sync_leaders(con, leaders)
        if changed or not path.exists():
            publish(con, path)
    finally:
        con.close()
    return ListChange(changed, len(leaders.leaders), len(leaders.aliases), path, recounted)


def remention(db: str | Path | None, workers: int | None = None) -> Remention:
    """Recount every stored article's mentions with the database's own list, and publish."""
    path = resolve_db(db)
    if not path.exists() and not working_path(path).exists():
        raise KabarError(f"{path}: no such database; run `kabar ingest PATH --db {path}` first")
    if workers is not None and workers < 0:
        raise KabarError("--workers must be 0 or more")
    started = time.perf_counter()
    con = open_writer(path)
    try:
        leaders = stored_leaders(con)
        if leaders is None:
            raise KabarError(
                f"{path} has no leader list yet; "
                f"add one with `kabar leaders import FILE --db {path}`"
            )
        with transaction(con):
            recount = recount_mentions(con, leaders.aliases, workers, terms=leaders.terms)
            set_state(con, LEADERS_VERSION_KEY, leaders.version)
        publish(con, path)
    finally:
        con.close()
    return Remention(recount, len(leaders.leaders), time.perf_counter() - started, path)
