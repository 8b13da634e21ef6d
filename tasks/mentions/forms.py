"""Name forms generated from each alias, per language and script, instead of listed by hand.

A leader list holds a name once (`Donald Tusk`, `Путин`, `Erdoğan`); articles write it inflected
(`Donalda Tuska`, `Путиным`, `Erdoğanın`, `Putins`, `Orbánnal`) or without its diacritics
(`Erdogan`). Every `name` and `ambiguous` alias in Latin or Cyrillic script is expanded here by
rule, and the forms go into the matcher's one automaton beside the listed aliases, with the same
leader and kind. Chinese, Japanese and Korean full names give surname-plus-title forms
(`習主席`, `윤 대통령`), which count as ambiguous: only in an article that names the leader in full.

Generation is bounded: a generated form is dropped when it is a word of the stop list (a common
word or a derived word such as `Putinist`, see `data/mentions/stop_forms.csv`), when it is another
leader's alias or an excluded phrase, or when two leaders' rules make the same string.
"""

from __future__ import annotations

import csv
import hashlib
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tasks.errors import KabarError
from tasks.settings import ROOT

MENTIONS_DATA = ROOT / "data" / "mentions"
STOP_FORMS = MENTIONS_DATA / "stop_forms.csv"
TITLES = MENTIONS_DATA / "titles.csv"
NAMED_AFTER = MENTIONS_DATA / "named_after.csv"

# Raise when a rule changes what is generated: stored mentions counted under another version of
# the rules (or of the title lexicon or stop list) are then recounted, as for a new leader list.
RULES_VERSION = "4"

# Words shorter than this are not inflected: `Xi`, `Li`, `AKD` give noise, not names.
MIN_STEM = 3

LATIN_VOWELS = set("aeiouyáéíóúýàèìòùâêîôûäëïöüőűąęåæøœãõ")
BACK_VOWELS = set("aáoóuúı")
ROUNDED_FRONT = set("öőüű")
TURKISH_HARD = set("fstkçşhp")
CZECH_SOFT = set("jžščřcťďň")
CYRILLIC_VOWELS = set("аеёиоуыэюяіїє")
CYRILLIC_HUSHING = set("жшщчц")

# Letters that do not decompose into a base letter and a mark.
ASCII_EXTRA = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "ə": "e",
        "Ə": "E",
    }
)

Inflect = Callable[[str], dict[str, str]]


@dataclass(frozen=True, slots=True)
class Title:
    """A title or honorific of the lexicon, `before` a name (`President`) or `after` it (`主席`)."""

    text: str
    language: str
    office: str
    position: str


# ---- Latin script --------------------------------------------------------------------------


def _stem_class(word: str) -> str:
    lower = word.lower()
    if lower.endswith(("ski", "cki", "dzki", "ský", "cký")):
        return "adjectival"
    if lower.endswith(("skyj", "skij", "skyi", "skiy", "skyy", "sky")):
        return "transliterated"
    if lower[-1] == "a":
        return "a"
    if lower[-1] == "o":
        return "o"
    if lower[-1] in LATIN_VOWELS:
        return "vowel"
    return "consonant"


# Polish `-e` endings soften the consonant before them (`Duda` → `Dudzie`, `Tusk` → `Tusku` is
# the masculine exception, `Nawrocki` is adjectival): longest ending first.
POLISH_SOFTENED = (
    ("st", "ście"),
    ("sł", "śle"),
    ("zd", "ździe"),
    ("ch", "sze"),
    ("t", "cie"),
    ("d", "dzie"),
    ("r", "rze"),
    ("ł", "le"),
    ("k", "ce"),
    ("g", "dze"),
    ("s", "sie"),
    ("z", "zie"),
    ("n", "nie"),
    ("m", "mie"),
    ("b", "bie"),
    ("p", "pie"),
    ("w", "wie"),
    ("f", "fie"),
)


