"""Line features of plain-text page scrapes: length, sentence ending, stop words, boilerplate."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import justext

from tasks.extract.dates import LABEL_RE, SEPARATOR_RE, looks_like_date
from tasks.extract.language import detect_language
from tasks.extract.text.phrases import (
    AD_RE,
    APPEAL_RE,
    BOILERPLATE_RE,
    BYLINE_RE,
    COMMENTS_RE,
    COPYRIGHT_RE,
    CREDIT_TAIL_RE,
    EDITOR_INITIALS_RE,
    END_MARKER_RE,
    INLINE_LINK_RE,
    OFFER_RE,
    PAYWALL_RE,
    PROMO_RE,
    RELATIVE_TIME_RE,
    SIGNOFF_RE,
    SLIDE_COUNTER_RE,
    STAMP_RE,
    TAGS_RE,
    TIMELINE_ENTRY_RE,
    TRUST_RE,
    find_caption,
)

# ISO 639-1 code (as py3langid gives it) -> jusText stop-list name.
JUSTEXT_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian",
    "bg": "Bulgarian", "bn": "Bengali", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "jv": "Javanese", "ka": "Georgian", "kk": "Kazakh",
    "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam",
    "mr": "Marathi", "ms": "Malay", "nb": "Norwegian_Bokmal", "ne": "Nepali", "nl": "Dutch",
    "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian",
    "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
    "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek",
    "vi": "Vietnamese",
}  # fmt: skip
FALLBACK_LANGUAGES = ("English", "Indonesian", "Russian", "French", "Spanish", "German", "Arabic")
WRAP_MIN_CHARS = 40
LANGUAGE_LINE_CHARS, LANGUAGE_MIN_CHARS = 40, 200
IDEOGRAPH_WEIGHT = 3  # a Chinese or Japanese character carries about what three letters do

# Line weights (characters, ideographs counted thrice) that make a line prose-like.
GOOD_MIN_WEIGHT = 70  # a sentence this long is article text
GOOD_LONG_WEIGHT = 200  # a line this long without end punctuation still is
NEAR_MIN_WEIGHT = 30  # a shorter sentence helps a little
NEAR_LONG_WEIGHT = 100
PARAGRAPH_MIN_WEIGHT = 40  # a line with blank lines on both sides is a <p> of its own
CHARS_PER_WORD = 6  # to count "words" in scripts written without spaces
CODE_MIN_CHARS = 15
LOW_STOP_DENSITY = 0.1
GOOD_STOP_DENSITY = 0.2
MAX_LINE_SCORE = 5.0
SCORE_BY_KIND = {
    "near": 0.3, "item": -0.2, "link": -0.7, "bad": -3.0, "soft": -6.0, "stamp": -1.0, "date": -0.7,
    "ad": -0.5,
}  # fmt: skip
ITEM_MIN_WORDS = 5
TRUNCATED_MAX_WORDS, TRUNCATED_MAX_CHARS = 10, 100  # teaser headlines cut short with "..."
SHORT_LINE_CHARS = 200  # copyright, promo and "follow us" lines are shorter than this
PARAGRAPH_CHARS = 300  # a line this long is prose, whatever words it contains
APPEAL_MAX_CHARS = 700  # a donation appeal is a paragraph or two, not an article
CAPTION_MIN_CHARS = 40  # a gallery caption left after its slide number, not "2 / 50 photos"
DATE_LINE_MAX_WORDS = 5  # longer date lines without a time or label cite it ("Doe (3 May 2001)")


WORD_RE = re.compile(r"\w+")
IDEOGRAPH_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Scripts written without spaces between words (CJK, Thai, Lao, Burmese, Khmer).
DENSE_RE = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
ZERO_WIDTH_RE = re.compile(r"[\u200b-\u200f\u2060\ufeff\xad]")
SPACE_RE = re.compile(r"[ \t\xa0\u3000]+")
CLOSERS = "\"'”’»)]）」』】*"
TERMINALS = frozenset(".!?。！？؟۔।…:;")
BULLET_RE = re.compile(r"^(?:[-+*•·–—▪►‣◦]|\d{1,2}[.)])\s+\w")
CODE_CHAR_RE = re.compile(r"[{}();=<>\[\]│]|//|\$\w")
TRUNCATED_RE = re.compile(r"(?:\.\.\.|…)\s*$")
NO_PARENTHESES = str.maketrans("", "", "()")
CLOCK_RE = re.compile(r"(?<!\d)\d{1,2}[:.h]\d{2}(?!\d)")


@dataclass(slots=True)
class Line:
    """One non-blank line of a scrape with the features the block finder uses."""

    text: str
    blank_before: bool
    blank_after: bool = False
    weight: int = 0  # length in characters, ideographs counted IDEOGRAPH_WEIGHT times
    words: int = 0
    terminal: bool = False
    stop_density: float = 0.0
    kind: str = "short"  # good, near, item, short, link, bad, soft, end
    score: float = 0.0


def clean_line(text: str) -> str:
    """Normalise Unicode, drop zero-width characters and squeeze spaces."""
    text = ZERO_WIDTH_RE.sub("", unicodedata.normalize("NFC", text))
    return SPACE_RE.sub(" ", text).strip()


def split_lines(text: str) -> list[Line]:
    """Split a scrape into non-blank lines, remembering which sit next to blank lines.

    Hard-wrapped prose (a line of WRAP_MIN_CHARS or more followed, without a blank line, by one
    that starts in lower case) is joined back into one line.
    """
    # Pieces of each line, joined once at the end: joining as lines come is quadratic in a
    # scrape of many wrapped lines.
    pieces: list[list[str]] = []
    sizes: list[int] = []
    lines: list[Line] = []
    blank = True
    for raw in text.splitlines():
        cleaned = clean_line(raw)
        if not cleaned:
            blank = True
            if lines:
                lines[-1].blank_after = True
            continue
        if pieces and not blank and sizes[-1] >= WRAP_MIN_CHARS and cleaned[0].islower():
            separator = "" if pieces[-1][-1].endswith("-") else " "
            pieces[-1] += (separator, cleaned)
            sizes[-1] += len(separator) + len(cleaned)
        else:
            pieces.append([cleaned])
            sizes.append(len(cleaned))
            lines.append(Line(cleaned, blank_before=blank))
        blank = False
    for line, parts in zip(lines, pieces, strict=True):
        if len(parts) > 1:
            line.text = "".join(parts)
    return lines


def page_language(lines: list[Line]) -> str | None:
    """Detect the page's language from its longer lines, where the prose is, not from its menus."""
    prose = "\n".join(line.text for line in lines if len(line.text) >= LANGUAGE_LINE_CHARS)
    sample = prose if len(prose) >= LANGUAGE_MIN_CHARS else "\n".join(x.text for x in lines)
    return detect_language(sample)


