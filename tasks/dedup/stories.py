"""Place a batch's articles into stories: link copies by URL, body or near-duplicate text, then
merge stories transitively and pick each story's canonical article.

Links are symmetric and every new article is compared with every stored and every batch
article it shares a key with, so the stories (connected components of the links) and their
canonical articles do not depend on the order in which copies arrive. The one exception is
deliberate: a URL on which the store has recorded unrelated bodies keys no story any more
(tasks/store/load.py), so what arrives under it later joins only by its text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations

from tasks.dedup.similarity import estimated_jaccard, identity_key, numbers_agree
from tasks.records import Fingerprint

# When two articles match in several ways, the strongest way names the link.
METHOD_RANK = {"url": 0, "exact": 1, "near": 2}
# Two bodies under one URL are versions of one article (a re-crawl after a correction, an added
# paragraph, a new headline, a live story that grew) only when their estimated Jaccard reaches
# this floor; below it the URL keys unrelated texts (a canonical shared by a CMS's template).
# Chosen on the tune half of the labelled set (tasks/evaluate/dedup.py, README "Measuring
# deduplication"): versions there lie at 0.62 and above, unrelated bodies under one URL at 0.02
# and below, two outlets' reports of one event at 0.14; 0.3 leaves room for a live story that
# grew to three times its first text, and for unrelated pages sharing a site's boilerplate.
URL_VERSION_FLOOR = 0.3


@dataclass(frozen=True, slots=True)
class NewArticle:
    """What placement needs to know of an article of the batch."""

    article_id: int
    story_url: str | None  # the URL that keys its story: one naming an article, or None
    body_hash: str
    published_at: datetime | None
    fingerprint: Fingerprint

    def lookup_keys(self) -> list[tuple[int, str]]:
        """Every key this article is found by, with the method a match on it means."""
        keys = [(identity_key("exact", self.body_hash), "exact")]
        if self.story_url:
            keys.append((identity_key("url", self.story_url), "url"))
        keys.extend((key, "near") for key in self.fingerprint.band_keys)
        return keys


@dataclass(frozen=True, slots=True)
class StoredCandidate:
    """A stored article that shares a key with a new one, with the similarity of their
    signatures (computed where they are stored, so signatures never leave the store)."""

    article_id: int
    other_id: int
    method: str
    similarity: float
    numbers: Sequence[str]
    cluster_id: int


@dataclass(frozen=True, slots=True)
class Link:
    """A verified match between two articles."""

    article_id: int
    other_id: int
    method: str
    similarity: float


@dataclass(slots=True)
class Placement:
    """Where the batch's articles go: their stories, merged stories, links, and each new
    article's outcome ('article' if it starts a story, 'duplicate' if it joins one)."""

    clusters: dict[int, int] = field(default_factory=dict)
    moves: dict[int, int] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    outcomes: dict[int, tuple[str, str | None]] = field(default_factory=dict)


def story_key(published_at: datetime | None, article_id: int) -> tuple[bool, datetime | None, int]:
    """Sort key of a story's canonical article: earliest publication, undated last, then id.

    Article ids derive from the content hash of the input file and the record's position, so
    the choice does not depend on which copy was ingested first.
    """
    return (published_at is None, published_at, article_id)


def accepted(
    method: str,
    similarity: float,
    left: Fingerprint,
    right_numbers: Sequence[str],
    threshold: float,
) -> bool:
    """Whether a candidate pair is a copy: a shared body always is; a shared URL when the bodies
    are still one article's (URL_VERSION_FLOOR); shared LSH bands only when the signatures agree
    to the threshold and the bodies state the same figures."""
    if method == "url":
        return similarity >= URL_VERSION_FLOOR
    if method != "near":
        return True
    return similarity >= threshold and numbers_agree(left.numbers, tuple(right_numbers))


@dataclass(slots=True)
class Found:
    """What comparing a batch with its candidates found: verified links, the story of every
    stored article linked, and for each new article the closest body it shares a URL with
    without being a version of it (a URL conflict)."""

    links: list[Link] = field(default_factory=list)
    stored_cluster: dict[int, int] = field(default_factory=dict)
    conflicts: dict[int, Link] = field(default_factory=dict)


