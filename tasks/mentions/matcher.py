"""Leader lists and mention matching: one Aho-Corasick automaton over every alias."""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal, TypeVar

import ahocorasick

from tasks.errors import KabarError
from tasks.mentions.forms import (
    NamedAfter,
    Title,
    default_named_after,
    default_stop_forms,
    default_titles,
    generate_forms,
    rule_groups,
    rules_version,
    script_of,
)
from tasks.records import Article

G = TypeVar("G")  # what an automaton's key holds: aliases, or office phrases

AliasKind = Literal["name", "ambiguous", "exclude"]
ALIAS_KINDS: tuple[str, ...] = ("name", "ambiguous", "exclude")
LEADER_COLUMNS = ("leader", "country", "alias", "kind")

# Scripts written without spaces between words, or with particles glued to names
# (김정은은, 习近平主席): no word-boundary check on either side.
UNSPACED_SCRIPTS = ("CJK", "HANGUL", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR")
# Arabic glues proclitics such as و (and) and ل (for) to the front of a name.
PREFIXED_SCRIPTS = ("ARABIC",)

# Appended to the text before matching: pyahocorasick's iter_long drops a shorter match
# when the text ends inside a longer alias ("... met Bassirou Diomaye" loses "Diomaye").
# No alias contains it, so the automaton always leaves the longer alias on it.
END_OF_TEXT = "\x00"
# Below the first: keys in the Latin scripts; below the second: Greek, Cyrillic, Armenian,
# Hebrew and Arabic too (see WordAutomaton).
TIER_BOUNDS = ("\u0250", "\u0800")

SOFT_HYPHEN = "\u00ad"

# Capitalised words that follow a name without being part of it (`Kim said... Xi Tuesday`).
CALENDAR_WORDS = frozenset(
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)

# How far before an ambiguous alias a title is looked for (the longest title is shorter).
TITLE_WINDOW = 40

# How a span of a surname several leaders share tells them apart (see MentionMatcher._one_of).
ShareRule = Literal["titled", "former", "bare", "elder", "younger"]
# A word before a title that makes it a past holder's (`former President Bush`, `der frühere
# Präsident Bush`, `l'ancien président Bush`), up to three words before the surname.
FORMER_TITLE = re.compile(
    r"(?:\b(?:former|late|ehemalige[nmr]?|frühere[nmr]?|ancien|ex)\s|\bex-)(?:[\w.]+ ){0,3}$",
    re.IGNORECASE,
)


# `The elder Bush`, `the younger Kim`: of a father and a son both named, the one who took
# office first, or last.
GENERATION = re.compile(r"\b(elder|younger) $", re.IGNORECASE)


def _share_rule(text: str, start: int, default: ShareRule = "titled") -> ShareRule:
    """`elder` or `younger` when that word stands straight before `start`; `former` when a
    word of the past stands before the title before `start`; else `default`."""
    before = text[max(0, start - TITLE_WINDOW - 20) : start]
    generation = GENERATION.search(before)
    if generation:
        return "elder" if generation.group(1).casefold() == "elder" else "younger"
    return "former" if FORMER_TITLE.search(before) else default


# Characters folded before matching; each maps to one character, so offsets stay valid.
FOLD = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2019": "'",
        "\u02bc": "'",
    }
)


@dataclass(frozen=True, slots=True)
class Alias:
    """One way of writing a leader's name, and how it counts."""

    leader: str
    text: str
    kind: AliasKind
    # ISO 639-1 code of the language the form belongs to; empty for a form used across languages.
    language: str = ""


@dataclass(frozen=True, slots=True)
class Leader:
    """A tracked leader under their canonical name."""

    name: str
    country: str


@dataclass(frozen=True, slots=True)
class Term:
    """One person's time in one office (from the leader registry); `end` None: still in office."""

    office: str
    country: str
    role: str
    person: str
    start: date
    end: date | None
    dates: str = "exact"
    note: str = ""

    def covers(self, day: date) -> bool:
        """Whether `day` falls in the term, its first and last days included."""
        return self.start <= day and (self.end is None or day <= self.end)


# What the store keeps of each term; a change here makes every store take its terms again.
STORED_TERM_COLUMNS = "office country role leader start_date end_date dates note title"


