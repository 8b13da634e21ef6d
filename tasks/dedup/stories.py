"""Place a batch's articles into stories: link copies by URL, body or near-duplicate text, then
merge stories transitively and pick each story's canonical article.

Links are symmetric and every new article is compared with every stored and every batch
article it shares a key with, so the stories (connected components of the links) and their
canonical articles do not depend on the order in which copies arrive.
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


@dataclass(frozen=True, slots=True)
class NewArticle:
    """What placement needs to know of an article of the batch."""

    article_id: int
    canonical_url: str | None
    body_hash: str
    published_at: datetime | None
    fingerprint: Fingerprint

    def lookup_keys(self) -> list[tuple[int, str]]:
        """Every key this article is found by, with the method a match on it means."""
        keys = [(identity_key("exact", self.body_hash), "exact")]
        if self.canonical_url:
            keys.append((identity_key("url", self.canonical_url), "url"))
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


def verify(
    method: str,
    left: Fingerprint,
    right_signature: Sequence[int],
    right_numbers: Sequence[str],
    threshold: float,
) -> float | None:
    """The similarity of a candidate pair, or None when it is not a copy."""
    similarity = estimated_jaccard(left.signature, right_signature)
    return similarity if accepted(method, similarity, left, right_numbers, threshold) else None


def accepted(
    method: str,
    similarity: float,
    left: Fingerprint,
    right_numbers: Sequence[str],
    threshold: float,
) -> bool:
    """Whether a candidate pair is a copy: a shared URL or body always is; shared LSH bands only
    when the signatures agree to the threshold and the bodies state the same figures."""
    if method != "near":
        return True
    return similarity >= threshold and numbers_agree(left.numbers, tuple(right_numbers))


def find_links(
    batch: Sequence[NewArticle], stored: Iterable[StoredCandidate], threshold: float
) -> tuple[list[Link], dict[int, int]]:
    """Verified links of the batch's articles, and the story of every stored article linked."""
    found: dict[tuple[int, int], Link] = {}
    stored_cluster: dict[int, int] = {}
    by_id = {article.article_id: article for article in batch}

    def keep(link: Link) -> None:
        pair = (link.article_id, link.other_id)
        best = found.get(pair)
        if best is None or METHOD_RANK[link.method] < METHOD_RANK[best.method]:
            found[pair] = link

    for candidate in stored:
        new = by_id[candidate.article_id]
        if accepted(
            candidate.method, candidate.similarity, new.fingerprint, candidate.numbers, threshold
        ):
            keep(Link(new.article_id, candidate.other_id, candidate.method, candidate.similarity))
            stored_cluster[candidate.other_id] = candidate.cluster_id

    for left, right, method in _batch_pairs(batch):
        similarity = verify(
            method,
            left.fingerprint,
            right.fingerprint.signature,
            right.fingerprint.numbers,
            threshold,
        )
        if similarity is not None:
            keep(Link(left.article_id, right.article_id, method, similarity))
    return list(found.values()), stored_cluster


def _batch_pairs(batch: Sequence[NewArticle]) -> Iterable[tuple[NewArticle, NewArticle, str]]:
    """Pairs of batch articles that share a URL, a body fingerprint or a band key."""
    groups: dict[tuple[str, object], list[NewArticle]] = defaultdict(list)
    for article in batch:
        if article.canonical_url:
            groups[("url", article.canonical_url)].append(article)
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
