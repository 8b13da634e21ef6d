"""`kabar extract`: the ingest's extraction, record by record, without a database."""

from __future__ import annotations

import json
from pathlib import Path

from tests.dumps import news_page, write_jsonl
from tests.test_cli import run

PARAGRAPHS = [
    "President Emmanuel Macron opened a new rail line between Lyon and Turin on Thursday, officials said.",
    "Macron told reporters the tunnel would cut freight traffic on mountain roads by a third within ten years.",
]


def test_extract_prints_one_json_line_per_record(capsys, tmp_path: Path, monkeypatch):
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "rail.html").write_text(
        news_page("Rail line opens", PARAGRAPHS, "2026-02-05T09:00:00Z"), encoding="utf-8"
    )
    write_jsonl(
        dumps / "crawl.jsonl",
        ['{"url": "https://x.example/1", "html": "<p>cut', {"url": "https://x.example/2"}],
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "extract", "./dumps")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(row["source"], row["position"]) for row in rows] == [
        ("./dumps/crawl.jsonl", 0),
        ("./dumps/crawl.jsonl", 1),
        ("./dumps/rail.html", 0),
    ]
    assert [row.get("reject") for row in rows[:2]] == ["bad_json", "missing_field"]
    article = rows[2]
    assert article["title"] == "Rail line opens"
    assert article["published_at"] == "2026-02-05T09:00:00Z"
    assert article["language"] == "en"
    assert article["mentions"] == {"Emmanuel Macron": 2}
    assert article["body"].startswith("President Emmanuel Macron opened a new rail line")
    assert "Related stories" not in article["body"]
    assert not (tmp_path / "kabar.duckdb").exists()


def test_extract_text_format(capsys, tmp_path: Path):
    page = tmp_path / "rail.html"
    page.write_text(news_page("Rail line opens", PARAGRAPHS), encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(page), "--format", "text")
    assert code == 0
    assert out.startswith(f"== {page} [0]\ntitle: Rail line opens\npublished_at: -\n")
    assert "mentions: Emmanuel Macron 2" in out


def test_extract_rejects_an_unknown_format(capsys, tmp_path: Path):
    code, _, err = run(capsys, "extract", str(tmp_path), "--format", "xml")
    assert (code, err) == (2, "kabar: unknown format 'xml'; use one of: jsonl, text\n")


def test_extract_reads_another_shape_with_the_fields_named(capsys, tmp_path: Path):
    export = tmp_path / "export.jsonl"
    row = {"content": "\n".join(PARAGRAPHS), "heading": "Rail line opens", "lang": "fr-FR"}
    export.write_text(json.dumps(row) + "\n", encoding="utf-8")

    code, out, _ = run(capsys, "extract", str(export))
    [unknown] = [json.loads(line) for line in out.splitlines()]
    code_mapped, mapped_out, _ = run(
        capsys, "extract", str(export), "--fields", "body=content,title=heading,language=lang"
    )
    [mapped] = [json.loads(line) for line in mapped_out.splitlines()]

    assert code == 0 and unknown["reject"] == "missing_field"
    assert "it has 'content', 'heading', 'lang'" in unknown["detail"]
    assert code_mapped == 0
    assert (mapped["title"], mapped["language"], mapped["extracted_by"]) == (
        "Rail line opens",
        "fr",
        "fields",
    )
    assert mapped["body"] == "\n".join(PARAGRAPHS)
    assert mapped["mentions"] == {"Emmanuel Macron": 2}


def test_a_bad_field_mapping_stops_extract_with_one_line(capsys, tmp_path: Path):
    export = tmp_path / "export.jsonl"
    export.write_text("{}\n", encoding="utf-8")
    code, _, err = run(capsys, "extract", str(export), "--fields", "headline=title")
    assert code == 2
    assert err.startswith("kabar: --fields: 'headline=title' is not FIELD=RECORD_FIELD")