@dataclass(frozen=True, slots=True)
class LeaderList:
    """Leaders and their aliases (from a CSV file or the registry), and their terms in office."""

    leaders: tuple[Leader, ...]
    aliases: tuple[Alias, ...]
    terms: tuple[Term, ...] = ()

    @property
    def version(self) -> str:
        """A hash of the aliases and of the name-form rules: mentions counted with another
        version are stale, and recounted from the stored bodies.

        A language joins the hash only when set, so lists without languages keep their version.
        """
        # The office lexicon finds references while names are counted: a new one recounts too.
        from tasks.mentions.offices import lexicon_version

        digest = hashlib.sha256(f"{rules_version()}\t{lexicon_version()}".encode())
        for alias in sorted(self.aliases, key=lambda a: (a.leader, a.kind, a.text, a.language)):
            language = f"\t{alias.language}" if alias.language else ""
            digest.update(f"{alias.leader}\t{alias.kind}\t{alias.text}{language}\n".encode())
        # Which of two leaders sharing a surname a titled one names depends on their terms
        # (`President Bush` in 2004): theirs are counted with the aliases.
        sharing = _sharing_a_surname(self.aliases)
        for term in sorted(self.terms, key=lambda t: (t.person, t.start, t.office)):
            if term.person in sharing:
                digest.update(f"{term.person}\t{term.start}\t{term.end}\n".encode())
        return digest.hexdigest()[:16]

    @property
    def terms_version(self) -> str:
        """A hash of the terms and countries, and of the columns stored with them: in_office
        answers and office titles of another version are stale."""
        digest = hashlib.sha256(STORED_TERM_COLUMNS.encode())
        for leader in sorted(self.leaders, key=lambda leader: leader.name):
            digest.update(f"{leader.name}\t{leader.country}\n".encode())
        for term in sorted(self.terms, key=lambda t: (t.office, t.start, t.person)):
            digest.update(repr(term).encode())
        return digest.hexdigest()[:16]


def _sharing_a_surname(aliases: Iterable[Alias]) -> set[str]:
    """The leaders who share an ambiguous alias with another leader (`Bush`, `Kim`)."""
    by_text: dict[str, set[str]] = {}
    for alias in aliases:
        if alias.kind == "ambiguous":
            by_text.setdefault(alias.text, set()).add(alias.leader)
    return {leader for leaders in by_text.values() if len(leaders) > 1 for leader in leaders}


@dataclass(frozen=True, slots=True)
class Mention:
    """One counted mention: which leader, where in the body, and the text that matched."""

    leader: str
    start: int
    end: int
    alias: str


def load_leaders(path: str | Path) -> LeaderList:
    """Read a leaders CSV (`leader,country,alias,kind`), checking every row."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise KabarError(f"cannot read leader list {path}: {error.strerror}") from error
    return parse_leaders(rows, source=str(path))


def parse_leaders(rows: Iterable[dict[str, str]], source: str = "leader list") -> LeaderList:
    """Validate leader rows and build the list; errors name the line to fix."""
    leaders: dict[str, Leader] = {}
    aliases: dict[tuple[str, str], Alias] = {}
    for line, row in enumerate(rows, start=2):
        missing = [c for c in LEADER_COLUMNS if not (row.get(c) or "").strip()]
        if missing:
            raise KabarError(f"{source}, line {line}: missing {', '.join(missing)}")
        name, country = row["leader"].strip(), row["country"].strip()
        text, kind = row["alias"].strip(), row["kind"].strip()
        if kind not in ALIAS_KINDS:
            raise KabarError(
                f"{source}, line {line}: kind '{kind}' is not one of {', '.join(ALIAS_KINDS)}"
            )
        language = (row.get("language") or "").strip()
        leaders.setdefault(name, Leader(name, country))
        aliases[(name, text)] = Alias(name, text, kind, language)  # type: ignore[arg-type]
    if not leaders:
        raise KabarError(
            f"{source}: no leaders found; the header must be {','.join(LEADER_COLUMNS)}"
        )
    return LeaderList(tuple(leaders.values()), tuple(aliases.values()))


# The last few results are kept: an article's body is folded for its name mentions, then again
# for its references by office, right after.
@lru_cache(maxsize=4)
def fold(text: str) -> str:
    """Fold space and hyphen variants so `Kim Jong‑un` matches `Kim Jong-un`."""
    # what `text.translate(FOLD)` gives, in a quarter of the time on text with characters
    # beyond Latin-1 (curly quotes and dashes are enough), where translate looks each one up
    return FOLDED.sub(_folded, text)


FOLDED = re.compile(f"[{''.join(map(chr, FOLD))}]")


def _folded(match: re.Match[str]) -> str:
    return FOLD[ord(match.group())]


def is_word_char(char: str) -> bool:
    """Letters, digits and `_`: what a whole-word match may not touch on a checked side."""
    return char.isalnum() or char == "_"


def with_generated_forms(
    aliases: Sequence[Alias],
    titles: Sequence[Title] | None = None,
    stop_forms: frozenset[str] | None = None,
    groups: Collection[str] | None = None,
) -> list[Alias]:
    """The aliases and every form generated from them (with `groups`, the case forms of those
    rule groups only), as the matcher's automaton holds them."""
    triples = generate_forms(
        ((a.leader, a.text, a.kind) for a in aliases),
        default_stop_forms() if stop_forms is None else stop_forms,
        default_titles() if titles is None else titles,
        groups,
    )
    return [*aliases, *(Alias(leader, text, kind) for leader, text, kind in triples)]  # type: ignore[arg-type]