def find_links(
    batch: Sequence[NewArticle], stored: Iterable[StoredCandidate], threshold: float
) -> Found:
    """Compare the batch's articles with their stored candidates and with each other."""
    found: dict[tuple[int, int], Link] = {}
    result = Found()
    by_id = {article.article_id: article for article in batch}

    def judge(link: Link, numbers: Sequence[str]) -> bool:
        print_ = by_id[link.article_id].fingerprint
        if accepted(link.method, link.similarity, print_, numbers, threshold):
            best = found.get((link.article_id, link.other_id))
            if best is None or METHOD_RANK[link.method] < METHOD_RANK[best.method]:
                found[(link.article_id, link.other_id)] = link
            return True
        if link.method == "url":
            _note_conflict(result.conflicts, link, by_id)
        return False

    for candidate in stored:
        pair = (candidate.article_id, candidate.other_id)
        if judge(Link(*pair, candidate.method, candidate.similarity), candidate.numbers):
            result.stored_cluster[candidate.other_id] = candidate.cluster_id

    for left, right, method in _batch_pairs(batch):
        similarity = estimated_jaccard(left.fingerprint.signature, right.fingerprint.signature)
        link = Link(left.article_id, right.article_id, method, similarity)
        judge(link, right.fingerprint.numbers)
    result.links = list(found.values())
    return result


def _note_conflict(conflicts: dict[int, Link], link: Link, batch: dict[int, NewArticle]) -> None:
    """Keep, for each new article of a refused URL pair, the closest body it was refused with."""
    for article_id, other_id in (
        (link.article_id, link.other_id),
        (link.other_id, link.article_id),
    ):
        closest = conflicts.get(article_id)
        if article_id in batch and (closest is None or link.similarity > closest.similarity):
            conflicts[article_id] = Link(article_id, other_id, "url_conflict", link.similarity)


def _batch_pairs(batch: Sequence[NewArticle]) -> Iterable[tuple[NewArticle, NewArticle, str]]:
    """Pairs of batch articles that share a URL, a body fingerprint or a band key."""
    groups: dict[tuple[str, object], list[NewArticle]] = defaultdict(list)
    for article in batch:
        if article.story_url:
            groups[("url", article.story_url)].append(article)
        groups[("exact", article.body_hash)].append(article)
        for key in article.fingerprint.band_keys:
            groups[("near", key)].append(article)
    seen: set[tuple[int, int, str]] = set()
    for (method, _), members in groups.items():
        for left, right in combinations(members, 2):
            key = (
                min(left.article_id, right.article_id),
                max(left.article_id, right.article_id),
                method,
            )
            if key not in seen:
                seen.add(key)
                yield left, right, method


def place(
    batch: Sequence[NewArticle],
    links: Sequence[Link],
    stored_cluster: dict[int, int],
    cluster_heads: dict[int, datetime | None],
) -> Placement:
    """Merge the batch's articles and the stories they link to; pick each story's canonical.

    `cluster_heads` gives the publication time of each linked stored story's canonical article.
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(a: tuple[str, int], b: tuple[str, int]) -> None:
        parent[find(a)] = find(b)

    for article in batch:
        find(("new", article.article_id))
    for link in links:
        other = (
            ("story", stored_cluster[link.other_id])
            if link.other_id in stored_cluster
            else ("new", link.other_id)
        )
        union(("new", link.article_id), other)

    components: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    for node in list(parent):
        components[find(node)].append(node)

    published = {article.article_id: article.published_at for article in batch}
    reading_order = {article.article_id: index for index, article in enumerate(batch)}
    best_method = _best_methods(links)
    placement = Placement(links=_both_directions(links))
    for members in components.values():
        keys = [
            story_key(published[i] if kind == "new" else cluster_heads.get(i), i)
            for kind, i in members
        ]
        canonical = min(keys)[2]
        new_members = sorted(
            (i for kind, i in members if kind == "new"), key=reading_order.__getitem__
        )
        # The ledger tells what a record did when it was read: the first record of a story not
        # seen before starts it, every other one joins it as a copy.
        starter = None if any(kind == "story" for kind, _ in members) else new_members[0]
        for kind, member in members:
            if kind == "story" and member != canonical:
                placement.moves[member] = canonical
        for member in new_members:
            placement.clusters[member] = canonical
            placement.outcomes[member] = (
                ("article", None) if member == starter else ("duplicate", best_method.get(member))
            )
    return placement


def _best_methods(links: Iterable[Link]) -> dict[int, str]:
    """For each article, the strongest way it was matched to anything."""
    best: dict[int, str] = {}
    for link in links:
        for article_id in (link.article_id, link.other_id):
            current = best.get(article_id)
            if current is None or METHOD_RANK[link.method] < METHOD_RANK[current]:
                best[article_id] = link.method
    return best


def _both_directions(links: Iterable[Link]) -> list[Link]:
    pairs = {}
    for link in links:
        for a, b in ((link.article_id, link.other_id), (link.other_id, link.article_id)):
            pairs.setdefault((a, b), Link(a, b, link.method, link.similarity))
    return list(pairs.values())
