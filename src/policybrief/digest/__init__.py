"""Briefs → a Digest: near-duplicates merged, stories grouped and put in sections, each
story summed up, the top line chosen. Pure, no I/O.

``assemble`` is the whole stage:

1. **Near-duplicates merge.** Two briefs with the same ``content_hash`` (the same file given
   twice) or a TF-IDF cosine of at least ``DUPLICATE_SIMILARITY`` (the same story from two
   outlets) become one brief whose ``sources`` lists both. The full article wins over an
   excerpt, then the longer one.
2. **Stories group.** Average-linkage agglomerative clustering of the briefs' sparse TF-IDF
   vectors (stems of headline, key phrases, bottom line, key points, recommendations, and
   the actors they name), over each brief's nearest neighbours only, stopping at
   ``GROUP_SIMILARITY`` (``grouping``, ``neighbours``).
3. **News value orders** (``stories``): outlets carrying the story, official action, senior
   office-holders, then how complete and central its briefs are. Inside a story a full
   article comes before an excerpt, a central brief before a peripheral one.
4. **Sections** (``sections``): each story goes under a name of the policy taxonomy in
   ``data/sections.toml`` (or the user's file); sections follow their best story.
5. **Summaries and labels** (``stories``): a story is labelled by its most representative
   headline and summed up by sentences chosen across its articles.
6. **The top line** (``stories.skim``): one line per top story, most newsworthy first.
7. **Length** (``length.fit``): points cut to a share of the sources' words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

import numpy as np

from .. import __version__
from ..brief import slugify
from ..models import PolicyBrief
from . import stories as stories_
from .grouping import (
    DUPLICATE_SIMILARITY,
    GROUP_SIMILARITY,
    cluster,
    cluster_pairs,
    merge_duplicates,
    name_group,
)
from .length import fit
from .model import Digest, Section, Story, TopicGroup, TopLine
from .neighbours import row_sums, similar_pairs
from .sections import Taxonomy, default_taxonomy, section_of
from .stories import skim
from .topline import TOP_LINE_MIN, importance
from .vectors import brief_vectors

__all__ = [
    "DUPLICATE_SIMILARITY",
    "GROUP_SIMILARITY",
    "Digest",
    "Section",
    "Story",
    "Taxonomy",
    "TopLine",
    "TopicGroup",
    "assemble",
    "cluster",
    "cluster_pairs",
    "importance",
    "merge_duplicates",
    "name_group",
    "skim",
]


def assemble(
    briefs: Iterable[PolicyBrief],
    *,
    title: str = "Policy digest",
    method: str = "default",
    generated_at: datetime | None = None,
    version: str = __version__,
    taxonomy: Taxonomy | None = None,
) -> Digest:
    """Merge near-duplicates, group stories, put them in sections by news value, sum each
    story up and pick the top line (see the module)."""
    when = generated_at or datetime.now().astimezone()
    unique, merged = merge_duplicates(list(briefs))
    sections: tuple[Section, ...] = ()
    lines: tuple[TopLine, ...] = ()
    if unique:
        stories = _stories(unique, taxonomy or default_taxonomy())
        sections = _sections(stories, taxonomy or default_taxonomy())
        by_value = sorted((s for sec in sections for s in sec.stories), key=lambda s: -s.importance)
        lines = skim(by_value)
        sections = fit(sections, lines)
    return Digest(
        title=title,
        generated_at=when,
        version=version,
        method=method,
        top_line=lines,
        sections=sections,
        merged=merged,
    )


def _stories(unique: Sequence[PolicyBrief], taxonomy: Taxonomy) -> list[Story]:
    """The briefs clustered into stories (briefs most important first), by news value, each
    with its section; not numbered yet."""
    vectors = brief_vectors(unique)
    n = len(unique)
    centrality = ((row_sums(vectors) - 1.0) / (n - 1)) if n > 1 else np.zeros(1)
    weight = [importance(b, float(c)) for b, c in zip(unique, centrality, strict=True)]
    stories: list[Story] = []
    for members in cluster_pairs(n, similar_pairs(vectors)):
        members = sorted(members, key=lambda i: (-weight[i], i))
        story_briefs = tuple(unique[i] for i in members)
        _, phrases = name_group(story_briefs)
        stories.append(Story(
            label=stories_.label(story_briefs), slug="", key_phrases=phrases, briefs=story_briefs,
            start=0, importance=round(stories_.news_value(story_briefs, [weight[i] for i in members]), 6),
            section=section_of(story_briefs, taxonomy), outlets=stories_.outlets(story_briefs),
        ))
    stories.sort(key=lambda s: -s.importance)  # stable: input order among equals
    return stories


def _sections(stories: Sequence[Story], taxonomy: Taxonomy) -> tuple[Section, ...]:
    """Sections in order of their most newsworthy story (``other`` last), each story
    numbered, given its anchor and summed up."""
    names = list(dict.fromkeys(s.section for s in stories))
    names.sort(key=lambda name: name == taxonomy.other)  # stable: by first story otherwise
    few = len(stories) < TOP_LINE_MIN
    slugs: Counter[str] = Counter()
    start = 1
    sections = []
    for name in names:
        placed = []
        for story in (s for s in stories if s.section == name):
            slug = "story-" + slugify(story.label)
            slugs[slug] += 1
            if slugs[slug] > 1:
                slug = f"{slug}-{slugs[slug]}"
            count = stories_.SUMMARY_MAX if few or story.count > 1 else 1
            placed.append(replace(story, slug=slug, start=start,
                                  summary=stories_.summary(story.briefs, start, count)))
            start += story.count
        sections.append(Section(name=name, slug="section-" + slugify(name), stories=tuple(placed)))
    return tuple(sections)
