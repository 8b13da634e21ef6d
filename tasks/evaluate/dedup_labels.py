"""The labelled set for deduplication: syndicated copies and hard negatives, the same for a seed.

Originals: the bodies of `eval/corpus/truth.jsonl` and the reports of
`eval/dedup/same_event.jsonl`. Each is copied 1-4 times onto other sites with one edit
syndication makes (EDITS), and sometimes republished unchanged under a tracking URL. Hard
negatives: the two reports of each event, and the daily items of `eval/dedup/templates.jsonl`
(fixed text, figures that change every day).
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from urllib.parse import urlsplit

from tasks.settings import ROOT

DATA = ROOT / "eval" / "dedup"
CORPUS_TRUTH = ROOT / "eval" / "corpus" / "truth.jsonl"
EDITS = ("headline", "dateline", "lead_rewrite", "tail_added", "tail_dropped", "boilerplate")
EDITS += ("formatting", "correction", "wire")
# Re-crawls of an original's own URL with a changed body: versions of its story.
VERSIONS = ("version_correction", "version_paragraph", "version_headline", "version_live")
# Copies on sites whose canonical URL is one for many unrelated pages: each belongs to its
# original's story only, never to the other pages under the same URL.
BAD_CANONICALS = ("canonical_root", "canonical_section", "canonical_shared")
COPIES = (*EDITS, "tracking", *VERSIONS, *BAD_CANONICALS)
ORIGINALS = ("base", "same_event", "template")
# Edits after which a copy stays above the near threshold, for the copies under bad canonicals.
FAITHFUL = ("dateline", "formatting", "boilerplate", "wire")
SECTIONS = ("news", "world", "nasional", "economie", "politik")
TRACKING = ("utm_source=twitter&utm_medium=social", "fbclid=IwAR3x9KqT0b", "gclid=Cj0KCQiA4L2")
FILE_ID = "dedup-eval"
NOW = datetime(2026, 4, 1, tzinfo=UTC)
DAYS = 12
BATCHES = 6
DENSE = ("ja", "zh")
SENTENCE = re.compile(r"(?<=[.!?؟])\s+|(?<=[。！？])")
DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Item:
    """One page of the labelled set."""

    key: str
    story: str  # the key of the original it copies (its own key for an original)
    category: str  # base, same_event or template for originals; the edit for copies
    group: str  # event or series shared by hard negatives ("event/...", "series/..."), else story
    url: str
    title: str
    language: str
    published_at: datetime
    body: str


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _original(row: dict, key: str, category: str, group: str) -> Item:
    fields = (row["url"], row["title"], row["language"], _when(row["published_at"]), row["body"])
    return Item(key, key, category, group, *fields)


def originals() -> list[Item]:
    """The corpus articles and the same-event reports, each its own story."""
    items = []
    for row in _jsonl(CORPUS_TRUTH):
        key = f"base/{Path(row['file']).stem}"
        items.append(_original(row, key, "base", key))
    seen: Counter[str] = Counter()
    for row in _jsonl(DATA / "same_event.jsonl"):
        group = f"event/{row['event']}"
        items.append(_original(row, f"{group}/{seen[group]}", "same_event", group))
        seen[group] += 1
    return items


def build_items(seed: int = 7, scale: int = 1) -> list[Item]:
    """The labelled set: originals, their copies and tracking copies, and templated series."""
    rng = random.Random(seed)
    words = json.loads((DATA / "boilerplate.json").read_text(encoding="utf-8"))
    sources = originals()
    items, deck = list(sources), []
    for o in sources:
        for round_ in range(scale):
            for number, site in enumerate(rng.sample(range(1, 50), rng.randint(1, 4))):
                deck = deck or rng.sample(EDITS, len(EDITS))
                kind = deck.pop()
                host = f"www.{o.language}-news{site}.example"
                body = _edit(kind, rng, o, words[o.language], host)
                slug = urlsplit(o.url).path.rstrip("/").rsplit("/", 1)[-1].split(".")[0]
                url = f"https://{host}/{slug}-{rng.randrange(10**6)}"
                when = o.published_at + timedelta(minutes=rng.randint(20, 36 * 60))
                key = f"{o.key}#{round_}.{number}"
                items.append(
                    replace(o, key=key, category=kind, url=url, published_at=when, body=body)
                )
            if rng.random() < 0.5:
                url = o.url + ("&" if "?" in o.url else "?") + rng.choice(TRACKING)
                when = o.published_at + timedelta(minutes=rng.randint(1, 600))
                key = f"{o.key}#{round_}.t"
                items.append(replace(o, key=key, category="tracking", url=url, published_at=when))
    items += _versions(random.Random(f"{seed}/versions"), sources, scale)
    items += _bad_canonicals(random.Random(f"{seed}/canonicals"), sources, words, scale)
    for spec in _jsonl(DATA / "templates.jsonl"):
        items.extend(_series(random.Random(f"{seed}/{spec['series']}"), spec, DAYS * scale))
    return items


def _versions(rng: random.Random, sources: list[Item], scale: int) -> list[Item]:
    """Re-crawls of a third of the originals under their own URL, after an edit a newsroom
    makes: a corrected figure or word, an added paragraph, a new headline (and the lead made of
    it), or a live story that grew by several paragraphs."""
    items, deck = [], []
    for round_ in range(scale):
        for o in rng.sample(sources, len(sources) // 3):
            deck = deck or rng.sample(VERSIONS, len(VERSIONS))
            kind = deck.pop()
            others = [
                p
                for s in sources
                if s.language == o.language and s.key != o.key
                for p in _paras(s.body)
            ]
            paras, title = _paras(o.body), o.title
            if kind == "version_correction":
                body = _edit("correction", rng, o, {}, "")
            elif kind == "version_headline":
                title = f"{o.title.rstrip('.。')}: {rng.choice(['update', 'latest', 'live'])}"
                body = _edit("lead_rewrite", rng, replace(o, title=title), {}, "")
            else:
                added = rng.sample(others, 1 if kind == "version_paragraph" else rng.randint(3, 6))
                body = "\n\n".join([*paras, *added])
            when = o.published_at + timedelta(minutes=rng.randint(30, 12 * 60))
            items.append(
                replace(
                    o,
                    key=f"{o.key}#{round_}.v",
                    category=kind,
                    title=title,
                    body=body,
                    published_at=when,
                )
            )
    return items


def _bad_canonicals(rng: random.Random, sources: list[Item], words: dict, scale: int) -> list[Item]:
    """Faithful copies of originals on sites whose pages all declare one canonical URL: the
    front page, a section front, or one article-shaped URL; two to four unrelated stories per
    site, all of one language."""
    items = []
    by_language: dict[str, list[Item]] = {}
    for o in sources:
        by_language.setdefault(o.language, []).append(o)
    for round_ in range(scale):
        for language, originals_ in sorted(by_language.items()):
            for kind in BAD_CANONICALS:
                site = rng.randrange(50, 99)
                host = f"www.{language}-daily{site}.example"
                url = f"https://{host}/" if kind == "canonical_root" else ""
                if kind == "canonical_section":
                    url = f"https://{host}/{rng.choice(SECTIONS)}"
                elif kind == "canonical_shared":
                    url = f"https://{host}/2026/03/{rng.randrange(10**5)}-latest-news"
                picked = rng.sample(originals_, min(len(originals_), rng.randint(2, 4)))
                for number, o in enumerate(picked):
                    body = _edit(rng.choice(FAITHFUL), rng, o, words[o.language], host)
                    when = o.published_at + timedelta(minutes=rng.randint(20, 36 * 60))
                    key = f"{o.key}#{round_}.{kind}.{number}"
                    items.append(
                        replace(o, key=key, category=kind, url=url, published_at=when, body=body)
                    )
    return items


def _paras(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def _sentences(paragraph: str) -> list[str]:
    return [s for s in SENTENCE.split(paragraph) if s]


FORMATS: tuple[Callable[[str], str], ...] = (
    lambda t: t.replace("\n\n", "\n"),
    lambda t: t.replace(". ", ".  ").replace(", ", " , "),
    lambda t: re.sub('["“”«»„]', "'", t),
    lambda t: " ".join([*(w.upper() for w in t.split(" ")[:3]), *t.split(" ")[3:]]),
    lambda t: t.replace(" - ", " – ").rstrip(".。"),
)


def _edit(kind: str, rng: random.Random, o: Item, w: dict, host: str) -> str:
    """The body of a copy of `o` made by one edit; `w` is the language's boilerplate."""
    paras, glue = _paras(o.body), "" if o.language in DENSE else " "
    if kind in ("dateline", "wire"):
        paras[0] = f"{rng.choice(w['datelines'])} {paras[0]}"
    if kind == "headline":
        paras.insert(0, o.title)
    elif kind == "lead_rewrite":  # the lead's first sentence becomes one made of the headline
        stop = "。" if o.language in DENSE else "."
        paras[0] = glue.join([o.title.rstrip(".。") + stop, *_sentences(paras[0])[1:]])
    elif kind == "tail_added":
        paras += rng.sample(w["closing"], rng.randint(1, 2))
    elif kind == "tail_dropped":
        paras = paras[: -rng.randint(1, 2)]
    elif kind == "boilerplate":
        start = [rng.choice(w["start"])] if rng.random() < 0.6 else []
        paras = start + paras + rng.sample(w["end"], rng.randint(1, 2))
    elif kind == "formatting":
        text = o.body
        for change in rng.sample(FORMATS, 2):
            text = change(text)
        return text
    elif kind == "correction":  # one sentence corrected: a figure or a misspelt word
        index = rng.randrange(1, len(paras)) if len(paras) > 1 else 0
        sentences = _sentences(paras[index])
        k = rng.randrange(len(sentences))
        sentences[k] = _corrected(rng, sentences[k])
        paras[index] = glue.join(sentences)
    elif kind == "wire":  # headline, dateline, a read-more line and the copyright line
        paras = [o.title, *paras, rng.choice(w["start"]), w["end"][0]]
    return "\n\n".join(paras).replace("{site}", host)


