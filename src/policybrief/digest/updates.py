"""What's new against the previous digest: the stories that continue one it told.

The previous digest is read from its JSON (``digest --format json``, schema 1 or 2): its
briefs, and the story each stood in. A story of today continues an earlier one when one of
its briefs is the same article (its content hash or a source) or at least ``CONTINUES``
similar to one of the earlier briefs (the same sparse TF-IDF vectors and nearest-neighbour
pairs as grouping). Such a story is marked as an update: it names the earlier story, counts
the articles that are new, and its summary prefers sentences the earlier digest did not
quote. The first digest, with no previous one, has no updates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from ..models import Actor, Point, PolicyBrief
from .grouping import sources_of
from .neighbours import similar_pairs
from .vectors import brief_vectors

CONTINUES = 0.3


@dataclass(frozen=True)
class Earlier:
    """The previous digest's briefs, each with the label of the story it stood in."""

    briefs: tuple[PolicyBrief, ...]
    labels: tuple[str, ...]

    @property
    def said(self) -> frozenset[str]:
        """Every sentence the previous digest could have quoted."""
        return frozenset(t for b in self.briefs for t in (b.bottom_line, *(p.text for p in b.key_points)))


def earlier_from_data(data: Mapping[str, Any], subject: str = "previous digest") -> Earlier:
    """The previous digest from its JSON data; a file that is not one is a UsageError."""
    briefs = data.get("briefs") if isinstance(data, Mapping) else None
    if not isinstance(briefs, list) or not str(data.get("schema", "")).startswith("policybrief.digest/"):
        raise UsageError("not a JSON digest", subject=subject,
                         hint="give a digest written by 'policybrief digest --format json'")
    if data.get("stories"):  # schema 2; schema 1 named its topic groups
        names = {s.get("number"): s.get("label", "") for s in data["stories"] if isinstance(s, Mapping)}
    else:
        names = {g.get("number"): g.get("name", "") for g in data.get("groups") or []
                 if isinstance(g, Mapping)}
    kept, labels = [], []
    for item in briefs:
        if isinstance(item, Mapping) and isinstance(item.get("title"), str):
            kept.append(_brief(item))
            labels.append(str(names.get(item.get("story", item.get("group")), "") or item["title"]))
    return Earlier(tuple(kept), tuple(labels))


def _brief(item: Mapping[str, Any]) -> PolicyBrief:
    def points(key: str) -> tuple[Point, ...]:
        return tuple(Point(str(p.get("text", "")), int(p.get("paragraph") or 0))
                     for p in item.get(key) or [] if isinstance(p, Mapping))

    actors = tuple(Actor(str(a.get("name", "")), str(a.get("kind", "")), int(a.get("count") or 0),
                         str(a["role"]) if a.get("role") else None)
                   for a in item.get("actors") or [] if isinstance(a, Mapping))
    return PolicyBrief(
        title=str(item["title"]), author=None, source=str(item.get("source") or ""),
        url=item.get("url"), excerpt=bool(item.get("excerpt")), word_count=0, reading_minutes=0,
        bottom_line=str(item.get("bottom_line") or ""), key_points=points("key_points"),
        recommendations=points("recommendations"), actors=actors,
        keywords=tuple(str(k) for k in item.get("keywords") or []), method="", slug="",
        content_hash=str(item.get("content_hash") or ""),
        sources=tuple(str(s) for s in item.get("sources") or []),
        title_made=bool(item.get("title_made")),
    )


def continuing(current: Sequence[PolicyBrief], earlier: Earlier) -> dict[int, int]:
    """{index of a current brief: index of the earlier brief it continues}."""
    found: dict[int, int] = {}
    if not earlier.briefs or not current:
        return found
    seen: dict[str, int] = {}
    for j, brief in enumerate(earlier.briefs):
        for key in (brief.content_hash, *sources_of(brief)):
            if key:
                seen.setdefault(key, j)
    for i, brief in enumerate(current):
        same = next((seen[k] for k in (brief.content_hash, *sources_of(brief)) if k and k in seen), None)
        if same is not None:
            found[i] = same
    n = len(current)
    similar: dict[int, tuple[float, int]] = {}
    for (a, b), value in similar_pairs(brief_vectors([*current, *earlier.briefs])).items():
        if a < n <= b and value >= CONTINUES and value > similar.get(a, (0.0, -1))[0]:
            similar[a] = (value, b - n)
    for a, (_, j) in similar.items():
        found.setdefault(a, j)
    return found


def same_article(brief: PolicyBrief, earlier: Earlier) -> bool:
    keys = {k for b in earlier.briefs for k in (b.content_hash, *sources_of(b)) if k}
    return any(k and k in keys for k in (brief.content_hash, *sources_of(brief)))
