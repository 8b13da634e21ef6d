"""Page bytes to text, in whatever encoding the page was written, without mojibake.

The order, from the surest evidence to the weakest: a byte-order mark; UTF-8 when the bytes are
UTF-8 (whatever the page declares: a header saying iso-8859-1 over UTF-8 bytes is the usual
lie), allowing a few invalid bytes, which become U+FFFD; the charsets the page declares (the
HTTP header, then a <meta> or XML declaration near the top), each only if the bytes decode
under it; detection with charset_normalizer on the page's text; UTF-8 with replacement. Only
the encodings browsers know are used, under the supersets browsers use (a page labelled
iso-8859-1 is read as windows-1252, gb2312 as gb18030). Decoding never raises.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from charset_normalizer import from_bytes

logger = logging.getLogger(__name__)

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose mark it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Labels pages use that Python does not know, as WHATWG's encoding standard reads them.
LABEL_ALIASES = {
    "windows-874": "cp874",
    "windows-31j": "cp932",
    "x-sjis": "cp932",
    "x-gbk": "gbk",
    "x-euc-jp": "euc_jp",
    "x-mac-cyrillic": "mac-cyrillic",
    "iso-8859-8-i": "iso8859-8",
}
# Declared encodings browsers decode with a superset; the superset is used here too.
SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}
# The other encodings of the web. UTF-16 and UTF-32 count only with a byte-order mark, and
# labels outside this list (utf-7, Python's own codecs such as unicode_escape) are ignored.
WEB_ENCODINGS = (
    "utf-8", "cp866", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "cp874",
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7", "iso8859-8",
    "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16",
    "gb18030", "big5hkscs", "euc_jp", "iso2022_jp", "cp932", "cp949",
)  # fmt: skip
WEB_CODECS = frozenset(codecs.lookup(name).name for name in WEB_ENCODINGS)
# Encodings detection may choose, the most used on the web first: detection often finds
# several that decode a text equally well (Spanish reads the same in windows-1250 and 1252 but
# for its ñ), and the first of those is taken. The ISO 8859 parts and Mac encodings are left
# out: on short text they are easily confused with the Windows code pages, far more common.
DETECTABLE = (
    "cp1252", "cp1251", "gb18030", "cp932", "cp949", "euc_jp", "big5hkscs", "cp1250",
    "cp1256", "cp1254", "cp1253", "cp1255", "cp1257", "cp1258", "koi8-r", "cp866", "cp874",
)  # fmt: skip
DETECTION_ORDER = tuple(codecs.lookup(name).name for name in DETECTABLE)
# Detection scores within this of the best are a tie.
DETECTION_TIE = 0.01
# UTF-8 with invalid bytes is still UTF-8 when at least this share of its non-ASCII
# characters decode; a legacy encoding read as UTF-8 gives almost none.
MIN_UTF8_SHARE = 0.8
REPLACEMENT = "\ufffd"
REPLACEMENT_BYTES = REPLACEMENT.encode("utf-8")
ASCII_BYTES = bytes(range(128))
# Declarations are looked for this far into a page (browsers look at the first 1,024 bytes;
# pages with long scripts in their <head> declare later).
DECLARATION_SCAN_BYTES = 16_384
META_CHARSET = re.compile(rb"<meta\b[^>]{0,512}?charset\s*=\s*[\"']?\s*([\w.:+-]{1,40})", re.I)
XML_ENCODING = re.compile(rb"^\s*<\?xml\b[^>]{0,200}?encoding\s*=\s*[\"']([\w.:+-]{1,40})", re.I)
# Detection reads at most this much of a page's text (the bytes between tags holding non-ASCII
# bytes), taken from this much of the top of the page: enough evidence, in bounded time.
DETECTION_SAMPLE_BYTES = 65_536
DETECTION_SCAN_BYTES = 1_048_576
TAG = re.compile(rb"<[^<>]*>")


@dataclass(frozen=True, slots=True)
class Decoded:
    """A page's text, the Python codec that gave it, and why that codec was chosen."""

    text: str
    encoding: str
    source: str  # "bom", "utf-8", "declared", "ascii", "detected" or "fallback"


