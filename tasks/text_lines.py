"""Line features of plain-text page scrapes: length, sentence ending, stop words, boilerplate."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import justext

from tasks.language import detect_language

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
SCORE_BY_KIND = {"near": 0.3, "item": -0.2, "link": -0.7, "bad": -3.0, "soft": -6.0}
ITEM_MIN_WORDS = 5
TRUNCATED_MAX_WORDS, TRUNCATED_MAX_CHARS = 10, 100  # teaser headlines cut short with "..."
SHORT_LINE_CHARS = 200  # copyright, promo and "follow us" lines are shorter than this
PARAGRAPH_CHARS = 300  # a line this long is prose, whatever words it contains


def alternation(*phrases: str) -> str:
    """Join regex fragments into one non-capturing alternation."""
    return "(?:" + "|".join(phrases) + ")"


# Multilingual phrase lists (en, id, ru, zh, ko, ja, ar, fr, es, de), matched case-insensitively.
END_MARKERS = alternation(
    "baca juga", "berita terkait", "artikel terkait", "lanjut baca.*", "rekomendasi",
    "berita terkini", "terpopuler", "populer",
    "related(?: articles| stories| posts| coverage| news| topics| content| reading)?",
    "read more", "more from .{1,30}", "more stories", "recommended(?: for you| stories)?",
    "you (?:may|might) also like", "most (?:popular|read|viewed)", "trending(?: now)?",
    "tags?", "topics", "share this(?: article)?", "comments?", "leave a (?:comment|reply)",
    "читайте также", "похожие (?:статьи|новости)", "смотрите также", "материалы по теме",
    "相关(?:新闻|阅读|文章|推荐|报道)", "推荐阅读", "热门推荐", "延伸阅读",
    r"관련\s?기사", "많이 본 뉴스", "関連記事", "関連ニュース",
    "مواضيع ذات صلة", "اقرأ أيضاً?", "الأكثر (?:قراءة|تصفحاً?)",
    "à lire aussi", "lire aussi", "sur le même sujet", "noticias relacionadas",
    "te puede interesar", "lee también", "mehr zum thema", "das könnte sie auch interessieren",
    "weitere artikel",
)  # fmt: skip
INLINE_LINKS = alternation(
    "baca juga", "simak juga", "lihat juga", "read also", "also read", "read more", "see also",
    "related", "читайте также", "lire aussi", "lee también", "lea también", "mehr zum thema",
    "延伸阅读", "相关阅读", "관련 기사", "اقرأ أيضا",
)  # fmt: skip
COMMENT_WORDS = alternation(
    "comments?", "responses?", "replies", "komentar", r"комментари\w*", "commentaires?",
    "comentarios?", "kommentare", "评论", "댓글", "コメント",
)  # fmt: skip
CAPTION_WORDS = alternation(
    "foto", "photo", "photograph", "image", "picture", "gambar", "ilustrasi", "illustration",
    "credits?", "sumber foto", "фото", "фотография", "иллюстрация", "写真", "사진", "图片", "图",
    "صورة", "الصورة", "bild", "imagen",
)  # fmt: skip
PHOTO_AGENCIES = alternation(
    "getty images", "reuters", "ap photo", "afp", "epa", "shutterstock", "istock",
    "associated press", "ria novosti", "antara",
)  # fmt: skip
BOILERPLATE_LINES = alternation(
    "advertisement", "advertising", "sponsored", "iklan", "реклама", "广告", "광고", "anzeige",
    "publicité", "publicidad", r"loading\.*", "scroll to continue.*", "share(?: on)? .{0,30}",
    "follow us.*", "subscribe.*", "sign up.*", "log ?in", "sign in", "print", "email",
    "skip to .*", "back to top", "next", "previous", "a a a", "a+ a-", r"\W*",
    r"\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?",  # a bare time: timelines, video players
    r"\d{1,3}\s*(?:/|of|dari|из|de|von)\s*\d{1,3}\b.*",  # a gallery counter such as "2/50"
)  # fmt: skip
PROMO_PHRASES = alternation(
    "klik disini", "click here", "download (?:the )?app", "subscribe to", "sign up for",
    "newsletter", "follow us on", "dapatkan berita", "join our", "подпишитесь", "подписывайтесь",
    "abonnez-vous", "suscríbete", "abonnieren sie", "关注我们", "구독",
)  # fmt: skip
SOCIAL_NETWORKS = alternation(
    "telegram", "whatsapp", "facebook", "twitter", "instagram", "youtube", "tiktok", "вконтакте",
    "google news", "wechat",
)  # fmt: skip
TAG_LABELS = alternation(
    "tags?", "topik", "теги", "тэги", "etiquetas", "schlagwörter", "mots-clés", "標籤", "标签",
    "태그", "タグ", "الوسوم",
)  # fmt: skip
BYLINE_LABELS = alternation(
    "by", "oleh", "penulis", "reporter", "editor", "par", "por", "von", "автор", "文", "记者",
    "기자", "作者",
)  # fmt: skip
RELATIVE_UNITS = alternation(
    "sec", "second", "min", "minute", "menit", "detik", "jam", "hari", "hour", "hr", "day", "week",
    "minggu", "bulan", "month", "year", "мин", "час", "дн", "день", "сек", "heure", "jour",
    "minuto", "hora", "día", "stunde", "tag",
)  # fmt: skip

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
RELATIVE_TIME_RE = re.compile(
    rf"^(?:\d+|an?|one|se)\s*{RELATIVE_UNITS}\w*\.?\s*(?:ago|yang lalu|lalu|назад)?\s*$"
    r"|^(?:vor|il y a|hace)\s+\d+\s+\w+$"
    r"|^\d+\s*(?:分钟|小时|天|分|時間|日|분|시간|일)\s*前$|^\d+\s*(?:분|시간|일)\s*전$",
    re.I,
)
CAPTION_RE = re.compile(
    rf"(?:^|[\s.(|]){CAPTION_WORDS}\s*(?:[:/|©=]|by\b|credit\b).{{0,80}}$"
    r"|^(?:image|media|photo|video)\s+(?:caption|copyright|credit)|^©\s*\D|^图为|\s摄$"
    rf"|[(\[]?{PHOTO_AGENCIES}(?:/[\w ]+)?[)\]]?\s*$",
    re.I,
)
EDITOR_INITIALS_RE = re.compile(r"^[(\[][a-z]{2,5}(?:[/,.-]\s?[a-z]{2,5})*[)\]]$")
COPYRIGHT_RE = re.compile(
    r"^(?:copyright|hak cipta)\b|all rights reserved|(?:©|\(c\)|copyright)\s*(?:19|20)\d\d"
    r"|版权所有|저작권|著作権",
    re.I,
)
COMMENTS_RE = re.compile(
    rf"^(?:there (?:are|is) )?(?:\d+|no) {COMMENT_WORDS}|^{COMMENT_WORDS}\s*[(:\d]"
    r"|^(?:leave a (?:comment|reply)|add a comment|post a comment|join the discussion"
    r"|tulis komentar)"
    r"|^(?:view|show|read|see|load|lihat|tampilkan)\s+(?:all\s+)?(?:\d+\s+)?(?:comments?|komentar)\b",
    re.I,
)
CLOSING_RE = re.compile(f"{COMMENTS_RE.pattern}|{COPYRIGHT_RE.pattern}", re.I)
END_MARKER_RE = re.compile(rf"^{END_MARKERS}\s*:?$", re.I)
INLINE_LINK_RE = re.compile(rf"^{INLINE_LINKS}\s*[:：-]\s*\S", re.I)
TAGS_RE = re.compile(rf"^{TAG_LABELS}\s*[:：]", re.I)
BOILERPLATE_RE = re.compile(rf"^{BOILERPLATE_LINES}$", re.I)
PROMO_RE = re.compile(rf"\b{PROMO_PHRASES}\b", re.I)
SOCIAL_RE = re.compile(rf"\b{SOCIAL_NETWORKS}\b|微信|微博|카카오", re.I)
BYLINE_RE = re.compile(rf"^{BYLINE_LABELS}\b[\s:]+\S.{{0,80}}$|\s기자$", re.I)


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
    lines: list[Line] = []
    blank = True
    for raw in text.splitlines():
        cleaned = clean_line(raw)
        if not cleaned:
            blank = True
            if lines:
                lines[-1].blank_after = True
            continue
        previous = lines[-1] if lines else None
        if previous and not blank and len(previous.text) >= WRAP_MIN_CHARS and cleaned[0].islower():
            previous.text = previous.text + ("" if previous.text.endswith("-") else " ") + cleaned
        else:
            lines.append(Line(cleaned, blank_before=blank))
        blank = False
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

    'end' closes an article, 'soft' most likely does, 'bad' and 'link' (an inline "Read also: ...")
    are dropped from the body.
    """
    short = len(text) < SHORT_LINE_CHARS
    if (
        EDITOR_INITIALS_RE.match(text)
        or COMMENTS_RE.match(text)
        or (short and COPYRIGHT_RE.search(text))
    ):
        return "end"
    if END_MARKER_RE.match(text) or TAGS_RE.match(text):
        return "soft"
    if len(text) > PARAGRAPH_CHARS:
        return None
    if INLINE_LINK_RE.match(text):
        return "link"
    if BOILERPLATE_RE.match(text) or RELATIVE_TIME_RE.match(text):
        return "bad"
    if is_truncated_headline(text):
        return "bad"
    if CAPTION_RE.search(text) and not ends_like_sentence(text):
        return "bad"
    if short and PROMO_RE.search(text):
        return "bad"
    return None


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
        measure(line, stopwords)
        classify(line)
    return lines, language
