"""A shorter digest: its points cut to what ``SHARE`` of its sources' words leaves room for.

The ``FULL_STORIES`` most newsworthy stories are told in full, the rest in one line each
(label and article numbers: their briefs keep no points). In the full ones, every story
keeps its label and summary, every brief its title and byline, and a brief's
bottom line unless the story's summary or the top line already quotes it; the words left
are spent on key points and recommendations, a round at a time in the digest's order (each
brief's best point first, then each one's second …), so the most newsworthy stories are
told most fully and none is dropped. A point is said once: none that the top line, the
story's summary or the brief's bottom line already says. The briefs' actors are cut to the
``ACTORS`` most named. Labels, titles, bylines and summaries are not cut, so a digest of
many short articles stays above the share; nor is the best point of a story that would
otherwise say nothing the top line has not said (its heading and bylines only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..models import Point, PolicyBrief
from .model import Section, Story, TopLine

SHARE = 0.20  # the digest's words, at most this share of its sources' words
ACTORS = 5
BRIEF_OVERHEAD = 10  # words a brief costs beside its title: anchor, number, byline, source
STORY_OVERHEAD = 6  # words a story costs beside its label: anchor, heading, outlets
FULL_STORIES = 20  # the most newsworthy stories told in full; the rest in one line each


def _words(text: str) -> int:
    return len(text.split())


def fit(sections: Sequence[Section], top_line: Sequence[TopLine], share: float = SHARE
        ) -> tuple[Section, ...]:
    """``sections`` with each brief's points cut so the digest stays within ``share`` of
    its sources' words (see the module)."""
    ranked = sorted((s for section in sections for s in section.stories), key=lambda s: -s.importance)
    full = {id(s) for s in ranked[:FULL_STORIES]}
    sections = tuple(replace(sec, stories=tuple(s if id(s) in full else replace(s, full=False)
                                                for s in sec.stories)) for sec in sections)
    stories = [s for section in sections for s in section.stories if s.full]
    briefs = [(b, s) for s in stories for b in s.briefs]
    budget = share * sum(b.word_count for b, _ in briefs)
    topped = {t for line in top_line for t in (line.text, line.why) if t}
    budget -= sum(_words(line.text) + _words(line.story) + _words(line.why) for line in top_line)
    budget -= sum(STORY_OVERHEAD + _words(s.label) + sum(_words(t) for t in s.said - topped)
                  for s in stories)
    budget -= sum(BRIEF_OVERHEAD + _words(b.title) for b, _ in briefs)
    budget -= sum(_words(b.bottom_line) for b, s in briefs if b.bottom_line not in s.said | topped)
    candidates = [[p for p in _candidates(b) if p.text not in s.said | topped] for b, s in briefs]
    kept: list[list[Point]] = [[] for _ in briefs]
    for i, (brief, story) in enumerate(briefs):  # a story left saying nothing keeps one point
        if candidates[i] and brief is story.briefs[0] and _says_nothing(story, topped):
            kept[i].append(candidates[i].pop(0))
            budget -= _words(kept[i][0].text)
    for round_ in range(max((len(c) for c in candidates), default=0)):
        for i, points in enumerate(candidates):
            if round_ < len(points) and _words(points[round_].text) <= budget:
                kept[i].append(points[round_])
                budget -= _words(points[round_].text)
    trimmed = {id(b): _trimmed(b, set(map(id, k))) for (b, _), k in zip(briefs, kept, strict=True)}
    trimmed.update((id(b), _trimmed(b, set())) for sec in sections for s in sec.stories
                   if not s.full for b in s.briefs)
    return tuple(
        replace(section, stories=tuple(_story(s, trimmed) for s in section.stories))
        for section in sections
    )


def _says_nothing(story: Story, topped: set[str]) -> bool:
    """Every sentence of the story's summary and its briefs' bottom lines is in the top line
    already: without a point, the story would show a heading and bylines only."""
    return all(line.text in topped for line in story.summary) and all(
        b.bottom_line in story.said | topped for b in story.briefs)


def _story(story: Story, trimmed: dict[int, PolicyBrief]) -> Story:
    return replace(story, briefs=tuple(trimmed[id(b)] for b in story.briefs))


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
