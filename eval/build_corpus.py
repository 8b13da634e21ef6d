"""Build the project's evaluation corpus: merge the truth parts and render each page's text scrape.

Each page in `eval/corpus/html/` is loaded in headless Chromium (1366x900), from its own bytes,
with every other request refused, and `document.body.innerText` is saved as
`eval/corpus/text/<name>.txt`, as a browser-made text scrape of the same page. The truth parts
`truth.*.jsonl` are merged into `truth.jsonl` with `text_file` set.

Needs Playwright (`pip install playwright`) and a Chromium binary (Debian: `apt-get install
chromium`); the outputs are committed, so the tests and `make eval` need neither.

    python eval/build_corpus.py [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
ORIGIN = "http://corpus.invalid/"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def render(pages: list[Path], chromium: str) -> dict[str, str]:
    """innerText of each page, keyed by file name."""
    from playwright.sync_api import sync_playwright

    texts: dict[str, str] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        for path in pages:
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            page.route("**/*", _answer(ORIGIN + path.name, path.read_bytes()))
            page.goto(ORIGIN + path.name, wait_until="load")
            texts[path.name] = page.evaluate("document.body.innerText").replace("\r\n", "\n")
            context.close()
        browser.close()
    return texts


def _answer(url: str, body: bytes):
    """A route handler that serves the page itself and refuses every other request."""

    def answer(route) -> None:
        if route.request.url == url:
            # No charset in the header: the page's own meta tag decides, as on the web.
            route.fulfill(status=200, body=body, headers={"Content-Type": "text/html"})
        else:
            route.abort()

    return answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    entries = []
    for part in sorted(CORPUS.glob("truth.*.jsonl")):
        entries.extend(json.loads(line) for line in part.read_text(encoding="utf-8").splitlines() if line.strip())
    entries.sort(key=lambda entry: entry["file"])
    texts = render([CORPUS / entry["file"] for entry in entries], args.chromium)
    (CORPUS / "text").mkdir(exist_ok=True)
    with (CORPUS / "truth.jsonl").open("w", encoding="utf-8") as out:
        for entry in entries:
            name = Path(entry["file"]).name
            text_file = f"text/{Path(name).stem}.txt"
            (CORPUS / text_file).write_text(texts[name], encoding="utf-8")
            out.write(json.dumps({**entry, "text_file": text_file}, ensure_ascii=False) + "\n")
    print(f"{len(entries)} pages, {len(texts)} text scrapes in {CORPUS}")


if __name__ == "__main__":
    main()
