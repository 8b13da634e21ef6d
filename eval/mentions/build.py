"""Build `examples.jsonl` and `offices.jsonl` (the gold format of `kabar eval --mentions`) from
`examples.txt` and `offices.txt`.

Both hold short texts written for Kabar, one after each `# file: ID | lang: XX | date:
YYYY-MM-DD | notes: ...` line (`date` optional: the day references by office resolve at). A name
mention is marked `[[surface|Leader]]`, a reference by office to the sitting holder
`{{surface|Leader}}`; everything else is plain text, hard negatives included (other people named
Kim or Khan, Trump Tower, "a former president", "the president of the club"). The marks are
removed, and each becomes an occurrence (a role, for office references) with its surface and the
words around it.

    python eval/mentions/build.py
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]|\{\{([^|}]+)\|([^}]+)\}\}")
HEADER = re.compile(
    r"^# file: (?P<file>[\w-]+) \| lang: (?P<lang>\w+)"
    r"(?: \| date: (?P<date>\d{4}-\d{2}-\d{2}))?(?: \| notes: (?P<notes>.*))?$"
)
SOURCES = (
    "examples",
    "offices",
    "blind",
    "blind2",
    "blind3",
    "blind4",
    "blind5",
    "blind6",
    "blind7",
    "blind8",
    "blind9",
)


def parse(source: str) -> list[dict[str, object]]:
    """One gold object per text of the source."""
    entries: list[dict[str, object]] = []
    header: re.Match[str] | None = None
    lines: list[str] = []
    for line in [*source.splitlines(), "# file: end | lang: xx"]:
        match = HEADER.match(line)
        if match is None:
            lines.append(line)
            continue
        if header is not None:
            entries.append(_entry(header, "\n".join(lines).strip()))
        header, lines = match, []
    return entries


def _entry(header: re.Match[str], marked: str) -> dict[str, object]:
    body, occurrences, roles, offset = [], [], [], 0
    for match in MARK.finditer(marked):
        body.append(marked[offset : match.start()])
        start = sum(len(part) for part in body)
        is_role = match.group(3) is not None
        surface, leader = match.group(3, 4) if is_role else match.group(1, 2)
        body.append(surface)
        (roles if is_role else occurrences).append((leader, surface, start))
        offset = match.end()
    body.append(marked[offset:])
    text = "".join(body)
    return {
        "corpus": "kabar-mentions",
        "file": header["file"],
        "language": header["lang"],
        "date": header["date"],
        "mentions": dict(Counter(leader for leader, _, _ in occurrences)),
        "occurrences": [
            {"leader": leader, "surface": surface, "context": _context(text, start, surface)}
            for leader, surface, start in occurrences
        ],
        "roles": [
            {"leader": leader, "surface": surface, "context": _context(text, start, surface)}
            for leader, surface, start in roles
        ],
        "notes": header["notes"] or "",
        "body": text,
    }


def _context(text: str, start: int, surface: str) -> str:
    return " ".join(text[max(0, start - 40) : start + len(surface) + 40].split())


def main() -> None:
    for name in SOURCES:
        entries = parse((HERE / f"{name}.txt").read_text(encoding="utf-8"))
        with (HERE / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            for entry in entries:
                handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        mentions = sum(sum(e["mentions"].values()) for e in entries)  # type: ignore[union-attr]
        roles = sum(len(e["roles"]) for e in entries)  # type: ignore[arg-type]
        languages = len({e["language"] for e in entries})
        print(
            f"{name}: {len(entries)} texts, {mentions} name mentions, {roles} references by "
            f"office, {languages} languages"
        )


if __name__ == "__main__":
    main()
