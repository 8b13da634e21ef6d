"""Pick an HTML page's headline from the titles it declares (OpenGraph, JSON-LD, <title>,
Twitter card) and its <h1> headings.

Each candidate first loses the site name pages add to titles ("Headline | Site", "Site: Headline",
"Headline » Section » Site"), recognised by the site names the page declares, by its host, or as
what one declared title adds to another; a section the URL's path names ends a title there. An
<h1> also loses a site name run straight into it, and an <h1> that lost characters to "?" is the
declared title it otherwise spells. The headline is then the one the page shows: the <h1> most
like a declared title or the URL's path (sites reword og:title for sharing and <title> for
search), kept whole with a declared title's subtitle when that title only adds one. Without
such a heading it is the publisher's declared one: og:title, else the JSON-LD headline when
another candidate agrees with it (some sites put a description there). Without either, the
<title> is used, cut back to an <h1> or Twitter title it starts or ends with when a separator
joins the rest (an unrecognised site or section name); a page with no <title> falls back to its
first <h1>. Its quotes, curly or straight, are those most of the page's titles write.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from tasks.read.normalise import normalise_text, site_of

# Separators between a headline and a site or section name: spaced dashes, bars, bullets,
# guillemets, slashes, a spaced colon; unspaced bars, underscores and full-width colons (CJK).
SEPARATOR = re.compile(r"(\s+(?:[|·•~»>/\\:–—-]|--|::)\s+|\s*[|｜_：]\s*)")
HIERARCHY = re.compile(r"[»>/\\]")
# What may follow a shorter candidate inside a longer one for the longer to be cut back to it.
TRAILER = re.compile(r"^\s*(?:[|｜_：·•~»>/\\–—\-(\[（【]|::)")
LEADER = re.compile(r"(?:[|｜_：·•~»>/\\–—\-:)\]）】])\s*$")
MAX_SITE_EXTRA_WORDS = 1  # "CNN Politics" is the site "CNN" and a section
MAX_SECTION_WORDS = 3  # a breadcrumb segment between a headline and the site name
MAX_ADDED_WORDS = 4  # a site name found as what one declared title adds to another
WORD = re.compile(r"\w+")
DECLARED = ("jsonld", "og", "twitter", "title")
# Likeness (Dice coefficient of distinct words) an <h1> needs to a declared title or the URL's
# path to be the headline the page shows: sites reword og:title for sharing and <title> for
# search, and the <h1> keeps most of their words; a logo, "Menu" or "Our blog" shares few.
# Set on the tune halves (0.3 to 0.8 tried; 0.5 best on wcxb-dev).
MIN_HEADING_SHARE = 0.5
# A subtitle goes on after a colon that touches the headline ("Lost at sea: the saga"); a spaced
# colon is a separator ("Headline : Site").
SUBTITLE = re.compile(r"^[:：]\s*\w")
# What a page shows for a character its template could not encode.
LOST = re.compile(r"[?\ufffd]")
# Curly quotes and apostrophes as their straight forms: a template may write the headline one
# way in its <h1> and another in its meta tags.
STRAIGHT_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "“": '"', "”": '"', "„": '"'})


def choose_headline(
    candidates: Sequence[tuple[str, str]], site_names: Iterable[str], url: str | None
) -> str | None:
    """The page's headline from (source, text) candidates, or None when there are none."""
    texts = {_loose(text) for source, text in candidates if source != "h1"}
    # a "site name" that repeats a declared title is a template filling every field with the
    # headline; one that repeats an <h1> is the site's logo set as a heading
    names = [name for name in site_names if _loose(name) not in texts]
    keys = site_keys([*names, *_added_names(candidates)], url)
    sections = section_names(url)
    found: dict[str, list[str]] = {}
    stripped = [(source, strip_site(text, keys, sections)) for source, text in candidates]
    declared = [text for source, text in stripped if source in DECLARED]
    for source, text in stripped:
        if source == "h1":
            text = _restored(_without_logo(text, declared, keys), declared)
        if text and not is_site(text, keys):
            found.setdefault(source, []).append(text)
    headline = _chosen(found, url)
    return _usual_quotes(headline, found) if headline is not None else None