def _polish_softened(stem: str) -> str | None:
    """The a-stem dative and locative (`Dud` → `Dudzie`, `Belk` → `Belce`); None after a soft
    consonant, where they are the genitive (`Hołowni`, `Kulczycy`)."""
    lower = stem.lower()
    for ending, softened in POLISH_SOFTENED:
        if lower.endswith(ending):
            return stem[: len(stem) - len(ending)] + softened
    return None


def _without_fleeting_e(word: str) -> str:
    """The stem West and South Slavic case endings go on: a final `-ek` after a consonant loses
    its `e` (`Franciszek` → `Franciszka`, `Topolánek` → `Topolánka`, `Drnovšek` → `Drnovška`)."""
    lower = word.lower()
    if len(word) > 3 and lower.endswith("ek") and lower[-3] not in LATIN_VOWELS:
        return word[:-2] + word[-1]
    return word


def _polish(word: str) -> dict[str, str]:
    kind, last = _stem_class(word), word[-1].lower()
    if kind == "adjectival" and word.lower().endswith("i"):
        stem = word[:-1]
        return {"gen": stem + "iego", "dat": stem + "iemu", "ins": stem + "im"}
    if kind == "a":
        # Masculine surnames in -a decline as feminine nouns do: `Duda`, `Dudy`, `Dudzie`,
        # `Dudę`, `Dudą`.
        stem = word[:-1]
        if stem[-1].lower() == "i":  # `Hołownia` → `Hołowni`
            genitive = stem
        else:
            genitive = stem + ("i" if stem[-1].lower() in "kglj" else "y")
        softened = _polish_softened(stem) or genitive
        return {
            "gen": genitive,
            "dat": softened,
            "loc": softened,
            "acc": stem + "ę",
            "ins": stem + "ą",
        }
    if kind != "consonant":
        return {}
    velar = last in "kg"
    stem = _without_fleeting_e(word)
    locative = {"t": stem[:-1] + "cie", "d": stem[:-1] + "dzie", "r": stem[:-1] + "rze"}.get(last)
    if locative is None:
        locative = stem + ("u" if last in "kghzjlx" or stem.lower().endswith("ch") else "ie")
    return {
        "gen": stem + "a",
        # A man is animate: his accusative is his genitive (`prezydenta Andrzeja Dudę`).
        "acc": stem + "a",
        "dat": stem + "owi",
        "ins": stem + ("iem" if velar else "em"),
        "loc": locative,
    }


def _czech_slovak(word: str, instrumental: str) -> dict[str, str]:
    kind = _stem_class(word)
    lower = word.lower()
    if kind in ("adjectival", "transliterated"):
        if lower.endswith(("ský", "cký")):
            stem = word[:-1]
        else:
            stem = word[: len(word) - (len(lower) - len(lower.rstrip("ijy")))]
        return {"gen": stem + "ého", "dat": stem + "ému", "ins": stem + "ým", "loc": stem + "ém"}
    if kind == "a":
        # Czech masculine surnames in -a (`předseda`): `Dudy`, `Dudovi`, `Dudu`, `Dudou`.
        stem = word[:-1]
        return {"gen": stem + "y", "dat": stem + "ovi", "acc": stem + "u", "ins": stem + "ou"}
    if kind == "o":
        stem = word[:-1]
        return {"gen": stem + "a", "dat": stem + "ovi", "ins": stem + instrumental}
    if kind != "consonant":
        return {}
    # Animate: the accusative is the genitive (`Andreja Dudu`).
    return {"gen": word + "a", "acc": word + "a", "dat": word + "ovi", "ins": word + instrumental}


def _czech(word: str) -> dict[str, str]:
    if _stem_class(word) != "consonant":
        return _czech_slovak(word, "em")
    forms = _czech_slovak(_without_fleeting_e(word), "em")
    if word[-1].lower() in CZECH_SOFT:
        # A soft stem takes -e (`Andreje Babiše`), not the hard -a.
        forms |= {"gen": word + "e", "acc": word + "e"}
    return forms


