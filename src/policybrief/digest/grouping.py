"""Near-duplicates merged, briefs clustered into topics, and each topic named."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from .. import terms
from ..models import PolicyBrief
from .vectors import brief_text, brief_vectors

DUPLICATE_SIMILARITY = 0.85
GROUP_SIMILARITY = 0.12


# --- 1. near-duplicates -------------------------------------------------------------------


def _preference(brief: PolicyBrief) -> tuple[int, int]:
    return (0 if brief.excerpt else 1, brief.word_count)


def sources_of(brief: PolicyBrief) -> tuple[str, ...]:
    return brief.sources or (brief.url or brief.source,)


def merge_duplicates(briefs: Sequence[PolicyBrief]) -> tuple[list[PolicyBrief], int]:
    """Fold near-duplicates into one brief carrying every source; returns (briefs, merged)."""
    if not briefs:
        return [], 0
    vectors = brief_vectors(briefs)
    similarity = vectors @ vectors.T
    kept: list[int] = []  # indexes of the representative of each cluster, in input order
    members: dict[int, list[int]] = {}
    for i, brief in enumerate(briefs):
        for k in kept:
            same = brief.content_hash and brief.content_hash == briefs[k].content_hash
            if same or similarity[i, k] >= DUPLICATE_SIMILARITY:
                members[k].append(i)
                break
        else:
            kept.append(i)
            members[i] = [i]
    result = []
    for k in kept:
        group = [briefs[i] for i in members[k]]
        best = max(group, key=_preference)  # max keeps the first among equals
        sources: dict[str, None] = {}
        for b in [best, *group]:  # the kept brief's own source first
            for s in sources_of(b):
                sources.setdefault(s, None)
        result.append(replace(best, sources=tuple(sources)))
    return _unique_slugs(result), len(briefs) - len(kept)


def _unique_slugs(briefs: list[PolicyBrief]) -> list[PolicyBrief]:
    """Slugs are anchors in the digest: make them unique (two files can share a stem)."""
    seen: Counter[str] = Counter()
    result = []
    for b in briefs:
        seen[b.slug] += 1
        result.append(b if seen[b.slug] == 1 else replace(b, slug=f"{b.slug}-{seen[b.slug]}"))
    return result


# --- 2. topics ----------------------------------------------------------------------------


def cluster(similarity: np.ndarray, threshold: float = GROUP_SIMILARITY) -> list[list[int]]:
    """Average-linkage agglomerative clusters of a similarity matrix, merged while above
    ``threshold``; clusters and members keep input order.

    The average links between clusters are kept in one matrix and updated by the
    Lance-Williams formula when two merge (the merged cluster's link to another is the
    size-weighted mean of its parts'), and each cluster remembers its most similar other
    one, so a merge costs O(n) numpy work instead of a pass over every pair of clusters:
    O(n²) in all, where the pairwise search was O(n³)."""
    n = len(similarity)
    members: list[list[int]] = [[i] for i in range(n)]
    if n <= 1:
        return members
    link = np.array(similarity, dtype=float)
    np.fill_diagonal(link, -np.inf)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    best = link.argmax(axis=1)  # each cluster's most similar other cluster
    every = np.arange(n)
    while alive.sum() > 1:
        rows = np.flatnonzero(alive)
        values = link[rows, best[rows]]
        k = int(np.argmax(values))
        if values[k] < threshold:
            break
        a, b = sorted((int(rows[k]), int(best[rows[k]])))
        merged = (size[a] * link[a] + size[b] * link[b]) / (size[a] + size[b])
        link[a], link[:, a] = merged, merged
        link[a, a] = -np.inf
        link[b], link[:, b] = -np.inf, -np.inf
        alive[b] = False
        size[a] += size[b]
        members[a], members[b] = sorted(members[a] + members[b]), []
        stale = np.union1d(np.flatnonzero(alive & ((best == a) | (best == b))), [a])
        best[stale] = link[stale].argmax(axis=1)
        best[alive & (link[:, a] > link[every, best])] = a
    return [m for m in members if m]


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


