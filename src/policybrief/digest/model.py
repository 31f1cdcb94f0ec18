"""The digest's values: ``Digest``, its ``Section`` s of ``Story`` s, and ``TopLine`` sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ..brief import WORDS_PER_MINUTE
from ..models import PolicyBrief


@dataclass(frozen=True)
class TopLine:
    """One sentence of the top line or of a story's summary, verbatim from the brief
    numbered ``number``."""

    text: str
    number: int  # the cited brief's position in ``Digest.briefs``, from 1
    slug: str  # the cited brief's slug: its anchor in HTML and Markdown
    title: str  # the cited brief's title
    paragraph: int | None  # the paragraph the sentence stands in, when known
    story: str = ""  # the label of the story it tells (in the top line)
    story_slug: str = ""  # that story's anchor
    why: str = ""  # in the top line: why it matters (a consequence or a number), verbatim
    why_number: int = 0  # the brief that sentence comes from
    update: bool = False  # in the top line: the story continues one of the previous digest


@dataclass(frozen=True)
class Story:
    """The articles of one event or issue, most important first, under a headline-like
    label (the most representative of its articles' own headlines), with a summary drawn
    across its articles."""

    label: str
    slug: str
    key_phrases: tuple[str, ...]
    briefs: tuple[PolicyBrief, ...]
    start: int  # the number of the story's first brief in ``Digest.briefs``, from 1
    importance: float = 0.0  # its news value: what orders stories and sections
    section: str = ""  # the name of the section it stands in
    summary: tuple[TopLine, ...] = ()  # sentences across its articles, most central first
    outlets: int = 1  # how many sources carried it
    full: bool = True  # False: told in one line (beyond the digest's first stories)
    update: str = ""  # the label of the earlier digest's story this one continues, if any
    new_articles: int = 0  # of an update: its articles the earlier digest did not hold

    @property
    def name(self) -> str:
        """The label (templates written for topic groups call it ``name``)."""
        return self.label

    @property
    def count(self) -> int:
        return len(self.briefs)

    @property
    def also(self) -> tuple[str, ...]:
        """The key phrases the story's label does not already say."""
        return tuple(p for p in self.key_phrases if p.lower() not in self.label.lower())

    @property
    def said(self) -> frozenset[str]:
        """The sentences its summary already quotes: a brief does not say them again."""
        return frozenset(line.text for line in self.summary)

    @property
    def numbered(self) -> tuple[tuple[int, PolicyBrief], ...]:
        """(number, brief) pairs, for templates that cite briefs by number."""
        return tuple((self.start + i, b) for i, b in enumerate(self.briefs))


TopicGroup = Story  # the name before stories had sections and summaries


@dataclass(frozen=True)
class Section:
    """Stories under one name of the policy taxonomy (``data/sections.toml``)."""

    name: str
    slug: str
    stories: tuple[Story, ...]

    @property
    def count(self) -> int:
        return len(self.stories)


@dataclass(frozen=True)
class Digest:
    """The day's stories in sections, with a top line (one line per top story): what the
    templates render. ``stories`` and ``briefs`` are the sections' in reading order."""

    title: str
    generated_at: datetime
    version: str
    method: str
    top_line: tuple[TopLine, ...]
    sections: tuple[Section, ...]
    merged: int = 0  # near-duplicate briefs folded into another
    stories: tuple[Story, ...] = field(init=False)
    briefs: tuple[PolicyBrief, ...] = field(init=False)

    def __post_init__(self) -> None:
        stories = tuple(s for section in self.sections for s in section.stories)
        object.__setattr__(self, "stories", stories)
        object.__setattr__(self, "briefs", tuple(b for s in stories for b in s.briefs))

    @property
    def said(self) -> frozenset[str]:
        """The sentences the top line quotes (and why they matter): the stories do not say
        them again."""
        return frozenset(t for line in self.top_line for t in (line.text, line.why) if t)

    @property
    def groups(self) -> tuple[Story, ...]:
        """The stories (templates written for topic groups call them ``groups``)."""
        return self.stories

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

