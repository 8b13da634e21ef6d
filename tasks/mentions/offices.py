"""References to a leader by office ("the Russian president", "Presiden Rusia", "러시아 대통령"),
resolved to whoever held that office on the article's publication date.

The lexicon is data (`data/offices/`): titles and country forms per language, templates that
join them, explicit phrases (`Bundeskanzler`, and metonyms such as `the Kremlin`), and the
modifiers that make a span something other than the sitting holder (`former`, `vice`, `-elect`).
Every phrase goes into one Aho-Corasick automaton over the lower-cased body.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from tasks.errors import KabarError
from tasks.mentions.forms import script_of
from tasks.mentions.matcher import (
    END_OF_TEXT,
    FOLD,
    UNSPACED_SCRIPTS,
    Term,
    fold,
    is_word_char,
    whole_words,
    word_automaton,
)
from tasks.records import Article
from tasks.settings import OFFICE_LEXICON

ReferenceKind = Literal["office", "metonym"]
REFERENCE_KINDS: tuple[str, ...] = ("office", "metonym")
TITLES = (
    "president",
    "prime_minister",
    "chancellor",
    "monarch",
    "queen",
    "emir",
    "supreme_leader",
    "leader",
    "head_of_state",
    "head_of_government",
    "pope",
)
SLOTS = ("name", "adjective", "genitive")
COUNTRY_COLUMNS = ("language", "country", "slot", "form")
TEMPLATE_KINDS = ("country", "bare")
LOCAL_COLUMNS = ("language", "country", "title", "means")
# A title joined to the name after it by at most this: a comma (the name in apposition,
# "Sudan's president, Omar al-Bashir", after a word of its own: "o Presidente cessante, Filipe
# Nyusi"), spaces, a short aside in brackets, and initials or
# capitalised given names ("Russian President Vladimir V. Putin", "Pemimpin Korea Utara (Korut)
# Kim Jong-un"); and to a name before it by spaces alone ("푸틴 대통령").
ATTACHED_BEFORE_NAME = re.compile(
    r"(?:\s{1,2}[^\W\d_A-Z]\w*,)?,?\s{0,2}(?:\([^()]{1,16}\)\s{1,2})?(?:[A-Z][\w'’.-]*\s{1,2}){0,3}"
)
# A case ending after an apostrophe (Turkish `Trump'ı`, `Şara'yı`), not the English possessive.
CASE_ENDING = re.compile(r"['’](?!s\b)[^\W\d_]")
# A name's reading in brackets may stand between (`尹錫悦（ユン・ソンニョル）大統領`).
# A Korean ordinal may stand between too (`문재인 제19대 대통령`, the 19th President Moon Jae-in).
ATTACHED_AFTER_NAME = re.compile(r"[)）]?\s{0,2}(?:제\d{1,3}대\s{1,2})?")
# How far before a span a modifier may end, and after it one may start.
MODIFIER_REACH = 24

# Languages where a title, followed at once by a capitalised word, is that word's: a name or a
# body (`президент Сбербанка`, `the president Hassan Sheikh Mohamud`, `the president of Georgia
# Tech`, `the Indian Premier League`, `Presiden Direktur`). Not German, which capitalises every
# noun, nor Turkish, whose verb comes last after places and names; and not after a span that
# ends in a demonstrative rather than the title (`Presiden tersebut Senin lalu`).
CAPITALISED_COMPLEMENT = frozenset({"en", "es", "fr", "id", "it", "pl", "pt", "ru", "uk"})
DEMONSTRATIVES = ("tersebut", "itu")
CAPITALISED_AFTER = re.compile(r" {1,2}(\w)")
# Arabic puts an adjective of place after the title (الرئيس الكازاخستاني): a nisba adjective
# after a bare title names a country the lexicon may not list, or another office (التنفيذي).
NISBA_AFTER = re.compile(r"\s{1,2}[وف]?ال\w+ي(?!\w)")
# Languages whose spelling capitalises a title that stands for its holder (Indonesian
# `Presiden mengatakan`, Turkish `Cumhurbaşkanı`) and writes the office in general in lower
# case (`jabatan presiden`, `ilk cumhurbaşkanı`): there a title in lower case is no one.
CAPITALISED_HOLDER = frozenset({"id", "tr"})

# A name that opens a sentence, then a comma, right before a span (`George Osborne, the
# chancellor`); words that open a sentence capitalised without being a name do not count.
NAME_BEFORE = re.compile(
    r"(?:^|[.!?:;\n\"“”«»]\s{0,2})((?:[A-Z][\w'’.-]+ ){1,3}[A-Z][\w'’-]+), {1,2}$"
)
NAME_REACH = 80
SENTENCE_OPENERS = frozenset(
    {"After", "And", "As", "At", "Before", "But", "During", "For", "From", "In", "Last"}
    | {"Meanwhile", "Next", "On", "Since", "The", "Then", "This", "Today", "When", "While"}
    | {"With", "Yesterday"}
)

# What ends a sentence, as mention_contexts has it: `.`, `!`, `?`, their full-width forms and
# a line break (an abbreviation's dot too: `U.S.`).
SENTENCE_END = re.compile(r"[.!?。！？\r\n]")

# The title an office's English name gives ("Prime Minister of Japan" -> prime_minister).
OFFICE_TITLES = (
    (re.compile(r"^(?:president|state president)\b", re.I), "president"),
    (
        re.compile(r"^(?:prime minister|premier|chief executive|taoiseach)\b", re.I),
        "prime_minister",
    ),
    (re.compile(r"^(?:federal )?chancellor\b", re.I), "chancellor"),
    (re.compile(r"^(?:monarch|king|queen|sultan|emperor|grand duke|prince)\b", re.I), "monarch"),
    (re.compile(r"^emir\b", re.I), "emir"),
    (re.compile(r"^supreme leader\b", re.I), "supreme_leader"),
    (re.compile(r"^pope\b", re.I), "pope"),
)


@dataclass(frozen=True, slots=True)
class Phrase:
    """One way of referring to an office: a country's title, or a bare title resolved by context."""

    language: str
    country: str | None  # None: a bare title ("the president"), resolved by the leaders named
    title: str
    kind: ReferenceKind


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that refers to an office, before it is resolved to a person: a country's office
    of `title`, or (country None) a bare title that only the article's named leaders resolve."""

    country: str | None
    title: str
    kind: ReferenceKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Reference:
    """A counted reference by office, resolved to the person who held it."""

    leader: str
    kind: ReferenceKind
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class OfficeLexicon:
    """Phrases by their lower-cased form (those naming a country, and bare titles apart), the
    modifiers per language, and the title of each country's leader."""

    phrases: dict[str, tuple[Phrase, ...]]
    bare: dict[str, tuple[Phrase, ...]]
    before: dict[str, tuple[str, ...]]
    after: dict[str, tuple[str, ...]]
    leading: dict[str, str] = field(default_factory=dict)
    # Words after a bare title that give it to someone else: `the president of the club`,
    # `le président du club` (a country's own office is a longer phrase and matched as one).
    after_bare: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Words before a span that make it the office itself, not its holder: `sworn in as
    # Nigeria's president`, `investido presidente del Gobierno`. Not before a span that opens
    # with an article (`as the president said` is the holder).
    predicate: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The articles that open a language's bare templates (`the`, `le`, `der`...).
    articles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The countries whose press writes in a language: an article in it that names one of them
    # most often is about that one (`press.csv`).
    press: dict[str, frozenset[str]] = field(default_factory=dict)
    # What a bare title means in a language's press about one country, where that is another
    # office than the title says (`el presidente` in Spanish news of Spain is the head of
    # government, the presidente del Gobierno): language -> (country, title) -> title.
    local: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict)


