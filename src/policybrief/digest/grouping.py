"""Near-duplicates merged, briefs clustered into topics, and each topic named."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from .. import terms
from ..models import PolicyBrief
from .neighbours import local_scaling, similar_pairs
from .vectors import Vectors, brief_text, brief_vectors

DUPLICATE_SIMILARITY = 0.85
GROUP_SIMILARITY = 0.15


# --- 1. near-duplicates -------------------------------------------------------------------


def _preference(brief: PolicyBrief) -> tuple[int, int]:
    return (0 if brief.excerpt else 1, brief.word_count)


def sources_of(brief: PolicyBrief) -> tuple[str, ...]:
    return brief.sources or (brief.url or brief.source,)


def merge_duplicates(briefs: Sequence[PolicyBrief]) -> tuple[list[PolicyBrief], int]:
    """Fold near-duplicates into one brief carrying every source; returns (briefs, merged).

    A brief joins the first kept brief (in input order) that has its ``content_hash`` or
    a cosine of at least ``DUPLICATE_SIMILARITY``; only nearest neighbours are compared."""
    if not briefs:
        return [], 0
    near: dict[int, list[int]] = {}
    for (i, j), value in similar_pairs(brief_vectors(briefs)).items():
        if value >= DUPLICATE_SIMILARITY:
            near.setdefault(j, []).append(i)
    first_of_hash: dict[str, int] = {}
    owner: list[int] = []  # the representative each brief folds into
    members: dict[int, list[int]] = {}
    for i, brief in enumerate(briefs):
        candidates = [k for k in near.get(i, []) if owner[k] == k]
        if brief.content_hash and brief.content_hash in first_of_hash:
            candidates.append(first_of_hash[brief.content_hash])
        k = min(candidates, default=i)
        owner.append(k)
        members.setdefault(k, []).append(i)
        if brief.content_hash:
            first_of_hash.setdefault(brief.content_hash, k)
    result = []
    for group_members in members.values():
        group = [briefs[i] for i in group_members]
        best = max(group, key=_preference)  # max keeps the first among equals
        sources: dict[str, None] = {}
        for b in [best, *group]:  # the kept brief's own source first
            for s in sources_of(b):
                sources.setdefault(s, None)
        result.append(replace(best, sources=tuple(sources)))
    return _unique_slugs(result), len(briefs) - len(members)


def _unique_slugs(briefs: list[PolicyBrief]) -> list[PolicyBrief]:
    """Slugs are anchors in the digest: make them unique (two files can share a stem)."""
    seen: Counter[str] = Counter()
    result = []
    for b in briefs:
        seen[b.slug] += 1
        result.append(b if seen[b.slug] == 1 else replace(b, slug=f"{b.slug}-{seen[b.slug]}"))
    return result


# --- 2. topics ----------------------------------------------------------------------------


def group_briefs(briefs: Sequence[PolicyBrief], vectors: Vectors | None = None
                 ) -> list[list[int]]:
    """The briefs' stories: lists of indexes into ``briefs``, in input order.

    Nearest-neighbour pairs (``neighbours.similar_pairs``), locally scaled, clustered by
    average linkage above ``GROUP_SIMILARITY``; a brief left alone then follows its nearest
    neighbour into a story when that link clears the threshold."""
    if vectors is None:
        vectors = brief_vectors(briefs)
    n = len(briefs)
    pairs = local_scaling(n, similar_pairs(vectors), GROUP_SIMILARITY)
    return join_singletons(cluster_pairs(n, pairs), pairs)


def cluster(similarity: np.ndarray, threshold: float = GROUP_SIMILARITY) -> list[list[int]]:
    """Average-linkage clusters of a dense similarity matrix (every pair known)."""
    n = len(similarity)
    rows, columns = np.triu_indices(n, 1)
    values = np.asarray(similarity)[rows, columns]
    pairs = dict(zip(zip(rows.tolist(), columns.tolist(), strict=True), values.tolist(), strict=True))
    return cluster_pairs(n, pairs, threshold)


def cluster_pairs(n: int, pairs: Mapping[tuple[int, int], float], threshold: float = GROUP_SIMILARITY
                  ) -> list[list[int]]:
    """Average-linkage agglomerative clusters of ``n`` items, merged while above
    ``threshold``; clusters and members keep input order.

    ``pairs`` holds the known similarities {(i, j): s}; a pair not given counts as 0, so a
    sparse neighbour graph clusters in about E log E for its E pairs (with every pair given
    it is exact average linkage). Each cluster keeps its summed links to the others, and a
    merge folds the one with fewer links into the other. Candidate merges wait in a heap:
    a merge pushes fresh entries only for the clusters the folded one touched; every other
    link of the grown cluster can only have fallen (the same sum over more members), so its
    old entry is an overestimate, re-pushed at its true value when it reaches the top."""
    links: list[dict[int, float]] = [{} for _ in range(n)]
    heap: list[tuple[float, int, int]] = []
    for (i, j), value in pairs.items():
        links[i][j] = links[j][i] = value
        if value >= threshold:
            heap.append((-value, i, j))
    heapq.heapify(heap)
    size = [1] * n
    members: list[list[int]] = [[i] for i in range(n)]
    while heap:
        stored, a, b = heapq.heappop(heap)
        if not members[a] or not members[b]:
            continue  # a cluster merged away since this entry
        link = links[a].get(b, 0.0) / (size[a] * size[b])
        if link != -stored:
            if link >= threshold:
                heapq.heappush(heap, (-link, a, b))
            continue
        keep, gone = (a, b) if len(links[a]) >= len(links[b]) else (b, a)
        touched = [c for c in links[gone] if c != keep]
        _fold(links, keep, gone)
        size[keep] += size[gone]
        members[keep], members[gone] = sorted(members[keep] + members[gone]), []
        for c in touched:
            link = links[keep][c] / (size[keep] * size[c])
            if link >= threshold:
                heapq.heappush(heap, (-link, min(keep, c), max(keep, c)))
    return sorted((m for m in members if m), key=lambda m: m[0])


def join_singletons(clusters: Sequence[Sequence[int]], pairs: Mapping[tuple[int, int], float],
                    threshold: float = GROUP_SIMILARITY) -> list[list[int]]:
    """The clusters, each brief left alone joining the cluster it resembles most on average
    when its nearest neighbour's similarity is at least ``threshold``; clusters and members
    keep input order.

    Average linkage asks a brief to resemble a whole cluster on average; one outlet's telling
    of an event in its own words may resemble only one of the others (its nearest neighbour)
    well enough, and its average over them falls short. A brief alone is no story of its own
    unless nothing resembles it: when its nearest link clears the threshold (the link
    average linkage would have taken had the neighbour been alone too) it joins a story, the
    one whose members it resembles most on average (a pair not given counts as 0), which
    need not be its nearest neighbour's: one close article of a story it does not share
    (the same person's other news) weighs less than two fairly close ones. Only briefs alone
    after clustering move, and only into a cluster clustering made."""
    where = {m: c for c, members in enumerate(clusters) for m in members}
    alone = {members[0] for members in clusters if len(members) == 1}
    nearest: dict[int, float] = {}
    summed: dict[int, dict[int, float]] = {i: {} for i in alone}  # brief → cluster → links
    for (i, j), value in pairs.items():
        for a, b in ((i, j), (j, i)):
            if a not in alone:
                continue
            nearest[a] = max(nearest.get(a, 0.0), value)
            c = where[b]
            if len(clusters[c]) > 1:
                summed[a][c] = summed[a].get(c, 0.0) + value
    result = [list(members) for members in clusters]
    for i in sorted(alone):
        if nearest.get(i, 0.0) < threshold or not summed[i]:
            continue
        best = max(summed[i], key=lambda c: (summed[i][c] / len(clusters[c]), -c))
        result[best].append(i)
        result[where[i]].remove(i)
    return sorted((sorted(m) for m in result if m), key=lambda m: m[0])


def _fold(links: list[dict[int, float]], keep: int, gone: int) -> None:
    """Fold cluster ``gone``'s summed links into ``keep``'s (the one with more links)."""
    for c, total in links[gone].items():
        if c == keep:
            continue
        links[keep][c] = links[keep].get(c, 0.0) + total
        del links[c][gone]
        links[c][keep] = links[keep][c]
    links[keep].pop(gone, None)
    links[gone] = {}


def name_group(briefs: Sequence[PolicyBrief]) -> tuple[str, tuple[str, ...]]:
    """A group's name and up to three key phrases: the phrases its briefs share most.

    Candidates are the briefs' key phrases and the companies and organisations they name; a
    phrase scores by how many of the group's briefs hold all its words, then by how many of
    its words they hold. A group of several briefs is named by the phrases all of them share.
    """
    stem_sets = [
        set(terms.content_stems(" ".join(brief_text(b) + [a.name for a in b.actors]))) for b in briefs
    ]
    generic = {
        s
        for b in briefs
        for a in b.actors
        if a.kind in ("person", "country")
        for s in terms.content_stems(a.name)
    }
    candidates: dict[str, str] = {}  # stems → the phrase as first written
    order: dict[str, int] = {}
    for b in briefs:
        named = [a.name for a in b.actors if a.kind in ("company", "organisation")]
        for rank, phrase in enumerate([*b.keywords, *named]):
            key = " ".join(terms.content_stems(phrase))
            if key and key not in candidates:
                candidates[key] = phrase
                order[key] = rank

    def coverage(key: str) -> int:
        return sum(all(s in sset for s in key.split()) for sset in stem_sets)

    def score(key: str) -> tuple[float, int, str]:
        stems = key.split()
        partial = sum(sum(s in sset for s in stems) / len(stems) for sset in stem_sets)
        # a bare name ('President Donald Trump') says who, not what the story is about
        named = 0.6 if 2 * sum(s in generic for s in stems) >= len(stems) else 0.0
        return (coverage(key) + 0.5 * partial + 0.1 * min(len(stems), 3) - named, -order[key], key)

    chosen: list[str] = []
    used: set[str] = set()
    for key in sorted(candidates, key=score, reverse=True):
        stems = set(key.split())
        if stems & used or _abbreviates(candidates[key], [candidates[k] for k in chosen]):
            continue
        chosen.append(key)
        used |= stems
        if len(chosen) == 3:
            break
    if not chosen:
        return briefs[0].title, ()
    phrases = tuple(candidates[k] for k in chosen)
    name = phrases[0]
    if len(briefs) > 1 and len(chosen) > 1 and coverage(chosen[1]) == len(briefs):
        name = f"{phrases[0]} and {phrases[1]}"
    return name[0].upper() + name[1:], phrases


def _abbreviates(phrase: str, others: Sequence[str]) -> bool:
    """'TSMC' abbreviates 'Taiwan Semiconductor Manufacturing Co'."""
    if not phrase.isupper() or len(phrase) < 2:
        return False
    for other in others:
        initials = "".join(w[0] for w in other.split() if w[:1].isalpha()).upper()
        if len(initials) >= 2 and (initials.startswith(phrase) or phrase.startswith(initials)):
            return True
    return False


