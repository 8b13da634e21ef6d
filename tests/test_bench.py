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


def test_remention_bench_recounts_the_same_texts_with_both_lists():
    from benchmarks.remention_bench import BODIES
    from benchmarks.remention_bench import measure as measure_remention

    # English and Polish only: each language's forms are an automaton of their own to build.
    bodies = [body for body in BODIES if body[0] in ("en", "pl")]
    result = measure_remention(articles=100, workers=0, rounds=1, bodies=bodies)
    found = result["mentions_found"]
    # Both lists hold every leader the texts name, in every form they are written in.
    assert found["flat"] == found["registry"] > 100 * 5
    assert result["leaders"]["registry"] > 10 * result["leaders"]["flat"]
    assert result["cpu_seconds"]["flat"] > 0 and result["cpu_seconds"]["registry"] > 0