def decode_page(content: bytes, charset: str | None = None, html: bool = False) -> Decoded:
    """The text of a page given the charset its HTTP header declares; `html` also reads the
    declarations in the page's markup."""
    if (encoding := bom_encoding(content)) is not None:
        return Decoded(content.decode(encoding, errors="replace"), encoding, "bom")
    ascii_only = content.isascii()
    if not ascii_only and (text := as_utf8(content)) is not None:
        return Decoded(text, "utf-8", "utf-8")
    for encoding in _declared(content, charset, html):
        try:
            return Decoded(content.decode(encoding), encoding, "declared")
        except UnicodeDecodeError:
            continue
    if ascii_only:
        return Decoded(content.decode("ascii"), "ascii", "ascii")
    if (encoding := detect(_sample(content, html))) is not None:
        return Decoded(content.decode(encoding, errors="replace"), encoding, "detected")
    return Decoded(content.decode("utf-8", errors="replace"), "utf-8", "fallback")


def bom_encoding(content: bytes) -> str | None:
    """The Unicode encoding a byte-order mark at the start of `content` names, if any."""
    return next((encoding for mark, encoding in BOMS if content.startswith(mark)), None)


def as_utf8(content: bytes) -> str | None:
    """`content` as UTF-8 when it is UTF-8, stray invalid bytes replaced; else None."""
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = content.decode("utf-8", errors="replace")
    invalid = text.count(REPLACEMENT) - content.count(REPLACEMENT_BYTES)
    # every ASCII byte is one character; the rest of the text is what the other bytes gave
    ascii_count = len(content) - len(content.translate(None, ASCII_BYTES))
    non_ascii = len(text) - ascii_count
    valid = non_ascii - invalid
    return text if valid >= MIN_UTF8_SHARE * non_ascii else None


def codec_for(label: str | None) -> str | None:
    """The Python codec a browser would decode a declared charset label with, or None for a
    label that is unknown or not a web encoding."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(LABEL_ALIASES.get(label, label)).name
    except LookupError:
        return None
    name = SUPERSETS.get(name, name)
    return name if name in WEB_CODECS else None


def declared_charsets(content: bytes) -> list[str]:
    """The charset labels a page's markup declares near its top: XML declaration, then <meta>."""
    head = content[:DECLARATION_SCAN_BYTES]
    found = [match.group(1) for match in (XML_ENCODING.match(head),) if match]
    found += [match.group(1) for match in META_CHARSET.finditer(head)]
    return [label.decode("ascii", errors="replace") for label in found]


def detect(sample: bytes) -> str | None:
    """The legacy encoding `sample` is most likely in, among those news sites use, or None."""
    try:
        matches = from_bytes(sample, cp_isolation=list(DETECTABLE), preemptive_behaviour=False)
    except Exception as error:  # a detector failure must not lose the page: UTF-8 follows
        logger.debug("charset detection failed: %s", error)
        return None
    if (best := matches.best()) is None:
        return None
    tied = {
        codec_for(name)
        for match in matches
        if abs(match.chaos - best.chaos) < DETECTION_TIE
        and abs(match.coherence - best.coherence) < DETECTION_TIE
        for name in match.could_be_from_charset
    }
    return next((codec for codec in DETECTION_ORDER if codec in tied), codec_for(best.encoding))


def _declared(content: bytes, charset: str | None, html: bool) -> Iterator[str]:
    """Codecs for the declared charsets, header first, each once."""
    labels = [charset, *(declared_charsets(content) if html else ())]
    seen = set()
    for label in labels:
        if (codec := codec_for(label)) is not None and codec not in seen:
            seen.add(codec)
            yield codec


def _sample(content: bytes, html: bool) -> bytes:
    """What detection reads: the page's text with non-ASCII bytes (not its markup and scripts,
    which are ASCII and would only dilute the evidence), from the top of the page."""
    head = _cut(content, DETECTION_SCAN_BYTES)
    if html:
        pieces = (piece.strip() for piece in TAG.split(head))
        head = b"\n".join(piece for piece in pieces if not piece.isascii()) or head
    return _cut(head, DETECTION_SAMPLE_BYTES)


def _cut(data: bytes, limit: int) -> bytes:
    """The first `limit` bytes at most, cut at a line or word break: a character cut in two
    would make its encoding fail to decode the sample."""
    if len(data) <= limit:
        return data
    for space in (b"\n", b" "):
        if (cut := data.rfind(space, 0, limit)) > 0:
            return data[:cut]
    return data[:limit]