def _slovak(word: str) -> dict[str, str]:
    if _stem_class(word) != "a":
        return _czech_slovak(word, "om")
    # Slovak men in -a decline as `hrdina` (`Dudu`, `Dudovi`, `Dudom`), women as `žena`
    # (`Zuzany`, `Zuzanou`): the registry has no gender, so both are made.
    stem = word[:-1]
    return {
        "gen": stem + "u",
        "dat": stem + "ovi",
        "acc": stem + "u",
        "ins": stem + "om",
        "gen2": stem + "y",
        "ins2": stem + "ou",
    }


def _south_slavic(word: str) -> dict[str, str]:
    """Slovene, Croatian, Serbian and Bosnian in Latin script."""
    kind = _stem_class(word)
    if kind == "adjectival":
        stem = word[:-1]
        return {"gen": stem + "og", "dat": stem + "om", "ins": stem + "im", "gen2": stem + "oga"}
    if kind == "a":
        stem = word[:-1]
        return {"gen": stem + "e", "dat": stem + "i", "acc": stem + "u", "ins": stem + "om"}
    if kind != "consonant":
        return {}
    soft = word[-1].lower() in "cčćšžjđ"
    stem = _without_fleeting_e(word)
    return {
        "gen": stem + "a",
        "acc": stem + "a",  # animate: as the genitive (`Andreja Dudu`)
        "dat": stem + "u",
        "ins": stem + ("em" if soft else "om"),
        "voc": stem + "e",
    }


def _lithuanian(word: str) -> dict[str, str]:
    if _stem_class(word) != "consonant":
        return {}
    return {
        "nom": word + "as",
        "gen": word + "o",
        "dat": word + "ui",
        "acc": word + "ą",
        "ins": word + "u",
        "loc": word + "e",
    }


def _latvian(word: str) -> dict[str, str]:
    if _stem_class(word) != "consonant":
        return {}
    return {
        "nom": word + "s",
        "gen": word + "a",
        "dat": word + "am",
        "acc": word + "u",
        "loc": word + "ā",
    }


def _harmony_a(word: str) -> str:
    """Finnish vowel harmony: `a` if the word has a back vowel, else `ä`."""
    return "a" if any(c in "aou" for c in word.lower()) else "ä"


def _finnish(word: str) -> dict[str, str]:
    a = _harmony_a(word)
    last = word[-1].lower()
    # A final -y after a consonant is said -i and declined as a consonant stem (`Zelenskyin`).
    if last in LATIN_VOWELS and not (last == "y" and word[-2].lower() not in LATIN_VOWELS):
        stem, illative = word, word + last + "n"
    else:
        stem, illative = word + "i", word + "iin"
    return {
        "gen": stem + "n",
        "part": stem + ("t" + a if last in LATIN_VOWELS and last == "i" else a),
        "all": stem + "lle",
        "ade": stem + "ll" + a,
        "ela": stem + "st" + a,
        "ill": illative,
        "ess": stem + "n" + a,
        "tra": stem + "ksi",
        "abl": stem + "lt" + a,
        "ine": stem + "ss" + a,
    }


def _estonian(word: str) -> dict[str, str]:
    stem = word if word[-1].lower() in LATIN_VOWELS else word + "i"
    return {
        "gen": stem,
        "part": stem + "t",
        "all": stem + "le",
        "ade": stem + "l",
        "abl": stem + "lt",
        # No elative (`-st`, `Putinist`): it is the English `-ist` of derived words.
        "ill": stem + "sse",
        "com": stem + "ga",
        "ess": stem + "na",
        "tra": stem + "ks",
    }


def _last_vowel(word: str) -> str:
    for char in reversed(word.lower()):
        if char in LATIN_VOWELS or char == "ı":
            return char
    return "a"


