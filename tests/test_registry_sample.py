"""Fifty terms of well-known offices, checked against the shipped registry (data/registry).

Reference: the dates of taking and leaving office in the English Wikipedia list of each office's
holders (List of presidents of the United States, List of prime ministers of the United Kingdom,
List of chancellors of Germany, List of popes, ...), which cite each government's own record.
start is the first day in office. end is the day the successor took office (Zuma resigned late on
the 14th, Ramaphosa was elected on the 15th), or the day of death or departure when nobody took
over that day (Pope Francis, Juncker); since a handover day is written both ways (the predecessor's
last day, or the day before), the registry's end may be that day or the day before. None: in office
on the day the sample was written (2026-12-07).

An entry is checked when its region's folder is in the registry, so the sample activates as the
regions' data lands.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tasks.mentions.matcher import LeaderList, Term
from tasks.mentions.registry import load_registry, region_folders
from tasks.settings import DEFAULT_LEADERS

# (region, country, person, start, end)
SAMPLE = [
    ("americas", "United States", "Bill Clinton", "1993-01-20", "2001-01-20"),
    ("americas", "United States", "George W. Bush", "2001-01-20", "2009-01-20"),
    ("americas", "United States", "Barack Obama", "2009-01-20", "2017-01-20"),
    ("americas", "United States", "Donald Trump", "2017-01-20", "2021-01-20"),
    ("americas", "United States", "Joe Biden", "2021-01-20", "2025-01-20"),
    ("americas", "United States", "Donald Trump", "2025-01-20", None),
    ("americas", "Brazil", "Luiz Inácio Lula da Silva", "2003-01-01", "2011-01-01"),
    ("americas", "Brazil", "Jair Bolsonaro", "2019-01-01", "2023-01-01"),
    ("americas", "Canada", "Justin Trudeau", "2015-11-04", "2025-03-14"),
    ("americas", "Mexico", "Andrés Manuel López Obrador", "2018-12-01", "2024-10-01"),
    ("americas", "Argentina", "Javier Milei", "2023-12-10", None),
    ("europe", "Russia", "Dmitry Medvedev", "2008-05-07", "2012-05-07"),
    ("europe", "Russia", "Vladimir Putin", "2012-05-07", None),
    ("europe", "United Kingdom", "Tony Blair", "1997-05-02", "2007-06-27"),
    ("europe", "United Kingdom", "David Cameron", "2010-05-11", "2016-07-13"),
    ("europe", "United Kingdom", "Boris Johnson", "2019-07-24", "2022-09-06"),
    ("europe", "United Kingdom", "Rishi Sunak", "2022-10-25", "2024-07-05"),
    ("europe", "United Kingdom", "Elizabeth II", "1952-02-06", "2022-09-08"),
    ("europe", "Germany", "Angela Merkel", "2005-11-22", "2021-12-08"),
    ("europe", "Germany", "Olaf Scholz", "2021-12-08", "2025-05-06"),
    ("europe", "Germany", "Friedrich Merz", "2025-05-06", None),
    ("europe", "France", "François Hollande", "2012-05-15", "2017-05-14"),
    ("europe", "France", "Emmanuel Macron", "2017-05-14", None),
    ("europe", "Turkey", "Recep Tayyip Erdoğan", "2014-08-28", None),
    ("europe", "Ukraine", "Volodymyr Zelensky", "2019-05-20", None),
    ("asia", "China", "Hu Jintao", "2003-03-15", "2013-03-14"),
    ("asia", "China", "Xi Jinping", "2013-03-14", None),
    ("asia", "India", "Manmohan Singh", "2004-05-22", "2014-05-26"),
    ("asia", "India", "Narendra Modi", "2014-05-26", None),
    ("asia", "Japan", "Shinzo Abe", "2012-12-26", "2020-09-16"),
    ("asia", "Japan", "Fumio Kishida", "2021-10-04", "2024-10-01"),
    ("asia", "Indonesia", "Joko Widodo", "2014-10-20", "2024-10-20"),
    ("asia", "Indonesia", "Prabowo Subianto", "2024-10-20", None),
    ("asia", "South Korea", "Moon Jae-in", "2017-05-10", "2022-05-10"),
    ("asia", "Israel", "Benjamin Netanyahu", "2009-03-31", "2021-06-13"),
    ("africa", "South Africa", "Jacob Zuma", "2009-05-09", "2018-02-15"),
    ("africa", "South Africa", "Cyril Ramaphosa", "2018-02-15", None),
    ("africa", "Nigeria", "Muhammadu Buhari", "2015-05-29", "2023-05-29"),
    ("africa", "Nigeria", "Bola Tinubu", "2023-05-29", None),
    ("africa", "Kenya", "William Ruto", "2022-09-13", None),
    ("africa", "Egypt", "Abdel Fattah el-Sisi", "2014-06-08", None),
    ("oceania", "Australia", "John Howard", "1996-03-11", "2007-12-03"),
    ("oceania", "Australia", "Julia Gillard", "2010-06-24", "2013-06-27"),
    ("oceania", "Australia", "Scott Morrison", "2018-08-24", "2022-05-23"),
    ("oceania", "Australia", "Anthony Albanese", "2022-05-23", None),
    ("oceania", "New Zealand", "Jacinda Ardern", "2017-10-26", "2023-01-25"),
    ("international", "Holy See", "Pope Francis", "2013-03-13", "2025-04-21"),
    ("international", "Holy See", "Pope Leo XIV", "2025-05-08", None),
    ("international", "European Union", "Jean-Claude Juncker", "2014-11-01", "2019-11-30"),
    ("international", "European Union", "Ursula von der Leyen", "2019-12-01", None),
]
REGIONS = {folder.name for folder in region_folders(DEFAULT_LEADERS)}


@pytest.fixture(scope="module")
def registry() -> LeaderList:
    return load_registry(DEFAULT_LEADERS)


def test_the_sample_has_fifty_terms_from_every_region():
    assert len(SAMPLE) == 50
    assert {entry[0] for entry in SAMPLE} == {
        "africa",
        "americas",
        "asia",
        "europe",
        "international",
        "oceania",
    }


def _matches(term: Term, country: str, start: date, end: date | None) -> bool:
    if (term.country, term.start) != (country, start):
        return False
    if end is None or term.end is None:
        return term.end == end
    return end - timedelta(days=1) <= term.end <= end


@pytest.mark.parametrize(
    ("region", "country", "person", "start", "end"),
    SAMPLE,
    ids=[f"{person} {start}" for _, _, person, start, _ in SAMPLE],
)
def test_a_known_term_is_in_the_registry(registry, region, country, person, start, end):
    if region not in REGIONS:
        pytest.skip(f"data/registry/{region} has not arrived yet")
    held = [term for term in registry.terms if term.person == person]
    found = [
        term
        for term in held
        if _matches(term, country, date.fromisoformat(start), end and date.fromisoformat(end))
    ]
    assert found, (
        f"{person} ({country}, {start} to {end or 'today'}) is not in the registry: {held}"
    )