def _corrected(rng: random.Random, text: str) -> str:
    numbers = list(DIGITS.finditer(text))
    if numbers:
        end = rng.choice(numbers).end() - 1
        return text[:end] + str((int(text[end]) + 1) % 10) + text[end + 1 :]
    spots = [i for i in range(len(text) - 1) if text[i].isalpha() and text[i + 1].isalpha()]
    i = rng.choice([i for i in spots if text[i] != text[i + 1]] or [0])
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def _series(rng: random.Random, spec: dict, days: int) -> list[Item]:
    """One templated item a day: the same text, the day's date and figures."""
    day, values, items = date.fromisoformat(spec["start"]), {}, []
    while len(items) < days:
        if not (spec.get("weekdays_only") and day.weekday() >= 5):
            fields = {
                "weekday": spec["weekdays"][day.weekday()],
                "month": spec["months"][day.month - 1],
                **{"day": day.day, "dd": day.day, "mm": day.month, "year": day.year},
                "date": day.isoformat(),
            }
            for name, field in spec["fields"].items():
                _field(rng, spec, name, field, values, fields)
            key = f"series/{spec['series']}/{day.isoformat()}"
            when = datetime.combine(day, clock(spec["hour"]), tzinfo=UTC)
            url, title, body = (spec[k].format_map(fields) for k in ("url", "title", "body"))
            group = f"series/{spec['series']}"
            items.append(
                Item(key, key, "template", group, url, title, spec["language"], when, body)
            )
        day += timedelta(days=1)
    return items