def _hungarian(word: str) -> dict[str, str]:
    vowels = [c for c in word.lower() if c in LATIN_VOWELS]
    back = any(c in BACK_VOWELS for c in vowels) or not vowels
    rounded = bool(vowels) and vowels[-1] in ROUNDED_FRONT

    def pick(back_form: str, front_form: str, rounded_form: str | None = None) -> str:
        if back:
            return back_form
        return rounded_form if rounded and rounded_form else front_form

    last = word[-1]
    if last.lower() in LATIN_VOWELS:
        stem = word[:-1] + {"a": "á", "e": "é"}.get(last, last)
        accusative, instrumental = stem + "t", stem + pick("val", "vel")
    else:
        stem = word
        sonorant = last.lower() in "nlrsjzy"
        accusative = word + ("t" if sonorant else pick("ot", "et", "öt"))
        instrumental = word + last + pick("al", "el")
    return {
        "dat": stem + pick("nak", "nek"),
        "acc": accusative,
        "ins": instrumental,
        "all": stem + pick("hoz", "hez", "höz"),
        "del": stem + pick("ról", "ről"),
        "abl": stem + pick("tól", "től"),
        "sub": stem + pick("ra", "re"),
        "ade": stem + pick("nál", "nél"),
        "pos": stem + "é",
        "fam": stem + "ék",
    }


def _turkish(word: str) -> dict[str, str]:
    """Case suffixes as written without the apostrophe (`Erdoğanın`); with it (`Erdoğan'ın`) the
    alias already ends at the apostrophe and matches as it is."""
    vowel = _last_vowel(word)
    four = {"a": "ı", "ı": "ı", "e": "i", "i": "i", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}.get(
        vowel, "i"
    )
    two = "a" if vowel in "aıou" else "e"
    last = word[-1].lower()
    if last in LATIN_VOWELS:
        return {
            "gen": word + "n" + four + "n",
            "acc": word + "y" + four,
            "dat": word + "y" + two,
            "loc": word + "d" + two,
            "abl": word + "d" + two + "n",
            "ins": word + "yl" + two,
        }
    d = "t" if last in TURKISH_HARD else "d"
    return {
        "gen": word + four + "n",
        "acc": word + four,
        "dat": word + two,
        "loc": word + d + two,
        "abl": word + d + two + "n",
        "ins": word + "l" + two,
    }


def _genitive_s(word: str) -> dict[str, str]:
    """German, Dutch and Scandinavian genitive -s (`Putins`, `Trumps`); names ending in a
    sibilant take an apostrophe, which already ends the alias."""
    if word[-1].lower() in "sxzß":
        return {}
    return {"gen": word + "s"}


# Languages whose case ending goes on every word of a name (`Donalda Tuska`) or only on the last
# (`Vladimir Putinin`, `Recep Tayyip Erdoğanın`).
EVERY_WORD: dict[str, Inflect] = {
    "pl": _polish,
    "cs": _czech,
    "sk": _slovak,
    "sl/hr/sr": _south_slavic,
    "lt": _lithuanian,
    "lv": _latvian,
}
LAST_WORD: dict[str, Inflect] = {
    "de/nl/sv/no/da": _genitive_s,
    "fi": _finnish,
    "et": _estonian,
    "hu": _hungarian,
    "tr": _turkish,
}


# ---- Cyrillic script -----------------------------------------------------------------------


