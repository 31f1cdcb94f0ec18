"""Briefs → a Digest: near-duplicates merged, topics grouped, a top line chosen. Pure, no I/O.

``assemble`` is the whole stage:

1. **Near-duplicates merge.** Two briefs with the same ``content_hash`` (the same file given
   twice) or a TF-IDF cosine of at least ``DUPLICATE_SIMILARITY`` (the same story from two
   outlets) become one brief whose ``sources`` lists both. The full article wins over an
   excerpt, then the longer one.
2. **Topics group.** Average-linkage agglomerative clustering of the briefs' TF-IDF vectors
   (stems of title, key phrases, bottom line, key points, recommendations), stopping at
   ``GROUP_SIMILARITY``. Each group is named from the key phrases its briefs share most.
3. **Importance orders.** A brief weighs more when it is a full article rather than an
   excerpt, when several sources carried it, when it recommends action and when it is
   central to the day's other briefs; a group weighs what its briefs weigh.
4. **The top line** picks 3-5 sentences by maximal marginal relevance: each next sentence is
   the most important one that says least of what the chosen ones already say. Every one is
   a bottom line or key point of a brief, verbatim, and cites that brief.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime

import numpy as np

from .. import __version__
from ..brief import slugify
from ..models import PolicyBrief
from .grouping import (
    DUPLICATE_SIMILARITY,
    GROUP_SIMILARITY,
    cluster,
    cluster_pairs,
    merge_duplicates,
    name_group,
)
from .length import fit
from .model import Digest, TopicGroup, TopLine
from .neighbours import row_sums, similar_pairs
from .topline import importance, top_line
from .vectors import brief_vectors

__all__ = [
    "DUPLICATE_SIMILARITY",
    "GROUP_SIMILARITY",
    "Digest",
    "TopLine",
    "TopicGroup",
    "assemble",
    "cluster",
    "cluster_pairs",
    "importance",
    "merge_duplicates",
    "name_group",
    "top_line",
]


def assemble(
    briefs: Iterable[PolicyBrief],
    *,
    title: str = "Policy digest",
    method: str = "default",
    generated_at: datetime | None = None,
    version: str = __version__,
) -> Digest:
    """Merge near-duplicates, group by topic, order by importance and pick the top line."""
    when = generated_at or datetime.now().astimezone()
    unique, merged = merge_duplicates(list(briefs))
    groups: tuple[TopicGroup, ...] = ()
    lines: tuple[TopLine, ...] = ()
    if unique:
        groups, weights = _topic_groups(unique)
        lines = _top_line(groups, weights)
        groups = fit(groups, lines)
    return Digest(
        title=title,
        generated_at=when,
        version=version,
        method=method,
        top_line=lines,
        groups=groups,
        merged=merged,
    )


def _topic_groups(unique: Sequence[PolicyBrief]) -> tuple[tuple[TopicGroup, ...], list[float]]:
    """The briefs clustered into named topics, most important first; and each brief's
    weight, in the order the groups list them."""
    vectors = brief_vectors(unique)
    n = len(unique)
    centrality = ((row_sums(vectors) - 1.0) / (n - 1)) if n > 1 else np.zeros(1)
    weight = [importance(b, float(c)) for b, c in zip(unique, centrality, strict=True)]
    ranked: list[tuple[float, int, list[int]]] = []
    for members in cluster_pairs(n, similar_pairs(vectors)):
        members = sorted(members, key=lambda i: (-weight[i], i))
        score = weight[members[0]] + 0.5 * sum(weight[i] for i in members[1:])
        ranked.append((score, members[0], members))
    ranked.sort(key=lambda g: (-g[0], g[1]))
    groups: list[TopicGroup] = []
    ordered_weight: list[float] = []
    slugs: Counter[str] = Counter()
    for score, _, members in ranked:
        group_briefs = tuple(unique[i] for i in members)
        name, phrases = name_group(group_briefs)
        slug = "topic-" + slugify(name)
        slugs[slug] += 1
        if slugs[slug] > 1:
            slug = f"{slug}-{slugs[slug]}"
        start = len(ordered_weight) + 1
        groups.append(TopicGroup(name=name, slug=slug, key_phrases=phrases, briefs=group_briefs,
                                 start=start, importance=round(score, 6)))
        ordered_weight.extend(weight[i] for i in members)
    return tuple(groups), ordered_weight


def _top_line(groups: Sequence[TopicGroup], weights: Sequence[float]) -> tuple[TopLine, ...]:
    ordered = [b for g in groups for b in g.briefs]
    return tuple(
        TopLine(
            text=c.text,
            number=c.brief + 1,
            slug=ordered[c.brief].slug,
            title=ordered[c.brief].title,
            paragraph=c.paragraph,
        )
        for c in top_line(ordered, weights)
    )
