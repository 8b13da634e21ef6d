"""Canonical URLs, sites and body fingerprints: the keys that deduplication compares."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url
from courlan.clean import decode_punycode
from tld import get_fld

MOBILE_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")
# `/amp/amp` too: one pass must leave nothing that a second pass would strip.
AMP_PATH = re.compile(r"(?:/amp)+/?$", re.IGNORECASE)
AMP_PARAMS = {"amp", "outputtype", "output"}
NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Characters that cannot stand in a host: a URL with one is not a page's address.
BAD_HOST_CHAR = re.compile(r"[\s/\\?#@\[\]]")


def canonical_url(url: str | None) -> str | None:
    """A URL reduced to what identifies the page: https, bare host, no tracking or AMP parts."""
    if not url:
        return None
    # courlan HTML-unescapes the URL, and without a `;` too: `&region=` would become `®ion=`.
    # Only `&amp;` is an escape in a URL copied from HTML; every other `&` is protected.
    protected = url.strip().replace("&amp;", "&").replace("&", "&amp;")
    try:
        cleaned = normalize_url(protected)
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    # courlan decodes punycode in the whole netloc, where `user@xn--...` hides it.
    host = decode_punycode(parts.hostname or "")
    if not host or BAD_HOST_CHAR.search(host):
        return None
    # `www.m.example.com` loses both prefixes, so that the result is stable.
    while prefix := next((p for p in MOBILE_HOST_PREFIXES if host.startswith(p)), None):
        if host.count(".") < 2:
            break
        host = host[len(prefix) :]
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address keeps its brackets
    path = AMP_PATH.sub("", parts.path).rstrip("/") or "/"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in AMP_PARAMS
        ]
    )
    return urlunsplit(("https", host, path, query, ""))


def site_of(url: str | None) -> str | None:
    """The registrable domain of a URL (`international.sindonews.com` → `sindonews.com`)."""
    if not url:
        return None
    try:
        site = get_fld(url.strip(), fix_protocol=True, fail_silently=True)
    except ValueError:
        return None
    if not site or BAD_HOST_CHAR.search(site):
        return None
    # Named as canonical_url names hosts, so both forms of an IDN host give one site.
    return decode_punycode(site)


# The last few results are kept: an article's body is normalised for its fingerprint, then
# again for its near-duplicate shingles, right after.
@lru_cache(maxsize=4)
def normalise_text(text: str) -> str:
    """Text with case, width, punctuation and whitespace folded, for exact comparison."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return NON_WORD.sub(" ", folded).strip()


def body_fingerprint(body: str) -> str:
    """A hash of the normalised body: equal for bodies that differ only in case or punctuation."""
    return hashlib.blake2b(normalise_text(body).encode("utf-8"), digest_size=16).hexdigest()


def record_key(file_id: str, position: int) -> int:
    """A stable 63-bit id for the record at `position` in the file with content hash `file_id`."""
    digest = hashlib.blake2b(f"{file_id}:{position}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1