def _cyrillic(word: str) -> dict[str, str]:
    """Russian, Ukrainian and Serbian case endings of one word (Bulgarian names do not decline)."""
    lower = word.lower()
    if lower.endswith(("ский", "цкий", "ський", "цький", "ий", "ый", "ой")):
        stem, soft = word[:-2], lower.endswith(("ський", "цький"))
        return {
            "gen": stem + "ого",
            "dat": stem + "ому",
            "ins": stem + ("им" if soft or lower.endswith("кий") else "ым"),
            "ins2": stem + "им",
            "loc": stem + ("ім" if soft else "ом"),
        }
    last = lower[-1]
    if last in "ьй":
        stem = word[:-1]
        return {
            "gen": stem + "я",
            "acc": stem + "я",  # animate: as the genitive (`Андрея Дуду`)
            "dat": stem + "ю",
            "ins": stem + "ем",
            "loc": stem + "е",
            "loc2": stem + "і",
        }
    if last == "а":
        stem = word[:-1]
        soft = stem[-1].lower() in "кгхжшщч"
        return {
            "gen": stem + ("и" if soft else "ы"),
            "gen2": stem + "и",
            "dat": stem + "е",
            "acc": stem + "у",
            "ins": stem + "ой",
            "ins2": stem + "ою",
            "loc2": stem + "і",
        }
    if last == "я":
        stem = word[:-1]
        return {"gen": stem + "и", "dat": stem + "е", "acc": stem + "ю", "ins": stem + "ей"}
    if last in CYRILLIC_VOWELS or not word[-1].isalpha():
        return {}
    surname = lower.endswith(("ин", "ын", "ов", "ев", "ёв", "ін", "їн"))
    return {
        "gen": word + "а",
        "acc": word + "а",
        "dat": word + "у",
        "dat2": word + "ові",
        "ins": word
        + ("ым" if surname and lower[-2] != "і" else "ем" if last in CYRILLIC_HUSHING else "ом"),
        "ins2": word + ("им" if surname else "ом"),
        "ins3": word + "ом",
        "loc": word + "е",
        "loc2": word + "і",
    }


# ---- Chinese, Japanese, Korean: surname + title ----------------------------------------------


@cache  # asked for every key of every automaton: a few hundred distinct characters
def script_of(char: str) -> str:
    """The first word of a character's Unicode name (`CJK`, `HANGUL`, `LATIN`...)."""
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]


def _surnames(text: str) -> list[str]:
    """Candidate surnames of a full name in Han or Hangul: Korean and Chinese surnames are one
    syllable (`윤석열`, `习近平`), Japanese ones mostly two characters (`石破茂`, `岸田文雄`). A
    foreign name in Hangul is two words, the surname first in a Japanese name (`기시다 후미오`)
    and last in a Western one (`윌리엄 루토`): either word, of two syllables or more."""
    if text.isascii():  # most aliases: neither Han nor Hangul
        return []
    words = text.split(" ")
    if len(words) == 2 and all(len(word) > 1 and _hangul(word) for word in words):
        return words
    if " " in text or "·" in text or not 2 < len(text) <= 4:
        return []
    scripts = {script_of(c) for c in text}
    if scripts == {"HANGUL"}:
        return [text[0]]
    if scripts == {"CJK"}:
        return [text[0], text[:2]] if len(text) > 2 else [text[0]]
    return []


def _hangul(word: str) -> bool:
    return all(script_of(char) == "HANGUL" for char in word)


def _cjk_title_forms(text: str, titles: Sequence[Title]) -> list[str]:
    surnames = _surnames(text)
    if not surnames:
        return []
    forms = []
    title_texts = {title.text for title in titles}
    for surname in surnames:
        if surname in title_texts:  # `모디 총리` is a name and its title already
            continue
        hangul = script_of(surname[0]) == "HANGUL"
        for title in titles:
            if title.position != "after" or script_of(title.text[0]) != script_of(surname[0]):
                continue
            forms.append(surname + title.text)
            if hangul:
                forms.append(f"{surname} {title.text}")
    return forms


# ---- Putting it together -------------------------------------------------------------------