def _other_persons_name(text: str, end: int) -> bool:
    """Whether an ambiguous surname runs on into another person's name: `Lee Sang-min`,
    `Kim Yo Jong`, `Khan Academy`, a capitalised word straight after it (the leader's own longer
    names are aliases and win as the longest match; a leader's name after it, as in
    `s Ficom Putin`, is a second name, which the caller checks)."""
    if not (end + 1 < len(text) and text[end] == " " and text[end + 1].isupper()):
        return False
    if script_of(text[end + 1]) != "LATIN":
        return False
    following = text[end + 1 : end + 12].split(" ", 1)[0].strip(".,;:!?)")
    return following not in CALENDAR_WORDS


def _named_after(text: str, start: int, end: int, words: NamedAfter) -> bool:
    """Whether the name at `start:end` names a place, building or organisation: a named-after
    word just before it (`Instituto Lula`) or just after it (`Trump Tower`)."""
    return _word_before(text, start) in words.before or _word_after(text, end) in words.after


def _word_before(text: str, start: int) -> str:
    """The word a single space before `start` ends, or "" when none stands there."""
    if start < 2 or text[start - 1] != " ":
        return ""
    cut = start - 1
    while cut > 0 and is_word_char(text[cut - 1]):
        cut -= 1
    return text[cut : start - 1]


def _word_after(text: str, end: int) -> str:
    """The word a single space or hyphen after `end` starts (`Trump Tower`, German compounds:
    `Lech-Wałęsa-Flughafen`), or "" when none stands there."""
    if end + 1 >= len(text) or text[end] not in " -":
        return ""
    cut = end + 1
    while cut < len(text) and is_word_char(text[cut]):
        cut += 1
    return text[end + 1 : cut]


def given_names(
    aliases: Sequence[Alias], titles: Sequence[Title], stop_forms: frozenset[str]
) -> dict[str, str]:
    """Leader → given name, for leaders whose canonical name is a given name and a surname
    in Latin script (`Keir Starmer`) and whose surname alone is listed, and for monarchs and
    popes named by a regnal name and its number (`Charles III`, `Benedict XVI`): the given name
    then names them later in an article that named them in full. Left out: names written
    surname first (`Xi Jinping`: `Jinping` is not listed alone), given names that are some
    leader's alias (`Kim`), titles, words of the stop list (`Mark`, `Bill`, `Said`, `Islam`;
    surnames written first, `Hun Sen`) and words under three letters."""
    listed = {alias.text for alias in aliases}
    # A regnal name may be another leader's ambiguous surname (`Charles`, Pierre Charles of
    # Dominica): that leader's own mentions then mark it as his, and it is nobody's there.
    names = {alias.text for alias in aliases if alias.kind == "name"}
    alone = {(a.leader, a.text) for a in aliases if a.kind in ("name", "ambiguous")}
    title_words = {fold(t.text).casefold() for t in titles}
    given: dict[str, str] = {}
    for alias in aliases:
        words = alias.text.split(" ")
        if len(words) != 2:
            continue
        first, second = words
        # a regnal name as English writes it (`Charles III`, not `Karol III`)
        regnal = (
            alias.kind == "name"
            and alias.language in ("", "en")
            and alias.leader not in given
            and REGNAL_NUMBER.fullmatch(second) is not None
        )
        if not regnal and (alias.text != alias.leader or (alias.leader, second) not in alone):
            continue
        if (
            len(first) >= 3
            and first[0].isupper()
            and first.isalpha()
            and {script_of(c) for c in alias.text if c.isalpha()} == {"LATIN"}
            and first not in (names if regnal else listed)
            and first.casefold() not in title_words
            and first.casefold() not in stop_forms
        ):
            given[alias.leader] = first
    return given


# The number after a monarch's or a pope's regnal name (`III`, `XVI`).
REGNAL_NUMBER = re.compile(r"[IVX]+")


