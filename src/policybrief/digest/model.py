"""The digest's values: ``Digest``, its ``TopicGroup`` s and ``TopLine`` sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..brief import WORDS_PER_MINUTE
from ..models import PolicyBrief


@dataclass(frozen=True)
class TopLine:
    """One sentence of the top line, verbatim from the brief numbered ``number``."""

    text: str
    number: int  # the cited brief's position in ``Digest.briefs``, from 1
    slug: str  # the cited brief's slug: its anchor in HTML and Markdown
    title: str  # the cited brief's title
    paragraph: int | None  # the paragraph the sentence stands in, when known


@dataclass(frozen=True)
class TopicGroup:
    """Briefs on one topic, most important first, named from their shared key phrases."""

    name: str
    slug: str
    key_phrases: tuple[str, ...]
    briefs: tuple[PolicyBrief, ...]
    start: int  # the number of the group's first brief in ``Digest.briefs``, from 1
    importance: float = 0.0

    @property
    def count(self) -> int:
        return len(self.briefs)

    @property
    def also(self) -> tuple[str, ...]:
        """The key phrases the group's name does not already say."""
        return tuple(p for p in self.key_phrases if p.lower() not in self.name.lower())

    @property
    def numbered(self) -> tuple[tuple[int, PolicyBrief], ...]:
        """(number, brief) pairs, for templates that cite briefs by number."""
        return tuple((self.start + i, b) for i, b in enumerate(self.briefs))


@dataclass(frozen=True)
class Digest:
    """The day's briefs, grouped by topic, with a top line: what the templates render."""

    title: str
    generated_at: datetime
    version: str
    method: str
    top_line: tuple[TopLine, ...]
    groups: tuple[TopicGroup, ...]
    merged: int = 0  # near-duplicate briefs folded into another
    briefs: tuple[PolicyBrief, ...] = field(init=False)

    def __post_init__(self) -> None:
        flat = tuple(b for g in self.groups for b in g.briefs)
        object.__setattr__(self, "briefs", flat)

    @property
    def count(self) -> int:
        """How many briefs the digest holds (after merging near-duplicates)."""
        return len(self.briefs)

    @property
    def date(self) -> str:
        """The generation date, e.g. '7 March 2025'."""
        return f"{self.generated_at.day} {self.generated_at:%B %Y}"

    @property
    def generated(self) -> str:
        """The generation time as ISO 8601, to the second."""
        return self.generated_at.isoformat(timespec="seconds")

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source of every brief, once, in digest order."""
        seen: dict[str, None] = {}
        for b in self.briefs:
            for s in b.sources or (b.url or b.source,):
                seen.setdefault(s, None)
        return tuple(seen)

    @property
    def reading_minutes(self) -> int:
        """Reading time of all the sources together (not a sum of rounded per-brief times)."""
        return max(1, round(sum(b.word_count for b in self.briefs) / WORDS_PER_MINUTE))

    def number(self, brief: PolicyBrief) -> int:
        """The brief's position in the digest, from 1 (its citation number)."""
        for i, b in enumerate(self.briefs, 1):
            if b.slug == brief.slug:
                return i
        raise KeyError(brief.slug)

