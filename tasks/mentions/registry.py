"""The leader registry: offices, terms in office and name forms, one folder per region.

`data/registry/<region>/{offices,terms,names}.csv` (schema in data/registry/README.md) load into
the LeaderList the matcher counts with, carrying every term so the store can say whether a
person held an office on an article's date. Every check names the file, the line and the fix.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from tasks.errors import KabarError
from tasks.mentions.matcher import (
    ALIAS_KINDS,
    Alias,
    Leader,
    LeaderList,
    Term,
    load_leaders,
)
from tasks.settings import DEFAULT_LEADERS, FALLBACK_LEADERS

OFFICE_COLUMNS = ("country", "office", "role", "holders")
TERM_COLUMNS = ("office", "person", "start", "end", "dates", "note")
NAME_COLUMNS = ("person", "alias", "kind", "language")
REGISTRY_FILES = ("offices.csv", "terms.csv", "names.csv")  # in each region folder
ROLES = ("head_of_state", "head_of_government", "head_of_state_and_government")
DATE_KINDS = ("exact", "approximate")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
LANGUAGE_CODE = re.compile(r"[a-z]{2}")


@dataclass(frozen=True, slots=True)
class Office:
    """An office of the registry and how many people hold it at once."""

    country: str
    office: str
    role: str
    holders: int


@dataclass(frozen=True, slots=True)
class Row:
    """One CSV row and where it stands, for error messages."""

    where: str
    values: dict[str, str]


def is_registry(path: str | Path) -> bool:
    """True when `path` is a registry folder rather than a leader CSV file."""
    return Path(path).is_dir()


def load_leader_source(path: str | Path) -> LeaderList:
    """A leader list from a registry folder or from a CSV in the leader file's format."""
    return load_registry(path) if is_registry(path) else load_leaders(path)


def default_leaders() -> LeaderList:
    """The default list: the registry, plus the leaders of data/leaders.csv it does not hold yet.

    The flat file only fills regions whose registry folders have not arrived; deleting it
    leaves the registry alone.
    """
    registry = load_registry(DEFAULT_LEADERS)
    if not FALLBACK_LEADERS.exists():
        return registry
    return with_fallback(registry, load_leaders(FALLBACK_LEADERS))


def region_folders(root: str | Path) -> list[Path]:
    """The region folders of a registry (any sub-folder holding one of its files), by name."""
    return sorted(
        folder
        for folder in Path(root).iterdir()
        if folder.is_dir() and any((folder / name).exists() for name in REGISTRY_FILES)
    )


def load_registry(root: str | Path) -> LeaderList:
    """Read and check every region folder of the registry at `root`.

    A run reads the registry more than once (to warm the extractors, to compare with the
    store's list): the result is kept while no file of it changes (path, size and time of each),
    so an edit is still seen by the next call, in a lasting `kabar serve` too.
    """
    root = Path(root)
    if not root.is_dir():
        raise KabarError(f"{root}: no such registry folder")
    folders = region_folders(root)
    if not folders:
        raise KabarError(
            f"{root}: no region folders; each needs offices.csv, terms.csv and names.csv"
        )
    return _read_registry(tuple(folders), _stamps(folders))