def regnal_leaders(aliases: Iterable[Alias], given: Mapping[str, str]) -> frozenset[str]:
    """The leaders whose given name is a regnal name (`Benedict` of `Benedict XVI`)."""
    return frozenset(
        alias.leader
        for alias in aliases
        if alias.kind == "name"
        and (name := given.get(alias.leader))
        and alias.text.startswith(name + " ")
        and REGNAL_NUMBER.fullmatch(alias.text[len(name) + 1 :]) is not None
    )


def _given_name_mentions(
    text: str,
    counted: Sequence[tuple[int, int, str]],
    given: Mapping[str, str],
    regnal: Collection[str],
    in_office: Callable[[set[str]], set[str]],
) -> list[tuple[int, int, str]]:
    """(start, end, leader) of each bare given name (`Keir`, `Donald`) after the leader's first
    mention by a name that starts with it (`Keir Starmer`), or by any of their names for a
    monarch or pope (`Benedict` after `Joseph Ratzinger`), unless the article also gives that
    name to someone else (`Donald Tusk` beside `Donald Trump`: then `Donald` alone is neither).
    Where it gives the name to two leaders (`Benedict XV` beside `Benedict XVI`), the bare name
    is the one's of them in office on the article's day (`in_office`), else neither's."""
    first_full: dict[str, int] = {}
    for start, end, leader in counted:
        name = given.get(leader)
        # the full name may stand after a title of its own (`King Charles III`)
        if (
            name
            and leader not in first_full
            and (leader in regnal or _holds_word(text, name, start, end))
        ):
            first_full[leader] = start
    claims: dict[tuple[int, int], set[str]] = {}
    for leader, after in first_full.items():
        name = given[leader]
        # the spans of the leaders the article gives this name to, theirs to share
        sharing = {who for who in first_full if given[who] == name}
        spans = [(start, end) for start, end, who in counted if who in sharing]
        others = [(start, end) for start, end, who in counted if who not in sharing]
        bare = []
        other_person = False
        position = text.find(name)
        while position >= 0:
            end = position + len(name)
            whole = (position == 0 or not is_word_char(text[position - 1])) and (
                end >= len(text) or not is_word_char(text[end])
            )
            if whole and not any(s <= position < e for s, e in spans):
                if any(s <= position < e for s, e in others) or _starts_a_name(text, end):
                    other_person = True
                    break
                if position > after and not _after_a_capitalised_word(text, position):
                    bare.append((position, end))
            position = text.find(name, end)
        if not other_person:
            for span in bare:
                claims.setdefault(span, set()).add(leader)
    found = []
    for (start, end), leaders in claims.items():
        one = leaders if len(leaders) == 1 else in_office(leaders)
        if len(one) == 1:
            found.append((start, end, next(iter(one))))
    return found


def _holds_word(text: str, word: str, start: int, end: int) -> bool:
    """Whether `word` followed by a space opens the span `start:end` or a word inside it."""
    return text.startswith(word + " ", start) or text.find(" " + word + " ", start, end) >= 0


def _starts_a_name(text: str, end: int) -> bool:
    """Whether a capitalised word follows straight after `end` (`Donald Tusk`, `Donald Jr.`),
    or joined by a hyphen, as German writes names in compounds (`Lech-Wałęsa-Flughafen`)."""
    return end + 1 < len(text) and text[end] in " -" and text[end + 1].isupper()


def _after_a_capitalised_word(text: str, start: int) -> bool:
    """Whether a capitalised word stands straight before `start` (`Heba Habib`, `Mary Keir`,
    `But Keir`): the given name may be part of another name, so it is not counted there."""
    before = text[max(0, start - 30) : start]
    if not before.endswith(" "):
        return False
    words = before.split()
    return bool(words) and words[-1].isalpha() and words[-1][0].isupper()


OPENING_BRACKETS = "(（"
CLOSING_BRACKETS = ")）"


def _bracket_close(text: str, end: int, next_start: int) -> bool:
    """Whether only an opening bracket and spaces lie between `end` and `next_start`."""
    between = text[end:next_start].strip(" ")
    return len(between) == 1 and between in OPENING_BRACKETS