@lru_cache(maxsize=32)
def stopwords_for(language: str | None) -> frozenset[str]:
    """Return jusText's stop words for a language, or a union of common ones when it has none."""
    name = JUSTEXT_NAMES.get(language or "")
    if name:
        return frozenset(justext.get_stoplist(name))
    return frozenset().union(*(justext.get_stoplist(fallback) for fallback in FALLBACK_LANGUAGES))


def dense_chars(text: str) -> int:
    """Count characters of scripts written without spaces between words."""
    return len(DENSE_RE.findall(text))


def ends_like_sentence(text: str) -> bool:
    """Tell whether a line ends with sentence punctuation, ignoring closing quotes and brackets."""
    stripped = text.rstrip(CLOSERS + " ")
    if not stripped:
        return False
    if (
        stripped[-1] in ".…"
        and TRUNCATED_RE.search(stripped)
        and len(stripped) < TRUNCATED_MAX_CHARS
    ):
        return False
    return stripped[-1] in TERMINALS


def is_truncated_headline(text: str) -> bool:
    """Tell whether a line is a headline cut short with an ellipsis, as in teaser lists."""
    if not TRUNCATED_RE.search(text) or len(text) >= TRUNCATED_MAX_CHARS:
        return False
    return len(text.split()) <= TRUNCATED_MAX_WORDS or dense_chars(text) > len(text) / 3


def is_code(text: str) -> bool:
    """Tell whether a line looks like program code rather than prose or navigation."""
    return len(CODE_CHAR_RE.findall(text)) >= 2 and len(text) >= CODE_MIN_CHARS


def boilerplate_kind(text: str) -> str | None:
    """Name a line's boilerplate kind, or None.

    'end' closes an article (copyright, comments, a wire sign-off, a paywall notice), 'soft' most
    likely does, 'bad' and 'link' (an inline "Read also: ...") are dropped from the body. 'stamp'
    (the time over a live-blog post) and 'ad' (an ad slot's label) are dropped too, but cost little:
    they sit between an article's paragraphs.
    """
    short = len(text) < SHORT_LINE_CHARS
    if (
        EDITOR_INITIALS_RE.match(text)
        or COMMENTS_RE.match(text)
        or (short and (COPYRIGHT_RE.search(text) or SIGNOFF_RE.search(text)))
        or (short and PAYWALL_RE.search(text))  # the visible teaser of a paywalled article ends
    ):
        return "end"
    if END_MARKER_RE.match(text) or TAGS_RE.match(text):
        return "soft"
    if len(text) <= APPEAL_MAX_CHARS and APPEAL_RE.search(text):
        return "bad"
    if len(text) > PARAGRAPH_CHARS:
        return None
    if INLINE_LINK_RE.match(text):
        return "link"
    if STAMP_RE.match(text):
        return "stamp"
    if AD_RE.match(text) or all_boilerplate(text):
        return "ad"
    if BOILERPLATE_RE.match(text) or RELATIVE_TIME_RE.match(text):
        return "bad"
    if short and TIMELINE_ENTRY_RE.match(text) and not looks_like_date(text):
        return "bad"
    if is_truncated_headline(text):
        return "bad"
    if find_caption(text) and not ends_like_sentence(text):
        return "bad"
    if short and (PROMO_RE.search(text) or OFFER_RE.search(text) or TRUST_RE.search(text)):
        return "bad"
    return None