def _chosen(found: dict[str, list[str]], url: str | None) -> str | None:
    if (heading := _headline_heading(found, url)) is not None:
        return _with_subtitle(heading, found)
    if "og" in found:
        return found["og"][0]
    if "jsonld" in found and _agrees(found["jsonld"][0], found):
        return found["jsonld"][0]
    shorter = found.get("h1", []) + found.get("twitter", [])
    if "title" in found:
        return _cut_back(found["title"][0], shorter)
    return shorter[0] if shorter else None


def _added_names(candidates: Sequence[tuple[str, str]]) -> list[str]:
    """Names one declared title adds to another across a separator ("Quay Notes: Why the quay
    flooded" beside the og:title "Why the quay flooded"): a site's or section's name the page
    does not declare, at most MAX_ADDED_WORDS words and shorter than the title itself."""
    declared = [text for source, text in candidates if source in DECLARED]
    added = []
    for longer in declared:
        folded = longer.lower()
        for shorter in declared:
            if not len(shorter) < len(longer):
                continue
            rest = ""
            if folded.endswith(shorter.lower()) and LEADER.search(longer[: -len(shorter)]):
                rest = longer[: -len(shorter)]
            elif folded.startswith(shorter.lower()) and TRAILER.match(longer[len(shorter) :]):
                rest = longer[len(shorter) :]
            name = rest.strip(" |｜_：·•~»>/\\–—-:()[]（）【】")
            if name and len(name) < len(shorter) and len(_words(name)) <= MAX_ADDED_WORDS:
                added.append(name)
    return added


def site_keys(site_names: Iterable[str], url: str | None) -> list[list[str]]:
    """The site's names as lists of folded words, and its domain name as one word each way:
    "cnn" and "cnncom" for cnn.com, "perriault" and "nicolasperriault" for
    nicolas.perriault.net."""
    keys = [words for name in site_names if (words := _words(name))]
    domain = site_of(url) if url and "://" in url else None
    if domain:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
        label = domain.split(".")[0]
        prefix = host[: -len(domain)].strip(".").split(".") if host.endswith(domain) else []
        keys += [[label], ["".join(domain.split("."))], ["".join([*prefix, label])]]
    return keys


def section_names(url: str | None) -> frozenset[str]:
    """The sections the URL's path names before the page's own segment, as folded words run
    together ("opinion" and "contributors" for /story/opinion/contributors/2025/12/19/slug/):
    a title ending "| Opinion" ends with its section's name, not the headline's words."""
    if not url or "://" not in url:
        return frozenset()
    segments = [segment for segment in urlsplit(url).path.split("/") if segment][:-1]
    names = set()
    for segment in segments:
        words = _words(segment.replace("-", " ").replace("_", " "))
        if words and len(words) <= MAX_SECTION_WORDS and not any(w.isdigit() for w in words):
            names.add("".join(words))
    return frozenset(names)


def is_site(segment: str, keys: list[list[str]], extra: int = MAX_SITE_EXTRA_WORDS) -> bool:
    """Whether a title segment is the site's name, perhaps with one more word (a section)."""
    words = _words(segment)
    if not words:
        return False
    joined = "".join(words)
    for key in keys:
        name = "".join(key)
        if joined == name or (len(joined) >= 4 and words == key[: len(words)]):
            return True
        built = ""
        for used, word in enumerate(words, start=1):
            built += word
            if built == name:
                return len(words) - used <= extra
            if not name.startswith(built):
                break
    return False


def strip_site(title: str, keys: list[list[str]], sections: frozenset[str] = frozenset()) -> str:
    """The title without site-name segments at either end (and breadcrumb sections before a
    trailing site name), nor the URL's section names at its end."""
    if not keys and not sections:
        return title
    parts = SEPARATOR.split(title)
    segments, separators = parts[0::2], parts[1::2]
    # a section's name and all after it ("Headline | Patient Education | Children's Hospital")
    named = [i for i in range(1, len(segments)) if "".join(_words(segments[i])) in sections]
    if named:
        del segments[named[0] :], separators[named[0] - 1 :]
    while len(segments) > 1 and is_site(segments[-1], keys):
        segments.pop()
        hierarchical = HIERARCHY.search(separators.pop())
        while (
            hierarchical
            and len(segments) > 1
            and len(_words(segments[-1])) <= MAX_SECTION_WORDS
            and HIERARCHY.search(separators[-1])
        ):
            segments.pop()
            separators.pop()
    while len(segments) > 1 and is_site(segments[0], keys):
        segments.pop(0)
        separators.pop(0)
    rebuilt = segments[0] + "".join(
        sep + seg for sep, seg in zip(separators, segments[1:], strict=True)
    )
    return rebuilt.strip()