def _stamps(folders: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """(path, size, modification time) of every registry file: what the cached list depends on."""
    stamps = []
    for folder in folders:
        for name in REGISTRY_FILES:
            try:
                status = (folder / name).stat()
            except OSError:
                stamps.append((str(folder / name), -1, -1))  # read_rows says what is wrong
            else:
                stamps.append((str(folder / name), status.st_size, status.st_mtime_ns))
    return tuple(stamps)


@lru_cache(maxsize=4)
def _read_registry(
    folders: tuple[Path, ...], stamps: tuple[tuple[str, int, int], ...]
) -> LeaderList:
    offices: list[Row] = []
    terms: list[Row] = []
    names: list[Row] = []
    for folder in folders:
        offices += read_rows(folder / "offices.csv", OFFICE_COLUMNS)
        terms += read_rows(folder / "terms.csv", TERM_COLUMNS)
        names += read_rows(folder / "names.csv", NAME_COLUMNS)
    return build_registry(offices, terms, names)


def read_rows(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """The rows of one registry file, each with its file and line; the header must match."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != columns:
                raise KabarError(
                    f"{path}, line 1: the header must be {','.join(columns)}, "
                    f"not {','.join(reader.fieldnames or ())}"
                )
            return [
                Row(f"{path}, line {line}", {c: (row.get(c) or "").strip() for c in columns})
                for line, row in enumerate(reader, start=2)
            ]
    except FileNotFoundError as error:
        raise KabarError(
            f"{path} is missing; every region folder holds offices.csv, terms.csv and names.csv"
        ) from error
    except (OSError, UnicodeDecodeError) as error:
        raise KabarError(f"cannot read {path}: {error}; save it as UTF-8 CSV") from error


def build_registry(
    office_rows: Iterable[Row], term_rows: Iterable[Row], name_rows: Iterable[Row]
) -> LeaderList:
    """Check the rows of all regions together and build the leader list with its terms."""
    offices = parse_offices(office_rows)
    terms = parse_terms(term_rows, offices)
    aliases = parse_names(name_rows)
    check_people(terms, aliases)
    check_overlaps(terms, offices)
    latest: dict[str, Term] = {}
    for term, _ in sorted(terms, key=lambda pair: pair[0].start):
        latest[term.person] = term
    leaders = tuple(Leader(person, latest[person].country) for person in sorted(latest))
    return LeaderList(
        leaders,
        tuple(alias for alias, _ in aliases),
        tuple(sorted((term for term, _ in terms), key=lambda t: (t.office, t.start, t.person))),
    )


def parse_offices(rows: Iterable[Row]) -> dict[str, Office]:
    """Offices by title; each title once across the registry."""
    offices: dict[str, Office] = {}
    seen: dict[str, str] = {}
    for row in rows:
        _require(row, OFFICE_COLUMNS)
        values = row.values
        if values["role"] not in ROLES:
            raise KabarError(
                f"{row.where}: role '{values['role']}' is not one of {', '.join(ROLES)}"
            )
        if not values["holders"].isdigit() or int(values["holders"]) < 1:
            raise KabarError(
                f"{row.where}: holders '{values['holders']}' must be a whole number, 1 or more"
            )
        if values["office"] in seen:
            raise KabarError(
                f"{row.where}: office '{values['office']}' is already listed at "
                f"{seen[values['office']]}; keep one row per office"
            )
        seen[values["office"]] = row.where
        offices[values["office"]] = Office(
            values["country"], values["office"], values["role"], int(values["holders"])
        )
    return offices


def parse_terms(rows: Iterable[Row], offices: dict[str, Office]) -> list[tuple[Term, str]]:
    """Terms with where each was read; offices must exist and dates must make sense."""
    terms: list[tuple[Term, str]] = []
    for row in rows:
        _require(row, ("office", "person", "start", "dates"))
        values = row.values
        office = offices.get(values["office"])
        if office is None:
            raise KabarError(
                f"{row.where}: office '{values['office']}' is in no offices.csv; "
                "add it there or fix its spelling"
            )
        start = _date(row, "start")
        end = _date(row, "end") if values["end"] else None
        if end is not None and end < start:
            raise KabarError(
                f"{row.where}: end {end} is before start {start}; swap or correct the dates"
            )
        if values["dates"] not in DATE_KINDS:
            raise KabarError(
                f"{row.where}: dates '{values['dates']}' is not one of {', '.join(DATE_KINDS)}"
            )
        term = Term(
            office.office,
            office.country,
            office.role,
            values["person"],
            start,
            end,
            values["dates"],
            values["note"],
        )
        terms.append((term, row.where))
    return terms


def parse_names(rows: Iterable[Row]) -> list[tuple[Alias, str]]:
    """Aliases with where each was read; (person, alias) once across the registry."""
    aliases: list[tuple[Alias, str]] = []
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        _require(row, ("person", "alias", "kind"))
        values = row.values
        person, text = values["person"], values["alias"]
        if values["kind"] not in ALIAS_KINDS:
            raise KabarError(
                f"{row.where}: kind '{values['kind']}' is not one of {', '.join(ALIAS_KINDS)}"
            )
        if values["language"] and not LANGUAGE_CODE.fullmatch(values["language"]):
            raise KabarError(
                f"{row.where}: language '{values['language']}' is not an ISO 639-1 code "
                "(two lower-case letters, e.g. ru); leave it empty for a form of every language"
            )
        if unicodedata.normalize("NFC", text) != text:
            raise KabarError(f"{row.where}: alias '{text}' is not in NFC form; normalise it")
        if (person, text) in seen:
            raise KabarError(
                f"{row.where}: {person} already has alias '{text}' at {seen[(person, text)]}; "
                "keep one row"
            )
        seen[(person, text)] = row.where
        aliases.append((Alias(person, text, values["kind"], values["language"]), row.where))  # type: ignore[arg-type]
    check_shared_aliases(aliases)
    return aliases


def check_people(terms: list[tuple[Term, str]], aliases: list[tuple[Alias, str]]) -> None:
    """Every person with a term has a `name` row for their own name, and every named person
    has a term."""
    own_name = {
        alias.leader for alias, _ in aliases if alias.kind == "name" and alias.text == alias.leader
    }
    in_office = {term.person for term, _ in terms}
    for term, where in terms:
        if term.person not in own_name:
            raise KabarError(
                f"{where}: {term.person} has no row '{term.person},{term.person},name,' "
                "in any names.csv; add it (the canonical name counts as a name)"
            )
    for alias, where in aliases:
        if alias.leader not in in_office:
            raise KabarError(
                f"{where}: {alias.leader} has names but no term in any terms.csv; "
                "add their terms or fix the spelling of the person"
            )


def check_overlaps(terms: list[tuple[Term, str]], offices: dict[str, Office]) -> None:
    """No more people in one office at once than its holders (one may end the day the next
    starts)."""
    by_office: dict[str, list[tuple[Term, str]]] = {}
    for term, where in terms:
        by_office.setdefault(term.office, []).append((term, where))
    for name, held in by_office.items():
        holders = offices[name].holders
        active: list[Term] = []
        for term, where in sorted(held, key=lambda pair: pair[0].start):
            active = [other for other in active if other.end is None or other.end > term.start]
            if len(active) >= holders:
                others = ", ".join(
                    f"{other.person} ({other.start} to {other.end or 'today'})" for other in active
                )
                raise KabarError(
                    f"{where}: {term.person} from {term.start} overlaps {others} as {name}, "
                    f"which has {holders} holder(s) at once; correct the dates "
                    "(a term may end the day the next starts)"
                )
            active.append(term)


def counts_twice(alias: Alias, other: Alias) -> bool:
    """Two people counting the same text, other than both only as ambiguous, double-count it."""
    counting = {"name", "ambiguous"}
    return (
        other.leader != alias.leader
        and {alias.kind, other.kind} <= counting
        and (alias.kind, other.kind) != ("ambiguous", "ambiguous")
    )


def check_shared_aliases(aliases: list[tuple[Alias, str]]) -> None:
    """A text may count for two people only as ambiguous for both."""
    owners: dict[str, list[tuple[Alias, str]]] = {}
    for alias, where in aliases:
        for other, other_where in owners.get(alias.text, []):
            if counts_twice(alias, other):
                raise KabarError(
                    f"{where}: '{alias.text}' also counts for {other.leader} ({other_where}); "
                    "make it ambiguous for both, or keep it for one person"
                )
        owners.setdefault(alias.text, []).append((alias, where))


def with_fallback(registry: LeaderList, fallback: LeaderList) -> LeaderList:
    """The registry plus every leader of a flat list it does not hold.

    A fallback leader is the registry's already when their canonical name is a registry person
    or one of their `name` aliases counts for one; such leaders are left out whole, and added
    leaders lose any alias the registry already counts, so nothing is counted twice.
    """
    people = {leader.name for leader in registry.leaders}
    taken = {alias.text for alias in registry.aliases if alias.kind != "exclude"}
    known = {
        alias.leader for alias in fallback.aliases if alias.kind == "name" and alias.text in taken
    } | people
    leaders = [leader for leader in fallback.leaders if leader.name not in known]
    aliases = [
        alias
        for alias in fallback.aliases
        if alias.leader not in known and (alias.kind == "exclude" or alias.text not in taken)
    ]
    return LeaderList(
        tuple(sorted((*registry.leaders, *leaders), key=lambda leader: leader.name)),
        (*registry.aliases, *aliases),
        registry.terms,
    )


def with_terms(leaders: LeaderList, *pools: Iterable[Term]) -> LeaderList:
    """`leaders` where each person without terms takes theirs from the first pool holding any.

    Terms follow the canonical name: a flat list's `Vladimir Putin` is in office when the
    registry's is. People no pool knows keep none: they count, and in_office stays null.
    """
    have = {term.person for term in leaders.terms}
    listed = {leader.name for leader in leaders.leaders}
    added: list[Term] = []
    for pool in pools:
        found = [t for t in pool if t.person in listed and t.person not in have]
        added += found
        have |= {term.person for term in found}
    if not added:
        return leaders
    return LeaderList(leaders.leaders, leaders.aliases, (*leaders.terms, *added))


def _require(row: Row, columns: Iterable[str]) -> None:
    missing = [column for column in columns if not row.values[column]]
    if missing:
        raise KabarError(f"{row.where}: {', '.join(missing)} is empty; fill it in")


def _date(row: Row, column: str) -> date:
    text = row.values[column]
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError as error:
        raise KabarError(
            f"{row.where}: {column} '{text}' is not a date; write it as YYYY-MM-DD"
        ) from error
