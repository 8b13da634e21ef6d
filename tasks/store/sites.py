"""Where articles come from: the site-to-country table (data/sites.csv), where sites on generic
domains publish from, and the countries whose press writes in each language
(data/offices/press.csv), which tells the country an article is about, and what a bare title
means in a language's press about one country (data/offices/local.csv), and the monarchs who
are queens in their own right (data/offices/queens.csv)."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import duckdb
import polars as pl

from tasks.errors import KabarError
from tasks.mentions.offices import load_local, load_press, load_queens
from tasks.settings import OFFICE_LEXICON, SITE_COUNTRIES
from tasks.store.database import execute, get_state, registered, set_state, transaction

SITE_COLUMNS = ("site", "country")
SITES_VERSION_KEY = "sites_version"
COUNTRY_CODE = re.compile(r"[A-Z]{2}")


def load_sites(path: str | Path = SITE_COUNTRIES) -> dict[str, str]:
    """Sites and their ISO 3166-1 alpha-2 country codes; errors name the line to fix."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != SITE_COLUMNS:
                raise KabarError(f"{path}, line 1: the header must be {','.join(SITE_COLUMNS)}")
            rows = list(enumerate(reader, start=2))
    except OSError as error:
        raise KabarError(f"cannot read site list {path}: {error.strerror}") from error
    sites: dict[str, str] = {}
    for line, row in rows:
        site = (row["site"] or "").strip().lower()
        country = (row["country"] or "").strip().upper()
        if not site or not COUNTRY_CODE.fullmatch(country):
            raise KabarError(
                f"{path}, line {line}: write a site (e.g. bbc.com) and a two-letter country "
                "code (e.g. GB)"
            )
        if site in sites:
            raise KabarError(f"{path}, line {line}: {site} is listed twice; keep one row")
        sites[site] = country
    return sites


def sync_sites(
    con: duckdb.DuckDBPyConnection,
    path: str | Path = SITE_COUNTRIES,
    lexicon: Path = OFFICE_LEXICON,
) -> bool:
    """Store the site list, the press languages, the local meanings of bare titles and the
    queens regnant if they differ from the stored ones; True if any changed."""
    sites = load_sites(path)
    press = sorted(
        (language, country)
        for language, countries in load_press(lexicon).items()
        for country in countries
    )
    local = sorted(
        (language, country, title, means)
        for language, meanings in load_local(lexicon).items()
        for (country, title), means in meanings.items()
    )
    queens = sorted(load_queens(lexicon))
    state = (sorted(sites.items()), press, local, queens)
    version = hashlib.sha256(repr(state).encode()).hexdigest()[:16]
    if get_state(con, SITES_VERSION_KEY) == version:
        return False
    site_frame = pl.DataFrame(
        {"site": list(sites), "country": list(sites.values())},
        schema={"site": pl.String, "country": pl.String},
    )
    press_frame = pl.DataFrame(
        press, schema={"language": pl.String, "country": pl.String}, orient="row"
    )
    local_frame = pl.DataFrame(
        local,
        schema={name: pl.String for name in ("language", "country", "title", "means")},
        orient="row",
    )
    queen_frame = pl.DataFrame({"leader": queens}, schema={"leader": pl.String})
    frames = {
        "new_regnant_queens": queen_frame,
        "new_site_countries": site_frame,
        "new_press_countries": press_frame,
        "new_local_titles": local_frame,
    }
    with transaction(con), registered(con, **frames):
        execute(con, "load/replace_site_countries")
        execute(con, "load/replace_press_countries")
        execute(con, "load/replace_local_titles")
        execute(con, "load/replace_regnant_queens")
        set_state(con, SITES_VERSION_KEY, version)
    return True