def _field(rng, spec: dict, name: str, field: dict, values: dict, fields: dict) -> None:
    """Today's value of a template field: a choice, a clock time, a random walk or a multiple."""
    if "choice" in field:
        fields[name] = rng.choice(field["choice"])
        return
    if "clock" in field or "after" in field:
        if "after" in field:
            minutes = values[field["after"]] + field["minutes"]
        elif name in values:
            minutes = values[name] + rng.choice(field["drift"])
        else:
            hours, mins = map(int, field["clock"].split(":"))
            minutes = hours * 60 + mins
        values[name] = minutes
        fields[name] = f"{minutes // 60:02d}:{minutes % 60:02d}"
        return
    if "walk" in field:
        decimals = field.get("decimals", 0)
        base = values.get(name, field["walk"])
        step = field["step"]
        move = rng.randint(-step, step) if decimals == 0 else rng.uniform(-step, step)
        value = min(field["max"], max(field["min"], round(base + move, decimals)))
    else:
        decimals = spec["fields"][field["times"]].get("decimals", 0)
        raw = values[field["times"]] * field["factor"] + field["add"]
        value = round(round(raw / field["round"]) * field["round"], decimals)
    previous = values.get(name, value)
    values[name] = value
    up, down = spec["updown"]
    fields[name] = _number(value, decimals, spec["fmt"])
    fields[f"{name}_abs"] = _number(abs(value), decimals, spec["fmt"])
    fields[f"{name}_dir"] = down if value < 0 else up
    fields[f"{name}_d"] = _number(abs(value - previous), decimals, spec["fmt"])
    fields[f"{name}_ddir"] = down if value < previous else up


def _number(value: float, decimals: int, style: str) -> str:
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if style == "id" else text
