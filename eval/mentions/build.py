"""Build `examples.jsonl` (the gold format of `kabar eval --mentions`) from `examples.txt`.

`examples.txt` holds short texts written for Kabar, one after each `# file: ID | lang: XX |
notes: ...` line. A name mention is marked `[[surface|Leader]]`; everything else is plain text,
hard negatives included (other people named Kim or Khan, Trump Tower). The marks are removed,
and each becomes an occurrence with its surface and the words around it.

    python eval/mentions/build.py
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")
HEADER = re.compile(
    r"^# file: (?P<file>[\w-]+) \| lang: (?P<lang>\w+)(?: \| notes: (?P<notes>.*))?$"
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
    body, occurrences, offset = [], [], 0
    for match in MARK.finditer(marked):
        body.append(marked[offset : match.start()])
        start = sum(len(part) for part in body)
        surface, leader = match.group(1), match.group(2)
        body.append(surface)
        occurrences.append((leader, surface, start))
        offset = match.end()
    body.append(marked[offset:])
    text = "".join(body)
    return {
        "corpus": "kabar-mentions",
        "file": header["file"],
        "language": header["lang"],
        "date": None,
        "mentions": dict(Counter(leader for leader, _, _ in occurrences)),
        "occurrences": [
            {"leader": leader, "surface": surface, "context": _context(text, start, surface)}
            for leader, surface, start in occurrences
        ],
        "roles": [],
        "notes": header["notes"] or "",
        "body": text,
    }


def _context(text: str, start: int, surface: str) -> str:
    return " ".join(text[max(0, start - 40) : start + len(surface) + 40].split())


def main() -> None:
    entries = parse((HERE / "examples.txt").read_text(encoding="utf-8"))
    with (HERE / "examples.jsonl").open("w", encoding="utf-8") as handle:
        for entry in entries:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    mentions = sum(sum(e["mentions"].values()) for e in entries)  # type: ignore[union-attr]
    languages = len({e["language"] for e in entries})
    print(f"{len(entries)} texts, {mentions} mentions, {languages} languages")


if __name__ == "__main__":
    main()
