"""A shorter digest: its points cut to what ``SHARE`` of its sources' words leaves room for.

Every brief keeps its title, byline and bottom line; the words left are spent on key points
and recommendations, a round at a time in the digest's order (each brief's best point
first, then each one's second …), so the most important stories are told most fully and
none is dropped; a point the top line quotes stays with its brief. A point is said once:
recommendations already quoted as the bottom line or a key point are not repeated. The
briefs' actors are cut to the ``ACTORS`` most named. Titles, bylines, bottom lines, the
contents and the sources list are not cut, so a digest of many short articles stays above
the share.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..models import Point, PolicyBrief
from .model import TopicGroup, TopLine

SHARE = 0.20  # the digest's words, at most this share of its sources' words
ACTORS = 5
OVERHEAD_WORDS = 12  # a brief's heading, byline and labels


def _words(text: str) -> int:
    return len(text.split())


def fit(groups: Sequence[TopicGroup], top_line: Sequence[TopLine], share: float = SHARE
        ) -> tuple[TopicGroup, ...]:
    """``groups`` with each brief's points cut so the digest stays within ``share`` of its
    sources' words (see the module)."""
    briefs = [b for g in groups for b in g.briefs]
    budget = share * sum(b.word_count for b in briefs)
    budget -= sum(_words(line.text) for line in top_line)
    budget -= sum(OVERHEAD_WORDS + _words(b.title) + _words(b.bottom_line) for b in briefs)
    cited = {line.text for line in top_line}
    candidates = [_candidates(b) for b in briefs]
    # a point the top line quotes stays with its brief, so the top line's link finds it
    kept: list[list[Point]] = [[p for p in c if p.text in cited] for c in candidates]
    budget -= sum(_words(p.text) for k in kept for p in k)
    candidates = [[p for p in c if p.text not in cited] for c in candidates]
    for round_ in range(max((len(c) for c in candidates), default=0)):
        for i, points in enumerate(candidates):
            if round_ < len(points) and _words(points[round_].text) <= budget:
                kept[i].append(points[round_])
                budget -= _words(points[round_].text)
    trimmed = {id(b): _trimmed(b, set(map(id, k))) for b, k in zip(briefs, kept, strict=True)}
    return tuple(replace(g, briefs=tuple(trimmed[id(b)] for b in g.briefs)) for g in groups)


def _candidates(brief: PolicyBrief) -> list[Point]:
    """The brief's points in the order they are worth words: key points, then the
    recommendations not already quoted."""
    said = {brief.bottom_line}
    points = [p for p in brief.key_points if p.text not in said]
    said.update(p.text for p in points)
    return points + [p for p in brief.recommendations if p.text not in said]


def _trimmed(brief: PolicyBrief, kept: set[int]) -> PolicyBrief:
    return replace(
        brief,
        key_points=tuple(p for p in brief.key_points if id(p) in kept),
        recommendations=tuple(p for p in brief.recommendations if id(p) in kept),
        actors=brief.actors[:ACTORS],
    )
