"""`kabar remention` with the leader registry and its generated name forms against the old flat
list (`data/leaders.csv`, listed aliases of today's leaders only), on one generated store.

Two stores hold the same synthetic articles (sql/bench/remention_store.sql: news paragraphs
written for this benchmark in eight languages, naming leaders in their inflected forms, each
with its article number appended); one stores the flat list, the other the registry. Each is
recounted the way `kabar remention` does it (`tasks.store.leaders_admin.remention`), in turn,
`--rounds` times; the best round of each is reported, as wall seconds and as CPU seconds of
this process and its worker processes (the machine is shared: CPU seconds move less).

    python -m benchmarks.remention_bench [--articles 200000] [--workers 0] [--out FILE]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.machine import machine, save
from tasks.mentions.matcher import LeaderList, load_leaders
from tasks.mentions.registry import load_registry
from tasks.settings import DEFAULT_LEADERS, ROOT

FLAT_LIST = ROOT / "data" / "leaders.csv"
TARGET_RATIO = 1.5

# Short news paragraphs, one per language, naming leaders as articles do (cases, genitives,
# surnames, titles), with a reference by office; written for this benchmark.
BODIES: tuple[tuple[str, str], ...] = (
    (
        "en",
        "Vladimir Putin told reporters in Moscow that talks with Donald Trump would go on. "
        "The Russian president said Trump's envoy was welcome, while Keir Starmer and Emmanuel "
        "Macron warned that Putin was playing for time. Later Starmer spoke to Zelensky.",
    ),
    (
        "de",
        "Bundeskanzler Friedrich Merz traf in Paris Emmanuel Macron. Merz sagte, Putins Krieg "
        "müsse enden; Trumps Zölle seien ein Fehler. Der französische Präsident stimmte zu, "
        "und Selenskyjs Berater begrüßten die Erklärung.",
    ),
    (
        "pl",
        "Premier Donald Tusk rozmawiał z Emmanuelem Macronem o obronności. Według Tuska "
        "Putinowi nie można ufać, a rozmowy Trumpa z Putinem niczego nie zmieniły. "
        "Zełenski podziękował Tuskowi za wsparcie.",
    ),
    (
        "ru",
        "Президент России Владимир Путин провёл переговоры с Эммануэлем Макроном. По словам "
        "Путина, встреча с Трампом возможна. Зеленский назвал заявления Кремля пропагандой.",
    ),
    (
        "id",
        "Presiden Prabowo Subianto bertemu Perdana Menteri Anthony Albanese di Jakarta. "
        "Prabowo mengatakan kerja sama dengan Xi Jinping dan Narendra Modi penting. "
        "Presiden tersebut juga menyinggung Joko Widodo.",
    ),
    (
        "fr",
        "Emmanuel Macron a reçu Giorgia Meloni à l'Élysée. Le président français a évoqué "
        "Vladimir Poutine et Donald Trump; Meloni a salué l'initiative de Macron.",
    ),
    (
        "tr",
        "Cumhurbaşkanı Recep Tayyip Erdoğan, Vladimir Putin ile telefonda görüştü. Erdoğan'ın "
        "açıklamasına göre Putinle yeni bir görüşme planlanıyor; Trumpla da temas sürüyor.",
    ),
    (
        "fi",
        "Presidentti Alexander Stubb tapasi Donald Trumpin Washingtonissa. Stubb sanoi, että "
        "Putinin sota on lopetettava, ja Zelenskyille luvattiin lisää tukea.",
    ),
)


def build_store(
    path: Path, leaders: LeaderList, articles: int, bodies: Sequence[tuple[str, str]]
) -> None:
    """A store at `path` holding `leaders` and `articles` synthetic articles cycling through
    `bodies` (language, text), published."""
    from tasks.store.database import execute, open_writer, publish
    from tasks.store.leaders import sync_leaders

    con = open_writer(path)
    try:
        sync_leaders(con, leaders)  # an empty store: nothing to recount yet
        execute(
            con,
            "bench/remention_store",
            size=articles,
            bodies=[body for _, body in bodies],
            languages=[language for language, _ in bodies],
        )
        publish(con, path)
    finally:
        con.close()


def timed_remention(path: Path, workers: int) -> dict[str, float]:
    """Wall and CPU seconds (this process and its finished workers) of one remention."""
    from tasks.store.leaders_admin import remention

    own, children = time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = remention(path, workers)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - own
    cpu += (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    return {"wall_seconds": wall, "cpu_seconds": cpu, "spans": done.recount.spans}


def measure(
    articles: int, workers: int, rounds: int, bodies: Sequence[tuple[str, str]] = BODIES
) -> dict[str, object]:
    lists = {"flat": load_leaders(FLAT_LIST), "registry": load_registry(DEFAULT_LEADERS)}
    results: dict[str, list[dict[str, float]]] = {name: [] for name in lists}
    with tempfile.TemporaryDirectory(prefix="kabar-remention-") as folder:
        stores = {name: Path(folder) / f"{name}.duckdb" for name in lists}
        for name, leaders in lists.items():
            build_store(stores[name], leaders, articles, bodies)
        for _ in range(rounds):
            for name in lists:
                results[name].append(timed_remention(stores[name], workers))
    best = {name: min(runs, key=lambda run: run["cpu_seconds"]) for name, runs in results.items()}
    cpu_ratio = best["registry"]["cpu_seconds"] / best["flat"]["cpu_seconds"]
    wall_ratio = best["registry"]["wall_seconds"] / best["flat"]["wall_seconds"]
    return {
        "machine": machine(),
        "articles": articles,
        "workers": workers,
        "rounds": rounds,
        "leaders": {name: len(leaders.leaders) for name, leaders in lists.items()},
        "aliases": {name: len(leaders.aliases) for name, leaders in lists.items()},
        "mentions_found": {name: int(best[name]["spans"]) for name in lists},
        "cpu_seconds": {name: round(best[name]["cpu_seconds"], 2) for name in lists},
        "wall_seconds": {name: round(best[name]["wall_seconds"], 2) for name in lists},
        "articles_per_cpu_second": {
            name: round(articles / best[name]["cpu_seconds"]) for name in lists
        },
        "registry_over_flat_cpu": round(cpu_ratio, 3),
        "registry_over_flat_wall": round(wall_ratio, 3),
        "target_ratio": TARGET_RATIO,
        "meets_target": cpu_ratio <= TARGET_RATIO,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    save(measure(args.articles, args.workers, args.rounds), args.out)


if __name__ == "__main__":
    main()