def strip_diacritics(text: str) -> str:
    """`Erdoğan` → `Erdogan`, `Orbán` → `Orban`, `Wołodymyr` → `Wolodymyr`, `Медведёв` →
    `Медведев`."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text.translate(ASCII_EXTRA))
    base = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", base)


def _inflectable(word: str) -> bool:
    """Words of a few letters and acronyms (`AMLO`, `MBS`) are left as they are."""
    return len(word) >= MIN_STEM and word[-1].isalpha() and not word.isupper()


def _apply(words: list[str], inflect: Inflect, every: bool) -> set[str]:
    """One form per case: the case ending on every word that takes it, or on the last word."""
    targets = range(len(words)) if every else [len(words) - 1]
    per_word = {i: inflect(words[i]) if _inflectable(words[i]) else {} for i in targets}
    cases = {case for forms in per_word.values() for case in forms}
    out = set()
    for case in cases:
        inflected = [per_word.get(i, {}).get(case, word) for i, word in enumerate(words)]
        out.add(" ".join(inflected))
        if every and len(words) > 1 and case in per_word[len(words) - 1]:
            out.add(" ".join([*words[:-1], per_word[len(words) - 1][case]]))
    return out


# The rule groups, by the languages they serve; `cyrillic` is the Cyrillic script's rules.
CYRILLIC_RULES = "cyrillic"
CYRILLIC_LANGUAGES = ("ru", "uk", "be", "sr")


def rule_groups(language: str) -> frozenset[str]:
    """The rule groups whose forms an article in `language` (ISO 639-1) may use: none for a
    language whose names do not decline (`en`, `id`, `fr`...) or an unknown one."""
    groups = {group for group in (*EVERY_WORD, *LAST_WORD) if language in group.split("/")}
    if language in CYRILLIC_LANGUAGES:
        groups.add(CYRILLIC_RULES)
    return frozenset(groups)


def inflections(text: str, groups: Collection[str] | None = None) -> set[str]:
    """Every case form and diacritic-free spelling of one Latin or Cyrillic alias, the alias
    itself not included; with `groups`, the case forms of those rule groups only."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return set()
    scripts = {script_of(c) for c in letters}
    words = text.split(" ")
    forms: set[str] = set()
    if scripts == {"LATIN"}:
        for group, inflect in EVERY_WORD.items():
            if groups is None or group in groups:
                forms |= _apply(words, inflect, every=True)
        for group, inflect in LAST_WORD.items():
            if groups is None or group in groups:
                forms |= _apply(words, inflect, every=False)
    elif scripts == {"CYRILLIC"}:
        if groups is None or CYRILLIC_RULES in groups:
            forms |= _apply(words, _cyrillic, every=True)
    elif scripts == {"ARABIC"}:
        return _arabic_spellings(text)
    else:
        return set()
    forms |= {strip_diacritics(form) for form in forms | {text} if not form.isascii()}
    forms.discard(text)
    return forms


# `Abd al-` names are written as two words or one (`عبد الرحمن`, `عبدالرحمن`), by the same paper.
ABD_SPACED = "عبد ال"
ABD_JOINED = "عبدال"


def _arabic_spellings(text: str) -> set[str]:
    """The other spelling of every `Abd al-` in an Arabic name: `محمد بن عبد الرحمن` →
    `محمد بن عبدالرحمن`, and back."""
    forms = {text.replace(ABD_SPACED, ABD_JOINED), text.replace(ABD_JOINED, ABD_SPACED)}
    forms.discard(text)
    return forms


def load_stop_forms(path: str | Path = STOP_FORMS) -> frozenset[str]:
    """The stop list (`language,word`): generated forms that are common or derived words."""
    rows = _read_rows(path, ("language", "word"))
    return frozenset(row["word"].casefold() for row in rows)


def load_titles(path: str | Path = TITLES) -> tuple[Title, ...]:
    """The title lexicon (`title,language,office,position`), checked row by row."""
    titles = []
    for line, row in enumerate(_read_rows(path, ("title", "language", "office", "position")), 2):
        if row["position"] not in ("before", "after"):
            raise KabarError(
                f"{path}, line {line}: position '{row['position']}' must be 'before' or 'after'"
            )
        if row["office"] not in OFFICES:
            raise KabarError(
                f"{path}, line {line}: office '{row['office']}' is not one of {', '.join(OFFICES)}"
            )
        titles.append(Title(row["title"], row["language"], row["office"], row["position"]))
    return tuple(titles)


# Offices a title may name; `honorific` (Mr, 氏) names no office.
OFFICES = ("head_of_state", "head_of_government", "party_leader", "any", "honorific")