def all_boilerplate(text: str) -> bool:
    """Tell whether every part of a "Advertisement · Scroll to continue" line is boilerplate."""
    parts = SEPARATOR_RE.split(text)
    return len(parts) > 1 and all(AD_RE.match(part) or BOILERPLATE_RE.match(part) for part in parts)


def is_date_line(line: Line) -> bool:
    """Tell whether a line states a date (and maybe a byline) rather than cites one in passing."""
    if line.terminal or is_code(line.text.translate(NO_PARENTHESES)):
        return False  # a table row or code, which may hold dates
    if not looks_like_date(line.text):
        return False
    return line.words <= DATE_LINE_MAX_WORDS or any(
        pattern.search(line.text) for pattern in (CLOCK_RE, LABEL_RE, BYLINE_RE)
    )


def strip_caption_marks(text: str) -> str:
    """Drop a gallery slide number before a caption and a photo credit after its last sentence."""
    match = SLIDE_COUNTER_RE.match(text)
    if match and len(text) - match.end() >= CAPTION_MIN_CHARS and not text[match.end()].islower():
        text = text[match.end() :]
    return CREDIT_TAIL_RE.sub("", text)


def measure(line: Line, stopwords: frozenset[str]) -> None:
    """Fill a line's length, word count, sentence ending and stop-word density."""
    dense = dense_chars(line.text)
    words = [w.casefold() for w in WORD_RE.findall(line.text)]
    line.weight = len(line.text) + (IDEOGRAPH_WEIGHT - 1) * len(IDEOGRAPH_RE.findall(line.text))
    spaceless = dense > len(line.text) / 3
    line.words = max(len(words), line.weight // CHARS_PER_WORD) if spaceless else len(words)
    line.terminal = ends_like_sentence(line.text)
    if words and not spaceless:
        line.stop_density = sum(w in stopwords for w in words) / len(words)
    else:
        line.stop_density = -1.0  # not measurable: dense script


def classify(line: Line) -> None:
    """Give a measured line its kind and score."""
    kind = boilerplate_kind(line.text)
    if kind is None:
        sparse = 0 <= line.stop_density < LOW_STOP_DENSITY and line.weight < 2 * GOOD_LONG_WEIGHT
        wordy = line.stop_density < 0 or line.stop_density >= GOOD_STOP_DENSITY
        if (line.terminal and line.weight >= GOOD_MIN_WEIGHT and not sparse) or (
            line.weight >= GOOD_LONG_WEIGHT and wordy
        ):
            kind = "good"
        elif (line.terminal and line.weight >= NEAR_MIN_WEIGHT) or (
            line.weight >= NEAR_LONG_WEIGHT and wordy
        ):
            kind = "near"
        elif is_date_line(line):
            kind = "date"  # a date line, with or without a byline: not article text
        elif line.blank_before and line.blank_after and line.weight >= PARAGRAPH_MIN_WEIGHT:
            kind = "near"  # a paragraph of its own, as <p> elements are
        elif (
            (line.words >= ITEM_MIN_WORDS and line.stop_density >= GOOD_STOP_DENSITY)
            or is_code(line.text)
            or BULLET_RE.match(line.text)
        ):
            kind = "item"  # list item, subheading or code: kept inside an article, weak outside
        else:
            kind = "short"
    line.kind = kind
    if kind == "good":
        line.score = min(MAX_LINE_SCORE, 0.5 + line.weight / NEAR_LONG_WEIGHT)
    elif kind == "item" and BULLET_RE.match(line.text):
        line.score = 0.0
    elif kind == "short":
        line.score = -1.0 if line.words <= 2 else -0.7
    else:
        line.score = SCORE_BY_KIND.get(kind, 0.0)


def read_lines(text: str) -> tuple[list[Line], str | None]:
    """Split a scrape into lines, detect the page's language, and measure and classify each line."""
    lines = split_lines(text)
    language = page_language(lines)
    stopwords = stopwords_for(language)
    for line in lines:
        line.text = strip_caption_marks(line.text)
        measure(line, stopwords)
        classify(line)
    return lines, language