def _rows(folder: Path, name: str, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    path = folder / name
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if list(reader.fieldnames or []) != list(columns):
                raise KabarError(
                    f"{path}: the header must be {','.join(columns)}, not "
                    f"{','.join(reader.fieldnames or [])}"
                )
            rows = list(enumerate(reader, start=2))
    except OSError as error:
        raise KabarError(f"cannot read the office lexicon {path}: {error.strerror}") from error
    for line, row in rows:
        empty = [c for c in columns if not (row.get(c) or "").strip()]
        if empty:
            raise KabarError(f"{path}, line {line}: missing {', '.join(empty)}")
    return rows


def _one_of(value: str, allowed: Sequence[str], where: str, what: str) -> str:
    if value not in allowed:
        raise KabarError(f"{where}: {what} '{value}' is not one of {', '.join(allowed)}")
    return value


def lower_in_place(text: str) -> str:
    """Lower-case `text` without changing its length, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


@cache
def load_lexicon(folder: Path) -> OfficeLexicon:
    """Read and check `data/offices/`, and expand its templates into phrases."""
    leading = {}
    for line, row in _rows(folder, "leading.csv", ("country", "title")):
        leading[row["country"]] = _one_of(
            row["title"], TITLES, f"{folder}/leading.csv, line {line}", "title"
        )
    titles: dict[tuple[str, str], list[str]] = {}
    for line, row in _rows(folder, "titles.csv", ("language", "title", "form")):
        title = _one_of(row["title"], TITLES, f"{folder}/titles.csv, line {line}", "title")
        titles.setdefault((row["language"], title), []).append(row["form"])
    countries: dict[tuple[str, str], dict[str, list[str]]] = {}
    for line, row in _rows(folder, "countries.csv", COUNTRY_COLUMNS):
        slot = _one_of(row["slot"], SLOTS, f"{folder}/countries.csv, line {line}", "slot")
        forms = countries.setdefault((row["language"], row["country"]), {})
        forms.setdefault(slot, []).append(row["form"])
    # Each language's countries, to join with that language's templates alone.
    countries_of: dict[str, list[tuple[str, dict[str, list[str]]]]] = {}
    for (language, country), slots_of in countries.items():
        countries_of.setdefault(language, []).append((country, slots_of))
    phrases: dict[str, set[Phrase]] = {}
    bare: dict[str, set[Phrase]] = {}

    def add(key: str, phrase: Phrase | None) -> None:
        """File `phrase` under `key`, a form already folded and lower-cased (both go character
        by character, so the pieces of a template are folded once, not every joined form)."""
        if phrase is None:
            return
        group = phrases if phrase.country is not None else bare
        group.setdefault(key, set()).add(phrase)

    def phrase_of(language: str, country: str | None, title: str, kind: str) -> Phrase | None:
        if title == "leader":
            # "the Russian leader" names Russia's leading office; a country without one, none
            if country not in leading:
                return None
            title = leading[country]
        return Phrase(language, country, title, kind)  # type: ignore[arg-type]

    columns = ("language", "kind", "template")
    articles: dict[str, set[str]] = {}
    for line, row in _rows(folder, "templates.csv", columns):
        where = f"{folder}/templates.csv, line {line}"
        language, template = row["language"], row["template"]
        kind = _one_of(row["kind"], TEMPLATE_KINDS, where, "kind")
        slots = set(re.findall(r"{(\w+)}", template))
        if "title" not in slots or not slots <= {"title", *SLOTS}:
            raise KabarError(f"{where}: a template holds {{title}} and at most one of {SLOTS}")
        slot = next(iter(slots - {"title"}), None)
        if (kind == "bare") != (slot is None):
            raise KabarError(f"{where}: a bare template names no country, a country one does")
        if kind == "bare" and (opening := template.split("{", 1)[0].split()):
            articles.setdefault(language, set()).add(_key(opening[0]) + " ")
        for (title_language, title), forms in titles.items():
            if title_language != language or (kind == "bare" and title == "leader"):
                continue
            pattern = _key(template)
            title_keys = [_key(form) for form in forms]
            if slot is None:
                phrase = phrase_of(language, None, title, "office")
                for title_key in title_keys:
                    add(pattern.format(title=title_key), phrase)
                continue
            for country, slots_of in countries_of.get(language, ()):
                country_forms = slots_of.get(slot)
                if not country_forms:
                    continue
                phrase = phrase_of(language, country, title, "office")
                for title_key in title_keys:
                    for country_form in country_forms:
                        joined = pattern.format(title=title_key, **{slot: _key(country_form)})
                        # a form ending in a hyphen is joined to the title (`US-Präsident`)
                        add(joined.replace("- ", "-"), phrase)
    columns = ("language", "form", "country", "title", "kind")
    for line, row in _rows(folder, "phrases.csv", columns):
        where = f"{folder}/phrases.csv, line {line}"
        title = _one_of(row["title"], TITLES, where, "title")
        kind = _one_of(row["kind"], REFERENCE_KINDS, where, "kind")
        add(_key(row["form"]), phrase_of(row["language"], row["country"], title, kind))
    sides: dict[str, dict[str, list[str]]] = {
        "before": {},
        "after": {},
        "after_bare": {},
        "predicate": {},
    }
    for line, row in _rows(folder, "modifiers.csv", ("language", "position", "form")):
        where = f"{folder}/modifiers.csv, line {line}"
        position = _one_of(row["position"], tuple(sides), where, "position")
        sides[position].setdefault(row["language"], []).append(lower_in_place(row["form"]))
    by_language = {
        side: {language: tuple(forms) for language, forms in found.items()}
        for side, found in sides.items()
    }
    return OfficeLexicon(
        {form: _in_order(group) for form, group in phrases.items()},
        {form: _in_order(group) for form, group in bare.items()},
        by_language["before"],
        by_language["after"],
        leading,
        by_language["after_bare"],
        by_language["predicate"],
        {language: tuple(sorted(forms)) for language, forms in articles.items()},
        _read_press(folder, {country for _, country in countries}),
        _read_local(folder, {country for _, country in countries}),
    )


@cache
def load_press(folder: Path) -> dict[str, frozenset[str]]:
    """The countries whose press writes in each language (`press.csv`), each a country of the
    lexicon (one `countries.csv` names), read without the rest of the lexicon."""
    return _read_press(folder, _lexicon_countries(folder))


@cache
def load_local(folder: Path) -> dict[str, dict[tuple[str, str], str]]:
    """What a bare title means in each language's press about a country (`local.csv`), read
    without the rest of the lexicon."""
    return _read_local(folder, _lexicon_countries(folder))


@cache
def _lexicon_countries(folder: Path) -> frozenset[str]:
    """The countries `countries.csv` names, read once for the press and the local titles."""
    return frozenset(row["country"] for _, row in _rows(folder, "countries.csv", COUNTRY_COLUMNS))


def _read_local(folder: Path, known: Collection[str]) -> dict[str, dict[tuple[str, str], str]]:
    local: dict[str, dict[tuple[str, str], str]] = {}
    for line, row in _rows(folder, "local.csv", LOCAL_COLUMNS):
        where = f"{folder}/local.csv, line {line}"
        if row["country"] not in known:
            raise KabarError(
                f"{where}: '{row['country']}' is no country of the lexicon; write it as "
                "countries.csv does (e.g. Spain)"
            )
        title = _one_of(row["title"], TITLES, where, "title")
        means = _one_of(row["means"], TITLES, where, "means")
        local.setdefault(row["language"], {})[(row["country"], title)] = means
    return local


def _read_press(folder: Path, known: Collection[str]) -> dict[str, frozenset[str]]:
    press: dict[str, set[str]] = {}
    for line, row in _rows(folder, "press.csv", ("language", "country")):
        if row["country"] not in known:
            raise KabarError(
                f"{folder}/press.csv, line {line}: '{row['country']}' is no country of the "
                "lexicon; write it as countries.csv does (e.g. South Korea)"
            )
        press.setdefault(row["language"], set()).add(row["country"])
    return {language: frozenset(found) for language, found in press.items()}


def _phrase_order(phrase: Phrase) -> tuple[str, str, str, str]:
    return (phrase.language, phrase.country or "", phrase.title, phrase.kind)


def _in_order(group: set[Phrase]) -> tuple[Phrase, ...]:
    return tuple(group) if len(group) == 1 else tuple(sorted(group, key=_phrase_order))


@lru_cache(maxsize=8192)
def _key(text: str) -> str:
    """A lexicon form as the automaton holds it: folded and lower-cased in place."""
    return lower_in_place(text.translate(FOLD))


@cache
def lexicon_version(folder: Path = OFFICE_LEXICON) -> str:
    """A hash of the lexicon's files: references found with another version are stale."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def title_of_office(office: str) -> str | None:
    """The title type an office's English name starts with, if any."""
    for pattern, title in OFFICE_TITLES:
        if pattern.search(office):
            return title
    return None


@cache
def load_queens(folder: Path = OFFICE_LEXICON) -> frozenset[str]:
    """The monarchs who are queens in their own right (`queens.csv`): `the Queen` names one of
    them, never a king, whose queen is his consort (`la reina` beside Felipe VI is Letizia)."""
    return frozenset(row["leader"] for _, row in _rows(folder, "queens.csv", ("leader",)))


class OfficeHolders:
    """Who held which office when: answers "the Russian president on 2023-09-15"."""

    def __init__(self, terms: Iterable[Term], queens: Collection[str] | None = None):
        terms = list(terms)
        queens = load_queens() if queens is None else queens
        self._by_country: dict[str, list[tuple[str, Term]]] = {}
        self._by_person: dict[str, list[tuple[str, Term]]] = {}
        # Terms whose last day is their successor's first: that day, the office is the
        # successor's ("the prime minister" on the day a new one takes office).
        starting: dict[tuple[str, date], set[str]] = {}
        for term in terms:
            starting.setdefault((term.office, term.start), set()).add(term.person)
        self._handed_over = {
            term
            for term in terms
            if term.end is not None and starting.get((term.office, term.end), set()) - {term.person}
        }
        for term in terms:
            title = title_of_office(term.office)
            titles = {title} if title else set()
            # a queen regnant answers to `the Queen` as well as to `the monarch`
            if title == "monarch" and term.person in queens:
                titles.add("queen")
            if term.role.startswith("head_of_state"):
                titles.add("head_of_state")
            if term.role.endswith("government"):
                titles.add("head_of_government")
            for each in titles:
                self._by_country.setdefault(term.country, []).append((each, term))
                self._by_person.setdefault(term.person, []).append((each, term))

    def _held(self, term: Term, day: date, title: str) -> bool:
        # a king who succeeds a queen is no queen: her last day stays hers as `the Queen`
        if title == "queen":
            return term.covers(day)
        if term.end is not None and day == term.end and term in self._handed_over:
            return False
        return term.covers(day)

    def holders(self, country: str, title: str, day: date) -> set[str]:
        """The people holding `country`'s office of `title` on `day`."""
        return {
            term.person
            for held, term in self._by_country.get(country, ())
            if held == title and self._held(term, day, held)
        }

    def titles_held(self, person: str, day: date | None) -> set[str]:
        """The titles `person` held on `day` (empty when out of office); with no day, every
        title they ever held."""
        return {
            held
            for held, term in self._by_person.get(person, ())
            if day is None or self._held(term, day, held)
        }

    def countries_led(self, person: str) -> set[str]:
        """The countries whose offices `person` has held, at any time."""
        return {term.country for _, term in self._by_person.get(person, ())}

    def ever_held(self, country: str, title: str) -> set[str]:
        """Everyone who has held `country`'s office of `title`, at any time."""
        return {term.person for held, term in self._by_country.get(country, ()) if held == title}


class OfficeMatcher:
    """Finds the spans of a body that refer to an office, leaving out those joined to a name
    and those a modifier turns away from the sitting holder (`former`, `vice`, `-elect`)."""

    def __init__(self, lexicon: OfficeLexicon):
        self._lexicon = lexicon
        self._named = word_automaton(lexicon.phrases, tiered=False), len(lexicon.phrases)
        self._bare = word_automaton(lexicon.bare, tiered=False), len(lexicon.bare)

    def press(self, language: str | None) -> frozenset[str]:
        """The countries whose press writes in `language` (none when it is unknown)."""
        return self._lexicon.press.get(language or "", frozenset())

    def local(self, language: str | None) -> Mapping[tuple[str, str], str]:
        """What a bare title of `language` means in an article about a country, where the
        press there gives it to another office: (country, title) -> title."""
        return self._lexicon.local.get(language or "", {})

    def resolve(
        self,
        candidates: Sequence[Candidate],
        body: str,
        day: date | None,
        holders: OfficeHolders,
        named: Sequence[tuple[str, int, int]] = (),
        language: str | None = None,
    ) -> list[Reference]:
        """`resolve` with what the article's `language` tells: the countries whose press
        writes in it, and what its bare titles mean in an article about one of them."""
        return resolve(
            candidates, body, day, holders, named, self.press(language), self.local(language)
        )

    def spans(
        self, body: str, lowered: str | None = None
    ) -> list[tuple[int, int, tuple[Phrase, ...]]]:
        """Every phrase of the lexicon in `body`, leftmost-longest, whole words; a bare title
        only where no phrase naming a country stands ("le président russe" is Russia's).
        `lowered` is the body folded and lower-cased, when the caller has it."""
        if not body:
            return []
        text = (lowered if lowered is not None else lower_in_place(fold(body))) + END_OF_TEXT
        named = list(whole_words(*self._named, text))
        bare = [
            span
            for span in whole_words(*self._bare, text)
            if not any(span[0] < end and start < span[1] for start, end, _ in named)
        ]
        return sorted(named + bare, key=lambda span: span[0])

    def candidates(
        self,
        body: str,
        named: Sequence[tuple[str, int, int]] = (),
        language: str | None = None,
    ) -> list[Candidate]:
        """The references of `body` still to resolve: one candidate per office a span may
        name. `named` holds the article's name mentions (leader, start, end): a title joined
        to a name is part of that name mention. With the article's `language`, a bare title
        counts only in that language (Indonesian's bare `PM` is not English's `the former
        PM`); a country's office in any."""
        lowered = lower_in_place(fold(body))
        found = []
        for start, end, group in self.spans(body, lowered):
            if _attached(body, start, end, named) or _after_a_korean_surname(body, start):
                continue
            # The lexicon keeps bare titles apart, so a span's phrases are all bare or none.
            bare = group[0].country is None
            if language and bare:
                group = tuple(each for each in group if each.language == language)
                if not group:
                    continue
            languages = {each.language for each in group}
            if _office_in_general(body, start, end, languages):
                continue
            if self._modified(lowered, start, end, languages):
                continue
            # A complement gives a bare title to someone else (`the president of the club`);
            # where words are not spaced apart, it makes any title a compound (米大統領選,
            # the US presidential election).
            joined = script_of(lowered[end - 1]) in UNSPACED_SCRIPTS
            if (bare or joined) and self._complemented(lowered, end, languages):
                continue
            if _names_another(body, lowered[start:end], end, languages):
                continue
            # A title in apposition after someone the list does not hold is theirs: "George
            # Osborne, the chancellor, said" (Britain's finance minister).
            if not all(each.kind == "metonym" for each in group) and _after_another_name(
                body, start, named
            ):
                continue
            # A phrase that names a country resolves by it; a bare title only by context.
            kind = "office" if any(each.kind == "office" for each in group) else "metonym"
            # One candidate per office, however many languages spell the phrase alike.
            named_offices = dict.fromkeys((each.country, each.title) for each in group)
            found.extend(Candidate(c, title, kind, start, end) for c, title in named_offices)
        return found

    def annotate(self, article: Article) -> None:
        """Give an article (its name mentions found) the office references still to resolve."""
        named = article.mention_spans
        article.references = [
            (c.country, c.title, c.kind, c.start, c.end)
            for c in self.candidates(article.body, named, article.language)
        ]

    def _modified(self, lowered: str, start: int, end: int, languages: set[str]) -> bool:
        before = lowered[max(0, start - MODIFIER_REACH) : start].rstrip()
        forms = _forms(self._lexicon.before, languages)
        if not lowered.startswith(tuple(_forms(self._lexicon.articles, languages)), start):
            forms += _forms(self._lexicon.predicate, languages)
        for form in forms:
            if before.endswith(form) and not _word_before(before, len(before) - len(form)):
                return True
        after = lowered[end : end + MODIFIER_REACH]
        for form in _forms(self._lexicon.after, languages):
            stripped = after if form.startswith("-") else after.lstrip()
            if stripped.startswith(form) and not _word_after(stripped, len(form)):
                return True
        return False

    def _complemented(self, lowered: str, end: int, languages: set[str]) -> bool:
        """Whether a bare title goes on with a complement naming whose title it is (`the
        president of the club`, `der Präsident des Vereins`, `президент компании`)."""
        after = lowered[end : end + MODIFIER_REACH]
        # Where words are not spaced apart (大統領選, 대통령실), a complement is joined to the
        # title; a spaced one is written with its space (` 선거`).
        if script_of(lowered[end - 1]) not in UNSPACED_SCRIPTS:
            after = after.lstrip()
        for form in _forms(self._lexicon.after_bare, languages):
            if after.startswith(form) and not _word_after(after, len(form)):
                return True
        return "ar" in languages and NISBA_AFTER.match(lowered, end) is not None


def resolve(
    candidates: Sequence[Candidate],
    body: str,
    day: date | None,
    holders: OfficeHolders,
    named: Sequence[tuple[str, int, int]] = (),
    home: Collection[str] = frozenset(),
    local: Mapping[tuple[str, str], str] = MappingProxyType({}),
) -> list[Reference]:
    """Candidates resolved to the one person they can name on `day` (the article's UTC date):
    a country's office to its holder, a bare title to the one leader named in the article who
    held such an office (among several, the one of the country the article is about), or, when
    no leader named holds one, to the holder in the country the article is about ("el Rey" in
    an article about Sánchez); in an article in the language of that country's press, to its
    holder whoever else is named ("il capo dello Stato" in Italian news about Meloni). On the
    day a successor takes office, the office is theirs. An article without a date has only its
    context: a reference resolves to the one leader it names who has ever held that office
    ("Tony Abbott ... the Prime Minister"). A span that
    could name several people counts for the one the article is about, named at least twice as
    often as any of the others ("the president" in an article about Obama that recalls George
    H. W. Bush), or, for a bare title, the one of them its own sentence names before it;
    otherwise, or when it names nobody, for nobody. `home` are the countries whose
    press writes in the article's language; `local` what a bare title of that language means
    in an article about a country where it names another office (`el presidente` in Spanish
    news about Spain is the presidente del Gobierno, its head of government). The store
    resolves the same way in SQL (`stg_office_references`), so a change of terms needs no
    recount."""
    times_named = Counter(leader for leader, _, _ in named)
    leaders_named = set(times_named)
    led = {leader: holders.countries_led(leader) for leader in leaders_named}
    country = _the_country(times_named, led, home)
    countries = set().union(*led.values())
    # per span: the people it may name, its kinds, those of the article's country, and those of
    # a country whose leaders the article names
    by_span: dict[tuple[int, int], tuple[set[str], set[str], set[str], set[str]]] = {}
    for each in candidates:
        if each.country is None:
            title = local.get((country, each.title), each.title) if country else each.title
            people = {
                leader for leader in leaders_named if title in holders.titles_held(leader, day)
            }
            if day is not None:
                in_country = holders.holders(country, title, day) if country else set()
                # an article in its country's press: that country's holder, named or not ("il
                # capo dello Stato" in Italian news about Meloni that names Trump); several
                # leaders named hold such an office: the one of the article's country; none
                # does: the article's country's holder ("el Rey" in an article about Sánchez),
                # else the one holder among the countries whose leaders it names ("the King"
                # beside Canada's and Britain's prime ministers)
                if in_country and country in home:
                    people = in_country
                elif people:
                    people = people & in_country or people
                else:
                    people = in_country or {
                        holder
                        for other in countries
                        for holder in holders.holders(other, title, day)
                    }
        elif day is None:
            people = holders.ever_held(each.country, each.title) & leaders_named
        else:
            people = holders.holders(each.country, each.title, day)
        span = by_span.setdefault((each.start, each.end), (set(), set(), set(), set()))
        found, kinds, of_country, of_named = span
        found |= people
        kinds.add(each.kind)
        # a phrase several countries use names the holder in the article's country
        # (`Bundespräsident` in an article about Austria), or in one whose leaders it names
        if each.country is not None and each.country == country:
            of_country |= people
        if each.country is not None and each.country in countries:
            of_named |= people
    bare = {(each.start, each.end) for each in candidates if each.country is None}
    references = []
    for (start, end), (people, kinds, of_country, of_named) in sorted(by_span.items()):
        person = _the_one(of_country or of_named or people, times_named)
        if person is None and (start, end) in bare:
            person = _named_before_in_sentence(people, named, body, start)
        if person is not None:
            kind: ReferenceKind = "office" if "office" in kinds else "metonym"
            references.append(Reference(person, kind, start, end, body[start:end]))
    return references


def _the_country(
    times_named: Counter[str], led: dict[str, set[str]], home: Collection[str] = frozenset()
) -> str | None:
    """The country an article is about: the one whose leaders, sitting or not (`led`: the
    countries each has led), it names at least twice as often as any other country's, or more
    often than any other's where the article's press writes from there (`home`: a Portuguese
    article naming Lula and Bolsonaro four times and Biden and Trump three is about Brazil). A
    country named only through leaders who also lead a country named more often is that one's
    (Andorra's co-prince is France's president; Jamaica's king is Britain's)."""
    weight: Counter[str] = Counter()
    through: dict[str, set[str]] = {}
    for leader, times in times_named.items():
        for country in led[leader]:
            weight[country] += times
            through.setdefault(country, set()).add(leader)
    kept = Counter(
        {
            country: times
            for country, times in weight.items()
            if not any(
                weight[other] > times and through[country] <= through[other] for other in weight
            )
        }
    )
    ranked = kept.most_common(2)
    if not ranked:
        return None
    top, top_weight = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if top_weight >= 2 * runner_up or (top_weight > runner_up and top in home):
        return top
    return None


def _named_before_in_sentence(
    people: set[str], named: Sequence[tuple[str, int, int]], body: str, start: int
) -> str | None:
    """The one of several people a bare title may name whom its own sentence names before it:
    in an article naming Joe Biden and Emmanuel Macron alike, "Olaf Scholz thanked Joe Biden,
    and the president said" is Biden; "Biden met Macron, and the president said" is nobody."""
    if len(people) < 2:
        return None
    before = {
        leader
        for leader, _, name_end in named
        if leader in people
        and name_end <= start
        and SENTENCE_END.search(body, name_end, start) is None
    }
    return next(iter(before)) if len(before) == 1 else None


def _the_one(people: set[str], times_named: Counter[str]) -> str | None:
    """The one person a span names: the only candidate, or the one the article names at least
    twice as often as any other candidate."""
    if len(people) == 1:
        return next(iter(people))
    ranked = sorted(people, key=lambda person: -times_named[person])
    if len(ranked) > 1 and times_named[ranked[0]] >= 2 * max(times_named[ranked[1]], 1):
        return ranked[0]
    return None


def _after_another_name(body: str, start: int, named: Sequence[tuple[str, int, int]]) -> bool:
    """Whether a span follows, after a comma, a name of two to four capitalised words that
    opens a sentence and is no leader's mention ("George Osborne, the chancellor"). A run after
    a lower-case word is as often a place ("back in New York, the president"), and one that
    opens with a word of time or place ("On Monday, the president") is no name."""
    found = NAME_BEFORE.search(body, max(0, start - NAME_REACH), start)
    if found is None or found.group(1).split()[0] in SENTENCE_OPENERS:
        return False
    name_start, name_end = found.span(1)
    return not any(s < name_end and name_start < e for _, s, e in named)


def _after_a_korean_surname(body: str, start: int) -> bool:
    """Whether a Hangul title stands after a word of one syllable, a surname (`이 대통령`,
    `윤 대통령`): a name mention with its title, even where the surname alone is no alias."""
    if start < 2 or body[start - 1] != " " or script_of(body[start]) != "HANGUL":
        return False
    syllable = body[start - 2]
    return script_of(syllable) == "HANGUL" and (start < 3 or not is_word_char(body[start - 3]))


def _office_in_general(body: str, start: int, end: int, languages: set[str]) -> bool:
    """Whether a title is written in lower case in a language that capitalises the title
    of a particular holder (`memberhentikan dari jabatan presiden`: the office, not the
    president)."""
    if not languages <= CAPITALISED_HOLDER:
        return False
    letters = [c for c in body[start:end] if c.isalpha()]
    return bool(letters) and letters[0].islower()


def _names_another(body: str, span: str, end: int, languages: set[str]) -> bool:
    """Whether a capitalised word follows a span at once, in a language where that makes the
    span part of another name: a person's or a body's (`президент Сбербанка`, `le président
    Gianni Infantino`, `the president of Georgia Tech`). A leader's own name there has already
    made the span part of a name mention."""
    if not languages & CAPITALISED_COMPLEMENT or span.endswith(DEMONSTRATIVES):
        return False
    word = CAPITALISED_AFTER.match(body, end)
    return word is not None and word.group(1).isupper()


def _forms(by_language: dict[str, tuple[str, ...]], languages: set[str]) -> list[str]:
    return [form for language in sorted(languages) for form in by_language.get(language, ())]


def _word_before(text: str, at: int) -> bool:
    """Whether a Latin-spaced modifier starting at `at` is the tail of a longer word."""
    return at > 0 and is_word_char(text[at - 1]) and script_of(text[at]) not in UNSPACED_SCRIPTS


def _word_after(text: str, length: int) -> bool:
    """Whether a modifier of `length` characters at the start of `text` runs on into a longer
    word; one written with its closing space (Korean `으로 `, as, before a verb: not
    `으로부터`, from) ends where it says."""
    return (
        length < len(text)
        and not text[length - 1].isspace()
        and is_word_char(text[length])
        and script_of(text[length - 1]) not in UNSPACED_SCRIPTS
    )


def _attached(body: str, start: int, end: int, named: Sequence[tuple[str, int, int]]) -> bool:
    """Whether a title stands joined to a name mention: then it is part of that mention."""
    for _, name_start, name_end in named:
        gap = body[end:name_start]
        if name_start >= end and ATTACHED_BEFORE_NAME.fullmatch(gap):
            # a name with a case ending after an apostrophe is the verb's object, not the
            # title's name in apposition (`Hollanda Kralı, Trump'ı sarayda ağırladı`)
            if "," in gap and CASE_ENDING.match(body, name_end):
                continue
            return True
        if name_end <= start and ATTACHED_AFTER_NAME.fullmatch(body[name_end:start]):
            return True
        if name_start < end and start < name_end:
            return True
    return False
