"""Leader lists and mention matching: one Aho-Corasick automaton over every alias."""

from __future__ import annotations

import csv
import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import ahocorasick

from tasks.errors import KabarError
from tasks.records import Article

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

# Characters folded before matching; each maps to one character, so offsets stay valid.
FOLD = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u00ad": "-",
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


@dataclass(frozen=True, slots=True)
class LeaderList:
    """Leaders and their aliases (from a CSV file or the registry), and their terms in office."""

    leaders: tuple[Leader, ...]
    aliases: tuple[Alias, ...]
    terms: tuple[Term, ...] = ()

    @property
    def version(self) -> str:
        """A hash of the aliases: mentions counted with another version are stale.

        A language joins the hash only when set, so lists without languages keep their version.
        """
        digest = hashlib.sha256()
        for alias in sorted(self.aliases, key=lambda a: (a.leader, a.kind, a.text, a.language)):
            language = f"\t{alias.language}" if alias.language else ""
            digest.update(f"{alias.leader}\t{alias.kind}\t{alias.text}{language}\n".encode())
        return digest.hexdigest()[:16]

    @property
    def terms_version(self) -> str:
        """A hash of the terms and countries: in_office answers with another version are stale."""
        digest = hashlib.sha256()
        for leader in sorted(self.leaders, key=lambda leader: leader.name):
            digest.update(f"{leader.name}\t{leader.country}\n".encode())
        for term in sorted(self.terms, key=lambda t: (t.office, t.start, t.person)):
            digest.update(repr(term).encode())
        return digest.hexdigest()[:16]


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


def fold(text: str) -> str:
    """Fold space and hyphen variants so `Kim Jong‑un` matches `Kim Jong-un`."""
    return text.translate(FOLD)


def _script(char: str) -> str:
    """The first word of a character's Unicode name (`CJK`, `HANGUL`, `LATIN`...)."""
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class MentionMatcher:
    """Finds leader mentions in text: whole words, leftmost-longest, ambiguous aliases gated."""

    def __init__(self, aliases: Sequence[Alias]):
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list[Alias]] = {}
        for alias in aliases:
            entries.setdefault(fold(alias.text), []).append(alias)
        for key, group in entries.items():
            script = _script(key[0])
            check_left = script not in UNSPACED_SCRIPTS + PREFIXED_SCRIPTS
            check_right = script not in UNSPACED_SCRIPTS
            self._automaton.add_word(key, (len(key), check_left, check_right, tuple(group)))
        self._empty = not entries
        if entries:
            self._automaton.make_automaton()

    def find(self, body: str) -> list[Mention]:
        """All counted mentions in `body`, in order of position."""
        if self._empty or not body:
            return []
        text = fold(body) + END_OF_TEXT
        found: list[tuple[int, int, Alias]] = []
        for end, (length, check_left, check_right, group) in self._automaton.iter_long(text):
            start = end - length + 1
            if check_left and start > 0 and _is_word_char(text[start - 1]):
                continue
            if check_right and end + 1 < len(text) and _is_word_char(text[end + 1]):
                continue
            found.extend((start, end + 1, alias) for alias in group)
        named = {alias.leader for _, _, alias in found if alias.kind == "name"}
        return [
            Mention(alias.leader, start, end, body[start:end])
            for start, end, alias in found
            if alias.kind == "name" or (alias.kind == "ambiguous" and alias.leader in named)
        ]

    def count(self, body: str) -> dict[str, int]:
        """Mentions per leader in `body`."""
        return dict(Counter(mention.leader for mention in self.find(body)))

    def annotate(self, article: Article) -> None:
        """Give an extracted article its mention spans and counts per leader."""
        found = self.find(article.body)
        article.mention_spans = [(m.leader, m.start, m.end) for m in found]
        article.mentions = dict(Counter(m.leader for m in found))