def merge_bracketed(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans in order, a name followed by the same leader's name in brackets made one span:
    `尹錫悦（ユン・ソンニョル）` and `Recep Tayyip Erdoğan (Erdogan)` are one name written twice,
    the reading or spelling after it, not a second mention."""
    merged: list[tuple[int, int, str]] = []
    index = 0
    while index < len(spans):
        start, end, leader = spans[index]
        if index + 1 < len(spans):
            inner_start, inner_end, inner_leader = spans[index + 1]
            if inner_leader == leader and _bracket_close(text, end, inner_start):
                close_at = inner_end
                while close_at < len(text) and text[close_at] == " ":
                    close_at += 1
                if close_at < len(text) and text[close_at] in CLOSING_BRACKETS:
                    merged.append((start, close_at + 1, leader))
                    index += 2
                    continue
        merged.append((start, end, leader))
        index += 1
    return merged


def _anchor_titles(titles: Sequence[Title]) -> tuple[tuple[str, str], ...]:
    """The titles that make an ambiguous alias count on their own: office titles written before
    a name. Honorifics (Mr, Herr, 氏) do not: `Mr Khan` or `Mr Kim` is as often someone else."""
    return tuple(
        (fold(t.text).casefold(), t.office)
        for t in titles
        if t.position == "before" and t.office != "honorific"
    )


def _build(aliases: Iterable[Alias]) -> tuple[WordAutomaton, int]:
    """One automaton over `aliases`, folded; each key holds every alias written that way."""
    entries: dict[str, list[Alias]] = {}
    for alias in aliases:
        # `fold` without its cache, which hundreds of thousands of distinct keys only cost
        entries.setdefault(alias.text.translate(FOLD), []).append(alias)
    return word_automaton({key: tuple(group) for key, group in entries.items()}), len(entries)


def word_automaton(groups: Mapping[str, tuple[G, ...]], tiered: bool = True) -> WordAutomaton:
    """An automaton over the keys of `groups` (folded text), each holding its group and the
    word-boundary checks its script calls for (see `whole_words`); `tiered` as WordAutomaton
    says."""
    automaton = ahocorasick.Automaton()
    for key, group in groups.items():
        script = script_of(key[0])
        # Korean is written with spaces: a Hangul key of several words starts at a word edge.
        spaced_hangul = script == "HANGUL" and " " in key
        check_left = spaced_hangul or script not in UNSPACED_SCRIPTS + PREFIXED_SCRIPTS
        check_right = script not in UNSPACED_SCRIPTS
        automaton.add_word(key, (len(key), check_left, check_right, group))
    if groups:
        automaton.make_automaton()
    return WordAutomaton(automaton, tiered)


class WordAutomaton:
    """A `word_automaton`, and the smaller ones of its keys that begin below each TIER_BOUNDS,
    built when a text first needs them: a text whose characters are all below a bound is
    scanned with the keys that begin below it. A key that begins with a character the text
    does not hold matches nowhere in it, not even in part, so the matches are the same; and
    pyahocorasick looks a character up among a state's children one by one, so the thousands
    of CJK first characters at the root slowed every character of a Latin text (on generated
    articles, 0.21 ms an article with every key, 0.09 ms with the tiers)."""

    def __init__(self, automaton: ahocorasick.Automaton, tiered: bool = True):
        self.full = automaton
        # Without tiers every text is scanned with every key: a tier costs memory, and the
        # office lexicon's (97,000 phrases) took 42 MB for 0.04 ms an article.
        self._tiered = tiered
        self._bounds: tuple[tuple[str, re.Pattern[str] | None], ...] | None = None
        self._tiers: dict[str, ahocorasick.Automaton] = {}

    def _starts_above(self) -> tuple[tuple[str, re.Pattern[str] | None], ...]:
        """Each bound with the pattern of a character at or above it that begins a key (None
        if none does). Only those decide: news in Latin script holds curly quotes, dashes and
        symbols above every bound, which begin no name."""
        if self._bounds is None:
            starts = {key[0] for key in self.full} if self._tiered else set()
            self._bounds = tuple(
                (bound, _any_of(sorted(c for c in starts if c >= bound)))
                for bound in (TIER_BOUNDS if self._tiered else ())
            )
        return self._bounds

    def for_text(self, text: str) -> ahocorasick.Automaton | None:
        """The automaton to scan `text` with; None when no key can be in it."""
        ascii_only = text.isascii()
        bound = next(
            (
                bound
                for bound, above in self._starts_above()
                if ascii_only or above is None or above.search(text) is None
            ),
            None,
        )
        if bound is None:
            return self.full
        if bound not in self._tiers:
            tier = ahocorasick.Automaton()
            for key, value in self.full.items():
                if key[0] < bound:
                    tier.add_word(key, value)
            if len(tier):
                tier.make_automaton()
            self._tiers[bound] = tier
        return self._tiers[bound] if len(self._tiers[bound]) else None


def _any_of(chars: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern of any one of `chars` (a search in C: a loop over the text's characters took
    longer than the scan it saves); None for none."""
    return re.compile(f"[{''.join(re.escape(c) for c in chars)}]") if chars else None


def whole_words(
    automaton: WordAutomaton, size: int, text: str
) -> Iterator[tuple[int, int, tuple[G, ...]]]:
    """(start, end, group) of every key of a `word_automaton` in `text` (folded, ending in
    END_OF_TEXT), leftmost-longest, where no word character touches a checked side."""
    scanner = automaton.for_text(text) if size else None
    if scanner is None:
        return
    for end, (length, check_left, check_right, group) in scanner.iter_long(text):
        start = end - length + 1
        if check_left and start > 0 and is_word_char(text[start - 1]):
            continue
        if check_right and end + 1 < len(text) and is_word_char(text[end + 1]):
            continue
        yield start, end + 1, group


class MentionMatcher:
    """Finds leader mentions in text: whole words, leftmost-longest, ambiguous aliases gated.

    The automaton holds the listed aliases and every form generated from them (`forms.py`).
    An ambiguous alias counts when the article also names the leader unambiguously, or when a
    title of an office stands directly before it (`President Xi`, `prezydent Duda`). `offices`
    (leader → offices held, the lexicon's office names) narrows a title to its office holders;
    a leader with no offices given takes any office title.
    """

    def __init__(
        self,
        aliases: Sequence[Alias],
        *,
        generate: bool = True,
        titles: Sequence[Title] | None = None,
        stop_forms: frozenset[str] | None = None,
        offices: Mapping[str, Collection[str]] | None = None,
        named_after: NamedAfter | None = None,
        terms: Iterable[Term] = (),
    ):
        self._titles = default_titles() if titles is None else tuple(titles)
        self._terms: Iterable[Term] = ()
        self._tenures: dict[str, list[Term]] = {}
        self.use_terms(terms)
        self._named_after = default_named_after() if named_after is None else named_after
        self._aliases = tuple(aliases)
        self._generate = generate
        self._stop_forms = stop_forms
        self._anchors = _anchor_titles(self._titles)
        # Every word of a title or honorific written before a name (`Prime`, `Minister`, `Mr`).
        self._title_words = frozenset(
            word.casefold()
            for t in self._titles
            if t.position == "before"
            for word in fold(t.text).split()
        )
        # Latin-script words after a surname that make it a leader's (`the Carter
        # administration`): titles.csv rows in position `after` (the others are CJK titles).
        self._governments = frozenset(
            t.text
            for t in self._titles
            if t.position == "after" and t.office != "honorific" and script_of(t.text[0]) == "LATIN"
        )
        self._offices = {leader: frozenset(held) for leader, held in (offices or {}).items()}
        self._given = given_names(
            self._aliases,
            self._titles,
            default_stop_forms() if stop_forms is None else stop_forms,
        )
        self._regnal = regnal_leaders(self._aliases, self._given)
        # One automaton per set of rule groups, built when first needed: an article's language
        # needs its own case forms only (a German one the genitive, a Polish one the Polish
        # cases), and all of them together are ten times the keys, seconds to build.
        self._automata: dict[frozenset[str] | None, tuple[WordAutomaton, int]] = {}

    @property
    def aliases(self) -> tuple[Alias, ...]:
        """The aliases the matcher was built from."""
        return self._aliases

    def use_terms(self, terms: Iterable[Term]) -> None:
        """Count with these terms in office: a titled surname two leaders share names the one
        in office on the article's day (`President Bush` in 2004)."""
        if terms is self._terms:
            return
        self._terms = terms
        self._tenures = {}
        for term in terms:
            self._tenures.setdefault(term.person, []).append(term)

    def _automaton_for(self, groups: frozenset[str] | None) -> tuple[WordAutomaton, int]:
        if groups not in self._automata:
            if self._generate:
                forms = with_generated_forms(self._aliases, self._titles, self._stop_forms, groups)
            else:
                forms = list(self._aliases)
            self._automata[groups] = _build(forms)
        return self._automata[groups]

    @property
    def size(self) -> int:
        """Keys of the automaton with every generated form (built if it was not yet)."""
        return self._automaton_for(None)[1]

    @property
    def memory_bytes(self) -> int:
        """The automaton's own size with every form (its trie; the payload tuples not counted)."""
        automaton, size = self._automaton_for(None)
        return int(automaton.full.get_stats()["total_size"]) if size else 0

    def find(
        self, body: str, language: str | None = None, day: date | None = None
    ) -> list[Mention]:
        """All counted mentions in `body`, in order of position. With the article's `language`
        (ISO 639-1; empty when unknown), only the forms that language inflects names into are
        looked for; without it, every form of every language. With its `day` (UTC), a titled
        surname that several leaders share names the one of them in office that day."""
        groups = None if language is None else rule_groups(language)
        automaton, size = self._automaton_for(groups)
        if not size or not body:
            return []
        if SOFT_HYPHEN in body:
            return self._find_without_soft_hyphens(body, language, day)
        text = fold(body) + END_OF_TEXT
        found: list[tuple[int, int, Alias]] = [
            (start, end, alias)
            for start, end, group in whole_words(automaton, size, text)
            for alias in group
        ]
        starts = {start for start, _, _ in found}
        ends = {end for _, end, _ in found}
        found = [
            (start, end, alias)
            for start, end, alias in found
            if (
                alias.kind == "name"
                or (
                    (end + 1 in starts or not _other_persons_name(text, end))
                    and (start - 1 in ends or not self._after_another_given_name(text, start))
                    and not self._inside_a_korean_name(text, start, end)
                )
            )
            and not _named_after(text, start, end, self._named_after)
        ]
        # A leader is identified in the article by a name alias, or by an ambiguous one with an
        # office title before it (`President Xi`): then their bare ambiguous aliases count too.
        # One span is one person: a titled surname that several leaders share (`President
        # Lee`) identifies none of them, unless just one of them is named in full, or just one
        # was in office on the article's day (`President Bush` in 2004).
        by_name = {alias.leader for _, _, alias in found if alias.kind == "name"}
        sharing: dict[int, set[str]] = {}
        for start, _, alias in found:
            if alias.kind == "ambiguous":
                sharing.setdefault(start, set()).add(alias.leader)
        named = by_name | {
            alias.leader
            for start, end, alias in found
            if alias.kind == "ambiguous"
            and (self._titled(text, start, alias.leader) or self._governs(text, end))
            and self._one_of(sharing[start], by_name, day, _share_rule(text, start)) == alias.leader
        }
        counted = [
            (start, end, alias)
            for start, end, alias in found
            if alias.kind == "name" or (alias.kind == "ambiguous" and alias.leader in named)
        ]
        # A bare surname that several of the article's leaders share (`Kim` beside Kim Jong-un
        # and his father) is the one's of them in office that day, else nobody's.
        people: dict[int, set[str]] = {}
        for start, _, alias in counted:
            if alias.kind == "ambiguous":
                people.setdefault(start, set()).add(alias.leader)
        spans = [
            (start, end, alias.leader)
            for start, end, alias in counted
            if alias.kind == "name"
            or len(people[start]) == 1
            or self._one_of(people[start], by_name, day, _share_rule(text, start, "bare"))
            == alias.leader
        ]
        spans += _given_name_mentions(
            text, spans, self._given, self._regnal, lambda leaders: self._in_office(leaders, day)
        )
        return [
            Mention(leader, start, end, body[start:end])
            for start, end, leader in merge_bracketed(text, sorted(spans))
        ]

    def _find_without_soft_hyphens(
        self, body: str, language: str | None, day: date | None
    ) -> list[Mention]:
        """Soft hyphens are invisible break hints inside words (`Netan\u00adyahu`): match the
        text without them, then give positions in the text as it was."""
        kept = [i for i, char in enumerate(body) if char != SOFT_HYPHEN]
        kept.append(len(body))
        return [
            Mention(
                m.leader,
                kept[m.start],
                kept[m.end - 1] + 1,
                body[kept[m.start] : kept[m.end - 1] + 1],
            )
            for m in self.find(body.replace(SOFT_HYPHEN, ""), language, day)
        ]

    def _one_of(
        self, leaders: set[str], by_name: set[str], day: date | None, how: ShareRule
    ) -> str | None:
        """The one of `leaders`, who share a surname, that a span of it names, or None when
        the rule leaves several or none. A titled one (`President Bush`, `the Bush
        administration`) is the one in office on the article's day, even beside the other named
        in full (`former President George H. W. Bush` in 2008), else the one named in full; a
        `former` one is the one who had left office by that day, else the one named in full; a
        bare one (`Kim`, the article naming Kim Jong-un and his father) the one in office alone."""
        if len(leaders) == 1:
            return next(iter(leaders))
        if how in ("elder", "younger"):
            return self._by_generation(leaders, how == "elder")
        sitting = self._in_office(leaders, day)
        pools = {
            "titled": (sitting, leaders),
            "former": (self._held_before(leaders, day) - sitting, leaders),
            "bare": (sitting,),
        }[how]
        for pool in pools:
            if len(pool) == 1:
                return next(iter(pool))
            if len(pool & by_name) == 1:
                return next(iter(pool & by_name))
        return None

    def _by_generation(self, leaders: set[str], elder: bool) -> str | None:
        """The one of `leaders` who first took office earliest (`elder`) or latest, by the
        list's terms; None when that is not one of them."""
        first = {
            leader: min(term.start for term in self._tenures[leader])
            for leader in leaders
            if self._tenures.get(leader)
        }
        if len(first) < len(leaders):
            return None
        pick = min(first.values()) if elder else max(first.values())
        chosen = [leader for leader, start in first.items() if start == pick]
        return chosen[0] if len(chosen) == 1 else None

    def _held_before(self, leaders: set[str], day: date | None) -> set[str]:
        """Those of `leaders` who had left an office before `day` (none without a day)."""
        return self._by_terms(
            leaders, day, lambda term, day: term.end is not None and term.end < day
        )

    def _in_office(self, leaders: set[str], day: date | None) -> set[str]:
        """Those of `leaders` who held an office on `day` (none without a day)."""
        return self._by_terms(leaders, day, Term.covers)

    def _by_terms(
        self, leaders: set[str], day: date | None, holds: Callable[[Term, date], bool]
    ) -> set[str]:
        """Those of `leaders` with a term that `holds` on `day` (none without a day)."""
        if day is None:
            return set()
        return {
            leader
            for leader in leaders
            if any(holds(term, day) for term in self._tenures.get(leader, ()))
        }

    def _titled(self, text: str, start: int, leader: str) -> bool:
        """Whether an office title of `leader` stands directly before `start`."""
        before = text[max(0, start - TITLE_WINDOW) : start]
        if not before.endswith(" "):
            return False
        before = before[:-1].casefold()
        held = self._offices.get(leader)
        for title, office in self._anchors:
            if before.endswith(title) and (held is None or office in held or office == "any"):
                cut = len(before) - len(title)
                if cut == 0 or not is_word_char(before[cut - 1]):
                    return True
        return False

    def _after_another_given_name(self, text: str, start: int) -> bool:
        """Whether an ambiguous surname follows a capitalised word inside a sentence that is no
        title (`Sadiq Khan`, `Akie Abe`): another person's name, the leader's own given names
        being part of a longer alias that wins. A word that opens a sentence (`When Khan`),
        a title or honorific (`President Xi`, `Mr Khan`) or a day or month does not count."""
        word = _word_before(text, start)
        if not (word.isalpha() and word[0].isupper() and script_of(word[0]) == "LATIN"):
            return False
        if word in CALENDAR_WORDS or word.casefold() in self._title_words:
            return False
        opening = text[: start - len(word) - 1].rstrip()
        return bool(opening) and opening[-1] not in '.!?:;"“”«»\n'

    def _inside_a_korean_name(self, text: str, start: int, end: int) -> bool:
        """Whether an ambiguous surname is the first half of someone's hyphenated given name
        (`Kim Moon-soo`, `Park Lee-hyun`): a capitalised word that is no title before it, a
        lower-case syllable joined by a hyphen after it. It opens no sentence test: the
        surname before it (`Kim`) often does."""
        if not (end + 1 < len(text) and text[end] == "-" and text[end + 1].islower()):
            return False
        word = _word_before(text, start)
        return (
            word.isalpha()
            and word[0].isupper()
            and script_of(word[0]) == "LATIN"
            and word.casefold() not in self._title_words
        )

    def _governs(self, text: str, end: int) -> bool:
        """Whether a word of government follows the surname ending at `end` (`the Carter
        administration`, `the Major government`): the surname is then the leader's."""
        return _word_after(text, end) in self._governments

    def count(self, body: str) -> dict[str, int]:
        """Mentions per leader in `body`."""
        return dict(Counter(mention.leader for mention in self.find(body)))

    def annotate(self, article: Article) -> None:
        """Give an extracted article its mention spans and counts per leader, looking for the
        name forms of its language."""
        found = self.find(article.body, article.language or "", utc_day(article.published_at))
        article.mention_spans = [(m.leader, m.start, m.end) for m in found]
        article.mentions = dict(Counter(m.leader for m in found))


def utc_day(moment: datetime | None) -> date | None:
    """The UTC day an article's names and references resolve on, as the store resolves them (a
    naive time is UTC)."""
    if moment is None:
        return None
    return (moment.astimezone(UTC) if moment.tzinfo else moment).date()