def _without_logo(heading: str, declared: list[str], keys: list[list[str]]) -> str:
    """An <h1> that runs a declared title straight into the site's name (a headline and a logo
    link in one heading: "Port reopensHarbour Times") cut back to that title."""
    folded = heading.lower()
    for title in declared:
        shorter = len(title) < len(heading)
        if shorter and folded.startswith(title.lower()) and is_site(heading[len(title) :], keys):
            return heading[: len(title)]
    return heading


def _restored(heading: str, declared: list[str]) -> str:
    """An <h1> whose template lost characters to "?" or "�" ("Event Planning? Beginner? Guide")
    replaced by the declared title it otherwise spells ("Event Planning: Beginner's Guide")."""
    if not LOST.search(heading):
        return heading
    spelled = re.compile(".{1,2}".join(map(re.escape, LOST.split(heading))))
    return next((title for title in declared if spelled.fullmatch(title)), heading)


def _cut_back(text: str, candidates: list[str]) -> str:
    """`text` cut back to the longest other candidate it starts or ends with, when a separator
    joins the rest ("Headline | Section", "Site :: Headline")."""
    lowered = text.lower()
    best = ""
    for other in candidates:
        if not len(best) < len(other) < len(text):
            continue
        folded = other.lower()
        if (lowered.startswith(folded) and TRAILER.match(text[len(other) :])) or (
            lowered.endswith(folded) and LEADER.search(text[: -len(other)])
        ):
            best = other
    return best or text


def _agrees(headline: str, found: dict[str, list[str]]) -> bool:
    """Whether another candidate starts with the headline or is its start (JSON-LD headlines are
    cut short, and some sites fill the field with a description instead)."""
    key = _loose(headline)
    others = (
        _loose(text) for source, texts in found.items() if source != "jsonld" for text in texts
    )
    return any(other.startswith(key) or key.startswith(other) for other in others if other)


def _loose(text: str) -> str:
    return normalise_text(text).replace(" ", "")


def _words(text: str) -> list[str]:
    return WORD.findall(normalise_text(text))


def _headline_heading(found: dict[str, list[str]], url: str | None) -> str | None:
    """The <h1> most like one of the declared titles or the URL's path (Dice coefficient of
    their distinct words), when the likeness reaches MIN_HEADING_SHARE."""
    titles = [text for source in DECLARED for text in found.get(source, [])]
    declared = [set(_words(text)) for text in titles]
    if url:
        declared.append(set(_words(urlsplit(url).path.replace("-", " ").replace("_", " "))))
    best, best_share = None, 0.0
    for heading in found.get("h1", []):
        words = set(_words(heading))
        for other in declared:
            share = 2 * len(words & other) / (len(words) + len(other)) if other else 0.0
            if share > best_share:
                best, best_share = heading, share
    return best if best_share >= MIN_HEADING_SHARE else None


def _with_subtitle(heading: str, found: dict[str, list[str]]) -> str:
    """A declared title that starts with the heading and goes on with a subtitle ("Lost at sea:
    the terminal saga" over the <h1> "Lost at sea"), else the heading; a rest after a
    separator (a section or site name) is no subtitle."""
    for source in DECLARED:
        for text in found.get(source, []):
            if text.lower().startswith(heading.lower()) and SUBTITLE.match(text[len(heading) :]):
                return text
    return heading


def _usual_quotes(headline: str, found: dict[str, list[str]]) -> str:
    """The headline with its quotes as most of the page's sources write them: an <h1> with curly
    quotes beside meta tags with straight ones (or the other way) takes the form more of them
    use; on a tie it stays as chosen."""
    key = headline.translate(STRAIGHT_QUOTES)
    forms: dict[str, int] = {}
    for texts in found.values():
        for text in dict.fromkeys(texts):
            if text != headline and text.translate(STRAIGHT_QUOTES) == key:
                forms[text] = forms.get(text, 0) + 1
    if not forms:
        return headline
    ours = sum(headline in texts for texts in found.values())
    usual, count = max(forms.items(), key=lambda item: item[1])
    return usual if count > ours else headline
