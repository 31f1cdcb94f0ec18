"""A story's label, its summary across its articles, and its news value.

- **Label**: the headline, among the story's articles' own, that shares most with the
  others (the most representative); a headline the source did not give (one made from the
  text) only when no article has one. Never a key-phrase fragment.
- **Summary**: sentences chosen across the story's articles (their bottom lines and key
  points) by maximal marginal relevance: central to the story (similar to its other
  articles' sentences), standing alone, not repeating one already chosen, spread over its
  articles, most central first. One sentence for a story of one article, up to ``SUMMARY_MAX`` for more.
- **News value**: how many outlets carried it, official action (a government, court or
  legislature acting) and senior office-holders, then how central it is to the day;
  recommendations do not count.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from .. import terms
from ..models import PolicyBrief
from .grouping import sources_of
from .model import Story, TopLine
from .topline import TOP_LINE_MAX, TOP_LINE_MIN, quality
from .vectors import dense_similarity, term_rows, tfidf

SUMMARY_MAX = 3
SUMMARY_REDUNDANT = 0.5  # a sentence this similar to one chosen says the same thing
SUMMARY_LAMBDA = 0.7
SUMMARY_SPREAD = 0.2  # a second sentence from one article gives way to another's first
# Official action: an institution of government acting, in a headline or a lede.
OFFICIAL_RE = re.compile(
    r"\b(?:government|ministry|department|parliament|congress|senate|house|court|judge|"
    r"regulators?|commission|agency|cabinet|administration|white house|council|"
    r"legislature|lawmakers|police|prosecutors?|central bank)\b[^.]{0,80}?\b(?:announc|pass|"
    r"sign|order|approv|rul|vot|ban|launch|impos|unveil|propos|reject|block|charg|sue|"
    r"appoint|fir|veto|rais|cut|confirm)\w*",
    re.IGNORECASE,
)
# Why it matters: a consequence (what it will cost, mean or cause) or a figure.
CONSEQUENCE_RE = re.compile(
    r"\b(?:means?|meaning|would|could|so that|because|risk|threat|cost|costs|save|"
    r"affect|impact|consequence|leading to|result in)\b|\d[\d,.]*\s*(?:%|per ?cent|"
    r"percent|million|billion|bn|m\b)|[$£€]\s?\d",
    re.IGNORECASE,
)
SENIOR_RE = re.compile(
    r"\b(?:president|prime minister|chancellor|secretary of state|secretary|minister|"
    r"governor|speaker|chief justice|attorney general|premier|king|queen|pope|mayor)\b",
    re.IGNORECASE,
)


def label(briefs: Sequence[PolicyBrief]) -> str:
    """The story's headline-like label (see the module)."""
    given = [b for b in briefs if not b.title_made] or list(briefs)
    stems = [set(terms.content_stems(b.title)) for b in given]

    def shared(i: int) -> tuple[int, int]:
        return (sum(len(stems[i] & other) for j, other in enumerate(stems) if j != i), -i)

    best = given[max(range(len(given)), key=shared)].title
    return best.rstrip(" .")


def summary(briefs: Sequence[PolicyBrief], start: int, count: int = SUMMARY_MAX,
            old: frozenset[str] = frozenset()) -> tuple[TopLine, ...]:
    """Up to ``count`` sentences summing the story up (see the module); ``start`` numbers
    its first brief. Sentences in ``old`` (said by the previous digest) come last."""
    cited: list[tuple[str, int, int | None, float]] = []  # text, brief, paragraph, prior
    seen: set[str] = set()
    for i, brief in enumerate(briefs):
        lead = min(brief.key_points, key=lambda p: p.paragraph, default=None)
        points = [(brief.bottom_line, brief.bottom_paragraph or None, 1.0)]
        points += [(p.text, p.paragraph, 1.0 if p is lead else 0.8) for p in brief.key_points]
        for text, paragraph, prior in points:
            if text and text not in seen:
                seen.add(text)
                fresh = 0.3 if text in old else 1.0
                cited.append((text, i, paragraph, fresh * prior * (1.0 - 0.1 * min(i, 3))))
    if not cited:
        return ()
    chosen = _central(cited, min(count, len(cited)))
    return tuple(
        TopLine(text=cited[k][0], number=start + cited[k][1], slug=briefs[cited[k][1]].slug,
                title=briefs[cited[k][1]].title, paragraph=cited[k][2])
        for k in chosen
    )