def _read_rows(path: str | Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise KabarError(f"cannot read {path}: {error.strerror}") from error
    checked = []
    for line, row in enumerate(rows, start=2):
        missing = [c for c in columns if not (row.get(c) or "").strip()]
        if missing:
            raise KabarError(
                f"{path}, line {line}: missing {', '.join(missing)}; "
                f"the columns are {','.join(columns)}"
            )
        checked.append({c: row[c].strip() for c in columns})
    return checked


@cache
def rules_version() -> str:
    """A digest of the generation rules' version and the data files they read."""
    digest = hashlib.sha256(RULES_VERSION.encode())
    for path in (STOP_FORMS, TITLES, NAMED_AFTER):
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()[:16]


@cache
def default_stop_forms() -> frozenset[str]:
    return load_stop_forms()


@dataclass(frozen=True, slots=True)
class NamedAfter:
    """Words that make a name beside them a place, building or organisation: `before` the name
    (`Instituto Lula`, `Aeropuerto`), or `after` it (`Trump Tower`, `Mandela Foundation`)."""

    before: frozenset[str]
    after: frozenset[str]


def load_named_after(path: str | Path = NAMED_AFTER) -> NamedAfter:
    """The named-after words (`language,position,word`), as written: capitalised, as a name's
    neighbour is (`via Putin` is not `Via Putin`)."""
    rows = _read_rows(path, ("language", "position", "word"))
    for line, row in enumerate(rows, start=2):
        if row["position"] not in ("before", "after"):
            raise KabarError(
                f"{path}, line {line}: position '{row['position']}' is not before or after"
            )
    return NamedAfter(
        frozenset(r["word"] for r in rows if r["position"] == "before"),
        frozenset(r["word"] for r in rows if r["position"] == "after"),
    )


@cache
def default_named_after() -> NamedAfter:
    return load_named_after()


@cache
def default_titles() -> tuple[Title, ...]:
    return load_titles()


def generate_forms(
    aliases: Iterable[tuple[str, str, str]],
    stop_forms: frozenset[str],
    titles: Sequence[Title],
    groups: Collection[str] | None = None,
) -> list[tuple[str, str, str]]:
    """Generated (leader, form, kind) triples for (leader, alias, kind) triples, bounded by the
    stop list, the listed aliases of every leader, and forms two leaders would share; with
    `groups`, only the case forms of those rule groups (diacritic-free spellings and CJK
    surname-and-title forms always)."""
    aliases = list(aliases)
    listed = {text for _, text, _ in aliases}
    ambiguous = {(leader, text) for leader, text, kind in aliases if kind == "ambiguous"}
    claims: dict[str, set[tuple[str, str]]] = {}
    titled: set[str] = set()
    for leader, text, kind in aliases:
        if kind not in ("name", "ambiguous"):
            continue
        # A spelling without diacritics that the list holds as ambiguous (`Støre` → `Store`, a
        # common word) passes that on to every form spelt without them (`Stores`).
        plain_kind = "ambiguous" if (leader, strip_diacritics(text)) in ambiguous else kind
        generated = [
            (form, plain_kind if form.isascii() and not text.isascii() else kind)
            for form in inflections(text, groups)
        ]
        # A surname with a title (`習主席`) names the leader only beside the full name.
        titled_forms = _cjk_title_forms(text, titles)
        titled |= set(titled_forms)
        generated += [(form, "ambiguous") for form in titled_forms]
        for form, generated_kind in generated:
            if form in listed or form.casefold() in stop_forms:
                continue
            claims.setdefault(form, set()).add((leader, generated_kind))
    generated = []
    for form, owners in claims.items():
        leaders = {leader for leader, _ in owners}
        if len(leaders) == 1:
            kinds = {kind for _, kind in owners}
            generated.append((leaders.pop(), form, "name" if "name" in kinds else "ambiguous"))
        elif form in titled:
            # `김 위원장` is Kim Jong-un's and Kim Jong-il's: ambiguous for each, it counts for
            # the one the article names in full (the matcher's rule for shared surnames).
            generated.extend((leader, form, "ambiguous") for leader in sorted(leaders))
    return generated
