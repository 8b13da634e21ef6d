"""The benchmarks run (quick form): they must work; how fast is for `make bench` to say."""

from __future__ import annotations

from benchmarks.dedup_scale import measure


def test_dedup_scale_runs_and_finds_the_planted_copies():
    result = measure(size=2000, count=200)
    assert result["stored_articles"] == 2000 and result["new_articles"] == 200
    # About a third of the new stories come with a syndicated copy.
    assert 30 <= result["duplicates_found"] <= 80
    assert result["load_seconds"] > 0


def test_mentions_bench_times_matching_beside_extraction():
    from benchmarks.mentions_bench import measure as measure_mentions

    result = measure_mentions(pages=3, repeat=1)
    automaton = result["automaton"]
    assert result["pages"] == 3
    # Generated forms multiply the keys; the automaton is still one, built once per worker.
    assert automaton["keys_with_generated_forms"] > 10 * automaton["listed_aliases"]
    assert result["match_ms_per_page"] > 0 and result["extract_ms_per_page"] > 0