def _central(cited: list[tuple[str, int, int | None, float]], count: int) -> list[int]:
    """Indexes of ``count`` sentences by maximal marginal relevance over centrality."""
    similarity = dense_similarity(tfidf(term_rows([c[0] for c in cited])))
    n = len(cited)
    others = [[j for j in range(n) if cited[j][1] != cited[i][1]] for i in range(n)]
    weight = [  # a story of one article: its own standing order
        (float(np.mean(similarity[i, others[i]])) if others[i] else 1.0)
        * cited[i][3] * quality(cited[i][0])
        for i in range(n)
    ]
    top = max(weight) or 1.0
    chosen: list[int] = []
    while len(chosen) < count:
        best, pick = -math.inf, None
        for i in range(n):
            redundancy = max((float(similarity[i, k]) for k in chosen), default=0.0)
            if i in chosen or redundancy >= SUMMARY_REDUNDANT:
                continue
            repeats = sum(cited[k][1] == cited[i][1] for k in chosen)
            score = (SUMMARY_LAMBDA * weight[i] / top - (1 - SUMMARY_LAMBDA) * redundancy
                     - SUMMARY_SPREAD * repeats)
            if score > best:
                best, pick = score, i
        if pick is None:
            break
        chosen.append(pick)
    return chosen


def why_it_matters(story: Story, said: set[str]) -> tuple[str, int]:
    """A sentence of the story saying why it matters: the first of its summary's later
    sentences, then of its articles' key points (most important article first), that gives
    a consequence or a figure and is not in ``said``; ("", 0) when none does."""
    candidates = [(line.text, line.number) for line in story.summary[1:]]
    candidates += [(p.text, n) for n, b in story.numbered for p in b.key_points]
    for text, number in candidates:
        if text not in said and CONSEQUENCE_RE.search(text) and quality(text) >= 1.0:
            return text, number
    return "", 0


def outlets(briefs: Sequence[PolicyBrief]) -> int:
    return len({s for b in briefs for s in sources_of(b)})


def news_value(briefs: Sequence[PolicyBrief], weights: Sequence[float]) -> float:
    """How much the story is the day's news (see the module); ``weights`` are its briefs'
    importance, most important first."""
    ledes = " ".join(f"{b.title}. {b.bottom_line}" for b in briefs)
    return (
        1.0 * math.log2(1 + outlets(briefs))
        + (0.8 if OFFICIAL_RE.search(ledes) else 0.0)
        + (0.4 if SENIOR_RE.search(ledes) else 0.0)
        + weights[0] + 0.25 * sum(weights[1:])
    )


def skim(stories: Sequence[Story]) -> tuple[TopLine, ...]:
    """The top line: one line per top story (its summary's first sentence, naming the
    story, with why it matters when a sentence of the story gives a consequence or a
    number), the ``TOP_LINE_MAX`` most newsworthy first; when fewer than ``TOP_LINE_MIN``
    stories, their next summary sentences make up the rest."""
    lines: list[TopLine] = []
    said = {s.summary[0].text for s in stories[:TOP_LINE_MAX] if s.summary}
    for round_ in range(max((len(s.summary) for s in stories), default=0)):
        for story in stories[:TOP_LINE_MAX]:
            if round_ >= len(story.summary) or len(lines) >= TOP_LINE_MAX:
                continue
            line = replace(story.summary[round_], story=story.label, story_slug=story.slug,
                           update=bool(story.update))
            if round_ == 0:
                why, number = why_it_matters(story, said)
                said.add(why)
                line = replace(line, why=why, why_number=number)
            elif line.text in said:  # already given as why it matters
                continue
            lines.append(line)
        if len(lines) >= TOP_LINE_MIN:
            break
    return tuple(lines)
