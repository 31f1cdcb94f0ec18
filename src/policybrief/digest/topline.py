"""How much a brief matters, and the top line: 3-5 sentences by maximal marginal relevance."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import PolicyBrief
from .grouping import sources_of
from .vectors import dense_similarity, term_rows, tfidf

TOP_LINE_MIN = 3
TOP_LINE_MAX = 5
MMR_LAMBDA = 0.65
MAX_CANDIDATES = 200
TOP_LINE_REDUNDANT = 0.5  # two top-line sentences this similar say the same thing
# Sentences that lean on the one before them read badly out of context.
DANGLING_RE = re.compile(
    r"^(?:this|that|these|those|it|its|they|their|he|she|his|her|thus|therefore|hence|"
    r"however|but|and|so|also|meanwhile|already|in addition|moreover|furthermore|"
    r"as a result|for example|such)\b",
    re.IGNORECASE,
)
# ...and so do sentences pointing back at something said before them.
BACK_REFERENCE_RE = re.compile(
    r"\b(?:them|they|these|those|the (?:former|latter|move|plan|policy))\b", re.IGNORECASE
)
LONG_SENTENCE_WORDS = 55

# --- 3. importance ------------------------------------------------------------------------


def importance(brief: PolicyBrief, centrality: float) -> float:
    """How much a brief matters today: coverage, completeness, prescriptions, centrality."""
    return (
        1.0 * (len(sources_of(brief)) - 1)
        + (0.0 if brief.excerpt else 1.0)
        + 0.15 * min(len(brief.recommendations), 3)
        + 0.1 * math.log1p(brief.word_count) / math.log(2000)
        + 1.0 * centrality
    )


# --- 4. top line --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    text: str
    brief: int  # index into the ordered briefs
    paragraph: int | None
    position: int  # the sentence's rank among its brief's candidates
    weight: float


def _quality(text: str) -> float:
    """How well a sentence stands alone, out of its article."""
    quality = 1.0
    if DANGLING_RE.match(text):
        quality -= 0.35
    if BACK_REFERENCE_RE.search(text):
        quality -= 0.2
    if len(text.split()) > LONG_SENTENCE_WORDS:
        quality -= 0.2
    if text.rstrip("”’\"') ").endswith("?"):
        quality -= 0.3
    return quality


def _candidates(briefs: Sequence[PolicyBrief], weights: Sequence[float]) -> list[_Candidate]:
    """Each brief's bottom line and key points, weighted by the brief's importance, the
    sentence's standing in the brief and how well it stands alone. The lead (the first key
    point in reading order) of a news story is usually its best self-contained summary."""
    top = max(weights, default=1.0) or 1.0
    candidates: list[_Candidate] = []
    for i, b in enumerate(briefs):
        lead = min(b.key_points, key=lambda p: p.paragraph, default=None)
        scored: dict[str, tuple[float, int | None]] = {}
        for n, p in enumerate(b.key_points):
            salience = 1.0 if p is lead else 0.8 - 0.05 * n
            scored[p.text] = (salience, p.paragraph)
        if b.bottom_line:
            paragraph = scored.get(b.bottom_line, (0.0, None))[1]
            salience = max(0.95, scored.get(b.bottom_line, (0.0, None))[0])
            scored[b.bottom_line] = (salience, paragraph)
        for position, (text, (salience, paragraph)) in enumerate(scored.items()):
            weight = (0.5 + 0.5 * weights[i] / top) * salience * _quality(text)
            candidates.append(_Candidate(text, i, paragraph, position, weight))
    return candidates


def top_line(briefs: Sequence[PolicyBrief], weights: Sequence[float]) -> list[_Candidate]:
    """3-5 sentences by maximal marginal relevance, in digest order.

    Each pick maximises ``λ·weight - (1-λ)·(similarity to the picks so far)``; a sentence
    at least ``TOP_LINE_REDUNDANT`` similar to a pick is never taken, and no brief gives a
    second sentence while another brief has given none. Of a digest with more than
    ``MAX_CANDIDATES`` sentences to choose from, the weightiest are the candidates (the
    similarities among all of a thousand briefs' sentences would cost O(n²) memory).
    """
    candidates = _candidates(briefs, weights)
    if not candidates:
        return []
    if len(candidates) > MAX_CANDIDATES:  # a big digest: only its weightiest can lead anyway
        keep = sorted(sorted(range(len(candidates)), key=lambda j: -candidates[j].weight)
                      [:MAX_CANDIDATES])
        candidates = [candidates[j] for j in keep]
    similarity = dense_similarity(tfidf(term_rows([c.text for c in candidates])))
    target = min(TOP_LINE_MAX, max(TOP_LINE_MIN, len(briefs)))
    chosen: list[int] = []
    per_brief: Counter[int] = Counter()
    while len(chosen) < target:
        best, pick = -math.inf, None
        for j, c in enumerate(candidates):
            if j in chosen:
                continue
            redundancy = max((float(similarity[j, k]) for k in chosen), default=0.0)
            if redundancy >= TOP_LINE_REDUNDANT:
                continue
            spread = 0.0
            if per_brief[c.brief]:
                spread = 0.3 * per_brief[c.brief] + (1.0 if len(per_brief) < len(briefs) else 0)
            score = MMR_LAMBDA * c.weight - (1 - MMR_LAMBDA) * redundancy - spread
            if score > best:
                best, pick = score, j
        if pick is None:
            break
        chosen.append(pick)
        per_brief[candidates[pick].brief] += 1
    return sorted((candidates[j] for j in chosen), key=lambda c: (c.brief, c.position))

