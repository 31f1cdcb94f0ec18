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
   ``GROUP_SIMILARITY``; a brief whose second nearest neighbour is already close (a generic
   one) must be closer still (local scaling; ``grouping``, ``neighbours``). A brief left
   alone then joins a story when its nearest link clears the threshold: the story whose
   articles it resembles most on average.
3. **News value orders** (``stories``): outlets carrying the story, official action, senior
   office-holders, then how complete and central its briefs are. Inside a story a full
   article comes before an excerpt, a central brief before a peripheral one.
4. **Sections** (``sections``): each story goes under a name of the policy taxonomy in
   ``data/sections.toml`` (or the user's file); sections follow their best story.
5. **Summaries and labels** (``stories``): a story is labelled by its most representative
   headline and summed up by sentences chosen across its articles.
6. **The top line** (``stories.skim``): one line per top story, most newsworthy first.
7. **Length** (``length.fit``): points cut to a share of the sources' words.
8. **What's new** (``updates``, with the previous digest): a story that continues one of
   its stories is an update; it loses ``STALE`` news value when none of its articles is new,
   and its summary prefers sentences the previous digest did not hold.
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
    group_briefs,
    join_singletons,
    merge_duplicates,
    name_group,
)
from .length import fit
from .model import Digest, Section, Story, TopicGroup, TopLine
from .neighbours import row_sums
from .sections import Taxonomy, default_taxonomy, section_of
from .stories import skim
from .topline import TOP_LINE_MIN, importance
from .updates import Earlier, continuing, earlier_from_data, same_article
from .vectors import brief_vectors

STALE = 0.75  # news value an update loses when none of its articles is new

__all__ = [
    "DUPLICATE_SIMILARITY",
    "GROUP_SIMILARITY",
    "Digest",
    "Earlier",
    "Section",
    "Story",
    "Taxonomy",
    "TopLine",
    "TopicGroup",
    "assemble",
    "cluster",
    "cluster_pairs",
    "earlier_from_data",
    "importance",
    "join_singletons",
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
    earlier: Earlier | None = None,
) -> Digest:
    """Merge near-duplicates, group stories, put them in sections by news value, sum each
    story up and pick the top line (see the module). With ``earlier`` (the previous
    digest), stories that continue one of its stories are marked as updates."""
    when = generated_at or datetime.now().astimezone()
    unique, merged = merge_duplicates(list(briefs))
    sections: tuple[Section, ...] = ()
    lines: tuple[TopLine, ...] = ()
    if unique:
        stories = _stories(unique, taxonomy or default_taxonomy(), earlier or Earlier((), ()))
        sections = _sections(stories, taxonomy or default_taxonomy(), earlier)
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


def _stories(unique: Sequence[PolicyBrief], taxonomy: Taxonomy, earlier: Earlier) -> list[Story]:
    """The briefs clustered into stories (briefs most important first), by news value, each
    with its section and, when it continues a story of ``earlier``, marked as an update;
    not numbered yet."""
    vectors = brief_vectors(unique)
    n = len(unique)
    centrality = ((row_sums(vectors) - 1.0) / (n - 1)) if n > 1 else np.zeros(1)
    weight = [importance(b, float(c)) for b, c in zip(unique, centrality, strict=True)]
    continues = continuing(unique, earlier)
    stories: list[Story] = []
    for members in group_briefs(unique, vectors):
        members = sorted(members, key=lambda i: (-weight[i], i))
        story_briefs = tuple(unique[i] for i in members)
        _, phrases = name_group(story_briefs)
        value = stories_.news_value(story_briefs, [weight[i] for i in members])
        update = next((earlier.labels[continues[i]] for i in members if i in continues), "")
        new = sum(not same_article(b, earlier) for b in story_briefs) if update else 0
        if update and not new:
            value -= STALE  # told before, and nothing new has been written since
        stories.append(Story(
            label=stories_.label(story_briefs), slug="", key_phrases=phrases, briefs=story_briefs,
            start=0, importance=round(value, 6), section=section_of(story_briefs, taxonomy),
            outlets=stories_.outlets(story_briefs), update=update, new_articles=new,
        ))
    stories.sort(key=lambda s: -s.importance)  # stable: input order among equals
    return stories


def _sections(stories: Sequence[Story], taxonomy: Taxonomy, earlier: Earlier | None
              ) -> tuple[Section, ...]:
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
            old = earlier.said if earlier and story.update else frozenset()
            placed.append(replace(story, slug=slug, start=start,
                                  summary=stories_.summary(story.briefs, start, count, old)))
            start += story.count
        sections.append(Section(name=name, slug="section-" + slugify(name), stories=tuple(placed)))
    return tuple(sections)
